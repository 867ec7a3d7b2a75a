//! A written procedure (SPEC 9): a decision without a meeting, recorded in
//! the meeting journal. This module owns what the procedure's events do to
//! the replayed state and when they are allowed; `count` owns what the
//! replies decide. Times are the journal lines' times; nothing here reads
//! a clock or knows a screen.

mod apply;
mod count;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agenda::{Deadline, MeetingKind};

use super::error::RecordError;
use super::event::{Answer, Event};
use super::state::Context;

pub(super) use apply::fill;
pub use count::{Settled, provisional, settled, written_decision};

/// What the journal says about a written procedure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenState {
    /// When it was opened.
    pub opened_at: Option<DateTime<Utc>>,
    /// The deadline in force: the terms', or the last extension's.
    pub deadline: Option<Deadline>,
    /// Each extension, in order.
    pub extensions: Vec<Extension>,
    /// Replies by item id, then by member id.
    pub replies: BTreeMap<String, BTreeMap<String, Reply>>,
    /// Replies voided as recorded in error, in order.
    #[serde(default)]
    pub voided: Vec<Voided>,
    /// How it ended, once it has.
    pub end: Option<End>,
}

/// A reply recorded in error that no longer counts; its line stays in the
/// chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// The `void` event's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The voided reply's sequence number.
    pub target: u64,
    /// Its item.
    pub item: String,
    /// Its member.
    pub member: String,
    /// What it replied.
    pub answer: Answer,
    /// Why it was voided.
    pub reason: String,
}

/// One member's reply on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// The `reply` event's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// What the member replied.
    pub answer: Answer,
    /// How the secretariat received it, when it recorded it.
    pub via: Option<String>,
}

/// A deadline moved later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The event's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The deadline before it.
    pub from: Deadline,
    /// The deadline after it.
    pub to: Deadline,
    /// Why.
    pub reason: String,
}

/// How a written procedure ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    /// Its outcome was fixed (the items' recorded outcomes).
    Closed {
        /// When.
        at: DateTime<Utc>,
        /// Before the deadline.
        early: bool,
        /// Why it could close.
        why: String,
        /// The secretariat's words.
        reason: Option<String>,
    },
    /// Withdrawn: nothing decided.
    Withdrawn {
        /// When.
        at: DateTime<Utc>,
        /// Why.
        reason: String,
    },
}

impl WrittenState {
    /// The reply of `member` on `item`, if any.
    pub fn reply(&self, item: &str, member: &str) -> Option<&Reply> {
        self.replies.get(item)?.get(member)
    }

    /// Whether the deadline in force has passed at `now`.
    pub fn past_deadline(&self, now: DateTime<Utc>) -> bool {
        self.deadline.is_some_and(|d| now >= d.at)
    }
}

/// Whether `event` is one a written procedure's rules judge (its own, and
/// a `void` of a reply).
pub fn judged_as_written(ctx: &Context, event: &Event) -> bool {
    is_written_event(event)
        || (matches!(event, Event::Void { .. }) && ctx.agenda.meeting.kind == MeetingKind::Written)
}

/// Whether `event` belongs to a written procedure.
pub fn is_written_event(event: &Event) -> bool {
    matches!(
        event,
        Event::ProcedureOpened { .. }
            | Event::Reply { .. }
            | Event::DeadlineExtended { .. }
            | Event::ProcedureWithdrawn { .. }
            | Event::ProcedureClosed { .. }
    )
}

/// Refuses a written procedure's event in a meeting, and a meeting's event
/// (attendance, items, motions, votes, actions…) in a written procedure;
/// the terms and notes belong to both.
pub fn check_kind(ctx: &Context, event: &Event) -> Result<(), RecordError> {
    let written = ctx.agenda.meeting.kind == MeetingKind::Written;
    let shared = matches!(
        event,
        Event::Terms { .. } | Event::Note { .. } | Event::Void { .. }
    );
    match (written, is_written_event(event)) {
        (true, false) if !shared => Err(RecordError::WrongProcedure(format!(
            "`{}` is a meeting's event; `{}` is a written procedure, which takes open-procedure, reply, extend, withdraw, close and note",
            event_name(event),
            ctx.agenda.meeting.id
        ))),
        (false, true) => Err(RecordError::WrongProcedure(format!(
            "`{}` belongs to a written procedure; `{}` is a meeting (its agenda has no `kind = \"written\"`)",
            event_name(event),
            ctx.agenda.meeting.id
        ))),
        _ => Ok(()),
    }
}

/// The event's kebab-case tag, as the journal writes it.
fn event_name(event: &Event) -> String {
    serde_json::to_value(event)
        .ok()
        .and_then(|v| v.get("event")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A deadline as refusals state it, in UTC.
fn utc(d: &Deadline) -> String {
    d.shown().format("%Y-%m-%d %H:%M UTC").to_string()
}
