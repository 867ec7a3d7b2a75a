//! The agenda items of the minutes: each decision's outcome and roll call
//! and each ranking's result, from the `vote` module via the meeting's
//! `decision` and `rank_item`.

use chrono_tz::Tz;

use super::build::{member_name, moment, quorum};
use super::model::{
    BallotRow, DecisionMinutes, DecisionOutcome, ItemMinutes, ItemStatus, MemberTally, Named,
    RankingMinutes, RankingOutcome, RollCallRow, RollCallVote, Tally,
};
use crate::agenda::{Item, ItemKind};
use crate::charter::Charter;
use crate::meeting::{Context, ItemState, MeetingState, decide_item, decision, rank_item};
use crate::vote::QuorumBasis;
use crate::vote::decision::{Attendance as Present, Choice, Count, Decision, Outcome, Reason};

pub(super) fn item_minutes(
    ctx: &Context,
    state: &MeetingState,
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
        opened_at: st.opened_at.map(|at| moment(at, zone)),
        closed_at: st.closed_at.map(|at| moment(at, zone)),
        decision: (opened && item.kind.is_decision())
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
    let recorded = decide_item(ctx, state, item);
    let (outcome, no_outcome, majority) = match (&st.motion, recorded) {
        (None, _) => (None, Some("no motion was put".to_owned()), None),
        (Some(_), None) => (
            None,
            Some(format!("the body has no rule `{rule_key}` for this item")),
            None,
        ),
        (Some(_), Some(Ok(o))) => (
            Some(outcome(ctx.charter, &o, closed)),
            None,
            Some(o.majority_sentence()),
        ),
        (Some(_), Some(Err(e))) => (None, Some(e.to_string()), None),
    };
    // Present for the item but not in the room when it closed: they voted
    // and left, and their votes stand.
    let in_room = st.attendance_at_close.as_ref().unwrap_or(&state.attendance);
    let left_after_voting = st
        .votes
        .keys()
        .filter(|m| !in_room.contains_key(*m))
        .cloned()
        .collect();
    DecisionMinutes {
        motion: st.motion.clone(),
        rule_key,
        rule,
        outcome,
        no_outcome,
        majority,
        left_after_voting,
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
            Some(Ok(r)) => {
                let whole = match r.quorum.basis {
                    QuorumBasis::Weight => ctx
                        .charter
                        .members_of(ctx.body)
                        .map(|m| u64::from(m.voting_weight()))
                        .sum(),
                    QuorumBasis::Members => ctx
                        .charter
                        .members_of(ctx.body)
                        .filter(|m| m.voting_weight() > 0)
                        .count() as u64,
                };
                (
                    Some(RankingOutcome {
                        is_final: closed,
                        ballots: r.result.ballots,
                        weight: r.result.weight,
                        ranking: r.result.ranking,
                        winners: r.result.winners,
                        tie_broken: r.result.tie_broken,
                        tie_break: r.result.details.tie_break.clone(),
                        quorum: quorum(&r.quorum, whole),
                        adopted: r.adopted,
                        not_voted: r.not_voted,
                        details: r.result.details,
                    }),
                    None,
                )
            }
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
