//! Decisions on motions (SPEC 3.1): who may vote, quorum, and whether a
//! majority rule is met.
//!
//! The caller (the meeting replay) builds a [`Decision`] from the charter and
//! the journal, checks each vote with [`Decision::check_vote`] before recording
//! it, and asks [`decide`] for an [`Outcome`] that carries every figure the
//! minutes need. Observers and associates never reach this module: the caller
//! passes only the body's full members as [`Voter`]s.
//!
//! Choices the SPEC leaves open, fixed here:
//!
//! - **Casting vote** (simple majority only): on a tie the chair's own vote is
//!   also the casting vote, as in most standing orders. The motion passes if
//!   the chair voted yes and fails otherwise, in particular when the chair
//!   abstained, cast no vote, is recused, is absent, or attends only through a
//!   proxy (a casting vote belongs to the person chairing the room).
//! - **Unanimous**: a present, non-recused member who cast no vote breaks
//!   unanimity just as an abstention does; recused members do not.
//! - **Consensus**: abstaining or staying silent is standing aside, but at
//!   least some yes weight is needed, so a room where everybody stands aside
//!   does not decide anything.
//! - **Proxies**: the holder must be a voting member attending in person;
//!   chains of proxies are refused.

mod decide;
mod error;
mod explain;
mod outcome;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Fraction, MajorityRule};

pub use decide::decide;
pub use error::DecisionError;
pub use outcome::{Count, Outcome, QuorumFigures, Reason, Threshold, TieFailure};
pub use validate::{check_proxies, proxies_held};

/// A full member of the body, with the votes it casts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voter {
    /// The member id from the charter.
    pub member: String,
    /// How many votes this member casts (the charter's `weight`).
    pub weight: u32,
}

impl Voter {
    /// A voter with the given weight.
    pub fn new(member: impl Into<String>, weight: u32) -> Self {
        Self {
            member: member.into(),
            weight,
        }
    }
}

/// How a present member is present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attendance {
    /// A delegate of the member is in the meeting.
    InPerson,
    /// Another member, attending in person, holds this member's proxy.
    Proxy {
        /// The member id of the proxy holder.
        holder: String,
    },
}

/// A member's vote on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    /// In favour.
    Yes,
    /// Against.
    No,
    /// Neither; counts as present but not in the yes/no balance.
    Abstain,
}

/// What the quorum fraction is a fraction of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuorumBasis {
    /// Present voting weight against the body's total voting weight.
    #[default]
    Weight,
    /// Present voting members against the number of voting members.
    Members,
}

/// Everything needed to decide one motion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The body's voting (full) members; absent ones count for quorum and
    /// for the absolute majority.
    pub voters: Vec<Voter>,
    /// Present members; anyone not listed is absent.
    pub attendance: BTreeMap<String, Attendance>,
    /// Members recused on this item: present for quorum, but voteless.
    pub recused: BTreeSet<String>,
    /// Votes recorded, keyed by the member voted for (a proxy holder's
    /// vote for a represented member is keyed by the represented member).
    pub votes: BTreeMap<String, Choice>,
    /// The majority rule for this kind of decision.
    pub rule: MajorityRule,
    /// The quorum fraction from the body.
    pub quorum: Fraction,
    /// Whether quorum counts weight or heads.
    pub quorum_basis: QuorumBasis,
    /// The member whose vote breaks a simple-majority tie: the chair when
    /// the body says `casting_vote = "chair"`, `None` for `"none"`.
    pub casting_vote: Option<String>,
}

impl Decision {
    /// An empty decision for `voters` under `rule`: quorum one half by
    /// weight, nobody present yet, no casting vote.
    pub fn new(voters: Vec<Voter>, rule: MajorityRule) -> Self {
        Self {
            voters,
            attendance: BTreeMap::new(),
            recused: BTreeSet::new(),
            votes: BTreeMap::new(),
            rule,
            quorum: Fraction::HALF,
            quorum_basis: QuorumBasis::Weight,
            casting_vote: None,
        }
    }

    /// The voter record for `member`, if it is a voting member.
    pub fn voter(&self, member: &str) -> Option<&Voter> {
        self.voters.iter().find(|v| v.member == member)
    }

    /// Whether `member` attends in person or by proxy.
    pub fn is_present(&self, member: &str) -> bool {
        self.attendance.contains_key(member)
    }
}
