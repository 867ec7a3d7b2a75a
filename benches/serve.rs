//! `plenary serve` on loopback with in-process SSH clients (issue: many
//! sessions, one meeting). Prints three figures, each on a line starting
//! `serve:`, and times two round trips with criterion:
//!
//! - bytes sent to a session per cursor keystroke (Down/Up in the meeting
//!   room at 80x24, median of 100) against a full repaint (Ctrl-L);
//! - from an event's fsync until all of 50 sessions show it (median; the
//!   goal is under 100 ms), for an event recorded through the server's hub
//!   (what a session of the server records) and for one recorded by
//!   another handle on the journal (what `plenary record` does), which the
//!   hub's disk watch finds;
//! - memory per idle session: the growth of resident memory over 50 idle
//!   sessions, of this process (server and clients) and of a separate
//!   `plenary serve` process (server only).
//!
//! The server's key rate limit is lifted so that keystrokes measure drawing
//! and transport, not the limiter. Run with `cargo bench --bench serve`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use plenary::meeting::{Actor, Event, Meeting};
use plenary::ssh::{ServeOptions, Server, SessionLimits};
use plenary::workspace::Workspace;
use tokio::runtime::Runtime;

#[path = "../tests/common/mod.rs"]
mod common;

#[path = "../tests/common/ssh.rs"]
mod ssh;

use ssh::{COUNCIL, Screen, random_keys, record_cli, wait_all, write_alliance};

const SESSIONS: usize = 50;
const KEYSTROKES: usize = 100;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Options for `root` on a free loopback port, with a fixed clock and no
/// key rate limit.
fn options(root: &Path, meeting: &str) -> ServeOptions {
    let mut options = ServeOptions::new(root.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.meeting = Some(meeting.into());
    options.now = Some("2027-03-10T14:00:00Z".parse().unwrap());
    options.limits = SessionLimits {
        keys_per_second: 1e6,
        key_burst: 1e6,
        ..SessionLimits::default()
    };
    options
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

impl Screen {
    /// Sends `bytes` and reads the one frame they cause; its size in bytes.
    async fn frame_after(&mut self, bytes: &[u8]) -> usize {
        let before = self.raw.len();
        self.send(bytes).await;
        assert!(
            self.wait_until(|s| s.raw.len() > before).await,
            "a frame arrives:\n{}",
            self.text()
        );
        self.raw.len() - before
    }
}

/// A private copy of the example's charter and agendas.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::example()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn keystrokes(c: &mut Criterion) {
    let rt = runtime();
    let ws = example_copy();
    let server = rt
        .block_on(Server::start(options(ws.path(), "2027-03-steering")))
        .expect("server starts");
    let mut screen = rt.block_on(Screen::open(server.local_addr(), "vanwyk"));
    let (keys, repaints) = rt.block_on(async {
        assert!(screen.wait_for("Roll call").await, "{}", screen.text());
        screen.drain(Duration::from_millis(500)).await;
        // Top row, then one row down and up again: every press moves.
        screen.frame_after(b"\x1b[H").await;
        let mut keys = Vec::new();
        for i in 0..KEYSTROKES {
            let key: &[u8] = if i % 2 == 0 { b"\x1b[B" } else { b"\x1b[A" };
            keys.push(screen.frame_after(key).await as f64);
        }
        let mut repaints = Vec::new();
        for _ in 0..10 {
            repaints.push(screen.frame_after(b"\x0c").await as f64);
        }
        (keys, repaints)
    });
    let (key, repaint) = (median(keys), median(repaints));
    println!(
        "serve: bytes per keystroke median {key:.0} (full repaint {repaint:.0}, ratio {:.3}) at 80x24 over {KEYSTROKES} Down/Up",
        key / repaint
    );

    let mut group = c.benchmark_group("serve");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    let mut down = true;
    group.bench_function("keystroke round trip 80x24 (key sent to frame read)", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let started = Instant::now();
                for _ in 0..iters {
                    let key: &[u8] = if down { b"\x1b[B" } else { b"\x1b[A" };
                    down = !down;
                    screen.frame_after(key).await;
                }
                started.elapsed()
            })
        });
    });
    group.finish();
    drop(screen);
    rt.block_on(server.shutdown());
}

/// Resident memory of process `pid` ("self" for this one), in KiB.
fn rss_kib(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A generated alliance of [`SESSIONS`] members, all present, `d00` open.
fn alliance() -> (tempfile::TempDir, Vec<Arc<russh::keys::PrivateKey>>) {
    let ws = tempfile::tempdir().unwrap();
    let keys = random_keys(SESSIONS);
    write_alliance(ws.path(), &keys, 3);
    let members: Vec<String> = (0..SESSIONS).map(|i| format!("m{i:02}")).collect();
    record_cli(
        ws.path(),
        COUNCIL,
        &format!("present {} , open d00", members.join(" ")),
    );
    (ws, keys.into_iter().map(Arc::new).collect())
}

async fn open_all(
    addr: std::net::SocketAddr,
    keys: &[Arc<russh::keys::PrivateKey>],
) -> Vec<Screen> {
    let mut screens = Vec::new();
    for key in keys {
        let mut screen = Screen::open_with(addr, key.clone()).await;
        screen.wait = Duration::from_secs(30);
        screens.push(screen);
    }
    let shown = wait_all(screens, "Roll call · 50 of 50 present").await;
    shown
        .into_iter()
        .map(|(s, seen)| {
            assert!(seen.is_some(), "{}", s.text());
            s
        })
        .collect()
}

/// `plenary serve` as a process on a free port; the port.
fn serve_process(root: &Path) -> (std::process::Child, u16) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("serve")
        .arg(root)
        .args(["--listen", "127.0.0.1:0", "--meeting", COUNCIL])
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("plenary serve starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    loop {
        let Ok(line) = rx.recv_timeout(Duration::from_secs(20)) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("plenary serve did not print its address");
        };
        if let Some(port) = line
            .strip_prefix("listening on ")
            .and_then(|a| a.rsplit(':').next())
            .and_then(|p| p.parse().ok())
        {
            return (child, port);
        }
    }
}

fn memory() {
    let rt = runtime();
    // This process: the server and 50 in-process clients.
    let (ws, keys) = alliance();
    let server = rt
        .block_on(Server::start(options(ws.path(), COUNCIL)))
        .expect("server starts");
    std::thread::sleep(Duration::from_millis(300));
    let before = rss_kib("self");
    let screens = rt.block_on(open_all(server.local_addr(), &keys));
    std::thread::sleep(Duration::from_secs(2));
    let after = rss_kib("self");
    let in_process = after.saturating_sub(before) / SESSIONS as u64;
    drop(screens);
    rt.block_on(server.shutdown());

    // A `plenary serve` process: the server alone.
    let (mut child, port) = serve_process(ws.path());
    let pid = child.id().to_string();
    std::thread::sleep(Duration::from_millis(300));
    let before_server = rss_kib(&pid);
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let screens = rt.block_on(open_all(addr, &keys));
    std::thread::sleep(Duration::from_secs(2));
    let after_server = rss_kib(&pid);
    let server_only = after_server.saturating_sub(before_server) / SESSIONS as u64;
    drop(screens);
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "serve: memory per idle session {server_only} KiB (plenary serve: {before_server} KiB -> {after_server} KiB over {SESSIONS} sessions; in-process server and clients: {in_process} KiB each, {before} KiB -> {after} KiB)"
    );
}

fn fanout(c: &mut Criterion) {
    let rt = runtime();
    let (ws, keys) = alliance();
    let server = rt
        .block_on(Server::start(options(ws.path(), COUNCIL)))
        .expect("server starts");
    let mut screens = rt.block_on(open_all(server.local_addr(), &keys));
    let workspace = Workspace::load(ws.path()).unwrap();
    let meeting = Meeting::new(&workspace, workspace.agenda(COUNCIL).unwrap()).unwrap();
    let now = "2027-03-10T14:00:00Z".parse().unwrap();
    let secretariat = Actor::secretariat("Secretariat");
    let mut present = true;
    // m49 leaves and comes back: the roll call's title changes each time.
    // Recorded through the server's hub (as a session of the server
    // records, the secretary's among them), or by another process's handle
    // on the journal (as `plenary record` does), which the hub's disk
    // watch finds.
    let mut one = |screens: Vec<Screen>, in_hub: bool| -> (Vec<Screen>, Duration) {
        present = !present;
        let (event, text) = if present {
            (
                Event::Present {
                    member: "m49".into(),
                    delegate: None,
                },
                "Roll call · 50 of 50 present",
            )
        } else {
            (
                Event::Absent {
                    member: "m49".into(),
                },
                "Roll call · 49 of 50 present",
            )
        };
        match in_hub {
            true => {
                server
                    .hub()
                    .record(COUNCIL, &secretariat, now, vec![event])
                    .expect("recorded");
            }
            false => {
                meeting
                    .record("Secretariat", now, vec![event])
                    .expect("recorded");
            }
        }
        let fsynced = tokio::time::Instant::now();
        let shown = rt.block_on(wait_all(screens, text));
        let mut last = fsynced;
        let mut out = Vec::new();
        for (screen, seen) in shown {
            let seen = seen.unwrap_or_else(|| panic!("shown in time:\n{}", screen.text()));
            last = last.max(seen);
            out.push(screen);
        }
        (out, last - fsynced)
    };

    let mut group = c.benchmark_group("serve");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(11));
    group.warm_up_time(Duration::from_millis(100));
    let mut figures = Vec::new();
    for (in_hub, name) in [
        (true, "a session's event"),
        (false, "another process's event"),
    ] {
        let mut latencies = Vec::new();
        group.bench_function(format!("fsync to all 50 sessions showing {name}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (next, took) = one(std::mem::take(&mut screens), in_hub);
                    screens = next;
                    latencies.push(took.as_secs_f64() * 1000.0);
                    total += took;
                }
                total
            });
        });
        figures.push((name, latencies));
    }
    group.finish();
    for (name, latencies) in figures {
        let n = latencies.len();
        let worst = latencies.iter().copied().fold(0.0, f64::max);
        println!(
            "serve: fsync to 50th session, {name}: median {:.0} ms (worst {worst:.0} ms over {n} events)",
            median(latencies)
        );
    }
    drop(screens);
    rt.block_on(server.shutdown());
}

fn serve(c: &mut Criterion) {
    keystrokes(c);
    memory();
    fanout(c);
}

criterion_group!(benches, serve);
criterion_main!(benches);
