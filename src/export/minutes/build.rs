//! Building [`Minutes`] from the charter, the agenda, the replayed state and
//! the journal's records. Pure: no files and no clock (the caller says when
//! "now" is). Every figure comes from the `vote` module through the same
//! functions the meeting room uses, so minutes never disagree with it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::model::{
    Actions, Attendance, AttendanceRow, CorrectionRow, GuestRow, JournalInfo, MeetingInfo, Minutes,
    Moment, Named, Presence, Quorum, TermsInfo,
};
use crate::agenda::{Agenda, MeetingKind};
use crate::charter::{Charter, DelegateRole};
use crate::meeting::{Contents, Context, Correction, Event, ItemOutcome, MeetingState, Record};
use crate::vote::decision::{Attendance as Present, Decision, QuorumFigures};
use crate::vote::{MajorityRule, QuorumBasis};

/// Why minutes cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesError {
    /// The agenda's body is not in the charter.
    #[error("meeting `{meeting}` is for body `{body}`, which the charter does not define")]
    UnknownBody {
        /// The meeting.
        meeting: String,
        /// The body it names.
        body: String,
    },
}

/// When the meeting closed and members left, and who recorded, read off
/// the records (when items opened and closed is in the replayed state).
#[derive(Default)]
struct Timeline {
    meeting_closed: Option<DateTime<Utc>>,
    /// Members who were present and no longer are, with when they left.
    left: BTreeMap<String, DateTime<Utc>>,
    recorded_by: Vec<String>,
}

impl Timeline {
    /// Replays attendance with the meeting's own rules to see who left when.
    fn read(records: &[Record], ctx: &Context) -> Self {
        let mut t = Self::default();
        let mut attendance = MeetingState::default();
        for record in records {
            if !t.recorded_by.contains(&record.by) {
                t.recorded_by.push(record.by.clone());
            }
            match &record.event {
                Event::MeetingClosed => t.meeting_closed = Some(record.at),
                Event::Present { .. } | Event::Absent { .. } | Event::Proxy { .. } => {
                    let before = attendance.attendance.clone();
                    if attendance.apply(&record.event, ctx).is_ok() {
                        for member in before.keys() {
                            if !attendance.attendance.contains_key(member) {
                                t.left.insert(member.clone(), record.at);
                            }
                        }
                        for member in attendance.attendance.keys() {
                            t.left.remove(member);
                        }
                    }
                }
                _ => {}
            }
        }
        t
    }
}

impl Minutes {
    /// The minutes of `agenda`'s meeting as `state` (replayed from the
    /// journal's `contents`) describes it, under the meeting's frozen terms
    /// when the journal has them. A closed meeting's minutes are as at its
    /// close; a meeting not yet closed gives draft minutes as at `now`; no
    /// records give minutes that say nothing was recorded.
    pub fn build(
        charter: &Charter,
        agenda: &Agenda,
        state: &MeetingState,
        contents: &Contents,
        now: DateTime<Utc>,
    ) -> Result<Self, MinutesError> {
        let records = &contents.records;
        let live = Context::new(charter, agenda).ok_or_else(|| MinutesError::UnknownBody {
            meeting: agenda.meeting.id.clone(),
            body: agenda.meeting.body.clone(),
        })?;
        let ctx = state.context(live);
        let zone = ctx.charter.alliance.timezone;
        let timeline = Timeline::read(records, &ctx);
        let as_of = timeline
            .meeting_closed
            .or_else(|| super::written::ended_at(state))
            .unwrap_or(now);
        let items = ctx
            .agenda
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                super::build_items::item_minutes(&ctx, state, zone, index + 1, item)
            })
            .collect();
        let terms = state.frozen().map(|f| f.terms());
        Ok(Self {
            draft: !state.closed,
            as_of: moment(as_of, zone),
            terms: TermsInfo {
                frozen: terms.is_some(),
                charter_sha256: terms.map(|t| t.charter_sha256.clone()),
                agenda_sha256: terms.map(|t| t.agenda_sha256.clone()),
            },
            meeting: meeting_info(&ctx, state, records, &timeline, zone),
            journal: JournalInfo {
                path: format!("records/{}.jsonl", agenda.meeting.id),
                events: records.len() as u64,
                last_hash: contents.last_hash().to_owned(),
                recorded_by: timeline.recorded_by.clone(),
            },
            attendance: attendance(&ctx, state, &timeline, zone),
            items,
            notes: state.notes.clone(),
            guests: state
                .guests
                .iter()
                .map(|g| GuestRow {
                    name: g.name.clone(),
                    affiliation: g.affiliation.clone(),
                })
                .collect(),
            corrections: state.corrections.iter().map(correction).collect(),
            actions: Actions {
                agreed: state
                    .actions
                    .iter()
                    .map(|a| super::actions::agreed_row(ctx.charter, &agenda.meeting.id, a, as_of))
                    .collect(),
                carried_over: Vec::new(),
            },
            written: (ctx.agenda.meeting.kind == MeetingKind::Written)
                .then(|| super::written::written_minutes(&ctx, state, records)),
        })
    }
}

fn correction(c: &Correction) -> CorrectionRow {
    let (seq, kind, item, text) = match c {
        Correction::Withdrawn {
            seq,
            item,
            motion,
            votes,
            reason,
        } => (
            *seq,
            "withdrawn",
            Some(item),
            format!(
                "The motion on {item} (\"{motion}\") was withdrawn after {votes} vote{}{}; its votes lapsed.",
                if *votes == 1 { "" } else { "s" },
                reason
                    .as_ref()
                    .map_or_else(String::new, |r| format!(": {r}"))
            ),
        ),
        Correction::Reopened {
            seq,
            item,
            reason,
            superseded,
        } => {
            let before = match superseded.as_deref() {
                Some(ItemOutcome::Decision(o)) => {
                    format!(" Its earlier outcome, now superseded: {}.", o.summary())
                }
                Some(ItemOutcome::Ranking(r)) => {
                    format!(" Its earlier result, now superseded: {}.", r.summary())
                }
                None => String::new(),
            };
            (
                *seq,
                "reopened",
                Some(item),
                format!("Item {item} was reopened: {reason}.{before}"),
            )
        }
        Correction::Voided {
            seq,
            target,
            item,
            what,
            reason,
        } => (
            *seq,
            "voided",
            Some(item),
            format!("Event #{target} ({what}) was voided: {reason}."),
        ),
        Correction::Amended { seq, what } => (
            *seq,
            "amended",
            None,
            format!("The meeting agreed: {what}."),
        ),
    };
    CorrectionRow {
        seq,
        kind: kind.to_owned(),
        item: item.cloned(),
        text,
    }
}

pub(super) fn moment(at: DateTime<Utc>, zone: Tz) -> Moment {
    Moment {
        utc: at,
        local: at.with_timezone(&zone).fixed_offset(),
    }
}

/// The hash of the last line, which is the record as the journal wrote it
/// (`serde_json` of the [`Record`]), so it equals the head file's hash.
pub(super) fn member_name(charter: &Charter, id: &str) -> String {
    charter
        .member(id)
        .map_or_else(|| id.to_owned(), |m| m.name.clone())
}

/// The person who chaired: the chair member's `chair` delegate, else the
/// delegate named as attending for it, else its representative.
fn chair_person(ctx: &Context, state: &MeetingState) -> Option<String> {
    let member = ctx.charter.member(&ctx.body.chair)?;
    let with_role = |role| {
        member
            .delegates
            .iter()
            .find(|d| d.role == role)
            .map(|d| d.name.clone())
    };
    with_role(DelegateRole::Chair)
        .or_else(|| state.delegates.get(&member.id).cloned())
        .or_else(|| with_role(DelegateRole::Representative))
}

/// Who recorded most of the journal (the first of them on a tie).
fn minute_taker(records: &[Record]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for record in records {
        match counts.iter_mut().find(|(by, _)| *by == record.by) {
            Some((_, n)) => *n += 1,
            None => counts.push((&record.by, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .iter()
        .find(|(_, n)| *n == most)
        .map(|(by, _)| (*by).to_owned())
}

/// The person attending for a present member: the delegate named, else its
/// representative.
pub(super) fn attending_delegate(
    ctx: &Context,
    state: &MeetingState,
    member: &str,
) -> Option<String> {
    state.delegates.get(member).cloned().or_else(|| {
        ctx.charter.member(member).and_then(|m| {
            m.delegates
                .iter()
                .find(|d| d.role == DelegateRole::Representative)
                .map(|d| d.name.clone())
        })
    })
}

fn meeting_info(
    ctx: &Context,
    state: &MeetingState,
    records: &[Record],
    t: &Timeline,
    zone: Tz,
) -> MeetingInfo {
    let m = &ctx.agenda.meeting;
    let start = m.start;
    let end = start.map(|s| s + Duration::minutes(i64::from(m.duration_minutes)));
    MeetingInfo {
        id: m.id.clone(),
        title: m.title.clone(),
        alliance: Named {
            id: ctx.charter.alliance.id.clone(),
            name: ctx.charter.alliance.name.clone(),
        },
        timezone: zone.name().to_owned(),
        body: Named {
            id: ctx.body.id.clone(),
            name: ctx.body.name.clone(),
        },
        chair: Named {
            id: ctx.body.chair.clone(),
            name: member_name(ctx.charter, &ctx.body.chair),
        },
        chair_person: chair_person(ctx, state),
        minute_taker: minute_taker(records),
        scheduled_start: start.map(|s| moment(s, zone)),
        scheduled_end: end.map(|e| moment(e, zone)),
        duration_minutes: m.duration_minutes,
        location: m.location.clone(),
        first_event: records.first().map(|r| moment(r.at, zone)),
        last_event: records.last().map(|r| moment(r.at, zone)),
        closed_at: t
            .meeting_closed
            .or_else(|| super::written::ended_at(state))
            .map(|at| moment(at, zone)),
    }
}

fn attendance(ctx: &Context, state: &MeetingState, t: &Timeline, zone: Tz) -> Attendance {
    let mut rows = Vec::new();
    let (mut in_person, mut by_proxy, mut absent, mut apologies) = (0, 0, 0, 0);
    let (mut present_weight, mut total_weight) = (0u64, 0u64);
    for member in ctx.charter.members_of(ctx.body) {
        let voting_weight = member.voting_weight();
        total_weight += u64::from(voting_weight);
        let (presence, proxy_holder, delegate) = match state.attendance.get(&member.id) {
            Some(Present::InPerson) => (
                Presence::InPerson,
                None,
                attending_delegate(ctx, state, &member.id),
            ),
            Some(Present::Proxy { holder }) => (Presence::Proxy, Some(holder.clone()), None),
            None => match state.apologies.get(&member.id) {
                Some(by) => (Presence::Apologies, None, by.clone()),
                None => (Presence::Absent, None, None),
            },
        };
        match presence {
            Presence::InPerson => in_person += 1,
            Presence::Proxy => by_proxy += 1,
            Presence::Apologies => {
                apologies += 1;
                absent += 1;
            }
            Presence::Absent => absent += 1,
        }
        let present = matches!(presence, Presence::InPerson | Presence::Proxy);
        if present {
            present_weight += u64::from(voting_weight);
        }
        rows.push(AttendanceRow {
            member: member.id.clone(),
            name: member.name.clone(),
            status: member.status.name().to_owned(),
            weight: member.weight,
            voting_weight,
            presence,
            proxy_holder,
            delegate,
            left_at: (!present)
                .then(|| t.left.get(&member.id).map(|at| moment(*at, zone)))
                .flatten(),
        });
    }
    let voters = ctx.voters();
    let mut now = Decision::new(voters, MajorityRule::Simple);
    now.attendance = state
        .attendance
        .iter()
        .filter(|(m, _)| now.voter(m).is_some())
        .map(|(m, a)| (m.clone(), a.clone()))
        .collect();
    now.quorum = ctx.body.quorum;
    now.quorum_basis = ctx.body.quorum_basis;
    let whole = match now.quorum_basis {
        QuorumBasis::Weight => total_weight,
        QuorumBasis::Members => now.voters.len() as u64,
    };
    Attendance {
        members: rows,
        in_person,
        by_proxy,
        apologies,
        absent,
        voting_weight_present: present_weight,
        voting_weight_total: total_weight,
        quorum: quorum(&now.quorum_figures(), whole),
    }
}

/// Quorum figures and their sentence, worded as [`Outcome::quorum_sentence`].
pub(super) fn quorum(q: &QuorumFigures, whole: u64) -> Quorum {
    let unit = match q.basis {
        QuorumBasis::Weight => "voting weight",
        QuorumBasis::Members => "voting members",
    };
    Quorum {
        basis: q.basis,
        fraction: q.fraction,
        required: q.required,
        present: q.present,
        total: whole,
        met: q.met,
        sentence: format!(
            "{} of {whole} {unit} present, {} needed ({})",
            q.present, q.required, q.fraction
        ),
    }
}
