//! The interface's state and the one place where it changes (`update`).

use chrono::{DateTime, SecondsFormat, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::dashboard::DashboardState;
use super::keymap::{self, Binding};
use super::scheduler::SchedulerState;
use super::theme::Theme;
use super::view;
use crate::agenda::set_start;
use crate::clock::Clock;
use crate::files::write_atomic;
use crate::workspace::Workspace;

/// The screens that work, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Members, bodies and programmes.
    Dashboard,
    /// The world-clock grid for finding a meeting time.
    Scheduler,
}

impl Screen {
    /// Every screen, in tab order, with its name.
    pub const ALL: [(Self, &'static str); 2] = [
        (Self::Dashboard, "Dashboard"),
        (Self::Scheduler, "Scheduler"),
    ];
}

/// A window drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing over the screen.
    None,
    /// The keys of the current screen.
    Help,
    /// Everything about the selected row.
    Details,
    /// "Make this slot the meeting's start?"
    ConfirmStart,
}

/// A one-line message about the last thing done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What to say.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// The whole interface for one person: what they look at and where.
pub struct App {
    workspace: Workspace,
    clock: Box<dyn Clock>,
    theme: Theme,
    screen: Screen,
    dashboard: DashboardState,
    scheduler: SchedulerState,
    overlay: Overlay,
    status: Option<Status>,
    quit: bool,
}

impl App {
    /// An interface on `workspace`, telling time by `clock`.
    pub fn new(workspace: Workspace, clock: Box<dyn Clock>, theme: Theme) -> Self {
        let mut scheduler = SchedulerState::default();
        scheduler.select_meeting(0, &workspace, clock.now());
        Self {
            workspace,
            clock,
            theme,
            screen: Screen::Dashboard,
            dashboard: DashboardState::default(),
            scheduler,
            overlay: Overlay::None,
            status: None,
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
        match (self.overlay, self.screen) {
            (Overlay::ConfirmStart, _) => keymap::CONFIRM,
            (_, Screen::Dashboard) => keymap::DASHBOARD,
            (_, Screen::Scheduler) => keymap::SCHEDULER,
        }
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
        if action != Action::ToggleHelp {
            self.status = None;
        }
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Help, Action::ToggleHelp) | (_, Action::Close) => {
                self.overlay = Overlay::None
            }
            (Overlay::ConfirmStart, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.write_start();
            }
            (Overlay::None | Overlay::Details, Action::ToggleHelp) => self.overlay = Overlay::Help,
            // While a window is open, the screen behind it stays put.
            (Overlay::Help | Overlay::Details | Overlay::ConfirmStart, _) => {}
            (Overlay::None, Action::ShowDashboard) => self.screen = Screen::Dashboard,
            (Overlay::None, Action::ShowScheduler) => self.screen = Screen::Scheduler,
            (Overlay::None, Action::Details) => self.overlay = Overlay::Details,
            (Overlay::None, Action::Choose) if self.scheduler.start().is_some() => {
                self.overlay = Overlay::ConfirmStart;
            }
            (Overlay::None, other) => match self.screen {
                Screen::Dashboard => self.dashboard.update(other, &self.workspace),
                Screen::Scheduler => {
                    self.scheduler
                        .update(other, &self.workspace, self.clock.now())
                }
            },
        }
    }

    /// Writes the scheduler's slot into the agenda file as `start`, then
    /// reloads the workspace so every screen shows what is on disk.
    fn write_start(&mut self) {
        let (Some(agenda), Some(start)) = (
            self.scheduler.agenda(&self.workspace),
            self.scheduler.start(),
        ) else {
            return;
        };
        let meeting = agenda.meeting.id.clone();
        let path = self.workspace.root.join(format!("{meeting}.toml"));
        let stamp = start.to_rfc3339_opts(SecondsFormat::Secs, true);
        let written = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| set_start(&text, start).map_err(|e| e.to_string()))
            .and_then(|text| write_atomic(&path, &text, true).map_err(|e| e.to_string()));
        self.status = Some(match written {
            Err(e) => Status {
                text: format!("Not saved: {e}"),
                is_error: true,
            },
            Ok(()) => match Workspace::load(&self.workspace.root) {
                Ok(ws) => {
                    self.workspace = ws;
                    Status {
                        text: format!("Saved start = {stamp} in {}", path.display()),
                        is_error: false,
                    }
                }
                Err(e) => Status {
                    text: format!(
                        "Saved start = {stamp}, but the workspace now has problems ({e}): run plenary check"
                    ),
                    is_error: true,
                },
            },
        });
    }

    /// Draws the whole frame; reads state, changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}
