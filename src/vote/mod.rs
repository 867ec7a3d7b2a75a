//! Decision rules, quorum and ranked voting methods (SPEC 3.1, 3.2).
//!
//! Pure functions over plain data: this module knows nothing about files,
//! journals or terminals. [`decision`] decides motions; [`ranked`] tallies
//! rankings, approvals and scores.

pub mod decision;
mod fraction;
pub mod ranked;
mod rule;

pub use decision::{Decision, Outcome, QuorumBasis, decide};
pub use fraction::{Fraction, FractionError};
pub use ranked::{Ballot, Contest, Method, RankingResult, TallyError, tally};
pub use rule::MajorityRule;
