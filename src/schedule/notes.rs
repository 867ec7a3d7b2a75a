//! What a ranking or a plan should say about the data behind it: public
//! holidays the bundled data cannot know (years it does not cover, a
//! country it has no calendar for) and holidays whose dates are estimates.
//! Never a silent "no holiday".

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, Utc};

use super::slot::HolidayMark;
use crate::charter::{HolidayRule, Member};

/// One thing the user should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Part of the range lies in years a holiday calendar does not cover:
    /// no holiday is applied there.
    HolidaysNotCovered {
        /// The calendar.
        calendar: &'static str,
        /// The members keeping it.
        members: Vec<String>,
        /// The first year it covers.
        first: i32,
        /// The last year it covers.
        last: i32,
        /// The years of the range it does not cover.
        years: Vec<i32>,
    },
    /// The member's country has no calendar in the data.
    NoHolidayData {
        /// The member.
        member: String,
        /// Its country.
        country: String,
    },
    /// A holiday in the range whose date is an estimate.
    Estimated {
        /// The members keeping it.
        members: Vec<String>,
        /// The holiday.
        holiday: HolidayMark,
    },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::HolidaysNotCovered {
                calendar,
                members,
                first,
                last,
                years,
            } => {
                let years: Vec<String> = years.iter().map(i32::to_string).collect();
                write!(
                    f,
                    "public holidays of {calendar} ({}) are known for {first}-{last} only: none \
                     is applied in {}",
                    members.join(", "),
                    years.join(", ")
                )
            }
            Self::NoHolidayData { member, country } => write!(
                f,
                "no public-holiday data for {country} ({member}): no holiday is applied; set \
                 `holidays` to a calendar, or to \"none\""
            ),
            Self::Estimated { members, holiday } => write!(
                f,
                "{holiday} on {} ({}): the date is an estimate",
                holiday.date,
                members.join(", ")
            ),
        }
    }
}

/// The notes for scheduling `members` between `from` and `to`.
pub fn notes(members: &[&Member], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Note> {
    let mut out = Vec::new();
    let mut calendars = BTreeMap::new();
    for m in members {
        match m.holidays() {
            HolidayRule::Off => {}
            HolidayRule::NoData => out.push(Note::NoHolidayData {
                member: m.id.clone(),
                country: m.country.clone(),
            }),
            HolidayRule::Calendar(id) => calendars
                .entry(id)
                .or_insert_with(Vec::new)
                .push(m.id.clone()),
        }
    }
    // Local dates anywhere on Earth: a day either side of the UTC range.
    let first = (from - Duration::days(1)).date_naive();
    let last = (to + Duration::days(1)).date_naive();
    for (id, members) in calendars {
        let c = id.calendar();
        let years: Vec<i32> = (first.year()..=last.year())
            .filter(|y| !c.covers(*y))
            .collect();
        if !years.is_empty() {
            out.push(Note::HolidaysNotCovered {
                calendar: c.code,
                members: members.clone(),
                first: c.first_year,
                last: c.last_year,
                years,
            });
        }
        for h in c.between(first, last).iter().filter(|h| h.estimated) {
            out.push(Note::Estimated {
                members: members.clone(),
                holiday: HolidayMark {
                    date: h.date,
                    name: h.name,
                    calendar: c.code,
                    estimated: true,
                },
            });
        }
    }
    out
}
