//! `plenary init`: a new workspace that passes `plenary check`, whose
//! `records/.gitattributes` is what the journal itself writes, and which is
//! never written over an existing one.

mod common;

use std::path::Path;
use std::process::Command;

use common::Run;

fn plenary(dir: &Path, args: &[&str]) -> Run {
    Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .current_dir(dir)
            .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
            .env("PLENARY_BY", "Secretary Name")
            .output()
            .unwrap(),
    )
}

#[test]
fn a_new_workspace_passes_check_and_records() {
    let parent = tempfile::tempdir().unwrap();
    let run = plenary(parent.path(), &["init", "alliance"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().take(4).collect::<Vec<_>>(),
        [
            "alliance/charter.toml",
            "alliance/first-meeting.toml",
            "alliance/records/.gitattributes",
            "alliance/.gitignore"
        ]
    );
    assert!(
        run.stdout.contains("plenary check alliance"),
        "{}",
        run.stdout
    );
    let root = parent.path().join("alliance");
    let charter = std::fs::read_to_string(root.join("charter.toml")).unwrap();
    assert!(
        charter
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 10
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some(".plenary/")
    );
    let check = plenary(parent.path(), &["check", "alliance"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert_eq!(
        check.stdout,
        "alliance: My Alliance (my-alliance): 1 member, 1 body, 1 agenda: all valid\n"
    );
    // The journal's own .gitattributes is the same bytes: record into a
    // second workspace that has no records/ yet and compare.
    let initialised = std::fs::read(root.join("records/.gitattributes")).unwrap();
    let other = parent.path().join("other");
    std::fs::create_dir(&other).unwrap();
    for file in ["charter.toml", "first-meeting.toml"] {
        std::fs::copy(root.join(file), other.join(file)).unwrap();
    }
    let record = plenary(
        &other,
        &["record", ".", "first-meeting", "present", "first-member"],
    );
    assert_eq!(record.code, Some(0), "{}", record.stderr);
    assert_eq!(
        std::fs::read(other.join("records/.gitattributes")).unwrap(),
        initialised
    );
    // And the initialised workspace records as well.
    let record = plenary(
        &root,
        &["record", ".", "first-meeting", "present", "first-member"],
    );
    assert_eq!(record.code, Some(0), "{}", record.stderr);
}

#[test]
fn an_existing_workspace_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(plenary(dir.path(), &["init"]).code, Some(0));
    std::fs::write(dir.path().join("charter.toml"), "# mine\n").unwrap();
    let run = plenary(dir.path(), &["init"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("already holds a workspace (charter.toml); nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("charter.toml")).unwrap(),
        "# mine\n"
    );

    // No charter, but one of the files: refused too, nothing written.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join(".gitignore"), "target/\n").unwrap();
    let run = plenary(other.path(), &["init"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .contains(".gitignore already exists; nothing was written"),
        "{}",
        run.stderr
    );
    assert!(!other.path().join("charter.toml").exists());
    assert_eq!(
        std::fs::read_to_string(other.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
}

#[test]
fn the_example_is_written_from_the_binary() {
    let parent = tempfile::tempdir().unwrap();
    let run = plenary(parent.path(), &["init", "--example", "demo"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let check = plenary(parent.path(), &["check", "demo"]);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check
            .stdout
            .ends_with("14 members, 3 bodies, 4 agendas: all valid\n"),
        "{}",
        check.stdout
    );
    assert_eq!(
        std::fs::read(parent.path().join("demo/charter.toml")).unwrap(),
        std::fs::read(common::example().join("charter.toml")).unwrap()
    );
}
