//! The SSH server: its own accept loop (a bound on sessions and a login
//! grace time apply before the handshake), public-key authentication
//! against the charter's keys, one session channel per connection with a
//! pty, and a thread per session running the interface.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use russh::keys::ssh_key::public::KeyData;
use russh::server::{Auth, Handle, Msg, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Disconnect, MethodKind, MethodSet, Pty};
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore, mpsc};

use super::host_key;
use super::keys::{AuthorizedKeys, KeyError, KeyHolder};
use super::session::{self, ClientEnv, Feed, Out, SessionLimits, SessionStart, clamp_size, end};
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

/// A running server.
pub struct Server {
    addr: SocketAddr,
    fingerprint: String,
    host_key_made: bool,
    shared: Arc<Shared>,
    accept: tokio::task::JoinHandle<()>,
}

struct Shared {
    options: ServeOptions,
    config: Arc<russh::server::Config>,
    keys: RwLock<AuthorizedKeys>,
    sessions: Mutex<Vec<Live>>,
    next_id: AtomicU64,
    stop: Notify,
    stopping: AtomicBool,
}

/// A session the server can reach.
struct Live {
    id: u64,
    key: KeyData,
    end: Arc<AtomicU8>,
    feed: SyncSender<Feed>,
}

impl Server {
    /// Loads the workspace, its keys and the host key, and starts
    /// listening.
    pub async fn start(options: ServeOptions) -> Result<Self, ServeError> {
        let ws =
            Workspace::load(&options.root).map_err(|e| ServeError::Workspace(e.to_string()))?;
        let keys = AuthorizedKeys::from_charter(&ws.charter)?;
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
            config: Arc::new(config),
            keys: RwLock::new(keys),
            sessions: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            stop: Notify::new(),
            stopping: AtomicBool::new(false),
        });
        tokio::spawn(watch_charter(shared.clone()));
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Self {
            addr,
            fingerprint,
            host_key_made,
            shared,
            accept,
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
    loop {
        let Ok((tcp, peer)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        // Over the limit: the connection is closed before any handshake.
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            drop(tcp);
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let shared = shared.clone();
        tokio::spawn(async move {
            let logged_in = Arc::new(AtomicBool::new(false));
            let handler = Connection::new(shared.clone(), logged_in.clone(), peer);
            let grace = shared.options.login_grace;
            let started = tokio::time::timeout(
                grace,
                russh::server::run_stream(shared.config.clone(), tcp, handler),
            )
            .await;
            if let Ok(Ok(running)) = started {
                let handle = running.handle();
                let timer = tokio::spawn(async move {
                    tokio::time::sleep(grace).await;
                    if !logged_in.load(Ordering::SeqCst) {
                        let _ = handle
                            .disconnect(
                                Disconnect::ByApplication,
                                "no login in time".into(),
                                "en".into(),
                            )
                            .await;
                    }
                });
                let _ = running.await;
                timer.abort();
            }
            drop(permit);
        });
    }
}

/// Reads the charter again when it changes: a key no longer listed ends
/// its sessions; a new key can log in. A charter that does not load keeps
/// the keys as they were.
async fn watch_charter(shared: Arc<Shared>) {
    let path = shared.options.root.join("charter.toml");
    let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut seen: Option<SystemTime> = modified(&path);
    while !shared.stopping.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = modified(&path);
        if now == seen {
            continue;
        }
        seen = now;
        let root = shared.options.root.clone();
        let loaded = tokio::task::spawn_blocking(move || {
            let ws = Workspace::load(&root).map_err(|e| e.to_string())?;
            AuthorizedKeys::from_charter(&ws.charter).map_err(|e| e.to_string())
        })
        .await;
        let keys = match loaded {
            Ok(Ok(keys)) => keys,
            Ok(Err(e)) => {
                eprintln!(
                    "plenary serve: charter.toml changed but does not load; keys unchanged: {e}"
                );
                continue;
            }
            Err(_) => continue,
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

/// One connection: who logged in and their one session channel.
struct Connection {
    shared: Arc<Shared>,
    logged_in: Arc<AtomicBool>,
    peer: SocketAddr,
    who: Option<(KeyHolder, KeyData)>,
    channel: Option<ChannelId>,
    pty: Option<(u16, u16)>,
    env: ClientEnv,
    feed: Option<SyncSender<Feed>>,
    /// Bytes sent since the client last opened its window (it reads).
    unread: Arc<AtomicU64>,
}

impl Connection {
    fn new(shared: Arc<Shared>, logged_in: Arc<AtomicBool>, peer: SocketAddr) -> Self {
        Self {
            shared,
            logged_in,
            peer,
            who: None,
            channel: None,
            pty: None,
            env: ClientEnv::default(),
            feed: None,
            unread: Arc::new(AtomicU64::new(0)),
        }
    }

    fn holder(&self, key: &KeyData) -> Option<KeyHolder> {
        self.shared.keys.read().ok()?.holder(key).cloned()
    }

    /// Hands bytes or a size to the session; a session that does not keep
    /// up with its input is ended.
    fn pass(&mut self, feed: Feed, session: &mut Session) {
        let Some(tx) = &self.feed else { return };
        if let Err(TrySendError::Full(_)) = tx.try_send(feed) {
            let _ = session.disconnect(Disconnect::ByApplication, "input too fast", "en");
        }
    }

    fn start_session(&mut self, channel: ChannelId, session: &mut Session) {
        let Some((holder, key)) = self.who.clone() else {
            return;
        };
        let (feed_tx, feed_rx) = std::sync::mpsc::sync_channel(256);
        let (out_tx, out_rx) = mpsc::channel(64);
        let end = Arc::new(AtomicU8::new(end::NONE));
        if self.shared.stopping.load(Ordering::SeqCst) {
            end.store(end::SHUTDOWN, Ordering::SeqCst);
        }
        let id = self.shared.next_id.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut sessions) = self.shared.sessions.lock() {
            sessions.push(Live {
                id,
                key,
                end: end.clone(),
                feed: feed_tx.clone(),
            });
        }
        self.feed = Some(feed_tx);
        let start = SessionStart {
            root: self.shared.options.root.clone(),
            holder,
            meeting: self.shared.options.meeting.clone(),
            env: self.env.clone(),
            size: self.pty.unwrap_or(session::DEFAULT_SIZE),
            now: self.shared.options.now,
            limits: self.shared.options.limits,
            end,
        };
        let name = format!("plenary-session-{id}");
        let spawned = std::thread::Builder::new()
            .name(name)
            .spawn(move || session::run(start, feed_rx, out_tx));
        if spawned.is_err() {
            let _ = session.disconnect(Disconnect::ByApplication, "no room for a session", "en");
        }
        tokio::spawn(forward(
            session.handle(),
            channel,
            out_rx,
            self.shared.clone(),
            id,
            self.unread.clone(),
        ));
    }
}

/// The most bytes sent to a client that has not opened its window since
/// (OpenSSH opens it after about 1 MiB read).
const MAX_UNREAD: u64 = 8 * 1024 * 1024;

/// Sends a session's frames to its client; when the session ends, its exit
/// status, EOF and close; when it gives up on the client, drops it.
async fn forward(
    handle: Handle,
    channel: ChannelId,
    mut out: mpsc::Receiver<Out>,
    shared: Arc<Shared>,
    id: u64,
    unread: Arc<AtomicU64>,
) {
    let mut said_goodbye = false;
    while let Some(message) = out.recv().await {
        match message {
            Out::Data(bytes) => {
                // A client that stopped reading is dropped before what it
                // has not read grows without bound (in russh's buffers).
                let len = bytes.len() as u64;
                if unread.fetch_add(len, Ordering::SeqCst) + len > MAX_UNREAD {
                    break;
                }
                if handle.data(channel, bytes).await.is_err() {
                    break;
                }
            }
            Out::Exit(code) => {
                let _ = handle.exit_status_request(channel, code).await;
                let _ = handle.eof(channel).await;
                let _ = handle.close(channel).await;
                said_goodbye = true;
                break;
            }
        }
    }
    if !said_goodbye {
        let _ = handle
            .disconnect(
                Disconnect::ByApplication,
                "the session ended".into(),
                "en".into(),
            )
            .await;
    }
    if let Ok(mut sessions) = shared.sessions.lock() {
        sessions.retain(|l| l.id != id);
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only whether to ask for a signature: the key is not proven yet.
        Ok(match self.holder(offer.public_key.key_data()) {
            Some(_) => Auth::Accept,
            None => Auth::reject(),
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // The signature is verified: this person holds the private key.
        // The SSH user name is ignored; the key says who this is.
        let data = key.public_key.key_data().clone();
        Ok(match self.holder(&data) {
            Some(holder) => {
                self.who = Some((holder, data));
                Auth::Accept
            }
            None => Auth::reject(),
        })
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.logged_in.store(true, Ordering::SeqCst);
        if let Some((holder, _)) = &self.who {
            eprintln!(
                "plenary serve: {} ({}) logged in from {}",
                holder.person, holder.member, self.peer
            );
        }
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session channel per connection; the handler callbacks carry
        // its data, so the channel object itself is not kept (never read,
        // it would fill up).
        if self.channel.is_some() || self.who.is_none() {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        drop(channel);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pty = Some(clamp_size(col_width, row_height));
        self.env.term = Some(term.to_owned());
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let value = Some(value.to_owned());
        match name {
            "TERM" => self.env.term = value,
            "NO_COLOR" => self.env.no_color = value,
            "COLORTERM" => self.env.colorterm = value,
            "LANG" => self.env.lang = value,
            _ => return session.channel_failure(channel),
        }
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.pty.is_none() {
            session.channel_success(channel)?;
            session.data(
                channel,
                "plenary: the meeting needs a terminal; connect with `ssh -t`\r\n"
                    .as_bytes()
                    .to_vec(),
            )?;
            session.exit_status_request(channel, 1)?;
            session.eof(channel)?;
            return session.close(channel);
        }
        if self.feed.is_some() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        self.start_session(channel, session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The meeting interface only: never a command.
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pass(Feed::Bytes(data.to_vec()), session);
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (width, height) = clamp_size(col_width, row_height);
        self.pass(Feed::Resize(width, height), session);
        Ok(())
    }

    async fn window_adjusted(
        &mut self,
        _channel: ChannelId,
        _new_size: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The client reads what it is sent.
        self.unread.store(0, Ordering::SeqCst);
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The client will send nothing more: the session's input ends.
        self.feed = None;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.feed = None;
        Ok(())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // A disconnect ends the session's input, so its thread finishes.
        self.feed = None;
    }
}
