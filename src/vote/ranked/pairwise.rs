//! Condorcet methods, both read from the pairwise matrix: Schulze and
//! Copeland. Ties are broken by Borda points of the same ballots.

use super::order::{Ordered, Secondary, names, order, settle};
use super::profile::Profile;
use super::result::{CopelandScore, Figures, OptionMap, matrix};

/// Schulze on margins, with a Floyd-Warshall widest-path pass (O(n^3) on
/// the options, independent of the number of ballots).
pub(super) fn schulze(profile: &Profile, seats: usize, options: &[String]) -> (Ordered, Figures) {
    let n = profile.n;
    let d = profile.pairwise();
    let mut p = vec![0u64; n * n];
    for x in 0..n {
        for y in 0..n {
            if x != y {
                p[x * n + y] = d[x * n + y].saturating_sub(d[y * n + x]);
            }
        }
    }
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            let ji = p[j * n + i];
            if ji == 0 {
                continue;
            }
            for k in (0..n).filter(|&k| k != i && k != j) {
                let through = ji.min(p[i * n + k]);
                if through > p[j * n + k] {
                    p[j * n + k] = through;
                }
            }
        }
    }
    let borda = profile.borda();
    let secondary = Secondary {
        name: "Borda points",
        values: &borda,
    };
    let tied = |tier: &[usize], place: usize| {
        let why = if place == 1 {
            "no option beats them by beat-paths"
        } else {
            "only options placed above beat them by beat-paths"
        };
        format!("{} tied for place {place} ({why})", names(options, tier))
    };
    let ordered = settle(schulze_tiers(n, &p), tied, Some(secondary), seats, options);
    let figures = Figures::Schulze {
        pairwise: matrix(options, &d),
        strongest_paths: matrix(options, &p),
    };
    (ordered, figures)
}

/// The Schulze order in tiers, from the strongest paths `p` (row-major).
///
/// x beats y when `p[x][y] > p[y][x]`. That relation is transitive
/// (Schulze proved it) but incomparability is not: two options
/// nobody beats may beat different numbers of options, so tiers cannot be
/// read off a count of wins. The first tier is every option no option
/// beats (the Schulze winners); each next tier, every option beaten by no
/// option not yet placed. Each tier comes in option order. O(n^2), by
/// counting for each option the unplaced options that beat it.
fn schulze_tiers(n: usize, p: &[u64]) -> Vec<Vec<usize>> {
    let beats = |x: usize, y: usize| p[x * n + y] > p[y * n + x];
    let mut beaten_by: Vec<usize> = (0..n)
        .map(|y| (0..n).filter(|&x| beats(x, y)).count())
        .collect();
    let mut placed = vec![false; n];
    let mut left = n;
    let mut tiers = Vec::new();
    while left > 0 {
        let mut tier: Vec<usize> = (0..n)
            .filter(|&o| !placed[o] && beaten_by[o] == 0)
            .collect();
        if tier.is_empty() {
            // Only a cycle of beats could leave every unplaced option
            // beaten, and transitivity rules that out; should it happen,
            // the rest share a tier rather than loop.
            tier = (0..n).filter(|&o| !placed[o]).collect();
        }
        for &x in &tier {
            placed[x] = true;
        }
        for &x in &tier {
            for (y, count) in beaten_by.iter_mut().enumerate() {
                if beats(x, y) {
                    *count -= 1;
                }
            }
        }
        left -= tier.len();
        tiers.push(tier);
    }
    tiers
}

/// Copeland: pairwise wins minus pairwise losses.
pub(super) fn copeland(profile: &Profile, seats: usize, options: &[String]) -> (Ordered, Figures) {
    let n = profile.n;
    let d = profile.pairwise();
    let records: Vec<CopelandScore> = (0..n)
        .map(|x| {
            let mut r = CopelandScore {
                wins: 0,
                losses: 0,
                ties: 0,
                score: 0,
            };
            for y in (0..n).filter(|&y| y != x) {
                match d[x * n + y].cmp(&d[y * n + x]) {
                    std::cmp::Ordering::Greater => r.wins += 1,
                    std::cmp::Ordering::Less => r.losses += 1,
                    std::cmp::Ordering::Equal => r.ties += 1,
                }
            }
            r.score = i64::from(r.wins) - i64::from(r.losses);
            r
        })
        .collect();
    let scores: Vec<i64> = records.iter().map(|r| r.score).collect();
    let borda = profile.borda();
    let secondary = Secondary {
        name: "Borda points",
        values: &borda,
    };
    let ordered = order("Copeland score", &scores, Some(secondary), seats, options);
    let figures = Figures::Copeland {
        pairwise: matrix(options, &d),
        copeland: OptionMap::new(options, records),
    };
    (ordered, figures)
}
