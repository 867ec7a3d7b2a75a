//! Files that are what they claim (SPEC 3): every file plenary reads or
//! writes in a workspace is a regular file, opened without following a
//! symbolic link, and read only up to a stated size.
//!
//! A link (git stores them, so a shared workspace can carry one) could send
//! a write to a shell rc file; a FIFO would block a reader forever and a
//! device such as `/dev/zero` never ends. Each open here therefore uses
//! `O_NOFOLLOW` (a link is refused, even a dangling one) and `O_NONBLOCK`
//! (opening a FIFO does not wait for a writer), then checks the opened
//! file's own type, so nothing can be swapped in between the check and the
//! use. This module knows nothing of journals or TOML.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// What kind of file this is, for a message: "a symbolic link", "a FIFO", …
pub fn kind_name(kind: FileType) -> &'static str {
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// The error for a file that is not a regular one.
pub fn not_regular(kind: FileType) -> io::Error {
    let what = kind_name(kind);
    let message = if kind.is_symlink() {
        format!("is {what}: plenary does not follow links, it reads and writes only regular files")
    } else {
        format!("is {what}, not a regular file: plenary reads and writes only regular files")
    };
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// The error for a file larger than a reader accepts.
pub fn too_large(size: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("is too large ({size} bytes; at most {limit} are read)"),
    )
}

/// The metadata of `path` itself (a link is not followed), or `None` when
/// nothing is there; an error when something other than a regular file is.
pub fn regular_metadata(path: &Path) -> io::Result<Option<Metadata>> {
    match path.symlink_metadata() {
        Ok(meta) if meta.file_type().is_file() => Ok(Some(meta)),
        Ok(meta) => Err(not_regular(meta.file_type())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens an existing regular file for reading. A link, FIFO or device is
/// refused without blocking; a missing file is `NotFound`.
pub fn open_read(path: &Path) -> io::Result<File> {
    open_checked(OpenOptions::new().read(true), path)
}

/// Opens a regular file for reading and appending, creating it (mode 0644)
/// when `create` is set. A link is refused, dangling or not, so nothing is
/// ever created or written at a link's target.
pub fn open_append(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(create);
    open_checked(&mut options, path)
}

fn open_checked(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    // The type is looked at first so that a link gets its own message
    // (O_NOFOLLOW alone says only "too many levels of symbolic links").
    if let Ok(meta) = path.symlink_metadata()
        && !meta.file_type().is_file()
    {
        return Err(not_regular(meta.file_type()));
    }
    let file = options
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "is a symbolic link: plenary does not follow links, it reads and writes only regular files",
                )
            } else {
                e
            }
        })?;
    // What was opened, whatever the name pointed to a moment before.
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(not_regular(kind));
    }
    Ok(file)
}

/// Reads all of `file`, refusing it once it holds more than `limit` bytes
/// (a file can grow while it is read, so the limit is enforced on the
/// bytes, not only on the size stated up front).
pub fn read_limited(file: &mut File, limit: u64) -> io::Result<Vec<u8>> {
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads the regular file at `path`, at most `limit` bytes; `None` when it
/// does not exist.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    match open_read(path) {
        Ok(mut file) => read_limited(&mut file, limit).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_within_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "hello").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap().unwrap(), b"hello");
        let e = read_regular(&path, 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge, "{e}");
        assert!(read_regular(&dir.path().join("none"), 5).unwrap().is_none());
    }

    #[test]
    fn links_are_refused_even_dangling_ones() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "secret").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = read_regular(&link, 100).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        let e = open_append(&link, true).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"secret");

        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("missing"), &dangling).unwrap();
        assert!(open_append(&dangling, true).is_err());
        assert!(!dir.path().join("missing").exists(), "nothing created");
        assert!(regular_metadata(&dangling).is_err());
    }

    #[test]
    fn devices_and_folders_are_refused_without_reading() {
        let e = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 100).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
    }
}
