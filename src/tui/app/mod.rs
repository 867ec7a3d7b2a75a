//! The interface's state, what it shows and which keys are in force; the
//! one place where it changes (`update`) is in [`update`].

mod update;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::actions::{ActionsMode, ActionsScreen};
use super::dashboard::DashboardState;
use super::keymap::{self, Binding};
use super::meeting_room::{MeetingRoom, Mode};
use super::minutes::MinutesScreen;
use super::scheduler::SchedulerState;
pub use super::screen::{Overlay, Screen, Status};
use super::theme::Theme;
use super::view;
use crate::clock::Clock;
use crate::workspace::Workspace;

/// The whole interface for one person: what they look at and where.
pub struct App {
    workspace: Workspace,
    clock: Box<dyn Clock>,
    theme: Theme,
    screen: Screen,
    dashboard: DashboardState,
    scheduler: SchedulerState,
    meeting_room: MeetingRoom,
    actions: ActionsScreen,
    minutes: MinutesScreen,
    /// The terminal's columns and rows, as last reported.
    size: (u16, u16),
    recorder: String,
    overlay: Overlay,
    status: Option<Status>,
    /// Set when a tick brought in other sessions' events.
    refreshed: bool,
    quit: bool,
}

impl App {
    /// An interface on `workspace`, telling time by `clock`.
    pub fn new(workspace: Workspace, clock: Box<dyn Clock>, theme: Theme) -> Self {
        let mut scheduler = SchedulerState::default();
        scheduler.select_meeting(0, &workspace, clock.now());
        let mut dashboard = DashboardState::default();
        dashboard.load_ledger(&workspace);
        let recorder = crate::recorder::recorder(None);
        Self {
            workspace,
            clock,
            theme,
            screen: Screen::Dashboard,
            dashboard,
            scheduler,
            meeting_room: MeetingRoom::default(),
            actions: ActionsScreen::default(),
            minutes: MinutesScreen::default(),
            size: (80, 24),
            recorder,
            overlay: Overlay::None,
            status: None,
            refreshed: false,
            quit: false,
        }
    }

    /// Lets a second pass: reads what other sessions recorded meanwhile.
    /// Returns whether the screen needs drawing again.
    pub fn tick(&mut self) -> bool {
        self.update(super::action::Action::Tick);
        std::mem::take(&mut self.refreshed)
    }

    /// The same interface, recording meeting events as `name` (the
    /// journal's `by`). Without it: `$PLENARY_BY`, else `$USER`, else
    /// "secretary".
    pub fn with_recorder(mut self, name: impl Into<String>) -> Self {
        self.recorder = name.into();
        self
    }

    /// Who meeting events are recorded as.
    pub fn recorder(&self) -> &str {
        &self.recorder
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

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The dashboard's focus and selections.
    pub fn dashboard(&self) -> &DashboardState {
        &self.dashboard
    }

    /// The scheduler's meeting, cursor and candidates.
    pub fn scheduler(&self) -> &SchedulerState {
        &self.scheduler
    }

    /// The meeting room's meeting, journal and selections.
    pub fn meeting_room(&self) -> &MeetingRoom {
        &self.meeting_room
    }

    /// The action items screen's register, filter and selection.
    pub fn actions(&self) -> &ActionsScreen {
        &self.actions
    }

    /// The minutes screen's meeting and preview.
    pub fn minutes(&self) -> &MinutesScreen {
        &self.minutes
    }

    /// The overlay shown, if any.
    pub fn overlay(&self) -> Overlay {
        self.overlay
    }

    /// The message about the last thing done, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The key table in force: the open question's, else the screen's.
    pub fn bindings(&self) -> &'static [Binding] {
        if self.overlay.is_question() {
            return keymap::CONFIRM;
        }
        match self.screen {
            Screen::Dashboard => keymap::DASHBOARD,
            Screen::Scheduler => keymap::SCHEDULER,
            Screen::Meeting => match self.meeting_room.mode() {
                Mode::Normal => keymap::MEETING,
                Mode::Proxy(_) => keymap::PROXY,
                Mode::Text(..) => keymap::INPUT,
                Mode::Ballot(_) => keymap::BALLOT,
                Mode::NewAction(_) => keymap::ACTION_FORM,
            },
            Screen::Actions => match self.actions.mode() {
                ActionsMode::Normal => keymap::ACTIONS,
                ActionsMode::Due(..) | ActionsMode::Note(..) => keymap::INPUT,
                ActionsMode::Owner { .. } | ActionsMode::Delegate { .. } => keymap::PICK,
            },
            Screen::Minutes => keymap::MINUTES,
        }
    }

    /// The keys that work besides [`App::bindings`]: the global ones,
    /// except while a form (proxy, text, ballot, picker) takes the keys.
    pub fn global_bindings(&self) -> &'static [Binding] {
        let form = match self.screen {
            Screen::Meeting => *self.meeting_room.mode() != Mode::Normal,
            Screen::Actions => *self.actions.mode() != ActionsMode::Normal,
            _ => false,
        };
        if form && !self.overlay.is_question() {
            &[]
        } else {
            keymap::GLOBAL
        }
    }

    /// Whether the person asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Handles a key press; returns whether anything changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        match keymap::action_for(key, self.bindings(), self.global_bindings()) {
            Some(action) => {
                self.update(action);
                true
            }
            None => false,
        }
    }

    /// Draws the whole frame; reads state, changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}
