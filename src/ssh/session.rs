//! One person's session on its own thread: the interface's event loop
//! (`tui::run_loop`) fed by the channel's decoded bytes and drawing into
//! frames sent back over the channel. It knows the network only as two
//! queues: bytes and sizes in, frames out.

use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc::Sender;
use tokio::sync::mpsc::error::TrySendError;

use super::backend::{SessionBackend, SharedSize};
use super::keys::KeyHolder;
use super::source::ChannelSource;
use crate::charter::DelegateRole;
use crate::clock::{Clock, FixedClock, SystemClock};
use crate::hub::Hub;
use crate::meeting::Actor;
use crate::tui::{Action, App, Theme, run_loop};

/// The largest screen a session draws (a bigger request is clamped).
pub const MAX_SIZE: (u16, u16) = (500, 200);
/// The size used when the client sends none (`ssh -tt` without a tty).
pub const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// Alternate screen, cursor hidden, bracketed paste on.
const SETUP: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h";
/// The reverse, in reverse order.
const RESTORE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// What reaches a session from its connection.
#[derive(Debug)]
pub enum Feed {
    /// Bytes typed or pasted.
    Bytes(Vec<u8>),
    /// The window changed (columns, rows; clamped already).
    Resize(u16, u16),
    /// Look at the session's end flag now.
    Wake,
    /// The shared state has a new generation: draw it now.
    Changed,
}

/// What a session sends to its connection.
#[derive(Debug)]
pub enum Out {
    /// Bytes for the client's terminal (one frame, or setup and restore).
    Data(Vec<u8>),
    /// The session is over: exit status, then EOF and close.
    Exit(u32),
}

/// Why a session is asked to end, set by the server.
pub mod end {
    /// Keep going.
    pub const NONE: u8 = 0;
    /// The server is shutting down.
    pub const SHUTDOWN: u8 = 1;
    /// The person's key was removed from the charter.
    pub const REVOKED: u8 = 2;
}

/// The environment the client sent that matters for drawing.
#[derive(Debug, Clone, Default)]
pub struct ClientEnv {
    /// `TERM`.
    pub term: Option<String>,
    /// `NO_COLOR`.
    pub no_color: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// `LANG`.
    pub lang: Option<String>,
}

impl ClientEnv {
    /// The theme for this client: monochrome with `NO_COLOR` or a dumb
    /// terminal, else the 16-colour theme.
    pub fn theme(&self) -> Theme {
        let no_color = self.no_color.as_deref().is_some_and(|v| !v.is_empty());
        let dumb = self.term.as_deref() == Some("dumb");
        if no_color || dumb {
            Theme::monochrome()
        } else {
            Theme::color()
        }
    }
}

/// The bounds on one session.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// The session ends after this long without a key.
    pub idle: Duration,
    /// Keys per second, on average (each recording needs a key).
    pub keys_per_second: f64,
    /// Keys that may come at once before the rate applies.
    pub key_burst: f64,
    /// Recordings per second, on average.
    pub records_per_second: f64,
    /// Recordings that may come at once before that rate applies.
    pub record_burst: f64,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(30 * 60),
            keys_per_second: 20.0,
            key_burst: 40.0,
            records_per_second: 5.0,
            record_burst: 20.0,
        }
    }
}

/// Everything a session needs to start.
pub struct SessionStart {
    /// The shared core every session of the server reads and records
    /// through.
    pub hub: Arc<Hub>,
    /// Who logged in.
    pub holder: KeyHolder,
    /// The meeting to open on (else the first agenda).
    pub meeting: Option<String>,
    /// What the client said about its terminal.
    pub env: ClientEnv,
    /// The first size.
    pub size: (u16, u16),
    /// A fixed "now" (tests), else the system clock.
    pub now: Option<DateTime<Utc>>,
    /// The bounds.
    pub limits: SessionLimits,
    /// Set by the server to end the session.
    pub end: Arc<AtomicU8>,
}

/// Clamps a size the client asked for; 0 means "unknown".
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return DEFAULT_SIZE;
    }
    (
        cols.min(u32::from(MAX_SIZE.0)) as u16,
        rows.min(u32::from(MAX_SIZE.1)) as u16,
    )
}

/// Runs one session to its end on the calling (blocking) thread.
pub fn run(start: SessionStart, feed: Receiver<Feed>, out: Sender<Out>) {
    // A panic ends only this session, and its terminal is still restored.
    let ran =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session(&start, feed, &out)));
    let (code, goodbye) = match ran {
        Ok(Ok(goodbye)) => (0, goodbye),
        Ok(Err(Stalled)) => return, // dropping `out` drops the connection
        Err(_) => (
            1,
            Some("plenary: this session failed (a bug); the record on disk is safe.".to_owned()),
        ),
    };
    let mut bytes = RESTORE.to_vec();
    if let Some(text) = goodbye {
        bytes.extend_from_slice(format!("{text}\r\n").as_bytes());
    }
    if send_within(&out, Out::Data(bytes)) {
        send_within(&out, Out::Exit(code));
    }
}

/// The client does not read what it is sent.
struct Stalled;

fn session(
    start: &SessionStart,
    feed: Receiver<Feed>,
    out: &Sender<Out>,
) -> Result<Option<String>, Stalled> {
    let refuse = |text: String| Ok(Some(format!("plenary: {text}")));
    let snapshot = start.hub.snapshot();
    let ws = snapshot.workspace();
    let holder = &start.holder;
    let Some(actor) = Actor::delegate(&ws.charter, &holder.member, &holder.person) else {
        return refuse(format!(
            "{} is no longer a delegate in the charter",
            holder.person
        ));
    };
    let meeting = match &start.meeting {
        Some(id) => ws
            .agendas
            .iter()
            .position(|a| a.meeting.id == *id)
            .unwrap_or(0),
        None => 0,
    };
    let clock: Box<dyn Clock> = match start.now {
        Some(now) => Box::new(FixedClock(now)),
        None => Box::new(SystemClock),
    };
    let limits = start.limits;
    let mut app = App::on_hub(start.hub.clone(), clock, start.env.theme())
        .with_actor(actor)
        .with_record_limit(limits.records_per_second, limits.record_burst);
    app.show_meeting(meeting);
    let greeting = greeting(&app, holder);
    app.say(greeting);
    let (width, height) = start.size;
    app.update(Action::Resize(width, height));

    send(out, SETUP.to_vec())?;
    let frame = Frame::default();
    let size: SharedSize = Arc::new(Mutex::new((width, height)));
    let backend = SessionBackend::new(frame.clone(), size.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let Ok(mut terminal) = Terminal::with_options(backend, TerminalOptions { viewport }) else {
        return refuse("the screen could not be set up".to_owned());
    };
    let mut source = ChannelSource::new(feed, start.limits, start.end.clone(), size);
    let mut stalled = false;
    let result = run_loop(&mut terminal, &mut app, &mut source, &mut |_| {
        let bytes = frame.take();
        send(out, bytes).map_err(|Stalled| {
            stalled = true;
            std::io::Error::other("the client does not read")
        })
    });
    if stalled {
        return Err(Stalled);
    }
    if let Err(e) = result {
        return refuse(format!("the session failed: {e}"));
    }
    app.tick();
    let seq = app
        .meeting_room()
        .loaded()
        .and_then(|l| l.records.last())
        .map_or(0, |r| r.seq);
    Ok(match (start.end.load(Ordering::SeqCst), source.idle) {
        (end::SHUTDOWN, _) => Some(format!(
            "plenary: the server is shutting down; the record is safe at #{seq}."
        )),
        (end::REVOKED, _) => Some(format!(
            "plenary: your key was removed from the charter; the record is safe at #{seq}."
        )),
        (_, true) => Some("plenary: closed after a long time without a key.".to_owned()),
        _ => None,
    })
}

/// "Welcome, NAME (MEMBER, ROLE): what you may do here".
fn greeting(app: &App, holder: &KeyHolder) -> String {
    use crate::meeting::Powers;
    let role = match holder.role {
        DelegateRole::Representative => "representative",
        DelegateRole::Secretary => "secretary",
        DelegateRole::Chair => "chair",
        DelegateRole::Observer => "observer",
    };
    let ctx = app.meeting_room().context(app.workspace());
    let written = app.meeting_room().is_written(app.workspace());
    let may = match ctx.map(|ctx| app.actor().powers(&ctx)) {
        Some(Powers::RunMeeting) => "you run the meeting".to_owned(),
        Some(Powers::VoteFor) if written => format!("you reply for {}", holder.member),
        Some(Powers::VoteFor) => format!("you cast {}'s vote", holder.member),
        Some(Powers::Watch) => "you follow the meeting".to_owned(),
        None => "no meeting is open".to_owned(),
    };
    format!(
        "Welcome, {} ({}, {role}): {may}",
        holder.person, holder.member
    )
}

/// Queues a frame; a full queue means the client stopped reading.
fn send(out: &Sender<Out>, bytes: Vec<u8>) -> Result<(), Stalled> {
    if bytes.is_empty() {
        return Ok(());
    }
    match out.try_send(Out::Data(bytes)) {
        Ok(()) => Ok(()),
        Err(TrySendError::Full(_) | TrySendError::Closed(_)) => Err(Stalled),
    }
}

/// Queues a last message, waiting a little for room; false if none came.
fn send_within(out: &Sender<Out>, mut message: Out) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        match out.try_send(message) {
            Ok(()) => return true,
            Err(TrySendError::Closed(_)) => return false,
            Err(TrySendError::Full(m)) if Instant::now() < deadline => {
                message = m;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TrySendError::Full(_)) => return false,
        }
    }
}

/// The bytes of one frame, sent together after it is drawn (shared with
/// the backend, which flushes several times per frame).
#[derive(Debug, Default, Clone)]
struct Frame(Arc<Mutex<Vec<u8>>>);

impl Frame {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

impl Write for Frame {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_defaulted_and_clamped() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(120, 0), (80, 24));
        assert_eq!(clamp_size(100, 30), (100, 30));
        assert_eq!(clamp_size(65535, 65535), MAX_SIZE);
    }

    #[test]
    fn the_theme_follows_the_client() {
        let env = ClientEnv {
            no_color: Some("1".into()),
            ..ClientEnv::default()
        };
        assert_eq!(
            format!("{:?}", env.theme()),
            format!("{:?}", Theme::monochrome())
        );
        let env = ClientEnv {
            term: Some("xterm-256color".into()),
            ..ClientEnv::default()
        };
        assert_eq!(
            format!("{:?}", env.theme()),
            format!("{:?}", Theme::color())
        );
    }
}
