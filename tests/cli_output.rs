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

const MEETING: &str = "2027-03-steering";

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
    // The events were recorded before the acknowledgement was lost.
    let contents = plenary::meeting::Journal::for_meeting(dir.path(), MEETING)
        .read()
        .unwrap();
    assert_eq!(contents.records.len(), 2);

    for args in [
        vec!["minutes", root, MEETING, "--format", "md", "-o", "-"],
        vec!["minutes", root, MEETING, "--format", "html", "-o", "-"],
        vec!["invite", root, MEETING, "-o", "-"],
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
        "#1 present eth\n#2 action for eth, due 2027-04-01: Draft\n"
    );
    for args in [
        vec![os("minutes"), ws, os(MEETING)],
        vec![os("invite"), ws, os(MEETING)],
        vec![os("action"), ws, os("2027-03-steering/1"), os("done")],
        vec![os("actions"), ws, os("--status"), os("all")],
        vec![os("check"), ws],
    ] {
        let result = run(&args);
        assert_eq!(result.code, Some(0), "{args:?}: {}", result.stderr);
    }
    assert!(root.join(format!("minutes/{MEETING}.md")).is_file());
    assert!(root.join(format!("minutes/{MEETING}.ics")).is_file());
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
