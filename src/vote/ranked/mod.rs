//! Ranked methods (SPEC 3.2): plurality, approval, Borda, IRV, Schulze,
//! Copeland and score, over weighted ballots.
//!
//! Build a [`Contest`], call [`tally`], get a [`RankingResult`] that
//! serializes to the `plenary tally --format json` shape. Nothing here reads
//! files: the caller maps a [`BallotError`]'s index back to a line.
//!
//! # Definitions
//!
//! - **plurality**: weight of ballots ranking an option first (an empty
//!   ranking abstains).
//! - **approval**: weight of ballots approving an option.
//! - **borda**: on a ranking, the k-th listed option (k from 1) gets
//!   `n - k` points, `n` being the number of options; unlisted options get
//!   0. A truncated ballot thus gives its listed options the points they
//!   would get on a full ballot and nothing to the rest.
//! - **score**: weighted sum of scores (0 to 10, missing = 0).
//! - **schulze**: strongest beat-paths on pairwise *margins*
//!   `d[x,y] - d[y,x]` (only positive margins are links); x beats y when
//!   the path from x to y is stronger than the path back. That relation,
//!   computed once over all options, is transitive; the first tier is
//!   every option nobody beats (the Schulze winners), each next tier every
//!   option beaten by no option not yet placed.
//! - **copeland**: pairwise wins minus pairwise losses (level contests
//!   count for neither).
//! - **irv**: each round counts every ballot for its highest continuing
//!   option; an option with more than half of the non-exhausted weight
//!   wins, otherwise the option with the fewest votes is eliminated
//!   (options with no votes at all are eliminated together, which changes
//!   nothing but shortens the count). The count also stops when the last
//!   two options are level, or when every ballot is exhausted; the options
//!   still in the count then share the top tier. The `ranking` is the
//!   winner, then the other continuing options by final count, then the
//!   eliminated options, last eliminated first. With `seats > 1` IRV is
//!   sequential: the count is repeated without the earlier winners, one
//!   run per seat; the ranking lists the winners one tier each, then the
//!   last run's ranking.
//!
//! In pairwise methods (schulze, copeland) a listed option beats every
//! unlisted one, and unlisted options are level with each other.
//!
//! # Tie-breaks
//!
//! Options with equal figures (for Schulze: options its definition puts
//! level) share a tier of `ranking`. When a tier straddles the last seat, it is ordered by a secondary figure, then by
//! the order of `options` (earlier wins), `tie_broken` is true and
//! `details.tie_break` says how:
//!
//! | method                        | secondary figure                 |
//! |-------------------------------|----------------------------------|
//! | plurality, schulze, copeland  | Borda points of the same ballots |
//! | borda                         | first preferences                |
//! | approval, score               | none: option order only          |
//!
//! IRV breaks a tie for elimination (and a level top tier) backwards: the
//! tied option with fewer votes in the latest earlier round where the tied
//! options differ is eliminated; if they never differ, the option later in
//! `options` goes. Every such break sets `tie_broken` and is described.

mod ballot;
mod ballot_box;
mod irv;
mod order;
mod pairwise;
mod points;
mod profile;
mod result;

#[cfg(test)]
mod by_definition;
#[cfg(test)]
mod props;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod reference_irv;
#[cfg(test)]
mod schulze_examples;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use ballot::{Ballot, BallotError, BallotKind, BallotProblem, MAX_SCORE, Marks};
pub use ballot_box::{BallotBox, Compact};
pub use result::{CopelandScore, Details, Figures, IrvRound, IrvRun, OptionMap, RankingResult};

use order::Ordered;
use profile::Profile;

/// A ranked voting method (the `method` key of a ranking item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Most first preferences.
    Plurality,
    /// Most approvals.
    Approval,
    /// Most Borda points.
    Borda,
    /// Instant-runoff voting.
    Irv,
    /// Schulze beat-paths.
    Schulze,
    /// Copeland pairwise record.
    Copeland,
    /// Highest total score.
    Score,
}

impl Method {
    /// Every method, in the order the SPEC lists them.
    pub const ALL: [Method; 7] = [
        Self::Plurality,
        Self::Approval,
        Self::Borda,
        Self::Irv,
        Self::Schulze,
        Self::Copeland,
        Self::Score,
    ];

    /// The method with this name, as written in agendas and ballot files.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The name used in agendas and ballot files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Plurality => "plurality",
            Self::Approval => "approval",
            Self::Borda => "borda",
            Self::Irv => "irv",
            Self::Schulze => "schulze",
            Self::Copeland => "copeland",
            Self::Score => "score",
        }
    }

    /// The kind of ballot this method reads.
    pub fn ballot_kind(self) -> BallotKind {
        match self {
            Self::Approval => BallotKind::Approve,
            Self::Score => BallotKind::Scores,
            _ => BallotKind::Ranking,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything a tally needs: the method, the options in agenda order (the
/// last tie-break), the number of seats, and the ballots.
///
/// Its serde form is the ballot file of `plenary tally` (SPEC 3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contest {
    /// The method.
    pub method: Method,
    /// Option ids, in the order the agenda or ballot file gives them.
    pub options: Vec<String>,
    /// How many options are adopted (default 1).
    #[serde(default = "one_seat")]
    pub seats: usize,
    /// The ballots.
    #[serde(default)]
    pub ballots: Vec<Ballot>,
}

fn one_seat() -> usize {
    1
}

/// Options present and distinct, seats from 1 to the number of options.
fn check_head(options: &[String], seats: usize) -> Result<(), TallyError> {
    if options.is_empty() {
        return Err(TallyError::NoOptions);
    }
    let mut seen = rustc_hash::FxHashSet::default();
    if let Some(twice) = options.iter().find(|o| !seen.insert(o.as_str())) {
        return Err(TallyError::DuplicateOption(twice.clone()));
    }
    if seats == 0 {
        return Err(TallyError::NoSeats);
    }
    if seats > options.len() {
        return Err(TallyError::TooManySeats {
            seats,
            options: options.len(),
        });
    }
    Ok(())
}

/// Why a contest cannot be tallied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    /// There is nothing to choose from.
    #[error("there are no options to rank")]
    NoOptions,
    /// An option id is listed twice.
    #[error("option `{0}` is listed twice")]
    DuplicateOption(String),
    /// Zero seats would elect nobody.
    #[error("seats must be at least 1")]
    NoSeats,
    /// More seats than options.
    #[error("{seats} seats but only {options} options")]
    TooManySeats {
        /// Seats asked for.
        seats: usize,
        /// Options available.
        options: usize,
    },
    /// No ballots were cast.
    #[error("there are no ballots to tally")]
    NoBallots,
    /// A ballot is invalid; nothing is tallied.
    #[error(transparent)]
    Ballot(#[from] BallotError),
}

impl Contest {
    /// A contest for one seat with no ballots yet.
    pub fn new<S: Into<String>>(method: Method, options: impl IntoIterator<Item = S>) -> Self {
        Self {
            method,
            options: options.into_iter().map(Into::into).collect(),
            seats: 1,
            ballots: Vec::new(),
        }
    }

    /// Checks options, seats and the presence of ballots (not the ballots
    /// themselves: see [`Contest::ballot_errors`]).
    pub fn check(&self) -> Result<(), TallyError> {
        check_head(&self.options, self.seats)?;
        if self.ballots.is_empty() {
            return Err(TallyError::NoBallots);
        }
        Ok(())
    }

    /// Every invalid ballot, in input order, so a checker can list them all.
    pub fn ballot_errors(&self) -> Vec<BallotError> {
        let mut resolver = ballot::Resolver::new(&self.options);
        let mut scratch = BallotBox::new(self.method, self.options.clone());
        self.ballots
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                resolver
                    .resolve(b)
                    .and_then(|marks| scratch.cast(b.weight, marks))
                    .err()
                    .map(|problem| BallotError { index: i, problem })
            })
            .collect()
    }
}

/// Tallies a contest. Fails, tallying nothing, on the first invalid ballot
/// or an impossible contest (no options, no ballots, too many seats).
pub fn tally(contest: &Contest) -> Result<RankingResult, TallyError> {
    contest.check()?;
    let ballots = Profile::cast_all(contest)?;
    tally_box(&ballots, contest.seats)
}

/// Tallies ballots already counted into a box, for `seats` seats. Fails on
/// an impossible contest (no options, no ballots, too many seats).
pub fn tally_box(ballots: &BallotBox, seats: usize) -> Result<RankingResult, TallyError> {
    let options = ballots.options();
    check_head(options, seats)?;
    if ballots.ballots() == 0 {
        return Err(TallyError::NoBallots);
    }
    let profile = Profile::of(ballots);
    let method = ballots.method();
    let (ordered, figures) = match method {
        Method::Plurality => points::plurality(&profile, seats, options),
        Method::Approval => points::totals("approvals", &profile, seats, options),
        Method::Score => points::totals("total score", &profile, seats, options),
        Method::Borda => points::borda(&profile, seats, options),
        Method::Irv => irv::irv(&profile, seats, options),
        Method::Schulze => pairwise::schulze(&profile, seats, options),
        Method::Copeland => pairwise::copeland(&profile, seats, options),
    };
    Ok(finish(method, options, seats, ballots, ordered, figures))
}

fn finish(
    method: Method,
    options: &[String],
    seats: usize,
    ballots: &BallotBox,
    ordered: Ordered,
    figures: Figures,
) -> RankingResult {
    let name = |&o: &usize| options[o].clone();
    let winners = ordered
        .tiers
        .iter()
        .flatten()
        .take(seats)
        .map(name)
        .collect();
    let ranking = ordered
        .tiers
        .iter()
        .map(|tier| tier.iter().map(name).collect())
        .collect();
    RankingResult {
        method,
        winners,
        ranking,
        tie_broken: ordered.tie_broken,
        ballots: ballots.ballots(),
        weight: ballots.weight(),
        details: Details {
            figures,
            tie_break: ordered.tie_break,
        },
    }
}
