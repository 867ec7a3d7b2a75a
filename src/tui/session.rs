//! One person's interface as an event loop over any input source and any
//! terminal: the local terminal (crossterm on stdin and stdout) and each
//! SSH session (decoded channel bytes, a terminal over the channel) run
//! the same loop, and tests feed it a list of inputs.

use std::time::{Duration, Instant};

/// How often the app looks for what others recorded and the clock moved.
const TICK: Duration = Duration::from_secs(1);

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::App;

/// What a session's loop reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// The shared state has a new generation (another session, or another
    /// process, recorded): take it now rather than at the next tick.
    Changed,
}

/// Where input comes from: waits up to the given time for the next one;
/// `Ok(None)` when none came, `Err` when the source has ended (the person
/// disconnected, or the server is shutting down).
pub trait Source {
    /// The next input within `wait`.
    fn next(&mut self, wait: Duration) -> Result<Option<Input>, Ended>;

    /// Drops input that has arrived but not been read: called when a
    /// question before closing opens, so that only a key pressed after it
    /// appeared can answer it (not the rest of a run of keys typed ahead).
    fn discard_pending(&mut self) {}

    /// Whether more input is already there: the loop then handles it before
    /// drawing, so a burst (keys typed ahead, fifty votes in a second) costs
    /// one frame, not one each. A source that cannot tell says no.
    fn has_pending(&mut self) -> bool {
        false
    }
}

/// The input source has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended;

/// A fixed list of inputs, then the end: what tests feed the loop.
impl Source for std::vec::IntoIter<Input> {
    fn next(&mut self, _wait: Duration) -> Result<Option<Input>, Ended> {
        Iterator::next(self).map(Some).ok_or(Ended)
    }
}

/// Runs `app` until the person quits or `input` ends, drawing to
/// `terminal` when something changed (input, a resize, events recorded by
/// another session, or a new minute on the clock). After each drawn frame
/// `frame_done` is called with the backend, so a front end that sends
/// frames as packets can send one. The app ticks every second even while
/// keys keep coming, so every session shows what others record within a
/// second (SPEC 8) even without a `Changed` input.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    input: &mut dyn Source,
    frame_done: &mut dyn FnMut(&mut B) -> std::io::Result<()>,
) -> std::io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let io = std::io::Error::other;
    let mut dirty = true;
    let mut minute_drawn = None;
    let mut next_tick = Instant::now() + TICK;
    while !app.should_quit() {
        if Instant::now() >= next_tick {
            dirty |= app.tick();
            next_tick = Instant::now() + TICK;
        }
        let minute = app.clock_key();
        let due = dirty || minute_drawn.as_ref() != Some(&minute);
        if due && !input.has_pending() {
            terminal.draw(|frame| app.draw(frame)).map_err(io)?;
            frame_done(terminal.backend_mut())?;
            dirty = false;
            minute_drawn = Some(minute);
        }
        let asking = app.overlay().is_destructive();
        let wait = next_tick.saturating_duration_since(Instant::now());
        match input.next(wait) {
            Err(Ended) => break,
            Ok(None) => {}
            Ok(Some(Input::Changed)) => dirty |= app.sync(),
            Ok(Some(Input::Key(key))) if key.kind == KeyEventKind::Release => {}
            Ok(Some(Input::Key(key))) if is_repaint(&key) => {
                terminal.clear().map_err(io)?;
                dirty = true;
            }
            Ok(Some(Input::Key(key))) => dirty |= app.handle_key(key),
            Ok(Some(Input::Paste(text))) => dirty |= app.handle_paste(&text),
            Ok(Some(Input::Resize(width, height))) => {
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, width, height))
                    .map_err(io)?;
                app.update(Action::Resize(width, height));
                dirty = true;
            }
        }
        if !asking && app.overlay().is_destructive() {
            input.discard_pending();
        }
    }
    Ok(())
}

/// Ctrl-L: draw everything again (a garbled screen after a network hiccup).
fn is_repaint(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('l') && key.modifiers.contains(KeyModifiers::CONTROL)
}
