//! Every method read straight from its definition in docs/tally.md, as
//! plainly (and slowly) as possible, for the property tests in
//! `by_definition.rs` to hold [`tally`](super::tally) against. Nothing is
//! shared with the methods: not the profile, not the pairwise matrix, not
//! the tie-break; and no Floyd-Warshall.

/// A ballot as the tests generate it: a weight and a (possibly truncated)
/// ranking of option indices, best first.
pub(super) type Raw = (u32, Vec<usize>);

/// What a tally must report, in option indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Expected {
    /// Tiers best first, each in tie-break order.
    pub tiers: Vec<Vec<usize>>,
    /// The first `seats` options.
    pub winners: Vec<usize>,
    /// Whether a tier straddles the last seat.
    pub tie_broken: bool,
    /// Schulze only: `p[x][y]`, the strongest path from x to y.
    pub strongest: Option<Vec<Vec<u64>>>,
}

/// Where `o` stands on `ranking`: its index, or `n` when unlisted (every
/// unlisted option ties below every listed one).
fn place(ranking: &[usize], o: usize, n: usize) -> usize {
    ranking.iter().position(|&x| x == o).unwrap_or(n)
}

/// `d[x][y]`: weight of ballots ranking x above y.
pub(super) fn pairwise(n: usize, raw: &[Raw]) -> Vec<Vec<u64>> {
    let mut d = vec![vec![0u64; n]; n];
    for (w, ranking) in raw {
        let places: Vec<usize> = (0..n).map(|o| place(ranking, o, n)).collect();
        for x in 0..n {
            for y in 0..n {
                if places[x] < places[y] {
                    d[x][y] += u64::from(*w);
                }
            }
        }
    }
    d
}

/// `links[x][y]`: the margin d[x,y] - d[y,x] when positive, else 0.
pub(super) fn links(d: &[Vec<u64>]) -> Vec<Vec<u64>> {
    (0..d.len())
        .map(|x| {
            (0..d.len())
                .map(|y| d[x][y].saturating_sub(d[y][x]))
                .collect()
        })
        .collect()
}

/// `p[x][y]` by walking every simple path from x (exponential: small n
/// only). A path's strength is its weakest link; p is the strongest.
pub(super) fn strongest_by_enumeration(links: &[Vec<u64>]) -> Vec<Vec<u64>> {
    fn walk(links: &[Vec<u64>], at: usize, weakest: u64, seen: &mut Vec<bool>, best: &mut [u64]) {
        for next in 0..links.len() {
            let link = links[at][next];
            if link == 0 || seen[next] {
                continue;
            }
            let strength = weakest.min(link);
            best[next] = best[next].max(strength);
            seen[next] = true;
            walk(links, next, strength, seen, best);
            seen[next] = false;
        }
    }
    let n = links.len();
    (0..n)
        .map(|x| {
            let mut best = vec![0; n];
            let mut seen = vec![false; n];
            seen[x] = true;
            walk(links, x, u64::MAX, &mut seen, &mut best);
            best[x] = 0;
            best
        })
        .collect()
}

/// `p[x][y]` by growing paths one link at a time: after round k, `s[x][y]`
/// is the strongest path of at most k links; stop when a round adds
/// nothing (at the latest after n - 1 rounds, the longest simple path).
pub(super) fn strongest_by_growth(links: &[Vec<u64>]) -> Vec<Vec<u64>> {
    let n = links.len();
    let mut s = links.to_vec();
    loop {
        let mut longer = s.clone();
        for x in 0..n {
            for y in 0..n {
                for z in (0..n).filter(|&z| z != x) {
                    let through = s[x][y].min(links[y][z]);
                    longer[x][z] = longer[x][z].max(through);
                }
            }
        }
        if longer == s {
            return s;
        }
        s = longer;
    }
}

/// The Schulze tiers: first the options no option beats (p[y][x] >
/// p[x][y]), then, again and again, those beaten by no option not yet
/// placed. Each tier in option order.
pub(super) fn schulze_tiers(p: &[Vec<u64>]) -> Vec<Vec<usize>> {
    let mut left: Vec<usize> = (0..p.len()).collect();
    let mut tiers = Vec::new();
    while !left.is_empty() {
        let unbeaten: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&x| !left.iter().any(|&y| p[y][x] > p[x][y]))
            .collect();
        assert!(!unbeaten.is_empty(), "the Schulze relation has a cycle");
        left.retain(|o| !unbeaten.contains(o));
        tiers.push(unbeaten);
    }
    tiers
}

/// Options with equal figures share a tier, higher figures first.
pub(super) fn tiers_by_figure(figure: &[i128]) -> Vec<Vec<usize>> {
    let mut levels: Vec<i128> = figure.to_vec();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    levels
        .into_iter()
        .map(|level| (0..figure.len()).filter(|&o| figure[o] == level).collect())
        .collect()
}

/// Orders each tier by `secondary` (higher first, when there is one), then
/// option order; winners are the first `seats`; a tie is broken when a tier
/// holds both elected and unelected options.
pub(super) fn settle(tiers: Vec<Vec<usize>>, secondary: Option<&[u64]>, seats: usize) -> Expected {
    let tiers: Vec<Vec<usize>> = tiers
        .into_iter()
        .map(|mut tier| {
            tier.sort_by_key(|&o| (std::cmp::Reverse(secondary.map_or(0, |s| s[o])), o));
            tier
        })
        .collect();
    let winners: Vec<usize> = tiers.iter().flatten().copied().take(seats).collect();
    let mut before = 0;
    let mut tie_broken = false;
    for tier in &tiers {
        tie_broken |= before < seats && seats < before + tier.len();
        before += tier.len();
    }
    Expected {
        tiers,
        winners,
        tie_broken,
        strongest: None,
    }
}

/// Borda: the k-th listed option (k from 1) gets n - k points times the
/// weight; unlisted options get nothing.
pub(super) fn borda(n: usize, raw: &[Raw]) -> Vec<u64> {
    (0..n)
        .map(|o| {
            raw.iter()
                .filter_map(|(w, r)| {
                    let k = r.iter().position(|&x| x == o)? + 1;
                    Some(u64::from(*w) * (n - k) as u64)
                })
                .sum()
        })
        .collect()
}

/// Weight of ballots ranking each option first.
pub(super) fn firsts(n: usize, raw: &[Raw]) -> Vec<u64> {
    (0..n)
        .map(|o| {
            raw.iter()
                .filter(|(_, r)| r.first() == Some(&o))
                .map(|(w, _)| u64::from(*w))
                .sum()
        })
        .collect()
}

/// Copeland: contests won minus contests lost.
pub(super) fn copeland(d: &[Vec<u64>]) -> Vec<i128> {
    (0..d.len())
        .map(|x| {
            (0..d.len())
                .filter(|&y| y != x)
                .map(|y| match d[x][y].cmp(&d[y][x]) {
                    std::cmp::Ordering::Greater => 1,
                    std::cmp::Ordering::Less => -1,
                    std::cmp::Ordering::Equal => 0,
                })
                .sum()
        })
        .collect()
}

/// The expected result of `method` on the raw ballots, read as the tests'
/// `contest` does: approval approves the listed options, score gives 10 to
/// the first listed and one less per place (never below 0).
pub(super) fn expected(method: super::Method, n: usize, seats: usize, raw: &[Raw]) -> Expected {
    use super::Method;
    let wide = |v: Vec<u64>| v.into_iter().map(i128::from).collect::<Vec<_>>();
    match method {
        Method::Plurality => settle(
            tiers_by_figure(&wide(firsts(n, raw))),
            Some(&borda(n, raw)),
            seats,
        ),
        Method::Borda => settle(
            tiers_by_figure(&wide(borda(n, raw))),
            Some(&firsts(n, raw)),
            seats,
        ),
        Method::Approval => {
            let approvals = (0..n)
                .map(|o| {
                    raw.iter()
                        .filter(|(_, r)| r.contains(&o))
                        .map(|(w, _)| i128::from(*w))
                        .sum()
                })
                .collect::<Vec<i128>>();
            settle(tiers_by_figure(&approvals), None, seats)
        }
        Method::Score => {
            let totals = (0..n)
                .map(|o| {
                    raw.iter()
                        .filter_map(|(w, r)| {
                            let k = r.iter().position(|&x| x == o)?;
                            Some(i128::from(*w) * 10i128.saturating_sub(k as i128).max(0))
                        })
                        .sum()
                })
                .collect::<Vec<i128>>();
            settle(tiers_by_figure(&totals), None, seats)
        }
        Method::Copeland => settle(
            tiers_by_figure(&copeland(&pairwise(n, raw))),
            Some(&borda(n, raw)),
            seats,
        ),
        Method::Schulze => {
            let p = strongest_by_growth(&links(&pairwise(n, raw)));
            Expected {
                strongest: Some(p.clone()),
                ..settle(schulze_tiers(&p), Some(&borda(n, raw)), seats)
            }
        }
        Method::Irv => super::reference_irv::irv(n, seats, raw),
    }
}
