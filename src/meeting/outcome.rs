//! The results of a meeting's items, computed from the replayed state by
//! the `vote` module: one code path for every front end and for minutes.

use crate::agenda::{Item, ItemKind};
use crate::charter::CastingVote;
use crate::vote::decision::{Attendance, Decision, DecisionError, Voter};
use crate::vote::ranked::{RankingResult, TallyError, tally};
use crate::vote::{Outcome, decide};

use super::state::{Context, ItemState, MeetingState};

/// The decision behind a decision item as it stands: live while the item
/// is open, fixed at the moment it closed. `None` for other kinds of item
/// or a rule the body does not have.
pub fn decision(ctx: &Context, state: &MeetingState, item: &Item) -> Option<Decision> {
    if item.kind != ItemKind::Decision {
        return None;
    }
    let rule = *ctx
        .body
        .rules
        .get(item.rule.as_deref().unwrap_or("default"))?;
    let voters: Vec<Voter> = ctx
        .charter
        .members_of(ctx.body)
        .filter(|m| m.voting_weight() > 0)
        .map(|m| Voter::new(m.id.clone(), m.weight))
        .collect();
    let empty = ItemState::default();
    let item_state = state.item(&item.id).unwrap_or(&empty);
    let is_voter = |m: &str| voters.iter().any(|v| v.member == m);
    let mut attendance = item_state
        .attendance_at_close
        .as_ref()
        .unwrap_or(&state.attendance)
        .iter()
        .filter(|(m, _)| is_voter(m))
        .map(|(m, a)| (m.clone(), a.clone()))
        .collect::<std::collections::BTreeMap<_, _>>();
    // A vote stands once cast: a member who voted and then left still
    // counts as present for that item.
    for member in item_state.votes.keys() {
        attendance
            .entry(member.clone())
            .or_insert(Attendance::InPerson);
    }
    let recused = item_state
        .recused
        .iter()
        .filter(|m| is_voter(m) && attendance.contains_key(*m))
        .cloned()
        .collect();
    Some(Decision {
        voters,
        attendance,
        recused,
        votes: item_state.votes.clone(),
        rule,
        quorum: ctx.body.quorum,
        quorum_basis: ctx.body.quorum_basis,
        casting_vote: match ctx.body.casting_vote {
            CastingVote::Chair => Some(ctx.body.chair.clone()),
            CastingVote::None => None,
        },
    })
}

/// The outcome of a decision item with every figure behind it.
pub fn decide_item(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Option<Result<Outcome, DecisionError>> {
    decision(ctx, state, item).map(|d| decide(&d))
}

/// The result of a ranking item from the ballots cast so far.
pub fn rank_item(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Option<Result<RankingResult, TallyError>> {
    let empty = ItemState::default();
    let contest = ctx.contest(item, state.item(&item.id).unwrap_or(&empty))?;
    Some(tally(&contest))
}
