//! Journal speed (issue 4): replaying a 10,000-event journal (verify the
//! hash chain, then replay under the SPEC 3 rules; target under 20 ms) and
//! appending one event including its fsync (disk-bound: report the median).
//!
//! The journal is generated deterministically with valid events on the
//! example steering meeting: the roll, a motion on `budget-2027`, every
//! member's vote, then changed votes, notes and re-confirmed attendance.
//!
//! Run with `cargo bench --bench journal`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plenary::meeting::{Event, GENESIS, Meeting, MeetingState, Record, hash_line, verify};
use plenary::vote::decision::Choice;
use plenary::workspace::Workspace;

const MEETING: &str = "2027-03-steering";
const MEMBERS: [&str; 7] = ["eth", "ceps", "uct", "iisc", "unsw", "usp", "columbia"];
const ITEM: &str = "budget-2027";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra")
}

/// The `i`-th event of the generated meeting; every prefix is valid.
fn event(i: usize) -> Event {
    let member = |k: usize| MEMBERS[k % MEMBERS.len()].to_owned();
    let choice = |k: usize| [Choice::Yes, Choice::No, Choice::Abstain][k % 3];
    match i {
        0..7 => Event::Present { member: member(i), delegate: None, },
        7 => Event::ItemOpened { item: ITEM.into() },
        8 => Event::Motion {
            item: ITEM.into(),
            text: "Raise the seed-grant envelope to EUR 1.5m".into(),
        },
        9..16 => Event::Vote {
            item: ITEM.into(),
            member: member(i - 9),
            choice: choice(i),
            change: false,
        },
        _ => match i % 4 {
            0 | 1 => Event::Vote {
                item: ITEM.into(),
                member: member(i / 2),
                choice: choice(i / 3),
                change: true,
            },
            2 => Event::Note {
                item: Some(ITEM.into()),
                text: format!("Point {i} raised in the debate"),
            },
            _ => Event::Present { member: member(i), delegate: None, },
        },
    }
}

/// `n` chained journal lines, and the head naming the last one.
fn journal(n: usize) -> (Vec<u8>, String) {
    let at: DateTime<Utc> = "2027-03-10T14:00:00.123Z".parse().unwrap();
    let mut bytes = Vec::new();
    let mut prev = GENESIS.to_owned();
    for i in 0..n {
        let record = Record {
            seq: i as u64 + 1,
            at,
            by: "Dr. Sophie Vandenberghe".into(),
            prev,
            event: event(i),
        };
        let line = serde_json::to_vec(&record).unwrap();
        prev = hash_line(&line);
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    (bytes, format!("{n} {prev}\n"))
}

fn replay(c: &mut Criterion) {
    let ws = Workspace::load(&example()).unwrap();
    let meeting = Meeting::new(&ws, ws.agenda(MEETING).unwrap()).unwrap();
    let (bytes, _) = journal(10_000);
    let path = Path::new("records/2027-03-steering.jsonl");
    // The generated journal must be valid, or the figure means nothing.
    let contents = verify(path, &bytes).unwrap();
    let state = MeetingState::replay(&contents.records, meeting.context()).unwrap();
    assert_eq!(state.events, 10_000);

    c.bench_function("journal/verify + replay 10,000 events", |b| {
        b.iter(|| {
            let contents = verify(path, black_box(&bytes)).unwrap();
            MeetingState::replay(&contents.records, meeting.context()).unwrap()
        });
    });
}

fn append(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for file in ["charter.toml", "2027-03-steering.toml"] {
        std::fs::copy(example().join(file), dir.path().join(file)).unwrap();
    }
    let ws = Workspace::load(dir.path()).unwrap();
    let meeting = Meeting::new(&ws, ws.agenda(MEETING).unwrap()).unwrap();
    // Each append starts from the same 100-event journal, so that the
    // journal does not grow over the run (an append re-reads it).
    let (template, head) = journal(100);
    let records = dir.path().join("records");
    std::fs::create_dir_all(&records).unwrap();
    let jsonl = records.join(format!("{MEETING}.jsonl"));
    let head_path = records.join(format!("{MEETING}.head"));
    let now: DateTime<Utc> = "2027-03-10T15:00:00Z".parse().unwrap();
    let note = Event::Note {
        item: None,
        text: "Appended by the benchmark".into(),
    };

    std::fs::write(&jsonl, &template).unwrap();
    std::fs::File::open(&jsonl).unwrap().sync_all().unwrap();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&jsonl)
        .unwrap();

    c.bench_function("journal/append one event with fsync", |b| {
        b.iter_batched(
            || {
                // Cut the previous iteration's line off rather than rewrite
                // the file, so that the measured fsync flushes one line.
                file.set_len(template.len() as u64).unwrap();
                std::fs::write(&head_path, &head).unwrap();
            },
            |()| meeting.record("bench", now, vec![note.clone()]).unwrap(),
            BatchSize::PerIteration,
        );
    });
}

criterion_group!(benches, replay, append);
criterion_main!(benches);
