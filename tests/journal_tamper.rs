//! Tampering with a meeting journal is caught (SPEC 3): by the library
//! (`Journal::read`, `verify`) and by `plenary check`, which exits 1 and
//! names the first bad line as `records/<meeting>.jsonl:N:1: ...`.
//!
//! Every test records six events into a private copy of the example
//! workspace (seven lines: the first append writes the `terms` event
//! first), changes the files the way a careless or dishonest editor
//! would, and looks at what is reported. A torn last line (a crash while
//! writing) is not tampering: it is reported, the events before it are
//! kept, and the next `plenary record` sets it aside.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use plenary::meeting::{Event, Journal, JournalError, Meeting, Record, hash_line, verify};
use plenary::vote::decision::Choice;
use plenary::workspace::Workspace;

const MEETING: &str = "2027-03-steering";

/// How many lines [`Recorded`] writes: the `terms` event (line 1), then
/// present eth, ceps, uct, open minutes, the motion and eth's vote.
const LINES: usize = 7;

/// A private copy of the example workspace with six events recorded, one
/// `record` call each (so the head names the last line), after the terms
/// the first call writes.
struct Recorded {
    dir: tempfile::TempDir,
}

impl Recorded {
    fn new() -> Self {
        let dir = common::example_copy();
        let ws = Workspace::load(dir.path()).unwrap();
        let meeting = Meeting::new(&ws, ws.agenda(MEETING).unwrap()).unwrap();
        let at = "2027-03-10T14:00:00Z".parse().unwrap();
        let member = |m: &str| m.to_owned();
        let events = [
            Event::Present {
                member: member("eth"),
                delegate: None,
            },
            Event::Present {
                member: member("ceps"),
                delegate: None,
            },
            Event::Present {
                member: member("uct"),
                delegate: None,
            },
            Event::ItemOpened {
                item: "minutes".into(),
            },
            Event::Motion {
                item: "minutes".into(),
                text: "Approve the February minutes".into(),
            },
            Event::Vote {
                item: "minutes".into(),
                member: member("eth"),
                choice: Choice::Yes,
                change: false,
            },
        ];
        for event in events {
            meeting.record("Secretary", at, vec![event]).unwrap();
        }
        let records = Journal::for_meeting(dir.path(), MEETING)
            .read()
            .unwrap()
            .records;
        assert_eq!(records.len(), LINES);
        assert!(matches!(records[0].event, Event::Terms { .. }));
        Self { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn journal_path(&self) -> PathBuf {
        self.root().join(format!("records/{MEETING}.jsonl"))
    }

    fn head_path(&self) -> PathBuf {
        self.root().join(format!("records/{MEETING}.head"))
    }

    fn journal(&self) -> Journal {
        Journal::for_meeting(self.root(), MEETING)
    }

    /// The journal's lines, each with its newline.
    fn lines(&self) -> Vec<Vec<u8>> {
        std::fs::read(self.journal_path())
            .unwrap()
            .split_inclusive(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    }

    fn write_lines(&self, lines: &[Vec<u8>]) {
        std::fs::write(self.journal_path(), lines.concat()).unwrap();
    }

    /// What the library says, which must be an error.
    #[track_caller]
    fn library_error(&self) -> JournalError {
        self.journal()
            .read()
            .expect_err("the tampered journal must not verify")
    }

    /// Runs `plenary ARGS...`; returns (exit code, stdout, stderr).
    fn plenary(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .env("PLENARY_NOW", "2027-03-10T15:00:00Z")
            .env("PLENARY_BY", "Secretary")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// `plenary check` fails with exit 1; returns its first problem with
    /// the workspace folder cut off, e.g. `records/...jsonl:4:1: ...`.
    #[track_caller]
    fn check_fails(&self) -> String {
        let root = self.root().to_str().unwrap();
        let (code, stdout, stderr) = self.plenary(&["check", root]);
        assert_eq!(code, Some(1), "check should fail; stderr:\n{stderr}");
        assert_eq!(stdout, "");
        let first = stderr.lines().next().unwrap_or_default();
        first
            .strip_prefix(&format!("{root}/"))
            .unwrap_or_else(|| panic!("a problem in the workspace: {stderr}"))
            .to_owned()
    }

    #[track_caller]
    fn check_passes(&self) {
        let (code, stdout, stderr) = self.plenary(&["check", self.root().to_str().unwrap()]);
        assert_eq!(code, Some(0), "check should pass; stderr:\n{stderr}");
        assert!(stdout.contains("all valid"), "{stdout}");
    }
}

const JOURNAL: &str = "records/2027-03-steering.jsonl";

#[test]
fn an_untouched_journal_verifies() {
    let r = Recorded::new();
    let contents = r.journal().read().unwrap();
    assert_eq!(contents.records.len(), LINES);
    assert_eq!(contents.torn, None);
    r.check_passes();
}

#[test]
fn a_flipped_byte_in_a_middle_line_breaks_the_chain() {
    let r = Recorded::new();
    let mut lines = r.lines();
    // Line 4 records `present uct`; `u` ^ 1 is `t`: still valid JSON.
    let at = lines[3].windows(5).position(|w| w == b"\"uct\"").unwrap() + 1;
    lines[3][at] ^= 1;
    r.write_lines(&lines);

    let e = r.library_error();
    assert!(matches!(e, JournalError::Chain { line: 5, .. }), "{e}");
    assert_eq!(e.line(), Some(4), "reported on the changed line");
    assert_eq!(
        r.check_fails(),
        format!(
            "{JOURNAL}:4:1: the hash chain is broken: line 4 was changed after it was recorded (line 5 no longer chains to it)"
        )
    );
}

#[test]
fn a_flipped_byte_that_breaks_the_json_is_reported_on_its_line() {
    let r = Recorded::new();
    let mut lines = r.lines();
    lines[3][0] ^= 1; // `{` becomes `z`
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(matches!(e, JournalError::Corrupt { line: 4, .. }), "{e}");
    let first = r.check_fails();
    assert!(
        first.starts_with(&format!("{JOURNAL}:4:1: not a journal record: ")),
        "{first}"
    );
}

#[test]
fn a_deleted_middle_line_breaks_the_sequence() {
    let r = Recorded::new();
    let mut lines = r.lines();
    lines.remove(2);
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(
        matches!(
            e,
            JournalError::Sequence {
                line: 3,
                expected: 3,
                found: 4,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        r.check_fails(),
        format!(
            "{JOURNAL}:3:8: sequence number 4 where 3 was expected (a line was removed, added or moved)"
        )
    );
}

#[test]
fn a_swapped_pair_of_lines_is_caught() {
    let r = Recorded::new();
    let mut lines = r.lines();
    lines.swap(2, 3);
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(
        matches!(
            e,
            JournalError::Sequence {
                line: 3,
                found: 4,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        r.check_fails()
            .starts_with(&format!("{JOURNAL}:3:8: sequence number 4 where 3"))
    );
}

#[test]
fn a_swapped_and_renumbered_pair_still_breaks_the_chain() {
    let r = Recorded::new();
    let mut lines = r.lines();
    lines.swap(2, 3);
    let renumber = |line: &[u8], seq: u8| -> Vec<u8> {
        let text = String::from_utf8(line.to_vec()).unwrap();
        let rest = text.split_once(',').unwrap().1;
        format!("{{\"seq\":{seq},{rest}").into_bytes()
    };
    lines[2] = renumber(&lines[2], 3);
    lines[3] = renumber(&lines[3], 4);
    r.write_lines(&lines);
    let e = r.library_error();
    // Line 3 no longer chains to line 2, and line 4 no longer chains to
    // line 3: line 2 is as recorded, line 3 is the one that changed.
    assert!(
        matches!(
            e,
            JournalError::Chain {
                line: 3,
                changed: 3,
                ..
            }
        ),
        "{e}"
    );
    let first = r.check_fails();
    let column = prev_column(&lines[2]);
    assert!(
        first.starts_with(&format!(
            "{JOURNAL}:3:{column}: the hash chain is broken: line 3 was changed"
        )),
        "{first}"
    );
}

/// The 1-based column of the value of `"prev":` in a journal line.
fn prev_column(line: &[u8]) -> usize {
    let text = String::from_utf8_lossy(line);
    text.find("\"prev\":").unwrap() + "\"prev\":".len() + 1
}

#[test]
fn an_edited_prev_field_is_blamed_on_its_own_line() {
    let r = Recorded::new();
    let mut lines = r.lines();
    // Line 4's `prev` (the hash of line 3) gets one digit changed.
    let text = String::from_utf8(lines[3].clone()).unwrap();
    // `prev_column` is 1-based and points at the opening quote: as a
    // 0-based index it is the first hex digit.
    let at = prev_column(&lines[3]);
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    lines[3] = bytes;
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(
        matches!(
            e,
            JournalError::Chain {
                line: 4,
                changed: 4,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.line(), Some(4), "not line 3, which is as recorded");
    let first = r.check_fails();
    assert!(
        first.starts_with(&format!(
            "{JOURNAL}:4:{}: the hash chain is broken: line 4 was changed",
            prev_column(&lines[3])
        )),
        "{first}"
    );

    // The same edit on the last line is caught too, and blamed on it.
    let r = Recorded::new();
    let mut lines = r.lines();
    let last = LINES - 1;
    let at = prev_column(&lines[last]);
    lines[last][at] = if lines[last][at] == b'0' { b'1' } else { b'0' };
    r.write_lines(&lines);
    let e = r.library_error();
    assert_eq!(e.line(), Some(LINES), "{e}");
}

#[test]
fn an_edited_last_line_is_caught_by_the_head() {
    let r = Recorded::new();
    let mut lines = r.lines();
    let text = String::from_utf8(lines[LINES - 1].clone()).unwrap();
    assert!(text.contains("\"choice\":\"yes\""), "{text}");
    lines[LINES - 1] = text
        .replace("\"choice\":\"yes\"", "\"choice\":\"no\"")
        .into_bytes();
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(matches!(e, JournalError::Head { .. }), "{e}");
    assert_eq!(e.line(), Some(7));
    assert_eq!(
        r.check_fails(),
        format!("{JOURNAL}:7:1: line 7, the last committed one, was changed after it was recorded")
    );
}

#[test]
fn a_deleted_last_line_is_caught_by_the_head() {
    let r = Recorded::new();
    let mut lines = r.lines();
    lines.pop();
    r.write_lines(&lines);
    let e = r.library_error();
    assert!(matches!(e, JournalError::Head { .. }), "{e}");
    assert_eq!(
        r.check_fails(),
        format!(
            "{JOURNAL}:6:1: 7 events were recorded but the journal ends after 6: lines were removed from its end"
        )
    );
}

#[test]
fn a_deleted_head_is_caught() {
    let r = Recorded::new();
    std::fs::remove_file(r.head_path()).unwrap();
    let e = r.library_error();
    assert!(matches!(e, JournalError::Head { .. }), "{e}");
    let first = r.check_fails();
    assert!(first.starts_with(&format!("{JOURNAL}:1:1: ")), "{first}");
    assert!(
        first.contains("2027-03-steering.head is missing"),
        "{first}"
    );
}

#[test]
fn a_deleted_journal_is_caught_by_its_head() {
    let r = Recorded::new();
    std::fs::remove_file(r.journal_path()).unwrap();
    let e = r.library_error();
    assert!(matches!(e, JournalError::Head { .. }), "{e}");
    let first = r.check_fails();
    assert!(
        first.contains("7 events were recorded but the journal ends after 0"),
        "{first}"
    );
}

#[test]
fn a_torn_last_line_is_reported_and_set_aside_by_the_next_record() {
    let r = Recorded::new();
    let intact = std::fs::read(r.journal_path()).unwrap();
    // Half of an eighth line, as a crash in the middle of a write leaves it.
    let fragment = br#"{"seq":8,"at":"2027-03-10T14:05:00Z","by":"Secretary","prev":"ab"#;
    std::fs::write(r.journal_path(), [intact.as_slice(), fragment].concat()).unwrap();

    // The library keeps the seven events and names the torn line.
    let contents = r.journal().read().unwrap();
    assert_eq!(contents.records.len(), LINES);
    let torn = contents.torn.expect("a torn tail");
    assert_eq!((torn.line, torn.bytes), (8, fragment.len()));
    let bytes = std::fs::read(r.journal_path()).unwrap();
    assert_eq!(
        verify(&r.journal_path(), &bytes).unwrap().records.len(),
        LINES
    );

    // `plenary check` notes it on its line, and passes: it is exactly what
    // a crash between writing a line and moving the head leaves.
    let root = r.root().to_str().unwrap();
    let (code, stdout, stderr) = r.plenary(&["check", root]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("all valid"), "{stdout}");
    let note = stderr.lines().next().unwrap_or_default();
    assert!(
        note.starts_with(&format!(
            "{root}/{JOURNAL}:8:1: note: line 8 ({} bytes) lies beyond the commit point",
            fragment.len()
        )),
        "{stderr}"
    );
    assert!(note.contains("never acknowledged, not counted"), "{note}");

    // The next record sets the fragment aside and goes on from line 8.
    let (code, stdout, stderr) =
        r.plenary(&["record", root, MEETING, "note", "after", "the", "crash"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "#8 note on minutes: after the crash\n");
    let torn_file = std::fs::read(r.root().join(format!("records/{MEETING}.torn"))).unwrap();
    let (header, set_aside) =
        torn_file.split_at(torn_file.iter().position(|b| *b == b'\n').unwrap() + 1);
    assert!(
        header.starts_with(
            format!(
                "# plenary set aside bytes 0..{} beyond line 7 ",
                fragment.len()
            )
            .as_bytes()
        ),
        "{}",
        String::from_utf8_lossy(header)
    );
    assert_eq!(set_aside, [fragment.as_slice(), b"\n"].concat());
    let after = std::fs::read(r.journal_path()).unwrap();
    assert!(after.starts_with(&intact), "the intact lines are untouched");
    let contents = r.journal().read().unwrap();
    assert_eq!(contents.records.len(), LINES + 1);
    assert_eq!(contents.torn, None);
    r.check_passes();
}

#[test]
fn verify_on_bytes_names_the_first_bad_line() {
    let r = Recorded::new();
    let path = r.journal_path();
    let good = std::fs::read(&path).unwrap();
    assert_eq!(verify(&path, &good).unwrap().records.len(), LINES);
    assert_eq!(verify(&path, b"").unwrap().records.len(), 0);
    // A foreign line appended at the end does not chain.
    let foreign = br#"{"seq":8,"at":"2027-03-10T14:05:00Z","by":"x","prev":"0000000000000000000000000000000000000000000000000000000000000000","event":"meeting-closed"}"#;
    let forged = [good.as_slice(), foreign, b"\n"].concat();
    let e = verify(&path, &forged).unwrap_err();
    assert!(matches!(e, JournalError::Chain { line: 8, .. }), "{e}");
    // A blank line is not a record.
    let blank = [good.as_slice(), b"\n"].concat();
    let e = verify(&path, &blank).unwrap_err();
    assert!(matches!(e, JournalError::Corrupt { line: 8, .. }), "{e}");
}

#[test]
fn a_journal_without_an_agenda_is_reported() {
    let r = Recorded::new();
    std::fs::copy(
        r.journal_path(),
        r.root().join("records/2027-12-steering.jsonl"),
    )
    .unwrap();
    assert_eq!(
        r.check_fails(),
        "records/2027-12-steering.jsonl:1:1: this journal has no agenda: its meeting's <meeting-id>.toml is missing"
    );
}

#[test]
fn a_journal_that_does_not_fit_its_agenda_is_reported_at_the_event() {
    // The same valid chain under another meeting, whose agenda (edited here)
    // has no item `minutes`: the chain verifies, the replay does not, and
    // its first event, the terms of the March meeting, is blamed.
    let r = Recorded::new();
    let agenda = r.root().join("2027-09-steering.toml");
    let text = std::fs::read_to_string(&agenda).unwrap();
    std::fs::write(
        &agenda,
        text.replace("id = \"minutes\"", "id = \"previous-minutes\""),
    )
    .unwrap();
    let other = r.root().join("records/2027-09-steering.jsonl");
    let other_head = r.root().join("records/2027-09-steering.head");
    std::fs::copy(r.journal_path(), &other).unwrap();
    std::fs::copy(r.head_path(), &other_head).unwrap();
    let first = r.check_fails();
    assert!(
        first.starts_with(
            "records/2027-09-steering.jsonl:1:1: this event does not fit the agenda and charter: these terms are those of meeting `2027-03-steering`"
        ),
        "{first}"
    );

    // Without the terms, as a journal written before terms were frozen is
    // replayed under today's files: the first event that names the
    // missing item is blamed, `open minutes` on line 4.
    let mut prev = plenary::meeting::GENESIS.to_owned();
    let mut bytes = Vec::new();
    for (seq, line) in (1..).zip(&r.lines()[1..]) {
        let mut record: Record = serde_json::from_slice(line).unwrap();
        (record.seq, record.prev) = (seq, prev);
        let line = serde_json::to_vec(&record).unwrap();
        prev = hash_line(&line);
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    std::fs::write(&other, &bytes).unwrap();
    std::fs::write(&other_head, format!("{} {prev}\n", LINES - 1)).unwrap();
    let records = Journal::for_meeting(r.root(), "2027-09-steering")
        .read()
        .unwrap()
        .records;
    assert!(matches!(
        &records[3].event,
        Event::ItemOpened { item } if item == "minutes"
    ));
    let first = r.check_fails();
    assert!(
        first.starts_with("records/2027-09-steering.jsonl:4:")
            && first.contains("this event does not fit the agenda and charter"),
        "{first}"
    );
}
