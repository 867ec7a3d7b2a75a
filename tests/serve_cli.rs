//! `plenary serve` as a process: it prints its port and host key, keeps
//! the key across restarts (and in invitations), refuses a broken key,
//! and ends cleanly on SIGTERM. Every wait is bounded.

mod common;

#[path = "common/serve_process.rs"]
mod serve_process;

use std::process::Command;

use serve_process::start;

#[test]
fn the_host_key_is_made_once_kept_out_of_git_and_named_in_invitations() {
    let ws = common::example_copy();
    let first = start(ws.path());
    assert_ne!(first.port, 0, "the real port of :0");
    assert!(
        first.fingerprint.starts_with("SHA256:"),
        "{}",
        first.fingerprint
    );
    let fingerprint = first.fingerprint.clone();
    assert_eq!(first.stop(), Some(0), "SIGTERM is a clean stop");
    let ignore = std::fs::read_to_string(ws.path().join(".plenary/.gitignore")).unwrap();
    assert_eq!(ignore.trim(), "*");

    let again = start(ws.path());
    assert_eq!(
        again.fingerprint, fingerprint,
        "the same key after a restart"
    );
    drop(again);

    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["invite"])
        .arg(ws.path())
        .args(["2027-03-steering", "-o", "-"])
        .env("PLENARY_NOW", "2027-02-01T10:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success());
    let ics = String::from_utf8_lossy(&out.stdout).replace("\r\n ", "");
    assert!(ics.contains(&fingerprint), "{ics}");
}

#[test]
fn a_host_key_that_does_not_read_stops_the_server_and_is_kept() {
    let ws = common::example_copy();
    let key = ws.path().join(".plenary/host_key");
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    std::fs::write(&key, "-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("serve")
        .arg(ws.path())
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("never replaces a host key"), "{stderr}");
    assert!(std::fs::read_to_string(&key).unwrap().contains("garbage"));
}
