//! What a written procedure's events do to the replayed state, and when
//! they are allowed: every check before any change; and what plenary fills
//! in when it records one (the deadline an opening takes, the outcomes a
//! close fixes).

use chrono::{DateTime, Utc};

use super::super::error::RecordError;
use super::super::event::{Answer, Event, ReplyChoice};
use super::super::state::{Context, MeetingState};
use super::{End, Extension, Reply, Settled, Voided, WrittenState, provisional, settled, utc};
use crate::agenda::ItemKind;

/// Fills in what plenary records for the secretariat: the deadline an
/// `open-procedure` opens with, and the outcomes and reason of a `close`,
/// computed under the frozen terms from the state just before it at `at`.
/// A close before the deadline is refused here unless no remaining reply
/// can change the outcome.
pub(in crate::meeting) fn fill(
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
                    Settled::No(why) => {
                        return Err(RecordError::NotSettled {
                            deadline: utc(&deadline),
                            why,
                        });
                    }
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
    pub(in crate::meeting) fn apply_written(
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
                            super::super::state::check_marks(ctx, it, &marks)?;
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
                // Whether nothing could change it any more was judged when
                // the close was recorded (`fill`); the record stands as
                // written, whatever a later plenary's bound on that search.
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
