//! `plenary serve` with an in-process SSH client on a loopback port (SPEC
//! 8): who is let in, what is refused, and what each person sees and may
//! record. Every wait is bounded; each test stops its server.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use common::example_copy;
use ssh::{Screen, WAIT, connect, demo_key, login, serve};

fn journal(root: &std::path::Path) -> String {
    std::fs::read_to_string(root.join("records/2027-03-steering.jsonl")).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listed_key_gets_the_meeting_room_as_that_person() {
    let ws = example_copy();
    let server = serve(ws.path()).await;
    let mut screen = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(screen.wait_for("budget").await, "{}", screen.text());
    println!("{}", screen.text());
    screen.keys(b"q").await;
    assert!(screen.wait_closed().await, "q ends the session");
    assert_eq!(screen.exit, Some(0));
    assert!(
        String::from_utf8_lossy(&screen.raw).ends_with("\x1b[?1049l"),
        "the terminal is restored"
    );
    server.shutdown().await;
}
