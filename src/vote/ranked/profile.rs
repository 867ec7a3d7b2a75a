//! Ballots folded into the few aggregates the methods read.
//!
//! 100,000 ballots typically hold a few hundred distinct rankings, so
//! identical rankings are grouped once and every method works on the groups.

use std::ops::Range;

use super::ballot::{Resolved, Resolver};
// The groups are keyed by whole rankings; ballot files come from the
// secretariat, not an adversary, so Fx hashing (one multiply per word)
// beats SipHash's flood resistance here.
use super::{BallotError, Contest};
use rustc_hash::{FxBuildHasher, FxHashMap};

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
    /// Total weight of all ballots.
    pub weight: u64,
}

impl Profile {
    /// Resolves and aggregates every ballot, stopping at the first bad one.
    pub fn build(contest: &Contest) -> Result<Self, BallotError> {
        let n = contest.options.len();
        let mut resolver = Resolver::new(contest.method, &contest.options);
        let mut groups = Groups::new(n, contest.ballots.len());
        let mut points = vec![0u64; n];
        let mut weight = 0u64;
        for (i, ballot) in contest.ballots.iter().enumerate() {
            let resolved = resolver
                .resolve(ballot)
                .map_err(|problem| BallotError { index: i, problem })?;
            let w = u64::from(ballot.weight);
            weight = weight.saturating_add(w);
            match resolved {
                Resolved::Ranking(ranking) => groups.add(ranking, w),
                Resolved::Approve(approved) => {
                    for &o in approved {
                        points[o] = points[o].saturating_add(w);
                    }
                }
                Resolved::Scores(scores) => {
                    for &(o, s) in scores {
                        points[o] = points[o].saturating_add(w.saturating_mul(s));
                    }
                }
            }
        }
        let (places, groups) = groups.flatten();
        Ok(Self {
            n,
            places,
            groups,
            points,
            weight,
        })
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

/// Identical rankings, grouped with their total weight.
enum Groups {
    /// Up to 15 options, a ranking packs into one word (four bits per
    /// place, option index + 1, so 0 ends the list): no allocation and a
    /// one-word hash per ballot.
    Packed(FxHashMap<u64, u64>),
    /// More options: the ranking itself is the key.
    Lists(FxHashMap<Vec<usize>, u64>),
}

impl Groups {
    const PACKED_MAX: usize = 15;

    fn new(n: usize, ballots: usize) -> Self {
        // Sized for the worst case of all-distinct rankings, within reason.
        let capacity = ballots.min(1 << 20);
        if n <= Self::PACKED_MAX {
            Self::Packed(FxHashMap::with_capacity_and_hasher(capacity, FxBuildHasher))
        } else {
            Self::Lists(FxHashMap::with_capacity_and_hasher(capacity, FxBuildHasher))
        }
    }

    fn add(&mut self, ranking: &[usize], w: u64) {
        let total = match self {
            Self::Packed(map) => {
                let key = ranking.iter().fold(0u64, |k, &o| (k << 4) | (o as u64 + 1));
                map.entry(key).or_insert(0)
            }
            Self::Lists(map) => match map.get_mut(ranking) {
                Some(total) => total,
                None => map.entry(ranking.to_vec()).or_insert(0),
            },
        };
        *total = total.saturating_add(w);
    }

    /// All rankings in one buffer, with each group's span and weight.
    fn flatten(self) -> (Vec<usize>, Vec<(Range<usize>, u64)>) {
        let mut places = Vec::new();
        let mut groups = Vec::new();
        let mut push = |ranking: &mut dyn Iterator<Item = usize>, w: u64| {
            let start = places.len();
            places.extend(ranking);
            groups.push((start..places.len(), w));
        };
        match self {
            Self::Packed(map) => {
                for (key, w) in map {
                    push(&mut unpack(key), w);
                }
            }
            Self::Lists(map) => {
                for (ranking, w) in map {
                    push(&mut ranking.into_iter(), w);
                }
            }
        }
        (places, groups)
    }
}

/// The places of a packed ranking, best first.
fn unpack(key: u64) -> impl Iterator<Item = usize> {
    let len = (u64::BITS - key.leading_zeros()).div_ceil(4);
    (0..len)
        .rev()
        .map(move |i| (((key >> (4 * i)) & 0xf) as usize).saturating_sub(1))
}
