//! Verifying journal bytes: every committed line a record, numbered in
//! order, chained to the one before, the last one matching the head; what
//! lies beyond the head is the uncommitted tail, reported, never parsed.
//! No I/O here.

use std::path::Path;

use serde::Deserialize;

use super::{Contents, GENESIS, Head, JournalError, TornTail, hash_line};
use crate::meeting::event::Record;

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
    let record: Record = serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
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
