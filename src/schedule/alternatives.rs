//! Alternatives (SPEC 2): besides the ranked list, the best slot of each
//! distinct time of day in the range, so the trade-off between regions is
//! visible even when one time of day wins on every weekday.
//!
//! 1. For each UTC time of day on the step grid, its best candidate over
//!    the whole range, by the ranking's key.
//! 2. Times of day whose best candidates leave the same members outside
//!    hours are one alternative: the best of them.
//! 3. An alternative whose outside members include all of another's, and
//!    more, is dropped: the other is better for everyone it leaves out and
//!    no worse for anyone else. What remains are the real choices: each
//!    leaves out a set of members that no other alternative improves on.
//!
//! Ordered best first, by the ranking's key.

use super::rank::Sweep;

/// Candidate indices of the alternatives of `sweep`, best first.
pub(crate) fn alternatives(sweep: &Sweep) -> Vec<usize> {
    let grid = sweep.grid;
    let per_day = (86_400 / grid.step).max(1) as usize;
    let mut best: Vec<Option<usize>> = vec![None; per_day];
    for k in 0..grid.len {
        let tod = (grid.start(k).rem_euclid(86_400) / grid.step) as usize % per_day;
        match best[tod] {
            Some(b) if sweep.key(b) <= sweep.key(k) => {}
            _ => best[tod] = Some(k),
        }
    }
    let words = sweep.profiles.len().div_ceil(64).max(1);
    let outside = |k: usize| -> Vec<u64> {
        let mut bits = vec![0u64; words];
        for p in 0..sweep.profiles.len() {
            if !sweep.is_inside(p, k) {
                bits[p / 64] |= 1 << (p % 64);
            }
        }
        bits
    };
    let mut kept: Vec<(Vec<u64>, usize)> = Vec::new();
    for k in best.into_iter().flatten() {
        let set = outside(k);
        match kept.iter_mut().find(|(s, _)| *s == set) {
            Some((_, b)) if sweep.key(*b) <= sweep.key(k) => {}
            Some((_, b)) => *b = k,
            None => kept.push((set, k)),
        }
    }
    let strict_subset = |a: &[u64], b: &[u64]| a != b && a.iter().zip(b).all(|(x, y)| x & !y == 0);
    let mut result: Vec<usize> = kept
        .iter()
        .filter(|(set, _)| !kept.iter().any(|(other, _)| strict_subset(other, set)))
        .map(|(_, k)| *k)
        .collect();
    result.sort_unstable_by_key(|&k| sweep.key(k));
    result
}
