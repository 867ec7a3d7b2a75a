//! The burden ledger (SPEC 2): what the meetings a body actually held cost
//! each member, counted from each meeting's frozen start and length, so a
//! series is planned from there and the member who took March's night slot
//! is spared in April.
//!
//! Pure: it is given the held meetings (see `held` for reading them from
//! the journals) and judges each with the members' rules as the charter
//! gives them now (zone, hours, days, holidays, night); a member no longer
//! in the charter is left out.

use chrono::{DateTime, Utc};

use super::series::Burden;
use super::slot::evaluate_slot;
use crate::charter::Member;

/// A meeting that took place, as its frozen terms recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldMeeting {
    /// The meeting's id.
    pub meeting: String,
    /// Its body.
    pub body: String,
    /// Its frozen start.
    pub start: DateTime<Utc>,
    /// Its frozen length.
    pub duration_minutes: u32,
    /// The body's members then.
    pub members: Vec<String>,
}

/// The burden of held meetings, per member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The meetings counted, in order of start.
    pub meetings: Vec<HeldMeeting>,
    /// One entry per member that took part in any, in charter order.
    pub burden: Vec<Burden>,
}

impl Ledger {
    /// The ledger of `held` meetings for the charter's `members`; with
    /// `body`, of that body's meetings only.
    pub fn of(members: &[Member], held: &[HeldMeeting], body: Option<&str>) -> Self {
        let mut meetings: Vec<HeldMeeting> = held
            .iter()
            .filter(|h| body.is_none_or(|b| h.body == b))
            .cloned()
            .collect();
        meetings.sort_by(|a, b| (a.start, &a.meeting).cmp(&(b.start, &b.meeting)));
        let mut burden: Vec<Burden> = Vec::new();
        for h in &meetings {
            let present: Vec<&Member> = members
                .iter()
                .filter(|m| h.members.contains(&m.id))
                .collect();
            let slot = evaluate_slot(&present, h.start, h.duration_minutes);
            for (m, p) in present.iter().zip(&slot.participants) {
                let i = match burden.iter().position(|b| b.member == m.id) {
                    Some(i) => i,
                    None => {
                        burden.push(Burden::new(m));
                        burden.len() - 1
                    }
                };
                burden[i].count(p);
            }
        }
        let order = |id: &str| members.iter().position(|m| m.id == id);
        burden.sort_by_key(|b| order(&b.member));
        Self { meetings, burden }
    }

    /// The burden `member` carries from held meetings.
    pub fn of_member(&self, member: &str) -> Option<&Burden> {
        self.burden.iter().find(|b| b.member == member)
    }
}
