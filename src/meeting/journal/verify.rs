//! Verifying journal bytes: every committed line a record, numbered in
//! order, chained to the one before, the last one matching the head; what
//! lies beyond the head is the uncommitted tail, reported, never parsed.
//! No I/O here.

use std::path::Path;

use serde::Deserialize;

use super::{Contents, GENESIS, Head, JournalError, TornTail, hash_line};
use crate::meeting::event::{Event, Record, parse_line_time};
use crate::vote::decision::Choice;

/// How far the journal is committed.
#[derive(Debug, Clone, Copy)]
pub(super) enum Upto<'a> {
    /// Every complete line (no head to go by); an incomplete last line is
    /// the tail.
    AllComplete,
    /// The lines up to the head's; the rest is the tail.
    Head(&'a Head),
}

/// One line of the file: its bytes without the newline, and whether it
/// had one.
struct Line<'a> {
    text: &'a [u8],
    complete: bool,
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = Line<'_>> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .map(|chunk| match chunk.strip_suffix(b"\n") {
            Some(text) => Line {
                text,
                complete: true,
            },
            None => Line {
                text: chunk,
                complete: false,
            },
        })
}

/// A line of the two commonest events, a note and a vote, with every key
/// either can have.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Common<'a> {
    seq: u64,
    #[serde(borrow)]
    at: std::borrow::Cow<'a, str>,
    by: String,
    prev: String,
    #[serde(borrow)]
    event: std::borrow::Cow<'a, str>,
    item: Option<String>,
    member: Option<String>,
    text: Option<String>,
    choice: Option<Choice>,
    // `"change":null` must reach `common` as a value (the derived reader
    // refuses it), not read as an absent key.
    #[serde(default, deserialize_with = "present")]
    change: Option<serde_json::Value>,
}

/// A key that is there, whatever its value (`null` too).
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(deserializer).map(Some)
}

/// One line as a [`Record`]. Notes and votes, most of a long meeting's
/// lines, are read in one pass; anything else, or anything about them that
/// is not as plenary writes it, goes to the derived reader, which gives
/// the same record or the error with its column (a test holds the two
/// together). The derived reader buffers every field of a line twice
/// (the event is a flattened, internally tagged enum), and a journal is
/// read in full by every process that opens the workspace.
fn parse_record(line: &[u8]) -> Result<Record, serde_json::Error> {
    match serde_json::from_slice::<Common>(line).ok().and_then(common) {
        Some(record) => Ok(record),
        None => serde_json::from_slice(line),
    }
}

/// The record a common line holds, if it is a note or a vote with the keys
/// that event needs, each of the type it needs.
fn common(line: Common) -> Option<Record> {
    let event = match line.event.as_ref() {
        "note" => Event::Note {
            item: line.item,
            text: line.text?,
        },
        "vote" => Event::Vote {
            item: line.item?,
            member: line.member?,
            choice: line.choice?,
            change: match line.change {
                None => false,
                Some(serde_json::Value::Bool(change)) => change,
                Some(_) => return None,
            },
        },
        _ => return None,
    };
    // Through the same reader of times as the derived one.
    let at = parse_line_time(&line.at).ok()?;
    Some(Record {
        seq: line.seq,
        at,
        by: line.by,
        prev: line.prev,
        event,
    })
}

/// Only the `prev` of a line, to see whether the link after a broken one
/// holds.
#[derive(Deserialize)]
struct PrevOnly {
    prev: String,
}

/// The 1-based character column of byte `at` in `line`.
fn column_of(line: &[u8], at: usize) -> usize {
    String::from_utf8_lossy(&line[..at.min(line.len())])
        .chars()
        .count()
        + 1
}

/// The column of the value of `"key":` in `line` (1 if absent).
fn value_column(line: &[u8], key: &str) -> usize {
    let needle = format!("\"{key}\":");
    line.windows(needle.len())
        .position(|w| w == needle.as_bytes())
        .map_or(1, |at| column_of(line, at + needle.len()))
}

pub(super) fn verify_upto(
    path: &Path,
    bytes: &[u8],
    upto: Upto<'_>,
) -> Result<Contents, JournalError> {
    let mut contents = Contents::empty();
    let committed = match upto {
        Upto::AllComplete => u64::MAX,
        Upto::Head(head) => head.seq,
    };
    let mut all = lines(bytes).peekable();
    let mut number = 0usize;
    let mut start = 0usize;
    while (number as u64) < committed {
        let Some(line) = all.next() else {
            break;
        };
        if !line.complete {
            if let Upto::Head(head) = upto {
                return Err(cut_short(path, head, number + 1, line.text));
            }
            // Without a head, an incomplete last line is the tail.
            contents.torn = Some(TornTail {
                line: number + 1,
                lines: 1,
                bytes: line.text.len(),
            });
            return Ok(contents);
        }
        number += 1;
        check_line(path, number, line.text, &mut contents, all.peek(), upto)?;
        start += line.text.len() + 1;
        contents.valid_len = start;
    }
    if let Upto::Head(head) = upto {
        if (number as u64) < head.seq {
            return Err(JournalError::Head {
                path: path.to_owned(),
                line: Some(number.max(1)),
                message: format!(
                    "{} events were recorded but the journal ends after {number}: lines were removed from its end",
                    head.seq
                ),
            });
        }
        if contents.last_hash != head.hash {
            return Err(JournalError::Head {
                path: path.to_owned(),
                line: Some(number.max(1)),
                message: if number == 0 {
                    "the head names no line but not the genesis hash: it was edited".to_owned()
                } else {
                    format!(
                        "line {number}, the last committed one, was changed after it was recorded"
                    )
                },
            });
        }
    }
    let rest = &bytes[contents.valid_len..];
    if !rest.is_empty() {
        contents.torn = Some(TornTail {
            line: number + 1,
            lines: lines(rest).count(),
            bytes: rest.len(),
        });
    }
    Ok(contents)
}

/// A committed line without its newline, or lines missing before the head.
fn cut_short(path: &Path, head: &Head, number: usize, text: &[u8]) -> JournalError {
    let message = if number as u64 == head.seq && hash_line(text) == head.hash {
        format!(
            "line {number}, the last committed one, has lost its final newline: the journal was edited after it was recorded (nothing was changed; put the newline back to repair it)"
        )
    } else {
        format!(
            "{} events were recorded but the journal ends after {} and an incomplete line {number}: lines were removed from its end or cut short",
            head.seq,
            number - 1
        )
    };
    JournalError::Head {
        path: path.to_owned(),
        line: Some(number),
        message,
    }
}

/// Checks one complete committed line and adds its record.
fn check_line(
    path: &Path,
    number: usize,
    line: &[u8],
    contents: &mut Contents,
    next: Option<&Line<'_>>,
    upto: Upto<'_>,
) -> Result<(), JournalError> {
    if let Some(text) = line.strip_suffix(b"\r") {
        return Err(JournalError::LineEndings {
            path: path.to_owned(),
            line: number,
            column: column_of(line, text.len()),
        });
    }
    let record = parse_record(line).map_err(|e| JournalError::Corrupt {
        path: path.to_owned(),
        line: number,
        column: column_of(line, e.column().saturating_sub(1)),
        message: e.to_string(),
    })?;
    let expected = contents.records.len() as u64 + 1;
    if record.seq != expected {
        return Err(JournalError::Sequence {
            path: path.to_owned(),
            line: number,
            column: value_column(line, "seq"),
            expected,
            found: record.seq,
        });
    }
    let hash = hash_line(line);
    if record.prev != contents.last_hash {
        // Whose fault: if the link after this line holds, this line is as
        // recorded and the one before it was changed; if that link is
        // broken too, this line itself was (its `prev` edited, say).
        let after_holds = match (next, upto) {
            (Some(next), Upto::Head(head)) if (number as u64) < head.seq => {
                serde_json::from_slice::<PrevOnly>(next.text).map_or(true, |n| n.prev == hash)
            }
            (_, Upto::Head(head)) if number as u64 == head.seq => head.hash == hash,
            (Some(next), Upto::AllComplete) if next.complete => {
                serde_json::from_slice::<PrevOnly>(next.text).map_or(true, |n| n.prev == hash)
            }
            _ => true,
        };
        let (changed, column) = if number > 1 && after_holds {
            (number - 1, 1)
        } else {
            (number, value_column(line, "prev"))
        };
        return Err(JournalError::Chain {
            path: path.to_owned(),
            line: number,
            changed,
            column,
        });
    }
    contents.last_hash = hash;
    contents.records.push(record);
    Ok(())
}

impl Contents {
    pub(super) fn empty() -> Self {
        Self {
            last_hash: GENESIS.to_owned(),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A JSON value for a key: of the type the key wants, or not.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\"budget\"".to_owned()),
            Just("\"uct\"".to_owned()),
            Just("\"yes\"".to_owned()),
            Just("\"maybe\"".to_owned()),
            Just("\"note\"".to_owned()),
            Just("\"vote\"".to_owned()),
            Just("\"present\"".to_owned()),
            Just(r#""a \"quoted\" \\ line\nwith \u00e9 and \ud83d\ude00""#.to_owned()),
            Just("\"2027-03-10T14:00:00.000Z\"".to_owned()),
            Just("\"2027-03-10T15:00:00+01:00\"".to_owned()),
            Just("\"2027-02-30T14:00:00.000Z\"".to_owned()),
            Just(format!("\"{GENESIS}\"")),
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("3".to_owned()),
            Just("-1".to_owned()),
            Just("2.5".to_owned()),
            Just("[]".to_owned()),
            Just("{}".to_owned()),
        ]
    }

    const KEYS: [&str; 12] = [
        "seq", "at", "by", "prev", "event", "item", "member", "text", "choice", "change",
        "delegate", "other",
    ];

    /// A line as plenary writes one, with its keys' values and presence
    /// varied, in any order, a key now and then twice.
    fn line() -> impl Strategy<Value = String> {
        let kind = prop_oneof![Just("note"), Just("vote"), Just("present")];
        (
            kind,
            prop::collection::vec((0usize..KEYS.len(), value(), any::<bool>()), 0..4),
            prop::collection::vec(prop::bool::weighted(0.9), KEYS.len()),
            any::<u64>(),
        )
            .prop_map(|(kind, swaps, keep, shuffle)| {
                let mut fields: Vec<(String, String)> = vec![
                    ("seq".into(), "3".into()),
                    ("at".into(), "\"2027-03-10T14:00:00.512Z\"".into()),
                    ("by".into(), "\"Secr\\u00e9tariat\"".into()),
                    ("prev".into(), format!("\"{GENESIS}\"")),
                    ("event".into(), format!("\"{kind}\"")),
                    ("item".into(), "\"budget\"".into()),
                    ("member".into(), "\"uct\"".into()),
                    ("text".into(), "\"Point raised\"".into()),
                    ("choice".into(), "\"no\"".into()),
                    ("change".into(), "true".into()),
                ];
                fields.retain(|(k, _)| {
                    keep[KEYS.iter().position(|x| x == k).unwrap()] || k == "event"
                });
                for (key, value, replace) in swaps {
                    match fields.iter_mut().find(|(k, _)| k == KEYS[key]) {
                        Some(field) if replace => field.1 = value,
                        _ => fields.push((KEYS[key].to_owned(), value)),
                    }
                }
                let n = fields.len().max(1) as u64;
                fields.rotate_left((shuffle % n) as usize);
                let body: Vec<String> =
                    fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", body.join(","))
            })
    }

    fn both(line: &str) -> (Result<Record, String>, Result<Record, String>) {
        let fast = parse_record(line.as_bytes()).map_err(|e| e.to_string());
        let derived = serde_json::from_str::<Record>(line).map_err(|e| e.to_string());
        (fast, derived)
    }

    #[test]
    fn the_lines_plenary_writes_read_as_the_derived_reader_reads_them() {
        let note = format!(
            r#"{{"seq":9,"at":"2027-03-10T14:21:07.512Z","by":"s","prev":"{GENESIS}","event":"note","item":"minutes","text":"hello"}}"#
        );
        let vote = format!(
            r#"{{"seq":9,"at":"2027-03-10T14:21:07.512Z","by":"s","prev":"{GENESIS}","event":"vote","item":"minutes","member":"eth","choice":"yes"}}"#
        );
        for line in [note, vote] {
            let (fast, derived) = both(&line);
            assert!(fast.is_ok(), "{fast:?}");
            assert_eq!(fast, derived);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Whatever a line holds, the one-pass reader gives the derived
        /// reader's record, or its error.
        #[test]
        fn any_line_reads_as_the_derived_reader_reads_it(line in line()) {
            let (fast, derived) = both(&line);
            prop_assert_eq!(fast, derived, "{}", line);
        }
    }
}
