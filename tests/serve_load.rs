//! A bounded load test of `plenary serve` on loopback, to the issue's size:
//! a generated alliance of 50 full members (one delegate key each) and an
//! agenda of 20 decision items. For each item the secretariat opens it and
//! puts the motion (`plenary record`), every one of the 50 sessions casts
//! its own member's vote once, and every session shows every vote and,
//! once the item closes, its outcome. Nothing is lost or refused. Waits are
//! generous bounds, not timing assertions; the times printed are for
//! reading, never asserted.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ssh::{COUNCIL, Screen, random_keys, record_cli, serve_council, wait_all, write_alliance};

const MEMBERS: usize = 50;
const ITEMS: usize = 20;
/// How long one session may take to show something (50 sessions on a
/// shared two-core debug build).
const BOUND: Duration = Duration::from_secs(30);

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

/// The keys that select agenda item `k` (the room then shows it) and go
/// back to the roll call.
fn select_item_keys(k: usize) -> Vec<u8> {
    let mut keys = b"\t".to_vec();
    if k < ITEMS / 2 {
        keys.extend_from_slice(b"\x1b[H");
        for _ in 0..k {
            keys.extend_from_slice(b"\x1b[B");
        }
    } else {
        keys.extend_from_slice(b"\x1b[F");
        for _ in k..ITEMS - 1 {
            keys.extend_from_slice(b"\x1b[A");
        }
    }
    keys.push(b'\t');
    keys
}

/// Every screen shows `text` within [`BOUND`], and none says a key press
/// was refused.
async fn all_show(screens: Vec<Screen>, text: &str) -> Vec<Screen> {
    let mut out = Vec::with_capacity(screens.len());
    for (i, (screen, seen)) in wait_all(screens, text).await.into_iter().enumerate() {
        assert!(
            seen.is_some(),
            "session {i} does not show {text:?}:\n{}",
            screen.text()
        );
        assert!(
            !screen.text().contains("Not recorded"),
            "session {i} was refused:\n{}",
            screen.text()
        );
        out.push(screen);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_members_vote_on_twenty_items_and_every_session_sees_every_vote() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path();
    let keys = random_keys(MEMBERS);
    write_alliance(root, &keys, ITEMS);
    let members: Vec<String> = (0..MEMBERS).map(|i| format!("m{i:02}")).collect();
    record_cli(root, COUNCIL, &format!("present {}", members.join(" ")));
    let server = serve_council(root).await;
    let addr = server.local_addr();

    let started = Instant::now();
    let mut screens = Vec::new();
    for key in keys {
        let mut screen = Screen::open_with(addr, Arc::new(key)).await;
        screen.wait = BOUND;
        screens.push(screen);
    }
    let mut screens = all_show(screens, "Roll call · 50 of 50 present").await;
    println!("50 sessions open after {:?}", started.elapsed());

    let journal = root.join(format!("records/{COUNCIL}.jsonl"));
    let started = Instant::now();
    for k in 0..ITEMS {
        let item = format!("d{k:02}");
        record_cli(
            root,
            COUNCIL,
            &format!("open {item} , motion {item} Approve decision {k:02}"),
        );
        screens = all_show(screens, &format!("Motion: Approve decision {k:02}")).await;
        // Every session votes at once.
        for (i, screen) in screens.iter_mut().enumerate() {
            screen.send(&vote_keys(i)).await;
        }
        screens = all_show(screens, "Yes 50 (50)").await;
        let text = std::fs::read_to_string(&journal).unwrap();
        let votes = text
            .lines()
            .filter(|l| {
                l.contains(r#""event":"vote""#) && l.contains(&format!(r#""item":"{item}""#))
            })
            .count();
        assert_eq!(votes, MEMBERS, "one vote per member on {item}, none lost");
        record_cli(root, COUNCIL, &format!("close {item}"));
        // Each session selects the closed item in the agenda, which then
        // shows its outcome, and goes back to the roll call.
        for screen in &mut screens {
            screen.send(&select_item_keys(k)).await;
        }
        screens = all_show(
            screens,
            &format!("{item} · decision · rule default (simple) · closed"),
        )
        .await;
        for (i, screen) in screens.iter().enumerate() {
            assert!(
                screen
                    .text()
                    .contains("ADOPTED passed (simple): yes 50, no 0, abstain 0"),
                "session {i} shows {item}'s outcome:\n{}",
                screen.text()
            );
        }
        println!(
            "{item}: 50 votes and the outcome seen by 50 sessions after {:?}",
            started.elapsed()
        );
    }

    // Nothing lost, nothing cast twice, each vote by its own delegate.
    let text = std::fs::read_to_string(&journal).unwrap();
    let votes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(r#""event":"vote""#))
        .collect();
    assert_eq!(votes.len(), MEMBERS * ITEMS, "every vote is in the journal");
    for i in 0..MEMBERS {
        let by = format!(r#""by":"Delegate {i:02}""#);
        let member = format!(r#""member":"m{i:02}""#);
        for k in 0..ITEMS {
            let item = format!(r#""item":"d{k:02}""#);
            let cast: Vec<&&str> = votes
                .iter()
                .filter(|l| l.contains(&member) && l.contains(&item))
                .collect();
            assert_eq!(cast.len(), 1, "m{i:02} voted once on d{k:02}");
            assert!(
                cast[0].contains(&by),
                "cast by Delegate {i:02}: {}",
                cast[0]
            );
        }
    }
    println!("{}", screens[MEMBERS - 1].text());
    server.shutdown().await;
}
