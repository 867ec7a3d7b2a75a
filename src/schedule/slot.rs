//! One candidate meeting time judged for every participant (SPEC 2): the
//! exact, member-by-member evaluation that the ranking's fast sweep agrees
//! with, and that the scheduler screen and the CLI show.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::holidays::Holiday;
use std::collections::HashMap;

use super::window::{Rules, ZoneDays, pain_minutes};
use crate::charter::Member;

/// A public holiday that a meeting falls on for one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidayMark {
    /// The member's local date.
    pub date: NaiveDate,
    /// The holiday's name.
    pub name: &'static str,
    /// The calendar it comes from, `AU` or `AU-NSW`.
    pub calendar: &'static str,
    /// Whether its date is an estimate.
    pub estimated: bool,
}

impl std::fmt::Display for HolidayMark {
    /// `Good Friday (AU)`, `Eid al-Fitr (IN, estimated)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let estimated = if self.estimated { ", estimated" } else { "" };
        write!(f, "{} ({}{estimated})", self.name, self.calendar)
    }
}

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
    /// Minutes of the meeting inside the member's local night.
    pub night_minutes: u32,
    /// The public holiday the meeting falls on, if any.
    pub holiday: Option<HolidayMark>,
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
    /// Sum of every member's night minutes.
    pub night_minutes: u32,
    /// One row per member, in the order the members were given.
    pub participants: Vec<Participant>,
}

impl Slot {
    /// The ids of the members outside hours, in member order.
    pub fn outside_members(&self) -> impl Iterator<Item = &str> {
        self.participants
            .iter()
            .filter(|p| !p.inside_hours)
            .map(|p| p.member.as_str())
    }
}

/// Judges a meeting of `duration_minutes` starting at `start` for each of
/// `members`, converting through each member's zone.
pub fn evaluate_slot(members: &[&Member], start: DateTime<Utc>, duration_minutes: u32) -> Slot {
    let rules: Vec<Rules> = members.iter().map(|m| Rules::of(m)).collect();
    evaluate_with(members, &rules, start, duration_minutes, None)
}

/// [`evaluate_slot`] with each member's rules already built and, when
/// given, each zone's daily offsets (the same result, faster).
pub(crate) fn evaluate_with(
    members: &[&Member],
    rules: &[Rules],
    start: DateTime<Utc>,
    duration_minutes: u32,
    zones: Option<&HashMap<Tz, ZoneDays>>,
) -> Slot {
    let end = start + Duration::minutes(i64::from(duration_minutes));
    let (s, e) = (start.timestamp(), end.timestamp());
    let participants: Vec<Participant> = members
        .iter()
        .zip(rules)
        .map(|(m, r)| {
            let days = zones.and_then(|z| z.get(&m.timezone));
            let (inside_hours, pain, night) = r.judge_with(s, e, days);
            let local_start = start.with_timezone(&m.timezone);
            let local_end = end.with_timezone(&m.timezone);
            Participant {
                member: m.id.clone(),
                timezone: m.timezone,
                inside_hours,
                pain_minutes: pain_minutes(pain),
                night_minutes: pain_minutes(night),
                holiday: holiday(r, local_start.date_naive(), local_end.date_naive()),
                local_start,
                local_end,
            }
        })
        .collect();
    let inside = participants.iter().filter(|p| p.inside_hours).count();
    let sum = |f: fn(&Participant) -> u32| -> u32 {
        let total: u64 = participants.iter().map(|p| u64::from(f(p))).sum();
        u32::try_from(total).unwrap_or(u32::MAX)
    };
    Slot {
        start,
        end,
        inside,
        outside: participants.len() - inside,
        pain_minutes: sum(|p| p.pain_minutes),
        night_minutes: sum(|p| p.night_minutes),
        participants,
    }
}

/// The first holiday on the local dates from `first` to `last`.
fn holiday(rules: &Rules, first: NaiveDate, last: NaiveDate) -> Option<HolidayMark> {
    let calendar = rules.holidays?;
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(3)
        .find_map(|d| rules.holidays_on(d).first())
        .map(|h: &Holiday| HolidayMark {
            date: h.date,
            name: h.name,
            calendar: calendar.code(),
            estimated: h.estimated,
        })
}
