//! The workspace's private folder, `.plenary/`: what plenary keeps for
//! itself beside the shared files (the server's host key, the meetings'
//! checkpoints), never to be committed.

use std::io;
use std::path::{Path, PathBuf};

use super::regular::kind_name;

/// What `.plenary/.gitignore` says: nothing in the folder belongs in git,
/// a private key least of all.
const GITIGNORE: &str = "*\n";

/// The workspace's `.plenary/` folder, made (with its `.gitignore`) when
/// it is not there yet. Something other than a real folder there (a link
/// could send the host key or a checkpoint anywhere) is an error.
pub fn private_folder(root: &Path) -> io::Result<PathBuf> {
    let folder = root.join(".plenary");
    match folder.symlink_metadata() {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => return Err(not_a_folder(meta.file_type())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match std::fs::create_dir(&folder) {
            // Made by another process meanwhile: fine if it is a folder.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return private_folder(root),
            other => other?,
        },
        Err(e) => return Err(e),
    }
    // A folder made by hand gets one too; one that is there is kept.
    let ignore = folder.join(".gitignore");
    if let Err(e) = ignore.symlink_metadata() {
        if e.kind() != io::ErrorKind::NotFound {
            return Err(e);
        }
        crate::files::replace_atomic(&ignore, GITIGNORE.as_bytes())
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    Ok(folder)
}

fn not_a_folder(kind: std::fs::FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "is {}, not a folder: plenary keeps its own files only in a real `.plenary/` folder (it does not follow links)",
            kind_name(kind)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_with_a_gitignore_that_keeps_everything_out() {
        let dir = tempfile::tempdir().unwrap();
        let folder = private_folder(dir.path()).unwrap();
        assert_eq!(folder, dir.path().join(".plenary"));
        let ignore = std::fs::read_to_string(folder.join(".gitignore")).unwrap();
        assert_eq!(ignore, "*\n");
        std::fs::write(folder.join(".gitignore"), "# kept\n*\n").unwrap();
        private_folder(dir.path()).unwrap();
        let kept = std::fs::read_to_string(folder.join(".gitignore")).unwrap();
        assert_eq!(kept, "# kept\n*\n", "an existing folder is left as it is");
        std::fs::remove_file(folder.join(".gitignore")).unwrap();
        private_folder(dir.path()).unwrap();
        let ignore = std::fs::read_to_string(folder.join(".gitignore")).unwrap();
        assert_eq!(ignore, "*\n", "a folder made by hand gets one");
    }

    #[test]
    fn a_link_in_its_place_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".plenary")).unwrap();
        let error = private_folder(dir.path()).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
