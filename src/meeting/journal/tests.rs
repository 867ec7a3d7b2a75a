//! The commit point on bytes: what the head commits, what lies beyond it,
//! and a head that cannot be read.

use std::path::Path;

use super::verify::{Upto, verify_upto};
use super::*;
use crate::meeting::event::{Event, Record};

/// Three chained notes; the bytes and the hash of each line.
fn journal() -> (Vec<u8>, Vec<String>) {
    let mut bytes = Vec::new();
    let mut hashes = Vec::new();
    let mut prev = GENESIS.to_owned();
    for seq in 1..=3 {
        let record = Record {
            seq,
            at: "2027-03-10T14:00:00Z".parse().unwrap(),
            by: "s".into(),
            prev: prev.clone(),
            event: Event::Note {
                item: None,
                text: format!("n{seq}"),
            },
        };
        let line = serde_json::to_vec(&record).unwrap();
        prev = hash_line(&line);
        hashes.push(prev.clone());
        bytes.extend_from_slice(&line);
        bytes.push(b'\n');
    }
    (bytes, hashes)
}

fn head(seq: u64, hash: &str) -> Head {
    Head {
        seq,
        hash: hash.to_owned(),
    }
}

const PATH: &str = "records/m.jsonl";

#[test]
fn the_head_commits_a_prefix_and_the_rest_is_the_tail() {
    let (bytes, hashes) = journal();
    let at = |h: &Head| verify_upto(Path::new(PATH), &bytes, Upto::Head(h)).unwrap();
    let all = at(&head(3, &hashes[2]));
    assert_eq!((all.records.len(), all.torn), (3, None));
    let one = at(&head(1, &hashes[0]));
    assert_eq!(one.records.len(), 1);
    assert_eq!(one.last_hash(), hashes[0]);
    let tail = one.torn.unwrap();
    assert_eq!((tail.line, tail.lines), (2, 2));
    assert_eq!(tail.bytes, bytes.len() - one.valid_len);
    let none = at(&Head::genesis());
    assert_eq!((none.records.len(), none.torn.unwrap().lines), (0, 3));
}

#[test]
fn a_tail_is_never_parsed() {
    let (mut bytes, hashes) = journal();
    bytes.extend_from_slice(b"\xff\xfe not json\r\n{\"seq\":");
    let contents = verify_upto(Path::new(PATH), &bytes, Upto::Head(&head(3, &hashes[2]))).unwrap();
    assert_eq!(contents.records.len(), 3);
    assert_eq!(contents.torn.unwrap().lines, 2);
}

#[test]
fn a_head_beyond_the_journal_or_off_its_line_is_an_error() {
    let (bytes, hashes) = journal();
    let err = |h: &Head| verify_upto(Path::new(PATH), &bytes, Upto::Head(h)).unwrap_err();
    let e = err(&head(5, &hashes[2]));
    assert_eq!(e.line(), Some(3), "{e}");
    assert!(
        e.to_string()
            .contains("5 events were recorded but the journal ends after 3")
    );
    let e = err(&head(2, &hashes[2]));
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(
        e.to_string()
            .contains("line 2, the last committed one, was changed"),
        "{e}"
    );
    let e = err(&head(0, &hashes[0]));
    assert!(e.to_string().contains("genesis"), "{e}");
}

#[test]
fn a_committed_line_without_its_newline_is_tampering() {
    let (mut bytes, hashes) = journal();
    bytes.pop();
    let e = verify_upto(Path::new(PATH), &bytes, Upto::Head(&head(3, &hashes[2]))).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{PATH}:3:1: line 3, the last committed one, has lost its final newline: the journal was edited after it was recorded (nothing was changed; put the newline back to repair it)"
        )
    );
    // Without a head (`verify`), it is only a torn tail.
    assert_eq!(
        verify(Path::new(PATH), &bytes).unwrap().torn.unwrap().line,
        3
    );
}

#[test]
fn head_files_are_read_strictly() {
    let (_, hashes) = journal();
    let good = format!("3 {}\n", hashes[2]);
    assert_eq!(Head::parse(&good), Some(head(3, &hashes[2])));
    assert_eq!(
        Head::parse(&format!("3 {}\r\n", hashes[2])),
        Some(head(3, &hashes[2]))
    );
    for bad in [
        String::new(),
        "3".to_owned(),
        format!("-3 {}", hashes[2]),
        format!("3 {}", hashes[2].to_uppercase()),
        format!("3 {}", &hashes[2][1..]),
        format!("99999999999999999999999 {}", hashes[2]),
    ] {
        assert_eq!(Head::parse(&bad), None, "{bad:?}");
    }
}
