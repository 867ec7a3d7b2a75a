//! What the approval tests share: a copy of the example whose Steering
//! Committee has a veto window, its March meeting recorded and closed,
//! and a runner for the binary under a fixed clock.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common::{self, Run};

/// The March meeting.
pub const MARCH: &str = "2027-03-steering";

/// A workspace for approval tests.
pub struct Ws {
    /// The temporary folder.
    pub dir: tempfile::TempDir,
}

impl Ws {
    /// The example with `[bodies.minutes] veto_days = N` on the Steering
    /// Committee (none: without it), March recorded and closed.
    pub fn closed(veto_days: Option<u32>) -> Self {
        let ws = Self {
            dir: common::example_copy(),
        };
        if let Some(days) = veto_days {
            ws.edit("charter.toml", |text| {
                text.replacen(
                    "  [bodies.rules]\n  default = \"simple\"\n  # Spending",
                    &format!("  [bodies.minutes]\n  veto_days = {days}\n\n  [bodies.rules]\n  default = \"simple\"\n  # Spending"),
                    1,
                )
            });
        }
        ws.record(
            MARCH,
            "2027-03-10T14:00:00Z",
            "present eth ceps uct iisc unsw usp columbia , open minutes , motion minutes Approve the February minutes , vote minutes eth=yes ceps=yes uct=yes , close minutes , close-meeting",
        );
        ws
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the workspace.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// `records/<name>`.
    pub fn record_file(&self, name: &str) -> PathBuf {
        self.root().join("records").join(name)
    }

    /// Rewrites a file of the workspace.
    pub fn edit(&self, name: &str, change: impl FnOnce(String) -> String) {
        let path = self.path(name);
        let text = std::fs::read_to_string(&path).expect("file");
        let changed = change(text.clone());
        assert_ne!(changed, text, "the edit of {name} changed nothing");
        std::fs::write(path, changed).expect("write");
    }

    /// Runs plenary with `args` (the workspace is not added) at `now`.
    pub fn run(&self, now: &str, args: &[&str]) -> Run {
        let output = Command::cargo_bin("plenary")
            .expect("binary")
            .current_dir(self.root())
            .args(args)
            .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
            .env("PLENARY_NOW", now)
            .env_remove("SSH_AUTH_SOCK")
            .output()
            .expect("plenary runs");
        Run::of(output)
    }

    /// `plenary record . MEETING WORDS…`, which must succeed.
    pub fn record(&self, meeting: &str, now: &str, words: &str) {
        let mut args = vec!["record", ".", meeting];
        args.extend(words.split_whitespace());
        let run = self.run(now, &args);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }

    /// `plenary approval . MARCH WORDS…` at `now`.
    pub fn approval(&self, now: &str, words: &str) -> Run {
        let mut args = vec!["approval", ".", MARCH];
        args.extend(words.split_whitespace());
        self.run(now, &args)
    }

    /// Like [`Ws::approval`], which must succeed.
    #[track_caller]
    pub fn approves(&self, now: &str, words: &str) -> Run {
        let run = self.approval(now, words);
        assert_eq!(run.code, Some(0), "{words}: {}", run.stderr);
        run
    }

    /// Like [`Ws::approval`], which must be refused with `message`.
    #[track_caller]
    pub fn refused(&self, now: &str, words: &str, message: &str) {
        let run = self.approval(now, words);
        assert_eq!(run.code, Some(1), "{words} was not refused: {}", run.stdout);
        assert!(run.stderr.contains(message), "{words}: {}", run.stderr);
    }

    /// Circulated on 15 March and approved after the window (10 days).
    pub fn approved(veto_days: u32) -> Self {
        let ws = Self::closed(Some(veto_days));
        ws.approves("2027-03-15T09:00:00Z", "circulate");
        ws.approves("2027-04-01T09:00:00Z", "approve");
        ws
    }

    /// `plenary check .`.
    pub fn check(&self) -> Run {
        self.run("2027-04-02T09:00:00Z", &["check", "."])
    }
}
