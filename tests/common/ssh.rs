//! An in-process SSH client for `plenary serve`: log in with a demo key,
//! open a session with a pty, type, and read the screen through a
//! terminal emulator (only changed cells are sent, so raw bytes lie).
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use plenary::ssh::{ServeOptions, Server};
use russh::client::{self, AuthResult, Handle};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use tokio::time::{Instant, timeout};

/// Every wait in these tests ends by then.
pub const WAIT: Duration = Duration::from_secs(10);

/// The demo key pair of `name` (`baumann`, `vanwyk`, `vandenberghe`),
/// made private first as `ssh` would require.
pub fn demo_key(name: &str) -> PrivateKey {
    let path = demo_key_path(name);
    PrivateKey::read_openssh_file(&path).expect("demo key")
}

/// Where the demo private key of `name` is, mode 0600.
pub fn demo_key_path(name: &str) -> PathBuf {
    let path = crate::common::example().join("demo-keys").join(name);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    path
}

/// A server on a free loopback port for the workspace at `root`.
pub async fn serve(root: &Path) -> Server {
    let mut options = ServeOptions::new(root.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.meeting = Some("2027-03-steering".into());
    options.now = Some("2027-03-10T14:00:00Z".parse().unwrap());
    Server::start(options).await.expect("server starts")
}

/// Trusts any host key (the tests check the fingerprint separately).
pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A connection that has not logged in yet.
pub async fn connect(addr: SocketAddr) -> Handle<Client> {
    let config = Arc::new(client::Config::default());
    timeout(WAIT, client::connect(config, addr, Client))
        .await
        .expect("connects in time")
        .expect("connects")
}

/// Logs in with `key`; whether it was let in.
pub async fn login(handle: &mut Handle<Client>, key: PrivateKey) -> bool {
    let key = PrivateKeyWithHashAlg::new(Arc::new(key), None);
    let result = timeout(WAIT, handle.authenticate_publickey("anyone", key))
        .await
        .expect("answers in time")
        .expect("auth round trip");
    matches!(result, AuthResult::Success)
}

/// One person's screen over SSH.
pub struct Screen {
    /// The session channel.
    pub channel: Channel<client::Msg>,
    /// What the terminal shows.
    pub parser: vt100::Parser,
    /// The exit status, once sent.
    pub exit: Option<u32>,
    /// Whether the server closed the channel.
    pub closed: bool,
    /// Every byte received.
    pub raw: Vec<u8>,
    /// The connection (kept open).
    pub handle: Handle<Client>,
    /// How long a wait lasts at most ([`WAIT`] unless changed).
    pub wait: Duration,
}

impl Screen {
    /// Logs in as `name` and opens the interface at 80x24.
    pub async fn open(addr: SocketAddr, name: &str) -> Self {
        Self::open_with(addr, Arc::new(demo_key(name))).await
    }

    /// Logs in with `key` and opens the interface at 80x24.
    pub async fn open_with(addr: SocketAddr, key: Arc<PrivateKey>) -> Self {
        Self::open_sized(addr, key, (80, 24)).await
    }

    /// Logs in with `key` and opens the interface at `(columns, rows)`.
    pub async fn open_sized(addr: SocketAddr, key: Arc<PrivateKey>, size: (u16, u16)) -> Self {
        let handle = connect(addr).await;
        Self::start(handle, key, size).await
    }

    /// Logs in with `key` over `stream` (any transport, e.g. one that can
    /// stop reading), with the client `config`, and opens the interface.
    pub async fn open_over<S>(
        stream: S,
        config: client::Config,
        key: Arc<PrivateKey>,
        size: (u16, u16),
    ) -> Self
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let handle = timeout(
            WAIT,
            client::connect_stream(Arc::new(config), stream, Client),
        )
        .await
        .expect("connects in time")
        .expect("connects");
        Self::start(handle, key, size).await
    }

    async fn start(mut handle: Handle<Client>, key: Arc<PrivateKey>, size: (u16, u16)) -> Self {
        let auth = PrivateKeyWithHashAlg::new(key, None);
        let result = timeout(WAIT, handle.authenticate_publickey("anyone", auth))
            .await
            .expect("answers in time")
            .expect("auth round trip");
        assert!(matches!(result, AuthResult::Success), "the key is let in");
        let channel = handle
            .channel_open_session()
            .await
            .expect("session channel");
        let (cols, rows) = size;
        channel
            .request_pty(
                true,
                "xterm-256color",
                u32::from(cols),
                u32::from(rows),
                0,
                0,
                &[],
            )
            .await
            .expect("pty");
        channel.request_shell(true).await.expect("shell");
        Self {
            channel,
            parser: vt100::Parser::new(
                std::num::NonZero::new(rows).unwrap(),
                std::num::NonZero::new(cols).unwrap(),
                0,
            ),
            exit: None,
            closed: false,
            raw: Vec::new(),
            handle,
            wait: WAIT,
        }
    }

    /// The text on the screen now.
    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until the screen shows `text`; false after [`WAIT`].
    pub async fn wait_for(&mut self, text: &str) -> bool {
        self.wait_until(|s| s.text().contains(text)).await
    }

    /// Reads output until `done`, the channel closes, or the wait passes.
    pub async fn wait_until(&mut self, done: impl Fn(&Self) -> bool) -> bool {
        let deadline = Instant::now() + self.wait;
        while !done(self) {
            if self.closed {
                return false;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match timeout(left, self.channel.wait()).await {
                Err(_) => return false,
                Ok(None) => self.closed = true,
                Ok(Some(msg)) => self.take(msg),
            }
        }
        true
    }

    /// Reads until the server closes the channel.
    pub async fn wait_closed(&mut self) -> bool {
        self.wait_until(|s| s.closed).await || self.closed
    }

    fn take(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } => {
                self.parser.process(&data);
                self.raw.extend_from_slice(&data);
            }
            ChannelMsg::ExitStatus { exit_status } => self.exit = Some(exit_status),
            ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    /// Types `bytes` as the client's keyboard would send them.
    pub async fn send(&mut self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("send");
    }

    /// Types `bytes`, then reads the screen for a moment (the session
    /// handles keys in order; a little time lets it draw).
    pub async fn keys(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.send(&[*b]).await;
        }
        let _ = self
            .wait_until_for(Duration::from_millis(300), |_| false)
            .await;
    }

    async fn wait_until_for(&mut self, wait: Duration, done: impl Fn(&Self) -> bool) -> bool {
        let deadline = Instant::now() + wait;
        while !done(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            match timeout(left, self.channel.wait()).await {
                Err(_) => return false,
                Ok(None) => {
                    self.closed = true;
                    return false;
                }
                Ok(Some(msg)) => self.take(msg),
            }
        }
        true
    }
}

impl Screen {
    /// Reads until the screen shows `text`; when it did (`None` after the
    /// wait). On its own task, so that many screens wait at once.
    pub fn spawn_wait_for(
        mut self,
        text: String,
    ) -> tokio::task::JoinHandle<(Self, Option<Instant>)> {
        tokio::spawn(async move {
            let seen = self.wait_for(&text).await.then(Instant::now);
            (self, seen)
        })
    }

    /// Reads whatever has arrived within `wait`, without waiting for more.
    pub async fn drain(&mut self, wait: Duration) {
        let _ = self.wait_until_for(wait, |_| false).await;
    }
}

/// Waits on every screen at once until each shows `text`; the screens in
/// their order, with when each showed it (`None`: not within its wait).
pub async fn wait_all(screens: Vec<Screen>, text: &str) -> Vec<(Screen, Option<Instant>)> {
    let tasks: Vec<_> = screens
        .into_iter()
        .map(|s| s.spawn_wait_for(text.to_owned()))
        .collect();
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.expect("a screen's wait does not panic"));
    }
    out
}

/// The generated alliance's meeting.
pub const COUNCIL: &str = "2027-03-council";

/// `n` fresh ed25519 keys, one per generated member.
pub fn random_keys(n: usize) -> Vec<PrivateKey> {
    (0..n)
        .map(|_| {
            PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519).expect("key")
        })
        .collect()
}

/// Writes a generated alliance at `root`: one full member `mNN` per key
/// (weight 1, one delegate `Delegate NN` with that key; `m00`'s is the
/// chair), a council of all of them, and the meeting [`COUNCIL`] with
/// `items` decision items `d00`, `d01`, … titled `Decision NN`, 5 minutes
/// each (the meeting lasts at least 90 minutes, longer if they need it).
pub fn write_alliance(root: &Path, keys: &[PrivateKey], items: usize) {
    use std::fmt::Write as _;
    let mut charter = String::from(
        "[alliance]\nid = \"load\"\nname = \"Load Test Alliance\"\ntimezone = \"Europe/Brussels\"\n",
    );
    for (i, key) in keys.iter().enumerate() {
        let public = key.public_key().to_openssh().expect("public key");
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
    std::fs::write(root.join("charter.toml"), charter).expect("charter");
    // Long enough for every item's 5-minute time box (plenary check
    // refuses an agenda whose time boxes overrun its meeting).
    let duration = (items * 5).max(90);
    let mut agenda = format!(
        "[meeting]\nid = \"{COUNCIL}\"\nbody = \"council\"\ntitle = \"Council\"\nstart = 2027-03-10T14:00:00Z\nduration = \"{duration}m\"\n"
    );
    for k in 0..items {
        write!(
            agenda,
            "\n[[items]]\nid = \"d{k:02}\"\ntitle = \"Decision {k:02}\"\nkind = \"decision\"\nrule = \"default\"\nminutes = 5\n"
        )
        .unwrap();
    }
    std::fs::write(root.join(format!("{COUNCIL}.toml")), agenda).expect("agenda");
}

/// Records `words` on `meeting` as the secretariat, as `plenary record`
/// does (a subprocess that exits once the events are on disk).
pub fn record_cli(root: &Path, meeting: &str, words: &str) {
    super::common::record_as(root, meeting, "Secretariat", words);
}

/// A server on a free loopback port for the generated alliance at `root`,
/// on [`COUNCIL`].
pub async fn serve_council(root: &Path) -> Server {
    let mut options = ServeOptions::new(root.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    options.meeting = Some(COUNCIL.into());
    options.now = Some("2027-03-10T14:00:00Z".parse().unwrap());
    Server::start(options).await.expect("server starts")
}
