//! `plenary schedule` run as a real process on the example workspace
//! (SPEC 2 and 6): the readable table, the JSON shape key by key, a
//! rotating series with its burden, and every invalid request with its
//! exit code (1 invalid input, 2 usage error).

mod common;

use common::Run;

use assert_cmd::Command;
use serde_json::Value;

const GCRA: &str = "agendas/gcra";

/// Runs `plenary schedule ARGS...` from the crate root.
fn schedule(args: &[&str]) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .arg("schedule")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run::of(output)
}

const STEERING: [&str; 9] = [
    GCRA,
    "--body",
    "steering",
    "--from",
    "2027-03-08",
    "--to",
    "2027-03-19",
    "--duration",
    "90m",
];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn json(args: &[&str]) -> Value {
    let run = schedule(args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

#[test]
fn the_table_ranks_slots_and_marks_out_of_hours_members() {
    let run = schedule(&with(&STEERING, &["--top", "3"]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty());
    let out = &run.stdout;
    assert!(
        out.starts_with("Steering Committee: 7 members, 1h30m meetings, starts every 15m"),
        "{out}"
    );
    assert!(out.contains("Range: 2027-03-08 00:00 to 2027-03-20 00:00 Europe/Brussels"));
    assert!(out.contains("\n       (2027-03-07T23:00:00Z to 2027-03-19T23:00:00Z)\n"));
    // New York moved to summer time on 14 March, Europe had not yet.
    assert!(
        out.contains("  1  Mon 2027-03-15 13:00 - 14:30        5        2     90  3h\n"),
        "{out}"
    );
    assert!(out.contains("\n  3  Wed"), "{out}");
    assert!(!out.contains("\n  4  "), "{out}");
    assert!(out.contains(" columbia Mon 09:00-10:30   -04:00"), "{out}");
    assert!(
        out.contains("*unsw     Tue 00:00-01:30   +11:00 1h30m n90"),
        "{out}"
    );
    assert!(
        out.contains("*iisc     Mon 18:30-20:00   +05:30 1h30m"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn json_has_exactly_the_spec_shape() {
    let v = json(&with(&STEERING, &["--format", "json", "--top", "4"]));
    assert_eq!(
        keys(&v),
        [
            "alternatives",
            "body",
            "duration_minutes",
            "notes",
            "slots",
            "step_minutes"
        ]
    );
    assert_eq!(v["body"], "steering");
    assert_eq!(v["duration_minutes"], 90);
    assert_eq!(v["step_minutes"], 15);
    let slots = v["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 4);
    let mut previous: Option<(i64, i64, i64, String)> = None;
    for slot in slots {
        assert_eq!(
            keys(slot),
            [
                "end",
                "inside",
                "night_minutes",
                "outside",
                "outside_members",
                "pain_minutes",
                "participants",
                "start"
            ]
        );
        let start = slot["start"].as_str().unwrap();
        assert!(start.ends_with('Z'), "{start}");
        assert!(slot["end"].as_str().unwrap().ends_with('Z'));
        chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let participants = slot["participants"].as_array().unwrap();
        assert_eq!(participants.len(), 7);
        let inside = participants
            .iter()
            .filter(|p| p["inside_hours"] == true)
            .count();
        assert_eq!(slot["inside"], inside);
        assert_eq!(slot["outside"], 7 - inside);
        for p in participants {
            assert_eq!(
                keys(p),
                [
                    "inside_hours",
                    "local_end",
                    "local_start",
                    "member",
                    "night_minutes",
                    "pain_minutes",
                    "timezone"
                ]
            );
            let local =
                chrono::DateTime::parse_from_rfc3339(p["local_start"].as_str().unwrap()).unwrap();
            assert_eq!(local, chrono::DateTime::parse_from_rfc3339(start).unwrap());
            assert!(!p["local_start"].as_str().unwrap().ends_with('Z'));
        }
        let night: i64 = participants
            .iter()
            .map(|p| p["night_minutes"].as_i64().unwrap())
            .sum();
        assert_eq!(slot["night_minutes"], night);
        let key = (
            -slot["inside"].as_i64().unwrap(),
            slot["night_minutes"].as_i64().unwrap(),
            slot["pain_minutes"].as_i64().unwrap(),
            start.to_owned(),
        );
        assert!(previous.as_ref().is_none_or(|p| *p < key), "ranked order");
        previous = Some(key);
    }
    let eth = &slots[0]["participants"][1];
    assert_eq!(eth["member"], "eth");
    assert_eq!(eth["timezone"], "Europe/Zurich");
    assert_eq!(eth["local_start"], "2027-03-15T14:00:00+01:00");
    assert_eq!(eth["local_end"], "2027-03-15T15:30:00+01:00");
    assert_eq!(eth["inside_hours"], true);
}

const SERIES: [&str; 15] = [
    GCRA,
    "--body",
    "research-council",
    "--from",
    "2027-01-04",
    "--to",
    "2027-12-31",
    "--duration",
    "1h",
    "--every",
    "4w",
    "--count",
    "12",
    "--step",
    "30m",
];

#[test]
fn a_series_in_json_has_one_entry_per_meeting_and_a_burden_table() {
    let v = json(&with(
        &SERIES,
        &["--format", "json", "--anchor", "Europe/Brussels"],
    ));
    assert_eq!(
        keys(&v),
        [
            "anchor",
            "body",
            "burden",
            "constraints",
            "count",
            "duration_minutes",
            "every_minutes",
            "held",
            "max_burden",
            "max_outside",
            "notes",
            "series",
            "slots",
            "step_minutes",
            "tolerance",
            "total_night_minutes",
            "total_pain_minutes"
        ]
    );
    assert_eq!(v["anchor"], "Europe/Brussels");
    assert_eq!(v["every_minutes"], 4 * 7 * 24 * 60);
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 12);
    for (k, o) in series.iter().enumerate() {
        assert_eq!(
            keys(o),
            ["best_outside", "occurrence", "slot", "window_end", "window_start"]
        );
        assert_eq!(o["occurrence"], k + 1);
        assert_eq!(o["slot"], v["slots"][k]);
        let start = o["slot"]["start"].as_str().unwrap();
        assert!(o["window_start"].as_str().unwrap() <= start);
        assert!(o["slot"]["end"].as_str().unwrap() <= o["window_end"].as_str().unwrap());
    }
    // The windows follow Brussels' wall clock: midnight CET, then CEST.
    assert_eq!(series[0]["window_start"], "2027-01-03T23:00:00Z");
    assert_eq!(series[3]["window_start"], "2027-03-28T22:00:00Z");
    let burden = v["burden"].as_array().unwrap();
    assert_eq!(burden.len(), 9);
    let mut max = 0;
    for b in burden {
        assert_eq!(
            keys(b),
            ["inside", "member", "night", "outside", "timezone"]
        );
        assert_eq!(
            b["inside"].as_u64().unwrap() + b["outside"].as_u64().unwrap(),
            12
        );
        max = max.max(b["outside"].as_u64().unwrap());
    }
    assert_eq!(v["max_outside"], max);
    // Whoever is outside every time is named: geography, not the plan.
    let constraints = v["constraints"].as_array().unwrap();
    for b in burden.iter().filter(|b| b["outside"] == 12) {
        let said = format!("{} is outside in every acceptable slot", b["member"].as_str().unwrap());
        assert!(constraints.iter().any(|c| c == &said), "{constraints:?}");
    }
    for o in series {
        let out = o["slot"]["outside"].as_u64().unwrap();
        assert!(out <= o["best_outside"].as_u64().unwrap() + 1, "tolerance 1");
    }
}

#[test]
fn a_series_as_a_table_explains_its_anchor_and_prints_the_burden() {
    let run = schedule(&SERIES);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.starts_with("Research Council"), "{out}");
    assert!(
        out.contains("a series of 12 meetings of 1h, one every 4w"),
        "{out}"
    );
    assert!(out.contains("Periods of 4w are laid out in UTC"), "{out}");
    assert!(out.contains(" 12  "), "{out}");
    assert!(out.contains("Burden per member: held (the ledger) and planned"), "{out}");
    let header = out
        .lines()
        .find(|l| l.trim_start().starts_with("member"))
        .expect("burden header");
    assert!(
        header.ends_with("zone                   inside outside night   inside outside night"),
        "{out}"
    );
    let auckland = out
        .lines()
        .rfind(|l| l.trim_start().starts_with("auckland "))
        .expect("a burden row");
    assert!(auckland.contains("Pacific/Auckland"), "{out}");
    assert!(
        out.contains("Most out-of-hours meetings for one member: "),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn invalid_requests_exit_1_with_a_clear_message() {
    let cases: [(Vec<&str>, &str); 10] = [
        (
            vec![
                GCRA,
                "--body",
                "council",
                "--from",
                "2027-03-08",
                "--to",
                "2027-03-19",
                "--duration",
                "1h",
            ],
            "unknown body `council`; known bodies: steering, general-assembly, research-council",
        ),
        (
            vec![
                GCRA,
                "--body",
                "steering",
                "--from",
                "2027-03-19",
                "--to",
                "2027-03-08",
                "--duration",
                "1h",
            ],
            "the range is empty",
        ),
        (
            with(&STEERING[..8], &["20d"]),
            "a 20d meeting does not fit in the range, which lasts 12d",
        ),
        (
            with(&STEERING, &["--step", "7m"]),
            "the step 7m does not divide 24 hours",
        ),
        (
            vec![
                GCRA,
                "--body",
                "steering",
                "--from",
                "8 March",
                "--to",
                "2027-03-19",
                "--duration",
                "1h",
            ],
            "--from: `8 March` is neither a date (2027-03-08) nor an RFC 3339 instant",
        ),
        (
            vec![
                GCRA,
                "--body",
                "steering",
                "--from",
                "2027-02-30",
                "--to",
                "2027-03-19",
                "--duration",
                "1h",
            ],
            "--from: `2027-02-30` is neither a date",
        ),
        (
            with(&STEERING[..8], &["1.5h"]),
            "--duration: duration `1.5h` must look like",
        ),
        (
            with(&STEERING, &["--every", "4w", "--count", "12"]),
            "only 1 of the 12 meetings (one every 4w) fit",
        ),
        (
            with(
                &STEERING,
                &[
                    "--every",
                    "1w",
                    "--count",
                    "2",
                    "--anchor",
                    "Europe/Brusels",
                ],
            ),
            "--anchor: unknown time zone `Europe/Brusels`; did you mean `Europe/Brussels`?",
        ),
        (
            vec![
                GCRA,
                "--body",
                "steering",
                "--from",
                "2027-03-10T10:05:00Z",
                "--to",
                "2027-03-10T11:40:00Z",
                "--duration",
                "90m",
            ],
            "no start aligned to the 15m step",
        ),
    ];
    for (args, message) in cases {
        let run = schedule(&args);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(run.stderr.starts_with("plenary: "), "{}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        with(&STEERING, &["--every", "4w"]),
        with(&STEERING, &["--count", "3"]),
        with(&STEERING, &["--anchor", "Europe/Brussels"]),
        with(&STEERING, &["--format", "yaml"]),
        with(&STEERING, &["--top", "ten"]),
        STEERING[..7].to_vec(),
    ] {
        let run = schedule(&args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn help_shows_an_example() {
    let run = schedule(&["--help"]);
    assert_eq!(run.code, Some(0));
    assert!(
        run.stdout
            .contains("plenary schedule agendas/gcra --body steering"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--every <DUR>"));
}

#[test]
fn a_missing_workspace_is_an_error() {
    let run = schedule(&with(&["tests/no-such-workspace"], &STEERING[1..]));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("not a plenary workspace"),
        "{}",
        run.stderr
    );
}
