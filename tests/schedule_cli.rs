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
            [
                "best_outside",
                "occurrence",
                "slot",
                "window_end",
                "window_start"
            ]
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
        let said = format!(
            "{} is outside in every acceptable slot",
            b["member"].as_str().unwrap()
        );
        assert!(constraints.iter().any(|c| c == &said), "{constraints:?}");
    }
    for o in series {
        let out = o["slot"]["outside"].as_u64().unwrap();
        assert!(
            out <= o["best_outside"].as_u64().unwrap() + 1,
            "tolerance 1"
        );
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
    assert!(
        out.contains("Burden per member: held (the ledger) and planned"),
        "{out}"
    );
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

/// `plenary ARGS...` from the crate root (any subcommand).
fn plenary(args: &[&str]) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run::of(output)
}

#[test]
fn around_easter_2027_no_member_is_offered_its_public_holiday() {
    // Good Friday is 26 March 2027, Easter Monday 29 March: holidays in
    // South Africa (Good Friday, Family Day), New South Wales, Zürich and
    // São Paulo (Good Friday, national in Brazil), Belgium (Easter Monday).
    let v = json(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2027-03-22",
        "--to",
        "2027-04-02",
        "--duration",
        "90m",
        "--format",
        "json",
    ]);
    let slots = v["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 10);
    for slot in slots {
        let start = slot["start"].as_str().unwrap();
        assert!(
            !start.starts_with("2027-03-26") && !start.starts_with("2027-03-29"),
            "{start} is listed"
        );
        for p in slot["participants"].as_array().unwrap() {
            if let Some(h) = p.get("holiday") {
                assert_eq!(p["inside_hours"], false, "{p}");
                assert!(h["name"].is_string() && h["calendar"].is_string());
            }
        }
    }
    // Asked for the whole of Good Friday, the members that keep it are out.
    let friday = json(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2027-03-26",
        "--to",
        "2027-03-26",
        "--duration",
        "90m",
        "--format",
        "json",
        "--top",
        "1",
    ]);
    let best = &friday["slots"][0];
    for p in best["participants"].as_array().unwrap() {
        let member = p["member"].as_str().unwrap();
        if ["eth", "uct", "usp"].contains(&member) {
            assert_eq!(p["inside_hours"], false, "{member}");
            assert_eq!(p["holiday"]["name"], "Good Friday", "{member}");
        }
        // In Sydney it is already Easter Saturday.
        if member == "unsw" {
            assert_eq!(p["holiday"]["name"], "Easter Saturday", "{member}");
        }
    }
    // And the table says so in words.
    let run = schedule(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2027-03-26",
        "--to",
        "2027-03-26",
        "--duration",
        "90m",
        "--top",
        "1",
    ]);
    assert!(
        run.stdout.contains("uct Good Friday (ZA)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("eth Good Friday (CH-ZH)"),
        "{}",
        run.stdout
    );
}

#[test]
fn alternatives_show_an_early_utc_slot_kinder_to_asia_and_oceania() {
    let v = json(&with(&STEERING, &["--format", "json"]));
    let slots = v["slots"].as_array().unwrap();
    let alternatives = v["alternatives"].as_array().unwrap();
    let outside = |s: &Value| -> Vec<String> {
        s["outside_members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_owned())
            .collect()
    };
    // Every ranked slot leaves Kolkata and Sydney out...
    for s in slots {
        assert!(outside(s).contains(&"unsw".to_owned()));
    }
    // ...an alternative starting before 09:00 UTC has both inside.
    let early = alternatives
        .iter()
        .find(|a| {
            let o = outside(a);
            a["start"].as_str().unwrap()[11..13] < *"09"
                && !o.contains(&"unsw".to_owned())
                && !o.contains(&"iisc".to_owned())
        })
        .expect("an early-UTC alternative for Asia and Oceania");
    let start = early["start"].as_str().unwrap();
    assert!(
        slots.iter().all(|s| s["start"] != early["start"]),
        "{start}"
    );
    for key in ["inside", "night_minutes", "pain_minutes", "outside_members"] {
        assert!(early.get(key).is_some(), "{key}");
    }
    let run = schedule(&STEERING);
    assert!(
        run.stdout
            .contains("\nAlternatives: the best slot of each distinct time of day")
    );
}

#[test]
fn an_eight_weekly_series_never_picks_a_slot_most_of_the_body_sleeps_through() {
    let v = json(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2027-01-04",
        "--to",
        "2027-12-31",
        "--duration",
        "90m",
        "--every",
        "8w",
        "--count",
        "6",
        "--format",
        "json",
    ]);
    for o in v["series"].as_array().unwrap() {
        let out = o["slot"]["outside"].as_u64().unwrap();
        assert!(out < 5, "{} has {out} of 7 outside", o["slot"]["start"]);
        assert!(out <= o["best_outside"].as_u64().unwrap() + 1);
    }
    // Sydney shares no working hour with the Americas and Europe at once.
    let constraints = v["constraints"].as_array().unwrap();
    assert!(
        constraints
            .iter()
            .any(|c| c == "unsw is outside in every acceptable slot"),
        "{constraints:?}"
    );
    let run = schedule(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2027-01-04",
        "--to",
        "2027-12-31",
        "--duration",
        "90m",
        "--every",
        "8w",
        "--count",
        "6",
        "--tolerance",
        "0",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Where geography leaves no choice:"));
    assert!(
        run.stdout.contains("at most 0 more members outside"),
        "{}",
        run.stdout
    );
}

#[test]
fn write_agendas_makes_valid_agendas_that_check_accepts_and_refuses_to_overwrite() {
    let dir = common::example_copy();
    let root = dir.path().to_str().unwrap();
    let template = format!("{root}/2027-09-steering.toml");
    let args = [
        "schedule",
        root,
        "--body",
        "steering",
        "--from",
        "2027-10-04",
        "--to",
        "2028-03-31",
        "--duration",
        "90m",
        "--every",
        "8w",
        "--count",
        "3",
        "--write-agendas",
        &template,
    ];
    let run = plenary(&args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Agendas written:"), "{}", run.stdout);
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| {
            n.ends_with("-steering.toml") && !n.starts_with("2027-03") && !n.starts_with("2027-09")
        })
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    let one = std::fs::read_to_string(dir.path().join(&written[0])).unwrap();
    let template_text = std::fs::read_to_string(&template).unwrap();
    // The template's comments are kept.
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    assert_eq!(comments(&one), comments(&template_text));
    assert!(one.contains("title = \"Steering Committee, "), "{one}");
    let check = plenary(&["check", root]);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("7 agendas: all valid"),
        "{}",
        check.stdout
    );
    // A second run would overwrite: nothing is written, exit 1.
    let again = plenary(&args);
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("exists already; nothing was written"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_ledger_counts_held_meetings_at_their_frozen_start() {
    let dir = common::example_copy();
    let root = dir.path().to_str().unwrap();
    let empty = plenary(&["schedule", root, "--ledger"]);
    assert_eq!(empty.code, Some(0), "{}", empty.stderr);
    assert!(
        empty.stdout.contains("No meeting has been held yet"),
        "{}",
        empty.stdout
    );
    // March's steering meeting starts: its terms (and start) are frozen.
    let rec = plenary(&[
        "record",
        "--by",
        "Marc Dujardin",
        root,
        "2027-03-steering",
        "present",
        "ceps",
    ]);
    assert_eq!(rec.code, Some(0), "{}", rec.stderr);
    // Editing the agenda's start afterwards does not move the ledger.
    let path = dir.path().join("2027-03-steering.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("2027-03-10T14:00:00Z", "2027-03-10T08:00:00Z"),
    )
    .unwrap();
    let v = json(&["--ledger", root, "--body", "steering", "--format", "json"]);
    let meetings = v["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0]["start"], "2027-03-10T14:00:00Z");
    let unsw = v["burden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["member"] == "unsw")
        .unwrap();
    // 14:00 UTC is 01:00 in Sydney: outside, at night.
    assert_eq!(
        (unsw["outside"].as_u64(), unsw["night"].as_u64()),
        (Some(1), Some(1))
    );
    let table = plenary(&["schedule", root, "--ledger"]);
    assert!(
        table.stdout.contains("2027-03-steering"),
        "{}",
        table.stdout
    );
}

#[test]
fn bounds_are_refused_before_any_work() {
    // The time-zone tables end with 2099.
    let run = schedule(&[
        GCRA,
        "--body",
        "steering",
        "--from",
        "2099-12-20",
        "--to",
        "2100-01-10",
        "--duration",
        "1h",
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the time-zone tables cover dates up to the end of 2099 only"),
        "{}",
        run.stderr
    );
    // Too many slots or meetings: usage errors, answered at once.
    let year = [
        GCRA,
        "--body",
        "general-assembly",
        "--from",
        "2027-01-01",
        "--to",
        "2027-12-31",
        "--duration",
        "1h",
    ];
    let started = std::time::Instant::now();
    for extra in [
        vec!["--top", "1001"],
        vec!["--top", "100000"],
        vec!["--every", "1d", "--count", "521"],
        vec!["--every", "1d", "--count", "4000000000"],
    ] {
        let run = schedule(&with(&year, &extra));
        assert_eq!(run.code, Some(2), "{extra:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains("1000") || run.stderr.contains("520"),
            "{}",
            run.stderr
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // The largest allowed --top prints 1000 slots.
    let v = json(&with(&year, &["--top", "1000", "--format", "json"]));
    assert_eq!(v["slots"].as_array().unwrap().len(), 1000);
}
