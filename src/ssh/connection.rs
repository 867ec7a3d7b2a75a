//! One SSH connection: who logged in (by key, never by user name), its one
//! session channel and pty, the requests it answers and refuses, and the
//! task that sends a session's frames to the client.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};

use russh::keys::ssh_key::public::KeyData;
use russh::server::{Auth, Handle, Msg, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Disconnect, Pty};
use std::time::Duration;

use tokio::sync::{Notify, mpsc};

use super::keys::KeyHolder;
use super::server::{Live, Shared};
use super::session::{self, ClientEnv, Feed, Out, SessionStart, clamp_size, end};

/// One connection: who logged in and their one session channel.
pub(super) struct Connection {
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
    /// Told when the client must be dropped without a goodbye: the accept
    /// loop then closes the socket, which needs nothing from the client.
    drop: Arc<Notify>,
}

impl Connection {
    pub(super) fn new(
        shared: Arc<Shared>,
        logged_in: Arc<AtomicBool>,
        peer: SocketAddr,
        drop: Arc<Notify>,
    ) -> Self {
        Self {
            drop,
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
            hub: self.shared.hub.clone(),
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
            self.drop.clone(),
        ));
    }
}

/// The most bytes sent to a client that has not opened its window since
/// (OpenSSH opens it after about 1 MiB read).
const MAX_UNREAD: u64 = 8 * 1024 * 1024;

/// How long one frame (or the goodbye) may wait for the client to take it.
/// russh waits for the client's window before it sends, and a client that
/// stopped reading never opens it again: without this bound the wait, and
/// the connection with its slot, would last for ever.
const SEND_WAIT: Duration = Duration::from_secs(10);

/// Sends a session's frames to its client; when the session ends, its exit
/// status, EOF and close; when it gives up on the client (it does not read,
/// or its session stopped for that reason), drops the connection.
async fn forward(
    handle: Handle,
    channel: ChannelId,
    mut out: mpsc::Receiver<Out>,
    shared: Arc<Shared>,
    id: u64,
    unread: Arc<AtomicU64>,
    drop: Arc<Notify>,
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
                let sent = tokio::time::timeout(SEND_WAIT, handle.data(channel, bytes)).await;
                if !matches!(sent, Ok(Ok(()))) {
                    break;
                }
            }
            Out::Exit(code) => {
                let goodbye = async {
                    let _ = handle.exit_status_request(channel, code).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                };
                said_goodbye = tokio::time::timeout(SEND_WAIT, goodbye).await.is_ok();
                break;
            }
        }
    }
    if let Ok(mut sessions) = shared.sessions.lock() {
        sessions.retain(|l| l.id != id);
    }
    if !said_goodbye {
        // Not through `handle`: it waits on the very client that stalled.
        drop.notify_one();
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
