//! Approval over `plenary serve` (docs/approval.md): a member's delegate
//! objects from the minutes screen as themselves, and the secretary pastes
//! the signature made on their own machine; the domain records each as
//! the person logged in.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::path::Path;

use common::example_copy;
use russh::keys::ssh_key::{HashAlg, LineEnding};
use ssh::{Screen, demo_key, serve};

const MARCH: &str = "2027-03-steering";

fn plenary(root: &Path, now: &str, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .current_dir(root)
        .env("PLENARY_NOW", now)
        .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
        .output()
        .expect("plenary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// March closed and circulated (10-day window from 10 March); approved on
/// 21 March when `approved`.
fn circulated(root: &Path, approved: bool) {
    // The example's Steering Committee has a 10-day window.
    common::record_as(
        root,
        MARCH,
        "Dr. Sophie Vandenberghe",
        "present eth ceps uct , close-meeting",
    );
    plenary(
        root,
        "2027-03-10T14:00:00Z",
        &["approval", ".", MARCH, "circulate"],
    );
    if approved {
        plenary(
            root,
            "2027-03-21T09:00:00Z",
            &["approval", ".", MARCH, "approve"],
        );
    }
}

fn record(root: &Path) -> String {
    std::fs::read_to_string(root.join("records/2027-03-steering.approval.jsonl"))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_objects_over_ssh_as_themselves() {
    let ws = example_copy();
    circulated(ws.path(), false);
    let server = serve(ws.path()).await;
    let mut screen = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(
        screen.wait_for("Welcome, Dr. Pieter van Wyk").await,
        "{}",
        screen.text()
    );
    screen.keys(b"5").await;
    assert!(
        screen.wait_for("Approval: circulated on 2027-03-10").await,
        "{}",
        screen.text()
    );
    screen.keys(b"o").await;
    screen.keys(b"general Our apologies are missing").await;
    screen.keys(b"\r").await;
    assert!(
        screen
            .wait_for("Recorded: objection by uct on general")
            .await,
        "{}",
        screen.text()
    );
    let text = record(ws.path());
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(r#""by":"Dr. Pieter van Wyk""#) && last.contains(r#""member":"uct""#),
        "{last}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretary_pastes_a_signature_made_elsewhere() {
    let ws = example_copy();
    circulated(ws.path(), true);
    let statement = std::fs::read(ws.path().join("records/2027-03-steering.statement")).unwrap();
    let armored = demo_key("vandenberghe")
        .sign("plenary", HashAlg::Sha512, &statement)
        .unwrap()
        .to_pem(LineEnding::LF)
        .unwrap();
    let server = serve(ws.path()).await;
    let mut screen = Screen::open(server.local_addr(), "vandenberghe").await;
    assert!(
        screen.wait_for("Welcome, Dr. Sophie Vandenberghe").await,
        "{}",
        screen.text()
    );
    screen.keys(b"5").await;
    assert!(
        screen.wait_for("approved on 2027-03-21").await,
        "{}",
        screen.text()
    );
    screen.keys(b"s").await;
    assert!(
        screen.wait_for("plenary approval v1").await,
        "{}",
        screen.text()
    );
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend_from_slice(armored.as_bytes());
    paste.extend_from_slice(b"\x1b[201~");
    // One packet, as a terminal sends a paste (byte by byte, a slow
    // link could split its first Esc off as a key).
    screen.send(&paste).await;
    assert!(screen.wait_for("lines pasted").await, "{}", screen.text());
    screen.keys(b"\r").await;
    assert!(
        screen
            .wait_for("Signed by: Dr. Sophie Vandenberghe (ceps)")
            .await,
        "{}",
        screen.text()
    );
    let text = record(ws.path());
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(r#""step":"signed""#) && last.contains(r#""by":"Dr. Sophie Vandenberghe""#),
        "{last}"
    );
    let stored = std::fs::read_to_string(
        ws.path()
            .join("records/2027-03-steering.sig/1-dr-sophie-vandenberghe.sig"),
    )
    .unwrap();
    assert_eq!(stored, armored, "the pasted bytes, line breaks and all");
    server.shutdown().await;
}
