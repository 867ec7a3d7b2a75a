//! Conversions around DST changes in both hemispheres, odd offsets, and
//! working windows whose boundaries fall in a gap or a fold.

use chrono::{FixedOffset, NaiveTime};

use super::fixtures::{date, member, utc, with_hours};
use crate::charter::{Member, WorkingDays};
use crate::schedule::window::Rules;
use crate::schedule::{Edge, evaluate_slot, resolve_local};

fn every_day(mut m: Member) -> Member {
    m.working_days = [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
        chrono::Weekday::Sat,
        chrono::Weekday::Sun,
    ]
    .into_iter()
    .fold(WorkingDays::NONE, WorkingDays::with);
    m
}

fn offset_of(m: &Member, at: chrono::DateTime<chrono::Utc>) -> String {
    evaluate_slot(&[m], at, 60).participants[0]
        .local_start
        .format("%:z")
        .to_string()
}

/// (inside, pain) of one member for a meeting.
fn judge(m: &Member, start: chrono::DateTime<chrono::Utc>, minutes: u32) -> (bool, u32) {
    let p = &evaluate_slot(&[m], start, minutes).participants[0];
    (p.inside_hours, p.pain_minutes)
}

fn local(d: chrono::NaiveDate, h: u32, m: u32) -> chrono::NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

#[test]
fn march_weeks_when_the_us_has_changed_and_europe_has_not() {
    let ny = member("columbia", "America/New_York");
    let bru = member("ceps", "Europe/Brussels");
    // Monday 8 March 2027: both on standard time.
    assert_eq!(offset_of(&ny, utc(2027, 3, 8, 14, 0)), "-05:00");
    assert_eq!(
        judge(&ny, utc(2027, 3, 8, 13, 0), 60),
        (false, 60),
        "08:00 EST"
    );
    // Monday 15 March: New York moved on the 14th, Brussels waits until the 28th.
    assert_eq!(offset_of(&ny, utc(2027, 3, 15, 14, 0)), "-04:00");
    assert_eq!(offset_of(&bru, utc(2027, 3, 15, 14, 0)), "+01:00");
    assert_eq!(
        judge(&ny, utc(2027, 3, 15, 13, 0), 60),
        (true, 0),
        "09:00 EDT"
    );
    // 15:30-16:30 UTC: 16:30-17:30 in Brussels, 30 minutes late.
    assert_eq!(judge(&bru, utc(2027, 3, 15, 15, 30), 60), (false, 30));
    // Monday 29 March: Brussels on summer time too.
    assert_eq!(offset_of(&bru, utc(2027, 3, 29, 14, 0)), "+02:00");
    assert_eq!(
        judge(&bru, utc(2027, 3, 29, 14, 0), 60),
        (true, 0),
        "16:00-17:00 CEST"
    );
    assert_eq!(
        judge(&bru, utc(2027, 3, 29, 15, 0), 60),
        (false, 60),
        "17:00-18:00 CEST"
    );
}

#[test]
fn sydney_and_auckland_in_april_and_september_october() {
    let syd = member("unsw", "Australia/Sydney");
    let akl = member("auckland", "Pacific/Auckland");
    // Monday 29 March: summer time, 09:00 = 22:00 UTC the day before.
    assert_eq!(judge(&syd, utc(2027, 3, 28, 22, 0), 60), (true, 0));
    assert_eq!(judge(&akl, utc(2027, 3, 28, 20, 0), 60), (true, 0));
    // Both leave summer time on Sunday 4 April: Monday 5 April 09:00 is an hour later in UTC.
    assert_eq!(offset_of(&syd, utc(2027, 4, 4, 23, 0)), "+10:00");
    assert_eq!(offset_of(&akl, utc(2027, 4, 4, 21, 0)), "+12:00");
    assert_eq!(
        judge(&syd, utc(2027, 4, 4, 22, 0), 60),
        (false, 60),
        "08:00 AEST"
    );
    assert_eq!(judge(&syd, utc(2027, 4, 4, 23, 0), 60), (true, 0));
    assert_eq!(judge(&akl, utc(2027, 4, 4, 21, 0), 60), (true, 0));
    // Auckland goes back to summer time on 26 September, Sydney on 3 October.
    assert_eq!(offset_of(&akl, utc(2027, 9, 26, 20, 0)), "+13:00");
    assert_eq!(offset_of(&syd, utc(2027, 9, 26, 23, 0)), "+10:00");
    assert_eq!(offset_of(&syd, utc(2027, 10, 3, 22, 0)), "+11:00");
    assert_eq!(
        judge(&syd, utc(2027, 10, 3, 22, 0), 60),
        (true, 0),
        "Monday 4 Oct 09:00 AEDT"
    );
}

#[test]
fn half_and_three_quarter_hour_offsets() {
    let kolkata = member("iisc", "Asia/Kolkata");
    let kathmandu = member("icimod", "Asia/Kathmandu");
    assert_eq!(offset_of(&kolkata, utc(2027, 3, 15, 3, 30)), "+05:30");
    assert_eq!(offset_of(&kathmandu, utc(2027, 3, 15, 3, 30)), "+05:45");
    assert_eq!(judge(&kolkata, utc(2027, 3, 15, 3, 30), 60), (true, 0));
    assert_eq!(judge(&kolkata, utc(2027, 3, 15, 3, 15), 60), (false, 15));
    assert_eq!(judge(&kathmandu, utc(2027, 3, 15, 3, 15), 60), (true, 0));
    assert_eq!(judge(&kathmandu, utc(2027, 3, 15, 3, 0), 60), (false, 15));
    assert_eq!(
        judge(&kathmandu, utc(2027, 3, 15, 10, 15), 60),
        (true, 0),
        "16:00-17:00, the end included"
    );
    assert_eq!(judge(&kathmandu, utc(2027, 3, 15, 10, 30), 60), (false, 15));
}

#[test]
fn lord_howe_moves_by_half_an_hour() {
    let lh = member("lhi", "Australia/Lord_Howe");
    assert_eq!(offset_of(&lh, utc(2027, 3, 29, 0, 0)), "+11:00");
    assert_eq!(offset_of(&lh, utc(2027, 4, 5, 0, 0)), "+10:30");
    assert_eq!(offset_of(&lh, utc(2027, 10, 4, 0, 0)), "+11:00");
    // Monday 5 April 09:00 +10:30 is 22:30 UTC on the 4th.
    assert_eq!(judge(&lh, utc(2027, 4, 4, 22, 30), 30), (true, 0));
    assert_eq!(judge(&lh, utc(2027, 4, 4, 22, 0), 30), (false, 30));
    let zone = lh.timezone;
    // 3 October: 02:00 jumps to 02:30. 02:15 does not exist: it moves to the jump.
    assert_eq!(
        resolve_local(zone, local(date(2027, 10, 3), 2, 15), Edge::Start),
        utc(2027, 10, 2, 15, 30)
    );
    // 4 April: 02:00 goes back to 01:30, so 01:45 happens twice, 30 minutes apart.
    let fold = local(date(2027, 4, 4), 1, 45);
    assert_eq!(
        resolve_local(zone, fold, Edge::Start),
        utc(2027, 4, 3, 14, 45)
    );
    assert_eq!(
        resolve_local(zone, fold, Edge::End),
        utc(2027, 4, 3, 15, 15)
    );
}

#[test]
fn chatham_and_st_johns() {
    let chatham = member("nzc", "Pacific/Chatham");
    assert_eq!(offset_of(&chatham, utc(2027, 3, 1, 0, 0)), "+13:45");
    assert_eq!(offset_of(&chatham, utc(2027, 6, 1, 0, 0)), "+12:45");
    // Monday 27 September 09:00 +13:45 = 19:15 UTC on the 26th.
    assert_eq!(judge(&chatham, utc(2027, 9, 26, 19, 15), 45), (true, 0));
    // 26 September: 02:45 jumps to 03:45; 03:00 moves to the jump, 14:00 UTC.
    let gap = local(date(2027, 9, 26), 3, 0);
    assert_eq!(
        resolve_local(chatham.timezone, gap, Edge::Start),
        utc(2027, 9, 25, 14, 0)
    );

    let stj = member("mun", "America/St_Johns");
    assert_eq!(offset_of(&stj, utc(2027, 3, 8, 12, 0)), "-03:30");
    assert_eq!(offset_of(&stj, utc(2027, 3, 15, 12, 0)), "-02:30");
    assert_eq!(judge(&stj, utc(2027, 3, 8, 12, 30), 60), (true, 0));
    assert_eq!(judge(&stj, utc(2027, 3, 15, 11, 30), 60), (true, 0));
    assert_eq!(judge(&stj, utc(2027, 3, 15, 11, 0), 60), (false, 30));
}

#[test]
fn a_working_day_starting_in_the_spring_gap_starts_at_the_jump() {
    // Brussels, Sunday 28 March 2027: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    let night_shift = every_day(with_hours(member("obs", "Europe/Brussels"), "02:00-10:00"));
    let rules = Rules::of(&night_shift);
    let (start, end) = rules.window(date(2027, 3, 28)).unwrap();
    assert_eq!(start, utc(2027, 3, 28, 1, 0).timestamp());
    assert_eq!(end, utc(2027, 3, 28, 8, 0).timestamp(), "10:00 CEST");
    assert_eq!(
        judge(&night_shift, utc(2027, 3, 28, 1, 0), 60),
        (true, 0),
        "03:00-04:00 CEST"
    );
    assert_eq!(
        judge(&night_shift, utc(2027, 3, 28, 0, 45), 60),
        (false, 15),
        "01:45 CET"
    );
    // The day before, 02:00 CET is 01:00 UTC too, but the window is an hour longer.
    let (start, end) = rules.window(date(2027, 3, 27)).unwrap();
    assert_eq!(
        (start, end),
        (
            utc(2027, 3, 27, 1, 0).timestamp(),
            utc(2027, 3, 27, 9, 0).timestamp()
        )
    );
}

#[test]
fn a_window_edge_in_the_autumn_fold_is_widened() {
    // New York, Sunday 7 November 2027: 01:00-02:00 happens twice (EDT, then EST).
    let early = every_day(with_hours(member("a", "America/New_York"), "01:30-09:00"));
    let (start, _) = Rules::of(&early).window(date(2027, 11, 7)).unwrap();
    assert_eq!(
        start,
        utc(2027, 11, 7, 5, 30).timestamp(),
        "the earlier 01:30, EDT"
    );
    let late = every_day(with_hours(member("b", "America/New_York"), "00:00-01:30"));
    let (_, end) = Rules::of(&late).window(date(2027, 11, 7)).unwrap();
    assert_eq!(
        end,
        utc(2027, 11, 7, 6, 30).timestamp(),
        "the later 01:30, EST"
    );
    // 01:45 EDT to 01:30 EST ends inside the widened window.
    assert_eq!(judge(&late, utc(2027, 11, 7, 5, 45), 45), (true, 0));
    assert_eq!(judge(&late, utc(2027, 11, 7, 5, 45), 60), (false, 15));
}

#[test]
fn a_whole_window_swallowed_by_a_gap_is_no_window() {
    let tiny = every_day(with_hours(member("t", "Europe/Brussels"), "02:10-02:50"));
    assert_eq!(Rules::of(&tiny).window(date(2027, 3, 28)), None);
    assert!(Rules::of(&tiny).window(date(2027, 3, 29)).is_some());
}

#[test]
fn local_times_carry_their_offset() {
    let m = member("x", "Asia/Kathmandu");
    let slot = evaluate_slot(&[&m], utc(2027, 3, 15, 3, 15), 90);
    let p = &slot.participants[0];
    assert_eq!(
        p.local_start.fixed_offset().offset(),
        &FixedOffset::east_opt(5 * 3600 + 45 * 60).unwrap()
    );
    assert_eq!(p.local_end.to_rfc3339(), "2027-03-15T10:30:00+05:45");
}
