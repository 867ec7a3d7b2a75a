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
    /// Committee (none: without the table), March recorded and closed.
    pub fn closed(veto_days: Option<u32>) -> Self {
        let ws = Self {
            dir: common::example_copy(),
        };
        // The example's Steering Committee has a window of ten days.
        const EXAMPLE: &str = "  [bodies.minutes]\n  veto_days = 10\n";
        match veto_days {
            Some(10) => {}
            Some(days) => ws.edit("charter.toml", |text| {
                text.replacen(
                    EXAMPLE,
                    &format!("  [bodies.minutes]\n  veto_days = {days}\n"),
                    1,
                )
            }),
            None => ws.edit("charter.toml", |text| text.replacen(EXAMPLE, "", 1)),
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

/// A new ed25519 key without passphrase, `ssh-keygen -t ed25519 -N ''`,
/// its private file mode 0600; returns the private key's path.
pub fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    let status = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success());
    chmod_600(&key);
    key
}

/// Mode 0600, as ssh-keygen wants of a private key.
pub fn chmod_600(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
}

/// The public key text of a private key file (`KEY.pub`).
pub fn public(key: &Path) -> String {
    let text = std::fs::read_to_string(key.with_extension("pub")).expect("public key");
    text.trim().to_owned()
}

/// `ssh-keygen -Y sign -n plenary -f KEY` over `message`: the armored
/// signature.
pub fn ssh_sign(key: &Path, message: &[u8]) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new("ssh-keygen")
        .args(["-Y", "sign", "-n", "plenary", "-f"])
        .arg(key)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ssh-keygen runs");
    child.stdin.take().unwrap().write_all(message).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

impl Ws {
    /// Lists `public` as the ssh_key of the delegate whose key line holds
    /// `marker` (`demo-baumann`: the chair of ETH, the body's chair).
    pub fn set_key(&self, marker: &str, public: &str) {
        self.edit("charter.toml", |text| {
            text.lines()
                .map(|l| match l.contains(marker) {
                    true => format!("  ssh_key = \"{public} {marker}\"\n"),
                    false => format!("{l}\n"),
                })
                .collect()
        });
    }

    /// `ssh-keygen -Y verify` of a signature file with the record's
    /// allowed_signers, as `principal`.
    pub fn openssh_verifies(&self, principal: &str, signature: &str) -> bool {
        let statement = std::fs::File::open(self.record_file(&format!("{MARCH}.statement")))
            .expect("statement");
        std::process::Command::new("ssh-keygen")
            .args(["-Y", "verify", "-n", "plenary", "-I", principal, "-f"])
            .arg(self.record_file(&format!("{MARCH}.allowed_signers")))
            .arg("-s")
            .arg(self.record_file(signature))
            .stdin(statement)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("ssh-keygen runs")
            .success()
    }
}
