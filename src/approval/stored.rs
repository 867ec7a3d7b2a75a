//! The files an approval stores under `records/`: drafts, the approved
//! minutes, the statement, signatures. Each is written atomically and never
//! replaced (except `allowed_signers`, which is made from the record), and
//! read without following links.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::files::regular::read_regular;
use crate::files::{replace_atomic, write_atomic};
use crate::meeting::StoredFile;

use super::error::ApprovalError;

/// The most bytes a stored file may have (minutes are tens of kilobytes).
pub const MAX_STORED_BYTES: u64 = 16 * 1024 * 1024;

/// The hex SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a stored file is: `records/<file>`.
pub fn path(root: &Path, file: &str) -> PathBuf {
    root.join("records").join(file)
}

/// Stores `text` as `records/<file>` and returns it with its digest. A
/// file already there with the same bytes (left by a step that was not
/// recorded) is taken as it is; one with other bytes is never replaced.
pub fn store(root: &Path, file: &str, text: &str) -> Result<StoredFile, ApprovalError> {
    let at = path(root, file);
    // A folder under `records/` (the signatures') must be a real one: a
    // link there could send the file anywhere.
    if let Some(folder) = at.parent()
        && let Ok(meta) = folder.symlink_metadata()
        && !meta.is_dir()
    {
        return Err(ApprovalError::Io {
            path: folder.to_owned(),
            cause: crate::files::regular::not_regular(meta.file_type()),
        });
    }
    if let Some(existing) = read(&at)? {
        if existing != text.as_bytes() {
            return Err(ApprovalError::refused(format!(
                "{} exists with other bytes: plenary never replaces a stored file; move it away if it is not part of the record",
                at.display()
            )));
        }
    } else {
        write_atomic(&at, text, false)?;
    }
    Ok(StoredFile {
        file: file.to_owned(),
        sha256: sha256(text.as_bytes()),
    })
}

/// Replaces `records/<file>`, a file made from the record.
pub fn replace(root: &Path, file: &str, text: &str) -> Result<(), ApprovalError> {
    Ok(replace_atomic(&path(root, file), text.as_bytes())?)
}

/// The bytes of a file, `None` when it is missing.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>, ApprovalError> {
    read_regular(path, MAX_STORED_BYTES).map_err(|cause| ApprovalError::Io {
        path: path.to_owned(),
        cause,
    })
}

/// The bytes of a stored file, checked against the digest it was stored
/// with.
pub fn read_checked(root: &Path, stored: &StoredFile) -> Result<Vec<u8>, ApprovalError> {
    let at = path(root, &stored.file);
    let bytes = read(&at)?.ok_or_else(|| {
        ApprovalError::refused(format!(
            "{} is missing: the approval record names it",
            at.display()
        ))
    })?;
    if sha256(&bytes) != stored.sha256 {
        return Err(ApprovalError::refused(format!(
            "{} was changed after it was stored: its SHA-256 is no longer the one the approval record pins",
            at.display()
        )));
    }
    Ok(bytes)
}
