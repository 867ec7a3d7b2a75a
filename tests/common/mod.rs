//! What the integration tests share: the bundled example workspace and
//! private copies of it (tests never write into `agendas/`), and helpers to
//! drive the terminal interface. Each test crate uses only some of it.
#![allow(dead_code)]

pub mod tui;

use std::path::{Path, PathBuf};

/// The bundled example workspace, `agendas/gcra`.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra")
}

/// A private copy of the example's charter and agendas (no records), in a
/// folder removed when the value is dropped.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(example()).expect("example workspace") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy");
        }
    }
    dir
}
