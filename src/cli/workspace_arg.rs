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

/// The workspace the terminal interface opens.
pub enum Opened {
    /// A folder: the one named, `.`, or the repository's example.
    Folder(PathBuf),
    /// The example compiled into the binary, written into a temporary
    /// folder that is removed with this value.
    Example(tempfile::TempDir),
}

/// The named folder, else `.` when it holds a charter, else the example:
/// the repository's `agendas/gcra` for a binary built in the repository
/// (`cargo run` in a fresh clone), and for any other binary (one that was
/// installed) the example compiled into it, in a temporary folder, so that
/// an installed plenary never writes into a source tree (docs/workspace.md).
pub fn for_interface(named: Option<PathBuf>) -> anyhow::Result<Opened> {
    Ok(match named {
        Some(path) => Opened::Folder(path),
        None if Path::new(CHARTER_FILE).is_file() => Opened::Folder(PathBuf::from(".")),
        None if built_in_repository() && bundled_example().join(CHARTER_FILE).is_file() => {
            Opened::Folder(bundled_example())
        }
        None => {
            let dir = tempfile::Builder::new()
                .prefix("plenary-example-")
                .tempdir()?;
            super::init::write_example(dir.path())?;
            Opened::Example(dir)
        }
    })
}

/// Whether this binary is the repository's own build (under its
/// `target/`), not an installed copy.
fn built_in_repository() -> bool {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let (Ok(exe), Ok(target)) = (
        std::env::current_exe().and_then(|p| p.canonicalize()),
        target.canonicalize(),
    ) else {
        return false;
    };
    exe.starts_with(target)
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
