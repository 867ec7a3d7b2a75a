//! `plenary check` run as a real process on malformed workspaces (SPEC 1.3):
//! every problem is reported as `PATH:LINE:COLUMN: message`, sorted by file
//! and position, with exit code 1; nothing ever panics.
//!
//! The expected positions were counted by hand against the fixtures in
//! `tests/fixtures/malformed/`. Fixtures whose bytes git could mangle (CRLF,
//! a byte-order mark, NUL, invalid UTF-8) or that are too big to commit are
//! written into a temporary folder by the test itself.

mod common;

use common::Run;

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const FIXTURES: &str = "tests/fixtures/malformed";

/// Runs `plenary ARGS...` from the crate root.
fn plenary(args: &[&str], dir: &Path) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .args(args)
        .current_dir(dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run::of(output)
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `plenary check WORKSPACE` (relative to `dir`) and asserts it fails
/// with exactly `expected` headlines (paths relative to the workspace), in
/// that order, followed by the count.
#[track_caller]
fn assert_problems(dir: &Path, workspace: &str, expected: &[&str]) -> Run {
    let run = plenary(&["check", workspace], dir);
    let prefix = format!("{workspace}/");
    let headlines: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .collect();
    assert_eq!(
        headlines, expected,
        "{workspace}: stderr was\n{}",
        run.stderr
    );
    assert_eq!(run.code, Some(1), "{workspace}: exit code");
    assert_eq!(run.stdout, "", "{workspace}: nothing on stdout");
    let files: std::collections::BTreeSet<&str> = expected
        .iter()
        .map(|h| h.split(':').next().unwrap_or(""))
        .collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let summary = format!(
        "{} problem{} in {} file{}",
        expected.len(),
        plural(expected.len()),
        files.len(),
        plural(files.len())
    );
    assert_eq!(
        run.stderr.lines().last(),
        Some(summary.as_str()),
        "{workspace}"
    );
    run
}

/// Every committed fixture and what `plenary check` must say about it.
const CASES: &[(&str, &[&str])] = &[
    (
        "syntax-error",
        &["charter.toml:3:22: invalid basic string, expected `\"`"],
    ),
    (
        "wrong-type",
        &["charter.toml:11:10: invalid type: string \"two\", expected a whole number"],
    ),
    (
        "agenda-wrong-types",
        &[
            "2027-03-steering.toml:13:11: invalid type: string \"ten\", expected a whole number",
            "2027-03-steering.toml:22:1: unknown key `votes`, expected one of `id`, `title`, `kind`, `description`, `rule`, `minutes`, `method`, `options`, `seats`, `approves`",
        ],
    ),
    (
        "unknown-key",
        &[
            "charter.toml:18:1: unknown key `website`, expected one of `id`, `name`, `kind`, `country`, `timezone`, `status`, `weight`, `working_hours`, `working_days`, `blackout`, `holidays`, `night`, `delegates`",
        ],
    ),
    (
        "unknown-zone",
        &[
            "charter.toml:11:12: unknown time zone `Africa/Johanesburg`; did you mean `Africa/Johannesburg`?",
        ],
    ),
    (
        "duplicate-id",
        &[
            "charter.toml:14:6: duplicate member id `eth` (first defined on line 7)",
            // With the first member renamed, `uct` really is gone.
            "charter.toml:23:12: unknown member `uct`",
            "charter.toml:40:8: unknown member `uct`",
        ],
    ),
    ("duplicate-key", &["charter.toml:3:1: duplicate key `id`"]),
    (
        "unknown-member-in-body",
        &["charter.toml:23:26: unknown member `epfl`"],
    ),
    (
        "chair-not-member",
        &["charter.toml:24:9: the chair `uct` is not a member of this body"],
    ),
    (
        "quorum-malformed",
        &["charter.toml:25:10: quorum `50%` must be a fraction such as `1/2` or `2/3`"],
    ),
    (
        "missing-default-rule",
        &["charter.toml:26:9: [bodies.rules] needs a `default` rule"],
    ),
    (
        "invalid-country",
        &[
            "charter.toml:10:11: `UK` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)",
        ],
    ),
    (
        "bad-hours",
        &[
            "charter.toml:12:17: working hours `9:00-17:00` must look like `09:00-17:00`",
            "charter.toml:20:17: working hours `18:00-08:00` must start before they end (overnight shifts are not supported)",
        ],
    ),
    (
        "blackout-not-a-date",
        &["charter.toml:19:25: `2026-12-25T12:00:00Z` must be a plain date such as 2026-12-24"],
    ),
    (
        "programme-problems",
        &[
            "charter.toml:40:8: unknown member `mit`",
            "charter.toml:41:40: metric `share` must be a number, not a string",
        ],
    ),
    (
        "empty-charter",
        &[
            "charter.toml:1:1: the charter is empty: it needs at least an [alliance] table and [[members]]",
        ],
    ),
    (
        "missing-alliance",
        &["charter.toml:1:1: missing [alliance] table (id, name, timezone)"],
    ),
    (
        "empty-agenda",
        &["2027-03-steering.toml:1:1: missing [meeting] table (id, body, title, duration)"],
    ),
    (
        "missing-meeting",
        &["2027-03-steering.toml:1:1: missing [meeting] table (id, body, title, duration)"],
    ),
    (
        "meeting-id-mismatch",
        &[
            "2027-04-steering.toml:2:6: meeting id `2027-03-steering` must equal the file name `2027-04-steering`",
        ],
    ),
    (
        "unknown-body-in-agenda",
        &[
            "2027-03-steering.toml:3:8: unknown body `steerig` (did you mean `steering`?); the bodies are `steering`",
        ],
    ),
    (
        "start-without-offset",
        &[
            "2027-03-steering.toml:5:9: `start` 2027-03-10T14:00:00 needs a UTC offset, e.g. `2027-03-10T14:00:00Z` or `2027-03-10T14:00:00+01:00`",
        ],
    ),
    (
        "unknown-rule",
        &[
            "2027-03-steering.toml:12:8: unknown rule `budgett` (did you mean `budget`?) for this body; its rules are `budget`, `default`",
        ],
    ),
    (
        "rule-on-discussion",
        &[
            "2027-03-steering.toml:12:8: `rule` applies only to decision items; this one is `discussion`",
        ],
    ),
    (
        "unknown-ranking-method",
        &[
            "2027-03-steering.toml:19:10: unknown ranking method `condorcet`, expected one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
        ],
    ),
    (
        "unknown-priority",
        &["2027-03-steering.toml:20:21: unknown priority `helth` (did you mean `health`?)"],
    ),
    (
        "seats-over-options",
        &["2027-03-steering.toml:21:9: `seats` is 3 but there are only 2 options"],
    ),
    (
        "last-line-without-newline",
        &["2027-03-steering.toml:21:9: `seats` is 3 but there are only 2 options"],
    ),
    (
        "tabs-before-value",
        &["charter.toml:18:13: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?"],
    ),
    (
        "non-ascii-before-error",
        // `ø`, `Ø` and `å` are two bytes each: column 48, not byte 51.
        &["charter.toml:19:48: `søren@uio` is not an e-mail address"],
    ),
    (
        "several-files",
        &[
            "2027-03-steering.toml:6:12: duration `90 minutes` must look like `90m`, `2h`, `1h30m` or `4w`",
            "2027-03-steering.toml:12:8: unknown rule `budgt` (did you mean `budget`?) for this body; its rules are `budget`, `default`",
            "2027-06-assembly.toml:13:11: `minutes` must be a positive whole number, not 0",
            "2027-06-assembly.toml:20:21: unknown priority `wind`",
            "charter.toml:10:11: `EU` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)",
            "charter.toml:18:12: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?",
        ],
    ),
];

#[test]
fn every_fixture_reports_exactly_its_problems() {
    for (case, expected) in CASES {
        assert_problems(crate_root(), &format!("{FIXTURES}/{case}"), expected);
    }
}

#[test]
fn every_fixture_folder_is_in_the_table() {
    let mut on_disk: Vec<String> = fs::read_dir(crate_root().join(FIXTURES))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(c, _)| (*c).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 24);
}

#[test]
fn the_caret_lines_up_under_tabs() {
    let run = assert_problems(
        crate_root(),
        &format!("{FIXTURES}/tabs-before-value"),
        &["charter.toml:18:13: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?"],
    );
    // Ten spaces under `timezone =`, then the same two tabs, then the caret.
    assert!(
        run.stderr.contains(
            "   |\n18 | timezone =\t\t\"Europe/Zurik\"\n   |           \t\t^^^^^^^^^^^^^^\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_caret_counts_characters_not_bytes() {
    let run = plenary(
        &["check", &format!("{FIXTURES}/non-ascii-before-error")],
        crate_root(),
    );
    let caret_line = format!("   | {}^^^^^^^^^^^", " ".repeat(47));
    assert!(run.stderr.contains(&caret_line), "{}", run.stderr);
}

// ---- fixtures written at test time ---------------------------------------------

/// A temporary folder holding a workspace `ws` made of `files`.
fn workspace(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("ws")).expect("ws");
    for (name, bytes) in files {
        fs::write(dir.path().join("ws").join(name), bytes).expect("write");
    }
    dir
}

fn fixture(case: &str, file: &str) -> String {
    fs::read_to_string(crate_root().join(FIXTURES).join(case).join(file)).expect("fixture")
}

/// The valid charter and agenda the fixtures were made from.
fn valid_charter() -> String {
    // `unknown-key` differs from the valid charter by one inserted line.
    fixture("unknown-key", "charter.toml").replace("website = \"https://ethz.ch\"\n", "")
}

fn valid_agenda() -> String {
    fixture("unknown-priority", "2027-03-steering.toml").replace("\"helth\"", "\"health\"")
}

#[test]
fn the_base_fixture_is_valid() {
    let dir = workspace(&[
        ("charter.toml", valid_charter().as_bytes()),
        ("2027-03-steering.toml", valid_agenda().as_bytes()),
    ]);
    let run = plenary(&["check", "ws"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn binary_garbage_is_reported_at_the_first_bad_byte() {
    // `name = "Mini ` is 13 characters; the bad byte is the 14th, at byte
    // offset 11 + 12 + 13 = 36 of the file.
    let mut charter = valid_charter().into_bytes();
    let at = 36;
    assert_eq!(&charter[at - 6..at], b"\"Mini ");
    charter.splice(at..at, [0xFF, 0xFE]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(4096));
    let dir = workspace(&[("charter.toml", &charter), ("2027-03-steering.toml", &png)]);
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:1:1: file is not UTF-8 text (byte 0x89 at offset 0)",
            "charter.toml:3:14: file is not UTF-8 text (byte 0xFF at offset 36)",
        ],
    );
}

#[test]
fn a_ten_megabyte_file_is_refused_quickly() {
    let big = format!("# {}\n", "x".repeat(10 * 1024 * 1024 - 3));
    assert_eq!(big.len(), 10 * 1024 * 1024);
    let dir = workspace(&[
        ("charter.toml", valid_charter().as_bytes()),
        ("2027-03-steering.toml", big.as_bytes()),
    ]);
    let started = std::time::Instant::now();
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:1:1: file is too large (10485760 bytes); charter and agenda files are limited to 4 MiB",
        ],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn crlf_line_endings_keep_positions() {
    let charter = fixture("several-files", "charter.toml").replace('\n', "\r\n");
    let agenda = fixture("unknown-priority", "2027-03-steering.toml").replace('\n', "\r\n");
    let dir = workspace(&[
        ("charter.toml", charter.as_bytes()),
        ("2027-03-steering.toml", agenda.as_bytes()),
    ]);
    let run = assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:20:21: unknown priority `helth` (did you mean `health`?)",
            "charter.toml:10:11: `EU` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)",
            "charter.toml:18:12: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?",
        ],
    );
    assert!(!run.stderr.contains('\r'));
    assert!(
        run.stderr
            .contains("18 | timezone = \"Europe/Zurik\"\n   |            ^^^^^^^^^^^^^^\n")
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let charter = format!("\u{feff}motto = \"Together\"\n{}", valid_charter());
    let agenda = format!(
        "\u{feff}{}",
        fixture("unknown-body-in-agenda", "2027-03-steering.toml")
    );
    let dir = workspace(&[
        ("charter.toml", charter.as_bytes()),
        ("2027-03-steering.toml", agenda.as_bytes()),
    ]);
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:3:8: unknown body `steerig` (did you mean `steering`?); the bodies are `steering`",
            "charter.toml:1:1: unknown key `motto`, expected one of `alliance`, `defaults`, `members`, `bodies`, `priorities`, `programmes`",
        ],
    );
}

#[test]
fn a_nul_byte_is_pointed_at_and_shown_safely() {
    // `name = "Mini` is 12 characters: the NUL is column 13 of line 3.
    let charter = valid_charter().replacen("Mini Alliance", "Mini\0Alliance", 1);
    let dir = workspace(&[("charter.toml", charter.as_bytes())]);
    let run = assert_problems(
        dir.path(),
        "ws",
        &[
            "charter.toml:3:13: invalid basic string, expected non-double-quote visible characters, `\\`",
        ],
    );
    assert!(!run.stderr.contains('\0'));
    assert!(
        run.stderr
            .contains("3 | name = \"Mini\u{fffd}Alliance\"\n  |             ^\n")
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 100_000;
    let agenda = format!(
        "{}x = {}{}\n",
        valid_agenda(),
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let inline = format!(
        "{}y = {}1{}\n",
        valid_agenda(),
        "{a=".repeat(depth),
        "}".repeat(depth)
    );
    let dir = workspace(&[
        ("charter.toml", valid_charter().as_bytes()),
        ("2027-03-steering.toml", agenda.as_bytes()),
    ]);
    let run = plenary(&["check", "ws"], dir.path());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("2027-03-steering.toml:22:"),
        "{}",
        &run.stderr[..500.min(run.stderr.len())]
    );
    let dir = workspace(&[
        ("charter.toml", valid_charter().as_bytes()),
        ("2027-03-steering.toml", inline.as_bytes()),
    ]);
    let run = plenary(&["check", "ws"], dir.path());
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("2027-03-steering.toml:22:"));
}

#[test]
fn a_very_long_line_reports_the_right_column() {
    // 20 000 metrics on one line, then one that is not a number.
    let metrics: String = (0..20_000).map(|i| format!("m{i} = {i}, ")).collect();
    let line = format!("metrics = {{ {metrics}bad = \"x\" }}");
    let column = line.find("\"x\"").expect("x") + 1;
    let charter =
        valid_charter().replacen("metrics = { publications = 41, share = 0.5 }", &line, 1);
    let dir = workspace(&[("charter.toml", charter.as_bytes())]);
    let expected = format!("charter.toml:41:{column}: metric `bad` must be a number, not a string");
    assert_problems(dir.path(), "ws", &[&expected]);
}

// ---- whole workspaces ---------------------------------------------------------------

#[test]
fn the_example_workspace_is_valid() {
    let run = plenary(&["check", "agendas/gcra"], crate_root());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "agendas/gcra: Global Climate Research Alliance (gcra): 14 members, 3 bodies, 4 agendas: all valid\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn the_example_broken_in_three_places_reports_all_three() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("gcra");
    fs::create_dir(&ws).expect("ws");
    for entry in fs::read_dir(crate_root().join("agendas/gcra")).expect("gcra") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            fs::copy(&path, ws.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let break_file = |name: &str, from: &str, to: &str| {
        let path = ws.join(name);
        let text = fs::read_to_string(&path).expect("read");
        assert_eq!(text.matches(from).count(), 1, "{from}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    break_file("charter.toml", "\"Asia/Kolkata\"", "\"Asia/Kolkatta\"");
    break_file(
        "2027-03-steering.toml",
        "\"public-health\"",
        "\"public-healt\"",
    );
    break_file(
        "2027-06-general-assembly.toml",
        "duration = \"2h\"",
        "duration = \"2 hours\"",
    );
    assert_problems(
        dir.path(),
        "gcra",
        &[
            // options = ["climate-adaptation", "public-healt", ...]: 11 + 1 + 20 + 2.
            "2027-03-steering.toml:49:34: unknown priority `public-healt` (did you mean `public-health`?)",
            "2027-06-general-assembly.toml:10:12: duration `2 hours` must look like `90m`, `2h`, `1h30m` or `4w`",
            "charter.toml:128:12: unknown time zone `Asia/Kolkatta`; did you mean `Asia/Kolkata`?",
        ],
    );
}

#[test]
fn a_folder_without_a_charter_is_not_a_workspace() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("2027-03-steering.toml"), valid_agenda()).expect("write");
    let run = plenary(&["check", "."], dir.path());
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "plenary: .: not a plenary workspace (no charter.toml in this folder); `plenary init .` makes one\n"
    );
    let run = plenary(&["check", "no/such/folder"], dir.path());
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("no/such/folder: not a plenary workspace"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_shows_an_example() {
    let run = plenary(&["check", "--help"], crate_root());
    assert_eq!(run.code, Some(0));
    assert!(
        run.stdout
            .contains("Example:\n  plenary check agendas/gcra"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--frobnicate"][..],
        &["--frobnicate"],
        &["check", "agendas/gcra", "extra"],
    ] {
        let run = plenary(args, crate_root());
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("Usage:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_mistyped_command_is_a_usage_error() {
    let run = plenary(&["chek", "agendas/gcra"], crate_root());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let run = plenary(&["frobnicate"], crate_root());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "plenary: `frobnicate` is neither a folder nor a command; see `plenary --help`\n"
    );
}

/// The example workspace with `changes` made to the March steering agenda
/// (each `(line, from, to)` replaces `from` on that 1-based line).
fn example_with_agenda_edits(changes: &[(usize, &str, &str)]) -> tempfile::TempDir {
    let example = common::example();
    let charter = fs::read(example.join("charter.toml")).expect("charter");
    let agenda = fs::read_to_string(example.join("2027-03-steering.toml")).expect("agenda");
    let mut lines: Vec<String> = agenda.lines().map(str::to_owned).collect();
    for (line, from, to) in changes {
        let text = &mut lines[line - 1];
        assert!(text.contains(from), "line {line} is `{text}`");
        *text = text.replacen(from, to, 1);
    }
    let agenda = lines.join("\n") + "\n";
    workspace(&[
        ("charter.toml", &charter),
        ("2027-03-steering.toml", agenda.as_bytes()),
    ])
}

#[test]
fn typos_of_rules_kinds_and_priorities_get_a_did_you_mean() {
    let dir = example_with_agenda_edits(&[
        (23, "information", "info"),
        (32, "budget", "budjet"),
        (49, "energy-transition", "energy-transtion"),
    ]);
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:23:8: unknown value `info` (did you mean `information`?), expected one of `information`, `discussion`, `decision`, `ranking`, `minutes-approval`",
            "2027-03-steering.toml:32:8: unknown rule `budjet` (did you mean `budget`?) for this body; its rules are `budget`, `charter-amendment`, `default`, `urgent`",
            "2027-03-steering.toml:49:68: unknown priority `energy-transtion` (did you mean `energy-transition`?)",
        ],
    );
}

#[test]
fn an_unknown_body_lists_the_bodies() {
    let dir = example_with_agenda_edits(&[(7, "steering", "board")]);
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:7:8: unknown body `board`; the bodies are `general-assembly`, `research-council`, `steering`",
        ],
    );
}

#[test]
fn time_boxes_longer_than_the_meeting_are_an_error() {
    // 85 minutes of time boxes; 20 become 350: 415 in a 90-minute meeting.
    let dir = example_with_agenda_edits(&[(33, "20", "350")]);
    assert_problems(
        dir.path(),
        "ws",
        &[
            "2027-03-steering.toml:10:12: the items' time boxes add up to 415 minutes, 325 more than the meeting's 90; lengthen `duration` or shorten the items' `minutes`",
        ],
    );
}
