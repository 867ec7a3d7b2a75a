//! `plenary actions` and `plenary action` as real processes (SPEC 4, 5, 6)
//! on a private copy of `agendas/gcra`: action items agreed with
//! `plenary record` in three meetings, listed in every format (each parsed
//! back: CSV with a CSV reader, JSON with serde_json, iCalendar with the
//! `icalendar` parser), filtered, updated, refused (exit 1, nothing
//! written; usage errors exit 2), and checked by `plenary check`.
//!
//! The items, as agreed on 10 March 2027:
//!
//! | id                         | owner                  | due        | ends (UTC)        |
//! |----------------------------|------------------------|------------|-------------------|
//! | 2027-03-steering/1         | auckland               | 2027-04-01 | 2027-04-01 11:00  |
//! | 2027-03-steering/2         | ubc (Dr. Liam Chen)    | 2027-04-01 | 2027-04-02 07:00  |
//! | 2027-03-steering/3         | eth                    | 2027-03-31 | 2027-03-31 22:00  |
//! | 2027-06-general-assembly/1 | uct                    | 2027-07-15 | 2027-07-15 22:00  |
//! | 2027-09-steering/1         | iisc                   | 2027-10-31 | 2027-10-31 18:30  |

mod common;

use common::Run;

use std::path::PathBuf;

use assert_cmd::Command;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike, TodoStatus};

const STEERING: &str = "2027-03-steering";
const GA: &str = "2027-06-general-assembly";
const SEPTEMBER: &str = "2027-09-steering";
/// When the items are agreed.
const AGREED: &str = "2027-03-10T15:00:00Z";
/// Between the two midnights that end 1 April: past due in Auckland (and
/// for eth, due 31 March), not yet in Vancouver.
const APRIL_1_EVENING: &str = "2027-04-01T20:00:00Z";
const COLUMNS: [&str; 12] = [
    "id", "status", "overdue", "owner", "delegate", "due", "due_utc", "timezone", "meeting",
    "body", "item", "text",
];

/// A private copy of the example workspace.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// The example with no journals yet.
    fn empty() -> Self {
        let dir = common::example_copy();
        Self { dir }
    }

    /// The example with the five items of the table above.
    fn with_actions() -> Self {
        let ws = Self::empty();
        ws.ok(&[
            "record",
            ws.root(),
            STEERING,
            "open",
            "budget-2027",
            ",",
            "action",
            "auckland",
            "2027-04-01",
            "Circulate the revised seed-grant call",
            ",",
            "action",
            "ubc/Dr. Liam Chen",
            "2027-04-01",
            "Draft the data-sharing annex",
            ",",
            "close",
            "budget-2027",
            ",",
            "action",
            "eth",
            "2027-03-31",
            "Prepare the GA programme",
        ]);
        ws.ok(&[
            "record",
            ws.root(),
            GA,
            "action",
            "uct",
            "2027-07-15",
            "Report, with figures, on the \"exchange\" programme",
        ]);
        ws.ok(&[
            "record",
            ws.root(),
            SEPTEMBER,
            "action",
            "iisc",
            "2027-10-31",
            "Prepare the 2028 calendar",
        ]);
        ws
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().expect("utf-8 temp path")
    }

    fn register(&self) -> PathBuf {
        self.dir.path().join("records/_register.jsonl")
    }

    /// The register journal's bytes (empty when there is none yet).
    fn register_bytes(&self) -> Vec<u8> {
        std::fs::read(self.register()).unwrap_or_default()
    }

    /// Runs `plenary ARGS...` with the clock stopped at `now`.
    fn run_at(&self, now: &str, args: &[&str]) -> Run {
        let output = Command::cargo_bin("plenary")
            .expect("binary")
            .args(args)
            .current_dir(self.dir.path())
            .env("PLENARY_NOW", now)
            .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
            // Wide enough for every column; the narrow tables have their
            // own tests.
            .env("COLUMNS", "250")
            .output()
            .expect("runs");
        Run::of(output)
    }

    /// `plenary actions WS` at `APRIL_1_EVENING` with `COLUMNS` set to
    /// `columns` (or unset), which must succeed.
    fn table_in(&self, columns: Option<&str>) -> String {
        let mut command = Command::cargo_bin("plenary").expect("binary");
        command
            .args(["actions", self.root(), "--status", "all"])
            .env("PLENARY_NOW", APRIL_1_EVENING)
            .env_remove("COLUMNS");
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        let run = Run::of(command.output().expect("runs"));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        run.stdout
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_at(AGREED, args)
    }

    /// Runs and expects success; gives stdout.
    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code,
            Some(0),
            "{args:?}\nstdout: {}\nstderr: {}",
            run.stdout,
            run.stderr
        );
        run.stdout
    }

    /// `plenary actions WS ARGS...` at `now`, which must succeed.
    #[track_caller]
    fn list_at(&self, now: &str, args: &[&str]) -> String {
        let mut all = vec!["actions", self.root()];
        all.extend(args);
        let run = self.run_at(now, &all);
        assert_eq!(run.code, Some(0), "{all:?}\n{}", run.stderr);
        run.stdout
    }

    /// `plenary action WS WORDS...` (split on spaces).
    fn action(&self, words: &str) -> Run {
        let mut args = vec!["action", self.root()];
        args.extend(words.split_whitespace());
        self.run(&args)
    }

    /// The ids in a CSV list.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        let mut all = args.to_vec();
        all.extend(["--format", "csv"]);
        let text = self.list_at(APRIL_1_EVENING, &all);
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("a CSV row")[0].to_owned())
            .collect()
    }
}

/// The table line of the item `id`.
#[track_caller]
fn line_of<'a>(table: &'a str, id: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no line for {id} in\n{table}"))
}

#[test]
fn the_table_lists_open_items_by_due_date_with_the_owners_end_of_day() {
    let ws = Workspace::with_actions();
    let table = ws.list_at(APRIL_1_EVENING, &[]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 7, "header, five items, summary:\n{table}");
    for column in [
        "ID",
        "STATUS",
        "DUE",
        "ENDS (UTC)",
        "OWNER'S ZONE",
        "OWNER",
        "ITEM",
        "TEXT",
    ] {
        assert!(lines[0].contains(column), "{column} in {}", lines[0]);
    }
    let order: Vec<&str> = lines[1..6]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        [
            "2027-03-steering/3",
            "2027-03-steering/1",
            "2027-03-steering/2",
            "2027-06-general-assembly/1",
            "2027-09-steering/1"
        ],
        "by due date, then id"
    );

    let auckland = line_of(&table, "2027-03-steering/1");
    for part in [
        "open OVERDUE",
        "2027-04-01  2027-04-01 11:00",
        "Pacific/Auckland",
        "auckland",
        "budget-2027",
        "Circulate the revised seed-grant call",
    ] {
        assert!(auckland.contains(part), "`{part}` in {auckland}");
    }
    let ubc = line_of(&table, "2027-03-steering/2");
    assert!(
        !ubc.contains("OVERDUE"),
        "not yet midnight in Vancouver: {ubc}"
    );
    for part in [
        "2027-04-01  2027-04-02 07:00",
        "America/Vancouver",
        "ubc (Dr. Liam Chen)",
    ] {
        assert!(ubc.contains(part), "`{part}` in {ubc}");
    }
    assert!(line_of(&table, "2027-03-steering/3").contains("open OVERDUE"));
    let iisc = line_of(&table, "2027-09-steering/1");
    assert!(
        iisc.contains("2027-10-31 18:30") && iisc.contains("Asia/Kolkata"),
        "{iisc}"
    );
    assert!(
        lines[6].starts_with("5 action items, 2 overdue, at 2027-04-01 20:00 UTC."),
        "{}",
        lines[6]
    );

    // Before anything is due: no marker.
    assert!(!ws.list_at(AGREED, &[]).contains("OVERDUE"));
    // Nothing to list is still a success, and says so.
    let none = ws.list_at(AGREED, &["--status", "done"]);
    assert_eq!(
        none,
        "No action items match, 0 overdue, at 2027-03-10 15:00 UTC.\n"
    );
}

#[test]
fn the_table_fits_80_and_100_columns() {
    let ws = Workspace::with_actions();
    let full = ws.table_in(Some("250"));
    assert!(full.lines().any(|l| l.chars().count() > 100), "{full}");
    for (columns, header, left_out) in [
        (
            "80",
            ["ID", "STATUS", "DUE", "OWNER", "TEXT"].as_slice(),
            "ITEM, OWNER'S ZONE, ENDS (UTC) left out to fit 80 columns; --format csv has every column.",
        ),
        (
            "100",
            &["ID", "STATUS", "DUE", "OWNER", "TEXT"],
            "ITEM, OWNER'S ZONE, ENDS (UTC) left out to fit 100 columns; --format csv has every column.",
        ),
        (
            "120",
            &["ID", "STATUS", "DUE", "ENDS (UTC)", "OWNER", "TEXT"],
            "ITEM, OWNER'S ZONE left out to fit 120 columns; --format csv has every column.",
        ),
    ] {
        let table = ws.table_in(Some(columns));
        let width: usize = columns.parse().unwrap();
        let lines: Vec<&str> = table.lines().collect();
        for line in &lines {
            assert!(
                line.chars().count() <= width,
                "{columns}: {line}
{table}"
            );
        }
        assert_eq!(
            lines[0]
                .split("  ")
                .filter(|c| !c.is_empty())
                .map(str::trim)
                .collect::<Vec<_>>(),
            header,
            "{table}"
        );
        let notes = lines[6..].join(" ");
        assert!(notes.starts_with("5 action items, 2 overdue"), "{table}");
        assert!(notes.ends_with(left_out), "{table}");
        // Every item keeps its id, status and due date; long text is cut.
        let ubc = line_of(&table, "2027-03-steering/2");
        assert!(
            ubc.contains("open  ") && ubc.contains("2027-04-01"),
            "{ubc}"
        );
        if columns != "120" {
            assert!(table.contains('…'), "{table}");
        }
    }
    // More room shows more of the text.
    let wider = ws.table_in(Some("100"));
    assert!(
        line_of(&wider, "2027-03-steering/1").len()
            > line_of(&ws.table_in(Some("80")), "2027-03-steering/1").len(),
        "{wider}"
    );
    // Piped, without COLUMNS: as in an 80-column terminal.
    assert_eq!(ws.table_in(None), ws.table_in(Some("80")));
}

/// Runs Taskwarrior's `task ARGS...` on the data in `dir` (its own
/// `TASKRC` and `TASKDATA`, never the user's), which must succeed.
#[track_caller]
fn task(dir: &std::path::Path, args: &[&str]) -> String {
    let output = std::process::Command::new("task")
        .args(["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off"])
        .args(args)
        .env("TASKRC", dir.join("taskrc"))
        .env("TASKDATA", dir.join("data"))
        .output()
        .expect("task runs");
    assert!(
        output.status.success(),
        "task {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn taskwarrior_imports_the_list() {
    if std::process::Command::new("task")
        .arg("--version")
        .output()
        .is_err()
    {
        // CI installs taskwarrior (.ci/run); a machine without it skips.
        println!("note: `task` (taskwarrior) is not installed; skipping the import test");
        return;
    }
    let ws = Workspace::with_actions();
    ws.action("2027-03-steering/3 done");
    ws.action("2027-09-steering/1 drop");
    let json = ws.list_at(
        APRIL_1_EVENING,
        &["--format", "taskwarrior", "--status", "all"],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("data")).expect("data dir");
    std::fs::write(
        dir.path().join("taskrc"),
        format!(
            "data.location={}\nuda.plenaryowner.type=string\nuda.plenarymeeting.type=string\nuda.plenaryid.type=string\nuda.plenarybody.type=string\n",
            dir.path().join("data").display()
        ),
    )
    .expect("taskrc");
    let file = dir.path().join("actions.json");
    std::fs::write(&file, &json).expect("json");
    task(dir.path(), &["import", file.to_str().expect("utf-8 path")]);
    // Importing again updates the same tasks (stable UUIDs): still five.
    task(dir.path(), &["import", file.to_str().expect("utf-8 path")]);
    let exported: Vec<serde_json::Value> =
        serde_json::from_str(&task(dir.path(), &["export"])).expect("task export is JSON");
    assert_eq!(exported.len(), 5, "{exported:#?}");
    let by_id = |id: &str| {
        exported
            .iter()
            .find(|t| t["plenaryid"] == id)
            .unwrap_or_else(|| panic!("{id} in {exported:#?}"))
    };
    let auckland = by_id("2027-03-steering/1");
    assert_eq!(auckland["status"], "pending");
    assert_eq!(
        auckland["due"], "20270401T110000Z",
        "the end of 1 April in Auckland, in UTC"
    );
    assert_eq!(
        auckland["description"],
        "Circulate the revised seed-grant call"
    );
    assert_eq!(auckland["plenaryowner"], "auckland");
    assert_eq!(auckland["plenarymeeting"], STEERING);
    assert_eq!(auckland["project"], "gcra.steering");
    let mut tags: Vec<&str> = auckland["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, [STEERING, "auckland", "plenary"]);
    let done = by_id("2027-03-steering/3");
    assert_eq!(done["status"], "completed");
    assert_eq!(done["end"], "20270310T150000Z", "when it was marked done");
    assert_eq!(by_id("2027-09-steering/1")["status"], "deleted");
    // Taskwarrior's own filters see the tags.
    let pending = task(
        dir.path(),
        &["+plenary", "+auckland", "status:pending", "count"],
    );
    assert_eq!(pending.trim(), "1");
}

#[test]
fn csv_has_a_header_and_one_row_per_item() {
    let ws = Workspace::with_actions();
    let text = ws.list_at(APRIL_1_EVENING, &["--format", "csv", "--status", "all"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 5);
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).expect("row of id");

    let ubc = row("2027-03-steering/2");
    assert_eq!(
        ubc.iter().collect::<Vec<_>>(),
        [
            "2027-03-steering/2",
            "open",
            "false",
            "ubc",
            "Dr. Liam Chen",
            "2027-04-01",
            "2027-04-02T07:00:00Z",
            "America/Vancouver",
            "2027-03-steering",
            "steering",
            "budget-2027",
            "Draft the data-sharing annex"
        ]
    );
    let auckland = row("2027-03-steering/1");
    assert_eq!(
        (&auckland[2], &auckland[6]),
        ("true", "2027-04-01T11:00:00Z")
    );
    let uct = row("2027-06-general-assembly/1");
    assert_eq!(
        &uct[11], "Report, with figures, on the \"exchange\" programme",
        "quoting round-trips"
    );
    assert_eq!((&uct[4], &uct[9], &uct[10]), ("", "general-assembly", ""));
}

#[test]
fn json_is_an_array_of_items_with_due_at_and_overdue() {
    let ws = Workspace::with_actions();
    ws.action("2027-03-steering/2 note annex drafted , due 2027-04-08");
    let text = ws.list_at(APRIL_1_EVENING, &["--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
    assert_eq!(items.len(), 5);
    let auckland = &items[1];
    assert_eq!(auckland["id"], "2027-03-steering/1");
    assert_eq!(auckland["owner"], "auckland");
    assert_eq!(auckland["delegate"], serde_json::Value::Null);
    assert_eq!(auckland["due"], "2027-04-01");
    assert_eq!(auckland["timezone"], "Pacific/Auckland");
    assert_eq!(auckland["due_at"], "2027-04-01T11:00:00Z");
    assert_eq!(auckland["overdue"], true);
    assert_eq!(auckland["status"], "open");
    assert_eq!(auckland["meeting"], STEERING);
    assert_eq!(auckland["body"], "steering");
    assert_eq!(auckland["item"], "budget-2027");
    assert_eq!(auckland["created"], AGREED);
    assert_eq!(auckland["created_by"], "Dr. Sophie Vandenberghe");

    let ubc = items
        .iter()
        .find(|i| i["id"] == "2027-03-steering/2")
        .expect("ubc's item");
    assert_eq!(ubc["due"], "2027-04-08");
    assert_eq!(ubc["delegate"], "Dr. Liam Chen");
    assert_eq!(ubc["overdue"], false);
    assert_eq!(
        ubc["history"],
        serde_json::json!([{
            "at": AGREED,
            "by": "Dr. Sophie Vandenberghe",
            "what": "action 2027-03-steering/2: due 2027-04-08, note: annex drafted"
        }])
    );
}

#[test]
fn ics_has_one_vtodo_per_item_with_due_in_utc_and_status() {
    let ws = Workspace::with_actions();
    ws.action("2027-03-steering/3 done");
    ws.action("2027-09-steering/1 drop");
    let text = ws.list_at(APRIL_1_EVENING, &["--format", "ics", "--status", "all"]);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "unfolded line: {line}");
    }
    let calendar: Calendar = text.parse().expect("an iCalendar parser accepts it");
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    let todos: Vec<_> = calendar.todos().collect();
    assert_eq!(todos.len(), 5);
    let expected = [
        (
            "2027-03-steering.3",
            "2027-03-31T22:00:00Z",
            TodoStatus::Completed,
            "Prepare the GA programme",
        ),
        (
            "2027-03-steering.1",
            "2027-04-01T11:00:00Z",
            TodoStatus::NeedsAction,
            "Circulate the revised seed-grant call",
        ),
        (
            "2027-03-steering.2",
            "2027-04-02T07:00:00Z",
            TodoStatus::NeedsAction,
            "Draft the data-sharing annex",
        ),
        (
            "2027-06-general-assembly.1",
            "2027-07-15T22:00:00Z",
            TodoStatus::NeedsAction,
            "Report, with figures, on the \"exchange\" programme",
        ),
        (
            "2027-09-steering.1",
            "2027-10-31T18:30:00Z",
            TodoStatus::Cancelled,
            "Prepare the 2028 calendar",
        ),
    ];
    for (todo, (uid, due, status, summary)) in todos.iter().zip(expected) {
        assert_eq!(todo.get_uid(), Some(format!("{uid}@gcra.plenary").as_str()));
        let due = DatePerhapsTime::DateTime(CalendarDateTime::Utc(due.parse().expect("instant")));
        assert_eq!(todo.get_due(), Some(due), "{uid}");
        assert_eq!(todo.get_status(), Some(status), "{uid}");
        assert_eq!(todo.get_summary(), Some(summary), "{uid}");
        assert_eq!(
            todo.get_timestamp(),
            Some(APRIL_1_EVENING.parse().expect("instant"))
        );
    }
    let auckland = todos[1];
    let description = auckland.get_description().expect("description");
    assert!(
        description.contains("due 2027-04-01, end of day in Pacific/Auckland"),
        "{description}"
    );
    assert!(
        description.contains("University of Auckland (auckland)"),
        "{description}"
    );
    assert!(description.contains("item budget-2027"), "{description}");
    assert_eq!(
        auckland.property_value("RELATED-TO"),
        Some("2027-03-steering@gcra.plenary")
    );
    assert_eq!(
        auckland.get_categories(),
        Some(vec![STEERING.to_owned(), "steering".to_owned()])
    );
    let ubc = todos[2].get_description().expect("description");
    assert!(
        ubc.contains("Dr. Liam Chen") && ubc.contains("end of day in America/Vancouver"),
        "{ubc}"
    );
    assert_eq!(todos[0].get_sequence(), Some(1), "one update so far");
    // Done: when it was marked done, in UTC; the others were never done.
    assert_eq!(
        todos[0].property_value("COMPLETED"),
        Some("20270310T150000Z")
    );
    for todo in &todos[1..] {
        assert_eq!(
            todo.property_value("COMPLETED"),
            None,
            "{:?}",
            todo.get_uid()
        );
    }
}

#[test]
fn filters_by_status_owner_body_and_overdue() {
    let ws = Workspace::with_actions();
    ws.action("2027-03-steering/3 done");
    ws.action("2027-06-general-assembly/1 drop");
    let ids = |args: &[&str]| ws.ids(args);
    assert_eq!(
        ids(&[]),
        [
            "2027-03-steering/1",
            "2027-03-steering/2",
            "2027-09-steering/1"
        ]
    );
    assert_eq!(ids(&["--status", "open"]), ids(&[]));
    assert_eq!(ids(&["--status", "done"]), ["2027-03-steering/3"]);
    assert_eq!(
        ids(&["--status", "dropped"]),
        ["2027-06-general-assembly/1"]
    );
    assert_eq!(ids(&["--status", "all"]).len(), 5);
    assert_eq!(ids(&["--owner", "ubc"]), ["2027-03-steering/2"]);
    assert_eq!(ids(&["--owner", "columbia"]), Vec::<String>::new());
    assert_eq!(ids(&["--body", "general-assembly"]), Vec::<String>::new());
    assert_eq!(
        ids(&["--body", "general-assembly", "--status", "all"]),
        ["2027-06-general-assembly/1"]
    );
    assert_eq!(
        ids(&["--body", "steering", "--owner", "iisc"]),
        ["2027-09-steering/1"]
    );
    // eth's item is overdue too, but done.
    assert_eq!(ids(&["--overdue"]), ["2027-03-steering/1"]);
    assert_eq!(
        ids(&["--overdue", "--status", "all"]),
        ["2027-03-steering/1"]
    );

    // Names the charter does not know are errors, not empty lists.
    let run = ws.run(&["actions", ws.root(), "--owner", "harvard"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("no member `harvard`"), "{}", run.stderr);
    let run = ws.run(&["actions", ws.root(), "--body", "board"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("no body `board`"), "{}", run.stderr);
    for usage in [&["--status", "late"][..], &["--format", "xlsx"]] {
        let mut args = vec!["actions", ws.root()];
        args.extend(usage);
        assert_eq!(ws.run(&args).code, Some(2), "{usage:?}");
    }
}

#[test]
fn each_change_is_printed_once_it_is_on_disk() {
    let ws = Workspace::with_actions();
    let cases = [
        (
            "2027-03-steering/1 done",
            "#1 action 2027-03-steering/1: done",
        ),
        (
            "2027-03-steering/1 reopen",
            "#2 action 2027-03-steering/1: open",
        ),
        (
            "2027-03-steering/3 drop",
            "#3 action 2027-03-steering/3: dropped",
        ),
        (
            "2027-03-steering/2 due 2027-04-15",
            "#4 action 2027-03-steering/2: due 2027-04-15",
        ),
        (
            "2027-03-steering/1 assign eth/Dr. Anna Keller",
            "#5 action 2027-03-steering/1: owner eth, delegate Dr. Anna Keller",
        ),
        (
            "2027-03-steering/2 note the annex went to legal",
            "#6 action 2027-03-steering/2: note: the annex went to legal",
        ),
    ];
    for (words, first_line) in cases {
        let run = ws.action(words);
        assert_eq!(run.code, Some(0), "{words}: {}", run.stderr);
        assert_eq!(run.stdout.lines().next(), Some(first_line), "{words}");
        let seq = first_line
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_start_matches('#');
        let on_disk = std::fs::read_to_string(ws.register()).expect("register journal");
        assert_eq!(
            on_disk.lines().count().to_string(),
            seq,
            "the line is there when it is printed"
        );
    }
    // The second line says where the item stands, due time included.
    let run = ws.action("2027-03-steering/1 assign auckland");
    assert_eq!(
        run.stdout,
        "#7 action 2027-03-steering/1: owner auckland\n  now open, owner auckland, due 2027-04-01 (ends 2027-04-01 11:00 UTC, Pacific/Auckland)\n"
    );
    let json = ws.list_at(AGREED, &["--format", "json", "--status", "all"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    let item = |id: &str| items.iter().find(|i| i["id"] == id).expect("item").clone();
    assert_eq!(item("2027-03-steering/3")["status"], "dropped");
    assert_eq!(item("2027-03-steering/2")["due"], "2027-04-15");
    assert_eq!(
        item("2027-03-steering/1")["history"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );

    // `--by` names who recorded it; several changes chain into one line.
    let run = ws.run(&[
        "action",
        "--by",
        "Prof. Lukas Baumann",
        ws.root(),
        "2027-03-steering/2",
        "due",
        "2027-04-20",
        ",",
        "note",
        "waiting",
        "for",
        "legal",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("#8 action 2027-03-steering/2: due 2027-04-20, note: waiting for legal\n")
    );
    let last = std::fs::read_to_string(ws.register()).expect("journal");
    assert!(
        last.lines()
            .last()
            .is_some_and(|l| l.contains("\"by\":\"Prof. Lukas Baumann\"")),
        "{last}"
    );
}

#[test]
fn refused_changes_exit_1_and_write_nothing() {
    let ws = Workspace::with_actions();
    assert_eq!(ws.action("2027-03-steering/1 done").code, Some(0));
    let before = ws.register_bytes();
    let cases = [
        (
            "2027-03-steering/9 done",
            "there is no action item `2027-03-steering/9`",
        ),
        ("2027-03-steering/1 assign harvard", "harvard"),
        (
            "2027-03-steering/1 assign uct/Dr. Anna Keller",
            "Dr. Anna Keller",
        ),
        (
            "2027-03-steering/1 due 2027-04-31",
            "`2027-04-31` is not a due date: April 2027 has no day 31 (it has 30 days)",
        ),
        (
            "2027-03-steering/1 due next-week",
            "`next-week` is not a due date: write it YYYY-MM-DD",
        ),
        ("2027-03-steering/1 done", "nothing to change"),
        ("2027-03-steering/2 due 2027-04-01", "nothing to change"),
        ("2027-03-steering/1 finish", "unknown change `finish`"),
        ("2027-03-steering/1 done , drop", "only once"),
        ("2027-03-steering/1 note", "usage: note TEXT"),
    ];
    for (words, message) in cases {
        let run = ws.action(words);
        assert_eq!(run.code, Some(1), "{words}: {}", run.stdout);
        assert!(run.stderr.contains(message), "{words}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{words}: {}", run.stdout);
        assert_eq!(ws.register_bytes(), before, "{words} wrote nothing");
    }
    // Missing words are usage errors.
    for args in [
        vec!["action", ws.root()],
        vec!["action", ws.root(), "2027-03-steering/1"],
    ] {
        let run = ws.run(&args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    }
    assert_eq!(ws.run(&["action"]).code, Some(2));
    assert_eq!(ws.register_bytes(), before);
}

#[test]
fn the_workspace_may_be_left_out_inside_it() {
    let ws = Workspace::with_actions();
    // current_dir is the workspace: the first word is the id.
    let run = ws.run(&["action", "2027-03-steering/1", "done"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("#1 action 2027-03-steering/1: done"));
    let run = ws.run(&["actions", "--status", "done", "--format", "csv"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
}

#[test]
fn output_files_are_written_atomically_and_never_overwritten_without_force() {
    let ws = Workspace::with_actions();
    let path = ws.dir.path().join("minutes/actions.ics");
    let target = path.to_str().expect("utf-8");
    let out = ws.ok(&["actions", ws.root(), "--format", "ics", "-o", target]);
    assert_eq!(out.trim(), target);
    let first = std::fs::read(&path).expect("written");
    assert!(String::from_utf8_lossy(&first).starts_with("BEGIN:VCALENDAR"));

    ws.action("2027-03-steering/1 done");
    let run = ws.run(&["actions", ws.root(), "--format", "ics", "-o", target]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert_eq!(
        std::fs::read(&path).expect("kept"),
        first,
        "untouched without --force"
    );
    ws.ok(&[
        "actions",
        ws.root(),
        "--format",
        "ics",
        "-o",
        target,
        "--force",
    ]);
    assert_ne!(std::fs::read(&path).expect("replaced"), first);
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn check_passes_after_updates_and_catches_a_tampered_register() {
    let ws = Workspace::with_actions();
    ws.action("2027-03-steering/1 done");
    ws.action("2027-03-steering/2 assign usp");
    ws.action("2027-03-steering/3 due 2027-05-01 , note after the GA");
    let run = ws.run(&["check", ws.root()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("all valid"), "{}", run.stdout);

    // Someone marks the first item dropped instead of done by hand.
    let text = std::fs::read_to_string(ws.register()).expect("journal");
    let tampered = text.replacen("\"status\":\"done\"", "\"status\":\"dropped\"", 1);
    assert_ne!(tampered, text, "the journal names the status as expected");
    std::fs::write(ws.register(), tampered).expect("tamper");
    let run = ws.run(&["check", ws.root()]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stderr.contains("_register.jsonl"), "{}", run.stderr);
    // The list refuses to show a register it cannot trust.
    let run = ws.run(&["actions", ws.root()]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.is_empty());
}
