//! Members and instants for the tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::charter::{Member, MemberKind, MemberStatus, WorkingDays, WorkingHours};

/// A member in `zone` with default hours (09:00-17:00, Mon-Fri).
pub fn member(id: &str, zone: &str) -> Member {
    Member {
        id: id.into(),
        name: id.into(),
        kind: MemberKind::University,
        country: "ZZ".into(),
        timezone: zone.parse().unwrap(),
        status: MemberStatus::Full,
        weight: 1,
        working_hours: WorkingHours::default(),
        working_days: WorkingDays::weekdays(),
        blackout: vec![],
        delegates: vec![],
    }
}

/// The same with other working hours, `HH:MM-HH:MM`.
pub fn with_hours(mut m: Member, hours: &str) -> Member {
    m.working_hours = hours.parse().unwrap();
    m
}

/// A UTC instant.
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// A date.
pub fn date(y: i32, mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, d).unwrap()
}
