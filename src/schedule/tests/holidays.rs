//! Public holidays in scheduling (SPEC 2): a holiday is a blackout date of
//! the member's calendar, on the member's local date, with a name to show;
//! `holidays = "none"` switches them off; years outside the data and
//! estimated dates are said, never silently ignored.

use chrono::Weekday;

use super::fixtures::{member, utc};
use crate::charter::{Holidays, Member, WorkingDays};
use crate::schedule::holidays::find;
use crate::schedule::{Note, Search, evaluate_slot, rank_slots};

/// A member working every day of the week, keeping `calendar`.
fn every_day(id: &str, zone: &str, calendar: Option<&str>) -> Member {
    let mut m = member(id, zone);
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .fold(WorkingDays::NONE, WorkingDays::with);
    let holidays = match calendar {
        Some(code) => Holidays::Calendar(find(code).unwrap()),
        None => Holidays::Off,
    };
    m.working_days = days.with_holidays(holidays);
    m
}

#[test]
fn a_holiday_on_a_dst_change_day_is_a_day_off_at_the_right_local_time() {
    // Sunday 31 October 2027: Reformation Day in Lower Saxony, and the
    // night Europe/Berlin falls back from CEST to CET.
    let hanover = every_day("hanover", "Europe/Berlin", Some("DE-NI"));
    let slot = evaluate_slot(&[&hanover], utc(2027, 10, 31, 10, 0), 60);
    let p = &slot.participants[0];
    assert_eq!(p.local_start.to_rfc3339(), "2027-10-31T11:00:00+01:00");
    assert!(!p.inside_hours);
    assert_eq!(p.pain_minutes, 60);
    assert_eq!(
        p.holiday.map(|h| h.to_string()).as_deref(),
        Some("Reformation Day (DE-NI)")
    );
    // The day before (still CEST) is an ordinary working day.
    let before = evaluate_slot(&[&hanover], utc(2027, 10, 30, 10, 0), 60);
    assert!(before.participants[0].inside_hours);
    assert_eq!(before.participants[0].holiday, None);
    // Without holidays the Sunday is a working day like any other.
    let off = every_day("hanover", "Europe/Berlin", None);
    let slot = evaluate_slot(&[&off], utc(2027, 10, 31, 10, 0), 60);
    assert!(slot.participants[0].inside_hours);
    assert_eq!(slot.participants[0].holiday, None);
}

#[test]
fn the_southern_hemisphere_and_a_subdivision() {
    // Saturday 27 March 2027 11:00 AEDT (00:00 UTC): Easter Saturday is a
    // holiday in New South Wales, not in Australia as a whole.
    let at = utc(2027, 3, 27, 0, 0);
    let nsw = every_day("unsw", "Australia/Sydney", Some("AU-NSW"));
    let national = every_day("anu", "Australia/Sydney", Some("AU"));
    let slot = evaluate_slot(&[&nsw, &national], at, 60);
    assert!(!slot.participants[0].inside_hours);
    assert_eq!(
        slot.participants[0]
            .holiday
            .map(|h| h.to_string())
            .as_deref(),
        Some("Easter Saturday (AU-NSW)")
    );
    assert!(slot.participants[1].inside_hours);
    // Good Friday (26 March) is a holiday for both.
    let friday = evaluate_slot(&[&nsw, &national], utc(2027, 3, 26, 0, 0), 60);
    assert_eq!(friday.inside, 0);
}

#[test]
fn a_ranking_never_proposes_a_members_holiday_as_a_working_day() {
    // Cape Town, Monday 29 March 2027 is Family Day (ZA): the best slot of
    // the week for one member in Johannesburg is never on it.
    let mut uct = member("uct", "Africa/Johannesburg");
    uct.working_days = uct
        .working_days
        .with_holidays(Holidays::Calendar(find("ZA").unwrap()));
    let s = Search {
        from: utc(2027, 3, 25, 22, 0),
        to: utc(2027, 3, 30, 22, 0),
        duration_minutes: 60,
        step_minutes: 60,
    };
    let ranking = rank_slots(&[&uct], &s, 1000).unwrap();
    let inside_days: std::collections::BTreeSet<String> = ranking
        .slots
        .iter()
        .filter(|x| x.inside == 1)
        .map(|x| x.participants[0].local_start.format("%Y-%m-%d").to_string())
        .collect();
    // Friday 26 is Good Friday, 27-28 the weekend, 29 Family Day.
    assert_eq!(inside_days.into_iter().collect::<Vec<_>>(), ["2027-03-30"]);
}

#[test]
fn years_outside_the_data_and_estimated_dates_are_said() {
    let mut iisc = member("iisc", "Asia/Kolkata");
    iisc.working_days = iisc
        .working_days
        .with_holidays(Holidays::Calendar(find("IN").unwrap()));
    let s = Search {
        from: utc(2036, 3, 2, 0, 0),
        to: utc(2036, 3, 6, 0, 0),
        duration_minutes: 60,
        step_minutes: 60,
    };
    let notes = rank_slots(&[&iisc], &s, 1).unwrap().notes;
    assert_eq!(
        notes.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["public holidays of IN (iisc) are known for 2020-2035 only: none is applied in 2036"]
    );
    let s = Search {
        from: utc(2027, 3, 8, 0, 0),
        to: utc(2027, 3, 12, 0, 0),
        ..s
    };
    let notes = rank_slots(&[&iisc], &s, 1).unwrap().notes;
    assert!(
        matches!(&notes[..], [Note::Estimated { holiday, .. }] if holiday.name == "Eid al-Fitr"),
        "{notes:?}"
    );
    assert_eq!(
        notes[0].to_string(),
        "Eid al-Fitr (IN, estimated) on 2027-03-10 (iisc): the date is an estimate"
    );
    // A country without data is said too.
    let nowhere = member("x", "UTC");
    let mut nowhere = nowhere;
    nowhere.country = "AQ".into();
    let notes = rank_slots(&[&nowhere], &s, 1).unwrap().notes;
    assert!(notes.is_empty() || matches!(notes[0], Note::NoHolidayData { .. }));
}
