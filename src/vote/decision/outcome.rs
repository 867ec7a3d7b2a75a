//! The result of a decision, with every figure the minutes quote.

use serde::{Deserialize, Serialize};

use super::{Choice, QuorumBasis};
use crate::vote::{Fraction, MajorityRule};

/// A weight together with the number of members behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Count {
    /// Sum of the members' weights.
    pub weight: u64,
    /// Number of members.
    pub members: u32,
}

impl Count {
    pub(super) fn add(&mut self, weight: u32) {
        self.weight += u64::from(weight);
        self.members += 1;
    }
}

/// Quorum as the minutes state it: "12 of 20 present, 10 needed (1/2)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumFigures {
    /// What was counted.
    pub basis: QuorumBasis,
    /// The body's quorum fraction.
    pub fraction: Fraction,
    /// The figure needed, in the basis' unit (weight or members).
    pub required: u64,
    /// The figure present, in the same unit.
    pub present: u64,
    /// Whether `present >= required`.
    pub met: bool,
}

/// What the rule needed from the yes side, in concrete numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Threshold {
    /// Yes weight strictly above `weight` (simple: the no weight;
    /// absolute: half the body's total, rounded down).
    YesAbove {
        /// The figure yes must exceed.
        weight: u64,
    },
    /// Yes weight of at least `weight` (two-thirds of yes plus no, rounded
    /// up, and at least 1).
    YesAtLeast {
        /// The figure yes must reach.
        weight: u64,
    },
    /// Yes strictly above `heads` members and above `weight` (double).
    YesAboveHeadsAndWeight {
        /// The number of members voting no.
        heads: u32,
        /// The weight voting no.
        weight: u64,
    },
    /// Every one of `members` present, non-recused members votes yes.
    AllInFavour {
        /// How many members had to vote yes.
        members: u32,
    },
    /// Nobody objects, and someone is in favour (consensus).
    NoObjection,
}

/// Why a tie was not broken in favour of the motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieFailure {
    /// The body has no casting vote.
    NoCastingVote,
    /// The member holding the casting vote does not vote in this body.
    ChairNotVoter,
    /// The chair is not in the room (absent, or only represented by proxy).
    ChairAbsent,
    /// The chair is recused on this item.
    ChairRecused,
    /// The chair abstained or cast no vote.
    ChairAbstained,
    /// The chair voted no.
    ChairAgainst,
}

/// Why the motion passed or failed, for the sentence in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// Too little weight (or too few members) present; nothing is decided.
    NoQuorum,
    /// The rule's threshold was met.
    Passed,
    /// The rule's threshold was not met.
    Failed,
    /// Nobody voted yes (two-thirds, unanimous, consensus).
    NoneInFavour,
    /// Yes and no were level and the chair's casting vote carried it.
    TieBrokenByChair {
        /// The chair's member id.
        chair: String,
    },
    /// Yes and no were level and no casting vote carried it.
    TieFailed {
        /// Why the tie was not broken in favour.
        why: TieFailure,
    },
    /// Unanimity or consensus was blocked by these members voting no.
    Objection {
        /// Members who voted no, in id order.
        members: Vec<String>,
    },
    /// Unanimity was missed because these members abstained or were silent.
    NotUnanimous {
        /// Present, non-recused members who did not vote yes and did not
        /// vote no, in id order.
        members: Vec<String>,
    },
    /// Double majority: a majority by only one of the two counts.
    SplitMajority {
        /// Whether yes had more members than no.
        heads: bool,
        /// Whether yes had more weight than no.
        weight: bool,
    },
}

/// The outcome of a decision, with every figure behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The rule applied.
    pub rule: MajorityRule,
    /// Whether the motion was adopted.
    pub passed: bool,
    /// Why, in terms the minutes can spell out.
    pub reason: Reason,
    /// The body's voting members, present or not.
    pub total: Count,
    /// Voting members present in person or by proxy (recused included).
    pub present: Count,
    /// Of those present, represented by a proxy.
    pub by_proxy: Count,
    /// Quorum figures.
    pub quorum: QuorumFigures,
    /// Votes in favour.
    pub yes: Count,
    /// Votes against.
    pub no: Count,
    /// Abstentions.
    pub abstain: Count,
    /// Present, non-recused members who cast no vote, in id order.
    pub not_voted: Vec<String>,
    /// Recused members, in id order.
    pub recused: Vec<String>,
    /// What the rule needed from the yes side.
    pub threshold: Threshold,
    /// The chair's casting vote, when a tie invoked it and the chair voted.
    pub casting_vote: Option<Choice>,
}
