//! What one append and one check cost, as whole processes and in process,
//! next to the floor of a durable write elsewhere (one `sqlite3` insert per
//! process):
//!
//! - `record/process/plenary_{20,10k,100k}`: a fresh `plenary record WS
//!   2027-03-steering note Some text` on a journal of 20, 10,000 and
//!   100,000 events (each run appends one line, so the journal grows by
//!   one event a run; the summary says by how much);
//! - `record/process/sqlite3_full`, `…_full_wal`: a fresh `sqlite3 DB
//!   "PRAGMA synchronous=FULL; INSERT …"` in rollback-journal mode, and
//!   in WAL mode (set once beforehand); skipped without `sqlite3`;
//! - `record/function/append_{20,10k,100k}`: `Meeting::record` of one
//!   note on a loaded workspace, no process start;
//! - `check/process/plenary_10k`: `plenary check WS` with the 10k journal,
//!   next to `check/process/cat_10k` (`cat` of the journal) and
//!   `check/function/read_10k` (`std::fs::read` of it).
//!
//! Every workspace is a copy of the example `agendas/gcra` in the default
//! temporary folder, with a journal generated through the library in one
//! `Meeting::record` call: the roll, then the items in turn, each opened
//! (or reopened) with a motion and every member's vote, changed votes or
//! ballots and notes, then closed; the meeting is never closed. After
//! criterion, the medians of the measured runs and their ratios are
//! printed on lines starting `record:` and `check:`.
//!
//! Run with `cargo bench --bench record`; figures in benches/README.md.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main};
use plenary::agenda::{Item, ItemKind};
use plenary::meeting::{Context, Event, MAX_JOURNAL_BYTES, Meeting};
use plenary::vote::decision::Choice;
use plenary::vote::ranked::Marks;
use plenary::workspace::Workspace;

#[path = "../tests/common/mod.rs"]
mod common;

const MEETING: &str = "2027-03-steering";
const BY: &str = "Dr. Sophie Vandenberghe";
/// The journal sizes, in events (the terms line included), by label.
const SIZES: [(&str, usize); 3] = [("20", 20), ("10k", 10_000), ("100k", 100_000)];
/// Criterion's samples per case: the medians are taken over the runs of
/// its last `SAMPLES` calls, which are the measurement after the warm-up.
const SAMPLES: usize = 20;
/// The choice a vote's mark stands for.
const CHOICES: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];
/// Visits to items in a generated journal of any size, about: each visit
/// lasts longer in a longer journal. A close works its outcome out from a
/// copy of the whole state, so many closes in a long journal would make
/// generating it quadratic.
const VISITS: usize = 70;

/// The events of the generated meeting, on the agenda's items and the
/// body's members; every prefix is valid, and none closes the meeting.
struct Script<'a> {
    items: &'a [Item],
    members: &'a [String],
    events: Vec<Event>,
    /// Exchanges of the debate (a note and a changed vote, ballot or
    /// report) on each visit to an item.
    debate: usize,
    /// Per item, each member's mark: the current choice (an index into
    /// [`CHOICES`]) or ranking (a rotation of the options).
    marks: Vec<Vec<usize>>,
}

impl<'a> Script<'a> {
    /// The first `n` events of the meeting in `ctx`.
    fn events(ctx: &'a Context, n: usize) -> Vec<Event> {
        let members = &ctx.body.members;
        let mut script = Script {
            items: &ctx.agenda.items,
            members,
            // The roll.
            events: members
                .iter()
                .map(|m| Event::Present {
                    member: m.clone(),
                    delegate: None,
                })
                .collect(),
            debate: (n / (2 * VISITS)).max(4),
            marks: vec![(0..members.len()).collect(); ctx.agenda.items.len()],
        };
        let mut visit = 0;
        while script.events.len() < n {
            script.visit(visit);
            visit += 1;
        }
        script.events.truncate(n);
        script.events
    }

    fn visit(&mut self, visit: usize) {
        let at = visit % self.items.len();
        let (item, kind) = (self.items[at].id.clone(), self.items[at].kind);
        let round = visit / self.items.len();
        self.events.push(match round {
            0 => Event::ItemOpened { item: item.clone() },
            _ => Event::Reopen {
                item: item.clone(),
                reason: format!("Taken up again, round {round}"),
            },
        });
        if kind == ItemKind::Decision {
            if round > 0 {
                self.events.push(Event::Withdraw {
                    item: item.clone(),
                    reason: Some("A new text is put".into()),
                });
            }
            self.events.push(Event::Motion {
                item: item.clone(),
                text: format!("Motion {visit}: approve the text as circulated"),
            });
        }
        // A withdrawn motion took its votes along; ballots stand.
        let again = round > 0 && kind == ItemKind::Ranking;
        for k in 0..self.members.len() {
            self.mark(at, k, again);
        }
        for turn in 0..self.debate {
            self.events.push(Event::Note {
                item: Some(item.clone()),
                text: format!("Point {visit}.{turn} raised in the debate"),
            });
            self.mark(at, (turn + visit) % self.members.len(), true);
        }
        self.events.push(Event::ItemClosed {
            item,
            outcome: None,
        });
        // Someone steps out and back between items.
        let member = self.members[visit % self.members.len()].clone();
        self.events.push(Event::Absent {
            member: member.clone(),
        });
        self.events.push(Event::Present {
            member,
            delegate: None,
        });
        self.events.push(Event::Note {
            item: None,
            text: format!("Break after item {visit}"),
        });
    }

    /// Member `k`'s next vote or ballot on item `at`, which differs from
    /// the one before (a report, on an item without either).
    fn mark(&mut self, at: usize, k: usize, change: bool) {
        self.marks[at][k] += 1;
        let mark = self.marks[at][k];
        let (it, member) = (&self.items[at], self.members[k].clone());
        let item = it.id.clone();
        self.events.push(match (it.kind, &it.ranking) {
            (ItemKind::Decision, _) => Event::Vote {
                item,
                member,
                choice: CHOICES[mark % CHOICES.len()],
                change,
            },
            (ItemKind::Ranking, Some(ranking)) => {
                let mut order = ranking.options.clone();
                let turn = mark % order.len();
                order.rotate_left(turn);
                order.truncate(3);
                Event::Ballot {
                    item,
                    member,
                    marks: Marks::Ranking(order),
                    change,
                }
            }
            _ => Event::Note {
                item: Some(item),
                text: format!("{member} reports on the item"),
            },
        });
    }
}

/// A copy of the example with a journal of `n` events on the steering
/// meeting (the library writes the terms first: `n - 1` events are given).
fn workspace(n: usize) -> tempfile::TempDir {
    let dir = common::example_copy();
    let ws = Workspace::load(dir.path()).expect("the example loads");
    let meeting = Meeting::new(&ws, ws.agenda(MEETING).expect("steering")).expect("meeting");
    let at: DateTime<Utc> = "2027-03-10T14:00:00Z".parse().expect("instant");
    let (records, state) = meeting
        .record(BY, at, Script::events(meeting.context(), n - 1))
        .expect("the generated meeting is valid");
    assert_eq!((records.len(), state.events), (n, n as u64));
    assert!(!state.closed);
    dir
}

fn journal(root: &Path) -> PathBuf {
    root.join("records").join(format!("{MEETING}.jsonl"))
}

/// Lines in the journal now.
fn lines(root: &Path) -> usize {
    let bytes = std::fs::read(journal(root)).expect("journal");
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Runs `command`, which must succeed (else the figure is an error path's).
fn run(command: &mut Command) {
    let out = command.stdout(Stdio::null()).output().expect("runs");
    let run = common::Run::of(out);
    assert_eq!(run.code, Some(0), "{command:?} failed: {}", run.stderr);
}

fn plenary(args: &[&str], root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command.arg(args[0]).arg(root).args(&args[1..]);
    command.env("PLENARY_BY", BY);
    command
}

/// The time of each run of a case.
#[derive(Default)]
struct Runs {
    /// Per call of criterion's routine, the time of each of its runs.
    calls: Vec<Vec<Duration>>,
}

impl Runs {
    /// Runs `once` `iters` times, timing each; their sum, for criterion.
    fn time(&mut self, iters: u64, mut once: impl FnMut()) -> Duration {
        let each: Vec<Duration> = (0..iters)
            .map(|_| {
                let started = Instant::now();
                once();
                started.elapsed()
            })
            .collect();
        let total = each.iter().sum();
        self.calls.push(each);
        total
    }

    /// The median run of the measurement, and how many runs it had.
    fn median(&self) -> Option<(Duration, usize)> {
        let from = self.calls.len().saturating_sub(SAMPLES);
        let mut all: Vec<Duration> = self.calls[from..].iter().flatten().copied().collect();
        all.sort_unstable();
        all.get(all.len() / 2).map(|m| (*m, all.len()))
    }
}

/// Every case's runs, by its criterion id (`record/process/plenary_20`).
type Medians = HashMap<String, Runs>;

/// A criterion group whose cases are also timed run by run.
struct Cases<'c, 'm> {
    group: BenchmarkGroup<'c, WallTime>,
    name: &'static str,
    medians: &'m mut Medians,
}

impl<'c, 'm> Cases<'c, 'm> {
    fn new(c: &'c mut Criterion, name: &'static str, medians: &'m mut Medians) -> Self {
        let mut group = c.benchmark_group(name);
        group.sample_size(SAMPLES);
        group.sampling_mode(SamplingMode::Flat);
        // Short: each run of a `record` case adds a line to its journal.
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
        Self {
            group,
            name,
            medians,
        }
    }

    fn case(&mut self, name: &str, mut once: impl FnMut()) {
        let runs = self
            .medians
            .entry(format!("{}/{name}", self.name))
            .or_default();
        self.group
            .bench_function(name, |b| b.iter_custom(|iters| runs.time(iters, &mut once)));
    }
}

/// Whether `sqlite3` runs here.
fn has_sqlite3() -> bool {
    Command::new("sqlite3")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One insert of a row the size of a journal's note line, as the record.
const INSERT: &str = r#"PRAGMA synchronous=FULL; INSERT INTO t(at, by, line) VALUES ('2027-03-10T15:00:00.000Z', 'Dr. Sophie Vandenberghe', '{"seq":20,"at":"2027-03-10T15:00:00.000Z","by":"Dr. Sophie Vandenberghe","prev":"d98a45d5e90b51b3b1045a0d45de4598553274e27199ded212b3d78e0199dd8a","event":"note","text":"Some text"}');"#;

/// `sqlite3 DB INSERT` on a new database `name.db` in `dir`, its table
/// created after `setup`.
fn sqlite(dir: &Path, name: &str, setup: &str) -> Command {
    let db = dir.join(format!("{name}.db"));
    let create = "CREATE TABLE t(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, by TEXT NOT NULL, line TEXT NOT NULL);";
    run(Command::new("sqlite3")
        .arg(&db)
        .arg(format!("{setup}{create}")));
    let mut command = Command::new("sqlite3");
    command.arg(&db).arg(INSERT);
    command
}

/// A case's own generated workspace, and the events its journal began
/// with (each run of the case adds one).
struct Grown {
    case: String,
    events: usize,
    dir: tempfile::TempDir,
}

impl Grown {
    fn new(case: String, events: usize) -> Self {
        let started = Instant::now();
        let dir = workspace(events);
        let bytes = std::fs::metadata(journal(dir.path())).map_or(0, |m| m.len());
        assert!(bytes < MAX_JOURNAL_BYTES, "{events} events: {bytes} bytes");
        println!(
            "record: journal of {events} events for {case}, {:.2} MiB (the reader's limit: {} MiB), generated in {:.2} s",
            bytes as f64 / 1_048_576.0,
            MAX_JOURNAL_BYTES / 1_048_576,
            started.elapsed().as_secs_f64()
        );
        Self { case, events, dir }
    }
}

/// The `record` cases; the workspaces they appended to.
fn record(c: &mut Criterion, medians: &mut Medians) -> Vec<Grown> {
    let mut grown = Vec::new();
    for (label, n) in SIZES {
        grown.push(Grown::new(format!("process/plenary_{label}"), n));
    }
    for (label, n) in SIZES {
        grown.push(Grown::new(format!("function/append_{label}"), n));
    }
    let mut cases = Cases::new(c, "record", medians);
    for process in &grown[..SIZES.len()] {
        let mut command = plenary(
            &["record", MEETING, "note", "Some", "text"],
            process.dir.path(),
        );
        cases.case(&process.case, || run(&mut command));
    }
    // Beside the workspaces, on the same disk.
    let scratch = tempfile::tempdir().expect("temp dir");
    if has_sqlite3() {
        for (name, setup) in [
            ("sqlite3_full", ""),
            ("sqlite3_full_wal", "PRAGMA journal_mode=WAL;"),
        ] {
            let mut command = sqlite(scratch.path(), name, setup);
            cases.case(&format!("process/{name}"), || run(&mut command));
        }
    } else {
        println!("record: sqlite3 is not on PATH; the sqlite3 cases are skipped");
    }
    let note = Event::Note {
        item: None,
        text: "Some text".into(),
    };
    for function in &grown[SIZES.len()..] {
        let ws = Workspace::load(function.dir.path()).expect("loads");
        let meeting = Meeting::new(&ws, ws.agenda(MEETING).expect("steering")).expect("meeting");
        cases.case(&function.case, || {
            meeting
                .record(BY, Utc::now(), vec![note.clone()])
                .expect("appends");
        });
    }
    cases.group.finish();
    grown
}

fn check(c: &mut Criterion, medians: &mut Medians) {
    let dir = workspace(10_000);
    let path = journal(dir.path());
    let mut check = plenary(&["check"], dir.path());
    let first = common::Run::of(check.output().expect("plenary check runs"));
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    println!(
        "check: plenary check of the 10k workspace exits 0, printing {:?} and {:?} on stderr",
        first.stdout.trim(),
        first.stderr.trim()
    );
    let mut cat = Command::new("cat");
    cat.arg(&path);
    let mut cases = Cases::new(c, "check", medians);
    cases.case("process/plenary_10k", || run(&mut check));
    cases.case("process/cat_10k", || run(&mut cat));
    cases.case("function/read_10k", || {
        std::hint::black_box(std::fs::read(&path).expect("reads"));
    });
    cases.group.finish();
}

/// The ratios printed, as (label, numerator, denominator).
const RATIOS: [(&str, &str, &str); 9] = [
    (
        "record: 10k/20",
        "record/process/plenary_10k",
        "record/process/plenary_20",
    ),
    (
        "record: 100k/20",
        "record/process/plenary_100k",
        "record/process/plenary_20",
    ),
    (
        "record: 20/sqlite",
        "record/process/plenary_20",
        "record/process/sqlite3_full",
    ),
    (
        "record: 10k/sqlite",
        "record/process/plenary_10k",
        "record/process/sqlite3_full",
    ),
    (
        "record: 20/sqlite wal",
        "record/process/plenary_20",
        "record/process/sqlite3_full_wal",
    ),
    (
        "record: function 10k/20",
        "record/function/append_10k",
        "record/function/append_20",
    ),
    (
        "record: function 100k/20",
        "record/function/append_100k",
        "record/function/append_20",
    ),
    (
        "check: check 10k / cat",
        "check/process/plenary_10k",
        "check/process/cat_10k",
    ),
    (
        "check: check 10k / read",
        "check/process/plenary_10k",
        "check/function/read_10k",
    ),
];

/// Prints each case's median and the ratios of the medians.
fn summary(medians: &Medians) {
    let mut ids: Vec<&String> = medians.keys().collect();
    ids.sort();
    println!();
    for id in ids {
        if let Some((median, n)) = medians[id].median() {
            let group = id.split('/').next().unwrap_or_default();
            println!(
                "{group}: {id} median {:.3} ms of {n} runs",
                median.as_secs_f64() * 1e3
            );
        }
    }
    let get = |id: &str| medians.get(id).and_then(Runs::median);
    for (label, a, b) in RATIOS {
        if let (Some((a, _)), Some((b, _))) = (get(a), get(b)) {
            println!("{label} = {:.1}", a.as_secs_f64() / b.as_secs_f64());
        }
    }
}

/// Set (to anything) to keep the generated workspaces after the run, for
/// `strace` or `perf` of one command on the same journals.
const KEEP: &str = "PLENARY_BENCH_KEEP";

fn benches(c: &mut Criterion) {
    let mut medians = Medians::new();
    let grown = record(c, &mut medians);
    check(c, &mut medians);
    // `cargo test` (no `--bench`) and `cargo bench -- --test` run each
    // case once, as a smoke test: no medians to speak of.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test") {
        summary(&medians);
    }
    for g in grown {
        println!(
            "record: the journal of record/{} grew from {} to {} events over the run",
            g.case,
            g.events,
            lines(g.dir.path())
        );
        if std::env::var_os(KEEP).is_some() {
            println!("record: kept {}", g.dir.keep().display());
        }
    }
}

criterion_group!(record_benches, benches);
criterion_main!(record_benches);
