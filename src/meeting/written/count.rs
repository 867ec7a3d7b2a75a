//! What a written procedure's replies decide (SPEC 9), through the same
//! rules, quorum and ranked methods as a meeting (`crate::vote`): each
//! member replies for itself; present = replied; with `silence =
//! "consent"` a member that did not reply counts as present and yes on a
//! decision (present, without a ballot, on a ranking).
//!
//! Also whether the outcome can still change before the deadline: the
//! members yet to reply are enumerated, grouped by what the rules can tell
//! apart (their weight, and being the chair with the casting vote), so
//! that the check is exact and still cheap for a large body.

use crate::agenda::{Item, ItemKind};
use crate::charter::{CastingVote, Silence};
use crate::vote::decision::{Attendance, Decision, Voter};
use crate::vote::ranked::{Ballot, Contest, tally};
use crate::vote::{MajorityRule, decide};

use super::super::event::ReplyChoice;
use super::super::outcome::{ItemOutcome, RankingOutcome};
use super::super::state::{Context, MeetingState};
use super::WrittenState;

/// What a member yet to reply may still do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Still {
    /// Not reply by the deadline.
    Silent,
    /// Reply so.
    Reply(ReplyChoice),
}

/// Every thing a member yet to reply on a decision may still do.
const STILL: [Still; 5] = [
    Still::Silent,
    Still::Reply(ReplyChoice::Yes),
    Still::Reply(ReplyChoice::No),
    Still::Reply(ReplyChoice::Abstain),
    Still::Reply(ReplyChoice::Recuse),
];

/// What a member yet to reply may still do that the count can tell apart:
/// with silence as consent, staying silent counts exactly as replying yes.
fn still(silence: Silence) -> &'static [Still] {
    match silence {
        Silence::Consent => &STILL[1..],
        Silence::None => &STILL,
    }
}

/// Above this many distinct ways the remaining replies can fall, an early
/// close is refused rather than proven (the deadline then fixes it).
const MOST_COMPLETIONS: u64 = 50_000;

/// The rule a written procedure decides `item` by: the body's
/// `[bodies.written] rule`, else the item's own.
fn rule(ctx: &Context, item: &Item) -> Option<MajorityRule> {
    let key = ctx
        .body
        .written
        .rule
        .as_deref()
        .or(item.rule.as_deref())
        .unwrap_or("default");
    ctx.body.rules.get(key).copied()
}

/// The decision with nobody counted yet.
fn empty_decision(ctx: &Context, item: &Item) -> Option<Decision> {
    let rule = match item.kind {
        ItemKind::Decision | ItemKind::MinutesApproval => rule(ctx, item)?,
        // A ranking needs the same quorum; its rule plays no part.
        ItemKind::Ranking => MajorityRule::Simple,
        ItemKind::Information | ItemKind::Discussion => return None,
    };
    let mut d = Decision::new(ctx.voters(), rule);
    d.quorum = ctx.body.quorum;
    d.quorum_basis = ctx.body.quorum_basis;
    d.casting_vote = match ctx.body.casting_vote {
        CastingVote::Chair => Some(ctx.body.chair.clone()),
        CastingVote::None => None,
    };
    Some(d)
}

/// Counts `member` doing `what` into `d`.
fn count(d: &mut Decision, member: &str, what: Still, silence: Silence, decision: bool) {
    match what {
        Still::Silent if silence == Silence::None => {}
        Still::Silent => {
            d.attendance.insert(member.to_owned(), Attendance::InPerson);
            if decision {
                d.votes
                    .insert(member.to_owned(), crate::vote::decision::Choice::Yes);
            }
        }
        Still::Reply(choice) => {
            d.attendance.insert(member.to_owned(), Attendance::InPerson);
            match choice.vote() {
                Some(vote) if decision => {
                    d.votes.insert(member.to_owned(), vote);
                }
                Some(_) => {}
                None => {
                    d.recused.insert(member.to_owned());
                }
            }
        }
    }
}

/// The decision behind `item` from the replies so far, with every member
/// that has not replied counted as silence says: the outcome if nobody
/// else replies by the deadline. `None` for an item not voted on or a rule
/// the body lacks.
pub fn written_decision(ctx: &Context, w: &WrittenState, item: &Item) -> Option<Decision> {
    let mut d = empty_decision(ctx, item)?;
    let silence = ctx.body.written.silence;
    let is_decision = item.kind == ItemKind::Decision;
    let replies = w.replies.get(&item.id);
    for voter in ctx.voters() {
        let what = match replies.and_then(|r| r.get(&voter.member)) {
            Some(reply) => match reply.answer {
                super::Answer::Choice(choice) => Still::Reply(choice),
                // A ballot: present; the ballot itself is counted by the tally.
                _ => Still::Reply(ReplyChoice::Abstain),
            },
            None => Still::Silent,
        };
        count(&mut d, &voter.member, what, silence, is_decision);
    }
    Some(d)
}

/// The outcome of `item`: the one recorded at the close, else the replies
/// so far as if nobody else replied (the live, provisional outcome).
pub fn provisional(
    ctx: &Context,
    state: &MeetingState,
    item: &Item,
) -> Option<Result<ItemOutcome, String>> {
    if let Some(recorded) = state.item(&item.id).and_then(|s| s.outcome.as_ref()) {
        return Some(Ok(recorded.clone()));
    }
    let empty = WrittenState::default();
    let w = state.written().unwrap_or(&empty);
    let d = written_decision(ctx, w, item)?;
    if item.kind == ItemKind::Decision {
        return Some(
            decide(&d)
                .map(ItemOutcome::Decision)
                .map_err(|e| e.to_string()),
        );
    }
    let ranking = item.ranking.as_ref()?;
    let replies = w.replies.get(&item.id);
    let ballots: Vec<Ballot> = replies
        .into_iter()
        .flatten()
        .filter_map(|(member, reply)| {
            Some(Ballot {
                voter: Some(member.clone()),
                weight: ctx.charter.member(member).map_or(1, |m| m.weight),
                marks: reply.answer.marks()?,
            })
        })
        .collect();
    let contest = Contest {
        method: ranking.method,
        options: ranking.options.clone(),
        seats: ranking.seats as usize,
        ballots,
    };
    let quorum = d.quorum_figures();
    let cast = |m: &str| {
        replies
            .and_then(|r| r.get(m))
            .is_some_and(|r| r.answer.marks().is_some())
    };
    let not_voted = d
        .attendance
        .keys()
        .filter(|m| !d.recused.contains(*m) && !cast(m))
        .cloned()
        .collect();
    Some(
        tally(&contest)
            .map(|result| {
                ItemOutcome::Ranking(RankingOutcome {
                    adopted: if quorum.met {
                        result.winners.clone()
                    } else {
                        Vec::new()
                    },
                    quorum,
                    result,
                    not_voted,
                })
            })
            .map_err(|e| e.to_string()),
    )
}

/// Whether a written procedure's outcome is fixed before its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// No remaining reply can change any item's outcome; why, in words.
    Yes(String),
    /// Some item can still change; which, and why, in words.
    No(String),
}

/// Whether any reply still possible (any choice of any member that has
/// not replied, or no reply) can change an item's outcome: whether a
/// decision passes, or what a ranking adopts.
///
/// Decisions are decided exactly. A ranking is taken as fixed only when
/// every member has replied on it: a ballot can reorder a ranking in too
/// many ways to enumerate, and everyone replying always makes quorum.
pub fn settled(ctx: &Context, w: &WrittenState) -> Settled {
    let mut fixed = Vec::new();
    let mut open = Vec::new();
    let silence = ctx.body.written.silence;
    for item in &ctx.agenda.items {
        let Some(base) = empty_decision(ctx, item) else {
            continue;
        };
        let replies = w.replies.get(&item.id);
        let remaining: Vec<&Voter> = base
            .voters
            .iter()
            .filter(|v| !replies.is_some_and(|r| r.contains_key(&v.member)))
            .collect();
        let names = remaining
            .iter()
            .map(|v| v.member.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let Some(d) = written_decision(ctx, w, item) else {
            continue;
        };
        if remaining.is_empty() {
            fixed.push(format!("`{}`: every member has replied", item.id));
            continue;
        }
        let how_many = match remaining.len() {
            1 => "the 1 member yet to reply".to_owned(),
            n => format!("the {n} members yet to reply"),
        };
        if item.kind == ItemKind::Ranking {
            // Everyone replying always makes quorum, so a ballot still to
            // come can always reorder the ranking.
            open.push(format!(
                "`{}` is a ranking, fixed before the deadline only once every member has replied (not yet: {names})",
                item.id
            ));
            continue;
        }
        // The replies so far, with the remaining members not yet counted.
        let mut so_far = d;
        for v in &remaining {
            so_far.attendance.remove(&v.member);
            so_far.votes.remove(&v.member);
        }
        match fixed_decision(&so_far, &remaining, silence) {
            Some(passed) => fixed.push(format!(
                "`{}` {} whatever {how_many} ({names}) reply",
                item.id,
                if passed { "passes" } else { "fails" }
            )),
            None => open.push(format!(
                "`{}` could still pass or fail: {how_many} ({names}) may reply",
                item.id
            )),
        }
    }
    if open.is_empty() {
        Settled::Yes(fixed.join("; "))
    } else {
        Settled::No(open.join("; "))
    }
}

/// Whether the motion passes, the same in every way the `remaining`
/// members can still reply or stay silent; `None` when two ways differ
/// (or there are too many ways to go through).
fn fixed_decision(so_far: &Decision, remaining: &[&Voter], silence: Silence) -> Option<bool> {
    // Members the rules cannot tell apart are interchangeable: only how
    // many of them do what matters.
    let casting = so_far.casting_vote.as_deref();
    let mut groups: Vec<(u32, bool, Vec<&str>)> = Vec::new();
    for v in remaining {
        let chair = casting == Some(v.member.as_str());
        match groups
            .iter_mut()
            .find(|(w, c, _)| *w == v.weight && *c == chair && !chair)
        {
            Some((_, _, members)) => members.push(&v.member),
            None => groups.push((v.weight, chair, vec![&v.member])),
        }
    }
    let things = still(silence).len() as u64;
    groups.iter().try_fold(1u64, |total, (_, _, m)| {
        let n = m.len() as u64;
        // Ways to split n members over k things to do: C(n + k - 1, k - 1).
        let split = (1..things).try_fold(1u64, |c, i| Some(c.checked_mul(n + i)? / i))?;
        total.checked_mul(split).filter(|t| *t <= MOST_COMPLETIONS)
    })?;
    let options = still(silence);
    let splits: Vec<Vec<Vec<usize>>> = groups
        .iter()
        .map(|(_, _, m)| compositions(m.len(), options.len()))
        .collect();
    let mut seen = None;
    let mut agree = true;
    let mut assignment = Vec::with_capacity(remaining.len());
    let groups: Vec<&[&str]> = groups.iter().map(|(_, _, m)| m.as_slice()).collect();
    let each = Ways {
        groups: &groups,
        splits: &splits,
        options,
    };
    each.visit(0, &mut assignment, &mut |assignment| {
        let mut d = so_far.clone();
        for (member, what) in assignment {
            count(&mut d, member, *what, silence, true);
        }
        match (decide(&d).map(|o| o.passed), seen) {
            (Ok(p), None) => seen = Some(p),
            (Ok(p), Some(q)) if p == q => {}
            _ => agree = false,
        }
        agree
    });
    if agree { seen } else { None }
}

/// A member yet to reply, and what it does in one way things can go.
type Doing<'a> = (&'a str, Still);

/// The ways the remaining members' groups can split over what they may
/// still do.
struct Ways<'a> {
    /// Each group's members, interchangeable within it.
    groups: &'a [&'a [&'a str]],
    /// Each group's splits: how many of its members do each thing.
    splits: &'a [Vec<Vec<usize>>],
    /// The things to do.
    options: &'a [Still],
}

impl<'a> Ways<'a> {
    /// Calls `leaf` with every assignment of what each member does, from
    /// group `at` on, until it returns false; returns false if it did.
    fn visit(
        &self,
        at: usize,
        assignment: &mut Vec<Doing<'a>>,
        leaf: &mut dyn FnMut(&[Doing<'a>]) -> bool,
    ) -> bool {
        let (Some(members), Some(splits)) = (self.groups.get(at), self.splits.get(at)) else {
            return leaf(assignment);
        };
        for split in splits {
            let before = assignment.len();
            let mut next = members.iter();
            for (what, n) in self.options.iter().zip(split) {
                assignment.extend(next.by_ref().take(*n).map(|m| (*m, *what)));
            }
            let go = self.visit(at + 1, assignment, leaf);
            assignment.truncate(before);
            if !go {
                return false;
            }
        }
        true
    }
}

/// Every way to split `n` over `k` parts (each part zero or more).
fn compositions(n: usize, k: usize) -> Vec<Vec<usize>> {
    match k {
        0 => Vec::new(),
        1 => vec![vec![n]],
        _ => (0..=n)
            .flat_map(|first| {
                compositions(n - first, k - 1)
                    .into_iter()
                    .map(move |mut rest| {
                        rest.insert(0, first);
                        rest
                    })
            })
            .collect(),
    }
}
