//! `App::update`: the one place where the interface's state changes.
//! Overlays and screen switches are handled here; everything else goes to
//! the screen shown.

use chrono::SecondsFormat;

use super::{App, Overlay, Screen, Status};
use crate::reschedule::{self, SetStartError};
use crate::tui::action::Action;
use crate::tui::keymap;
use crate::tui::meeting_room::{self, Env};
use crate::tui::theme::Theme;

/// Rows of the frame that are not the minutes preview: the title, the
/// footer and the preview's borders.
const MINUTES_CHROME: u16 = 4;

impl App {
    /// Applies one action to the state.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(width, height) = action {
            self.size = (width, height);
            return;
        }
        if action == Action::Tick {
            if self.watch_disk {
                self.hub.check_disk();
            }
            self.refreshed |= self.sync();
            if self.screen == Screen::Minutes {
                let now = self.clock.now();
                self.refreshed |= self.minutes.refresh(self.snapshot.workspace(), now);
            }
            return;
        }
        // A status stays until the next key; help and a resized window
        // keep it.
        if !matches!(action, Action::ToggleHelp | Action::Resize(..)) {
            self.status = None;
        }
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::None, Action::ToggleTheme) => {
                self.monochrome = !self.monochrome;
                let key = keymap::keys_for(keymap::GLOBAL, Action::ToggleTheme);
                let (theme, text) = match self.monochrome {
                    true => (
                        Theme::monochrome(),
                        format!("Monochrome: {key} brings the colours back"),
                    ),
                    false => (Theme::color(), format!("Colours on: {key} for monochrome")),
                };
                self.theme = theme;
                self.status = Some(Status {
                    text,
                    is_error: false,
                });
            }
            (overlay, other) if overlay.is_destructive() && other != Action::Confirm => {
                self.overlay = Overlay::None;
                self.status = Some(Status {
                    text: format!(
                        "Kept open: nothing was recorded (only {} closes)",
                        keymap::keys_for(keymap::CONFIRM_CLOSE, Action::Confirm)
                    ),
                    is_error: false,
                });
            }
            (Overlay::Help, Action::ToggleHelp | Action::Cancel) | (_, Action::Close) => {
                self.overlay = Overlay::None
            }
            (Overlay::ConfirmStart, Action::Confirm) => {
                self.overlay = Overlay::None;
                self.write_start();
            }
            (Overlay::ConfirmCloseItem, Action::Confirm) => {
                self.overlay = Overlay::None;
                let env = Env {
                    workspace: self.snapshot.workspace(),
                    hub: &self.hub,
                    now: self.clock.now(),
                    actor: &self.actor,
                    limit: self.record_limit.as_ref(),
                };
                self.status = self.meeting_room.close_item(env);
            }
            (Overlay::ConfirmCloseMeeting, Action::Confirm) => {
                self.overlay = Overlay::None;
                let env = Env {
                    workspace: self.snapshot.workspace(),
                    hub: &self.hub,
                    now: self.clock.now(),
                    actor: &self.actor,
                    limit: self.record_limit.as_ref(),
                };
                self.status = self.meeting_room.close_meeting(env);
            }
            (Overlay::ConfirmReplace, Action::Confirm) => {
                self.overlay = Overlay::None;
                if let Some(format) = self.minutes.pending() {
                    let env = Env {
                        workspace: self.snapshot.workspace(),
                        hub: &self.hub,
                        now: self.clock.now(),
                        actor: &self.actor,
                        limit: self.record_limit.as_ref(),
                    };
                    self.status = self.minutes.write(format, env, true);
                }
            }
            (Overlay::None | Overlay::Details, Action::ToggleHelp) => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            (Overlay::Help, Action::Up | Action::Down | Action::PageUp | Action::PageDown) => {
                let at = self.help_scroll;
                self.help_scroll = match action {
                    Action::Up => at.saturating_sub(1),
                    Action::Down => at.saturating_add(1),
                    Action::PageUp => at.saturating_sub(8),
                    _ => at.saturating_add(8),
                }
                .min(self.help_last.get());
            }
            // While a window is open, the screen behind it stays put.
            (Overlay::Help | Overlay::Details, _) => {}
            (overlay, _) if overlay.is_question() => {}
            (_, Action::ShowDashboard) => {
                self.dashboard.load(&self.snapshot);
                self.screen = Screen::Dashboard;
            }
            (_, Action::ShowScheduler) => {
                if !std::mem::replace(&mut self.scheduler_ready, true) {
                    let now = self.clock.now();
                    self.scheduler.select_meeting(0, &self.snapshot, now);
                }
                self.screen = Screen::Scheduler;
            }
            (_, Action::ShowMeeting) => {
                // The room resumes exactly where the meeting is, whoever
                // recorded last: the hub's snapshot has it.
                if !self.meeting_room.is_open() {
                    let now = self.clock.now();
                    let first = meeting_room::meeting_at(&self.snapshot.workspace().agendas, now);
                    self.meeting_room.select_meeting(first, &self.snapshot);
                } else {
                    self.meeting_room.sync(&self.snapshot);
                }
                self.screen = Screen::Meeting;
            }
            (_, Action::ShowActions) => {
                self.actions.sync(&self.snapshot);
                self.screen = Screen::Actions;
            }
            (_, Action::ShowMinutes) => {
                // The minutes follow the meeting the room shows, and are
                // made afresh from the journal on every visit.
                let now = self.clock.now();
                let room = self.meeting_room.meeting_index();
                match self.meeting_room.is_open() {
                    true if !self.minutes.is_open() => {
                        self.minutes
                            .select_meeting(room, self.snapshot.workspace(), now)
                    }
                    _ if !self.minutes.is_open() => {
                        self.minutes
                            .select_meeting(0, self.snapshot.workspace(), now)
                    }
                    _ => self.minutes.reload(self.snapshot.workspace(), now),
                }
                self.screen = Screen::Minutes;
            }
            (_, Action::CloseItem) if self.screen == Screen::Meeting => {
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
            (_, Action::CloseMeeting) if self.screen == Screen::Meeting => {
                self.overlay = Overlay::ConfirmCloseMeeting;
            }
            (_, Action::Details) => self.overlay = Overlay::Details,
            (_, Action::Choose) if self.scheduler.start().is_some() => match self.start_refusal() {
                Some(text) => {
                    self.status = Some(Status {
                        text,
                        is_error: true,
                    })
                }
                None => self.overlay = Overlay::ConfirmStart,
            },
            (_, other) => self.update_screen(other),
        }
        // What this session recorded is in the hub's newest snapshot.
        self.sync();
    }

    /// Hands `action` to the screen shown.
    fn update_screen(&mut self, action: Action) {
        let env = Env {
            workspace: self.snapshot.workspace(),
            hub: &self.hub,
            now: self.clock.now(),
            actor: &self.actor,
            limit: self.record_limit.as_ref(),
        };
        match self.screen {
            Screen::Dashboard => self.dashboard.update(action, self.snapshot.workspace()),
            Screen::Scheduler => self.scheduler.update(action, &self.snapshot, env.now),
            Screen::Meeting => self.status = self.meeting_room.update(action, env),
            Screen::Actions => self.status = self.actions.update(action, env),
            Screen::Minutes => {
                let page = self.size.1.saturating_sub(MINUTES_CHROME);
                self.status = self.minutes.update(action, env, usize::from(page));
                if self.minutes.pending().is_some() {
                    self.overlay = Overlay::ConfirmReplace;
                }
            }
        }
    }

    /// Why the scheduler's meeting may not be given a new start: it has
    /// started or been held (or its journal cannot be read).
    fn start_refusal(&self) -> Option<String> {
        let agenda = self.scheduler.agenda(self.snapshot.workspace())?;
        match reschedule::check(self.snapshot.workspace(), &agenda.meeting.id) {
            Ok(()) => None,
            Err(SetStartError::Refused(why)) => Some(why),
            Err(e) => Some(format!("Not saved: {e}")),
        }
    }

    /// Writes the scheduler's slot into the agenda file as `start`, then
    /// reloads the workspace so every screen shows what is on disk.
    fn write_start(&mut self) {
        let (Some(agenda), Some(start)) = (
            self.scheduler.agenda(self.snapshot.workspace()),
            self.scheduler.start(),
        ) else {
            return;
        };
        let stamp = start.to_rfc3339_opts(SecondsFormat::Secs, true);
        let written = reschedule::set_start(self.snapshot.workspace(), &agenda.meeting.id, start);
        self.status = Some(match written {
            Err(SetStartError::Refused(why)) => Status {
                text: why,
                is_error: true,
            },
            Err(e) => Status {
                text: format!("Not saved: {e}"),
                is_error: true,
            },
            Ok(path) => match self.hub.reload_workspace() {
                Ok(()) => Status {
                    text: format!("Saved start = {stamp} in {}", path.display()),
                    is_error: false,
                },
                Err(e) => Status {
                    text: format!(
                        "Saved start = {stamp}, but the workspace now has problems ({e}): run plenary check"
                    ),
                    is_error: true,
                },
            },
        });
    }
}
