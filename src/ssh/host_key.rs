//! The server's host key: made once, on first start, and kept with mode
//! 0600 in the workspace's `.plenary/` folder, which is kept out of git.
//! A key file that does not parse is an error, never silently replaced:
//! members would see a new fingerprint and rightly refuse to connect.

use std::path::{Path, PathBuf};

use russh::keys::ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey};

/// Where the host key lives in a workspace.
pub fn path(root: &Path) -> PathBuf {
    root.join(".plenary").join("host_key")
}

/// A host key that could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum HostKeyError {
    /// The file is there but is not an OpenSSH private key.
    #[error(
        "{path} is not an OpenSSH private key ({reason}); plenary never replaces a host key by itself: restore it from a backup, or remove it to make a new one (members will see a new fingerprint)"
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// The folder or file could not be written.
    #[error("could not write {path}: {reason}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The host key of the workspace at `root`, made (ed25519, mode 0600) if
/// there is none yet; also whether it was just made.
pub fn load_or_create(root: &Path) -> Result<(PrivateKey, bool), HostKeyError> {
    let path = path(root);
    if path.exists() {
        let key = PrivateKey::read_openssh_file(&path).map_err(|e| HostKeyError::Unreadable {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        return Ok((key, false));
    }
    let write = |reason: String| HostKeyError::Write {
        path: path.clone(),
        reason,
    };
    // Everything in .plenary stays out of git, the private key first.
    crate::files::private_folder(root).map_err(|e| write(format!(".plenary {e}")))?;
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| write(e.to_string()))?;
    key.write_openssh_file(&path, LineEnding::LF)
        .map_err(|e| write(e.to_string()))?;
    restrict(&path).map_err(|e| write(e.to_string()))?;
    Ok((key, true))
}

/// The SHA-256 fingerprint of `key`, as `ssh-keygen -l` prints it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// The fingerprint of the workspace's host key, if it has one that reads.
pub fn existing_fingerprint(root: &Path) -> Option<String> {
    PrivateKey::read_openssh_file(path(root))
        .ok()
        .map(|k| fingerprint(&k))
}

#[cfg(unix)]
fn restrict(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_private_and_out_of_git_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (key, made) = load_or_create(dir.path()).unwrap();
        assert!(made);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(dir.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let ignore = std::fs::read_to_string(dir.path().join(".plenary/.gitignore")).unwrap();
        assert_eq!(ignore.trim(), "*");
        let (again, made) = load_or_create(dir.path()).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(&key), fingerprint(&again));
        assert!(fingerprint(&key).starts_with("SHA256:"));
        assert_eq!(existing_fingerprint(dir.path()), Some(fingerprint(&key)));
    }

    #[test]
    fn a_broken_key_is_an_error_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".plenary")).unwrap();
        std::fs::write(path(dir.path()), "not a key").unwrap();
        let err = load_or_create(dir.path()).unwrap_err();
        assert!(err.to_string().contains("never replaces"), "{err}");
        assert_eq!(
            std::fs::read_to_string(path(dir.path())).unwrap(),
            "not a key"
        );
    }
}
