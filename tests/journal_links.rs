//! Files are what they claim (SPEC 3, issue 12 findings 1 and 7): every
//! file plenary reads or writes in a workspace is a regular file, opened
//! without following a link. A link in `records/` (git stores them, so a
//! shared workspace can carry one) is never written through, nothing is
//! created at its target, `check` reports it; a FIFO or device is refused
//! at once instead of blocking or never ending; `--force` replaces only a
//! regular file.
//!
//! Every test runs the real binary on a private copy of the example, with a
//! time limit, so that a hang fails the test instead of stalling it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Run;

const MEETING: &str = "2027-03-steering";
/// A scheduled meeting nothing is recorded for: `invite` refuses one whose
/// journal has events (docs/recording.md), so invitations are of this one.
const UNSTARTED: &str = "2027-06-general-assembly";

/// Runs `plenary ARGS...`, killing it (and failing) after 20 s.
#[track_caller]
fn plenary(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .env("PLENARY_NOW", "2027-03-10T15:00:00Z")
        .env("PLENARY_BY", "Secretary")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("plenary {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Run::of(child.wait_with_output().unwrap())
}

struct Ws {
    dir: tempfile::TempDir,
    /// Outside the workspace: where links point.
    outside: tempfile::TempDir,
}

impl Ws {
    /// The example with four events recorded: the terms, then three present.
    fn new() -> Self {
        let ws = Self {
            dir: common::example_copy(),
            outside: tempfile::tempdir().unwrap(),
        };
        ws.record_ok("present eth ceps uct");
        ws
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join("records").join(name)
    }

    fn record(&self, words: &str) -> Run {
        let mut args = vec!["record", self.root(), MEETING];
        args.extend(words.split(' '));
        plenary(&args)
    }

    #[track_caller]
    fn record_ok(&self, words: &str) {
        let run = self.record(words);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }

    /// `check` fails and names `path` with `what`.
    #[track_caller]
    fn check_reports(&self, path: &Path, what: &str) {
        let run = plenary(&["check", self.root()]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        let expected = format!("{}:1:1: ", path.display());
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(what)),
            "expected `{expected}… {what}` in:\n{}",
            run.stderr
        );
    }

    /// Replaces `records/NAME` by a link to `target`.
    fn link(&self, name: &str, target: &Path) -> PathBuf {
        let link = self.file(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link).unwrap();
        link
    }

    /// A file outside the workspace, like a shell rc file.
    fn victim(&self, content: &[u8]) -> PathBuf {
        let path = self.outside.path().join("victim");
        std::fs::write(&path, content).unwrap();
        path
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_linked_torn_file_is_never_written_through() {
    let ws = Ws::new();
    // An uncommitted tail, so that the next record would set it aside.
    std::fs::OpenOptions::new()
        .append(true)
        .open(ws.file(&format!("{MEETING}.jsonl")))
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"echo pwned #"))
        .unwrap();
    let victim = ws.victim(b"# my shell rc\n");
    let link = ws.link(&format!("{MEETING}.torn"), &victim);
    let journal = std::fs::read(ws.file(&format!("{MEETING}.jsonl"))).unwrap();

    let run = ws.record("note hello");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), b"# my shell rc\n");
    assert_eq!(
        std::fs::read(ws.file(&format!("{MEETING}.jsonl"))).unwrap(),
        journal,
        "nothing was cut off either"
    );
    ws.check_reports(&link, "is a symbolic link");
}

#[test]
fn a_linked_journal_is_neither_truncated_nor_written() {
    let ws = Ws::new();
    let journal = ws.file(&format!("{MEETING}.jsonl"));
    let mut content = std::fs::read(&journal).unwrap();
    content.extend_from_slice(b"no newline at the end");
    let victim = ws.victim(&content);
    ws.link(&format!("{MEETING}.jsonl"), &victim);

    let run = ws.record("note hello");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), content);
    let run = plenary(&["minutes", ws.root(), MEETING, "-o", "-"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    ws.check_reports(&journal, "is a symbolic link");
}

#[test]
fn a_link_to_a_missing_path_creates_nothing() {
    let ws = Ws::new();
    let missing = ws.outside.path().join("created-by-plenary");
    // The register does not exist yet: a link in its place.
    let link = ws.link("_register.jsonl", &missing);
    let run = plenary(&["action", ws.root(), "2027-03-steering/1", "done"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let run = ws.record("action eth 2027-04-01 Draft the report");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = plenary(&["action", ws.root(), "2027-03-steering/1", "done"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert!(!missing.exists(), "nothing created at the link's target");
    ws.check_reports(&link, "is a symbolic link");
}

#[test]
fn a_linked_head_is_refused_by_every_reader_and_writer() {
    let ws = Ws::new();
    let head = ws.file(&format!("{MEETING}.head"));
    let victim = ws.victim(&std::fs::read(&head).unwrap());
    ws.link(&format!("{MEETING}.head"), &victim);
    let before = std::fs::read(&victim).unwrap();
    let run = ws.record("note hello");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let run = plenary(&["minutes", ws.root(), MEETING, "-o", "-"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    ws.check_reports(&head, "is a symbolic link");
}

#[test]
fn a_linked_register_is_refused() {
    let ws = Ws::new();
    ws.record_ok("action eth 2027-04-01 Draft the report");
    let run = plenary(&["action", ws.root(), "2027-03-steering/1", "done"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let register = ws.file("_register.jsonl");
    let victim = ws.victim(&std::fs::read(&register).unwrap());
    ws.link("_register.jsonl", &victim);
    let before = std::fs::read(&victim).unwrap();
    let run = plenary(&["action", ws.root(), "2027-03-steering/1", "reopen"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let run = plenary(&["actions", ws.root()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    ws.check_reports(&register, "is a symbolic link");
}

#[test]
fn a_linked_records_folder_is_refused() {
    let ws = Ws::new();
    let records = ws.dir.path().join("records");
    let elsewhere = ws.outside.path().join("records");
    std::fs::rename(&records, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &records).unwrap();
    let before = std::fs::read(elsewhere.join(format!("{MEETING}.jsonl"))).unwrap();
    let run = ws.record("note hello");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(elsewhere.join(format!("{MEETING}.jsonl"))).unwrap(),
        before
    );
    ws.check_reports(&records, "is a symbolic link");
}

#[test]
fn linked_charter_and_agenda_files_are_refused() {
    let ws = Ws::new();
    let agenda = ws.dir.path().join("2027-09-steering.toml");
    let moved = ws.outside.path().join("2027-09-steering.toml");
    std::fs::rename(&agenda, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &agenda).unwrap();
    ws.check_reports(&agenda, "symbolic link");
    std::fs::remove_file(&agenda).unwrap();
    std::fs::rename(&moved, &agenda).unwrap();

    let charter = ws.dir.path().join("charter.toml");
    let moved = ws.outside.path().join("charter.toml");
    std::fs::rename(&charter, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &charter).unwrap();
    ws.check_reports(&charter, "symbolic link");
}

#[test]
fn fifos_as_journal_or_head_are_refused_at_once() {
    for name in [format!("{MEETING}.jsonl"), format!("{MEETING}.head")] {
        let ws = Ws::new();
        let path = ws.file(&name);
        std::fs::remove_file(&path).unwrap();
        mkfifo(&path);
        for args in [
            vec!["check", ws.root()],
            vec!["minutes", ws.root(), MEETING, "-o", "-"],
            vec!["actions", ws.root()],
            vec!["record", ws.root(), MEETING, "note", "x"],
        ] {
            let run = plenary(&args);
            assert_eq!(run.code, Some(1), "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains("FIFO"), "{args:?}: {}", run.stderr);
        }
        ws.check_reports(&path, "is a FIFO");
    }
}

#[test]
fn a_fifo_agenda_or_ballot_file_and_dev_zero_are_refused() {
    let ws = Ws::new();
    let agenda = ws.dir.path().join("2027-12-steering.toml");
    mkfifo(&agenda);
    ws.check_reports(&agenda, "is a FIFO");

    let ballots = ws.outside.path().join("ballots.toml");
    mkfifo(&ballots);
    for file in [ballots.to_str().unwrap(), "/dev/zero"] {
        let run = plenary(&["tally", file]);
        assert_eq!(run.code, Some(1), "{file}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("{file}:1:1: cannot read file: is a")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    }
}

/// A device node to aim `--force` at: a private one made with `mknod`
/// when the tests run as root (never the real `/dev/null`, which a broken
/// build running as root would replace), else `/dev/null`, which a user
/// other than root cannot replace anyway.
fn device(dir: &Path) -> PathBuf {
    let node = dir.join("null");
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        node
    } else {
        assert!(
            !Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout == b"0\n"),
            "root can mknod"
        );
        PathBuf::from("/dev/null")
    }
}

#[test]
fn force_never_replaces_a_device_fifo_or_link() {
    let ws = Ws::new();
    let device = device(ws.outside.path());
    let fifo = ws.outside.path().join("fifo");
    mkfifo(&fifo);
    let target = ws.victim(b"keep");
    let link = ws.outside.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for path in [&device, &fifo, &link] {
        for (command, meeting) in [("minutes", MEETING), ("invite", UNSTARTED)] {
            let out = path.to_str().unwrap();
            let run = plenary(&[command, ws.root(), meeting, "-o", out, "--force"]);
            assert_eq!(run.code, Some(1), "{command} -o {out}: {}", run.stderr);
            assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
        }
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        device
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    // A regular file is replaced as before.
    let file = ws.outside.path().join("minutes.md");
    std::fs::write(&file, "old").unwrap();
    let run = plenary(&[
        "minutes",
        ws.root(),
        MEETING,
        "-o",
        file.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_ne!(std::fs::read(&file).unwrap(), b"old");
}
