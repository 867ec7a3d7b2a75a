//! What the library's unit tests share: a private copy of the example
//! alliance, so that a test may record into it.

use std::path::{Path, PathBuf};

use crate::workspace::Workspace;

/// The bundled example workspace, `agendas/gcra`.
pub fn example_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra")
}

/// A copy of the example's charter and agendas in a temporary folder, and
/// the workspace loaded from it.
pub fn example_copy() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for entry in std::fs::read_dir(example_root()).expect("the example") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copied");
        }
    }
    let ws = Workspace::load(dir.path()).expect("the example workspace is valid");
    (dir, ws)
}
