//! Applying quorum and the majority rule to a validated decision.

use super::{
    Attendance, Choice, Count, Decision, DecisionError, Outcome, QuorumBasis, QuorumFigures,
    Reason, Threshold, TieFailure,
};
use crate::vote::MajorityRule;

/// Tallies `decision`: validates it, counts presence and votes, checks
/// quorum, then applies the rule. Without quorum the motion fails with
/// [`Reason::NoQuorum`], but every figure is still reported.
pub fn decide(decision: &Decision) -> Result<Outcome, DecisionError> {
    decision.validate()?;
    let figures = Figures::count(decision);
    let quorum = quorum(decision, &figures);
    let (threshold, verdict) = apply_rule(decision, &figures);
    let casting_vote = casting_choice(decision, &figures);
    let (passed, reason) = if quorum.met {
        verdict
    } else {
        (false, Reason::NoQuorum)
    };
    Ok(Outcome {
        rule: decision.rule,
        passed,
        reason,
        total: figures.total,
        present: figures.present,
        by_proxy: figures.by_proxy,
        quorum,
        yes: figures.yes,
        no: figures.no,
        abstain: figures.abstain,
        not_voted: figures.not_voted,
        recused: decision.recused.iter().cloned().collect(),
        threshold,
        casting_vote,
    })
}

impl Decision {
    /// Quorum alone, for the live attendance display before any motion is
    /// put; attendance of non-voters is ignored rather than refused here.
    pub fn quorum_figures(&self) -> QuorumFigures {
        quorum(self, &Figures::count(self))
    }
}

/// Raw counts, gathered in one pass over the voters.
struct Figures {
    total: Count,
    present: Count,
    by_proxy: Count,
    yes: Count,
    no: Count,
    abstain: Count,
    not_voted: Vec<String>,
}

impl Figures {
    fn count(decision: &Decision) -> Self {
        let mut f = Figures {
            total: Count::default(),
            present: Count::default(),
            by_proxy: Count::default(),
            yes: Count::default(),
            no: Count::default(),
            abstain: Count::default(),
            not_voted: Vec::new(),
        };
        for voter in &decision.voters {
            f.total.add(voter.weight);
            let Some(attendance) = decision.attendance.get(&voter.member) else {
                continue;
            };
            f.present.add(voter.weight);
            if matches!(attendance, Attendance::Proxy { .. }) {
                f.by_proxy.add(voter.weight);
            }
            if decision.recused.contains(&voter.member) {
                continue;
            }
            match decision.votes.get(&voter.member) {
                Some(Choice::Yes) => f.yes.add(voter.weight),
                Some(Choice::No) => f.no.add(voter.weight),
                Some(Choice::Abstain) => f.abstain.add(voter.weight),
                None => f.not_voted.push(voter.member.clone()),
            }
        }
        f.not_voted.sort();
        f
    }
}

fn quorum(decision: &Decision, f: &Figures) -> QuorumFigures {
    let (present, whole) = match decision.quorum_basis {
        QuorumBasis::Weight => (f.present.weight, f.total.weight),
        QuorumBasis::Members => (u64::from(f.present.members), u64::from(f.total.members)),
    };
    let required = decision.quorum.threshold(whole);
    QuorumFigures {
        basis: decision.quorum_basis,
        fraction: decision.quorum,
        required,
        present,
        met: present >= required,
    }
}

type Verdict = (bool, Reason);

fn apply_rule(decision: &Decision, f: &Figures) -> (Threshold, Verdict) {
    let (yes, no) = (f.yes.weight, f.no.weight);
    match decision.rule {
        MajorityRule::Simple => {
            let verdict = if yes == no {
                casting_vote(decision)
            } else {
                plain(yes > no)
            };
            (Threshold::YesAbove { weight: no }, verdict)
        }
        MajorityRule::Absolute => {
            // yes > total/2  <=>  yes > floor(total/2) for integers.
            let half = f.total.weight / 2;
            (Threshold::YesAbove { weight: half }, plain(yes > half))
        }
        MajorityRule::TwoThirds => {
            let cast = u128::from(yes) + u128::from(no);
            let needed = u64::try_from((2 * cast).div_ceil(3))
                .unwrap_or(u64::MAX)
                .max(1);
            let verdict = if yes == 0 {
                (false, Reason::NoneInFavour)
            } else {
                plain(yes >= needed)
            };
            (Threshold::YesAtLeast { weight: needed }, verdict)
        }
        MajorityRule::Unanimous => {
            let voting = f.present.members.saturating_sub(recused_present(decision));
            let verdict = if f.no.members > 0 {
                (false, objectors(decision))
            } else if f.abstain.members > 0 || !f.not_voted.is_empty() {
                (false, abstainers(decision, f))
            } else if yes == 0 {
                (false, Reason::NoneInFavour)
            } else {
                (true, Reason::Passed)
            };
            (Threshold::AllInFavour { members: voting }, verdict)
        }
        MajorityRule::Consensus => {
            let verdict = if f.no.members > 0 {
                (false, objectors(decision))
            } else if yes == 0 {
                (false, Reason::NoneInFavour)
            } else {
                (true, Reason::Passed)
            };
            (Threshold::NoObjection, verdict)
        }
        MajorityRule::Double => {
            let heads = f.yes.members > f.no.members;
            let weight = yes > no;
            let verdict = match (heads, weight) {
                (true, true) => (true, Reason::Passed),
                (false, false) => (false, Reason::Failed),
                _ => (false, Reason::SplitMajority { heads, weight }),
            };
            let threshold = Threshold::YesAboveHeadsAndWeight {
                heads: f.no.members,
                weight: no,
            };
            (threshold, verdict)
        }
    }
}

fn plain(passed: bool) -> Verdict {
    if passed {
        (true, Reason::Passed)
    } else {
        (false, Reason::Failed)
    }
}

/// A level simple-majority vote: the chair's own vote, cast again.
fn casting_vote(decision: &Decision) -> Verdict {
    let fail = |why| (false, Reason::TieFailed { why });
    let Some(chair) = &decision.casting_vote else {
        return fail(TieFailure::NoCastingVote);
    };
    if decision.voter(chair).is_none() {
        return fail(TieFailure::ChairNotVoter);
    }
    if decision.attendance.get(chair) != Some(&Attendance::InPerson) {
        return fail(TieFailure::ChairAbsent);
    }
    if decision.recused.contains(chair) {
        return fail(TieFailure::ChairRecused);
    }
    match decision.votes.get(chair) {
        Some(Choice::Yes) => (
            true,
            Reason::TieBrokenByChair {
                chair: chair.clone(),
            },
        ),
        Some(Choice::No) => fail(TieFailure::ChairAgainst),
        Some(Choice::Abstain) | None => fail(TieFailure::ChairAbstained),
    }
}

/// The chair's vote when a simple-majority tie called for a casting vote and
/// the chair was in the room to give it.
fn casting_choice(decision: &Decision, f: &Figures) -> Option<Choice> {
    let chair = decision.casting_vote.as_ref()?;
    let tie = decision.rule == MajorityRule::Simple && f.yes.weight == f.no.weight;
    let in_room = decision.attendance.get(chair) == Some(&Attendance::InPerson)
        && !decision.recused.contains(chair);
    if tie && in_room {
        decision.votes.get(chair).copied()
    } else {
        None
    }
}

fn recused_present(decision: &Decision) -> u32 {
    let n = decision
        .recused
        .iter()
        .filter(|m| decision.is_present(m))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn objectors(decision: &Decision) -> Reason {
    Reason::Objection {
        members: members_voting(decision, Choice::No),
    }
}

fn abstainers(decision: &Decision, f: &Figures) -> Reason {
    let mut members = members_voting(decision, Choice::Abstain);
    members.extend(f.not_voted.iter().cloned());
    members.sort();
    Reason::NotUnanimous { members }
}

fn members_voting(decision: &Decision, choice: Choice) -> Vec<String> {
    // `votes` is a BTreeMap, so this is already in id order.
    decision
        .votes
        .iter()
        .filter(|&(_, c)| *c == choice)
        .map(|(m, _)| m.clone())
        .collect()
}
