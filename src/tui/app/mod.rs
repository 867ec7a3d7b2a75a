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
use std::cell::Cell;
use std::sync::Arc;

use crate::clock::Clock;
use crate::hub::{Hub, Snapshot};
use crate::meeting::Actor;
use crate::rate::TokenBucket;
use crate::vote::ranked::BallotKind;
use crate::workspace::Workspace;

/// The most characters taken from one paste; a text field holds one line.
const MAX_PASTE_CHARS: usize = 1000;

/// Pasted text as characters of one line: line breaks and tabs become
/// spaces (a CRLF one space), other control characters are dropped.
fn one_line(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split("\r\n")
        .enumerate()
        .flat_map(|(i, part)| (i > 0).then_some(' ').into_iter().chain(part.chars()))
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if crate::text::is_unsafe(c) => None,
            c => Some(c),
        })
        .take(MAX_PASTE_CHARS)
}

/// The whole interface for one person: what they look at and where.
pub struct App {
    /// The shared core: what every session of this process records into.
    hub: Arc<Hub>,
    /// What this session shows: the hub's state as of its last sync.
    snapshot: Arc<Snapshot>,
    /// Whether this interface looks at the disk itself on each tick (the
    /// local terminal, which owns its hub); a server's hub has one watch
    /// for every session.
    watch_disk: bool,
    clock: Box<dyn Clock>,
    theme: Theme,
    /// Whether `theme` is the monochrome one (`T` switches).
    monochrome: bool,
    screen: Screen,
    dashboard: DashboardState,
    scheduler: SchedulerState,
    /// Whether the scheduler has ranked its first meeting's slots: done on
    /// its first visit, not at every login (most never open it).
    scheduler_ready: bool,
    meeting_room: MeetingRoom,
    actions: ActionsScreen,
    minutes: MinutesScreen,
    /// The terminal's columns and rows, as last reported.
    size: (u16, u16),
    actor: Actor,
    /// How often this session may record, if bounded (served sessions).
    record_limit: Option<Cell<TokenBucket>>,
    overlay: Overlay,
    /// Lines of the `?` help scrolled off its top, where it is longer than
    /// the screen.
    help_scroll: u16,
    /// How far the help could scroll when last drawn (drawing knows the
    /// size; the keys are kept within it).
    help_last: Cell<u16>,
    status: Option<Status>,
    /// Set when a tick brought in other sessions' events.
    refreshed: bool,
    quit: bool,
}

impl App {
    /// An interface on `workspace`, telling time by `clock`, with a hub of
    /// its own that it checks against the disk on every tick (what other
    /// processes record shows within a second).
    pub fn new(workspace: Workspace, clock: Box<dyn Clock>, theme: Theme) -> Self {
        let mut app = Self::on_hub(Hub::new(workspace), clock, theme);
        app.watch_disk = true;
        app
    }

    /// An interface over a hub shared with other sessions (`plenary
    /// serve`): whoever watches the disk for the hub, this one only takes
    /// each new snapshot.
    pub fn on_hub(hub: Arc<Hub>, clock: Box<dyn Clock>, theme: Theme) -> Self {
        let snapshot = hub.snapshot();
        let mut dashboard = DashboardState::default();
        dashboard.load(&snapshot);
        // Who records is the front end's to say (`with_recorder`,
        // `with_actor`): the interface reads no environment.
        let actor = Actor::secretariat("secretary");
        Self {
            hub,
            snapshot,
            watch_disk: false,
            clock,
            monochrome: theme.is_monochrome(),
            theme,
            screen: Screen::Dashboard,
            dashboard,
            scheduler: SchedulerState::default(),
            scheduler_ready: false,
            meeting_room: MeetingRoom::default(),
            actions: ActionsScreen::default(),
            minutes: MinutesScreen::default(),
            size: (80, 24),
            actor,
            record_limit: None,
            overlay: Overlay::None,
            help_scroll: 0,
            help_last: Cell::new(0),
            status: None,
            refreshed: false,
            quit: false,
        }
    }

    /// Lets a second pass: takes what other sessions recorded meanwhile
    /// (looking at the disk first, for a hub of its own). Returns whether
    /// the screen needs drawing again.
    pub fn tick(&mut self) -> bool {
        self.update(super::action::Action::Tick);
        std::mem::take(&mut self.refreshed)
    }

    /// Takes the hub's newest snapshot, if it is newer than the one shown;
    /// returns whether it was.
    pub fn sync(&mut self) -> bool {
        if self.hub.generation() == self.snapshot.generation() {
            return false;
        }
        self.snapshot = self.hub.snapshot();
        let snapshot = &self.snapshot;
        if self.meeting_room.is_open() {
            self.meeting_room.sync(snapshot);
        }
        if self.actions.is_loaded() {
            self.actions.sync(snapshot);
        }
        // The ledger is worked out when the dashboard is shown.
        if self.screen == Screen::Dashboard {
            self.dashboard.load(snapshot);
        }
        true
    }

    /// What the clock shows on this screen: when it changes, the screen is
    /// drawn again (the minute; in the meeting room, the seconds since the
    /// last event).
    pub fn clock_key(&self) -> String {
        let now = self.now();
        let live = match self.screen {
            Screen::Meeting => self.meeting_room.live(now),
            _ => None,
        };
        format!("{} {}", now.format("%Y%m%d%H%M"), live.unwrap_or_default())
    }

    /// The shared core this interface records through.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// The same interface, recording meeting events as `name` (the
    /// journal's `by`). Without it: "secretary" (the local `plenary` passes
    /// `$PLENARY_BY`, else `$USER`).
    pub fn with_recorder(mut self, name: impl Into<String>) -> Self {
        self.actor = Actor::secretariat(name);
        self
    }

    /// Opens with `text` on the status line (not an error).
    pub fn with_notice(mut self, text: &str) -> Self {
        self.status = Some(Status {
            text: text.to_owned(),
            is_error: false,
        });
        self
    }

    /// The same interface for `actor`: what it records is what that person
    /// may record (a delegate over SSH votes for their own member).
    pub fn with_actor(mut self, actor: Actor) -> Self {
        self.actor = actor;
        self
    }

    /// The same interface, recording at most `burst` events at once and
    /// `per_second` on average (a served session: one person cannot flood
    /// the journal, whatever their client sends).
    pub fn with_record_limit(mut self, per_second: f64, burst: f64) -> Self {
        self.record_limit = Some(Cell::new(TokenBucket::new(
            per_second,
            burst,
            std::time::Instant::now(),
        )));
        self
    }

    /// Opens the meeting room on meeting number `index` of the workspace
    /// (what `plenary serve --meeting` shows each person first).
    pub fn show_meeting(&mut self, index: usize) {
        self.meeting_room.select_meeting(index, &self.snapshot);
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

    /// Whose vote receipts the meeting room shows: a delegate's own (the
    /// secretariat records for everyone, so it has none of its own).
    pub fn voter(&self) -> Option<&str> {
        match &self.actor {
            Actor::Delegate { person, .. } => Some(person),
            Actor::Secretariat { .. } => None,
        }
    }

    /// The zone of the person looking, when a delegate is: their member's.
    pub fn viewer_zone(&self) -> Option<chrono_tz::Tz> {
        match &self.actor {
            Actor::Delegate { member, .. } => {
                self.workspace().charter.member(member).map(|m| m.timezone)
            }
            Actor::Secretariat { .. } => None,
        }
    }

    /// The workspace shown.
    pub fn workspace(&self) -> &Workspace {
        self.snapshot.workspace()
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
        if self.overlay.is_destructive() {
            return keymap::CONFIRM_CLOSE;
        }
        if self.overlay.is_question() {
            return keymap::CONFIRM;
        }
        match self.screen {
            Screen::Dashboard => keymap::DASHBOARD,
            Screen::Scheduler => keymap::SCHEDULER,
            Screen::Meeting => match self.meeting_room.mode() {
                Mode::Normal if self.meeting_room.is_written(self.workspace()) => keymap::WRITTEN,
                Mode::Normal => keymap::MEETING,
                Mode::Proxy(_) => keymap::PROXY,
                Mode::Text(..) => keymap::INPUT,
                Mode::Ballot(editor) => match editor.kind() {
                    BallotKind::Ranking => keymap::BALLOT_RANKING,
                    BallotKind::Approve => keymap::BALLOT_APPROVAL,
                    BallotKind::Scores => keymap::BALLOT_SCORE,
                },
                Mode::NewAction(_) => keymap::ACTION_FORM,
            },
            Screen::Actions => match self.actions.mode() {
                ActionsMode::Normal => keymap::ACTIONS,
                ActionsMode::Due(..) | ActionsMode::Note(..) => keymap::INPUT,
                ActionsMode::Owner { .. } | ActionsMode::Delegate { .. } => keymap::PICK,
            },
            Screen::Minutes if self.minutes.mode().is_typing() => keymap::INPUT,
            Screen::Minutes => keymap::MINUTES,
        }
    }

    /// The keys that work besides [`App::bindings`]: the global ones,
    /// except while a form (proxy, text, ballot, picker) or a question
    /// before closing takes the keys.
    pub fn global_bindings(&self) -> &'static [Binding] {
        if self.overlay.is_destructive() {
            return &[];
        }
        let form = match self.screen {
            Screen::Meeting => *self.meeting_room.mode() != Mode::Normal,
            Screen::Actions => *self.actions.mode() != ActionsMode::Normal,
            Screen::Minutes => self.minutes.mode().is_typing(),
            _ => false,
        };
        if form && !self.overlay.is_question() {
            &[]
        } else {
            keymap::GLOBAL
        }
    }

    /// Lines of the `?` help scrolled off its top.
    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }

    /// Keeps, while drawing, how far the help can scroll at this size.
    pub(crate) fn set_help_last(&self, last: u16) {
        self.help_last.set(last);
    }

    /// Whether the person asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Handles a key press; returns whether anything changed. While a
    /// question before closing is open, a key bound to nothing answers
    /// "keep it open".
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        // The help scrolls with the movement keys, whatever they do on the
        // screen behind it.
        let help = match self.overlay {
            Overlay::Help => keymap::action_for(key, keymap::HELP, &[]),
            _ => None,
        };
        let action =
            help.or_else(|| keymap::action_for(key, self.bindings(), self.global_bindings()));
        let action = match action {
            None if self.overlay.is_destructive() => Some(super::action::Action::Close),
            other => other,
        };
        match action {
            Some(action) => {
                self.update(action);
                true
            }
            None => false,
        }
    }

    /// Handles pasted text: it goes into the text field being typed in (a
    /// note, a motion, an action item's due date or text), as one line, and
    /// nowhere else. Anywhere else it is ignored with a status message, so
    /// that pasted words never become commands (issue 12, finding 5).
    /// Returns whether anything changed (always: at least the status).
    pub fn handle_paste(&mut self, text: &str) -> bool {
        if !self.is_typing() {
            let key = |action| keymap::keys_for(keymap::MEETING, action);
            self.status = Some(Status {
                text: format!(
                    "Paste ignored: paste only into a text being typed ({} note, {} motion)",
                    key(super::action::Action::AddNote),
                    key(super::action::Action::EditMotion)
                ),
                is_error: true,
            });
            return true;
        }
        // A signature keeps its line breaks: it is armored text.
        if self.screen == Screen::Minutes && self.minutes.paste_signature(text) {
            return true;
        }
        for c in one_line(text) {
            self.update(super::action::Action::Type(c));
        }
        true
    }

    /// Whether keys are going into a text field right now.
    pub fn is_typing(&self) -> bool {
        if self.overlay != Overlay::None {
            return false;
        }
        match self.screen {
            Screen::Meeting => self.meeting_room.is_typing(),
            Screen::Actions => matches!(
                self.actions.mode(),
                ActionsMode::Due(..) | ActionsMode::Note(..)
            ),
            Screen::Minutes => self.minutes.mode().is_typing(),
            _ => false,
        }
    }

    /// Draws the whole frame; reads state, changes nothing.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}
