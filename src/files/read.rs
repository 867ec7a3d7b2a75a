//! Reading a file into text, turning unreadable content into diagnostics.

use std::path::Path;

use super::{Diagnostic, SourceFile};

/// Charters and agendas are hand-written; anything larger than this is not
/// one, and refusing it up front keeps `check` fast on any input.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads `path` as UTF-8 text, or explains why it cannot be used.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let size = std::fs::metadata(path)
        .map_err(|e| Diagnostic::whole_file(path, format!("cannot read file: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::whole_file(
            path,
            format!(
                "file is too large ({size} bytes); charter, agenda and ballot files are limited to {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::whole_file(path, format!("cannot read file: {e}")))?;
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
