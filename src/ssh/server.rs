//! The SSH server: its own accept loop (a bound on sessions and a login
//! grace time apply before the handshake), the shared hub every session
//! reads and records through (its disk watch, and a wake-up for every
//! session on each change), the charter's keys (reloaded when the charter
//! changes), and shutdown. Each connection is handled in
//! [`super::connection`]; each session runs on its own thread.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use russh::keys::ssh_key::public::KeyData;
use russh::{Disconnect, MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore};

use super::connection::Connection;
use super::host_key;
use super::keys::{AuthorizedKeys, KeyError};
use super::limit::AddressBuckets;
use super::session::{Feed, SessionLimits, end};
use crate::hub::{DiskWatch, Hub};
use crate::workspace::Workspace;

/// How `plenary serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The workspace folder.
    pub root: PathBuf,
    /// Where to listen (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// The meeting each session opens on (else the first agenda).
    pub meeting: Option<String>,
    /// The most connections at once.
    pub max_sessions: usize,
    /// A connection that has not logged in by then is dropped.
    pub login_grace: Duration,
    /// The bounds on each session.
    pub limits: SessionLimits,
    /// A fixed "now" for every session (tests), else the system clock.
    pub now: Option<DateTime<Utc>>,
}

impl ServeOptions {
    /// The defaults for serving `root` on `listen`.
    pub fn new(root: PathBuf, listen: SocketAddr) -> Self {
        Self {
            root,
            listen,
            meeting: None,
            max_sessions: 64,
            login_grace: Duration::from_secs(30),
            limits: SessionLimits::default(),
            now: None,
        }
    }
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The workspace does not load.
    #[error("{0}")]
    Workspace(String),
    /// The charter's keys are wrong.
    #[error(transparent)]
    Keys(#[from] KeyError),
    /// The host key cannot be read or made.
    #[error(transparent)]
    HostKey(#[from] host_key::HostKeyError),
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {reason}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        reason: String,
    },
}

/// How often the hub looks at the disk for what other processes wrote
/// (`plenary record`, a local `plenary`, an edited charter).
/// Twenty looks a second cost a few dozen small reads each, and keep what
/// another process records within a frame or two of its fsync.
const DISK_CHECK: Duration = Duration::from_millis(50);

/// A running server.
pub struct Server {
    addr: SocketAddr,
    fingerprint: String,
    host_key_made: bool,
    shared: Arc<Shared>,
    accept: tokio::task::JoinHandle<()>,
    follow: tokio::task::JoinHandle<()>,
    _watch: DiskWatch,
}

pub(super) struct Shared {
    pub(super) options: ServeOptions,
    /// The one core every session reads and records through.
    pub(super) hub: Arc<Hub>,
    pub(super) config: Arc<russh::server::Config>,
    pub(super) keys: RwLock<AuthorizedKeys>,
    pub(super) sessions: Mutex<Vec<Live>>,
    pub(super) next_id: AtomicU64,
    pub(super) stop: Notify,
    pub(super) stopping: AtomicBool,
}

/// A session the server can reach.
pub(super) struct Live {
    pub(super) id: u64,
    pub(super) key: KeyData,
    pub(super) end: Arc<AtomicU8>,
    pub(super) feed: SyncSender<Feed>,
}

impl Server {
    /// Loads the workspace, its keys and the host key, and starts
    /// listening.
    pub async fn start(options: ServeOptions) -> Result<Self, ServeError> {
        let ws =
            Workspace::load(&options.root).map_err(|e| ServeError::Workspace(e.to_string()))?;
        let keys = AuthorizedKeys::from_charter(&ws.charter)?;
        let hub = Hub::new(ws);
        let (key, host_key_made) = host_key::load_or_create(&options.root)?;
        let fingerprint = host_key::fingerprint(&key);
        let config = russh::server::Config {
            methods: MethodSet::from(&[MethodKind::PublicKey][..]),
            auth_rejection_time: Duration::from_millis(300),
            auth_rejection_time_initial: Some(Duration::ZERO),
            max_auth_attempts: 6,
            keys: vec![key],
            inactivity_timeout: None,
            keepalive_interval: Some(Duration::from_secs(30)),
            keepalive_max: 4,
            nodelay: true,
            ..Default::default()
        };
        let listener = TcpListener::bind(options.listen)
            .await
            .map_err(|e| ServeError::Listen {
                addr: options.listen,
                reason: e.to_string(),
            })?;
        let addr = listener.local_addr().map_err(|e| ServeError::Listen {
            addr: options.listen,
            reason: e.to_string(),
        })?;
        let shared = Arc::new(Shared {
            options,
            hub,
            config: Arc::new(config),
            keys: RwLock::new(keys),
            sessions: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            stop: Notify::new(),
            stopping: AtomicBool::new(false),
        });
        let watch = shared.hub.watch_disk(DISK_CHECK);
        let follow = tokio::spawn(follow_hub(shared.clone()));
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Self {
            addr,
            fingerprint,
            host_key_made,
            shared,
            accept,
            follow,
            _watch: watch,
        })
    }

    /// The address bound (the real port for `:0`).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The host key's SHA-256 fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Whether the host key was made by this start.
    pub fn host_key_made(&self) -> bool {
        self.host_key_made
    }

    /// The shared core every session reads and records through: what an
    /// embedding program records here reaches every session at once.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.shared.hub
    }

    /// How many keys may log in now.
    pub fn authorized_keys(&self) -> usize {
        self.shared.keys.read().map_or(0, |k| k.len())
    }

    /// How many sessions are running.
    pub fn sessions(&self) -> usize {
        self.shared.sessions.lock().map_or(0, |s| s.len())
    }

    /// Stops accepting, tells every session the record is safe and ends
    /// it, waiting a few seconds at most for their goodbyes to be sent.
    pub async fn shutdown(self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.stop.notify_waiters();
        self.accept.abort();
        self.follow.abort();
        if let Ok(sessions) = self.shared.sessions.lock() {
            for live in sessions.iter() {
                live.end.store(end::SHUTDOWN, Ordering::SeqCst);
                let _ = live.feed.try_send(Feed::Wake);
            }
        }
        for _ in 0..150 {
            if self.sessions() == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let slots = Arc::new(Semaphore::new(shared.options.max_sessions));
    let mut buckets = AddressBuckets::new(shared.options.max_sessions);
    loop {
        let Ok((tcp, peer)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        // An address opening connections in a loop is turned away before
        // any handshake, so it cannot take the slots others need.
        if !buckets.allow(peer.ip(), std::time::Instant::now()) {
            drop(tcp);
            continue;
        }
        // Over the limit: the connection is closed before any handshake.
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            drop(tcp);
            continue;
        };
        let _ = tcp.set_nodelay(true);
        // A second handle on the socket, to close it from outside: russh
        // runs the connection on a task of its own, and a client that
        // stopped reading never lets a polite disconnect through.
        let Ok((tcp, closer)) = with_closer(tcp) else {
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let logged_in = Arc::new(AtomicBool::new(false));
            let dropped = Arc::new(Notify::new());
            let handler = Connection::new(shared.clone(), logged_in.clone(), peer, dropped.clone());
            let grace = shared.options.login_grace;
            let started = tokio::time::timeout(
                grace,
                russh::server::run_stream(shared.config.clone(), tcp, handler),
            )
            .await;
            if let Ok(Ok(running)) = started {
                let handle = running.handle();
                let late = dropped.clone();
                let timer = tokio::spawn(async move {
                    tokio::time::sleep(grace).await;
                    if !logged_in.load(Ordering::SeqCst) {
                        let bye = handle.disconnect(
                            Disconnect::ByApplication,
                            "no login in time".into(),
                            "en".into(),
                        );
                        let _ = tokio::time::timeout(Duration::from_secs(2), bye).await;
                        late.notify_one();
                    }
                });
                let mut running = running;
                tokio::select! {
                    _ = &mut running => {}
                    () = dropped.notified() => {
                        let _ = closer.shutdown(std::net::Shutdown::Both);
                        // The closed socket ends russh's task at once.
                        let _ = tokio::time::timeout(Duration::from_secs(5), running).await;
                    }
                }
                timer.abort();
            }
            let _ = closer.shutdown(std::net::Shutdown::Both);
            drop(permit);
        });
    }
}

/// The connection, and a second handle on its socket that can shut it.
fn with_closer(
    tcp: tokio::net::TcpStream,
) -> std::io::Result<(tokio::net::TcpStream, std::net::TcpStream)> {
    let std = tcp.into_std()?;
    let closer = std.try_clone()?;
    Ok((tokio::net::TcpStream::from_std(std)?, closer))
}

/// Follows the hub: every new generation wakes every session at once (so
/// an event shows on every screen as soon as it is on disk), and a new
/// charter changes who may log in: a key no longer listed ends its
/// sessions; a new key can log in. Files that no longer load keep the keys
/// as they were, and the server says why once.
async fn follow_hub(shared: Arc<Shared>) {
    let mut changes = shared.hub.subscribe();
    let mut workspace = shared.hub.snapshot().workspace().clone();
    let mut problem: Option<String> = None;
    while changes.changed().await.is_ok() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        if let Ok(sessions) = shared.sessions.lock() {
            for live in sessions.iter() {
                // A full queue means the session is busy reading input; it
                // takes the new state at its next tick, within a second.
                let _ = live.feed.try_send(Feed::Changed);
            }
        }
        let snapshot = shared.hub.snapshot();
        if snapshot.problem() != problem.as_deref() {
            problem = snapshot.problem().map(str::to_owned);
            if let Some(p) = &problem {
                eprintln!(
                    "plenary serve: the workspace changed but does not load; keys unchanged: {p}"
                );
            }
        }
        if Arc::ptr_eq(snapshot.workspace(), &workspace) {
            continue;
        }
        workspace = snapshot.workspace().clone();
        let keys = match AuthorizedKeys::from_charter(&workspace.charter) {
            Ok(keys) => keys,
            Err(e) => {
                eprintln!(
                    "plenary serve: charter.toml changed but its keys are refused; keys unchanged: {e}"
                );
                continue;
            }
        };
        if let Ok(sessions) = shared.sessions.lock() {
            for live in sessions.iter().filter(|l| !keys.contains(&l.key)) {
                live.end.store(end::REVOKED, Ordering::SeqCst);
                let _ = live.feed.try_send(Feed::Wake);
            }
        }
        if let Ok(mut current) = shared.keys.write() {
            *current = keys;
        }
    }
}
