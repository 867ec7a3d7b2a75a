//! A validated agenda.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::deadline::DeadlineSpec;
use crate::vote::ranked::Method;

/// One meeting's agenda.
#[derive(Debug, Clone)]
pub struct Agenda {
    /// When, where and which body.
    pub meeting: Meeting,
    /// The items, in order.
    pub items: Vec<Item>,
}

/// The meeting an agenda is for.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Equals the file stem.
    pub id: String,
    /// The body that meets.
    pub body: String,
    /// Full title.
    pub title: String,
    /// When it starts, once scheduled.
    pub start: Option<DateTime<Utc>>,
    /// How long it lasts.
    pub duration_minutes: u32,
    /// Room or call.
    pub location: Option<String>,
    /// A meeting, or a written procedure.
    pub kind: MeetingKind,
    /// A written procedure's deadline.
    pub deadline: Option<DeadlineSpec>,
}

/// How a body decides on an agenda (SPEC 9): together in a meeting, or by
/// written procedure, each member replying by a deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    /// Members meet, attend and vote.
    #[default]
    Meeting,
    /// Members reply in writing by a deadline.
    Written,
}

impl MeetingKind {
    /// Whether this is the default kind (what an agenda without `kind` says).
    pub fn is_meeting(&self) -> bool {
        *self == Self::Meeting
    }
}

/// What an agenda item asks of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Something reported.
    Information,
    /// Something talked through.
    Discussion,
    /// A motion voted under a majority rule.
    Decision,
    /// Options ranked by ballot.
    Ranking,
    /// A motion approving an earlier meeting's minutes, voted like a
    /// decision; its recorded outcome is what approves them
    /// (docs/approval.md).
    MinutesApproval,
}

impl ItemKind {
    /// The name used in agendas.
    pub fn name(self) -> &'static str {
        match self {
            Self::Information => "information",
            Self::Discussion => "discussion",
            Self::Decision => "decision",
            Self::Ranking => "ranking",
            Self::MinutesApproval => "minutes-approval",
        }
    }

    /// Whether a motion is put and voted under a majority rule: decisions
    /// and minutes approvals.
    pub fn is_decision(self) -> bool {
        matches!(self, Self::Decision | Self::MinutesApproval)
    }
}

/// How a ranking item is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// How ballots are counted.
    pub method: Method,
    /// Priority ids on the ballot.
    pub options: Vec<String>,
    /// How many are adopted.
    pub seats: u32,
}

/// One agenda item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Unique within the agenda.
    pub id: String,
    /// Full title.
    pub title: String,
    /// What it asks.
    pub kind: ItemKind,
    /// Optional background for the invitation and minutes.
    pub description: Option<String>,
    /// For decisions: the key of the body's rules that applies.
    pub rule: Option<String>,
    /// Time box.
    pub minutes: Option<u32>,
    /// For rankings: the method and options.
    pub ranking: Option<Ranking>,
    /// For minutes approvals: the meeting whose minutes it approves (none:
    /// the body's previous meeting).
    pub approves: Option<String>,
}
