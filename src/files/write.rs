//! Writing a file atomically: a temporary file in the same folder, flushed
//! to disk, then renamed into place, so a reader (or a crash) never sees
//! half a file (SPEC 5). Only a regular file is ever replaced: `--force`
//! over a link, FIFO or device (`-o /dev/null --force`) is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::regular::{kind_name, regular_metadata};

/// The prefix and suffix of plenary's temporary files (`.plenary-*.tmp`):
/// a crash can leave one behind, and the next writer holding the folder's
/// lock removes it (see `meeting::Journal`).
pub const TEMP_PREFIX: &str = ".plenary-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and replacing it was not asked for (`--force`).
    #[error("{} already exists; use --force to replace it", .0.display())]
    Exists(PathBuf),
    /// Something other than a regular file is there, which is never
    /// replaced, `--force` or not.
    #[error("{} is {kind}, not a regular file: plenary replaces only regular files", path.display())]
    NotRegular {
        /// The file to be written.
        path: PathBuf,
        /// What is there ("a symbolic link", "a character device", …).
        kind: &'static str,
    },
    /// The system refused.
    #[error("cannot write {}: {}", path.display(), cause)]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the system said (shown in the message, so not also a
        /// `source`: the reporting layer would print it twice).
        cause: std::io::Error,
    },
}

/// Writes `content` to `path`, creating its folder. Without `force` an
/// existing file is left untouched and reported; the check and the rename
/// are one atomic step, so a file that appears meanwhile is not clobbered.
/// With `force` only a regular file is replaced.
pub fn write_atomic(path: &Path, content: &str, force: bool) -> Result<(), WriteError> {
    let folder = folder_of(path);
    std::fs::create_dir_all(folder).map_err(|cause| io(path, cause))?;
    place(path, content.as_bytes(), force, true)
}

/// Replaces (or creates) the regular file at `path` with `content`
/// atomically and durably: temporary file, fsync, rename, folder fsync.
/// The folder must exist. Used for files plenary owns, such as a journal's
/// head.
pub fn replace_atomic(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    place(path, content, true, true)
}

/// Replaces (or creates) the regular file at `path` with `content`
/// atomically but without waiting for the disk: for a cache that is
/// checked before it is used (a meeting's checkpoint), where losing the
/// newest version in a crash costs one slower read and saves two syncs.
pub fn replace_cache(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    place(path, content, true, false)
}

fn io(path: &Path, cause: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.to_owned(),
        cause,
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn place(path: &Path, content: &[u8], force: bool, durable: bool) -> Result<(), WriteError> {
    let io = |cause| io(path, cause);
    let folder = folder_of(path);
    // What is at `path` itself, a link not followed: without `force`
    // anything there (a dangling link too) is left alone; with it, only a
    // regular file is replaced.
    match path.symlink_metadata() {
        Ok(_) if !force => return Err(WriteError::Exists(path.to_owned())),
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(WriteError::NotRegular {
                path: path.to_owned(),
                kind: kind_name(meta.file_type()),
            });
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)
        .map_err(io)?;
    temp.write_all(content).map_err(io)?;
    // A temporary file is private (0600); exports are documents for others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        temp.as_file().set_permissions(readable).map_err(io)?;
    }
    if durable {
        temp.as_file().sync_all().map_err(io)?;
    }
    let placed = if force {
        // Looked at again just before the rename, which is as close as a
        // rename over a name can come to checking what it replaces.
        if let Err(e) = regular_metadata(path) {
            return Err(match path.symlink_metadata() {
                Ok(meta) => WriteError::NotRegular {
                    path: path.to_owned(),
                    kind: kind_name(meta.file_type()),
                },
                Err(_) => io(e),
            });
        }
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    placed.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_owned())
        } else {
            io(e.error)
        }
    })?;
    if !durable {
        return Ok(());
    }
    // The rename is durable only once the folder's entry is on disk.
    std::fs::File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.ics");
        write_atomic(&path, "first", false).unwrap();
        let err = write_atomic(&path, "second", false).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write_atomic(&path, "third", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "readable by others, like any document");
        }
        // Nothing but the file itself is left in the folder.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go makes the rename fail.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "x").unwrap();
        assert!(write_atomic(&path, "content", true).is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("taken")]);
    }

    #[test]
    fn force_replaces_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_atomic(&link, "new", true).unwrap_err();
        assert!(matches!(err, WriteError::NotRegular { .. }), "{err}");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        // A dangling link is something that exists, too.
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("missing"), &dangling).unwrap();
        assert!(write_atomic(&dangling, "new", false).is_err());
        assert!(write_atomic(&dangling, "new", true).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(!dir.path().join("missing").exists());
    }
}
