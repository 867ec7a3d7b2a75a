//! The append-only journal of a meeting: `records/<meeting-id>.jsonl`, one
//! [`Record`] a line, each carrying the SHA-256 of the line before it, and
//! `records/<meeting-id>.head`, `<seq> <sha256>` of the last committed line.
//!
//! The head is the commit point (SPEC 3). An append writes its lines and
//! fsyncs them, then replaces the head (temporary file, rename, folder
//! fsync), and only then acknowledges. Lines beyond the head were never
//! acknowledged, whatever they hold: a reader never returns them, and the
//! next append sets them aside in `records/<meeting-id>.torn` before it
//! writes. So a chained command is all or nothing under any crash, and
//! lines appended behind plenary's back are never counted.
//!
//! Writers take an exclusive lock on the workspace folder, so two
//! processes never interleave or fork a chain; readers need no lock, as
//! committed lines never change: they read the head, then the journal.
//! Every file is opened without following links and must be a regular
//! file ([`crate::files::regular`]). This module knows nothing of the
//! meeting's rules: the caller's `decide` does.

mod append;
mod error;
mod torn;
mod verify;

use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};

pub use append::{Append, GITATTRIBUTES, Tip};
pub use error::JournalError;

use super::event::Record;
use crate::files::regular::read_regular;
use verify::{Upto, verify_upto};

/// The time a line written at `now` carries: milliseconds are plenty for
/// people and keep lines short. The state a recording returns uses it too,
/// so that it equals the state replayed from the lines.
pub(super) fn line_time(now: DateTime<Utc>) -> DateTime<Utc> {
    now.trunc_subsecs(3)
}

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The file stem of the action register's journal.
pub const REGISTER: &str = "_register";

/// The most bytes a journal may hold: a long meeting writes a few hundred
/// kilobytes, so this is far beyond any real one, and it bounds what a
/// reader takes into memory. An append that would pass it is refused.
pub const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// The most bytes of a head file (`<seq> <sha256>` is under 90).
const MAX_HEAD_BYTES: u64 = 1024;

/// What lies beyond the head: lines that were never acknowledged (a crash
/// between writing them and replacing the head, or a write cut short), or
/// lines added behind plenary's back. Never replayed; the next append moves
/// them to `<meeting-id>.torn`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// Its first 1-based line number.
    pub line: usize,
    /// How many lines it has (the last one may lack its newline).
    pub lines: usize,
    /// How many bytes it has.
    pub bytes: usize,
}

/// What a journal holds once verified.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    /// Every committed, verified record, in order.
    pub records: Vec<Record>,
    /// What lies beyond the commit point, if anything.
    pub torn: Option<TornTail>,
    /// Hash of the last committed line ([`GENESIS`] when there is none).
    last_hash: String,
    /// Bytes of the committed lines.
    valid_len: usize,
}

impl Contents {
    /// The SHA-256 (hex) of the last committed line, as the head file and
    /// the next line's `prev` give it ([`GENESIS`] for an empty journal).
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }
}

/// The commit point: the last committed line's number and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head {
    seq: u64,
    hash: String,
}

impl Head {
    fn genesis() -> Self {
        Self {
            seq: 0,
            hash: GENESIS.to_owned(),
        }
    }

    fn parse(text: &str) -> Option<Self> {
        let (seq, hash) = text.trim().split_once(' ')?;
        let hex = hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let digits = !seq.is_empty() && seq.bytes().all(|b| b.is_ascii_digit());
        if !(hex && digits) {
            return None;
        }
        Some(Self {
            seq: seq.parse().ok()?,
            hash: hash.to_owned(),
        })
    }

    fn line(&self) -> String {
        format!("{} {}\n", self.seq, self.hash)
    }
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

/// Verifies journal bytes on their own, without a head: every complete
/// line a record, numbered in order, chained to the line before. A missing
/// final newline is the torn tail.
pub fn verify(path: &Path, bytes: &[u8]) -> Result<Contents, JournalError> {
    verify_upto(path, bytes, Upto::AllComplete)
}

/// One meeting's journal, its head and its set-aside file.
#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    path: PathBuf,
    head: PathBuf,
    torn: PathBuf,
}

impl Journal {
    /// The journal of `meeting` in the workspace at `root`.
    pub fn for_meeting(root: &Path, meeting: &str) -> Self {
        let records = root.join("records");
        Self {
            root: root.to_owned(),
            path: records.join(format!("{meeting}.jsonl")),
            head: records.join(format!("{meeting}.head")),
            torn: records.join(format!("{meeting}.torn")),
        }
    }

    /// The action register's journal (`records/_register.jsonl`): the `_`
    /// cannot appear in a meeting id, so no meeting can collide with it.
    pub fn register(root: &Path) -> Self {
        Self::for_meeting(root, REGISTER)
    }

    /// The workspace folder the journal belongs to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The head file, `<seq> <sha256>` of the last committed line.
    pub fn head_path(&self) -> &Path {
        &self.head
    }

    /// Where uncommitted lines are set aside.
    pub fn torn_path(&self) -> &Path {
        &self.torn
    }

    fn io(&self, path: &Path, cause: std::io::Error) -> JournalError {
        JournalError::Io {
            path: path.to_owned(),
            cause,
        }
    }

    fn head_error(&self, message: String) -> JournalError {
        JournalError::Head {
            path: self.path.clone(),
            line: None,
            message,
        }
    }

    /// Reads and verifies the committed part of the journal (empty when it
    /// does not exist yet). Lines beyond the head are not returned; their
    /// extent is in [`Contents::torn`].
    pub fn read(&self) -> Result<Contents, JournalError> {
        // A first append writes the head, then creates the journal: a
        // reader in between sees a journal without a head and looks again.
        let mut attempts = 0;
        loop {
            attempts += 1;
            let head = self.read_head()?;
            let bytes = self.read_journal()?;
            match self.committed(head.as_ref(), bytes.as_deref()) {
                Err(JournalError::Head { line: None, .. }) if head.is_none() && attempts < 3 => {}
                result => return result.map(|(contents, _)| contents),
            }
        }
    }

    /// The commit point as the head file names it: the last committed
    /// line's number and SHA-256 (0 and [`GENESIS`] before the first
    /// append). A reader that holds the records up to it is up to date:
    /// watching the head is watching the commits, at the cost of reading
    /// under a hundred bytes.
    pub fn committed_head(&self) -> Result<(u64, String), JournalError> {
        let head = self.read_head()?.unwrap_or_else(Head::genesis);
        Ok((head.seq, head.hash))
    }

    /// The head, or `None` when there is no head file.
    fn read_head(&self) -> Result<Option<Head>, JournalError> {
        let Some(bytes) =
            read_regular(&self.head, MAX_HEAD_BYTES).map_err(|e| self.io(&self.head, e))?
        else {
            return Ok(None);
        };
        let head = std::str::from_utf8(&bytes).ok().and_then(Head::parse);
        head.map(Some).ok_or_else(|| {
            self.head_error(format!(
                "{} is not `<seq> <sha256>`: it was edited",
                self.head.display()
            ))
        })
    }

    fn read_journal(&self) -> Result<Option<Vec<u8>>, JournalError> {
        read_regular(&self.path, MAX_JOURNAL_BYTES).map_err(|e| self.io(&self.path, e))
    }

    /// Verifies the journal's bytes against its head; also returns the head
    /// to go on from.
    fn committed(
        &self,
        head: Option<&Head>,
        bytes: Option<&[u8]>,
    ) -> Result<(Contents, Head), JournalError> {
        let head = match (head, bytes) {
            (Some(head), _) => head.clone(),
            (None, None) => Head::genesis(),
            (None, Some([])) => Head::genesis(),
            (None, Some(_)) => {
                return Err(self.head_error(format!(
                    "{} is missing: it names the last committed line, and without it the journal cannot be trusted (it is written before the journal is created, so it was deleted)",
                    self.head.display()
                )));
            }
        };
        let contents = verify_upto(&self.path, bytes.unwrap_or_default(), Upto::Head(&head))?;
        Ok((contents, head))
    }
}

#[cfg(test)]
mod tests;
