//! The record of a written procedure (SPEC 9) as the minutes carry it:
//! its deadline and extensions, the rule and what silence counts as, each
//! member's reply with its time and evidence, who did not reply, and each
//! outcome as recorded at the close (provisional while it is open). Built
//! from the replayed state and the journal's records only.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::build::{member_name, moment};
use super::model::{Moment, Named};
use crate::agenda::{Deadline, ItemKind};
use crate::charter::Silence;
use crate::meeting::written::{End, WrittenState};
use crate::meeting::{Context, ItemOutcome, MeetingState, Record, written::provisional};

/// A written procedure's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenMinutes {
    /// `not-opened`, `open`, `closed`, `closed-early` or `withdrawn`.
    pub status: String,
    /// When it was opened.
    pub opened_at: Option<Moment>,
    /// The deadline its terms set.
    pub deadline_set: DeadlineRow,
    /// The deadline in force at the end (after any extensions).
    pub deadline: DeadlineRow,
    /// Each extension, in order.
    pub extensions: Vec<ExtensionRow>,
    /// The `[bodies.written]` rule key, when the body sets one for every
    /// item; `None`: each item's own rule.
    pub rule: Option<String>,
    /// `consent` or `none`.
    pub silence: String,
    /// Each item, in agenda order.
    pub items: Vec<WrittenItem>,
    /// Replies voided as recorded in error, in order.
    pub voided: Vec<VoidedRow>,
    /// How it ended, once it has.
    pub end: Option<EndRow>,
}

/// A reply voided as recorded in error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidedRow {
    /// The `void` event's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: Moment,
    /// The voided reply's sequence number.
    pub target: u64,
    /// Its item.
    pub item: String,
    /// Its member.
    pub member: String,
    /// What it had replied.
    pub reply: String,
    /// Why it was voided.
    pub reason: String,
}

/// A deadline as the minutes state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRow {
    /// The day, when the deadline is the end of a day in the alliance's
    /// zone.
    pub date: Option<chrono::NaiveDate>,
    /// The first instant at which no reply is taken.
    pub at: Moment,
    /// `2027-05-14 23:59 CEST (Europe/Brussels) = 2027-05-14 21:59 UTC`.
    pub text: String,
}

/// One extension of the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRow {
    /// The event's sequence number.
    pub seq: u64,
    /// When it was recorded.
    pub at: Moment,
    /// The new deadline.
    pub to: DeadlineRow,
    /// Why.
    pub reason: String,
}

/// One item of the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenItem {
    /// The item id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The proposal's text.
    pub description: Option<String>,
    /// `decision` or `ranking`.
    pub kind: String,
    /// The rule key it is decided by (decisions).
    pub rule: Option<String>,
    /// The replies, in the order they were recorded.
    pub replies: Vec<ReplyRow>,
    /// Voting members that did not reply, and how silence counted them.
    pub not_replied: Vec<SilentRow>,
    /// The outcome with every figure: recorded at the close, or the count
    /// so far while the procedure is open.
    pub outcome: Option<ItemOutcome>,
    /// Whether `outcome` is the count so far rather than the recorded one.
    pub provisional: bool,
}

/// One member's reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRow {
    /// The event's sequence number.
    pub seq: u64,
    /// The member.
    pub member: Named,
    /// Its voting weight.
    pub weight: u32,
    /// `yes`, `no`, `abstain`, `recuse`, or a ballot.
    pub reply: String,
    /// When it was recorded.
    pub at: Moment,
    /// Who recorded it.
    pub by: String,
    /// How the secretariat received it, when the member did not reply itself.
    pub via: Option<String>,
}

/// A voting member that did not reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentRow {
    /// The member.
    pub member: Named,
    /// Its voting weight.
    pub weight: u32,
    /// `absent`, `present, yes` or `present, no ballot`.
    pub counted_as: String,
}

/// How the procedure ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndRow {
    /// `closed` or `withdrawn`.
    pub kind: String,
    /// When.
    pub at: Moment,
    /// Before the deadline.
    pub early: bool,
    /// Why it could close, as recorded; the reason for a withdrawal.
    pub why: String,
    /// The secretariat's words at the close.
    pub reason: Option<String>,
}

fn deadline_row(d: &Deadline, zone: Tz) -> DeadlineRow {
    DeadlineRow {
        date: d.date,
        at: moment(d.at, zone),
        text: d.for_minutes(zone),
    }
}

/// The written procedure's record, for an agenda of that kind.
pub(super) fn written_minutes(
    ctx: &Context,
    state: &MeetingState,
    records: &[Record],
) -> WrittenMinutes {
    let zone = ctx.charter.alliance.timezone;
    let empty = WrittenState::default();
    let w = state.written().unwrap_or(&empty);
    let set = state
        .frozen()
        .and_then(|f| f.terms().meeting.deadline)
        .or_else(|| ctx.agenda.meeting.deadline.map(|d| d.resolve(zone)));
    let set = set.map(|d| deadline_row(&d, zone));
    let by: BTreeMap<u64, &str> = records.iter().map(|r| (r.seq, r.by.as_str())).collect();
    let silence = ctx.body.written.silence;
    let items = ctx
        .agenda
        .items
        .iter()
        .map(|item| {
            let replies = w.replies.get(&item.id);
            let mut rows: Vec<ReplyRow> = replies
                .into_iter()
                .flatten()
                .map(|(member, r)| ReplyRow {
                    seq: r.seq,
                    member: Named {
                        id: member.clone(),
                        name: member_name(ctx.charter, member),
                    },
                    weight: ctx.charter.member(member).map_or(0, |m| m.voting_weight()),
                    reply: r.answer.describe(),
                    at: moment(r.at, zone),
                    by: by.get(&r.seq).map_or_else(String::new, |b| (*b).to_owned()),
                    via: r.via.clone(),
                })
                .collect();
            rows.sort_by_key(|r| r.seq);
            let counted_as = match (silence, item.kind) {
                (Silence::None, _) => "absent",
                (Silence::Consent, ItemKind::Ranking) => "present, no ballot",
                (Silence::Consent, _) => "present, yes",
            };
            let not_replied = ctx
                .charter
                .members_of(ctx.body)
                .filter(|m| m.voting_weight() > 0)
                .filter(|m| !replies.is_some_and(|r| r.contains_key(&m.id)))
                .map(|m| SilentRow {
                    member: Named {
                        id: m.id.clone(),
                        name: m.name.clone(),
                    },
                    weight: m.voting_weight(),
                    counted_as: counted_as.to_owned(),
                })
                .collect();
            let recorded = state.item(&item.id).is_some_and(|s| s.outcome.is_some());
            WrittenItem {
                id: item.id.clone(),
                title: item.title.clone(),
                description: item.description.clone(),
                kind: item.kind.name().to_owned(),
                rule: (item.kind == ItemKind::Decision).then(|| {
                    ctx.body
                        .written
                        .rule
                        .clone()
                        .or_else(|| item.rule.clone())
                        .unwrap_or_else(|| "default".to_owned())
                }),
                replies: rows,
                not_replied,
                // A withdrawn procedure decides nothing.
                outcome: match &w.end {
                    Some(End::Withdrawn { .. }) => None,
                    _ => provisional(ctx, state, item).and_then(Result::ok),
                },
                provisional: !recorded && !matches!(w.end, Some(End::Withdrawn { .. })),
            }
        })
        .collect();
    let fallback = || DeadlineRow {
        date: None,
        at: moment(chrono::DateTime::UNIX_EPOCH, zone),
        text: String::new(),
    };
    let deadline_set = set.unwrap_or_else(fallback);
    WrittenMinutes {
        status: match &w.end {
            None if w.opened_at.is_none() => "not-opened",
            None => "open",
            Some(End::Closed { early: true, .. }) => "closed-early",
            Some(End::Closed { .. }) => "closed",
            Some(End::Withdrawn { .. }) => "withdrawn",
        }
        .to_owned(),
        opened_at: w.opened_at.map(|t| moment(t, zone)),
        deadline: w
            .deadline
            .map_or_else(|| deadline_set.clone(), |d| deadline_row(&d, zone)),
        deadline_set,
        extensions: w
            .extensions
            .iter()
            .map(|e| ExtensionRow {
                seq: e.seq,
                at: moment(e.at, zone),
                to: deadline_row(&e.to, zone),
                reason: e.reason.clone(),
            })
            .collect(),
        rule: ctx.body.written.rule.clone(),
        silence: silence.name().to_owned(),
        items,
        voided: w
            .voided
            .iter()
            .map(|v| VoidedRow {
                seq: v.seq,
                at: moment(v.at, zone),
                target: v.target,
                item: v.item.clone(),
                member: v.member.clone(),
                reply: v.answer.describe(),
                reason: v.reason.clone(),
            })
            .collect(),
        end: w.end.as_ref().map(|end| match end {
            End::Closed {
                at,
                early,
                why,
                reason,
            } => EndRow {
                kind: "closed".into(),
                at: moment(*at, zone),
                early: *early,
                why: why.clone(),
                reason: reason.clone(),
            },
            End::Withdrawn { at, reason } => EndRow {
                kind: "withdrawn".into(),
                at: moment(*at, zone),
                early: true,
                why: reason.clone(),
                reason: None,
            },
        }),
    }
}

/// When a written procedure's record ends: its close or withdrawal.
pub(super) fn ended_at(state: &MeetingState) -> Option<chrono::DateTime<chrono::Utc>> {
    match state.written()?.end.as_ref()? {
        End::Closed { at, .. } | End::Withdrawn { at, .. } => Some(*at),
    }
}
