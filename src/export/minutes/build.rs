//! Building [`Minutes`] from the charter, the agenda, the replayed state and
//! the journal's records. Pure: no files and no clock (the caller says when
//! "now" is). Every figure comes from the `vote` module through the same
//! functions the meeting room uses, so minutes never disagree with it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::model::{
    Attendance, AttendanceRow, BallotRow, DecisionMinutes, DecisionOutcome, ItemMinutes,
    ItemStatus, JournalInfo, MeetingInfo, MemberTally, Minutes, Moment, Named, Presence, Quorum,
    RankingMinutes, RankingOutcome, RollCallRow, RollCallVote, Tally,
};
use crate::agenda::{Agenda, Item, ItemKind};
use crate::charter::Charter;
use crate::meeting::{
    Context, Event, GENESIS, ItemState, MeetingState, Record, decision, hash_line, rank_item,
};
use crate::vote::decision::{
    Attendance as Present, Choice, Count, Decision, Outcome, QuorumFigures, Reason, Voter,
};
use crate::vote::{MajorityRule, QuorumBasis, decide};

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
struct Timeline {
    opened: BTreeMap<String, DateTime<Utc>>,
    closed: BTreeMap<String, DateTime<Utc>>,
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
    /// The minutes of `agenda`'s meeting as `state` (replayed from
    /// `records`) describes it, generated at `now`. A meeting not yet
    /// closed gives draft minutes; no records give minutes that say nothing
    /// was recorded.
    pub fn build(
        charter: &Charter,
        agenda: &Agenda,
        state: &MeetingState,
        records: &[Record],
        now: DateTime<Utc>,
    ) -> Result<Self, MinutesError> {
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
            .map(|(index, item)| item_minutes(&ctx, state, &timeline, zone, index + 1, item))
            .collect();
        Ok(Self {
            draft: !state.closed,
            generated_at: moment(now, zone),
            meeting: meeting_info(&ctx, records, &timeline, zone),
            journal: JournalInfo {
                path: format!("records/{}.jsonl", agenda.meeting.id),
                events: records.len() as u64,
                last_hash: last_hash(records),
                recorded_by: timeline.recorded_by.clone(),
            },
            attendance: attendance(&ctx, state, &timeline, zone),
            items,
            notes: state.notes.clone(),
        })
    }
}

fn moment(at: DateTime<Utc>, zone: Tz) -> Moment {
    Moment {
        utc: at,
        local: at.with_timezone(&zone).fixed_offset(),
    }
}

/// The hash of the last line, which is the record as the journal wrote it
/// (`serde_json` of the [`Record`]), so it equals the head file's hash.
fn last_hash(records: &[Record]) -> String {
    match records.last() {
        None => GENESIS.to_owned(),
        Some(last) => serde_json::to_vec(last)
            .map(|line| hash_line(&line))
            .unwrap_or_default(),
    }
}

fn member_name(charter: &Charter, id: &str) -> String {
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
fn quorum(q: &QuorumFigures, whole: u64) -> Quorum {
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

fn item_minutes(
    ctx: &Context,
    state: &MeetingState,
    t: &Timeline,
    zone: Tz,
    number: usize,
    item: &Item,
) -> ItemMinutes {
    let empty = ItemState::default();
    let st = state.item(&item.id).unwrap_or(&empty);
    let status = match (st.opened, st.closed) {
        (_, true) => ItemStatus::Closed,
        (true, false) => ItemStatus::Open,
        (false, false) => ItemStatus::NotOpened,
    };
    let opened = status != ItemStatus::NotOpened;
    let closed = status == ItemStatus::Closed;
    ItemMinutes {
        number,
        id: item.id.clone(),
        title: item.title.clone(),
        kind: item.kind.name().to_owned(),
        description: item.description.clone(),
        time_box_minutes: item.minutes,
        status,
        opened_at: t.opened.get(&item.id).map(|at| moment(*at, zone)),
        closed_at: t.closed.get(&item.id).map(|at| moment(*at, zone)),
        decision: (opened && item.kind == ItemKind::Decision)
            .then(|| decision_minutes(ctx, state, st, item, closed)),
        ranking: (opened && item.kind == ItemKind::Ranking)
            .then(|| ranking_minutes(ctx, state, st, item, closed))
            .flatten(),
        notes: st.notes.clone(),
    }
}

fn decision_minutes(
    ctx: &Context,
    state: &MeetingState,
    st: &ItemState,
    item: &Item,
    closed: bool,
) -> DecisionMinutes {
    let rule_key = item.rule.clone().unwrap_or_else(|| "default".to_owned());
    let rule = ctx.body.rules.get(&rule_key).copied();
    let decision = decision(ctx, state, item);
    let roll_call = decision
        .as_ref()
        .map(|d| roll_call(ctx.charter, d))
        .unwrap_or_default();
    let (outcome, no_outcome) = match (&st.motion, &decision) {
        (None, _) => (None, Some("no motion was put".to_owned())),
        (Some(_), None) => (
            None,
            Some(format!("the body has no rule `{rule_key}` for this item")),
        ),
        (Some(_), Some(d)) => match decide(d) {
            Ok(o) => (Some(outcome(ctx.charter, &o, closed)), None),
            Err(e) => (None, Some(e.to_string())),
        },
    };
    DecisionMinutes {
        motion: st.motion.clone(),
        rule_key,
        rule,
        outcome,
        no_outcome,
        roll_call,
    }
}

fn roll_call(charter: &Charter, d: &Decision) -> Vec<RollCallRow> {
    d.voters
        .iter()
        .map(|v| {
            let attendance = d.attendance.get(&v.member);
            let vote = if d.recused.contains(&v.member) {
                RollCallVote::Recused
            } else {
                match (d.votes.get(&v.member), attendance) {
                    (Some(Choice::Yes), _) => RollCallVote::Yes,
                    (Some(Choice::No), _) => RollCallVote::No,
                    (Some(Choice::Abstain), _) => RollCallVote::Abstain,
                    (None, Some(_)) => RollCallVote::NotVoted,
                    (None, None) => RollCallVote::Absent,
                }
            };
            RollCallRow {
                member: v.member.clone(),
                name: member_name(charter, &v.member),
                weight: v.weight,
                vote,
                proxy_holder: match attendance {
                    Some(Present::Proxy { holder }) => Some(holder.clone()),
                    _ => None,
                },
            }
        })
        .collect()
}

fn tally(c: Count) -> Tally {
    Tally {
        weight: c.weight,
        members: c.members,
    }
}

fn member_tally(charter: &Charter, ids: &[String]) -> MemberTally {
    MemberTally {
        weight: ids
            .iter()
            .filter_map(|id| charter.member(id))
            .map(|m| u64::from(m.voting_weight()))
            .sum(),
        members: u32::try_from(ids.len()).unwrap_or(u32::MAX),
        ids: ids.to_vec(),
    }
}

fn outcome(charter: &Charter, o: &Outcome, closed: bool) -> DecisionOutcome {
    let whole = match o.quorum.basis {
        QuorumBasis::Weight => o.total.weight,
        QuorumBasis::Members => u64::from(o.total.members),
    };
    let mut quorum = quorum(&o.quorum, whole);
    quorum.sentence = o.quorum_sentence();
    DecisionOutcome {
        is_final: closed,
        passed: o.passed,
        reason: reason_key(&o.reason).to_owned(),
        summary: o.summary(),
        explanation: o.explanation(),
        quorum,
        total: tally(o.total),
        present: tally(o.present),
        by_proxy: tally(o.by_proxy),
        yes: tally(o.yes),
        no: tally(o.no),
        abstain: tally(o.abstain),
        recused: member_tally(charter, &o.recused),
        not_voted: member_tally(charter, &o.not_voted),
        threshold: o.threshold.describe(),
        casting_vote: o.casting_vote,
    }
}

fn reason_key(reason: &Reason) -> &'static str {
    match reason {
        Reason::NoQuorum => "no-quorum",
        Reason::Passed => "passed",
        Reason::Failed => "failed",
        Reason::NoneInFavour => "none-in-favour",
        Reason::TieBrokenByChair { .. } => "tie-broken-by-chair",
        Reason::TieFailed { .. } => "tie-failed",
        Reason::Objection { .. } => "objection",
        Reason::NotUnanimous { .. } => "not-unanimous",
        Reason::SplitMajority { .. } => "split-majority",
    }
}

fn ranking_minutes(
    ctx: &Context,
    state: &MeetingState,
    st: &ItemState,
    item: &Item,
    closed: bool,
) -> Option<RankingMinutes> {
    let ranking = item.ranking.as_ref()?;
    let charter = ctx.charter;
    let options = ranking
        .options
        .iter()
        .map(|id| Named {
            id: id.clone(),
            name: charter
                .priorities
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| id.clone(), |p| p.name.clone()),
        })
        .collect();
    let ballots = st
        .ballots
        .iter()
        .map(|(member, marks)| BallotRow {
            member: member.clone(),
            name: member_name(charter, member),
            weight: charter.member(member).map_or(1, |m| m.weight),
            marks: marks.clone(),
        })
        .collect::<Vec<_>>();
    let (result, no_result) = if ballots.is_empty() {
        (None, Some("no ballots were cast".to_owned()))
    } else {
        match rank_item(ctx, state, item) {
            Some(Ok(r)) => (
                Some(RankingOutcome {
                    is_final: closed,
                    ballots: r.ballots,
                    weight: r.weight,
                    ranking: r.ranking,
                    winners: r.winners,
                    tie_broken: r.tie_broken,
                    tie_break: r.details.tie_break,
                }),
                None,
            ),
            Some(Err(e)) => (None, Some(e.to_string())),
            None => (None, Some("the item has no ranking method".to_owned())),
        }
    };
    Some(RankingMinutes {
        method: ranking.method,
        seats: ranking.seats,
        options,
        result,
        no_result,
        ballots,
    })
}
