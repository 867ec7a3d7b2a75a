//! Reading a file into text, turning unreadable content into diagnostics.

use std::path::Path;

use super::{Diagnostic, SourceFile};

/// Charters and agendas are hand-written; anything larger than this is not
/// one, and refusing it up front keeps `check` fast on any input.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `path` as UTF-8 text, or explains why it cannot be used: it must
/// be a regular file (not a link, FIFO or device) of at most
/// [`MAX_FILE_BYTES`].
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    read_source_within(path, MAX_FILE_BYTES, "charter and agenda files are")
}

/// Reads `path` as UTF-8 text like [`read_source`], with its own `limit`
/// in bytes (a whole number of MiB); `what` names the files it applies to
/// in the message, e.g. "ballot files are".
pub fn read_source_within(path: &Path, limit: u64, what: &str) -> Result<SourceFile, Diagnostic> {
    let cannot = |e: std::io::Error| Diagnostic::whole_file(path, format!("cannot read file: {e}"));
    let mut file = super::regular::open_read(path).map_err(cannot)?;
    let too_large = |size: u64| {
        Diagnostic::whole_file(
            path,
            format!(
                "file is too large ({size} bytes); {what} limited to {} MiB",
                limit / (1024 * 1024)
            ),
        )
    };
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit {
        return Err(too_large(size));
    }
    // The limit holds on what is read too, should the file grow meanwhile.
    let bytes = super::regular::read_limited(&mut file, limit).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            too_large(limit + 1)
        } else {
            cannot(e)
        }
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(path, prefix);
            let at = file.text.len();
            Err(file.error(
                at..at,
                format!(
                    "file is not UTF-8 text (byte 0x{:02X} at offset {valid})",
                    bytes[valid]
                ),
            ))
        }
    }
}
