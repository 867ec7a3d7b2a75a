//! Building [`Minutes`] from the charter, the agenda, the replayed state and
//! the journal's records. Pure: no files and no clock (the caller says when
//! "now" is). Every figure comes from the `vote` module through the same
//! functions the meeting room uses, so minutes never disagree with it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::model::{
    Actions, Attendance, AttendanceRow, JournalInfo, MeetingInfo, Minutes, Moment, Named, Presence,
    Quorum,
};
use crate::agenda::Agenda;
use crate::charter::Charter;
use crate::meeting::{Contents, Context, Event, MeetingState, Record};
use crate::vote::decision::{Attendance as Present, Decision, QuorumFigures, Voter};
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

/// When things happened, read off the records.
#[derive(Default)]
pub(super) struct Timeline {
    pub(super) opened: BTreeMap<String, DateTime<Utc>>,
    pub(super) closed: BTreeMap<String, DateTime<Utc>>,
    pub(super) meeting_closed: Option<DateTime<Utc>>,
    /// Members who were present and no longer are, with when they left.
    pub(super) left: BTreeMap<String, DateTime<Utc>>,
    pub(super) recorded_by: Vec<String>,
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
                Event::ItemOpened { item } => {
                    t.opened.entry(item.clone()).or_insert(record.at);
                }
                Event::ItemClosed { item } => {
                    t.closed.insert(item.clone(), record.at);
                }
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
    /// journal's `contents`) describes it, generated at `now`. A meeting
    /// not yet closed gives draft minutes; no records give minutes that say
    /// nothing was recorded.
    pub fn build(
        charter: &Charter,
        agenda: &Agenda,
        state: &MeetingState,
        contents: &Contents,
        now: DateTime<Utc>,
    ) -> Result<Self, MinutesError> {
        let records = &contents.records;
        let ctx = Context::new(charter, agenda).ok_or_else(|| MinutesError::UnknownBody {
            meeting: agenda.meeting.id.clone(),
            body: agenda.meeting.body.clone(),
        })?;
        let zone = charter.alliance.timezone;
        let timeline = Timeline::read(records, &ctx);
        let items = agenda
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                super::build_items::item_minutes(&ctx, state, &timeline, zone, index + 1, item)
            })
            .collect();
        Ok(Self {
            draft: !state.closed,
            generated_at: moment(now, zone),
            meeting: meeting_info(&ctx, records, &timeline, zone),
            journal: JournalInfo {
                path: format!("records/{}.jsonl", agenda.meeting.id),
                events: records.len() as u64,
                last_hash: contents.last_hash().to_owned(),
                recorded_by: timeline.recorded_by.clone(),
            },
            attendance: attendance(&ctx, state, &timeline, zone),
            items,
            notes: state.notes.clone(),
            actions: Actions {
                agreed: state
                    .actions
                    .iter()
                    .map(|a| super::actions::agreed_row(charter, &agenda.meeting.id, a, now))
                    .collect(),
                carried_over: Vec::new(),
            },
        })
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

fn meeting_info(ctx: &Context, records: &[Record], t: &Timeline, zone: Tz) -> MeetingInfo {
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
        scheduled_start: start.map(|s| moment(s, zone)),
        scheduled_end: end.map(|e| moment(e, zone)),
        duration_minutes: m.duration_minutes,
        location: m.location.clone(),
        first_event: records.first().map(|r| moment(r.at, zone)),
        last_event: records.last().map(|r| moment(r.at, zone)),
        closed_at: t.meeting_closed.map(|at| moment(at, zone)),
    }
}

/// The body's voting members as the `vote` module sees them.
fn voters(ctx: &Context) -> Vec<Voter> {
    ctx.charter
        .members_of(ctx.body)
        .filter(|m| m.voting_weight() > 0)
        .map(|m| Voter::new(m.id.clone(), m.weight))
        .collect()
}

fn attendance(ctx: &Context, state: &MeetingState, t: &Timeline, zone: Tz) -> Attendance {
    let mut rows = Vec::new();
    let (mut in_person, mut by_proxy, mut absent) = (0, 0, 0);
    let (mut present_weight, mut total_weight) = (0u64, 0u64);
    for member in ctx.charter.members_of(ctx.body) {
        let voting_weight = member.voting_weight();
        total_weight += u64::from(voting_weight);
        let (presence, proxy_holder) = match state.attendance.get(&member.id) {
            Some(Present::InPerson) => (Presence::InPerson, None),
            Some(Present::Proxy { holder }) => (Presence::Proxy, Some(holder.clone())),
            None => (Presence::Absent, None),
        };
        match presence {
            Presence::InPerson => in_person += 1,
            Presence::Proxy => by_proxy += 1,
            Presence::Absent => absent += 1,
        }
        if presence != Presence::Absent {
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
            left_at: (presence == Presence::Absent)
                .then(|| t.left.get(&member.id).map(|at| moment(*at, zone)))
                .flatten(),
        });
    }
    let voters = voters(ctx);
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
