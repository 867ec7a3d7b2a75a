//! Which folder a command works on when none is named.

use std::path::{Path, PathBuf};

use plenary::workspace::CHARTER_FILE;

/// The example alliance shipped in the repository.
pub fn bundled_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("agendas")
        .join("gcra")
}

/// The named folder, else `.` when it holds a charter, else the bundled
/// example (so that `cargo run` in a fresh clone opens something real).
pub fn or_example(named: Option<PathBuf>) -> PathBuf {
    match named {
        Some(path) => path,
        None if Path::new(CHARTER_FILE).is_file() => PathBuf::from("."),
        None => bundled_example(),
    }
}

/// The named folder, else `.`.
pub fn or_current(named: Option<PathBuf>) -> PathBuf {
    named.unwrap_or_else(|| PathBuf::from("."))
}

/// Splits `[WORKSPACE] REST...` for commands whose words follow the
/// workspace (`record`, `action`): the first word is the workspace when it
/// is a folder with a charter, else the workspace is `.`.
pub fn leading_workspace(words: &[String]) -> (PathBuf, &[String]) {
    match words.split_first() {
        Some((first, rest)) if Path::new(first).join(CHARTER_FILE).is_file() => {
            (PathBuf::from(first), rest)
        }
        _ => (PathBuf::from("."), words),
    }
}

/// `[WORKSPACE] MEETING`, as taken by the commands that act on one meeting.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// Workspace folder (default: `.`), then the meeting id.
    #[arg(value_name = "[WORKSPACE] MEETING", num_args = 1..=2, required = true)]
    words: Vec<String>,
}

impl MeetingArgs {
    /// The workspace folder and the meeting id.
    pub fn split(&self) -> (PathBuf, &str) {
        match self.words.as_slice() {
            [workspace, meeting] => (PathBuf::from(workspace), meeting),
            [meeting] => (PathBuf::from("."), meeting),
            // clap guarantees one or two words.
            _ => (PathBuf::from("."), ""),
        }
    }
}
