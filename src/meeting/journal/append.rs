//! Appending to a journal: under the workspace lock, re-read and verify,
//! let the caller decide against what is really committed, set aside what
//! lies beyond the head, write and fsync the lines, then move the head.
//!
//! Nothing is changed until the caller's events are known to be good: a
//! refused command leaves every file byte for byte as it was.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Contents, Head, Journal, JournalError, MAX_JOURNAL_BYTES, hash_line};
use crate::files::regular::{not_regular, open_append, read_regular, regular_metadata};
use crate::files::{TEMP_PREFIX, TEMP_SUFFIX, WriteError, replace_atomic};
use crate::meeting::event::{Event, Record};

/// The most bytes of a `.torn` file that an append reads to add to it:
/// room for a couple of journals' worth of set-aside lines.
const MAX_TORN_BYTES: u64 = 2 * MAX_JOURNAL_BYTES;

/// What plenary writes to `records/.gitattributes` when it creates
/// `records/`: the journals are hash-chained bytes, so git must never
/// convert their line endings (`core.autocrlf`).
pub const GITATTRIBUTES: &str = "# Written by plenary: these records are hash-chained bytes, so git must\n# never convert their line endings.\n* -text\n";

impl Journal {
    /// Appends the events that `decide` returns after seeing every record
    /// committed, all or none, and returns them as recorded. Nothing is
    /// written when `decide` fails or returns no event. Returns only once
    /// the lines are on disk and the head names the last of them.
    pub fn append<E>(
        &self,
        by: &str,
        now: DateTime<Utc>,
        decide: impl FnOnce(&[Record]) -> Result<Vec<Event>, E>,
    ) -> Result<Vec<Record>, E>
    where
        E: From<JournalError>,
    {
        let mut append = self.begin()?;
        let events = decide(&append.read()?.records)?;
        Ok(append.commit(by, now, events)?.0)
    }

    /// Starts an append: takes the workspace's lock (held until the
    /// [`Append`] is dropped), reads the head and looks at the journal's
    /// file. The caller then either reads and verifies the journal
    /// ([`Append::read`]) or shows that what it already knows is the
    /// journal as it is ([`Append::trust`]), and commits.
    pub fn begin(&self) -> Result<Append<'_>, JournalError> {
        let lock = self.lock()?;
        let folder_exists = self.check_folder()?;
        let head = self.read_head()?;
        let file = regular_metadata(&self.path).map_err(|e| self.io(&self.path, e))?;
        let tip = file.map(|meta| Tip::of(head.as_ref().unwrap_or(&Head::genesis()), &meta));
        Ok(Append {
            journal: self,
            _lock: lock,
            folder_exists,
            head,
            tip,
            read: None,
            trusted: false,
        })
    }

    /// The lines for `events` after the head `from`, and the head after them.
    fn lines(
        &self,
        by: &str,
        now: DateTime<Utc>,
        from: &Head,
        events: Vec<Event>,
    ) -> Result<(Vec<u8>, Vec<Record>, Head), JournalError> {
        let now = super::line_time(now);
        let mut head = from.clone();
        let mut buffer = Vec::new();
        let mut recorded = Vec::new();
        for event in events {
            head.seq += 1;
            let record = Record {
                seq: head.seq,
                at: now,
                by: by.to_owned(),
                prev: head.hash.clone(),
                event,
            };
            let line = serde_json::to_vec(&record)
                .map_err(|e| self.io(&self.path, std::io::Error::other(e)))?;
            head.hash = hash_line(&line);
            buffer.extend_from_slice(&line);
            buffer.push(b'\n');
            recorded.push(record);
        }
        Ok((buffer, recorded, head))
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// An exclusive lock on the workspace folder, held until dropped: one
    /// writer at a time across every journal of the workspace (which also
    /// makes any `.plenary-*.tmp` in `records/` a crash's leftover).
    fn lock(&self) -> Result<File, JournalError> {
        let root = match self.root.as_os_str().is_empty() {
            true => Path::new("."),
            false => self.root.as_path(),
        };
        let lock = File::open(root).map_err(|e| self.io(root, e))?;
        lock.lock().map_err(|e| self.io(root, e))?;
        Ok(lock)
    }

    /// Whether `records/` exists; an error when it is not a real folder
    /// (a link to one could send every write elsewhere).
    fn check_folder(&self) -> Result<bool, JournalError> {
        let folder = self.folder();
        match folder.symlink_metadata() {
            Ok(meta) if meta.is_dir() => Ok(true),
            Ok(meta) => Err(self.io(folder, not_regular(meta.file_type()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(self.io(folder, e)),
        }
    }

    /// Creates `records/` with its `.gitattributes`, or clears what a
    /// crash left there: temporary files (no writer but this one holds the
    /// lock) and a `.gitattributes` a killed first writer did not write.
    fn prepare_folder(&self, exists: bool) -> Result<(), JournalError> {
        let folder = self.folder();
        let fresh = if exists {
            remove_stale_temps(folder);
            !has_a_head(folder)
        } else {
            std::fs::create_dir(folder).map_err(|e| self.io(folder, e))?;
            sync_dir(folder.parent().unwrap_or(Path::new("."))).map_err(|e| self.io(folder, e))?;
            true
        };
        let attributes = folder.join(".gitattributes");
        if fresh && attributes.symlink_metadata().is_err() {
            self.replace(&attributes, GITATTRIBUTES.as_bytes())?;
        }
        Ok(())
    }

    /// Moves the lines beyond the head to `.torn` and cuts them off. A
    /// repair killed after the first step is finished by the next one
    /// without adding the same bytes twice (see `torn`).
    fn set_aside(
        &self,
        file: &File,
        bytes: &[u8],
        contents: &Contents,
        mut torn: Vec<u8>,
        now: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let committed = contents.records.len() as u64;
        if super::torn::add(&mut torn, &bytes[contents.valid_len..], committed, now) {
            self.replace(&self.torn, &torn)?;
        }
        file.set_len(contents.valid_len as u64)
            .and_then(|()| file.sync_data())
            .map_err(|e| self.io(&self.path, e))
    }

    fn replace(&self, path: &Path, content: &[u8]) -> Result<(), JournalError> {
        replace_atomic(path, content).map_err(|e| match e {
            WriteError::Io { path, cause } => JournalError::Io { path, cause },
            other => self.io(path, std::io::Error::other(other.to_string())),
        })
    }
}

/// The commit point of a journal together with the file it is in: the
/// head's line number and hash, and the journal file's length and identity
/// (device, inode, modification and change times). What a checkpoint of
/// the journal is checked against: while all of these are the same, the
/// file is the one the checkpoint saw, with nothing appended, cut or
/// written over in place since (each would change its length or its
/// times, and a change time cannot be set back by a user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tip {
    /// The last committed line's number.
    pub seq: u64,
    /// The last committed line's SHA-256, hex.
    pub hash: String,
    /// The journal file's length in bytes (every byte committed).
    pub len: u64,
    /// The file's device.
    pub dev: u64,
    /// The file's inode.
    pub ino: u64,
    /// The file's modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// The file's change time (inode change), nanoseconds since the epoch.
    pub ctime_ns: i128,
}

impl Tip {
    fn of(head: &Head, meta: &std::fs::Metadata) -> Self {
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Self {
            seq: head.seq,
            hash: head.hash.clone(),
            len: meta.len(),
            dev: meta.dev(),
            ino: meta.ino(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// An append under way: the workspace is locked until it is dropped or
/// committed. See [`Journal::begin`].
#[derive(Debug)]
pub struct Append<'j> {
    journal: &'j Journal,
    _lock: File,
    folder_exists: bool,
    head: Option<Head>,
    /// The journal file as found (`None`: there is none yet).
    tip: Option<Tip>,
    /// The journal read and verified: its bytes (for a torn tail to set
    /// aside) and what they hold.
    read: Option<(Option<Vec<u8>>, Contents)>,
    /// Whether the caller's knowledge of the journal was shown to match
    /// its tip: then every byte of the file is committed.
    trusted: bool,
}

impl Append<'_> {
    /// Reads and verifies the whole journal against its head (as
    /// [`Journal::read`] does, under the lock).
    pub fn read(&mut self) -> Result<&Contents, JournalError> {
        let read = match self.read.take() {
            Some(read) => read,
            None => {
                let bytes = self.journal.read_journal()?;
                let (contents, _) = self
                    .journal
                    .committed(self.head.as_ref(), bytes.as_deref())?;
                (bytes, contents)
            }
        };
        Ok(&self.read.insert(read).1)
    }

    /// Whether the journal is exactly as `known` describes it: the same
    /// head, length and file identity. False for a journal not yet begun.
    pub fn fits(&self, known: &Tip) -> bool {
        self.head.is_some() && self.tip.as_ref() == Some(known)
    }

    /// When the journal [`fits`](Append::fits) `known`, whatever the
    /// caller derived from the journal at `known` holds now: the commit
    /// then goes on without reading the journal. Returns whether it fits.
    pub fn trust(&mut self, known: &Tip) -> bool {
        let fits = self.fits(known);
        self.trusted |= fits;
        fits
    }

    /// Writes `events` after the committed lines (set aside whatever lies
    /// beyond them first), makes them durable and moves the head: returns
    /// the records as written and the journal's tip after them (none when
    /// nothing was written, for no event). Reads the journal first if neither
    /// [`Append::read`] nor [`Append::trust`] was called.
    pub fn commit(
        mut self,
        by: &str,
        now: DateTime<Utc>,
        events: Vec<Event>,
    ) -> Result<(Vec<Record>, Option<Tip>), JournalError> {
        if events.is_empty() {
            return Ok((Vec::new(), None));
        }
        if !self.trusted {
            self.read()?;
        }
        let journal = self.journal;
        let from = self.head.clone().unwrap_or_else(Head::genesis);
        let (committed_len, torn) = match &self.read {
            Some((bytes, contents)) => (
                contents.valid_len as u64,
                contents
                    .torn
                    .as_ref()
                    .and(bytes.as_deref())
                    .map(|b| (b, contents)),
            ),
            None => (self.tip.as_ref().map_or(0, |t| t.len), None),
        };
        let (buffer, recorded, to) = journal.lines(by, now, &from, events)?;
        if committed_len + buffer.len() as u64 > MAX_JOURNAL_BYTES {
            return Err(journal.io(
                &journal.path,
                std::io::Error::new(
                    std::io::ErrorKind::FileTooLarge,
                    format!(
                        "the journal would grow past {} MiB, the most plenary reads; nothing was recorded",
                        MAX_JOURNAL_BYTES / (1024 * 1024)
                    ),
                ),
            ));
        }
        // Read before anything changes, so that a `.torn` that is not a
        // regular file stops the append with every file untouched.
        let set_aside = match torn {
            Some(_) => Some(
                read_regular(&journal.torn, MAX_TORN_BYTES)
                    .map_err(|e| journal.io(&journal.torn, e))?
                    .unwrap_or_default(),
            ),
            None => None,
        };

        // From here on, files change.
        journal.prepare_folder(self.folder_exists)?;
        if self.head.is_none() {
            // The head comes first, so a journal never exists without one.
            journal.replace(&journal.head, Head::genesis().line().as_bytes())?;
        }
        let mut file =
            open_append(&journal.path, true).map_err(|e| journal.io(&journal.path, e))?;
        if self.tip.is_none() {
            sync_dir(journal.folder()).map_err(|e| journal.io(&journal.path, e))?;
        }
        if let (Some(old), Some((bytes, contents))) = (set_aside, torn) {
            journal.set_aside(&file, bytes, contents, old, now)?;
        }
        // Sync 1: the lines are on disk before any head names them, so a
        // head never points past the end of its journal.
        file.write_all(&buffer)
            .and_then(|()| file.sync_data())
            .map_err(|e| journal.io(&journal.path, e))?;
        let meta = file.metadata().map_err(|e| journal.io(&journal.path, e))?;
        // The commit point: until this rename, the lines are not recorded.
        // Syncs 2 and 3 (in `replace`): the new head's bytes before its
        // name, so a head is never empty; then the folder, so the rename,
        // and with it the acknowledged event, survives a power cut.
        journal.replace(&journal.head, to.line().as_bytes())?;
        Ok((recorded, Some(Tip::of(&to, &meta))))
    }
}

/// Whether `folder` holds any journal head yet.
fn has_a_head(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "head"))
    })
}

/// Removes `.plenary-*.tmp` files (and links so named) from `folder`.
fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
        if stale {
            // Removing the name only: a link's target is left alone.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes a folder's entries (a new file, a rename) durable.
fn sync_dir(folder: &Path) -> std::io::Result<()> {
    File::open(folder)?.sync_all()
}
