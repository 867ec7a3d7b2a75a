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

/// One finished run of the `plenary` binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr.
    pub stderr: String,
}

impl Run {
    /// The run behind `output`; fails the test if plenary panicked, which
    /// no input may make it do (SPEC 1.3).
    #[track_caller]
    pub fn of(output: std::process::Output) -> Self {
        let run = Self {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(
            !run.stdout.contains("panicked") && !run.stderr.contains("panicked"),
            "plenary panicked:\n{}",
            run.stderr
        );
        run
    }
}

/// Runs `plenary record ROOT MEETING WORDS…` as `by`, at 14:00 UTC on
/// 10 March 2027, and fails the test if it is refused.
pub fn record_as(root: &Path, meeting: &str, by: &str, words: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("record")
        .arg(root)
        .arg(meeting)
        .args(words.split_whitespace())
        .env("PLENARY_BY", by)
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .output()
        .expect("plenary record runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
