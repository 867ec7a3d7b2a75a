//! Series: windows and anchors, the rotation against brute force, the
//! tolerance, what geography forces, and the ledger as the starting point.

use chrono::{DateTime, Utc};

use super::fixtures::{member, utc};
use crate::charter::Member;
use crate::schedule::rotation::{Choice, Problem, Score, optimize, score};
use crate::schedule::{Anchor, HeldMeeting, Ledger, ScheduleError, Search, Series, plan_series};

fn series(from: DateTime<Utc>, to: DateTime<Utc>, every_days: u32, count: usize) -> Series {
    Series {
        from,
        to,
        duration_minutes: 60,
        step_minutes: 60,
        every_minutes: every_days * 24 * 60,
        count,
        anchor: Anchor::Utc,
        tolerance: 1,
    }
}

/// Three zones eight hours apart: every slot leaves someone out.
fn around_the_world() -> Vec<Member> {
    vec![
        member("london", "Europe/London"),
        member("la", "America/Los_Angeles"),
        member("tokyo", "Asia/Tokyo"),
        member("sydney", "Australia/Sydney"),
    ]
}

#[test]
fn windows_are_laid_out_in_utc_or_on_a_zones_wall_clock() {
    // From Monday 1 March 2027 00:00 Brussels (23:00 UTC on 28 Feb), every 4 weeks.
    let from = utc(2027, 2, 28, 23, 0);
    let mut s = series(from, utc(2027, 6, 1, 0, 0), 28, 3);
    let utc_windows = s.windows().unwrap();
    assert_eq!(
        utc_windows[1],
        (utc(2027, 3, 28, 23, 0), utc(2027, 4, 25, 23, 0))
    );
    s.anchor = Anchor::Zone("Europe/Brussels".parse().unwrap());
    let local = s.windows().unwrap();
    assert_eq!(
        local[0],
        (from, utc(2027, 3, 28, 22, 0)),
        "29 March 00:00 CEST"
    );
    assert_eq!(local[2].0, utc(2027, 4, 25, 22, 0));
}

#[test]
fn a_series_must_fit() {
    let from = utc(2027, 3, 1, 0, 0);
    let s = series(from, utc(2027, 3, 20, 0, 0), 7, 4); // three weeks and a bit: the fourth starts on the 22nd;
    let e = s.windows().unwrap_err();
    assert_eq!(
        e,
        ScheduleError::SeriesBeyondRange {
            count: 4,
            fits: 3,
            every_minutes: 7 * 1440
        }
    );
    assert_eq!(
        e.to_string(),
        "only 3 of the 4 meetings (one every 1w) fit in the range; extend --to or lower --count"
    );
    assert_eq!(
        Series { count: 0, ..s }.windows().unwrap_err(),
        ScheduleError::ZeroCount
    );
    assert_eq!(
        Series { count: 521, ..s }.windows().unwrap_err(),
        ScheduleError::TooManyMeetings {
            asked: 521,
            limit: 520
        }
    );
    let short = Series {
        every_minutes: 30,
        ..s
    };
    assert!(matches!(
        short.windows(),
        Err(ScheduleError::EveryShorterThanDuration { .. })
    ));
    let bad_step = Series {
        step_minutes: 7,
        ..s
    };
    assert_eq!(
        bad_step.windows().unwrap_err(),
        ScheduleError::StepNotDividingDay(7)
    );
}

/// Deterministic pseudo-random numbers for generated cases.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The best score over every plan, by enumeration.
fn brute_force(problem: &Problem) -> Score {
    let sizes: Vec<usize> = problem.occurrences.iter().map(Vec::len).collect();
    let mut plan = vec![0; sizes.len()];
    let mut best = score(problem, &plan);
    loop {
        let mut k = 0;
        while k < plan.len() && plan[k] + 1 == sizes[k] {
            plan[k] = 0;
            k += 1;
        }
        if k == plan.len() {
            return best;
        }
        plan[k] += 1;
        best = best.min(score(problem, &plan));
    }
}

fn generated(rng: &mut Lcg, members: usize, occurrences: u64, choices: u64) -> Problem {
    Problem {
        start: (0..members).map(|_| rng.next(3) as u32).collect(),
        occurrences: (0..occurrences)
            .map(|_| {
                (0..1 + rng.next(choices))
                    .map(|i| {
                        let outside = rng.next(1 << members) & rng.next(1 << members);
                        Choice {
                            start: i as i64,
                            night: rng.next(300),
                            pain: rng.next(200),
                            outside: vec![outside],
                            nights: vec![outside & rng.next(1 << members)],
                        }
                    })
                    .collect()
            })
            .collect(),
    }
}

#[test]
fn the_plan_is_optimal_when_plans_are_few() {
    let mut rng = Lcg(2027);
    for case in 0..300 {
        let members = 2 + rng.next(6) as usize;
        let n = 2 + rng.next(4);
        let problem = generated(&mut rng, members, n, 6);
        let plan = optimize(&problem);
        assert_eq!(
            score(&problem, &plan),
            brute_force(&problem),
            "case {case}: {problem:?}"
        );
    }
}

#[test]
fn the_heuristic_is_never_worse_than_one_move_away() {
    // Too many plans to enumerate: the heuristic's plan cannot be improved
    // by changing a single occurrence.
    let mut rng = Lcg(11);
    for case in 0..20 {
        let problem = generated(&mut rng, 8, 8, 12);
        let plan = optimize(&problem);
        let best = score(&problem, &plan);
        for k in 0..plan.len() {
            for c in 0..problem.occurrences[k].len() {
                let mut other = plan.clone();
                other[k] = c;
                assert!(
                    score(&problem, &other) >= best,
                    "case {case}, move {k}->{c}"
                );
            }
        }
    }
}

#[test]
fn the_ledger_is_the_starting_point() {
    // Two members, one meeting, two ways to hold it: a's night or b's.
    let choice = |start, m: u64| Choice {
        start,
        night: 60,
        pain: 60,
        outside: vec![1 << m],
        nights: vec![1 << m],
    };
    let problem = |start: Vec<u32>| Problem {
        start,
        occurrences: vec![vec![choice(0, 0), choice(1, 1)]],
    };
    // From nothing, the earliest: a carries it.
    assert_eq!(optimize(&problem(vec![0, 0])), [0]);
    // a took the last night meeting: b carries this one.
    assert_eq!(optimize(&problem(vec![2, 0])), [1]);
}

#[test]
fn when_no_slot_suits_everyone_the_burden_rotates() {
    let members = around_the_world();
    let refs: Vec<&Member> = members.iter().collect();
    let s = Series {
        step_minutes: 30,
        tolerance: 3,
        ..series(utc(2027, 5, 3, 0, 0), utc(2027, 7, 30, 0, 0), 7, 8)
    };
    // The single best slot, repeated, would leave the same members out
    // every time.
    let best_once = crate::schedule::rank_slots(
        &refs,
        &Search {
            from: s.from,
            to: s.to,
            duration_minutes: 60,
            step_minutes: 30,
        },
        1,
    )
    .unwrap()
    .slots;
    assert!(best_once[0].outside >= 1);
    let plan = plan_series(&refs, &s, &Ledger::default()).unwrap();
    assert_eq!(plan.occurrences.len(), 8);
    for b in &plan.burden {
        assert_eq!(b.inside + b.outside, 8);
        assert!(b.outside <= plan.max_outside);
    }
    // The best slot repeated eight times: its outside members carry 8 each
    // (16 with nights); the plan spreads that.
    let repeated = best_once[0]
        .participants
        .iter()
        .map(|p| 8 * (u32::from(!p.inside_hours) + u32::from(p.night_minutes > 0)))
        .max()
        .unwrap();
    assert!(
        plan.max_burden < repeated,
        "{} vs {repeated}",
        plan.max_burden
    );
    for (k, o) in plan.occurrences.iter().enumerate() {
        assert_eq!(o.number, k + 1);
        assert!(o.window_start <= o.slot.start && o.slot.end <= o.window_end);
    }
}

#[test]
fn no_occurrence_leaves_more_out_than_its_tolerance_allows() {
    let members = around_the_world();
    let refs: Vec<&Member> = members.iter().collect();
    for tolerance in [0, 1, 2] {
        let s = Series {
            step_minutes: 30,
            tolerance,
            ..series(utc(2027, 5, 3, 0, 0), utc(2027, 7, 30, 0, 0), 7, 8)
        };
        let plan = plan_series(&refs, &s, &Ledger::default()).unwrap();
        for o in &plan.occurrences {
            assert!(
                o.slot.outside <= o.best_outside + tolerance as usize,
                "tolerance {tolerance}: {} out, best {}",
                o.slot.outside,
                o.best_outside
            );
        }
    }
}

#[test]
fn geography_that_leaves_no_choice_is_said_in_words() {
    // Brussels and New York share working hours; Sydney shares none with
    // either: it is outside in every acceptable slot.
    let members = [
        member("brussels", "Europe/Brussels"),
        member("nyc", "America/New_York"),
        member("sydney", "Australia/Sydney"),
    ];
    let refs: Vec<&Member> = members.iter().collect();
    let s = Series {
        tolerance: 0,
        ..series(utc(2027, 5, 3, 0, 0), utc(2027, 5, 31, 0, 0), 7, 4)
    };
    let plan = plan_series(&refs, &s, &Ledger::default()).unwrap();
    let said: Vec<String> = plan.constraints.iter().map(ToString::to_string).collect();
    assert_eq!(said, ["sydney is outside in every acceptable slot"]);
}

#[test]
fn the_member_who_carried_marchs_burden_is_spared_in_april() {
    // Tokyo and Los Angeles share no working hour: each meeting is inside
    // for one and outside for the other.
    let members = [
        member("tokyo", "Asia/Tokyo"),
        member("la", "America/Los_Angeles"),
    ];
    let refs: Vec<&Member> = members.iter().collect();
    let s = Series {
        tolerance: 0,
        ..series(utc(2027, 4, 5, 0, 0), utc(2027, 4, 10, 0, 0), 5, 1)
    };
    let outside = |plan: &crate::schedule::SeriesPlan| -> Vec<String> {
        plan.occurrences[0]
            .slot
            .outside_members()
            .map(str::to_owned)
            .collect()
    };
    let fresh = plan_series(&refs, &s, &Ledger::default()).unwrap();
    let first = outside(&fresh);
    assert_eq!(first.len(), 1);
    // March's meeting, held at the same time of day, put `first` outside.
    let march = HeldMeeting {
        meeting: "2027-03".into(),
        body: "b".into(),
        start: fresh.occurrences[0].slot.start - chrono::Duration::weeks(4),
        duration_minutes: 60,
        members: vec!["tokyo".into(), "la".into()],
    };
    let ledger = Ledger::of(&members, &[march], None);
    assert_eq!(ledger.meetings.len(), 1);
    assert!(ledger.of_member(&first[0]).unwrap().weight() >= 1);
    let april = plan_series(&refs, &s, &ledger).unwrap();
    let second = outside(&april);
    assert_eq!(second.len(), 1);
    assert_ne!(first, second, "the March member carries April too");
    let held = april.held.iter().find(|b| b.member == first[0]).unwrap();
    assert!(held.outside >= 1);
}
