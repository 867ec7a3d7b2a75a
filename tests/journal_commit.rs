//! The head is the commit point (SPEC 3, issue 12 findings 2, 3, 4 and 9):
//! lines beyond `records/<m>.head` were never acknowledged, so they are
//! never replayed or exported, `plenary check` notes them without failing,
//! and the next append moves them to `records/<m>.torn`. A command that
//! fails changes no file at all.
//!
//! Every test runs the real binary on a private copy of the example.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Run;
use plenary::meeting::{Event, Journal, Record, hash_line, verify};
use plenary::vote::decision::Choice;

const MEETING: &str = "2027-03-steering";
const NOW: &str = "2027-03-10T15:00:00Z";

struct Ws {
    dir: tempfile::TempDir,
}

impl Ws {
    fn new() -> Self {
        Self {
            dir: common::example_copy(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.root().join("records").join(name)
    }

    fn journal(&self) -> Journal {
        Journal::for_meeting(self.root(), MEETING)
    }

    fn plenary(&self, args: &[&str]) -> Run {
        Run::of(
            Command::new(env!("CARGO_BIN_EXE_plenary"))
                .args(args)
                .env("PLENARY_NOW", NOW)
                .env("PLENARY_BY", "Secretary")
                .output()
                .unwrap(),
        )
    }

    #[track_caller]
    fn record(&self, words: &str) -> Run {
        let mut args = vec!["record", self.root().to_str().unwrap(), MEETING];
        args.extend(words.split(' '));
        let run = self.plenary(&args);
        assert_eq!(run.code, Some(0), "record {words}: {}", run.stderr);
        run
    }

    fn minutes(&self) -> Run {
        self.plenary(&[
            "minutes",
            self.root().to_str().unwrap(),
            MEETING,
            "--format",
            "json",
            "-o",
            "-",
        ])
    }

    fn check(&self) -> Run {
        self.plenary(&["check", self.root().to_str().unwrap()])
    }

    /// Every file under `records/` with its bytes.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        if let Ok(entries) = std::fs::read_dir(self.root().join("records")) {
            for entry in entries {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                files.insert(name, std::fs::read(entry.path()).unwrap_or_default());
            }
        }
        files
    }

    fn append(&self, bytes: &[u8]) {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .append(true)
            .open(self.journal().path())
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }
}

/// Well-formed lines that chain onto the journal's end, as anyone with a
/// text editor and `sha256sum` could write them, without touching the head.
fn forge(journal: &Journal, events: Vec<Event>) -> Vec<u8> {
    let bytes = std::fs::read(journal.path()).unwrap();
    let contents = verify(journal.path(), &bytes).unwrap();
    let mut prev = contents.last_hash().to_owned();
    let first = contents.records.len() as u64 + 1;
    let mut out = Vec::new();
    for (seq, event) in (first..).zip(events) {
        let record = Record {
            seq,
            at: NOW.parse().unwrap(),
            by: "Secretary".into(),
            prev: prev.clone(),
            event,
        };
        let line = serde_json::to_vec(&record).unwrap();
        prev = hash_line(&line);
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    out
}

/// The blocks of a `.torn` file: (header line, bytes set aside).
fn torn_blocks(journal: &Journal) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(journal.torn_path()).unwrap();
    let mut blocks: Vec<(String, Vec<u8>)> = Vec::new();
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(text) if text.starts_with("# plenary set aside bytes ") => {
                blocks.push((text.trim_end().to_owned(), Vec::new()));
            }
            _ => blocks
                .last_mut()
                .expect("a header first")
                .1
                .extend_from_slice(line),
        }
    }
    blocks
}

fn change(member: &str) -> Event {
    Event::Vote {
        item: "budget-2027".into(),
        member: member.into(),
        choice: Choice::Yes,
        change: true,
    }
}

/// How many events [`failed_budget`] commits: the `terms` event the first
/// append writes (seq 1), 5 present, open, motion and 5 votes.
const COMMITTED: usize = 13;

/// A budget vote that fails its two-thirds rule: 3 yes against 4 no, in
/// [`COMMITTED`] events.
fn failed_budget() -> Ws {
    let ws = Ws::new();
    ws.record("present eth ceps uct iisc usp");
    ws.record("open budget-2027 , motion budget-2027 Approve the revised 2027 budget");
    ws.record("vote budget-2027 eth=no ceps=yes uct=yes iisc=yes usp=no");
    let records = ws.journal().read().unwrap().records;
    assert_eq!(records.len(), COMMITTED);
    assert!(matches!(records[0].event, Event::Terms { .. }));
    ws
}

#[test]
fn forged_lines_beyond_the_head_are_never_counted() {
    let ws = failed_budget();
    let honest = ws.minutes();
    assert_eq!(honest.code, Some(0), "{}", honest.stderr);
    let head = std::fs::read(ws.journal().head_path()).unwrap();

    // Three vote changes that would carry the budget, chained correctly.
    let forged = forge(
        &ws.journal(),
        vec![
            change("eth"),
            change("usp"),
            Event::ItemClosed {
                item: "budget-2027".into(),
                outcome: None,
            },
        ],
    );
    ws.append(&forged);
    let bytes = std::fs::read(ws.journal().path()).unwrap();
    assert_eq!(
        verify(ws.journal().path(), &bytes).unwrap().records.len(),
        COMMITTED + 3,
        "the forgery chains: only the head tells it apart"
    );

    // Not replayed: the library, the minutes and the register see 13.
    let contents = ws.journal().read().unwrap();
    assert_eq!(contents.records.len(), COMMITTED);
    let tail = contents.torn.clone().expect("the forged lines");
    assert_eq!((tail.line, tail.lines, tail.bytes), (14, 3, forged.len()));
    let after = ws.minutes();
    assert_eq!(after.code, Some(0), "{}", after.stderr);
    assert_eq!(after.stdout, honest.stdout, "the minutes are unchanged");

    // `check` passes and notes the three lines.
    let check = ws.check();
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    let root = ws.root().display();
    assert!(
        check.stderr.starts_with(&format!(
            "{root}/records/{MEETING}.jsonl:14:1: note: lines 14-16 (3 lines, {} bytes) lie beyond the commit point",
            forged.len()
        )),
        "{}",
        check.stderr
    );

    // The next record sets them aside and goes on from line 14.
    let run = ws.record("note the forgery was set aside");
    assert_eq!(
        run.stdout,
        "#14 note on budget-2027: the forgery was set aside\n"
    );
    let blocks = torn_blocks(&ws.journal());
    assert_eq!(blocks.len(), 1);
    assert!(
        blocks[0].0.starts_with(&format!(
            "# plenary set aside bytes 0..{} beyond line 13 (sha256 ",
            forged.len()
        )),
        "{}",
        blocks[0].0
    );
    assert_eq!(blocks[0].1, forged);
    let contents = ws.journal().read().unwrap();
    assert_eq!(
        (contents.records.len(), contents.torn),
        (COMMITTED + 1, None)
    );
    assert_ne!(std::fs::read(ws.journal().head_path()).unwrap(), head);
    let check = ws.check();
    assert_eq!((check.code, check.stderr.as_str()), (Some(0), ""));
}

#[test]
fn a_chain_cut_short_is_not_kept_at_all() {
    let ws = failed_budget();
    let before = std::fs::read(ws.journal().path()).unwrap();
    // What a kill during a multi-page write leaves: some whole lines of an
    // unacknowledged chain, then half of one.
    let chain = forge(
        &ws.journal(),
        (0..40)
            .map(|i| Event::Note {
                item: Some("budget-2027".into()),
                text: format!("note {i} {}", "x".repeat(200)),
            })
            .collect(),
    );
    let cut = chain.len() / 2 + 17;
    ws.append(&chain[..cut]);
    let contents = ws.journal().read().unwrap();
    assert_eq!(
        contents.records.len(),
        COMMITTED,
        "none of the chain is committed"
    );
    let kept_whole = chain[..cut].iter().filter(|b| **b == b'\n').count();
    assert!(kept_whole >= 15, "{kept_whole}");
    assert_eq!(contents.torn.unwrap().lines, kept_whole + 1);

    ws.record("note after the crash");
    let journal = std::fs::read(ws.journal().path()).unwrap();
    assert!(journal.starts_with(&before));
    assert_eq!(
        journal[before.len()..]
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        1
    );
    let blocks = torn_blocks(&ws.journal());
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].1, [&chain[..cut], b"\n"].concat());
    let contents = ws.journal().read().unwrap();
    assert!(
        contents
            .records
            .iter()
            .all(|r| !r.event.describe().contains("note 0 ")),
        "no event of the cut chain is in the journal"
    );
}

#[test]
fn a_refused_record_changes_no_file() {
    let ws = failed_budget();
    // A crash's leftovers, which only a successful append clears.
    ws.append(b"{\"seq\":14,\"at\":\"2027-");
    std::fs::write(ws.file(".plenary-leftover.tmp"), "x").unwrap();
    let before = ws.snapshot();
    for words in [
        "vote budget-2027 columbia yes",
        "vote budget-2027 eth=yes",
        "open minutes",
        "frobnicate",
        // No-ops are refused too, before anything is set aside.
        "present eth",
        "change budget-2027 ceps yes",
    ] {
        let mut args = vec!["record", ws.root().to_str().unwrap(), MEETING];
        args.extend(words.split(' '));
        let run = ws.plenary(&args);
        assert_eq!(run.code, Some(1), "{words}: {}", run.stderr);
        assert_eq!(ws.snapshot(), before, "`{words}` changed a file");
    }
    assert!(!ws.journal().torn_path().exists());
}

#[test]
fn a_committed_line_that_lost_its_newline_is_refused_untouched() {
    let ws = failed_budget();
    let path = ws.journal().path().to_owned();
    let mut bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.pop(), Some(b'\n'));
    std::fs::write(&path, &bytes).unwrap();
    let before = ws.snapshot();

    let e = ws.journal().read().unwrap_err();
    assert_eq!(e.line(), Some(COMMITTED), "{e}");
    let mut args = vec!["record", ws.root().to_str().unwrap(), MEETING];
    args.extend(["note", "hello"]);
    let run = ws.plenary(&args);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!(
            "{MEETING}.jsonl:13:1: line 13, the last committed one, has lost its final newline"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(ws.snapshot(), before, "nothing moved, nothing truncated");
    let check = ws.check();
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert!(
        check.stderr.contains("lost its final newline"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_repair_killed_after_writing_the_torn_file_is_not_repeated() {
    let ws = failed_budget();
    let committed = std::fs::read(ws.journal().path()).unwrap();
    let fragment = b"{\"seq\":14,\"at\":\"2027-03-10T15:00:00Z\",\"by\":\"Secretary\"";
    ws.append(fragment);
    ws.record("note after the repair");
    let repaired = std::fs::read(ws.journal().torn_path()).unwrap();
    // As if that repair had been killed after writing `.torn` and before
    // cutting the journal: the fragment is beyond the head again.
    let head = std::fs::read(ws.journal().head_path()).unwrap();
    let after = std::fs::read(ws.journal().path()).unwrap();
    std::fs::write(
        ws.journal().path(),
        [committed.as_slice(), fragment].concat(),
    )
    .unwrap();
    std::fs::write(
        ws.journal().head_path(),
        format!("{COMMITTED} {}\n", ws_last_hash(&committed)),
    )
    .unwrap();
    ws.record("note after the repair");
    assert_eq!(
        std::fs::read(ws.journal().torn_path()).unwrap(),
        repaired,
        "the fragment is in .torn once"
    );
    assert_eq!(std::fs::read(ws.journal().path()).unwrap(), after);
    assert_eq!(std::fs::read(ws.journal().head_path()).unwrap(), head);

    // And when bytes were added after the cut-short repair, only those
    // join `.torn`.
    std::fs::write(
        ws.journal().path(),
        [committed.as_slice(), fragment, b",\"prev\":\"more"].concat(),
    )
    .unwrap();
    std::fs::write(
        ws.journal().head_path(),
        format!("{COMMITTED} {}\n", ws_last_hash(&committed)),
    )
    .unwrap();
    std::fs::write(ws.journal().torn_path(), &repaired).unwrap();
    ws.record("note after the repair");
    let blocks = torn_blocks(&ws.journal());
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].1, [fragment.as_slice(), b"\n"].concat());
    assert!(
        blocks[1].0.contains(&format!("bytes {}..", fragment.len())),
        "{}",
        blocks[1].0
    );
    assert_eq!(blocks[1].1, b",\"prev\":\"more\n");
}

/// The hash of the last line of journal bytes.
fn ws_last_hash(bytes: &[u8]) -> String {
    let last = bytes[..bytes.len() - 1]
        .rsplit(|b| *b == b'\n')
        .next()
        .unwrap();
    hash_line(last)
}

#[test]
fn stale_temporary_files_are_noted_then_removed_by_the_next_writer() {
    let ws = failed_budget();
    let stale = ws.file(".plenary-AbC123.tmp");
    std::fs::write(&stale, "12 0000").unwrap();
    let check = ws.check();
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains(".plenary-AbC123.tmp:1:1: note: a temporary file left by a crash"),
        "{}",
        check.stderr
    );
    ws.record("note tidy");
    assert!(!stale.exists());
    assert_eq!(ws.check().stderr, "");
}

#[test]
fn records_get_a_gitattributes_that_stops_line_ending_conversion() {
    let ws = Ws::new();
    ws.record("present eth");
    let attributes = std::fs::read_to_string(ws.file(".gitattributes")).unwrap();
    assert!(attributes.lines().any(|l| l == "* -text"), "{attributes}");
    // A file of the user's is never replaced.
    std::fs::write(ws.file(".gitattributes"), "*.jsonl -text\n").unwrap();
    ws.record("present uct");
    assert_eq!(
        std::fs::read_to_string(ws.file(".gitattributes")).unwrap(),
        "*.jsonl -text\n"
    );
}

#[test]
fn a_crlf_converted_journal_is_recognised_with_the_fix() {
    let ws = failed_budget();
    let path = ws.journal().path().to_owned();
    let lf = std::fs::read(&path).unwrap();
    let crlf = String::from_utf8(lf.clone()).unwrap().replace('\n', "\r\n");
    std::fs::write(&path, &crlf).unwrap();
    // `lines` drops the `\r\n`; the carriage return is the column after.
    // Columns count characters, and the first line, the terms, holds
    // non-ASCII names ("São Paulo"), so bytes would be wrong here.
    let first_line = crlf.lines().next().unwrap();
    assert!(
        first_line.chars().count() < first_line.len(),
        "{first_line}"
    );

    let check = ws.check();
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    let headline = check.stderr.lines().next().unwrap();
    assert!(
        headline.starts_with(&format!(
            "{}:1:{}: this line ends in a carriage return (CRLF)",
            path.display(),
            first_line.chars().count() + 1
        )),
        "{headline}"
    );
    assert!(headline.contains("core.autocrlf"), "{headline}");
    assert!(headline.contains("sed -i 's/\\r$//'"), "{headline}");
    assert!(headline.contains("* -text"), "{headline}");
    let run = ws.minutes();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("carriage return"), "{}", run.stderr);

    // The fix the message gives restores the chain exactly.
    std::fs::write(&path, crlf.replace("\r\n", "\n")).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), lf);
    assert_eq!(ws.check().code, Some(0));
}

#[test]
fn journal_errors_name_path_line_and_column() {
    let ws = failed_budget();
    let path = ws.journal().path().to_owned();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // Line 5 loses its closing brace.
    let damaged = lines[4].trim_end_matches('}').to_owned();
    lines[4] = &damaged;
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let pattern = format!("{}:5:", path.display());
    let minutes = ws.minutes();
    let mut args = vec!["record", ws.root().to_str().unwrap(), MEETING];
    args.extend(["note", "x"]);
    let record = ws.plenary(&args);
    let actions = ws.plenary(&["actions", ws.root().to_str().unwrap()]);
    for (name, run) in [
        ("minutes", minutes),
        ("record", record),
        ("actions", actions),
    ] {
        assert_eq!(run.code, Some(1), "{name}");
        let at = run
            .stderr
            .find(&pattern)
            .unwrap_or_else(|| panic!("{name}: {}", run.stderr));
        let column: String = run.stderr[at + pattern.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert!(
            column.parse::<usize>().unwrap() > 1,
            "{name}: no column in {}",
            run.stderr
        );
    }
}
