//! A written procedure (SPEC 9): a decision without a meeting, recorded in
//! the meeting journal. This module owns what the procedure's events do to
//! the replayed state and when they are allowed; `count` owns what the
//! replies decide. Times are the journal lines' times; nothing here reads
//! a clock or knows a screen.

mod count;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agenda::{Deadline, ItemKind, MeetingKind};

use super::error::RecordError;
use super::event::{Answer, Event, ReplyChoice};
use super::state::{Context, MeetingState};

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

fn utc(d: &Deadline) -> String {
    d.shown().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Fills in what plenary records for the secretariat: the deadline an
/// `open-procedure` opens with, and the outcomes and reason of a `close`,
/// computed under the frozen terms from the state just before it at `at`.
pub(super) fn fill(
    ctx: &Context,
    state: &MeetingState,
    event: &mut Event,
    at: DateTime<Utc>,
) -> Result<(), RecordError> {
    match event {
        Event::ProcedureOpened { deadline } if deadline.is_none() => {
            *deadline = state.frozen().and_then(|f| f.terms().meeting.deadline);
        }
        Event::ProcedureClosed {
            early,
            why,
            outcomes,
            ..
        } => {
            // A close that cannot be recorded leaves the error to `apply`.
            let Some(w) = state.written().filter(|w| w.opened_at.is_some()) else {
                return Ok(());
            };
            let Some(deadline) = w.deadline else {
                return Ok(());
            };
            if at >= deadline.at {
                *early = false;
                *why = format!("the deadline passed ({})", utc(&deadline));
            } else {
                *early = true;
                match settled(ctx, w) {
                    Settled::Yes(reason) => {
                        *why = format!("no remaining reply can change the outcome: {reason}")
                    }
                    Settled::No(_) => return Ok(()),
                }
            }
            outcomes.clear();
            for item in &ctx.agenda.items {
                if let Some(outcome) = provisional(ctx, state, item) {
                    outcomes.insert(item.id.clone(), outcome.map_err(RecordError::NoOutcome)?);
                }
            }
        }
        _ => {}
    }
    Ok(())
}

impl MeetingState {
    /// The written procedure's state, once it has one.
    pub fn written(&self) -> Option<&WrittenState> {
        self.written.as_ref()
    }

    /// Applies a written procedure's event recorded at `at`; a refused
    /// event leaves the state as it was.
    pub(super) fn apply_written(
        &mut self,
        seq: u64,
        ctx: &Context,
        event: &Event,
        at: DateTime<Utc>,
    ) -> Result<(), RecordError> {
        let had = self.written.is_some();
        let result = self.apply_written_event(seq, ctx, event, at);
        if result.is_err() && !had {
            self.written = None;
        }
        result
    }

    /// Every check comes before any change, so that a refusal changes
    /// nothing but the (then dropped) empty procedure state.
    fn apply_written_event(
        &mut self,
        seq: u64,
        ctx: &Context,
        event: &Event,
        at: DateTime<Utc>,
    ) -> Result<(), RecordError> {
        let terms_deadline = self
            .frozen()
            .ok_or(RecordError::NoTerms)?
            .terms()
            .meeting
            .deadline;
        let w = self.written.get_or_insert_with(WrittenState::default);
        if let Event::ProcedureOpened { deadline } = event {
            if w.opened_at.is_some() {
                return Err(RecordError::NoChange(
                    "the procedure is already open".into(),
                ));
            }
            let terms = terms_deadline.ok_or_else(|| {
                RecordError::WrongProcedure("the procedure's terms have no deadline".into())
            })?;
            if deadline.is_some_and(|d| d != terms) {
                return Err(RecordError::DeadlineNotTerms(utc(&terms)));
            }
            if at >= terms.at {
                return Err(RecordError::DeadlinePassed {
                    deadline: utc(&terms),
                    what: "a procedure opens before its deadline; extend it in the agenda before opening".into(),
                });
            }
            w.opened_at = Some(at);
            w.deadline = Some(terms);
            return Ok(());
        }
        let Some(deadline) = w.deadline.filter(|_| w.opened_at.is_some()) else {
            return Err(RecordError::ProcedureNotOpen);
        };
        let passed = |what: &str| RecordError::DeadlinePassed {
            deadline: utc(&deadline),
            what: what.to_owned(),
        };
        match event {
            Event::Reply {
                item,
                member,
                answer,
                via,
            } => {
                if at >= deadline.at {
                    return Err(passed("no more replies are taken"));
                }
                let it = ctx.item(item)?;
                ctx.voting(member)?;
                if via.as_ref().is_some_and(|v| v.trim().is_empty()) {
                    return Err(RecordError::EmptyText);
                }
                match (it.kind, answer) {
                    (ItemKind::Decision, Answer::Choice(_))
                    | (
                        ItemKind::Ranking,
                        Answer::Choice(ReplyChoice::Abstain | ReplyChoice::Recuse),
                    ) => {}
                    (ItemKind::Ranking, Answer::Choice(c)) => {
                        return Err(RecordError::Answer(format!(
                            "`{item}` is a ranking: reply with a ballot (the options), abstain or recuse, not `{}`",
                            c.name()
                        )));
                    }
                    (ItemKind::Ranking, _) => {
                        if let Some(marks) = answer.marks() {
                            super::state::check_marks(ctx, it, &marks)?;
                        }
                    }
                    _ => {
                        return Err(RecordError::Answer(format!(
                            "`{item}` is a decision: reply yes, no, abstain or recuse"
                        )));
                    }
                }
                let replies = w.replies.entry(item.clone()).or_default();
                if replies.contains_key(member) {
                    return Err(RecordError::AlreadyReplied {
                        member: member.clone(),
                        item: item.clone(),
                    });
                }
                replies.insert(
                    member.clone(),
                    Reply {
                        seq,
                        at,
                        answer: answer.clone(),
                        via: via.clone(),
                    },
                );
            }
            Event::DeadlineExtended {
                deadline: to,
                reason,
            } => {
                if reason.trim().is_empty() {
                    return Err(RecordError::NoReason);
                }
                if at >= deadline.at {
                    return Err(passed("a deadline is extended before it passes"));
                }
                if to.at <= deadline.at {
                    return Err(RecordError::DeadlineNotLater {
                        from: utc(&deadline),
                        to: utc(to),
                    });
                }
                w.extensions.push(Extension {
                    seq,
                    at,
                    from: deadline,
                    to: *to,
                    reason: reason.clone(),
                });
                w.deadline = Some(*to);
            }
            Event::Void { target, reason } => {
                if reason.trim().is_empty() {
                    return Err(RecordError::NoReason);
                }
                if at >= deadline.at {
                    return Err(passed(
                        "the replies as they stood at the deadline are final",
                    ));
                }
                let found = w.replies.iter().find_map(|(item, replies)| {
                    replies
                        .iter()
                        .find(|(_, r)| r.seq == *target)
                        .map(|(member, _)| (item.clone(), member.clone()))
                });
                let Some((item, member)) = found else {
                    return Err(RecordError::Answer(format!(
                        "event #{target} is not a reply that still counts, so it cannot be voided"
                    )));
                };
                if let Some(reply) = w.replies.get_mut(&item).and_then(|r| r.remove(&member)) {
                    w.voided.push(Voided {
                        seq,
                        at,
                        target: *target,
                        item,
                        member,
                        answer: reply.answer,
                        reason: reason.clone(),
                    });
                }
            }
            Event::ProcedureWithdrawn { reason } => {
                if reason.trim().is_empty() {
                    return Err(RecordError::NoReason);
                }
                if at >= deadline.at {
                    return Err(passed(
                        "the outcome is final at the deadline: record `close`",
                    ));
                }
                w.end = Some(End::Withdrawn {
                    at,
                    reason: reason.clone(),
                });
                self.closed = true;
            }
            Event::ProcedureClosed {
                early,
                why,
                reason,
                outcomes,
            } => {
                let before = at < deadline.at;
                if *early != before {
                    return Err(RecordError::NoOutcome(format!(
                        "the close says early = {early}, but it was recorded {} the deadline",
                        if before { "before" } else { "at or after" }
                    )));
                }
                if before && let Settled::No(why) = settled(ctx, w) {
                    return Err(RecordError::NotSettled {
                        deadline: utc(&deadline),
                        why,
                    });
                }
                for it in ctx.agenda.items.iter() {
                    let state = self.items.entry(it.id.clone()).or_default();
                    state.closed = true;
                    state.outcome = outcomes.get(&it.id).cloned();
                }
                if let Some(w) = self.written.as_mut() {
                    w.end = Some(End::Closed {
                        at,
                        early: *early,
                        why: why.clone(),
                        reason: reason.clone(),
                    });
                }
                self.closed = true;
            }
            _ => {}
        }
        Ok(())
    }
}
