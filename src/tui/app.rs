//! The interface's state and the one place where it changes (`update`).

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::dashboard::DashboardState;
use super::keymap::{self, Binding};
use super::theme::Theme;
use super::view;
use crate::clock::Clock;
use crate::workspace::Workspace;

/// A window drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing over the screen.
    None,
    /// The keys of the current screen.
    Help,
    /// Everything about the selected row.
    Details,
}

/// The whole interface for one person: what they look at and where.
pub struct App {
    workspace: Workspace,
    clock: Box<dyn Clock>,
    theme: Theme,
    dashboard: DashboardState,
    overlay: Overlay,
    quit: bool,
}

impl App {
    /// An interface on `workspace`, telling time by `clock`.
    pub fn new(workspace: Workspace, clock: Box<dyn Clock>, theme: Theme) -> Self {
        Self {
            workspace,
            clock,
            theme,
            dashboard: DashboardState::default(),
            overlay: Overlay::None,
            quit: false,
        }
    }

    /// The workspace shown.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The current instant, from the injected clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The styles in use.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The dashboard's focus and selections.
    pub fn dashboard(&self) -> &DashboardState {
        &self.dashboard
    }

    /// The overlay shown, if any.
    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// The key table of the screen shown.
    pub fn bindings(&self) -> &'static [Binding] {
        keymap::DASHBOARD
    }

    /// Whether the person asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Handles a key press; returns whether anything changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        match keymap::action_for(key, self.bindings()) {
            Some(action) => {
                self.update(action);
                true
            }
            None => false,
        }
    }

    /// Applies one action to the state.
    pub fn update(&mut self, action: Action) {
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Help, Action::ToggleHelp) | (_, Action::Close) => self.overlay = Overlay::None,
            (_, Action::ToggleHelp) => self.overlay = Overlay::Help,
            // While a window is open, the screen behind it stays put.
            (Overlay::Help | Overlay::Details, _) => {}
            (Overlay::None, Action::Details) => self.overlay = Overlay::Details,
            (Overlay::None, other) => self.dashboard.update(other, &self.workspace),
        }
    }

    /// Draws the whole frame; reads state, changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}
