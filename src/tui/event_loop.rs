//! The event loop: input from a source (the local terminal, a script in
//! tests, later an SSH channel), handed to the [`App`], and a redraw when
//! something changed. It knows nothing of what the keys mean.

use std::collections::VecDeque;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

use super::App;
use super::action::Action;

/// Something the interface reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (the terminal's bracketed paste): it is text for the
    /// field being typed in, never a series of key presses.
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
}

/// Where input comes from. `next` waits at most `timeout`; `Ok(None)`
/// means nothing came (time for a tick).
pub trait InputSource {
    /// The next input, if any arrives within `timeout`.
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Input>>;

    /// Drops input that has arrived but not been read: called when a
    /// question before closing opens, so that only a key pressed after it
    /// appeared can answer it (not the rest of a run of keys typed ahead
    /// or pasted without bracketed paste).
    fn discard_pending(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The local terminal, through crossterm.
#[derive(Debug, Default)]
pub struct TerminalInput;

impl InputSource for TerminalInput {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Input>> {
        if !event::poll(timeout)? {
            return Ok(None);
        }
        Ok(match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(Input::Key(key)),
            Event::Paste(text) => Some(Input::Paste(text)),
            Event::Resize(width, height) => Some(Input::Resize(width, height)),
            // Releases, focus and mouse events change nothing; a tick is
            // harmless, and keeps the loop's clock honest.
            _ => None,
        })
    }

    fn discard_pending(&mut self) -> std::io::Result<()> {
        while event::poll(Duration::ZERO)? {
            event::read()?;
        }
        Ok(())
    }
}

/// Inputs given in advance, for tests: each is delivered in turn, then
/// the source reports the end of input (which ends the loop).
#[derive(Debug, Default)]
pub struct Scripted(pub VecDeque<Input>);

impl<I: IntoIterator<Item = Input>> From<I> for Scripted {
    fn from(inputs: I) -> Self {
        Self(inputs.into_iter().collect())
    }
}

impl InputSource for Scripted {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Option<Input>> {
        match self.0.pop_front() {
            Some(input) => Ok(Some(input)),
            None => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the script of inputs has ended",
            )),
        }
    }
}

/// Reads input and redraws until the app quits. Redraws only after input,
/// a resize, events recorded by another session, or when the minute shown
/// on screen changes.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    source: &mut dyn InputSource,
) -> std::io::Result<()> {
    let mut dirty = true;
    let mut minute_drawn = None;
    while !app.should_quit() {
        // The clock on screen shows minutes: a new one needs a new frame.
        let minute = app.now().format("%Y%m%d%H%M").to_string();
        if dirty || minute_drawn.as_ref() != Some(&minute) {
            terminal
                .draw(|frame| app.draw(frame))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            minute_drawn = Some(minute);
        }
        // Waking every second lets the meeting room show what other
        // sessions record within a second (SPEC 8); a stat is all it costs.
        let asking = app.overlay().is_destructive();
        dirty = match source.next(Duration::from_secs(1))? {
            Some(Input::Key(key)) => app.handle_key(key),
            Some(Input::Paste(text)) => app.handle_paste(&text),
            Some(Input::Resize(width, height)) => {
                app.update(Action::Resize(width, height));
                true
            }
            None => app.tick(),
        };
        if !asking && app.overlay().is_destructive() {
            source.discard_pending()?;
        }
    }
    Ok(())
}
