//! Done-when of `plenary serve`: two delegates log in with the real
//! OpenSSH client (in tmux) using the demo keys, vote at once, see each
//! other's votes, cannot vote for anyone else, resize and quit; the host
//! key is the same after a restart. Needs `ssh` (openssh-client) and tmux.

mod common;
#[path = "common/serve_process.rs"]
mod serve_process;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use serve_process::start_on;

/// A tmux server of our own running one ssh client.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Self {
        let tmux = Self {
            socket: format!("plenary-ssh-{}-{name}", std::process::id()),
        };
        let status = tmux
            .cmd(&[
                "new-session",
                "-d",
                "-x",
                "80",
                "-y",
                "24",
                "-s",
                "main",
                command,
            ])
            .status()
            .expect("tmux is installed");
        assert!(status.success(), "tmux could not start");
        tmux
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    fn screen(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "main"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd(&["send-keys", "-t", "main", key])
                .status()
                .expect("send-keys");
            sleep(Duration::from_millis(60));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

/// The OpenSSH client as a member runs it, with a throw-away known_hosts.
fn ssh(port: u16, key: &str, known_hosts: Option<&Path>) -> String {
    let key = common::example().join("demo-keys").join(key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let hosts = match known_hosts {
        Some(path) => format!(
            "-o StrictHostKeyChecking=yes -o UserKnownHostsFile={}",
            path.display()
        ),
        None => "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null".to_owned(),
    };
    format!(
        "timeout --foreground 120 ssh -tt -F /dev/null -p {port} -i {} -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes {hosts} -o LogLevel=ERROR -o ConnectTimeout=5 127.0.0.1; echo SSH-EXIT=$?; sleep 60",
        key.display()
    )
}

fn record(root: &Path, words: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("record")
        .arg(root)
        .arg("2027-03-steering")
        .args(words.split_whitespace())
        .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn two_members_vote_with_the_real_ssh_client() {
    let ws = common::example_copy();
    record(
        ws.path(),
        "present eth ceps uct iisc unsw columbia , proxy usp uct , open budget-2027 , motion budget-2027 Approve the revised 2027 budget",
    );
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let server = start_on(ws.path(), &listen);
    let fingerprint = server.fingerprint.clone();

    let rep = Tmux::start("rep", &ssh(port, "vanwyk", None));
    let chair = Tmux::start("chair", &ssh(port, "baumann", None));
    rep.wait_for("Welcome, Dr. Pieter van Wyk (uct, representative)");
    chair.wait_for("Welcome, Prof. Lukas Baumann (eth, chair): you run the meeting");
    // Both at once: eth (row 1) no, uct (row 2) yes.
    chair.keys(&["Home", "Down", "n"]);
    rep.keys(&["Home", "Down", "Down", "y"]);
    rep.wait_for("Yes 1 (1) · No 3 (1)");
    chair.wait_for("Yes 1 (1) · No 3 (1)");
    // Not for iisc.
    rep.keys(&["y"]); // "yes, next member": the cursor is on iisc now
    rep.wait_for("may not vote for `iisc`");
    // A resize reaches the session: the wider roll call shows more.
    rep.cmd(&["resize-window", "-t", "main", "-x", "120", "-y", "30"])
        .status()
        .unwrap();
    rep.wait_for("Roll call · 7 of 7 present ────────────────────────────");
    rep.keys(&["q"]);
    rep.wait_for("SSH-EXIT=0");
    chair.keys(&["q"]);
    chair.wait_for("SSH-EXIT=0");

    let journal =
        std::fs::read_to_string(ws.path().join("records/2027-03-steering.jsonl")).unwrap();
    let votes: Vec<&str> = journal
        .lines()
        .filter(|l| l.contains(r#""event":"vote""#))
        .collect();
    assert_eq!(votes.len(), 2, "{journal}");
    assert!(
        votes
            .iter()
            .any(|l| l.contains(r#""by":"Dr. Pieter van Wyk""#) && l.contains(r#""member":"uct""#))
    );
    assert!(votes.iter().any(|l| l.contains(r#""by":"Prof. Lukas Baumann""#) && l.contains(r#""member":"eth""#)));
    assert_eq!(server.stop(), Some(0));

    // After a restart, the client that trusts the first key logs in.
    let public = Command::new("ssh-keygen")
        .args(["-y", "-f"])
        .arg(ws.path().join(".plenary/host_key"))
        .output()
        .unwrap();
    let known_hosts = ws.path().join("known_hosts");
    std::fs::write(
        &known_hosts,
        format!(
            "[127.0.0.1]:{port} {}",
            String::from_utf8_lossy(&public.stdout)
        ),
    )
    .unwrap();
    let again = start_on(ws.path(), &listen);
    assert_eq!(again.fingerprint, fingerprint);
    let rep = Tmux::start("again", &ssh(port, "vanwyk", Some(&known_hosts)));
    rep.wait_for("Welcome, Dr. Pieter van Wyk");
    rep.keys(&["q"]);
    rep.wait_for("SSH-EXIT=0");
    assert_eq!(again.stop(), Some(0));
}
