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
use crate::meeting::Actor;
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
    actor: Actor,
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
        let actor = Actor::secretariat(crate::recorder::recorder(None));
        Self {
            workspace,
            clock,
            theme,
            screen: Screen::Dashboard,
            dashboard: DashboardState::default(),
            scheduler,
            meeting_room: MeetingRoom::default(),
            actions: ActionsScreen::default(),
            minutes: MinutesScreen::default(),
            size: (80, 24),
            actor,
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
        self.actor = Actor::secretariat(name);
        self
    }

    /// The same interface for `actor`: what it records is what that person
    /// may record (a delegate over SSH votes for their own member).
    pub fn with_actor(mut self, actor: Actor) -> Self {
        self.actor = actor;
        self
    }

    /// Opens the meeting room on meeting number `index` of the workspace
    /// (what `plenary serve --meeting` shows each person first).
    pub fn show_meeting(&mut self, index: usize) {
        self.meeting_room.select_meeting(index, &self.workspace);
        self.screen = Screen::Meeting;
    }

    /// Shows `text` in the status line until the next key (a greeting).
    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    /// Who meeting events are recorded as.
    pub fn recorder(&self) -> &str {
        self.actor.person()
    }

    /// Who records, with what they may do.
    pub fn actor(&self) -> &Actor {
        &self.actor
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

    /// Text pasted into the terminal: typed into the text field that has
    /// the keys, if one does (line breaks and tabs become spaces, other
    /// control characters are dropped); anywhere else it is ignored with a
    /// message, so a paste can never act as keys that record something.
    pub fn handle_paste(&mut self, text: &str) -> bool {
        let typing = self
            .bindings()
            .iter()
            .any(|b| matches!(b.action, super::action::Action::Type(_)));
        if !typing {
            self.status = Some(Status {
                text: "Pasted text ignored: paste goes only into a text field".to_owned(),
                is_error: true,
            });
            return true;
        }
        for c in text.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if !c.is_control() {
                self.update(super::action::Action::Type(c));
            }
        }
        true
    }

    /// Draws the whole frame; reads state, changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}
