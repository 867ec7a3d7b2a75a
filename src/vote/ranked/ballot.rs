//! Ballots for ranked methods, and the checks that reject a bad one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Method;
use super::ballot_box::Compact;
use rustc_hash::FxHashMap;

/// The highest score a score ballot may give (SPEC 3.2: 0 to 10).
pub const MAX_SCORE: i64 = 10;

/// One member's ballot: a weight and the marks made on it.
///
/// Its serde form is the `[[ballots]]` table of a ballot file:
/// `{voter?, weight?, ranking | approve | scores}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// Who cast it, when known; only for the record, never for counting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voter: Option<String>,
    /// How many votes it carries (the member's weight; default 1).
    #[serde(default = "one")]
    pub weight: u32,
    /// What the voter marked.
    #[serde(flatten)]
    pub marks: Marks,
}

fn one() -> u32 {
    1
}

/// What a ballot says, in the form its method asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Marks {
    /// Option ids, best first; unlisted options tie below all listed ones.
    Ranking(Vec<String>),
    /// The option ids the voter approves of.
    Approve(Vec<String>),
    /// A score per option id; missing options score 0. Kept signed so that
    /// a negative score in a file is reported rather than lost in parsing.
    Scores(BTreeMap<String, i64>),
}

/// The kind of marks a method reads, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BallotKind {
    /// A `ranking` list.
    Ranking,
    /// An `approve` list.
    Approve,
    /// A `scores` table.
    Scores,
}

impl BallotKind {
    /// The key a ballot file uses for this kind.
    pub fn key(self) -> &'static str {
        match self {
            Self::Ranking => "ranking",
            Self::Approve => "approve",
            Self::Scores => "scores",
        }
    }
}

impl Ballot {
    /// A ranking ballot of weight 1.
    pub fn ranking<S: Into<String>>(options: impl IntoIterator<Item = S>) -> Self {
        Self::unweighted(Marks::Ranking(
            options.into_iter().map(Into::into).collect(),
        ))
    }

    /// An approval ballot of weight 1.
    pub fn approve<S: Into<String>>(options: impl IntoIterator<Item = S>) -> Self {
        Self::unweighted(Marks::Approve(
            options.into_iter().map(Into::into).collect(),
        ))
    }

    /// A score ballot of weight 1.
    pub fn scores<S: Into<String>>(scores: impl IntoIterator<Item = (S, i64)>) -> Self {
        let scores = scores.into_iter().map(|(o, s)| (o.into(), s)).collect();
        Self::unweighted(Marks::Scores(scores))
    }

    /// The same ballot carrying `weight` votes.
    pub fn weighted(mut self, weight: u32) -> Self {
        self.weight = weight;
        self
    }

    /// The kind of marks on this ballot.
    pub fn kind(&self) -> BallotKind {
        match self.marks {
            Marks::Ranking(_) => BallotKind::Ranking,
            Marks::Approve(_) => BallotKind::Approve,
            Marks::Scores(_) => BallotKind::Scores,
        }
    }

    fn unweighted(marks: Marks) -> Self {
        Self {
            voter: None,
            weight: 1,
            marks,
        }
    }
}

/// A ballot that cannot be counted, with its position in the input so the
/// caller can point at the line it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ballot {index}: {problem}")]
pub struct BallotError {
    /// Zero-based position of the ballot in the input.
    pub index: usize,
    /// What is wrong with it.
    pub problem: BallotProblem,
}

/// What is wrong with a ballot; the message omits the ballot's position so
/// a caller can prefix its own `path:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotProblem {
    /// The ballot names an option that is not on the list.
    #[error("unknown option `{0}`")]
    UnknownOption(String),
    /// The ballot names the same option twice.
    #[error("option `{0}` appears twice")]
    Duplicate(String),
    /// A score outside 0..=10.
    #[error("score {score} for `{option}` is outside 0 to 10")]
    ScoreOutOfRange {
        /// The option scored.
        option: String,
        /// The score given.
        score: i64,
    },
    /// The ballot's marks do not fit the method.
    #[error("{method} needs a `{}` ballot, not `{}`", expected.key(), found.key())]
    WrongKind {
        /// The method being tallied.
        method: Method,
        /// The kind of ballot it reads.
        expected: BallotKind,
        /// The kind found.
        found: BallotKind,
    },
    /// A ballot that carries no votes is almost certainly a mistake.
    #[error("weight must be at least 1")]
    ZeroWeight,
}

/// Resolves ballots' option ids to positions in the option list, keeping
/// its scratch space between ballots so that a large tally does not
/// allocate per ballot. The [`BallotBox`](super::BallotBox) checks the rest.
pub(super) struct Resolver<'a> {
    options: FxHashMap<&'a str, usize>,
    ids: Vec<usize>,
    scores: Vec<(usize, i64)>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(options: &'a [String]) -> Self {
        Self {
            options: options
                .iter()
                .enumerate()
                .map(|(i, o)| (o.as_str(), i))
                .collect(),
            ids: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// One ballot's marks as option positions.
    pub(super) fn resolve(&mut self, ballot: &Ballot) -> Result<Compact<'_>, BallotProblem> {
        match &ballot.marks {
            Marks::Ranking(ids) => {
                self.ids(ids)?;
                Ok(Compact::Ranking(&self.ids))
            }
            Marks::Approve(ids) => {
                self.ids(ids)?;
                Ok(Compact::Approve(&self.ids))
            }
            Marks::Scores(scores) => {
                self.scores.clear();
                for (id, &score) in scores {
                    let index = self.find(id)?;
                    self.scores.push((index, score));
                }
                Ok(Compact::Scores(&self.scores))
            }
        }
    }

    fn ids(&mut self, ids: &[String]) -> Result<(), BallotProblem> {
        self.ids.clear();
        for id in ids {
            let index = self.find(id)?;
            self.ids.push(index);
        }
        Ok(())
    }

    fn find(&self, id: &str) -> Result<usize, BallotProblem> {
        self.options
            .get(id)
            .copied()
            .ok_or_else(|| BallotProblem::UnknownOption(id.to_owned()))
    }
}
