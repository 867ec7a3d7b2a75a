//! Done-when of `plenary serve`: two delegates log in with the real
//! OpenSSH client (in tmux) using the demo keys, vote at once, see each
//! other's votes, cannot vote for anyone else, resize and quit; the host
//! key is the same after a restart. Needs `ssh` (openssh-client) and tmux.

mod common;
#[path = "common/serve_process.rs"]
mod serve_process;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::Command;

use serve_process::start_on;
use tmux::Tmux;

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
    common::record_as(root, "2027-03-steering", "Dr. Sophie Vandenberghe", words);
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

    let rep = Tmux::start("rep", (80, 24), &ssh(port, "vanwyk", None));
    let chair = Tmux::start("chair", (80, 24), &ssh(port, "baumann", None));
    rep.wait_for("Welcome, Dr. Pieter van Wyk (uct, representative)");
    chair.wait_for("Welcome, Prof. Lukas Baumann (eth, chair): you run the meeting");
    // Both at once: eth (row 1) no, uct (row 2) yes.
    chair.keys_apart(&["Home", "Down", "n"]);
    rep.keys_apart(&["Home", "Down", "Down", "y"]);
    rep.wait_for("Yes 1 (1) · No 3 (1)");
    chair.wait_for("Yes 1 (1) · No 3 (1)");
    // Not for iisc.
    rep.keys_apart(&["y"]); // "yes, next member": the cursor is on iisc now
    rep.wait_for("may not vote for `iisc`");
    // A resize reaches the session: the wider roll call shows more.
    rep.cmd(&["resize-window", "-t", "main", "-x", "120", "-y", "30"])
        .status()
        .unwrap();
    rep.wait_for("Roll call · 7 of 7 present ────────────────────────────");
    rep.keys_apart(&["q"]);
    rep.wait_for("SSH-EXIT=0");
    chair.keys_apart(&["q"]);
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
    let rep = Tmux::start("again", (80, 24), &ssh(port, "vanwyk", Some(&known_hosts)));
    rep.wait_for("Welcome, Dr. Pieter van Wyk");
    rep.keys_apart(&["q"]);
    rep.wait_for("SSH-EXIT=0");
    assert_eq!(again.stop(), Some(0));
}
