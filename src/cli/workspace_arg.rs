//! Which folder a command works on when none is named.

use std::ffi::{OsStr, OsString};
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
/// An installed binary whose source folder is gone falls back to `.`,
/// whose error then says how to start a workspace (`plenary init`).
pub fn or_example(named: Option<PathBuf>) -> PathBuf {
    match named {
        Some(path) => path,
        None if Path::new(CHARTER_FILE).is_file() => PathBuf::from("."),
        None if bundled_example().join(CHARTER_FILE).is_file() => bundled_example(),
        None => PathBuf::from("."),
    }
}

/// The named folder, else `.`.
pub fn or_current(named: Option<PathBuf>) -> PathBuf {
    named.unwrap_or_else(|| PathBuf::from("."))
}

/// Splits `[WORKSPACE] REST...` for commands whose words follow the
/// workspace (`record`, `action`): the first word is the workspace when it
/// is a folder with a charter, else the workspace is `.`. The workspace may
/// be any path (not only UTF-8); the words after it must be text.
pub fn leading_workspace(words: &[OsString]) -> Result<(PathBuf, Vec<String>), super::Usage> {
    let (root, rest) = match words.split_first() {
        Some((first, rest)) if Path::new(first).join(CHARTER_FILE).is_file() => {
            (PathBuf::from(first), rest)
        }
        _ => (PathBuf::from("."), words),
    };
    let rest = rest.iter().map(|w| text(w)).collect::<Result<_, _>>()?;
    Ok((root, rest))
}

fn text(word: &OsStr) -> Result<String, super::Usage> {
    word.to_str().map(str::to_owned).ok_or_else(|| {
        super::Usage(format!(
            "`{}` is not UTF-8 text; only the workspace folder may be any path",
            word.to_string_lossy()
        ))
    })
}

/// `[WORKSPACE] MEETING`, as taken by the commands that act on one meeting.
#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    /// Workspace folder (default: `.`), then the meeting id.
    #[arg(value_name = "[WORKSPACE] MEETING", num_args = 1..=2, required = true)]
    words: Vec<OsString>,
}

impl MeetingArgs {
    /// The workspace folder (any path) and the meeting id (text).
    pub fn split(&self) -> Result<(PathBuf, String), super::Usage> {
        match self.words.as_slice() {
            [workspace, meeting] => Ok((PathBuf::from(workspace), text(meeting)?)),
            [meeting] => Ok((PathBuf::from("."), text(meeting)?)),
            // clap guarantees one or two words.
            _ => Ok((PathBuf::from("."), String::new())),
        }
    }
}
