//! One candidate meeting time judged for every participant (SPEC 2): the
//! exact, member-by-member evaluation that the ranking's fast sweep agrees
//! with, and that the scheduler screen and the CLI show.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::window::{Rules, pain_minutes};
use crate::charter::Member;

/// How one member lives a slot, in its own zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The member's id.
    pub member: String,
    /// The member's zone.
    pub timezone: Tz,
    /// When the meeting starts, on the member's wall clock.
    pub local_start: DateTime<Tz>,
    /// When the meeting ends, on the member's wall clock.
    pub local_end: DateTime<Tz>,
    /// Whether the whole meeting falls within one working window (SPEC 2).
    pub inside_hours: bool,
    /// Minutes of the meeting outside the member's working windows.
    pub pain_minutes: u32,
}

/// A candidate meeting time and what it costs the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// When the meeting starts.
    pub start: DateTime<Utc>,
    /// When the meeting ends.
    pub end: DateTime<Utc>,
    /// Members for whom the slot is inside hours.
    pub inside: usize,
    /// Members for whom it is not.
    pub outside: usize,
    /// Sum of every member's pain minutes.
    pub pain_minutes: u32,
    /// One row per member, in the order the members were given.
    pub participants: Vec<Participant>,
}

/// Judges a meeting of `duration_minutes` starting at `start` for each of
/// `members`, converting through each member's zone.
pub fn evaluate_slot(members: &[&Member], start: DateTime<Utc>, duration_minutes: u32) -> Slot {
    let end = start + Duration::minutes(i64::from(duration_minutes));
    let participants: Vec<Participant> = members
        .iter()
        .map(|m| {
            let (inside_hours, pain) = Rules::of(m).judge(start.timestamp(), end.timestamp());
            Participant {
                member: m.id.clone(),
                timezone: m.timezone,
                local_start: start.with_timezone(&m.timezone),
                local_end: end.with_timezone(&m.timezone),
                inside_hours,
                pain_minutes: pain_minutes(pain),
            }
        })
        .collect();
    let inside = participants.iter().filter(|p| p.inside_hours).count();
    let pain = participants
        .iter()
        .map(|p| u64::from(p.pain_minutes))
        .sum::<u64>();
    Slot {
        start,
        end,
        inside,
        outside: participants.len() - inside,
        pain_minutes: u32::try_from(pain).unwrap_or(u32::MAX),
        participants,
    }
}
