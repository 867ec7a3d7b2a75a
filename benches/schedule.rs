//! Scheduling speed (issues 3 and 11): a 300-member body ranked over a year
//! at a 15-minute step (about 35,000 candidates), with public holidays (each
//! member keeps the calendar of its zone's country or a subdivision) and
//! night minutes (nights of several lengths), alternatives included; and a
//! 12-meeting rotating series over the same year. Target for the ranking:
//! under 20 ms.
//!
//! Run with `cargo bench --bench schedule`.

use std::hint::black_box;

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

fn body() -> Vec<Member> {
    let mut seed: u64 = 2027;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % below
    };
    let weekdays = WorkingDays::weekdays();
    let sun_thu = [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
    ]
    .into_iter()
    .fold(WorkingDays::NONE, WorkingDays::with);
    (0..300)
        .map(|i| {
            let zone = ZONES[next(ZONES.len() as u64) as usize];
            let middle_east = matches!(zone, "Asia/Qatar" | "Asia/Tehran" | "Asia/Kabul");
            let blackout = if next(4) == 0 {
                let day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
                    + chrono::Duration::days(next(365) as i64);
                vec![day, day.succ_opt().unwrap()]
            } else {
                vec![]
            };
            let holidays =
                Holidays::Calendar(find(CALENDARS[next(CALENDARS.len() as u64) as usize]).unwrap());
            let night: Night = NIGHTS[next(NIGHTS.len() as u64) as usize].parse().unwrap();
            Member {
                id: format!("m{i:03}"),
                name: format!("Member {i}"),
                kind: MemberKind::University,
                country: "ZZ".into(),
                timezone: zone.parse().unwrap(),
                status: MemberStatus::Full,
                weight: 1,
                working_hours: HOURS[next(HOURS.len() as u64) as usize]
                    .parse::<WorkingHours>()
                    .unwrap()
                    .with_night(night),
                working_days: if middle_east { sun_thu } else { weekdays }.with_holidays(holidays),
                blackout,
                delegates: vec![],
            }
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let members = body();
    let refs: Vec<&Member> = members.iter().collect();
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap();
    let search = Search {
        from,
        to,
        duration_minutes: 90,
        step_minutes: 15,
    };
    // Holiday calendars are read once, on first use, as in a real run.
    rank_slots(&refs, &search, 10).unwrap();
    c.bench_function("rank 300 members, a year at 15m, holidays and night", |b| {
        b.iter(|| rank_slots(black_box(&refs), black_box(&search), 10).unwrap())
    });
    let series = Series {
        from,
        to,
        duration_minutes: 90,
        step_minutes: 15,
        every_minutes: 4 * 7 * 24 * 60,
        count: 12,
        anchor: Anchor::Zone("Europe/Brussels".parse().unwrap()),
        tolerance: 1,
    };
    c.bench_function("series of 12 every 4w, 300 members", |b| {
        b.iter(|| plan_series(black_box(&refs), black_box(&series), &Ledger::default()).unwrap())
    });
}

criterion_group!(schedule, benches);
criterion_main!(schedule);
