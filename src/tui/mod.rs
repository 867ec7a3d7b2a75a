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
mod theme;
mod view;

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

pub use action::Action;
pub use actions::{ActionsMode, ActionsScreen, Filter, SortKey, StatusFilter};
pub use app::{App, Overlay, Screen, Status};
pub use dashboard::Panel;
pub use meeting_room::{
    ActionForm, BallotEditor, Focus, FormField, Loaded, MeetingRoom, Mode, TextInput, TextPurpose,
};
pub use minutes::{MinutesFormat, MinutesScreen};
pub use theme::Theme;

use crate::clock::Clock;
use crate::workspace::Workspace;

/// Opens the interface on the real terminal and runs it until the person
/// quits. The terminal is restored on every exit path, panics included
/// (ratatui's hook restores it before the panic message prints).
pub fn run(workspace: Workspace, clock: Box<dyn Clock>) -> std::io::Result<()> {
    let mut app = App::new(workspace, clock, Theme::from_env());
    let mut terminal = ratatui::try_init()?;
    if let Ok(size) = terminal.size() {
        app.update(Action::Resize(size.width, size.height));
    }
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

/// Reads keys and redraws until the app quits. Redraws only after input,
/// a resize, events recorded by another session, or when the minute shown
/// on screen changes.
fn event_loop<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> std::io::Result<()>
where
    std::io::Error: From<B::Error>,
{
    let mut dirty = true;
    let mut minute_drawn = None;
    while !app.should_quit() {
        // The clock on screen shows minutes: a new one needs a new frame.
        let minute = app.now().format("%Y%m%d%H%M").to_string();
        if dirty || minute_drawn.as_ref() != Some(&minute) {
            terminal.draw(|frame| app.draw(frame))?;
            dirty = false;
            minute_drawn = Some(minute);
        }
        // Waking every second lets the meeting room show what other
        // sessions record within a second (SPEC 8); a stat is all it costs.
        if event::poll(Duration::from_secs(1))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => dirty = app.handle_key(key),
                Event::Resize(width, height) => {
                    app.update(Action::Resize(width, height));
                    dirty = true;
                }
                _ => {}
            }
        } else {
            dirty = app.tick();
        }
    }
    Ok(())
}
