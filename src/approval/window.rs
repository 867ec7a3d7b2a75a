//! The veto window, counted in days of the alliance's zone: it opens on
//! the day a draft is circulated and ends with the end of day
//! `circulation + veto_days` there (docs/approval.md).

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::actions::due_instant;

/// The first instant after the window of a draft circulated on `date`:
/// the midnight that ends day `date + veto_days` in `zone`, correct across
/// daylight-saving changes.
pub fn window_end(date: NaiveDate, veto_days: u32, zone: Tz) -> DateTime<Utc> {
    let last = date
        .checked_add_days(Days::new(u64::from(veto_days)))
        .unwrap_or(date);
    due_instant(last, zone)
}

/// The last day of the window, as people say it ("until the end of 25 March").
pub fn last_day(date: NaiveDate, veto_days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(veto_days)))
        .unwrap_or(date)
}

/// The day `now` falls on in `zone`.
pub fn day_in(now: DateTime<Utc>, zone: Tz) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_window_ends_at_midnight_in_the_alliances_zone() {
        let zone: Tz = "Europe/Brussels".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        // 25 March is still winter time in Brussels (UTC+1).
        assert_eq!(window_end(date, 10, zone), at("2027-03-25T23:00:00Z"));
        assert_eq!(
            last_day(date, 10),
            NaiveDate::from_ymd_opt(2027, 3, 25).unwrap()
        );
        // Across the change to summer time (28 March) the end is 22:00 UTC.
        assert_eq!(window_end(date, 14, zone), at("2027-03-29T22:00:00Z"));
    }

    #[test]
    fn a_half_hour_zone_and_a_southern_summer_count_their_own_days() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        assert_eq!(window_end(date, 1, kolkata), at("2027-03-16T18:30:00Z"));
        let sydney: Tz = "Australia/Sydney".parse().unwrap();
        assert_eq!(window_end(date, 1, sydney), at("2027-03-16T13:00:00Z"));
        assert_eq!(
            day_in(at("2027-03-15T13:30:00Z"), sydney),
            date.succ_opt().unwrap()
        );
    }
}
