//! A bounded load test of `plenary serve` on loopback: a generated alliance
//! of 50 full members (one delegate key each) and decision items; for each
//! item the secretariat opens it and puts the motion, every one of the 50
//! sessions casts its own member's vote, and every session shows every
//! vote. Nothing is lost or refused. Waits are generous bounds, not
//! timing assertions.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use russh::keys::{Algorithm, PrivateKey};
use ssh::Screen;

const MEMBERS: usize = 50;
const ITEMS: usize = 3;

fn workspace(root: &Path, keys: &[PrivateKey]) {
    let mut charter = String::from(
        "[alliance]\nid = \"load\"\nname = \"Load Test Alliance\"\ntimezone = \"Europe/Brussels\"\n",
    );
    for (i, key) in keys.iter().enumerate() {
        let public = key.public_key().to_openssh().unwrap();
        let role = if i == 0 { "chair" } else { "representative" };
        write!(
            charter,
            "\n[[members]]\nid = \"m{i:02}\"\nname = \"Member {i:02}\"\nkind = \"university\"\ncountry = \"BE\"\ntimezone = \"Europe/Brussels\"\nstatus = \"full\"\nweight = 1\n\n  [[members.delegates]]\n  name = \"Delegate {i:02}\"\n  email = \"d{i:02}@example.org\"\n  role = \"{role}\"\n  ssh_key = \"{public}\"\n"
        )
        .unwrap();
    }
    charter.push_str(
        "\n[[bodies]]\nid = \"council\"\nname = \"Council\"\nmembers = [\"*\"]\nchair = \"m00\"\nquorum = \"1/2\"\nquorum_basis = \"weight\"\ncasting_vote = \"chair\"\nmax_proxies = 1\n\n  [bodies.rules]\n  default = \"simple\"\n",
    );
    std::fs::write(root.join("charter.toml"), charter).unwrap();
    let mut agenda = String::from(
        "[meeting]\nid = \"2027-03-council\"\nbody = \"council\"\ntitle = \"Council\"\nstart = 2027-03-10T14:00:00Z\nduration = \"90m\"\n",
    );
    for k in 0..ITEMS {
        write!(
            agenda,
            "\n[[items]]\nid = \"d{k}\"\ntitle = \"Decision {k}\"\nkind = \"decision\"\nrule = \"default\"\nminutes = 5\n"
        )
        .unwrap();
    }
    std::fs::write(root.join("2027-03-council.toml"), agenda).unwrap();
}

fn record(root: &Path, words: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("record")
        .arg(root)
        .arg("2027-03-council")
        .args(words.split_whitespace())
        .env("PLENARY_BY", "Secretariat")
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The keys that put the roll call on row `i` and vote yes.
fn vote_keys(i: usize) -> Vec<u8> {
    let mut keys = Vec::new();
    if i < MEMBERS / 2 {
        keys.extend_from_slice(b"\x1b[H");
        for _ in 0..i {
            keys.extend_from_slice(b"\x1b[B");
        }
    } else {
        keys.extend_from_slice(b"\x1b[F");
        for _ in i..MEMBERS - 1 {
            keys.extend_from_slice(b"\x1b[A");
        }
    }
    keys.push(b'y');
    keys
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_vote_on_every_item_and_every_session_sees_every_vote() {
    let ws = tempfile::tempdir().unwrap();
    let keys: Vec<PrivateKey> = (0..MEMBERS)
        .map(|_| PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap())
        .collect();
    workspace(ws.path(), &keys);
    let members: Vec<String> = (0..MEMBERS).map(|i| format!("m{i:02}")).collect();
    record(ws.path(), &format!("present {}", members.join(" ")));
    let mut options =
        plenary::ssh::ServeOptions::new(ws.path().to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.now = Some("2027-03-10T14:00:00Z".parse().unwrap());
    let server = plenary::ssh::Server::start(options)
        .await
        .expect("server starts");
    let addr = server.local_addr();

    let mut screens = Vec::new();
    for key in keys {
        let mut screen = Screen::open_with(addr, Arc::new(key)).await;
        // 50 sessions on a shared debug build: a generous bound.
        screen.wait = std::time::Duration::from_secs(90);
        screens.push(screen);
    }
    for screen in &mut screens {
        assert!(
            screen.wait_for("Roll call · 50 of 50 present").await,
            "{}",
            screen.text()
        );
    }
    let journal = ws.path().join("records/2027-03-council.jsonl");
    let started = std::time::Instant::now();
    for k in 0..ITEMS {
        record(
            ws.path(),
            &format!("open d{k} , motion d{k} Approve decision {k}"),
        );
        for screen in &mut screens {
            assert!(
                screen
                    .wait_for(&format!("Motion: Approve decision {k}"))
                    .await,
                "{}",
                screen.text()
            );
        }
        // Every session votes at once.
        for (i, screen) in screens.iter_mut().enumerate() {
            screen.send(&vote_keys(i)).await;
        }
        for screen in &mut screens {
            assert!(screen.wait_for("Yes 50 (50)").await, "{}", screen.text());
            assert!(!screen.text().contains("Not recorded"), "{}", screen.text());
        }
        let text = std::fs::read_to_string(&journal).unwrap();
        let votes = text
            .lines()
            .filter(|l| l.contains(r#""event":"vote""#) && l.contains(&format!(r#""item":"d{k}""#)))
            .count();
        assert_eq!(votes, MEMBERS, "one vote per member on d{k}");
        record(ws.path(), &format!("close d{k}"));
        println!(
            "item d{k}: 50 votes seen by 50 sessions after {:?}",
            started.elapsed()
        );
    }
    let text = std::fs::read_to_string(&journal).unwrap();
    for i in 0..MEMBERS {
        let by = format!(r#""by":"Delegate {i:02}""#);
        let cast = text
            .lines()
            .filter(|l| l.contains(&by) && l.contains(&format!(r#""member":"m{i:02}""#)))
            .count();
        assert_eq!(
            cast, ITEMS,
            "Delegate {i:02} cast m{i:02}'s vote on every item"
        );
    }
    // Every session shows the first item's outcome (the room shows the
    // selected item once none is open).
    for screen in &mut screens {
        assert!(
            screen
                .wait_for("d0 · decision · rule default (simple) · closed")
                .await,
            "{}",
            screen.text()
        );
    }
    server.shutdown().await;
}
