//! End-to-end: the real binary in a real terminal (tmux), driven by keys.

#[path = "common/tmux.rs"]
mod tmux;

use tmux::Tmux;

fn plenary_command(args: &str) -> String {
    format!(
        "env PLENARY_NOW=2027-03-10T14:00:00Z {} {args}; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_plenary")
    )
}

#[test]
fn dashboard_help_and_quit_in_a_real_terminal() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/gcra");
    let tmux = Tmux::start("dashboard", (100, 30), &plenary_command(example));
    let screen = tmux.wait_for("Global Climate Research Alliance (gcra)");
    // UNSW Sydney at 14:00 UTC in March is 01:00 the next day (UTC+11).
    let sydney = screen
        .lines()
        .find(|l| l.contains("UNSW Sydney"))
        .unwrap_or_else(|| panic!("no Sydney row:\n{screen}"));
    assert!(
        sydney.contains("Thu 01:00") && sydney.contains("+11:00"),
        "{sydney}"
    );
    let kolkata = screen
        .lines()
        .find(|l| l.contains("Asia/Kolkata"))
        .expect("Kolkata row");
    assert!(
        kolkata.contains("Wed 19:30") && kolkata.contains("+05:30"),
        "{kolkata}"
    );

    tmux.keys("?");
    // Waits for the help's own text: a capture can land in the middle of
    // a frame being written, so the title alone says nothing of the rest.
    let help = tmux.wait_for("details of the selected row");
    assert!(help.contains("Keys"), "{help}");

    tmux.keys("q");
    let after = tmux.wait_for("EXIT=");
    assert!(after.contains("EXIT=0"), "{after}");
    // The alternate screen is gone: the dashboard is no longer visible.
    assert!(
        !after.contains("Members (14)"),
        "terminal not restored:\n{after}"
    );
}

#[test]
fn a_broken_workspace_prints_errors_instead_of_opening() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("charter.toml"),
        "[alliance]\nid = \"x\"\nname = \"X\"\ntimezone = \"Europe/Zurik\"\n",
    )
    .expect("write charter");
    let tmux = Tmux::start(
        "broken",
        (100, 30),
        &plenary_command(&dir.path().display().to_string()),
    );
    let screen = tmux.wait_for("EXIT=");
    assert!(
        screen.contains(
            "charter.toml:4:12: unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?"
        ),
        "{screen}"
    );
    assert!(screen.contains("EXIT=1"), "{screen}");
}

#[test]
fn a_vote_typed_in_the_meeting_room_is_in_the_journal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/gcra");
    for entry in std::fs::read_dir(example).expect("example") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let command = format!(
        "env PLENARY_NOW=2027-03-10T14:00:00Z PLENARY_BY=tmux-secretary {} {}; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_plenary"),
        dir.path().display()
    );
    let tmux = Tmux::start("meeting", (100, 30), &command);
    tmux.wait_for("Members (14)");
    tmux.keys("3");
    tmux.wait_for("Roll call · 0 of 7 present");
    // The roll call has focus: down to eth, present (#1 is the frozen
    // terms, written with the first event).
    tmux.keys("j");
    tmux.keys("p");
    tmux.wait_for("Recorded #2 present eth");
    // `p` moved the selection on to uct: back up to eth, who votes below.
    tmux.keys("k");
    // The agenda: the first item is the February minutes.
    tmux.keys("Tab");
    tmux.keys("o");
    tmux.wait_for("Recorded #3 open minutes");
    tmux.keys("t");
    tmux.wait_for("Motion on minutes");
    tmux.cmd(&[
        "send-keys",
        "-t",
        "main",
        "-l",
        "Approve the February minutes",
    ])
    .status()
    .expect("send-keys");
    tmux.keys("Enter");
    tmux.wait_for("Recorded #4 motion minutes");
    tmux.keys("Tab");
    tmux.keys("y");
    tmux.wait_for("Recorded #5 vote minutes eth yes");
    // (A capture may land mid-frame: wait for the motion too.)
    tmux.wait_for("Motion: Approve the February minutes");

    let journal = std::fs::read_to_string(dir.path().join("records/2027-03-steering.jsonl"))
        .expect("the journal was written");
    let lines: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let events: Vec<String> = lines
        .iter()
        .map(|v| v["event"].as_str().unwrap_or("?").to_owned())
        .collect();
    assert_eq!(
        events,
        ["terms", "present", "item-opened", "motion", "vote"],
        "{journal}"
    );
    assert_eq!(lines[4]["member"], "eth");
    assert_eq!(lines[4]["choice"], "yes");
    assert_eq!(lines[3]["text"], "Approve the February minutes");
    assert!(
        lines.iter().all(|v| v["by"] == "tmux-secretary"),
        "{journal}"
    );

    tmux.keys("q");
    let after = tmux.wait_for("EXIT=");
    assert!(after.contains("EXIT=0"), "{after}");
}

/// A private copy of the example workspace (charter and agendas).
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/gcra");
    for entry in std::fs::read_dir(example).expect("example") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

#[test]
fn a_paste_into_the_roll_call_records_nothing_in_a_real_terminal() {
    // Issue 12, finding 5: without bracketed paste this text arrived as key
    // presses and recorded 7 events. `paste-buffer -p` brackets the text
    // only when the program asked for bracketed paste, as plenary now does.
    let dir = example_copy();
    let command = format!(
        "env PLENARY_NOW=2027-03-10T14:00:00Z PLENARY_BY=tmux-secretary {} {}; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_plenary"),
        dir.path().display()
    );
    let tmux = Tmux::start("paste", (100, 30), &command);
    tmux.wait_for("Members (14)");
    tmux.keys("3");
    tmux.wait_for("Roll call · 0 of 7 present");
    let paste = |text: &str| {
        let ok = tmux
            .cmd(&["set-buffer", "--", text])
            .status()
            .is_ok_and(|s| s.success())
            && tmux
                .cmd(&["paste-buffer", "-p", "-t", "main"])
                .status()
                .is_ok_and(|s| s.success());
        assert!(ok, "tmux could not paste");
    };
    paste("yes, approved by all present. next: close");
    tmux.wait_for("Paste ignored");
    let journal = dir.path().join("records/2027-03-steering.jsonl");
    assert!(!journal.exists(), "the paste recorded something");

    // Into a note, the same paste is the note's text.
    tmux.keys("N");
    tmux.wait_for("Note");
    paste("yes, approved by all present. next: close");
    tmux.keys("Enter");
    tmux.wait_for("Recorded #2 note");
    let text = std::fs::read_to_string(&journal).expect("the note was written");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    // The terms plenary writes first, then the note, and nothing else.
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["event"], "terms");
    assert_eq!(lines[1]["event"], "note");
    assert_eq!(
        lines[1]["text"],
        "yes, approved by all present. next: close"
    );

    tmux.keys("q");
    let after = tmux.wait_for("EXIT=");
    assert!(after.contains("EXIT=0"), "{after}");
}

/// An installed plenary (a binary outside the repository's `target/`) run
/// outside any workspace opens the example compiled into it, from a
/// temporary folder, says so, and writes nothing into the source tree.
#[test]
fn an_installed_binary_opens_its_own_example_and_writes_no_source_tree() {
    let installed = tempfile::tempdir().expect("temp dir");
    let binary = installed.path().join("plenary");
    std::fs::copy(env!("CARGO_BIN_EXE_plenary"), &binary).expect("copy the binary");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let records = concat!(env!("CARGO_MANIFEST_DIR"), "/agendas/gcra/records");
    let before = listing(records);
    let command = format!(
        "cd {} && env PLENARY_NOW=2027-03-10T14:00:00Z PLENARY_BY=tmux {}; echo EXIT=$?; sleep 60",
        elsewhere.path().display(),
        binary.display()
    );
    let tmux = Tmux::start("installed", (100, 30), &command);
    let screen = tmux.wait_for("The bundled example, in a temporary folder");
    assert!(
        screen.contains("Global Climate Research Alliance"),
        "{screen}"
    );
    // Something is recorded: into the temporary folder, not the repository.
    tmux.keys("3");
    tmux.wait_for("Roll call · 0 of 7 present");
    tmux.keys("j");
    tmux.keys("p");
    tmux.wait_for("Recorded #2 present eth");
    tmux.keys("q");
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("now removed"), "{screen}");
    assert_eq!(
        listing(records),
        before,
        "the source tree's records are as they were"
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("cwd").count(), 0);
}

/// The names and sizes of the files in `folder` (none when it is absent).
fn listing(folder: &str) -> Vec<(String, u64)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(String, u64)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let size = e.metadata().map_or(0, |m| m.len());
            (e.file_name().to_string_lossy().into_owned(), size)
        })
        .collect();
    files.sort();
    files
}
