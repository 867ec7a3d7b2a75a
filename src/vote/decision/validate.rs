//! Consistency checks run before a vote is recorded and before a tally.

use std::collections::{BTreeMap, BTreeSet};

use super::{Attendance, Decision, DecisionError};

impl Decision {
    /// Checks the whole input: distinct voters, attendance and recusals of
    /// voting members only, proxies held by members attending in person,
    /// and every recorded vote allowed by [`Decision::check_vote`].
    ///
    /// `max_proxies` is the caller's business (see [`check_proxies`]),
    /// because it is a charter setting, not a property of one motion.
    pub fn validate(&self) -> Result<(), DecisionError> {
        if self.voters.is_empty() {
            return Err(DecisionError::NoVoters);
        }
        let mut seen = BTreeSet::new();
        for voter in &self.voters {
            if !seen.insert(voter.member.as_str()) {
                return Err(DecisionError::DuplicateVoter(voter.member.clone()));
            }
        }
        for (member, attendance) in &self.attendance {
            self.require_voter(member)?;
            if let Attendance::Proxy { holder } = attendance {
                if holder == member {
                    return Err(DecisionError::ProxyToSelf(member.clone()));
                }
                if self.attendance.get(holder) != Some(&Attendance::InPerson) {
                    return Err(DecisionError::ProxyHolderAbsent {
                        member: member.clone(),
                        holder: holder.clone(),
                    });
                }
            }
        }
        for member in &self.recused {
            self.require_voter(member)?;
        }
        for member in self.votes.keys() {
            self.check_vote(member)?;
        }
        Ok(())
    }

    /// Whether `member` may vote on this item now: a voting member, present
    /// in person or by proxy, and not recused. The caller asks this before
    /// writing a vote to the journal.
    pub fn check_vote(&self, member: &str) -> Result<(), DecisionError> {
        self.require_voter(member)?;
        if !self.is_present(member) {
            return Err(DecisionError::Absent(member.to_owned()));
        }
        if self.recused.contains(member) {
            return Err(DecisionError::Recused(member.to_owned()));
        }
        Ok(())
    }

    fn require_voter(&self, member: &str) -> Result<(), DecisionError> {
        match self.voter(member) {
            Some(_) => Ok(()),
            None => Err(DecisionError::NotAVoter(member.to_owned())),
        }
    }
}

/// How many proxies each holder carries, for the attendance screen.
pub fn proxies_held(attendance: &BTreeMap<String, Attendance>) -> BTreeMap<&str, u32> {
    let mut held = BTreeMap::new();
    for attendance in attendance.values() {
        if let Attendance::Proxy { holder } = attendance {
            *held.entry(holder.as_str()).or_insert(0u32) += 1;
        }
    }
    held
}

/// Refuses an attendance in which someone holds more than `max_proxies`
/// proxies (the body's `max_proxies`); names the first such holder in id
/// order so the message is stable.
pub fn check_proxies(
    attendance: &BTreeMap<String, Attendance>,
    max_proxies: u32,
) -> Result<(), DecisionError> {
    match proxies_held(attendance)
        .into_iter()
        .find(|&(_, held)| held > max_proxies)
    {
        Some((holder, held)) => Err(DecisionError::TooManyProxies {
            holder: holder.to_owned(),
            held,
            max: max_proxies,
        }),
        None => Ok(()),
    }
}
