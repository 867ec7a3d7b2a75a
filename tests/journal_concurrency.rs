//! Several `plenary record` processes appending to one meeting at once
//! (SPEC 3, 8): the exclusive lock on the journal keeps them from
//! interleaving or forking the chain. Afterwards the chain verifies,
//! sequence numbers run 1..N without gaps, the frozen terms (SPEC 3.3) come
//! first and exactly once, and every writer's every note is there exactly
//! once.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use plenary::meeting::{Event, Journal};

const MEETING: &str = "2027-03-steering";
const WRITERS: [&str; 3] = ["A", "B", "C"];
const NOTES: usize = 40;

/// One writer: `NOTES` processes, one after the other, each recording
/// `note writer-W-K`. Returns what each printed.
fn writer(root: &Path, name: &str) -> Vec<String> {
    (1..=NOTES)
        .map(|k| {
            let output = Command::new(env!("CARGO_BIN_EXE_plenary"))
                .args(["record", "--by", name])
                .arg(root)
                .args([MEETING, "note", &format!("writer-{name}-{k}")])
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "writer {name}, note {k}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap()
        })
        .collect()
}

#[test]
fn concurrent_writers_leave_one_valid_chain_with_every_note() {
    let dir = common::example_copy();
    let root = dir.path();
    let printed: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = WRITERS
            .iter()
            .map(|name| scope.spawn(move || writer(root, name)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    // The chain verifies, through the library and through `plenary check`.
    let contents = Journal::for_meeting(root, MEETING).read().unwrap();
    assert_eq!(contents.torn, None);
    let check = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("check")
        .arg(root)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // 1..N without gaps: the terms, then every note.
    let total = 1 + WRITERS.len() * NOTES;
    let seqs: Vec<u64> = contents.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=total as u64).collect::<Vec<_>>());

    // The terms were frozen once, by the first append, whoever made it.
    let Event::Terms { .. } = &contents.records[0].event else {
        panic!("the journal begins with {:?}", contents.records[0].event);
    };
    let terms_by = contents.records[0].by.clone();
    assert!(WRITERS.contains(&terms_by.as_str()), "terms by {terms_by}");

    // Every note exactly once, by its writer, each writer's in its order.
    let mut seen: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for record in &contents.records[1..] {
        let Event::Note { item: None, text } = &record.event else {
            panic!("unexpected event {:?}", record.event);
        };
        let previous = seen.insert(text.clone(), (record.seq, record.by.clone()));
        assert!(previous.is_none(), "`{text}` recorded twice");
    }
    for name in WRITERS {
        let mut last = 0;
        for k in 1..=NOTES {
            let text = format!("writer-{name}-{k}");
            let (seq, by) = seen
                .get(&text)
                .unwrap_or_else(|| panic!("`{text}` is missing"));
            assert_eq!(by, name);
            assert!(*seq > last, "a writer's notes keep their order");
            last = *seq;
        }
    }

    // Each process printed the number its note got; the one process that
    // made the first append printed the frozen terms (#1) before it.
    let mut printed_terms = 0;
    for (name, outputs) in WRITERS.iter().zip(&printed) {
        for (k, out) in outputs.iter().enumerate() {
            let text = format!("writer-{name}-{}", k + 1);
            let (seq, _) = &seen[&text];
            let note = format!("#{seq} note: {text}\n");
            if *seq == 2 {
                let (terms, rest) = out
                    .split_once('\n')
                    .unwrap_or_else(|| panic!("no terms line in {out:?}"));
                assert!(terms.starts_with("#1 terms frozen: "), "{out:?}");
                assert_eq!(rest, note);
                assert_eq!(*name, terms_by);
                printed_terms += 1;
            } else {
                assert_eq!(out, &note);
            }
        }
    }
    assert_eq!(printed_terms, 1);
}
