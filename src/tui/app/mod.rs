//! The interface's state and the one place where it changes (`update`).

use chrono::{DateTime, SecondsFormat, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::dashboard::DashboardState;
use super::keymap::{self, Binding};
use super::meeting_room::{Env, MeetingRoom, Mode};
use super::scheduler::SchedulerState;
pub use super::screen::{Overlay, Screen, Status};
use super::theme::Theme;
use super::view;
use crate::agenda::set_start;
use crate::clock::Clock;
use crate::files::write_atomic;
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
    recorder: String,
    overlay: Overlay,
    status: Option<Status>,
    quit: bool,
}

impl App {
    /// An interface on `workspace`, telling time by `clock`.
    pub fn new(workspace: Workspace, clock: Box<dyn Clock>, theme: Theme) -> Self {
        let mut scheduler = SchedulerState::default();
        scheduler.select_meeting(0, &workspace, clock.now());
        let recorder = std::env::var("PLENARY_BY")
            .or_else(|_| std::env::var("USER"))
            .ok()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| "secretary".to_owned());
        Self {
            workspace,
            clock,
            theme,
            screen: Screen::Dashboard,
            dashboard: DashboardState::default(),
            scheduler,
            meeting_room: MeetingRoom::default(),
            recorder,
            overlay: Overlay::None,
            status: None,
            quit: false,
        }
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
            (
                Overlay::ConfirmStart | Overlay::ConfirmCloseItem | Overlay::ConfirmCloseMeeting,
                _,
            ) => keymap::CONFIRM,
            (_, Screen::Dashboard) => keymap::DASHBOARD,
            (_, Screen::Scheduler) => keymap::SCHEDULER,
            (_, Screen::Meeting) => match self.meeting_room.mode() {
                Mode::Normal => keymap::MEETING,
                Mode::Proxy(_) => keymap::PROXY,
                Mode::Text(..) => keymap::INPUT,
                Mode::Ballot(_) => keymap::BALLOT,
            },
        }
    }

    /// The keys that work besides [`App::bindings`]: the global ones,
    /// except while a form (proxy, text, ballot) takes the keys.
    pub fn global_bindings(&self) -> &'static [Binding] {
        let form = self.screen == Screen::Meeting && *self.meeting_room.mode() != Mode::Normal;
        if form && !self.confirming() {
            &[]
        } else {
            keymap::GLOBAL
        }
    }

    fn confirming(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::ConfirmStart | Overlay::ConfirmCloseItem | Overlay::ConfirmCloseMeeting
        )
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

    /// Applies one action to the state.
    pub fn update(&mut self, action: Action) {
        if action != Action::ToggleHelp {
            self.status = None;
        }
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Help, Action::ToggleHelp | Action::Cancel) | (_, Action::Close) => {
                self.overlay = Overlay::None
            }
            (Overlay::ConfirmStart, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.write_start();
            }
            (Overlay::ConfirmCloseItem, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.status = self.meeting_room.close_item(Env {
                    workspace: &self.workspace,
                    now: self.clock.now(),
                    by: &self.recorder,
                });
            }
            (Overlay::ConfirmCloseMeeting, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.status = self.meeting_room.close_meeting(Env {
                    workspace: &self.workspace,
                    now: self.clock.now(),
                    by: &self.recorder,
                });
            }
            (Overlay::None | Overlay::Details, Action::ToggleHelp) => self.overlay = Overlay::Help,
            // While a window is open, the screen behind it stays put.
            (Overlay::Help | Overlay::Details, _) => {}
            (
                Overlay::ConfirmStart | Overlay::ConfirmCloseItem | Overlay::ConfirmCloseMeeting,
                _,
            ) => {}
            (Overlay::None, Action::ShowDashboard) => self.screen = Screen::Dashboard,
            (Overlay::None, Action::ShowScheduler) => self.screen = Screen::Scheduler,
            (Overlay::None, Action::ShowMeeting) => {
                // Entering the room reads the journal afresh: it resumes
                // exactly where the meeting is, whoever recorded last.
                if !self.meeting_room.is_open() {
                    self.meeting_room.select_meeting(0, &self.workspace);
                } else {
                    self.meeting_room.load(&self.workspace);
                }
                self.screen = Screen::Meeting;
            }
            (Overlay::None, Action::CloseItem) if self.screen == Screen::Meeting => {
                match self.meeting_room.current_item() {
                    Some(_) => self.overlay = Overlay::ConfirmCloseItem,
                    None => {
                        self.status = Some(Status {
                            text: "No item is open".to_owned(),
                            is_error: true,
                        })
                    }
                }
            }
            (Overlay::None, Action::CloseMeeting) if self.screen == Screen::Meeting => {
                self.overlay = Overlay::ConfirmCloseMeeting;
            }
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
                Screen::Meeting => {
                    let env = Env {
                        workspace: &self.workspace,
                        now: self.clock.now(),
                        by: &self.recorder,
                    };
                    self.status = self.meeting_room.update(other, env);
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
