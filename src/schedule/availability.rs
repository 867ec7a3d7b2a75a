//! Whether a member is at work at an instant, in its own zone.

use chrono::{DateTime, Datelike, NaiveTime, Utc};

use crate::charter::{HolidayRule, Member, Night};

/// A member's situation at one instant, in its local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// A working day, within working hours.
    Working,
    /// A working day, outside working hours but not at night.
    OffHours,
    /// The member's local night (22:00 to 07:00 unless its charter says).
    Night,
    /// A weekend day, a blackout date or a public holiday (and not night).
    DayOff,
}

impl Availability {
    /// At most seven letters, for narrow table columns.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Working => "working",
            Self::OffHours => "off",
            Self::Night => "night",
            Self::DayOff => "day off",
        }
    }

    /// A few words for sentences.
    pub fn label(self) -> &'static str {
        match self {
            Self::Working => "working",
            Self::OffHours => "off hours",
            Self::Night => "night",
            Self::DayOff => "day off",
        }
    }
}

/// Whether a local time of day is in the default night (22:00 to 07:00).
pub fn is_night(time: NaiveTime) -> bool {
    Night::default().contains(time)
}

/// What `member` is doing at `instant`, judged in the member's zone.
/// Working hours include their start and exclude their end, so that a
/// member whose day ends at 17:00 is off at 17:00 sharp.
pub fn availability_at(member: &Member, instant: DateTime<Utc>) -> Availability {
    let local = instant.with_timezone(&member.timezone);
    let time = local.time();
    let date = local.date_naive();
    let holiday = match member.holidays() {
        HolidayRule::Calendar(id) => id.calendar().is_holiday(date),
        HolidayRule::Off | HolidayRule::NoData => false,
    };
    if member.night().contains(time) {
        Availability::Night
    } else if !member.working_days.contains(local.weekday())
        || member.blackout.contains(&date)
        || holiday
    {
        Availability::DayOff
    } else if member.working_hours.start <= time && time < member.working_hours.end {
        Availability::Working
    } else {
        Availability::OffHours
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charter::{MemberKind, MemberStatus, WorkingDays, WorkingHours};
    use chrono::{NaiveDate, TimeZone};

    fn member(zone: &str) -> Member {
        Member {
            id: "m".into(),
            name: "M".into(),
            kind: MemberKind::University,
            country: "AU".into(),
            timezone: zone.parse().unwrap(),
            status: MemberStatus::Full,
            weight: 1,
            working_hours: WorkingHours::default(),
            working_days: WorkingDays::weekdays(),
            blackout: vec![NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()],
            delegates: vec![],
        }
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn judged_in_the_members_zone_across_dst() {
        let sydney = member("Australia/Sydney");
        // 2026-10-04 Sydney moves to +11: 22:00 UTC Monday 5 Oct is 09:00 local.
        assert_eq!(
            availability_at(&sydney, at(2026, 10, 4, 22, 0)),
            Availability::Working
        );
        // A week earlier, still at +10, the same UTC time is 08:00 local.
        assert_eq!(
            availability_at(&sydney, at(2026, 9, 27, 22, 0)),
            Availability::OffHours
        );
    }

    #[test]
    fn half_and_three_quarter_hour_zones() {
        let kolkata = member("Asia/Kolkata");
        // 03:30 UTC = 09:00 IST (+5:30), a Monday.
        assert_eq!(
            availability_at(&kolkata, at(2027, 3, 8, 3, 30)),
            Availability::Working
        );
        assert_eq!(
            availability_at(&kolkata, at(2027, 3, 8, 3, 29)),
            Availability::OffHours
        );
        let kathmandu = member("Asia/Kathmandu");
        // 11:15 UTC = 17:00 NPT (+5:45): the day has just ended.
        assert_eq!(
            availability_at(&kathmandu, at(2027, 3, 8, 11, 14)),
            Availability::Working
        );
        assert_eq!(
            availability_at(&kathmandu, at(2027, 3, 8, 11, 15)),
            Availability::OffHours
        );
    }

    #[test]
    fn weekends_blackouts_and_nights() {
        let sydney = member("Australia/Sydney");
        // Thursday 24 Dec 2026 10:00 in Sydney (+11) is a blackout date.
        assert_eq!(
            availability_at(&sydney, at(2026, 12, 23, 23, 0)),
            Availability::DayOff
        );
        // Saturday 10:00 local.
        assert_eq!(
            availability_at(&sydney, at(2027, 3, 5, 23, 0)),
            Availability::DayOff
        );
        // 23:00 local on a weekday is night.
        assert_eq!(
            availability_at(&sydney, at(2027, 3, 8, 12, 0)),
            Availability::Night
        );
    }
}
