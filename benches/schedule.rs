//! Scheduling speed (issues 3, 11 and 13): a 300-member body ranked over a
//! year at a 15-minute step (about 35,000 candidates), with public holidays
//! (each member keeps the calendar of its zone's country or a subdivision)
//! and night minutes (nights of several lengths), alternatives included; a
//! 12-meeting rotating series over the same year for 300 and 3000 members;
//! and the whole `plenary schedule --every` process for 3000 members next to
//! `plenary check` of the same workspace, as a ratio. Targets: the ranking
//! under 20 ms, the 3000-member series under 200 ms (function and process).
//!
//! Run with `cargo bench --bench schedule` (figures in `benches/README.md`).

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use plenary::charter::{
    Holidays, Member, MemberKind, MemberStatus, Night, WorkingDays, WorkingHours,
};
use plenary::schedule::holidays::find;
use plenary::schedule::{Anchor, Ledger, Search, Series, plan_series, rank_slots};

/// Zones on every continent, with 30- and 45-minute offsets and DST rules
/// of both hemispheres.
const ZONES: [&str; 40] = [
    "Europe/Brussels",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Casablanca",
    "Asia/Qatar",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Yangon",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Eucla",
    "Australia/Darwin",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Honolulu",
    "Pacific/Marquesas",
    "America/Anchorage",
    "America/Vancouver",
    "America/Denver",
    "America/Mexico_City",
    "America/Chicago",
    "America/New_York",
    "America/Bogota",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/St_Johns",
];

/// Holiday calendars, countries and subdivisions of both hemispheres,
/// lunar ones (with estimates) included.
const CALENDARS: [&str; 16] = [
    "BE", "CH-ZH", "DE-BY", "GB-ENG", "ZA", "QA", "IN-KA", "NP", "SG", "JP", "AU-NSW", "NZ",
    "BR-SP", "CA-BC", "US-NY", "MX",
];

/// Nights of several lengths.
const NIGHTS: [&str; 3] = ["22:00-07:00", "23:00-06:00", "21:30-06:30"];

const HOURS: [&str; 6] = [
    "09:00-17:00",
    "08:00-16:30",
    "08:30-17:30",
    "07:30-15:30",
    "10:00-18:00",
    "09:00-17:00",
];

/// One generated member: what both the library and the charter file need.
struct Generated {
    zone: &'static str,
    hours: &'static str,
    night: &'static str,
    calendar: &'static str,
    /// Sunday to Thursday instead of Monday to Friday.
    sun_thu: bool,
    blackout: Vec<NaiveDate>,
}

/// `n` members spread over the zones, hours, nights and calendars above;
/// the first 300 are the same whatever `n`.
fn generated(n: usize) -> Vec<Generated> {
    let mut seed: u64 = 2027;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % below
    };
    (0..n)
        .map(|_| {
            let zone = ZONES[next(ZONES.len() as u64) as usize];
            let blackout = if next(4) == 0 {
                let day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
                    + chrono::Duration::days(next(365) as i64);
                vec![day, day.succ_opt().unwrap()]
            } else {
                vec![]
            };
            let calendar = CALENDARS[next(CALENDARS.len() as u64) as usize];
            let night = NIGHTS[next(NIGHTS.len() as u64) as usize];
            Generated {
                zone,
                hours: HOURS[next(HOURS.len() as u64) as usize],
                night,
                calendar,
                sun_thu: matches!(zone, "Asia/Qatar" | "Asia/Tehran" | "Asia/Kabul"),
                blackout,
            }
        })
        .collect()
}

fn body(n: usize) -> Vec<Member> {
    let sun_thu = [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
    ]
    .into_iter()
    .fold(WorkingDays::NONE, WorkingDays::with);
    generated(n)
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let holidays = Holidays::Calendar(find(g.calendar).unwrap());
            let night: Night = g.night.parse().unwrap();
            let days = if g.sun_thu {
                sun_thu
            } else {
                WorkingDays::weekdays()
            };
            Member {
                id: format!("m{i:03}"),
                name: format!("Member {i}"),
                kind: MemberKind::University,
                country: "ZZ".into(),
                timezone: g.zone.parse().unwrap(),
                status: MemberStatus::Full,
                weight: 1,
                working_hours: g.hours.parse::<WorkingHours>().unwrap().with_night(night),
                working_days: days.with_holidays(holidays),
                blackout: g.blackout,
                delegates: vec![],
            }
        })
        .collect()
}

/// A workspace whose charter holds the same `n` members as [`body`], all in
/// one body `all`.
fn workspace(n: usize) -> tempfile::TempDir {
    let mut text = String::from(
        "[alliance]\nid = \"big\"\nname = \"Big\"\ntimezone = \"Europe/Brussels\"\n\n",
    );
    for (i, g) in generated(n).into_iter().enumerate() {
        let days = if g.sun_thu {
            r#"["Sun", "Mon", "Tue", "Wed", "Thu"]"#
        } else {
            r#"["Mon", "Tue", "Wed", "Thu", "Fri"]"#
        };
        let blackout: Vec<String> = g.blackout.iter().map(ToString::to_string).collect();
        text.push_str(&format!(
            "[[members]]\nid = \"m{i:03}\"\nname = \"Member {i}\"\nkind = \"university\"\n\
             country = \"BE\"\ntimezone = \"{}\"\nworking_hours = \"{}\"\nworking_days = {days}\n\
             night = \"{}\"\nholidays = \"{}\"\nblackout = [{}]\n\n",
            g.zone,
            g.hours,
            g.night,
            g.calendar,
            blackout.join(", ")
        ));
    }
    text.push_str(
        "[[bodies]]\nid = \"all\"\nname = \"Everyone\"\nmembers = [\"*\"]\nchair = \"m000\"\n\
         quorum = \"1/2\"\nrules = { default = \"simple\" }\n",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charter.toml"), text).expect("write");
    dir
}

/// The series every benchmark plans: 12 meetings of 90 minutes, one every
/// 4 weeks over 2027, on Brussels' wall clock, tolerance 1.
fn series() -> Series {
    Series {
        from: Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
        to: Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap(),
        duration_minutes: 90,
        step_minutes: 15,
        every_minutes: 4 * 7 * 24 * 60,
        count: 12,
        anchor: Anchor::Zone("Europe/Brussels".parse().unwrap()),
        tolerance: 1,
    }
}

/// The same series on the command line (dates in the alliance's zone).
const SERIES_ARGS: [&str; 15] = [
    "--body",
    "all",
    "--from",
    "2027-01-01",
    "--to",
    "2027-12-31",
    "--duration",
    "90m",
    "--every",
    "4w",
    "--count",
    "12",
    "--anchor",
    "Europe/Brussels",
    "--tolerance=1",
];

fn rank(c: &mut Criterion) {
    let members = body(300);
    let refs: Vec<&Member> = members.iter().collect();
    let search = Search {
        from: Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
        to: Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap(),
        duration_minutes: 90,
        step_minutes: 15,
    };
    // Holiday calendars are read once, on first use, as in a real run.
    rank_slots(&refs, &search, 10).unwrap();
    c.bench_function("rank 300 members, a year at 15m, holidays and night", |b| {
        b.iter(|| rank_slots(black_box(&refs), black_box(&search), 10).unwrap())
    });
}

fn series_function(c: &mut Criterion) {
    let series = series();
    for n in [300, 3000] {
        let members = body(n);
        let refs: Vec<&Member> = members.iter().collect();
        // The 300-member name predates the 3000-member case; kept so that
        // earlier figures stay comparable.
        let name = if n == 300 {
            "series of 12 every 4w, 300 members".to_owned()
        } else {
            format!("series of 12 every 4w, {n} members")
        };
        c.bench_function(&name, |b| {
            b.iter(|| {
                plan_series(black_box(&refs), black_box(&series), &Ledger::default()).unwrap()
            })
        });
    }
}

/// The whole process, `plenary schedule ... --every` next to `plenary
/// check` of the same 3000-member workspace; prints the ratio of medians.
fn series_process(c: &mut Criterion) {
    let dir = workspace(3000);
    let ws = dir.path().to_str().expect("a UTF-8 temp path");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .output()
            .expect("plenary runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout.len()
    };
    let schedule: Vec<&str> = ["schedule", ws]
        .iter()
        .chain(&SERIES_ARGS)
        .copied()
        .collect();
    let check = ["check", ws];
    let mut medians = Vec::new();
    let mut group = c.benchmark_group("process, 3000 members");
    group.sample_size(20);
    for (name, args) in [
        ("plenary schedule --every", &schedule[..]),
        ("plenary check", &check[..]),
    ] {
        let mut each = Vec::new();
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let started = Instant::now();
                for _ in 0..iters {
                    black_box(run(args));
                }
                let took = started.elapsed();
                each.push(took / iters as u32);
                took
            })
        });
        medians.push(median(&mut each));
    }
    group.finish();
    if let [Some(schedule), Some(check)] = medians[..] {
        println!(
            "process, 3000 members: schedule --every {:.1} ms, check {:.1} ms, ratio {:.2}",
            schedule.as_secs_f64() * 1e3,
            check.as_secs_f64() * 1e3,
            schedule.as_secs_f64() / check.as_secs_f64()
        );
    }
}

/// The median of the samples taken (none when the benchmark was filtered
/// out).
fn median(samples: &mut [Duration]) -> Option<Duration> {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied()
}

criterion_group!(schedule, rank, series_function, series_process);
criterion_main!(schedule);
