//! Why an approval step is refused or an approval record cannot be read.

use std::path::PathBuf;

use crate::export::minutes::LoadError;
use crate::files::WriteError;
use crate::meeting::{JournalError, MeetingError};

use super::signature::SignatureError;

/// Why an approval step was not recorded (nothing was written), or an
/// approval record cannot be trusted.
#[derive(Debug, thiserror::Error)]
pub enum ApprovalError {
    /// The meeting's journal cannot be read or replayed.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// The approval record cannot be read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The draft minutes cannot be made.
    #[error(transparent)]
    Minutes(#[from] LoadError),
    /// A stored file cannot be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A stored file cannot be read.
    #[error("cannot read {}: {cause}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        cause: std::io::Error,
    },
    /// The signature is not acceptable.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// Minutes are approved only once the meeting is closed.
    #[error(
        "meeting `{0}` is not closed: its minutes are circulated for approval after `close-meeting`"
    )]
    NotClosed(String),
    /// The rules of docs/approval.md do not allow the step now.
    #[error("{0}")]
    Refused(String),
    /// A line already in the approval record breaks its rules: the record
    /// was edited. Line `seq` is event `seq`.
    #[error("{path}:{seq}:1: {message}")]
    Replay {
        /// The approval record.
        path: String,
        /// The line.
        seq: u64,
        /// What is wrong.
        message: String,
    },
}

impl ApprovalError {
    /// A refusal with its message.
    pub(super) fn refused(message: impl Into<String>) -> Self {
        Self::Refused(message.into())
    }
}
