//! Appending to a journal: under the workspace lock, re-read and verify,
//! let the caller decide against what is really committed, set aside what
//! lies beyond the head, write and fsync the lines, then move the head.
//!
//! Nothing is changed until the caller's events are known to be good: a
//! refused command leaves every file byte for byte as it was.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Contents, Head, Journal, JournalError, MAX_JOURNAL_BYTES, hash_line};
use crate::files::regular::{not_regular, open_append, read_regular};
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
        let lock = self.lock()?;
        let folder_exists = self.check_folder()?;
        let head = self.read_head()?;
        let bytes = self.read_journal()?;
        let (contents, from) = self.committed(head.as_ref(), bytes.as_deref())?;

        let events = decide(&contents.records)?;
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let (buffer, recorded, to) = self.lines(by, now, &from, events)?;
        if (contents.valid_len + buffer.len()) as u64 > MAX_JOURNAL_BYTES {
            return Err(self
                .io(
                    &self.path,
                    std::io::Error::new(
                        std::io::ErrorKind::FileTooLarge,
                        format!(
                            "the journal would grow past {} MiB, the most plenary reads; nothing was recorded",
                            MAX_JOURNAL_BYTES / (1024 * 1024)
                        ),
                    ),
                )
                .into());
        }
        // Read before anything changes, so that a `.torn` that is not a
        // regular file stops the append with every file untouched.
        let set_aside = match contents.torn {
            Some(_) => Some(
                read_regular(&self.torn, MAX_TORN_BYTES)
                    .map_err(|e| self.io(&self.torn, e))?
                    .unwrap_or_default(),
            ),
            None => None,
        };

        // From here on, files change.
        self.prepare_folder(folder_exists)?;
        if head.is_none() {
            // The head comes first, so a journal never exists without one.
            self.replace(&self.head, Head::genesis().line().as_bytes())?;
        }
        let mut file = open_append(&self.path, true).map_err(|e| self.io(&self.path, e))?;
        if bytes.is_none() {
            sync_dir(self.folder()).map_err(|e| self.io(&self.path, e))?;
        }
        if let (Some(old), Some(bytes)) = (set_aside, bytes.as_deref()) {
            self.set_aside(&file, bytes, &contents, old, now)?;
        }
        file.write_all(&buffer)
            .and_then(|()| file.sync_data())
            .map_err(|e| self.io(&self.path, e))?;
        // The commit point: until this rename, the lines are not recorded.
        self.replace(&self.head, to.line().as_bytes())?;
        drop(lock);
        Ok(recorded)
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
