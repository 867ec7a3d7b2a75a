//! The results of a meeting's items. While an item is open they are
//! computed from the replayed state by the `vote` module; when it closes,
//! the result is recorded in the `item-closed` event with every figure
//! behind it, and from then on it is read, never recomputed (SPEC 3.3).
//! One code path for every front end and for the minutes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::agenda::{Item, ItemKind};
use crate::charter::CastingVote;
use crate::vote::decision::{Attendance, Decision, DecisionError, QuorumFigures};
use crate::vote::ranked::{RankingResult, TallyError, tally};
use crate::vote::{MajorityRule, Outcome, decide};

use super::state::{Context, ItemState, MeetingState};

/// What closing an item fixed, as recorded in its `item-closed` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemOutcome {
    /// A decision item: the rule, quorum, votes and result.
    Decision(Outcome),
    /// A ranking item: quorum, the tally and what it adopted.
    Ranking(RankingOutcome),
}

/// The result of a ranking item under the meeting's quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingOutcome {
    /// Quorum when the ballots were counted, as for a decision.
    pub quorum: QuorumFigures,
    /// The tally of the ballots cast.
    pub result: RankingResult,
    /// The options adopted: the winners with quorum, none without.
    pub adopted: Vec<String>,
    /// Present voting members (recused ones excepted) who cast no ballot.
    pub not_voted: Vec<String>,
}

impl RankingOutcome {
    /// One line for the room and `plenary record`: what was adopted, or
    /// why nothing was.
    pub fn summary(&self) -> String {
        let q = &self.quorum;
        if q.met {
            format!(
                "{} adopted: {}",
                self.result.method,
                if self.adopted.is_empty() {
                    "none".to_owned()
                } else {
                    self.adopted.join(", ")
                }
            )
        } else {
            format!(
                "nothing adopted: no quorum: {} {} present, {} needed ({})",
                q.present,
                match q.basis {
                    crate::vote::QuorumBasis::Weight => "voting weight",
                    crate::vote::QuorumBasis::Members => "voting members",
                },
                q.required,
                q.fraction
            )
        }
    }
}

/// Quorum as it stands now, whatever the item: the body's voting members
/// and the present attendance.
pub fn quorum_now(ctx: &Context, state: &MeetingState) -> QuorumFigures {
    let mut decision = Decision::new(ctx.voters(), MajorityRule::Simple);
    decision.attendance = state.attendance.clone();
    decision.quorum = ctx.body.quorum;
    decision.quorum_basis = ctx.body.quorum_basis;
    decision.quorum_figures()
}

/// The decision behind a decision or ranking item as it stands: live while
/// the item is open, with the attendance of the moment it closed after.
/// `None` for other kinds of item or a rule the body does not have.
pub fn decision(ctx: &Context, state: &MeetingState, item: &Item) -> Option<Decision> {
    let rule = match item.kind {
        ItemKind::Decision | ItemKind::MinutesApproval => *ctx
            .body
            .rules
            .get(item.rule.as_deref().unwrap_or("default"))?,
        // A ranking needs the same quorum; its rule plays no part.
        ItemKind::Ranking => MajorityRule::Simple,
        ItemKind::Information | ItemKind::Discussion => return None,
    };
    let voters = ctx.voters();
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
        .collect::<BTreeMap<_, _>>();
    // A vote or ballot stands once cast: a member who voted and then left
    // still counts as present for that item.
    for member in item_state.votes.keys().chain(item_state.ballots.keys()) {
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

/// The outcome of a decision item with every figure behind it: the one
/// recorded when it closed, else the live count.
pub fn decide_item(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Option<Result<Outcome, DecisionError>> {
    if !item.kind.is_decision() {
        return None;
    }
    if let Some(ItemOutcome::Decision(recorded)) = recorded(state, item) {
        return Some(Ok(recorded.clone()));
    }
    decision(ctx, state, item).map(|d| decide(&d))
}

/// The result of a ranking item: the one recorded when it closed, else
/// the ballots cast so far under the quorum as it stands.
pub fn rank_item(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Option<Result<RankingOutcome, TallyError>> {
    if item.kind != ItemKind::Ranking {
        return None;
    }
    if let Some(ItemOutcome::Ranking(recorded)) = recorded(state, item) {
        return Some(Ok(recorded.clone()));
    }
    let empty = ItemState::default();
    let item_state = state.item(&item.id).unwrap_or(&empty);
    let contest = ctx.contest(item, item_state)?;
    let decision = decision(ctx, state, item)?;
    let quorum = decision.quorum_figures();
    Some(tally(&contest).map(|result| {
        let not_voted = still_to_vote(ctx, state, item);
        RankingOutcome {
            adopted: if quorum.met {
                result.winners.clone()
            } else {
                Vec::new()
            },
            quorum,
            result,
            not_voted,
        }
    }))
}

/// The voting members present for `item` (recused ones excepted) who have
/// cast no vote on it (a decision, whether or not a motion is put yet) or
/// no ballot (a ranking), by member id. Present means in the room or by
/// proxy: now while the item is open, at its close once it has closed.
/// Empty for items that are not voted on.
pub fn still_to_vote(ctx: &Context, state: &MeetingState, item: &Item) -> Vec<String> {
    let Some(decision) = decision(ctx, state, item) else {
        return Vec::new();
    };
    let empty = ItemState::default();
    let item_state = state.item(&item.id).unwrap_or(&empty);
    let cast = |m: &str| match item.kind {
        ItemKind::Ranking => item_state.ballots.contains_key(m),
        _ => item_state.votes.contains_key(m),
    };
    decision
        .attendance
        .keys()
        .filter(|m| !decision.recused.contains(*m) && !cast(m))
        .cloned()
        .collect()
}

/// What closing `item` must record: its outcome under `ctx` now, or the
/// reason it has none.
pub fn closing_outcome(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Result<Option<ItemOutcome>, String> {
    if let Some(result) = decide_item(ctx, state, item) {
        return result
            .map(|o| Some(ItemOutcome::Decision(o)))
            .map_err(|e| e.to_string());
    }
    if let Some(result) = rank_item(ctx, state, item) {
        return result
            .map(|o| Some(ItemOutcome::Ranking(o)))
            .map_err(|e| e.to_string());
    }
    Ok(None)
}

fn recorded<'s>(state: &'s MeetingState, item: &Item) -> Option<&'s ItemOutcome> {
    state
        .item(&item.id)
        .filter(|s| s.closed)
        .and_then(|s| s.outcome.as_ref())
}
