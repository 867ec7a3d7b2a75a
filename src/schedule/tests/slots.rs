//! SPEC 2 for one slot: working days, blackout dates, the same local day,
//! pain minutes, and night minutes.

use super::fixtures::{date, member, utc, with_hours};
use crate::schedule::evaluate_slot;
use crate::schedule::window::Rules;

#[test]
fn a_blackout_date_is_all_pain() {
    let mut m = member("ceps", "Europe/Brussels");
    m.blackout = vec![date(2027, 3, 10)];
    let slot = evaluate_slot(&[&m], utc(2027, 3, 10, 10, 0), 90);
    assert_eq!((slot.inside, slot.outside, slot.pain_minutes), (0, 1, 90));
    let next_day = evaluate_slot(&[&m], utc(2027, 3, 11, 10, 0), 90);
    assert_eq!((next_day.inside, next_day.pain_minutes), (1, 0));
}

#[test]
fn a_weekend_is_all_pain_and_working_days_are_local() {
    let tokyo = member("kyoto", "Asia/Tokyo");
    // Friday 12 March 2027 23:00 UTC is Saturday 08:00 in Tokyo.
    let slot = evaluate_slot(&[&tokyo], utc(2027, 3, 12, 23, 0), 60);
    assert_eq!((slot.inside, slot.pain_minutes), (0, 60));
    // Sunday 14 March 23:00 UTC is Monday 08:00: the second half is inside the window.
    let slot = evaluate_slot(&[&tokyo], utc(2027, 3, 14, 23, 30), 60);
    assert_eq!((slot.inside, slot.pain_minutes), (0, 30));
}

#[test]
fn the_start_and_end_bounds_are_inclusive() {
    let m = member("eth", "Europe/Zurich");
    // 09:00-17:00 CET = 08:00-16:00 UTC in March.
    let whole_day = evaluate_slot(&[&m], utc(2027, 3, 10, 8, 0), 8 * 60);
    assert_eq!((whole_day.inside, whole_day.pain_minutes), (1, 0));
    let one_minute_more = evaluate_slot(&[&m], utc(2027, 3, 10, 8, 0), 8 * 60 + 1);
    assert_eq!(
        (one_minute_more.inside, one_minute_more.pain_minutes),
        (0, 1)
    );
}

#[test]
fn a_meeting_crossing_local_midnight_counts_each_day_separately() {
    // Working (nearly) all day on weekdays.
    let m = with_hours(member("x", "Europe/London"), "00:00-23:59");
    // Friday 23:30 to Saturday 00:30 (GMT): 29 minutes on Friday, then 1 + 30 off.
    let friday = evaluate_slot(&[&m], utc(2027, 3, 12, 23, 30), 60);
    assert_eq!((friday.inside, friday.pain_minutes), (0, 31));
    // Monday 23:30 to Tuesday 00:30: both days work, yet the meeting is on two
    // local days, so it is not inside hours; only 23:59-00:00 hurts.
    let monday = evaluate_slot(&[&m], utc(2027, 3, 15, 23, 30), 60);
    assert_eq!((monday.inside, monday.pain_minutes), (0, 1));
    let p = &monday.participants[0];
    assert_ne!(p.local_start.date_naive(), p.local_end.date_naive());
}

#[test]
fn counts_and_pain_add_up_over_members() {
    let a = member("a", "Europe/Brussels");
    let b = member("b", "America/New_York");
    let c = member("c", "Asia/Tokyo");
    // Wednesday 10 March 14:00-15:30 UTC: Brussels 15:00-16:30 inside,
    // New York 09:00-10:30 EST inside, Tokyo 23:00-00:30 out (90 min).
    let slot = evaluate_slot(&[&a, &b, &c], utc(2027, 3, 10, 14, 0), 90);
    assert_eq!((slot.inside, slot.outside, slot.pain_minutes), (2, 1, 90));
    let ids: Vec<_> = slot
        .participants
        .iter()
        .map(|p| p.member.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(slot.end, utc(2027, 3, 10, 15, 30));
}

#[test]
fn night_minutes_are_the_meetings_minutes_in_the_local_night() {
    let rules = Rules::of(&member("x", "Asia/Kolkata"));
    let t = |h, m| utc(2027, 3, 10, h, m).timestamp();
    // 16:00 UTC = 21:30 IST: 21:30-22:00 is evening, one minute more is night.
    assert_eq!(rules.night_seconds(t(16, 0), t(16, 30)), 0);
    assert_eq!(rules.night_seconds(t(16, 0), t(16, 31)), 60);
    // 00:30 UTC = 06:00 IST: the night (to 07:00) has an hour left.
    assert_eq!(rules.night_seconds(t(0, 30), t(2, 0)), 3600);
    assert_eq!(rules.night_seconds(t(1, 30), t(2, 0)), 0);
}
