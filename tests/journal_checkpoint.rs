//! `plenary record` goes on from the meeting's checkpoint in `.plenary/`
//! (issue 13; docs/recording.md, "Checkpoints"), and whatever is done to
//! the checkpoint or the journal behind plenary's back, what is recorded
//! and what `plenary check` says are as without one.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, example_copy, record_as};

const MEETING: &str = "2027-03-steering";

fn plenary(args: &[&str]) -> Run {
    Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
            .env("PLENARY_BY", "Secretary")
            .output()
            .expect("plenary runs"),
    )
}

fn checkpoint(root: &Path) -> std::path::PathBuf {
    root.join(".plenary").join(format!("{MEETING}.checkpoint"))
}

#[track_caller]
fn check_passes(root: &Path) {
    let run = plenary(&["check", root.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_recording_leaves_a_checkpoint_that_git_ignores() {
    let dir = example_copy();
    record_as(
        dir.path(),
        MEETING,
        "Secretary",
        "present eth ceps uct iisc unsw",
    );
    assert!(checkpoint(dir.path()).is_file());
    let ignore = std::fs::read_to_string(dir.path().join(".plenary/.gitignore")).unwrap();
    assert_eq!(ignore, "*\n");
    // Git, when it is there, sees the records and not the checkpoint.
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
    };
    if git(&["init", "-q"]).is_ok_and(|o| o.status.success()) {
        let status = git(&["status", "--porcelain", "--untracked-files=all"]).unwrap();
        let status = String::from_utf8_lossy(&status.stdout);
        assert!(status.contains("records/"), "{status}");
        assert!(!status.contains(".plenary"), "{status}");
    }
    check_passes(dir.path());
}

#[test]
fn records_restored_from_an_older_copy_are_gone_on_from_correctly() {
    let dir = example_copy();
    let root = dir.path();
    record_as(root, MEETING, "Secretary", "present eth ceps uct iisc unsw");
    let old = tempfile::tempdir().unwrap();
    for name in [".jsonl", ".head"] {
        let file = format!("{MEETING}{name}");
        std::fs::copy(root.join("records").join(&file), old.path().join(&file)).unwrap();
    }
    record_as(
        root,
        MEETING,
        "Secretary",
        "open minutes , motion minutes Approve",
    );
    // As `git checkout` of the older records would leave them: the
    // checkpoint is now ahead of the journal.
    for name in [".jsonl", ".head"] {
        let file = format!("{MEETING}{name}");
        std::fs::copy(old.path().join(&file), root.join("records").join(&file)).unwrap();
    }
    let run = plenary(&[
        "record",
        root.to_str().unwrap(),
        MEETING,
        "open",
        "budget-2027",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // Line 7 follows the roll (the terms and five members): the motion on
    // `minutes` and its item are gone with the restore.
    assert_eq!(run.stdout.trim(), "#7 open budget-2027", "{}", run.stdout);
    check_passes(root);
}

#[test]
fn a_checkpoint_replaced_by_a_link_is_neither_read_nor_written_through() {
    let dir = example_copy();
    let root = dir.path();
    record_as(root, MEETING, "Secretary", "present eth ceps uct iisc unsw");
    let target = root.join("elsewhere");
    std::fs::copy(checkpoint(root), &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    std::fs::remove_file(checkpoint(root)).unwrap();
    std::os::unix::fs::symlink(&target, checkpoint(root)).unwrap();
    record_as(root, MEETING, "Secretary", "note Linked");
    record_as(root, MEETING, "Secretary", "note Linked again");
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "not written through"
    );
    check_passes(root);
    let minutes = plenary(&[
        "minutes",
        root.to_str().unwrap(),
        MEETING,
        "--format",
        "md",
        "-o",
        "-",
    ]);
    assert!(
        minutes.stdout.contains("Linked again"),
        "{}",
        minutes.stdout
    );
}
