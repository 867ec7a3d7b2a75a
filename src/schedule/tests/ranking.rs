//! Ranking (SPEC 2): most inside, then least night, then least pain, then
//! earliest; starts aligned in UTC; the fast sweep agrees with the exact
//! evaluation.

use chrono::Duration;

use super::fixtures::{date, member, utc, with_hours};
use crate::charter::Member;
use crate::schedule::profile::{Grid, group};
use crate::schedule::{MAX_TOP, ScheduleError, Search, evaluate_slot, rank_slots};

fn search(from: (u32, u32, u32), to: (u32, u32, u32), duration: u32, step: u32) -> Search {
    Search {
        from: utc(2027, from.0, from.1, from.2, 0),
        to: utc(2027, to.0, to.1, to.2, 0),
        duration_minutes: duration,
        step_minutes: step,
    }
}

/// A spread of zones, hours and days, with members whose windows meet DST
/// gaps and folds.
fn diverse() -> Vec<Member> {
    let mut qnrf = with_hours(member("qnrf", "Asia/Qatar"), "07:30-15:30");
    qnrf.working_days = [
        chrono::Weekday::Sun,
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
    ]
    .into_iter()
    .fold(
        crate::charter::WorkingDays::NONE,
        crate::charter::WorkingDays::with,
    );
    let mut ceps = member("ceps", "Europe/Brussels");
    ceps.blackout = vec![date(2027, 3, 26), date(2027, 4, 1)];
    let mut gap = with_hours(member("gap", "Europe/Brussels"), "02:00-10:00");
    gap.working_days = crate::charter::WorkingDays::weekdays().with(chrono::Weekday::Sun);
    let mut fold = with_hours(member("fold", "Australia/Lord_Howe"), "01:45-09:00");
    fold.working_days = fold.working_days.with(chrono::Weekday::Sun);
    vec![
        ceps,
        member("eth", "Europe/Zurich"),
        member("eth2", "Europe/Zurich"),
        qnrf,
        member("iisc", "Asia/Kolkata"),
        member("icimod", "Asia/Kathmandu"),
        member("unsw", "Australia/Sydney"),
        member("auckland", "Pacific/Auckland"),
        member("chatham", "Pacific/Chatham"),
        member("mun", "America/St_Johns"),
        with_hours(member("usp", "America/Sao_Paulo"), "08:00-17:00"),
        member("columbia", "America/New_York"),
        gap,
        fold,
    ]
}

#[test]
fn the_fast_sweep_agrees_with_member_by_member_evaluation() {
    let members = diverse();
    let refs: Vec<&Member> = members.iter().collect();
    // Two weeks around Europe's change (28 March) and the southern one (4 April).
    let s = search((3, 24, 0), (4, 7, 0), 75, 15);
    let grid: Grid = s.grid().unwrap();
    let mut profiles = group(&refs);
    assert_eq!(
        profiles.len(),
        members.len() - 1,
        "eth and eth2 share a profile"
    );
    for p in &mut profiles {
        p.prepare(grid.first, grid.start(grid.len - 1) + grid.duration);
        let m = refs[p.members[0]];
        for (k, (inside, pain, night)) in p.judge_all(&grid).into_iter().enumerate() {
            let start = chrono::DateTime::from_timestamp(grid.start(k), 0).unwrap();
            let exact = &evaluate_slot(&[m], start, 75).participants[0];
            assert_eq!(
                (inside, pain, night),
                (exact.inside_hours, exact.pain_minutes, exact.night_minutes),
                "{} at {start}",
                m.id
            );
        }
    }
}

#[test]
fn ranked_by_inside_then_night_then_pain_then_earliest() {
    let members = diverse();
    let refs: Vec<&Member> = members.iter().collect();
    let s = search((3, 8, 0), (3, 13, 0), 90, 30);
    let all = rank_slots(&refs, &s, MAX_TOP).unwrap().slots;
    assert_eq!(
        all.len(),
        5 * 48 - 2,
        "every start whose meeting ends by the 13th"
    );
    for pair in all.windows(2) {
        let key = |x: &crate::schedule::Slot| {
            (
                std::cmp::Reverse(x.inside),
                x.night_minutes,
                x.pain_minutes,
                x.start,
            )
        };
        assert!(
            key(&pair[0]) < key(&pair[1]),
            "{} before {}",
            pair[0].start,
            pair[1].start
        );
    }
    for slot in &all {
        assert_eq!(*slot, evaluate_slot(&refs, slot.start, 90));
    }
    let top = rank_slots(&refs, &s, 3).unwrap().slots;
    assert_eq!(top, all[..3]);
}

#[test]
fn a_clear_winner_comes_first() {
    let a = member("a", "Europe/Brussels");
    let b = member("b", "America/New_York");
    let s = search((3, 10, 0), (3, 11, 0), 60, 15);
    let top = rank_slots(&[&a, &b], &s, 2).unwrap().slots;
    // Brussels 09:00-17:00 CET = 08:00-16:00 UTC; New York 09:00-17:00 EST = 14:00-22:00 UTC.
    assert_eq!(
        top[0].start,
        utc(2027, 3, 10, 14, 0),
        "earliest of the slots inside for both"
    );
    assert_eq!(top[1].start, utc(2027, 3, 10, 14, 15));
    assert_eq!((top[0].inside, top[0].pain_minutes), (2, 0));
}

#[test]
fn candidate_starts_are_multiples_of_the_step_since_the_epoch() {
    let m = member("a", "Asia/Kathmandu");
    for step in [15, 20, 45 * 2, 60, 180] {
        let s = Search {
            from: utc(2027, 3, 10, 10, 7),
            to: utc(2027, 3, 12, 0, 0),
            duration_minutes: 45,
            step_minutes: step,
        };
        let slots = rank_slots(&[&m], &s, MAX_TOP).unwrap().slots;
        assert!(
            slots
                .iter()
                .all(|x| x.start.timestamp() % (i64::from(step) * 60) == 0)
        );
        assert!(slots.iter().all(|x| x.start >= s.from && x.end <= s.to));
        let earliest = slots.iter().map(|x| x.start).min().unwrap();
        assert!(
            earliest - Duration::minutes(i64::from(step)) < s.from,
            "step {step}"
        );
    }
}

#[test]
fn the_last_candidate_ends_exactly_at_the_end_of_the_range() {
    let m = member("a", "UTC");
    let s = search((3, 10, 0), (3, 10, 2), 60, 60);
    let slots = rank_slots(&[&m], &s, 10).unwrap().slots;
    assert_eq!(slots.len(), 2);
}

#[test]
fn requests_that_cannot_be_answered() {
    let m = member("a", "UTC");
    let ok = search((3, 10, 0), (3, 11, 0), 60, 15);
    let cases = [
        (
            Search {
                duration_minutes: 0,
                ..ok
            },
            ScheduleError::ZeroDuration,
        ),
        (
            Search {
                step_minutes: 0,
                ..ok
            },
            ScheduleError::ZeroStep,
        ),
        (
            Search {
                step_minutes: 7,
                ..ok
            },
            ScheduleError::StepNotDividingDay(7),
        ),
        (
            Search {
                step_minutes: 25 * 60,
                ..ok
            },
            ScheduleError::StepNotDividingDay(1500),
        ),
        (
            Search { to: ok.from, ..ok },
            ScheduleError::EmptyRange {
                from: ok.from,
                to: ok.from,
            },
        ),
        (
            Search {
                duration_minutes: 25 * 60,
                ..ok
            },
            ScheduleError::DurationLongerThanRange {
                duration_minutes: 1500,
                range_minutes: 1440,
            },
        ),
        (
            Search {
                from: utc(2027, 3, 10, 0, 5),
                to: utc(2027, 3, 10, 1, 10),
                ..ok
            },
            ScheduleError::NoAlignedStart { step_minutes: 15 },
        ),
        (
            Search {
                from: utc(2099, 12, 31, 0, 0),
                to: utc(2100, 1, 2, 0, 0),
                ..ok
            },
            ScheduleError::BeyondZoneTables { last_year: 2099 },
        ),
        (
            Search {
                from: utc(2000, 1, 1, 0, 0),
                to: utc(2040, 1, 1, 0, 0),
                ..ok
            },
            ScheduleError::TooManyCandidates {
                candidates: 1_402_557,
                limit: crate::schedule::MAX_CANDIDATES,
            },
        ),
    ];
    for (s, error) in cases {
        assert_eq!(rank_slots(&[&m], &s, 10).unwrap_err(), error);
    }
    assert_eq!(
        rank_slots(&[], &ok, 10).unwrap_err(),
        ScheduleError::NoMembers
    );
    assert_eq!(rank_slots(&[&m], &ok, 0).unwrap().slots, vec![]);
    assert_eq!(
        rank_slots(&[&m], &ok, MAX_TOP + 1).unwrap_err(),
        ScheduleError::TooManySlots {
            asked: 1001,
            limit: 1000
        }
    );
}
