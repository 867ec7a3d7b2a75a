//! What the hub last saw on disk, to tell cheaply whether another process
//! has written since: the workspace's files by size and modification
//! time, and each journal by its head (the commit point) and size.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::meeting::Journal;

/// One journal as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    /// The head's last committed line and hash (`None`: unreadable).
    pub(super) head: Option<(u64, String)>,
    /// The journal file's size and modification time (`None`: absent):
    /// lines beyond the head (a torn tail) change it but not the head.
    file: Option<(u64, SystemTime)>,
}

impl Stamp {
    /// Looks at `journal` now.
    pub(super) fn of(journal: &Journal) -> Self {
        Self {
            head: journal.committed_head().ok(),
            file: size_and_time(journal.path()),
        }
    }
}

/// Everything last seen.
#[derive(Debug, Default)]
pub(super) struct Seen {
    /// The workspace's `.toml` files: name, size, modification time.
    pub(super) files: Vec<(String, u64, SystemTime)>,
    /// Each meeting's journal, by meeting id.
    pub(super) journals: BTreeMap<String, Stamp>,
    /// The action register's journal.
    pub(super) register: Option<Stamp>,
    /// Journals whose lines changed without their head, as seen at the
    /// last look: read once they stay so for a second look.
    pub(super) pending: BTreeMap<String, Stamp>,
}

fn size_and_time(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The charter and agendas as the folder lists them now, by name.
pub(super) fn workspace_files(root: &Path) -> Vec<(String, u64, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if !name.ends_with(".toml") {
                return None;
            }
            let (size, time) = size_and_time(&entry.path())?;
            Some((name, size, time))
        })
        .collect();
    files.sort();
    files
}
