//! A client that stops reading (docs/serve.md, "Limits"): it logs in, gets
//! a pty and a shell, and then its SSH layer is never handed another byte
//! from the server, so it never reads its channel again and never opens
//! its window, though it keeps typing (full repaints, Ctrl-L, at a large
//! size). Meanwhile the secretariat records events and several normal
//! sessions show each within a generous bound, and the server closes the
//! staller's connection once its unread output passes the limit.

mod common;
#[path = "common/ssh.rs"]
mod ssh;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use plenary::meeting::{Event, Meeting};
use plenary::workspace::Workspace;
use ssh::{COUNCIL, Screen, random_keys, record_cli, serve_council, write_alliance};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The normal sessions.
const NORMAL: usize = 4;
/// Events recorded while the staller stalls, at most.
const STEPS: usize = 19;
/// How long a normal session may take to show an event.
const BOUND: Duration = Duration::from_secs(15);
/// How long the server may take to drop the staller once it stalls.
const DROP_BOUND: Duration = Duration::from_secs(60);
/// The staller's SSH window: small, so the server can put little of its
/// output on the wire before it must queue the rest.
const WINDOW: u32 = 64 * 1024;
/// The staller's screen: the largest the server draws, so that each of its
/// repaints is large.
const BIG: (u16, u16) = (500, 200);

/// The session threads running in this process (`plenary-session-N`,
/// cut to 15 characters by the kernel).
fn session_threads() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| {
            tasks
                .filter_map(Result::ok)
                .filter(|t| {
                    std::fs::read_to_string(t.path().join("comm"))
                        .is_ok_and(|c| c.starts_with("plenary-sessio"))
                })
                .count()
        })
        .unwrap_or(0)
}

/// What the staller's transport saw.
#[derive(Default)]
struct Tap {
    /// Set: no byte from the server reaches the client any more.
    stalled: AtomicBool,
    /// Bytes from the server withheld from the client since the stall.
    withheld: AtomicU64,
    /// When the server closed the TCP connection.
    closed_at: Mutex<Option<Instant>>,
}

/// A TCP connection to `addr` behind an in-memory pipe: bytes from the
/// client always go through; bytes from the server reach the client until
/// the tap is stalled, and after that are only counted (read off the
/// socket, so that the server's close is seen at once).
async fn tapped(addr: SocketAddr) -> (tokio::io::DuplexStream, Arc<Tap>) {
    let tcp = tokio::net::TcpStream::connect(addr).await.expect("tcp");
    tcp.set_nodelay(true).unwrap();
    let (mut tcp_read, mut tcp_write) = tcp.into_split();
    let (client, pipe) = tokio::io::duplex(1 << 16);
    let (mut pipe_read, mut pipe_write) = tokio::io::split(pipe);
    let tap = Arc::new(Tap::default());
    tokio::spawn(async move {
        let _ = tokio::io::copy(&mut pipe_read, &mut tcp_write).await;
    });
    let down = tap.clone();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = match tcp_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if down.stalled.load(Ordering::SeqCst) {
                down.withheld.fetch_add(n as u64, Ordering::SeqCst);
            } else if pipe_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        *down.closed_at.lock().unwrap() = Some(Instant::now());
        // The client's SSH layer learns of the close only now.
        let _ = pipe_write.shutdown().await;
    });
    (client, tap)
}

/// Records `events` on the council as the secretariat, in this process;
/// returns once they are on disk.
async fn record(root: &Path, events: Vec<Event>) {
    let root = root.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let ws = Workspace::load(&root).expect("workspace");
        let meeting = Meeting::new(&ws, ws.agenda(COUNCIL).expect("agenda")).expect("meeting");
        let now = "2027-03-10T14:00:00Z".parse().unwrap();
        meeting
            .record("Secretariat", now, events)
            .expect("recorded");
    })
    .await
    .expect("record task");
}

/// The events of step `k`: the previous item closes, item `k` opens, and
/// a note is taken on it.
fn step(k: usize) -> Vec<Event> {
    let mut events = Vec::new();
    if k > 0 {
        events.push(Event::ItemClosed {
            item: format!("d{:02}", k - 1),
            outcome: None,
        });
    }
    events.push(Event::ItemOpened {
        item: format!("d{k:02}"),
    });
    events.push(Event::Note {
        item: Some(format!("d{k:02}")),
        text: format!("Stall check {k:02}"),
    });
    events
}

/// Every normal screen shows the note of step `k` within [`BOUND`].
async fn all_show(screens: Vec<Screen>, k: usize) -> (Vec<Screen>, Duration) {
    let text = format!("Note: Stall check {k:02}");
    let started = tokio::time::Instant::now();
    let mut slowest = Duration::ZERO;
    let mut out = Vec::new();
    for (i, (screen, seen)) in ssh::wait_all(screens, &text).await.into_iter().enumerate() {
        let Some(seen) = seen else {
            panic!(
                "normal session {i} does not show {text:?} within {BOUND:?}:\n{}",
                screen.text()
            );
        };
        slowest = slowest.max(seen - started);
        out.push(screen);
    }
    (out, slowest)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_and_never_slows_the_others() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path();
    let keys = random_keys(NORMAL + 1);
    write_alliance(root, &keys, STEPS + 1);
    let members: Vec<String> = (0..=NORMAL).map(|i| format!("m{i:02}")).collect();
    record_cli(root, COUNCIL, &format!("present {}", members.join(" ")));
    let server = serve_council(root).await;
    let addr = server.local_addr();
    let mut keys = keys.into_iter().map(Arc::new);

    // The staller logs in like anyone, on a large screen, and reads at
    // first: one full repaint (Ctrl-L) shows what each of its presses costs.
    let (stream, tap) = tapped(addr).await;
    let config = russh::client::Config {
        window_size: WINDOW,
        ..Default::default()
    };
    let mut staller = Screen::open_over(stream, config, keys.next().unwrap(), BIG).await;
    assert!(
        staller.wait_for("Roll call · 5 of 5 present").await,
        "{}",
        staller.text()
    );
    staller.drain(Duration::from_millis(500)).await;
    let before = staller.raw.len();
    staller.send(b"\x0c").await;
    staller.drain(Duration::from_secs(2)).await;
    let repaint = staller.raw.len() - before;
    println!("a full repaint at {}x{}: {repaint} bytes", BIG.0, BIG.1);
    assert!(repaint > 10_000, "a full repaint at {BIG:?} is large");

    let mut screens = Vec::new();
    for key in keys {
        let mut screen = Screen::open_with(addr, key).await;
        screen.wait = BOUND;
        screens.push(screen);
    }
    for screen in &mut screens {
        assert!(
            screen.wait_for("Roll call · 5 of 5 present").await,
            "{}",
            screen.text()
        );
    }
    assert_eq!(server.sessions(), NORMAL + 1);

    // The stall: nothing more reaches the staller's SSH layer. It keeps
    // pressing Ctrl-L, one press a packet at the rate the server takes
    // keys (20 a second), each a full repaint: 8 MiB in well under a
    // minute.
    tap.stalled.store(true, Ordering::SeqCst);
    let stalled_at = Instant::now();
    let typing = Arc::new(AtomicBool::new(true));
    let presses = Arc::new(AtomicU64::new(0));
    let typist = {
        let (typing, presses) = (typing.clone(), presses.clone());
        tokio::spawn(async move {
            while typing.load(Ordering::SeqCst) {
                if staller.channel.data_bytes(vec![0x0c]).await.is_err() {
                    break;
                }
                presses.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            staller
        })
    };

    // The meeting goes on; every normal session keeps up.
    let mut dropped = None;
    let mut k = 0;
    while k < STEPS && stalled_at.elapsed() < DROP_BOUND {
        record(root, step(k)).await;
        let (next, slowest) = all_show(screens, k).await;
        screens = next;
        let closed = *tap.closed_at.lock().unwrap();
        println!(
            "step {k:02}: 4 normal sessions showed it within {slowest:?}; {:?} after the stall; {} session threads, {} sessions; staller sent {} Ctrl-L, {} bytes withheld, closed: {}",
            stalled_at.elapsed(),
            session_threads(),
            server.sessions(),
            presses.load(Ordering::SeqCst),
            tap.withheld.load(Ordering::SeqCst),
            closed.is_some()
        );
        if let Some(at) = closed
            && dropped.is_none()
        {
            dropped = Some(at - stalled_at);
        }
        k += 1;
        if dropped.is_some() && k >= 3 {
            break;
        }
    }
    // Wait out the rest of the bound if the meeting ran out of items.
    while dropped.is_none() && stalled_at.elapsed() < DROP_BOUND {
        tokio::time::sleep(Duration::from_millis(200)).await;
        dropped = tap.closed_at.lock().unwrap().map(|at| at - stalled_at);
    }
    typing.store(false, Ordering::SeqCst);
    let withheld = tap.withheld.load(Ordering::SeqCst);
    println!(
        "staller: {} Ctrl-L at {}x{} sent; {withheld} bytes withheld; closed by the server after {dropped:?}",
        presses.load(Ordering::SeqCst),
        BIG.0,
        BIG.1
    );
    let Some(dropped) = dropped else {
        panic!(
            "the server did not close the staller's connection within {DROP_BOUND:?} ({} Ctrl-L of ~{repaint} bytes each sent, {withheld} bytes put on the wire past the window, sessions listed: {}, session threads running: {})",
            presses.load(Ordering::SeqCst),
            server.sessions(),
            session_threads()
        );
    };
    // It kept to the window: what it put on the wire after the stall is
    // about one window, the rest it held (and dropped with the client).
    assert!(
        withheld < u64::from(WINDOW) * 2 + 64 * 1024,
        "the server sent {withheld} bytes past a {WINDOW}-byte window"
    );
    let staller = typist.await.unwrap();
    drop(staller);
    for _ in 0..50 {
        if server.sessions() == NORMAL {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        server.sessions(),
        NORMAL,
        "only the staller's session ended"
    );

    // The others carry on.
    record(root, step(k)).await;
    let (screens, slowest) = all_show(screens, k).await;
    println!("after the drop: shown within {slowest:?} (dropped after {dropped:?})");
    drop(screens);
    server.shutdown().await;
}
