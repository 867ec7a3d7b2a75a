//! Control characters from files never reach an output raw (issue 12,
//! finding 10): names with an escape sequence (`\u001b[31m`) and a line
//! break, in the charter, the agenda, a ballot file and the journal, are
//! shown escaped (`\u{1b}[31m`, `\n`) by `tally`, the action tables, CSV,
//! iCalendar, the minutes in Markdown and HTML, the invitation, `check`'s
//! messages and the terminal interface; no table row is broken.

mod common;

use common::Run;

use std::path::Path;

use assert_cmd::Command;

const ESC: char = '\u{1b}';

/// Written in TOML: an escape sequence that turns the terminal red, and a
/// line break.
const EVIL: &str = r"Evil \u001b[31mRed\nSecond line";
/// How it is shown.
const SHOWN: &str = r"Evil \u{1b}[31mRed\nSecond line";

fn plenary(args: &[&str], dir: &Path) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .args(args)
        .current_dir(dir)
        .env("PLENARY_NOW", "2027-03-10T15:00:00Z")
        .env("PLENARY_BY", "secretary")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run::of(output)
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(ESC), "{what}: a raw ESC in\n{text}");
    assert!(
        !text.contains("Red\nSecond"),
        "{what}: a raw line break in a name:\n{text}"
    );
}

/// The example with ETH's name, its chair delegate's name, the March
/// meeting's title and its first item's title all carrying [`EVIL`].
fn evil_workspace() -> tempfile::TempDir {
    let ws = common::example_copy();
    let edit = |file: &str, from: &str, to: &str| {
        let path = ws.path().join(file);
        let text = std::fs::read_to_string(&path).expect("example file");
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    edit(
        "charter.toml",
        "name = \"ETH Zurich\"",
        &format!("name = \"ETH {EVIL}\""),
    );
    edit(
        "charter.toml",
        "name = \"Prof. Lukas Baumann\"",
        &format!("name = \"Prof. {EVIL}\""),
    );
    edit(
        "2027-03-steering.toml",
        "title = \"Steering Committee, March 2027\"",
        &format!("title = \"Steering {EVIL}\""),
    );
    edit(
        "2027-03-steering.toml",
        "title = \"Approval of the February minutes\"",
        &format!("title = \"Minutes {EVIL}\""),
    );
    ws
}

#[test]
fn tally_shows_option_names_escaped_one_row_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ballots.toml");
    std::fs::write(
        &file,
        "method = \"irv\"\noptions = [\"a\\u001b[31m\", \"b\\nc\", \"d\"]\n\
         [[ballots]]\nranking = [\"a\\u001b[31m\", \"d\"]\n\
         [[ballots]]\nranking = [\"b\\nc\", \"d\"]\n\
         [[ballots]]\nweight = 2\nranking = [\"d\"]\n",
    )
    .expect("write");
    let run = plenary(&["tally", "ballots.toml"], dir.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_clean("tally", &run.stdout);
    assert!(run.stdout.contains(r"a\u{1b}[31m"), "{}", run.stdout);
    // The option with a line break is one row, with its escape.
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains(r"b\nc"))
        .unwrap_or_else(|| panic!("no row for b\\nc:\n{}", run.stdout));
    assert!(row.trim_start().starts_with(char::is_numeric), "{row}");
    // JSON escapes by itself, and keeps the names as they are.
    let json = plenary(&["tally", "ballots.toml", "--format", "json"], dir.path());
    assert!(!json.stdout.contains(ESC));
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert!(v["ranking"].to_string().contains(r"b\nc"), "{v}");
}

#[test]
fn a_problem_quoting_an_escape_sequence_prints_it_escaped() {
    let ws = common::example_copy();
    let path = ws.path().join("charter.toml");
    let text = std::fs::read_to_string(&path).expect("charter");
    std::fs::write(
        &path,
        text.replacen(
            "timezone = \"Europe/Zurich\"",
            &format!("timezone = \"{EVIL}\""),
            1,
        ),
    )
    .expect("write");
    let run = plenary(&["check", "."], ws.path());
    assert_eq!(run.code, Some(1));
    assert_clean("check", &run.stderr);
    assert!(run.stderr.contains(SHOWN), "{}", run.stderr);
}

#[test]
fn every_export_shows_names_escaped() {
    let ws = evil_workspace();
    let dir = ws.path();
    assert_eq!(plenary(&["check", "."], dir).code, Some(0));
    let record = |words: &str| {
        let mut args = vec!["record", ".", "2027-03-steering"];
        args.extend(words.split(' '));
        let run = plenary(&args, dir);
        assert_eq!(run.code, Some(0), "record {words}: {}", run.stderr);
    };
    // Invitations go out before the meeting starts (once it has, they are refused).
    let run = plenary(&["invite", ".", "2027-03-steering", "-o", "-"], dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_clean("invitation", &run.stdout);
    record("present eth ceps uct iisc unsw usp columbia");
    record("open minutes");
    // Journal text with an escape sequence, as `plenary record` takes it.
    let evil_text = "Check\u{1b}[2Jthe\nfigures";
    let run = plenary(
        &[
            "record",
            ".",
            "2027-03-steering",
            "motion",
            "minutes",
            "Approve",
            evil_text,
            ",",
            "action",
            "eth",
            "2027-04-01",
            evil_text,
            ",",
            "note",
            evil_text,
        ],
        dir,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    record("vote minutes eth=yes ceps=yes uct=yes iisc=yes unsw=yes usp=yes columbia=yes");
    record("close minutes");

    for format in ["md", "html"] {
        let run = plenary(
            &[
                "minutes",
                ".",
                "2027-03-steering",
                "--format",
                format,
                "-o",
                "-",
            ],
            dir,
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_clean(&format!("minutes {format}"), &run.stdout);
        assert!(!run.stdout.contains("Check\u{1b}"), "{format}");
        assert!(
            run.stdout.contains("ETH Evil"),
            "{format}: the name is there"
        );
    }
    for format in ["table", "csv", "ics"] {
        let run = plenary(
            &["actions", ".", "--status", "all", "--format", format],
            dir,
        );
        assert_eq!(run.code, Some(0), "{format}: {}", run.stderr);
        assert_clean(&format!("actions {format}"), &run.stdout);
        assert!(
            !run.stdout.contains("the\nfigures"),
            "{format}:\n{}",
            run.stdout
        );
    }
    // The table has its header, one row and the closing notes (wrapped to
    // 80 columns), nothing more: the item's line break made no line.
    let table = plenary(&["actions", ".", "--status", "all"], dir);
    let rows: Vec<&str> = table.stdout.lines().filter(|l| !l.is_empty()).collect();
    assert!(rows[0].starts_with("ID "), "{}", table.stdout);
    assert!(rows[2].starts_with("1 action item, "), "{}", table.stdout);
    assert_eq!(
        rows.iter().filter(|r| r.contains("figures")).count(),
        1,
        "{}",
        table.stdout
    );
    // Free text: the escape sequence escaped, the line break a space.
    assert!(
        rows[1].contains(r"Check\u{1b}[2Jthe figures"),
        "{}",
        rows[1]
    );
    // CSV: one record per line, so three lines.
    let csv = plenary(&["actions", ".", "--status", "all", "--format", "csv"], dir);
    assert_eq!(csv.stdout.lines().count(), 2, "{}", csv.stdout);
}

#[test]
fn the_terminal_interface_shows_names_escaped() {
    use plenary::clock::FixedClock;
    use plenary::tui::{App, Theme};
    use ratatui::crossterm::event::KeyCode;

    let ws = evil_workspace();
    let workspace = plenary::workspace::Workspace::load(ws.path()).expect("valid");
    let now = "2027-03-10T14:00:00Z".parse().expect("instant");
    let mut app = App::new(workspace, Box::new(FixedClock(now)), Theme::color());
    let dashboard = common::tui::screen(&app, 160, 40);
    assert_clean("dashboard", &dashboard);
    assert!(
        dashboard.contains(r"ETH Evil \u{1b}[31mRed\nSecond"),
        "{dashboard}"
    );
    common::tui::press(&mut app, KeyCode::Char('3'));
    let room = common::tui::screen(&app, 160, 40);
    assert_clean("meeting room", &room);
    assert!(room.contains(r"\u{1b}[31m"), "{room}");
}
