//! Ballots counted as they arrive, already resolved to option positions:
//! identical rankings are grouped on the spot and approvals and scores
//! summed, so a reader can stream a million ballots through one box
//! without keeping any of them.

use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::{BallotKind, BallotProblem, MAX_SCORE, Method};

/// The marks of one ballot as option positions (indices into the options
/// list), borrowed from the reader's scratch space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compact<'a> {
    /// Positions, best first; unlisted options tie below all listed ones.
    Ranking(&'a [usize]),
    /// The approved positions.
    Approve(&'a [usize]),
    /// A score per position; missing options score 0. Signed so that a
    /// reader's out-of-range score is reported, not wrapped.
    Scores(&'a [(usize, i64)]),
}

impl Compact<'_> {
    /// The kind of marks.
    pub fn kind(&self) -> BallotKind {
        match self {
            Self::Ranking(_) => BallotKind::Ranking,
            Self::Approve(_) => BallotKind::Approve,
            Self::Scores(_) => BallotKind::Scores,
        }
    }
}

/// Every ballot of one contest, counted as it is cast: what the methods
/// read (distinct rankings with their weight, or points per option) and
/// how many ballots of what total weight went in. Its memory grows with
/// the distinct rankings, not with the ballots.
#[derive(Debug, Clone)]
pub struct BallotBox {
    method: Method,
    options: Vec<String>,
    groups: Groups,
    /// Approvals or weighted score totals per option.
    points: Vec<u64>,
    weight: u64,
    ballots: usize,
    /// `seen[o] == stamp` when option `o` already appeared on the ballot
    /// being cast: duplicates are found without allocating per ballot.
    seen: Vec<u64>,
    stamp: u64,
}

impl BallotBox {
    /// An empty box for a contest of `method` over `options` (ids in the
    /// order of the options list; they name options in problems).
    pub fn new(method: Method, options: Vec<String>) -> Self {
        Self::with_capacity(method, options, 0)
    }

    /// An empty box expecting about `ballots` ballots.
    pub fn with_capacity(method: Method, options: Vec<String>, ballots: usize) -> Self {
        let n = options.len();
        Self {
            method,
            groups: Groups::new(n, ballots),
            points: vec![0; n],
            weight: 0,
            ballots: 0,
            seen: vec![0; n],
            stamp: 0,
            options,
        }
    }

    /// Checks one ballot and counts it; a bad ballot changes nothing.
    pub fn cast(&mut self, weight: u32, marks: Compact<'_>) -> Result<(), BallotProblem> {
        let expected = self.method.ballot_kind();
        if marks.kind() != expected {
            return Err(BallotProblem::WrongKind {
                method: self.method,
                expected,
                found: marks.kind(),
            });
        }
        if weight == 0 {
            return Err(BallotProblem::ZeroWeight);
        }
        let w = u64::from(weight);
        match marks {
            Compact::Ranking(ranking) => {
                self.distinct(ranking)?;
                self.groups.add(ranking, w);
            }
            Compact::Approve(approved) => {
                self.distinct(approved)?;
                for &o in approved {
                    self.points[o] = self.points[o].saturating_add(w);
                }
            }
            Compact::Scores(scores) => {
                // Checked whole before anything is added, so that a bad
                // ballot leaves the totals as they were.
                self.stamp += 1;
                for &(o, score) in scores {
                    self.mark(o)?;
                    if !(0..=MAX_SCORE).contains(&score) {
                        return Err(BallotProblem::ScoreOutOfRange {
                            option: self.options[o].clone(),
                            score,
                        });
                    }
                }
                for &(o, score) in scores {
                    let s = score.unsigned_abs();
                    self.points[o] = self.points[o].saturating_add(w.saturating_mul(s));
                }
            }
        }
        self.weight = self.weight.saturating_add(w);
        self.ballots += 1;
        Ok(())
    }

    /// Positions within the options and none twice.
    fn distinct(&mut self, positions: &[usize]) -> Result<(), BallotProblem> {
        self.stamp += 1;
        positions.iter().try_for_each(|&o| self.mark(o))
    }

    /// Marks position `o` as seen on the current ballot (see `stamp`).
    fn mark(&mut self, o: usize) -> Result<(), BallotProblem> {
        let Some(seen) = self.seen.get_mut(o) else {
            return Err(BallotProblem::UnknownOption(format!("number {}", o + 1)));
        };
        if std::mem::replace(seen, self.stamp) == self.stamp {
            return Err(BallotProblem::Duplicate(self.options[o].clone()));
        }
        Ok(())
    }

    /// The method the box counts for.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The option ids, in the order of the options list.
    pub fn options(&self) -> &[String] {
        &self.options
    }

    /// How many ballots were counted.
    pub fn ballots(&self) -> usize {
        self.ballots
    }

    /// Their total weight.
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// How many distinct rankings were cast (0 for approval and score).
    pub fn distinct_rankings(&self) -> usize {
        self.groups.len()
    }

    pub(super) fn points(&self) -> &[u64] {
        &self.points
    }

    /// All distinct rankings in one buffer, with each one's span in it and
    /// its total weight.
    pub(super) fn rankings(&self) -> (Vec<usize>, Vec<(Range<usize>, u64)>) {
        self.groups.flatten()
    }
}

/// Identical rankings, grouped with their total weight.
// The groups are keyed by whole rankings; ballot files come from the
// secretariat, not an adversary, so Fx hashing (one multiply per word)
// beats SipHash's flood resistance here.
#[derive(Debug, Clone)]
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
        // Real ballots repeat themselves (a few thousand distinct rankings
        // in 100,000 ballots): a small table stays in cache and grows when
        // it must, where one sized for the ballots would miss on every one.
        let capacity = ballots.min(1 << 12);
        if n <= Self::PACKED_MAX {
            Self::Packed(FxHashMap::with_capacity_and_hasher(capacity, FxBuildHasher))
        } else {
            Self::Lists(FxHashMap::with_capacity_and_hasher(capacity, FxBuildHasher))
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Packed(map) => map.len(),
            Self::Lists(map) => map.len(),
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

    fn flatten(&self) -> (Vec<usize>, Vec<(Range<usize>, u64)>) {
        let mut places = Vec::new();
        let mut groups = Vec::with_capacity(self.len());
        let mut push = |ranking: &mut dyn Iterator<Item = usize>, w: u64| {
            let start = places.len();
            places.extend(ranking);
            groups.push((start..places.len(), w));
        };
        match self {
            Self::Packed(map) => {
                for (&key, &w) in map {
                    push(&mut unpack(key), w);
                }
            }
            Self::Lists(map) => {
                for (ranking, &w) in map {
                    push(&mut ranking.iter().copied(), w);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("o{i}")).collect()
    }

    #[test]
    fn identical_rankings_share_one_group() {
        let mut b = BallotBox::new(Method::Schulze, names(3));
        for _ in 0..1000 {
            b.cast(2, Compact::Ranking(&[2, 0])).expect("valid");
        }
        b.cast(1, Compact::Ranking(&[0])).expect("valid");
        assert_eq!(
            (b.ballots(), b.weight(), b.distinct_rankings()),
            (1001, 2001, 2)
        );
    }

    #[test]
    fn a_bad_ballot_is_refused_and_not_counted() {
        let mut b = BallotBox::new(Method::Borda, names(3));
        let cases = [
            (
                1,
                Compact::Ranking(&[1, 1]),
                BallotProblem::Duplicate("o1".into()),
            ),
            (0, Compact::Ranking(&[1]), BallotProblem::ZeroWeight),
            (
                1,
                Compact::Ranking(&[3]),
                BallotProblem::UnknownOption("number 4".into()),
            ),
        ];
        for (weight, marks, problem) in cases {
            assert_eq!(b.cast(weight, marks), Err(problem));
        }
        let wrong = b.cast(1, Compact::Approve(&[0]));
        assert!(
            matches!(wrong, Err(BallotProblem::WrongKind { .. })),
            "{wrong:?}"
        );
        assert_eq!((b.ballots(), b.weight()), (0, 0));
    }

    #[test]
    fn scores_are_summed_by_weight_and_checked_whole() {
        let mut b = BallotBox::new(Method::Score, names(2));
        b.cast(3, Compact::Scores(&[(0, 4), (1, 10)]))
            .expect("valid");
        let out = b.cast(1, Compact::Scores(&[(0, 5), (1, 11)]));
        assert_eq!(
            out,
            Err(BallotProblem::ScoreOutOfRange {
                option: "o1".into(),
                score: 11
            })
        );
        assert_eq!(b.points(), [12, 30]);
    }

    #[test]
    fn more_than_fifteen_options_group_by_list() {
        let mut b = BallotBox::new(Method::Irv, names(20));
        b.cast(1, Compact::Ranking(&[19, 3])).expect("valid");
        b.cast(1, Compact::Ranking(&[19, 3])).expect("valid");
        let (places, groups) = b.rankings();
        assert_eq!((places, groups), (vec![19, 3], vec![(0..2, 2)]));
    }
}
