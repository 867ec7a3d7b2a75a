//! Ballots folded into the few aggregates the methods read.
//!
//! 100,000 ballots typically hold a few hundred distinct rankings, so
//! identical rankings are grouped once (in the [`BallotBox`], as they are
//! cast) and every method works on the groups.

use std::ops::Range;

use super::ballot::Resolver;
use super::ballot_box::BallotBox;
use super::{BallotError, Contest};

/// The aggregated ballots of one contest.
pub(super) struct Profile {
    /// Number of options.
    pub n: usize,
    /// Distinct rankings, concatenated (ranked methods only).
    places: Vec<usize>,
    /// Each distinct ranking's span in `places`, and its total weight.
    groups: Vec<(Range<usize>, u64)>,
    /// Approvals or weighted score totals per option (approval and score).
    pub points: Vec<u64>,
}

impl Profile {
    /// Resolves and counts every ballot, stopping at the first bad one.
    pub fn cast_all(contest: &Contest) -> Result<BallotBox, BallotError> {
        let mut resolver = Resolver::new(&contest.options);
        let mut ballots = BallotBox::with_capacity(
            contest.method,
            contest.options.clone(),
            contest.ballots.len(),
        );
        for (i, ballot) in contest.ballots.iter().enumerate() {
            resolver
                .resolve(ballot)
                .and_then(|marks| ballots.cast(ballot.weight, marks))
                .map_err(|problem| BallotError { index: i, problem })?;
        }
        Ok(ballots)
    }

    /// The aggregates of the ballots in `ballots`.
    pub fn of(ballots: &BallotBox) -> Self {
        let (places, groups) = ballots.rankings();
        Self {
            n: ballots.options().len(),
            places,
            groups,
            points: ballots.points().to_vec(),
        }
    }

    /// Each distinct ranking with the total weight of the ballots cast so.
    pub fn rankings(&self) -> impl Iterator<Item = (&[usize], u64)> {
        self.groups
            .iter()
            .map(|(span, w)| (self.places.get(span.clone()).unwrap_or(&[]), *w))
    }

    /// Weight of ballots ranking each option first.
    pub fn first_preferences(&self) -> Vec<u64> {
        let mut firsts = vec![0u64; self.n];
        for (ranking, w) in self.rankings() {
            if let Some(&first) = ranking.first() {
                firsts[first] = firsts[first].saturating_add(w);
            }
        }
        firsts
    }

    /// Borda points: `n-1` for first place down to `n-k` for the k-th
    /// listed option; unlisted options get 0.
    pub fn borda(&self) -> Vec<u64> {
        let mut points = vec![0u64; self.n];
        for (ranking, w) in self.rankings() {
            for (place, &o) in ranking.iter().enumerate() {
                let p = (self.n - 1 - place) as u64;
                points[o] = points[o].saturating_add(p.saturating_mul(w));
            }
        }
        points
    }

    /// `d[x * n + y]`: weight of ballots preferring x to y. A listed option
    /// beats every unlisted one; unlisted options are level with each other.
    pub fn pairwise(&self) -> Vec<u64> {
        let n = self.n;
        let mut d = vec![0u64; n * n];
        // Place of each option on the current ballot; unlisted = n.
        let mut place = vec![n; n];
        for (ranking, w) in self.rankings() {
            place.iter_mut().for_each(|p| *p = n);
            for (p, &x) in ranking.iter().enumerate() {
                place[x] = p;
            }
            for &x in ranking {
                let px = place[x];
                let row = &mut d[x * n..(x + 1) * n];
                // Branch-free so the compiler can vectorise the row; a sum
                // of u32 weights cannot reach 2^64, so wrapping never wraps.
                for (cell, &py) in row.iter_mut().zip(&place) {
                    *cell = cell.wrapping_add(w * u64::from(px < py));
                }
            }
        }
        d
    }
}
