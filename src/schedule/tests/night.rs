//! Night minutes (SPEC 2): the meeting's minutes inside the member's local
//! night, across midnight, DST gaps and folds, 30- and 45-minute zones; and
//! the ranking key that puts fewer night minutes before less pain.

use super::fixtures::{member, utc, with_hours};
use crate::charter::{Member, Night};
use crate::schedule::{Search, evaluate_slot, rank_slots};

fn night_of(m: &Member, start: chrono::DateTime<chrono::Utc>, minutes: u32) -> u32 {
    evaluate_slot(&[m], start, minutes).participants[0].night_minutes
}

fn with_night(mut m: Member, night: &str) -> Member {
    m.working_hours = m.working_hours.with_night(night.parse::<Night>().unwrap());
    m
}

#[test]
fn across_midnight_and_with_a_night_that_does_not_wrap() {
    let m = member("utc", "UTC");
    // 21:30-23:30: the last 90 minutes are night (from 22:00).
    assert_eq!(night_of(&m, utc(2027, 3, 10, 21, 30), 120), 90);
    // 06:30-08:00: the first 30 minutes (to 07:00).
    assert_eq!(night_of(&m, utc(2027, 3, 10, 6, 30), 90), 30);
    // 23:00 to 01:00 the next day: all night, across midnight.
    assert_eq!(night_of(&m, utc(2027, 3, 10, 23, 0), 120), 120);
    // A night of 00:00-06:00 only: 23:00-01:00 has 60 minutes of it.
    let early = with_night(member("early", "UTC"), "00:00-06:00");
    assert_eq!(night_of(&early, utc(2027, 3, 10, 23, 0), 120), 60);
    assert_eq!(night_of(&early, utc(2027, 3, 10, 6, 0), 60), 0);
}

#[test]
fn across_a_dst_gap_and_a_fold() {
    let brussels = member("ceps", "Europe/Brussels");
    // Night of 27-28 March 2027: 22:00 CET (21:00 UTC) to 07:00 CEST
    // (05:00 UTC), an hour shorter than usual: 8 hours.
    assert_eq!(
        night_of(&brussels, utc(2027, 3, 27, 20, 0), 10 * 60),
        8 * 60
    );
    // 01:30 CET to 03:30 CEST is one real hour, all of it night.
    assert_eq!(night_of(&brussels, utc(2027, 3, 28, 0, 30), 60), 60);
    // Night of 30-31 October 2027: 22:00 CEST (20:00 UTC) to 07:00 CET
    // (06:00 UTC), an hour longer: 10 hours.
    assert_eq!(
        night_of(&brussels, utc(2027, 10, 30, 19, 0), 12 * 60),
        10 * 60
    );
    // Sydney's fold (4 April 2027, 03:00 AEDT -> 02:00 AEST): the night of
    // 3-4 April runs 22:00 AEDT (11:00 UTC) to 07:00 AEST (21:00 UTC).
    let sydney = member("unsw", "Australia/Sydney");
    assert_eq!(night_of(&sydney, utc(2027, 4, 3, 10, 0), 12 * 60), 10 * 60);
    // Its gap (3 October 2027, 02:00 AEST -> 03:00 AEDT): 22:00 AEST
    // (12:00 UTC) to 07:00 AEDT (20:00 UTC), 8 hours.
    assert_eq!(night_of(&sydney, utc(2027, 10, 2, 11, 0), 10 * 60), 8 * 60);
}

#[test]
fn in_half_and_three_quarter_hour_zones() {
    // 22:00 IST is 16:30 UTC; 22:00 NPT is 16:15 UTC; 22:00 CHAST (+13:45)
    // is 08:15 UTC in March.
    let at = utc(2027, 3, 10, 16, 0);
    assert_eq!(night_of(&member("iisc", "Asia/Kolkata"), at, 60), 30);
    assert_eq!(night_of(&member("icimod", "Asia/Kathmandu"), at, 60), 45);
    let chatham = member("chatham", "Pacific/Chatham");
    assert_eq!(night_of(&chatham, utc(2027, 3, 10, 8, 0), 60), 45);
    // 07:00 IST is 01:30 UTC: a meeting from 01:00 has 30 night minutes.
    assert_eq!(
        night_of(&member("iisc", "Asia/Kolkata"), utc(2027, 3, 10, 1, 0), 60),
        30
    );
}

#[test]
fn fewer_night_minutes_beat_less_pain() {
    // `late` works 09:00-22:00 UTC with the usual night from 22:00; `noon`
    // works 12:00-23:59 UTC and sleeps 00:00-06:00. Each slot below has one
    // member inside:
    //   A 21:30-22:30: late 30 min outside, all of it night -> pain 30, night 30
    //   B 11:15-12:15: noon 45 min outside, none of it night -> pain 45, night 0
    let late = with_hours(member("late", "UTC"), "09:00-22:00");
    let noon = with_night(
        with_hours(member("noon", "UTC"), "12:00-23:59"),
        "00:00-06:00",
    );
    let members = [&late, &noon];
    let a = evaluate_slot(&members, utc(2027, 3, 10, 21, 30), 60);
    let b = evaluate_slot(&members, utc(2027, 3, 10, 11, 15), 60);
    assert_eq!((a.inside, a.pain_minutes, a.night_minutes), (1, 30, 30));
    assert_eq!((b.inside, b.pain_minutes, b.night_minutes), (1, 45, 0));
    let s = Search {
        from: utc(2027, 3, 10, 9, 0),
        to: utc(2027, 3, 11, 0, 0),
        duration_minutes: 60,
        step_minutes: 15,
    };
    let ranked = rank_slots(&members, &s, 1000).unwrap().slots;
    let position = |t| ranked.iter().position(|x| x.start == t).unwrap();
    assert!(position(b.start) < position(a.start), "less night first");
    // Within the same night, less pain first.
    for pair in ranked.windows(2) {
        let key = |x: &crate::schedule::Slot| {
            (std::cmp::Reverse(x.inside), x.night_minutes, x.pain_minutes)
        };
        assert!(key(&pair[0]) <= key(&pair[1]));
    }
}
