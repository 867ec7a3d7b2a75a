//! Condorcet methods, both read from the pairwise matrix: Schulze and
//! Copeland. Ties are broken by Borda points of the same ballots.

use super::order::{Ordered, Secondary, order};
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
    // The Schulze relation is a strict weak order, so the number of options
    // an option beats places it in exactly its tier.
    let beats: Vec<u64> = (0..n)
        .map(|x| (0..n).filter(|&y| p[x * n + y] > p[y * n + x]).count() as u64)
        .collect();
    let borda = profile.borda();
    let secondary = Secondary {
        name: "Borda points",
        values: &borda,
    };
    let ordered = order(
        "options beaten by beat-paths",
        &beats,
        Some(secondary),
        seats,
        options,
    );
    let figures = Figures::Schulze {
        pairwise: matrix(options, &d),
        strongest_paths: matrix(options, &p),
    };
    (ordered, figures)
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
