//! Why a journal cannot be trusted or written, each problem at
//! `path:line:column` (SPEC 1.3) except the system's own refusals.

use std::path::{Path, PathBuf};

/// Why a journal cannot be trusted or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The system refused, or a file is not what it claims to be (a link,
    /// a FIFO, a device, too large).
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said (in the message, so not a `source` too:
        /// the reporting layer would print it twice).
        cause: std::io::Error,
    },
    /// A line is not a journal record.
    #[error("{}:{line}:{column}: not a journal record: {message}", path.display())]
    Corrupt {
        /// The journal.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// 1-based column (characters) where reading it failed.
        column: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A line ends in a carriage return: git (`core.autocrlf`) or an
    /// editor converted the journal's line endings. plenary never writes
    /// one (JSON escapes it), so this is always a conversion.
    #[error("{}:{line}:{column}: {}", path.display(), crlf_message(path))]
    LineEndings {
        /// The journal.
        path: PathBuf,
        /// 1-based line number (the first such line).
        line: usize,
        /// The column of the carriage return.
        column: usize,
    },
    /// A line's sequence number is not the next one: a line was removed,
    /// added or moved.
    #[error("{}:{line}:{column}: sequence number {found} where {expected} was expected (a line was removed, added or moved)", path.display())]
    Sequence {
        /// The journal.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The column of the number.
        column: usize,
        /// The number it should carry.
        expected: u64,
        /// The number it carries.
        found: u64,
    },
    /// A line's `prev` does not match the line before it: that line was
    /// edited, or lines were swapped, or this line's own `prev` was.
    #[error("{}:{changed}:{column}: {}", path.display(), chain_message(*line, *changed))]
    Chain {
        /// The journal.
        path: PathBuf,
        /// 1-based line number of the line whose `prev` does not match.
        line: usize,
        /// The line found changed: the one before (its bytes no longer
        /// hash to `prev`), or `line` itself when the link after it is
        /// broken too (its `prev` was edited, or it was replaced).
        changed: usize,
        /// The column blamed: the `prev` value when `line` itself changed.
        column: usize,
    },
    /// The head file disagrees with the journal, or is missing or unreadable.
    #[error("{}:{}:1: {message}", path.display(), line.unwrap_or(1))]
    Head {
        /// The journal.
        path: PathBuf,
        /// The 1-based line found wrong (the last committed one, when it
        /// was edited or lines after it removed), if any.
        line: Option<usize>,
        /// What disagrees.
        message: String,
    },
}

impl JournalError {
    /// The 1-based line the problem is on, when it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Corrupt { line, .. }
            | Self::Sequence { line, .. }
            | Self::LineEndings { line, .. } => Some(*line),
            Self::Chain { changed, .. } => Some(*changed),
            Self::Head { line, .. } => *line,
            Self::Io { .. } => None,
        }
    }

    /// The 1-based column of the problem (1 when it is the whole line).
    pub fn column(&self) -> usize {
        match self {
            Self::Corrupt { column, .. }
            | Self::Sequence { column, .. }
            | Self::LineEndings { column, .. }
            | Self::Chain { column, .. } => *column,
            Self::Head { .. } | Self::Io { .. } => 1,
        }
    }

    /// The file the problem is in.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Corrupt { path, .. }
            | Self::LineEndings { path, .. }
            | Self::Sequence { path, .. }
            | Self::Chain { path, .. }
            | Self::Head { path, .. } => path,
        }
    }

    /// The message without the `path:line:column: ` in front of it.
    pub fn detail(&self) -> String {
        let full = self.to_string();
        let path = self.path().display().to_string();
        let prefix = match self.line() {
            Some(line) if !matches!(self, Self::Io { .. }) => {
                format!("{path}:{line}:{}: ", self.column())
            }
            _ if matches!(self, Self::Head { .. }) => format!("{path}:1:1: "),
            _ => format!("{path}: "),
        };
        full.strip_prefix(&prefix).unwrap_or(&full).to_owned()
    }
}

fn chain_message(line: usize, changed: usize) -> String {
    if changed == line && line > 1 {
        format!(
            "the hash chain is broken: line {line} was changed after it was recorded (its `prev` no longer names line {}, and the link after it is broken too)",
            line - 1
        )
    } else if line <= 1 {
        "the hash chain is broken: line 1 was changed after it was recorded (its `prev` is not the genesis hash)".to_owned()
    } else {
        format!(
            "the hash chain is broken: line {changed} was changed after it was recorded (line {line} no longer chains to it)"
        )
    }
}

fn crlf_message(path: &Path) -> String {
    let name = path.display();
    format!(
        "this line ends in a carriage return (CRLF): the journal's line endings were converted, by git's `core.autocrlf` or an editor, which breaks its hash chain; plenary never writes one. Restore the original bytes with `sed -i 's/\\r$//' {name}` (or `dos2unix {name}`), and keep git from converting them again with a line `* -text` in records/.gitattributes"
    )
}
