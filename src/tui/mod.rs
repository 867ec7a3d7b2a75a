//! The terminal interface (SPEC 7): a thin front end over the workspace.
//! Input becomes an `Action`, `App::update` changes state, `App::draw`
//! only reads it.

mod action;
mod actions;
mod app;
mod dashboard;
mod details;
mod format;
mod keymap;
mod meeting_room;
mod minutes;
mod scheduler;
mod scheduler_grid;
mod scheduler_series;
mod screen;
mod session;
mod theme;
mod view;

use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

pub use action::Action;
pub use actions::{ActionsMode, ActionsScreen, SortKey, StatusFilter};
pub use app::{App, Overlay, Screen, Status};
pub use dashboard::Panel;
pub use meeting_room::{
    ActionForm, BallotEditor, Focus, FormField, Loaded, MeetingRoom, Mode, TextInput, TextPurpose,
};
pub use minutes::MinutesScreen;
pub use session::{Ended, Input, Source, run_loop};
pub use theme::Theme;

use crate::clock::Clock;
use crate::workspace::Workspace;

/// Opens the interface on the real terminal, with `notice` on the status
/// line if given, and runs it until the person quits. The terminal is restored on every exit path, panics included
/// (ratatui's hook restores it before the panic message prints; ours,
/// which runs first, turns bracketed paste off again).
///
/// Bracketed paste is on while the interface runs: the terminal marks
/// pasted text, which then arrives as one [`Input::Paste`] and goes only
/// into a text being typed. Without it, a paste would arrive as key
/// presses, each a command of the screen (issue 12, finding 5).
pub fn run(
    workspace: Workspace,
    clock: Box<dyn Clock>,
    notice: Option<&str>,
) -> std::io::Result<()> {
    let mut app = App::new(workspace, clock, Theme::from_env())
        .with_recorder(crate::recorder::recorder(None));
    if let Some(notice) = notice {
        app = app.with_notice(notice);
    }
    let mut terminal = ratatui::try_init()?;
    // Pasted text arrives as one event, never as keys (SPEC 7, 8).
    let pasting = execute!(std::io::stdout(), EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let result = pasting.and_then(|()| {
        if let Ok(size) = terminal.size() {
            app.update(Action::Resize(size.width, size.height));
        }
        run_loop(&mut terminal, &mut app, &mut LocalInput, &mut |_| Ok(()))
    });
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// The local terminal's input, read by crossterm.
struct LocalInput;

impl Source for LocalInput {
    fn next(&mut self, wait: Duration) -> Result<Option<Input>, Ended> {
        // A terminal that cannot be read has gone away: end the session.
        if !event::poll(wait).map_err(|_| Ended)? {
            return Ok(None);
        }
        Ok(match event::read().map_err(|_| Ended)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(Input::Key(key)),
            Event::Paste(text) => Some(Input::Paste(text)),
            Event::Resize(width, height) => Some(Input::Resize(width, height)),
            _ => None,
        })
    }

    fn discard_pending(&mut self) {
        while event::poll(Duration::ZERO).unwrap_or(false) {
            if event::read().is_err() {
                break;
            }
        }
    }
}
