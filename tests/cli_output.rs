//! What the commands print, in the awkward cases (issue 12 findings 8, 9):
//! a reader that closes the pipe early ends the command quietly with exit
//! 0 (docs/limits.md); a workspace whose path is not UTF-8 works for every
//! command; the system's error text is printed once.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Run;
use plenary::meeting::{Event, hash_line};

const MEETING: &str = "2027-03-steering";
/// A scheduled meeting nothing is recorded for: `invite` refuses one whose
/// journal has events (docs/recording.md), so invitations are of this one.
const UNSTARTED: &str = "2027-06-general-assembly";

fn plenary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command
        .env("PLENARY_NOW", "2027-03-10T15:00:00Z")
        .env("PLENARY_BY", "Secretary");
    command
}

/// Runs `command` with a stdout whose reader is already gone, as in
/// `plenary ... | head -1` once `head` has its line.
fn with_closed_stdout(mut command: Command) -> Run {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Run::of(
        command
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap(),
    )
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = common::example_copy();
    let root = dir.path().to_str().unwrap();
    let mut record = plenary();
    record.args(["record", root, MEETING, "present", "eth", "uct"]);
    let run = with_closed_stdout(record);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    // The events were recorded before the acknowledgement was lost: the
    // terms the first append writes, then both attendances.
    let contents = plenary::meeting::Journal::for_meeting(dir.path(), MEETING)
        .read()
        .unwrap();
    let events: Vec<_> = contents.records.iter().map(|r| &r.event).collect();
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(matches!(events[0], Event::Terms { .. }), "{events:?}");
    for (event, id) in events[1..].iter().zip(["eth", "uct"]) {
        assert!(
            matches!(event, Event::Present { member, delegate: None } if member == id),
            "{events:?}"
        );
    }

    for args in [
        vec!["minutes", root, MEETING, "--format", "md", "-o", "-"],
        vec!["minutes", root, MEETING, "--format", "html", "-o", "-"],
        vec!["invite", root, UNSTARTED, "-o", "-"],
        vec!["actions", root, "--status", "all"],
        vec!["check", root],
        vec!["tally", "agendas/ballots/priorities-2027.toml"],
        vec!["--help"],
    ] {
        let mut command = plenary();
        command.args(&args).current_dir(env!("CARGO_MANIFEST_DIR"));
        let run = with_closed_stdout(command);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn minutes_piped_into_head_do_not_panic() {
    let dir = common::example_copy();
    let root = dir.path().to_str().unwrap();
    let run = Run::of(
        plenary()
            .args(["record", root, MEETING, "present", "eth"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let script = format!(
        "'{}' minutes '{root}' {MEETING} --format md -o - | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_plenary")
    );
    let run = Run::of(Command::new("bash").args(["-c", &script]).output().unwrap());
    assert!(run.stdout.starts_with("# Minutes: "), "{}", run.stdout);
    assert!(run.stdout.ends_with("status 0\n"), "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

/// The `#1 terms frozen: ...` line the first append to `MEETING` prints:
/// the body's and the agenda's sizes, and the first 12 hex digits of the
/// SHA-256 of the charter and agenda files in `root`.
fn terms_line(root: &Path) -> String {
    let short = |file: &str| hash_line(&std::fs::read(root.join(file)).unwrap())[..12].to_owned();
    format!(
        "#1 terms frozen: 7 members, 7 items, charter {}, agenda {}\n",
        short("charter.toml"),
        short(&format!("{MEETING}.toml"))
    )
}

/// A copy of the example under a folder whose name is not UTF-8.
fn non_utf8_workspace(parent: &Path) -> PathBuf {
    let root = parent.join(OsStr::from_bytes(b"alliance-\xff\xfe"));
    std::fs::create_dir(&root).unwrap();
    let example = common::example_copy();
    for entry in std::fs::read_dir(example.path()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
    }
    root
}

#[test]
fn a_workspace_path_that_is_not_utf8_works_for_every_command() {
    let parent = tempfile::tempdir().unwrap();
    let root = non_utf8_workspace(parent.path());
    let run = |args: &[&OsStr]| Run::of(plenary().args(args).output().unwrap());
    let ws = root.as_os_str();
    let os = |s: &'static str| OsStr::new(s);

    let record = run(&[
        os("record"),
        ws,
        os(MEETING),
        os("present"),
        os("eth"),
        os(","),
        os("action"),
        os("eth"),
        os("2027-04-01"),
        os("Draft"),
    ]);
    assert_eq!(record.code, Some(0), "{}", record.stderr);
    assert_eq!(
        record.stdout,
        format!(
            "{}#2 present eth\n#3 action for eth, due 2027-04-01: Draft\n",
            terms_line(&root)
        )
    );
    for args in [
        vec![os("minutes"), ws, os(MEETING)],
        vec![os("invite"), ws, os(UNSTARTED)],
        vec![os("action"), ws, os("2027-03-steering/1"), os("done")],
        vec![os("actions"), ws, os("--status"), os("all")],
        vec![os("check"), ws],
    ] {
        let result = run(&args);
        assert_eq!(result.code, Some(0), "{args:?}: {}", result.stderr);
    }
    assert!(root.join(format!("minutes/{MEETING}.md")).is_file());
    assert!(root.join(format!("minutes/{UNSTARTED}.ics")).is_file());
    // Event words are still text: a non-UTF-8 one is a usage error.
    let bad = run(&[
        os("record"),
        ws,
        os(MEETING),
        os("note"),
        OsStr::from_bytes(b"\xff"),
    ]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains("is not UTF-8 text"), "{}", bad.stderr);
}

#[test]
fn the_system_error_is_printed_once() {
    let dir = common::example_copy();
    let root = dir.path().to_str().unwrap();
    let file = dir.path().join("charter.toml");
    let output = file.join("minutes.md");
    let run = Run::of(
        plenary()
            .args(["minutes", root, MEETING, "-o", output.to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(run.stderr.matches("(os error").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("plenary: the minutes were not written: cannot write ")
    );
}
