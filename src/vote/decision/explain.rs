//! Outcomes in words, for the minutes, the command line and the meeting
//! room: the same sentences everywhere.

use super::QuorumBasis;
use super::outcome::{Outcome, Reason, Threshold, TieFailure};
use crate::vote::MajorityRule;

impl Outcome {
    /// One line: verdict, rule, weighted votes and what was needed, e.g.
    /// `passed (two-thirds): yes 8, no 3, abstain 1; needed yes at least 8`.
    pub fn summary(&self) -> String {
        let verdict = if self.passed { "passed" } else { "not passed" };
        format!(
            "{verdict} ({}): yes {}, no {}, abstain {}; needed {}",
            self.rule.name(),
            self.yes.weight,
            self.no.weight,
            self.abstain.weight,
            self.threshold.describe()
        )
    }

    /// Why, in one sentence.
    pub fn explanation(&self) -> String {
        match &self.reason {
            Reason::NoQuorum => format!("there was no quorum: {}", self.quorum_sentence()),
            Reason::Passed => format!(
                "the rule's majority was reached: yes {} against no {}, {}",
                self.yes.weight,
                self.no.weight,
                self.threshold.describe()
            ),
            Reason::Failed => format!(
                "the rule's majority was not reached: yes {} against no {}, {}",
                self.yes.weight,
                self.no.weight,
                self.threshold.describe()
            ),
            Reason::NoneInFavour => "nobody voted in favour".to_owned(),
            Reason::TieBrokenByChair { chair } => {
                format!("the vote was tied; the chair ({chair}) broke the tie in favour")
            }
            Reason::TieFailed { why } => format!("the vote was tied and {}", tie_failure(*why)),
            Reason::Objection { members } => format!("objection from {}", members.join(", ")),
            Reason::NotUnanimous { members } => {
                format!(
                    "not unanimous: {} did not vote in favour",
                    members.join(", ")
                )
            }
            Reason::SplitMajority { heads, weight } => match (heads, weight) {
                (true, false) => "a majority of members but not of weight".to_owned(),
                (false, true) => "a majority of weight but not of members".to_owned(),
                _ => "neither a majority of members nor of weight".to_owned(),
            },
        }
    }

    /// What the rule's majority is of, with the figures: `two-thirds of
    /// the votes cast for and against: yes 5 of 7, at least 5 needed`.
    pub fn majority_sentence(&self) -> String {
        let (yes, no) = (self.yes.weight, self.no.weight);
        let cast = yes + no;
        match self.rule {
            MajorityRule::Simple => format!(
                "a simple majority of the votes cast for and against (abstentions do not count): yes {yes} against no {no}, more yes than no needed"
            ),
            MajorityRule::Absolute => format!(
                "more than half of the body's whole voting weight ({}, present or not): yes {yes}, {} needed",
                self.total.weight,
                self.threshold.describe()
            ),
            MajorityRule::TwoThirds => format!(
                "two-thirds of the votes cast for and against: yes {yes} of {cast}, {} needed",
                self.threshold.describe()
            ),
            MajorityRule::Unanimous => format!(
                "every present voting member in favour, with no vote against and no abstention: {} of {} in favour",
                self.yes.members,
                self.present.members.saturating_sub(self.recused.len() as u32)
            ),
            MajorityRule::Consensus => format!(
                "no objection among the present voting members (an abstention stands aside): {} against",
                self.no.members
            ),
            MajorityRule::Double => format!(
                "a majority both of the members and of the weight voting for and against: members {} to {}, weight {yes} to {no}",
                self.yes.members, self.no.members
            ),
        }
    }

    /// The quorum figures: `9 of 11 voting weight present, 6 needed (1/2)`.
    pub fn quorum_sentence(&self) -> String {
        let unit = match self.quorum.basis {
            QuorumBasis::Weight => "voting weight",
            QuorumBasis::Members => "voting members",
        };
        let whole = match self.quorum.basis {
            QuorumBasis::Weight => self.total.weight,
            QuorumBasis::Members => u64::from(self.total.members),
        };
        format!(
            "{} of {whole} {unit} present, {} needed ({})",
            self.quorum.present, self.quorum.required, self.quorum.fraction
        )
    }
}

impl Threshold {
    /// What the rule asked for, in words.
    pub fn describe(&self) -> String {
        match self {
            Self::YesAbove { weight } => format!("yes above {weight}"),
            Self::YesAtLeast { weight } => format!("yes at least {weight}"),
            Self::YesAboveHeadsAndWeight { heads, weight } => {
                format!("yes above {heads} members and above {weight} weight")
            }
            Self::AllInFavour { members } => {
                format!("all {members} present voting members in favour")
            }
            Self::NoObjection => "no objection".to_owned(),
        }
    }
}

fn tie_failure(why: TieFailure) -> &'static str {
    match why {
        TieFailure::NoCastingVote => "the body has no casting vote",
        TieFailure::ChairNotVoter => "the chair is not a voting member",
        TieFailure::ChairAbsent => "the chair was not present in person to cast a deciding vote",
        TieFailure::ChairRecused => "the chair was recused",
        TieFailure::ChairAbstained => "the chair abstained",
        TieFailure::ChairAgainst => "the chair voted against",
    }
}

#[cfg(test)]
mod tests {
    use crate::vote::decision::{Attendance, Choice, Decision, Voter};
    use crate::vote::{Fraction, MajorityRule, decide};

    #[test]
    fn a_two_thirds_vote_reads_well() {
        let voters = vec![Voter::new("a", 2), Voter::new("b", 1), Voter::new("c", 1)];
        let mut d = Decision::new(voters, MajorityRule::TwoThirds);
        d.quorum = Fraction::new(1, 2).unwrap();
        for m in ["a", "b", "c"] {
            d.attendance.insert(m.into(), Attendance::InPerson);
        }
        d.votes.insert("a".into(), Choice::Yes);
        d.votes.insert("b".into(), Choice::No);
        d.votes.insert("c".into(), Choice::Abstain);
        let o = decide(&d).unwrap();
        assert_eq!(
            o.summary(),
            "passed (two-thirds): yes 2, no 1, abstain 1; needed yes at least 2"
        );
        assert_eq!(
            o.explanation(),
            "the rule's majority was reached: yes 2 against no 1, yes at least 2"
        );
        assert_eq!(
            o.majority_sentence(),
            "two-thirds of the votes cast for and against: yes 2 of 3, yes at least 2 needed"
        );
        assert_eq!(
            o.quorum_sentence(),
            "4 of 4 voting weight present, 2 needed (1/2)"
        );
    }
}
