//! The append-only journal of a meeting: `records/<meeting-id>.jsonl`, one
//! [`Record`] a line, each carrying the SHA-256 of the line before it, plus
//! `records/<meeting-id>.head` naming the last line's number and hash so
//! that removing or editing the last line is caught too.
//!
//! Appending takes an exclusive lock on the journal, re-reads it, lets the
//! caller validate against what is really on disk, writes, and fsyncs
//! before returning: two processes never interleave or fork the chain, and
//! an event reported as recorded survives a crash.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};

use super::event::{Event, Record};
use crate::files::write_atomic;

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The file stem of the action register's journal.
pub const REGISTER: &str = "_register";

/// Why a journal cannot be trusted or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The system refused.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line is not a journal record.
    #[error("{}:{line}: not a journal record: {message}", path.display())]
    Corrupt {
        /// The journal.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A line's sequence number is not the next one: a line was removed,
    /// added or moved.
    #[error("{}:{line}: sequence number {found} where {expected} was expected (a line was removed, added or moved)", path.display())]
    Sequence {
        /// The journal.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The number it should carry.
        expected: u64,
        /// The number it carries.
        found: u64,
    },
    /// A line's `prev` does not match the line before it: that line was
    /// edited, or lines were swapped. Reported on the changed line.
    #[error("{}", chain_message(path, *line))]
    Chain {
        /// The journal.
        path: PathBuf,
        /// 1-based line number of the line whose `prev` does not match.
        line: usize,
    },
    /// The head file disagrees with the end of the journal.
    #[error("{}: {message}", path.display())]
    Head {
        /// The journal.
        path: PathBuf,
        /// The 1-based line found wrong (the last one, when it was edited
        /// or lines after it removed), if any.
        line: Option<usize>,
        /// What disagrees.
        message: String,
    },
}

impl JournalError {
    /// The 1-based line the problem is on, when it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Corrupt { line, .. } | Self::Sequence { line, .. } => Some(*line),
            // The line before the one whose `prev` no longer matches is the
            // one that was changed: the first bad line.
            Self::Chain { line, .. } => Some(line.saturating_sub(1).max(1)),
            Self::Head { line, .. } => *line,
            Self::Io { .. } => None,
        }
    }
}

fn chain_message(path: &Path, line: usize) -> String {
    if line <= 1 {
        format!(
            "{}:1: the hash chain is broken: line 1 was changed after it was recorded (its `prev` is not the genesis hash)",
            path.display()
        )
    } else {
        let changed = line - 1;
        format!(
            "{}:{changed}: the hash chain is broken: line {changed} was changed after it was recorded (line {line} no longer chains to it)",
            path.display()
        )
    }
}

/// An incomplete last line: the writer stopped mid-line (a crash). It was
/// never acknowledged, since acknowledgement follows the fsync of a whole line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// Its 1-based line number.
    pub line: usize,
    /// How many bytes it has.
    pub bytes: usize,
}

/// What a journal holds once verified.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    /// Every complete, verified record, in order.
    pub records: Vec<Record>,
    /// An incomplete last line, if the writer crashed.
    pub torn: Option<TornTail>,
    /// Hash of the last complete line ([`GENESIS`] when there is none).
    last_hash: String,
    /// Bytes of the complete lines.
    valid_len: usize,
}

/// The hex SHA-256 of one line's bytes (without its newline).
pub fn hash_line(line: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(line);
    let mut hex = String::with_capacity(2 * digest.len());
    for byte in digest.iter() {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

/// Verifies journal bytes: every complete line a record, numbered in order,
/// chained to the line before. A missing final newline is a torn tail.
pub fn verify(path: &Path, bytes: &[u8]) -> Result<Contents, JournalError> {
    let mut contents = Contents {
        last_hash: GENESIS.to_owned(),
        ..Contents::default()
    };
    let mut start = 0;
    for (index, chunk) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let number = index + 1;
        let Some(line) = chunk.strip_suffix(b"\n") else {
            contents.torn = Some(TornTail {
                line: number,
                bytes: chunk.len(),
            });
            break;
        };
        let record: Record = serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
            path: path.to_owned(),
            line: number,
            message: e.to_string(),
        })?;
        let expected = contents.records.len() as u64 + 1;
        if record.seq != expected {
            return Err(JournalError::Sequence {
                path: path.to_owned(),
                line: number,
                expected,
                found: record.seq,
            });
        }
        if record.prev != contents.last_hash {
            return Err(JournalError::Chain {
                path: path.to_owned(),
                line: number,
            });
        }
        contents.last_hash = hash_line(line);
        start += chunk.len();
        contents.valid_len = start;
        contents.records.push(record);
    }
    Ok(contents)
}

/// One meeting's journal and its head file.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
    head: PathBuf,
}

impl Journal {
    /// The journal of `meeting` in the workspace at `root`.
    pub fn for_meeting(root: &Path, meeting: &str) -> Self {
        let records = root.join("records");
        Self {
            path: records.join(format!("{meeting}.jsonl")),
            head: records.join(format!("{meeting}.head")),
        }
    }

    /// The action register's journal (`records/_register.jsonl`): the `_`
    /// cannot appear in a meeting id, so no meeting can collide with it.
    pub fn register(root: &Path) -> Self {
        Self::for_meeting(root, REGISTER)
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, source: std::io::Error) -> JournalError {
        JournalError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Reads and verifies the journal (empty when it does not exist yet),
    /// under a shared lock so that no half-written line is seen.
    pub fn read(&self) -> Result<Contents, JournalError> {
        let mut file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A head without its journal means the journal was deleted.
                let contents = Contents::default_empty();
                self.check_head(&contents)?;
                return Ok(contents);
            }
            Err(e) => return Err(self.io(e)),
        };
        file.lock_shared().map_err(|e| self.io(e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| self.io(e))?;
        let contents = verify(&self.path, &bytes)?;
        self.check_head(&contents)?;
        Ok(contents)
    }

    /// Appends the events that `decide` returns after seeing every record
    /// already on disk, all or none, and returns them as recorded. Nothing
    /// is written when `decide` fails. Returns only after the lines are on
    /// disk (fsync).
    pub fn append<E>(
        &self,
        by: &str,
        now: DateTime<Utc>,
        decide: impl FnOnce(&[Record]) -> Result<Vec<Event>, E>,
    ) -> Result<Vec<Record>, E>
    where
        E: From<JournalError>,
    {
        let folder = self.path.parent().unwrap_or(Path::new("."));
        if !folder.is_dir() {
            std::fs::create_dir_all(folder).map_err(|e| self.io(e))?;
            sync_dir(folder.parent().unwrap_or(Path::new("."))).map_err(|e| self.io(e))?;
        }
        let created = !self.path.exists();
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(|e| self.io(e))?;
        if created {
            sync_dir(folder).map_err(|e| self.io(e))?;
        }
        file.lock().map_err(|e| self.io(e))?;
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(0)).map_err(|e| self.io(e))?;
        file.read_to_end(&mut bytes).map_err(|e| self.io(e))?;
        let mut contents = verify(&self.path, &bytes)?;
        if contents.torn.is_some() {
            self.set_aside_torn_tail(&file, &bytes, &mut contents)?;
        }
        self.check_head(&contents)?;

        let events = decide(&contents.records)?;
        // Milliseconds are plenty for people and keep lines short.
        let now = now.trunc_subsecs(3);
        let mut seq = contents.records.last().map_or(0, |r| r.seq);
        let mut prev = contents.last_hash.clone();
        let mut buffer = Vec::new();
        let mut recorded = Vec::new();
        for event in events {
            seq += 1;
            let record = Record {
                seq,
                at: now,
                by: by.to_owned(),
                prev: prev.clone(),
                event,
            };
            let line =
                serde_json::to_vec(&record).map_err(|e| self.io(std::io::Error::other(e)))?;
            prev = hash_line(&line);
            buffer.extend_from_slice(&line);
            buffer.push(b'\n');
            recorded.push(record);
        }
        if recorded.is_empty() {
            return Ok(recorded);
        }
        file.write_all(&buffer).map_err(|e| self.io(e))?;
        file.sync_data().map_err(|e| self.io(e))?;
        write_atomic(&self.head, &format!("{seq} {prev}\n"), true)
            .map_err(|e| self.io(std::io::Error::other(e.to_string())))?;
        Ok(recorded)
    }

    /// Moves an incomplete last line to `<meeting>.torn` and cuts it off, so
    /// that the chain can go on; the fragment was never acknowledged.
    fn set_aside_torn_tail(
        &self,
        file: &File,
        bytes: &[u8],
        contents: &mut Contents,
    ) -> Result<(), JournalError> {
        let fragment = &bytes[contents.valid_len..];
        let torn_path = self.path.with_extension("torn");
        let mut torn = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&torn_path)
            .map_err(|e| self.io(e))?;
        torn.write_all(fragment)
            .and_then(|()| torn.write_all(b"\n"))
            .map_err(|e| self.io(e))?;
        torn.sync_data().map_err(|e| self.io(e))?;
        file.set_len(contents.valid_len as u64)
            .map_err(|e| self.io(e))?;
        file.sync_data().map_err(|e| self.io(e))?;
        contents.torn = None;
        Ok(())
    }

    /// The head names the last line, or (after a crash between the two
    /// writes) an earlier one that the next line still chains to; anything
    /// else means lines were removed or the last one edited.
    fn check_head(&self, contents: &Contents) -> Result<(), JournalError> {
        let head_error = |line: Option<usize>, message: String| JournalError::Head {
            path: self.path.clone(),
            line,
            message,
        };
        let last = contents.records.last().map_or(0, |r| r.seq);
        let text = match std::fs::read_to_string(&self.head) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return if last <= 1 {
                    Ok(())
                } else {
                    Err(head_error(
                        None,
                        format!("{} is missing", self.head.display()),
                    ))
                };
            }
            Err(e) => return Err(self.io(e)),
        };
        let (seq, hash) = text
            .trim()
            .split_once(' ')
            .and_then(|(s, h)| Some((s.parse::<u64>().ok()?, h.to_owned())))
            .ok_or_else(|| {
                head_error(
                    None,
                    format!("{} is not `<seq> <sha256>`", self.head.display()),
                )
            })?;
        let line = |n: u64| Some(usize::try_from(n.max(1)).unwrap_or(usize::MAX));
        if seq == last {
            if hash != contents.last_hash {
                return Err(head_error(
                    line(last),
                    format!("line {last}, the last one, was changed after it was recorded"),
                ));
            }
        } else if seq > last {
            return Err(head_error(
                line(last),
                format!(
                    "{seq} events were recorded but the journal ends after {last}: lines were removed from its end"
                ),
            ));
        } else {
            // The head lags behind: a crash came after the lines were
            // written but before the head was, and a chained command writes
            // several lines at once. The line the head names must still be
            // the one the next line chains to.
            let next = usize::try_from(seq).map_or(None, |i| contents.records.get(i));
            if next.is_none_or(|r| r.prev != hash) {
                return Err(head_error(
                    line(seq),
                    format!("line {seq} was changed after it was recorded"),
                ));
            }
        }
        Ok(())
    }
}

impl Contents {
    /// The SHA-256 (hex) of the last complete line, as the head file and
    /// the next line's `prev` give it ([`GENESIS`] for an empty journal).
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }

    fn default_empty() -> Self {
        Self {
            last_hash: GENESIS.to_owned(),
            ..Self::default()
        }
    }
}

/// Makes a folder's entries (a new file, a rename) durable.
fn sync_dir(folder: &Path) -> std::io::Result<()> {
    File::open(folder)?.sync_all()
}
