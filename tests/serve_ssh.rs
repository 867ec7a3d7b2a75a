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
    assert!(
        screen
            .wait_for("Welcome, Dr. Pieter van Wyk (uct, representative): you cast uct's vote")
            .await,
        "{}",
        screen.text()
    );
    assert!(screen.text().contains("Agenda · 2027-03-steering"));
    screen.keys(b"q").await;
    assert!(screen.wait_closed().await, "q ends the session");
    assert_eq!(screen.exit, Some(0));
    assert!(
        String::from_utf8_lossy(&screen.raw).ends_with("\x1b[?1049l"),
        "the terminal is restored"
    );
    server.shutdown().await;
}

/// Records as the secretariat, as `plenary record` does.
fn record(root: &std::path::Path, words: &str) {
    common::record_as(root, "2027-03-steering", "Dr. Sophie Vandenberghe", words);
}

/// The budget vote open, with uct holding usp's proxy.
fn budget_vote_open(root: &std::path::Path) {
    record(
        root,
        "present eth ceps uct iisc unsw columbia , proxy usp uct , open budget-2027 , motion budget-2027 Approve the revised 2027 budget",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_representative_votes_for_its_member_and_no_other() {
    let ws = example_copy();
    budget_vote_open(ws.path());
    let server = serve(ws.path()).await;
    let mut rep = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(rep.wait_for("Approve the revised").await, "{}", rep.text());
    // Roll call, first row, down to iisc (ceps, eth, uct, iisc): refused.
    rep.keys(b"\x1b[H\x1b[B\x1b[B\x1b[By").await;
    let before = journal(ws.path());
    assert!(rep.wait_for("may not vote").await, "{}", rep.text());
    assert_eq!(journal(ws.path()), before, "nothing recorded");
    println!("{}", rep.text());
    // Up to uct, its own member: recorded, as van Wyk.
    rep.keys(b"\x1bOAy").await;
    let text = journal(ws.path());
    let last = text.lines().last().unwrap();
    assert!(last.contains(r#""by":"Dr. Pieter van Wyk""#), "{last}");
    assert!(
        last.contains(r#""event":"vote""#) && last.contains(r#""member":"uct""#),
        "{last}"
    );
    // usp is absent and gave its proxy to uct: van Wyk casts it (row 5).
    rep.keys(b"\x1b[H\x1b[B\x1b[B\x1b[B\x1b[B\x1b[Bn").await;
    let text = journal(ws.path());
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(r#""by":"Dr. Pieter van Wyk""#) && last.contains(r#""member":"usp""#),
        "{last}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_delegates_vote_at_once_each_as_themselves() {
    let ws = example_copy();
    budget_vote_open(ws.path());
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let mut chair = Screen::open(addr, "baumann").await;
    let mut rep = Screen::open(addr, "vanwyk").await;
    assert!(chair.wait_for("Approve the revised").await);
    assert!(rep.wait_for("Approve the revised").await);
    // eth is row 1, uct row 2: both press at the same moment.
    chair.send(b"\x1b[H\x1b[Bn").await;
    rep.send(b"\x1b[H\x1b[B\x1b[By").await;
    // Each sees the other's vote within a second or so.
    assert!(rep.wait_for("Yes 1 (1) · No 3 (1)").await, "{}", rep.text());
    assert!(
        chair.wait_for("Yes 1 (1) · No 3 (1)").await,
        "{}",
        chair.text()
    );
    let text = journal(ws.path());
    let votes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(r#""event":"vote""#))
        .collect();
    assert_eq!(votes.len(), 2, "{text}");
    assert!(votes.iter().any(|l| l.contains(r#""by":"Prof. Lukas Baumann""#) && l.contains(r#""member":"eth""#)));
    assert!(
        votes
            .iter()
            .any(|l| l.contains(r#""by":"Dr. Pieter van Wyk""#) && l.contains(r#""member":"uct""#))
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretarys_close_reaches_every_delegate_and_shutdown_says_the_record_is_safe() {
    let ws = example_copy();
    budget_vote_open(ws.path());
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let mut secretary = Screen::open(addr, "vandenberghe").await;
    let mut rep = Screen::open(addr, "vanwyk").await;
    assert!(rep.wait_for("budget-2027 · decision").await);
    assert!(secretary.wait_for("Approve the revised").await);
    // Roll call: ceps yes, eth yes, uct yes; then close and confirm.
    secretary.keys(b"\x1b[Hyyy").await;
    secretary.keys(b"c").await;
    assert!(
        secretary.wait_for("Close budget-2027?").await,
        "{}",
        secretary.text()
    );
    secretary.keys(b"\r").await;
    assert!(
        rep.wait_for("budget-2027 · decision · rule budget (two-thirds) · closed")
            .await,
        "{}",
        rep.text()
    );
    let seq = journal(ws.path()).lines().count();
    server.shutdown().await;
    assert!(rep.wait_closed().await);
    let goodbye = String::from_utf8_lossy(&rep.raw).into_owned();
    assert!(
        goodbye.contains(&format!("the record is safe at #{seq}")),
        "{goodbye:?}"
    );
    assert_eq!(rep.exit, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_passwords_and_keyboard_interactive_are_refused() {
    let ws = example_copy();
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let stranger =
        russh::keys::PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519).unwrap();
    let mut handle = connect(addr).await;
    assert!(
        !login(&mut handle, stranger).await,
        "a key not in the charter"
    );
    let result = handle
        .authenticate_password("vanwyk", "hunter2")
        .await
        .unwrap();
    assert!(
        !matches!(result, russh::client::AuthResult::Success),
        "passwords"
    );
    let result = handle
        .authenticate_keyboard_interactive_start("vanwyk", None)
        .await
        .unwrap();
    assert!(
        matches!(
            result,
            russh::client::KeyboardInteractiveAuthResponse::Failure { .. }
        ),
        "keyboard-interactive"
    );
    assert!(
        login(&mut handle, demo_key("vanwyk")).await,
        "then a listed key works"
    );
    server.shutdown().await;
}

/// Offers a public key but cannot sign for it: what someone who copied
/// another delegate's public key from the charter can do.
struct NoPrivateKey;

#[derive(Debug)]
struct CannotSign;

impl From<russh::SendError> for CannotSign {
    fn from(_: russh::SendError) -> Self {
        CannotSign
    }
}

impl russh::Signer for NoPrivateKey {
    type Error = CannotSign;

    async fn auth_sign(
        &mut self,
        _key: &russh::keys::agent::AgentIdentity,
        _hash: Option<russh::keys::HashAlg>,
        to_sign: Vec<u8>,
    ) -> Result<Vec<u8>, CannotSign> {
        // A signature by some other key over the right data.
        let other =
            russh::keys::PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519)
                .unwrap();
        let signature =
            russh::keys::signature::Signer::<russh::keys::ssh_key::Signature>::try_sign(
                &other, &to_sign,
            )
            .map_err(|_| CannotSign)?;
        let mut blob = to_sign;
        russh::keys::ssh_encoding::Encode::encode_prefixed(&signature, &mut blob)
            .map_err(|_| CannotSign)?;
        Ok(blob)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_delegates_public_key_without_its_private_key_is_refused() {
    let ws = example_copy();
    let server = serve(ws.path()).await;
    let mut handle = connect(server.local_addr()).await;
    let public = demo_key("baumann").public_key().clone();
    let result = tokio::time::timeout(
        WAIT,
        handle.authenticate_publickey_with("baumann", public, None, &mut NoPrivateKey),
    )
    .await
    .expect("answers in time");
    assert!(
        !matches!(result, Ok(russh::client::AuthResult::Success)),
        "{result:?}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystems_forwarding_and_a_missing_pty_are_refused() {
    let ws = example_copy();
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let mut handle = connect(addr).await;
    assert!(login(&mut handle, demo_key("vanwyk")).await);
    let mut channel = handle.channel_open_session().await.unwrap();
    channel.exec(true, "cat /etc/passwd").await.unwrap();
    assert!(
        matches!(next(&mut channel).await, Some(russh::ChannelMsg::Failure)),
        "exec"
    );
    channel.request_subsystem(true, "sftp").await.unwrap();
    assert!(
        matches!(next(&mut channel).await, Some(russh::ChannelMsg::Failure)),
        "subsystem"
    );
    channel.agent_forward(true).await.unwrap();
    assert!(
        matches!(next(&mut channel).await, Some(russh::ChannelMsg::Failure)),
        "agent"
    );
    assert!(
        handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555)
            .await
            .is_err(),
        "port forwarding"
    );
    assert!(
        handle.channel_open_session().await.is_err(),
        "one session channel"
    );
    // A shell without a pty: one line, exit status 1.
    channel.request_shell(true).await.unwrap();
    let mut said = Vec::new();
    let mut status = None;
    while let Some(msg) = next(&mut channel).await {
        match msg {
            russh::ChannelMsg::Data { data } => said.extend_from_slice(&data),
            russh::ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(
        String::from_utf8_lossy(&said).contains("needs a terminal"),
        "{said:?}"
    );
    assert_eq!(status, Some(1));
    server.shutdown().await;
}

async fn next(channel: &mut russh::Channel<russh::client::Msg>) -> Option<russh::ChannelMsg> {
    tokio::time::timeout(WAIT, channel.wait())
        .await
        .expect("an answer in time")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_removed_from_the_charter_ends_that_persons_sessions_only() {
    let ws = example_copy();
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let mut rep = Screen::open(addr, "vanwyk").await;
    let mut chair = Screen::open(addr, "baumann").await;
    assert!(rep.wait_for("Welcome").await && chair.wait_for("Welcome").await);
    let charter = ws.path().join("charter.toml");
    let text = std::fs::read_to_string(&charter).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.contains("demo-vanwyk"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&charter, without).unwrap();
    assert!(rep.wait_closed().await, "{}", rep.text());
    let goodbye = String::from_utf8_lossy(&rep.raw).into_owned();
    assert!(
        goodbye.contains("your key was removed from the charter"),
        "{goodbye:?}"
    );
    // The others stay, and the removed key no longer logs in.
    chair.keys(b"?").await;
    assert!(!chair.closed);
    let mut handle = connect(addr).await;
    assert!(!login(&mut handle, demo_key("vanwyk")).await);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_ends_with_a_message() {
    let ws = example_copy();
    let mut options =
        plenary::ssh::ServeOptions::new(ws.path().to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.limits.idle = std::time::Duration::from_secs(1);
    let server = plenary::ssh::Server::start(options).await.unwrap();
    let mut rep = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(rep.wait_closed().await, "{}", rep.text());
    let goodbye = String::from_utf8_lossy(&rep.raw).into_owned();
    assert!(
        goodbye.contains("closed after a long time without a key"),
        "{goodbye:?}"
    );
    assert_eq!(rep.exit, Some(0));
    server.shutdown().await;
}

/// A benchmark figure, not a timed assertion: bytes sent per cursor key
/// (only the changed cells travel), against a full 80x24 repaint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_key_sends_a_small_diff_not_a_repaint() {
    let ws = example_copy();
    budget_vote_open(ws.path());
    let server = serve(ws.path()).await;
    let mut rep = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(rep.wait_for("Approve the revised").await);
    rep.keys(b"").await;
    let mut sizes = Vec::new();
    for key in [b"\x1b[B", b"\x1b[A"].iter().cycle().take(10) {
        let before = rep.raw.len();
        rep.keys(*key).await;
        sizes.push(rep.raw.len() - before);
    }
    let before = rep.raw.len();
    rep.keys(b"\x0c").await; // Ctrl-L: a full repaint
    let repaint = rep.raw.len() - before;
    assert!(
        !rep.closed && rep.text().contains("Approve the revised"),
        "Ctrl-L repaints"
    );
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    println!("bytes per cursor key: median {median} (all {sizes:?}); full repaint {repaint}");
    assert!(median < repaint, "a key sends less than a repaint");
    server.shutdown().await;
}

/// The SHA-256 (hex) of line `seq` of the March journal, as on disk.
fn line_hash(root: &std::path::Path, seq: usize) -> String {
    let text = journal(root);
    let line = text.lines().nth(seq - 1).unwrap();
    plenary::meeting::hash_line(line.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_sees_the_receipt_of_their_vote_and_the_secretary_none() {
    let ws = example_copy();
    budget_vote_open(ws.path());
    let server = serve(ws.path()).await;
    let addr = server.local_addr();
    let mut rep = Screen::open(addr, "vanwyk").await;
    let mut secretary = Screen::open(addr, "vandenberghe").await;
    assert!(rep.wait_for("Approve the revised").await, "{}", rep.text());
    assert!(!rep.text().contains("receipt #"), "no vote, no receipt");
    // uct is row 3 (ceps, eth, uct): yes.
    rep.keys(b"\x1b[H\x1b[B\x1b[By").await;
    assert!(rep.wait_for("receipt #").await, "{}", rep.text());
    let seq = journal(ws.path()).lines().count();
    let screen = rep.text();
    let line = screen.lines().find(|l| l.contains("receipt #")).unwrap();
    assert!(line.contains(&format!("receipt #{seq} ")), "{line}");
    let shown: String = line
        .split("sha256 ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert!(shown.len() >= 8, "{line}");
    assert!(line_hash(ws.path(), seq).starts_with(&shown), "{line}");
    // Everyone sees the vote; only the voter has a receipt for it.
    assert!(secretary.wait_for("Yes 1").await, "{}", secretary.text());
    assert!(!secretary.text().contains("receipt #"));
    // A change of vote gives a new receipt.
    rep.keys(b"\x1b[H\x1b[B\x1b[Bn").await;
    let seq = journal(ws.path()).lines().count();
    assert!(
        rep.wait_for(&format!("receipt #{seq} ")).await,
        "{}",
        rep.text()
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_opening_connections_in_a_loop_is_turned_away_before_the_handshake() {
    use plenary::ssh::{ServeOptions, Server};
    let ws = example_copy();
    let mut options = ServeOptions::new(ws.path().to_path_buf(), "127.0.0.1:0".parse().unwrap());
    // Two at once: the burst of one address is as many as the server takes.
    options.max_sessions = 2;
    let server = Server::start(options).await.unwrap();
    let addr = server.local_addr();
    let handshake = |addr| async move {
        let config = std::sync::Arc::new(russh::client::Config::default());
        tokio::time::timeout(WAIT, russh::client::connect(config, addr, ssh::Client))
            .await
            .expect("answers in time")
            .is_ok()
    };
    // Each connection is closed again at once: the slots are free, but the
    // address has spent its burst.
    assert!(handshake(addr).await);
    assert!(handshake(addr).await);
    // Long enough for the server to free both slots, too short to earn a
    // token (0.3 of one).
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert!(!handshake(addr).await, "the third in a row is refused");
    // The bucket refills at two per second.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    assert!(handshake(addr).await, "a moment later it is let in again");
    server.shutdown().await;
}

/// The May written procedure over `plenary serve` (SPEC 8, 9): the uct
/// representative sees the deadline in Cape Town's zone and replies for uct
/// with a key, whatever row is selected; the reply is recorded as theirs,
/// for uct only, with no evidence (the member replied itself).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_representative_replies_in_a_written_procedure_for_its_own_member() {
    const MAY: &str = "2027-05-steering-seed-grants";
    let ws = example_copy();
    common::record_as(ws.path(), MAY, "Dr. Sophie Vandenberghe", "open-procedure");
    let mut options =
        plenary::ssh::ServeOptions::new(ws.path().to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.meeting = Some(MAY.into());
    options.now = Some("2027-05-03T09:00:00Z".parse().unwrap());
    let server = plenary::ssh::Server::start(options)
        .await
        .expect("server starts");
    let mut rep = Screen::open(server.local_addr(), "vanwyk").await;
    assert!(
        rep.wait_for("Welcome, Dr. Pieter van Wyk (uct, representative): you reply for uct")
            .await,
        "{}",
        rep.text()
    );
    assert!(
        rep.wait_for("closes Fri 14 May 23:59 CEST = Fri 14 May 23:59 SAST")
            .await,
        "{}",
        rep.text()
    );
    // Down to iisc's row, then yes: the reply is uct's own.
    rep.keys(b"\x1b[H\x1b[B\x1b[B\x1b[By").await;
    assert!(rep.wait_for("Recorded").await, "{}", rep.text());
    let text = std::fs::read_to_string(ws.path().join(format!("records/{MAY}.jsonl"))).unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        last.contains(r#""by":"Dr. Pieter van Wyk""#)
            && last.contains(r#""event":"reply""#)
            && last.contains(r#""member":"uct""#)
            && !last.contains("via"),
        "{last}"
    );
    // A reply is final: the second is refused and nothing is written.
    rep.keys(b"n").await;
    assert!(rep.wait_for("a reply is final").await, "{}", rep.text());
    let after = std::fs::read_to_string(ws.path().join(format!("records/{MAY}.jsonl"))).unwrap();
    assert_eq!(after, text);
    server.shutdown().await;
}
