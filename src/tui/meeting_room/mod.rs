//! The meeting room (SPEC 7, issue 4): the agenda with the current item's
//! time box, the roll call with a live quorum gauge, and the open item's
//! motion, votes, ballots and outcome.
//!
//! It owns what the secretary looks at and is typing; what happened in the
//! meeting lives only in the journal. Every change is recorded through
//! [`crate::meeting::Meeting::record`] (the same path as `plenary record`)
//! and the screen shows the state that call returns. It computes no result
//! itself: outcomes come from [`crate::meeting`] and [`crate::vote`].

mod action_form;
mod actions;
mod actions_panel;
mod agenda_panel;
mod ballot;
mod input;
mod item_panel;
mod record;
mod render;
mod roll_call;
mod update;
mod written;
mod written_panel;

use std::cell::Cell;
use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use action_form::{ActionForm, FormField};
pub use ballot::BallotEditor;
pub use input::TextInput;
pub use record::{Env, TOO_FAST};
pub use render::{input_line, popup, render};

use crate::actions::Register;
use crate::agenda::{Agenda, Item};
use crate::charter::Member;
use crate::hub::{MeetingView, Snapshot};
use crate::meeting::{Context, MeetingState};
use crate::workspace::Workspace;

/// The panel that movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The agenda items.
    Agenda,
    /// The body's members.
    #[default]
    RollCall,
}

/// What a one-line text input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPurpose {
    /// The motion of this decision item.
    Motion(String),
    /// A note on this item, or on the meeting.
    Note(Option<String>),
    /// Why the motion of this item is withdrawn (may stay empty).
    Withdraw(String),
    /// Why this closed item is reopened.
    Reopen(String),
    /// Why this event is voided; with what it recorded.
    Void(u64, String),
    /// How this reply (in a written procedure) was received.
    Evidence(Box<crate::meeting::Event>),
    /// Why the written procedure is withdrawn.
    WithdrawProcedure,
    /// The written procedure's new deadline and why, the date read in the
    /// alliance's zone.
    Extend(chrono_tz::Tz),
}

/// What the keys are doing besides moving around.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Moving, marking, voting.
    #[default]
    Normal,
    /// Choosing who holds this member's proxy.
    Proxy(String),
    /// Typing a line of text.
    Text(TextPurpose, TextInput),
    /// Filling in a ballot.
    Ballot(BallotEditor),
    /// Filling in a new action item.
    NewAction(ActionForm),
}

pub use crate::hub::Loaded;

/// The meeting room: which meeting, what its journal says, and where the
/// selections are.
#[derive(Debug, Clone, Default)]
pub struct MeetingRoom {
    meeting: usize,
    journal: Option<Arc<MeetingView>>,
    focus: Focus,
    item: usize,
    member: usize,
    mode: Mode,
    register: Option<Arc<Result<Register, String>>>,
    action_list: bool,
    item_scroll: u16,
    /// How far the item panel could scroll when last drawn (drawing knows
    /// the size; `PgDn` stops there).
    item_last: Cell<u16>,
}

impl MeetingRoom {
    /// The agenda file of the meeting shown, as it is in the workspace now.
    fn live_agenda<'a>(&self, workspace: &'a Workspace) -> Option<&'a Agenda> {
        workspace.agendas.get(self.meeting)
    }

    /// The context the meeting shown is judged in: its frozen terms once
    /// its journal has them, else the workspace's files.
    pub fn context<'a>(&'a self, workspace: &'a Workspace) -> Option<Context<'a>> {
        let agenda = self.live_agenda(workspace)?;
        let live = Context::new(&workspace.charter, agenda)?;
        Some(self.loaded().map_or(live, |l| l.state.context(live)))
    }

    /// The agenda of the meeting shown (as frozen in its journal, with any
    /// amendments, once it has terms).
    pub fn agenda<'a>(&'a self, workspace: &'a Workspace) -> Option<&'a Agenda> {
        self.context(workspace)
            .map(|c| c.agenda)
            .or_else(|| self.live_agenda(workspace))
    }

    /// Whether a meeting has been chosen and its journal read.
    pub fn is_open(&self) -> bool {
        self.journal.is_some()
    }

    /// The meeting as its journal says, once loaded and trustworthy.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.journal.as_deref().and_then(|j| j.as_ref().ok())
    }

    /// The replayed state, once loaded.
    pub fn state(&self) -> Option<&MeetingState> {
        self.loaded().map(|l| &l.state)
    }

    /// Why the journal could not be used (unreadable, tampered, foreign).
    pub fn error(&self) -> Option<&str> {
        self.journal
            .as_deref()
            .and_then(|j| j.as_ref().err())
            .map(String::as_str)
    }

    /// Which meeting of the workspace's agendas is shown.
    pub fn meeting_index(&self) -> usize {
        self.meeting
    }

    /// The panel with focus.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The selected agenda row.
    pub fn selected_item(&self) -> usize {
        self.item
    }

    /// The selected roll-call row.
    pub fn selected_member(&self) -> usize {
        self.member
    }

    /// Lines of the item panel scrolled off its top, as asked with `PgDn`
    /// (the panel stops where its last line reaches the bottom).
    pub fn item_scroll(&self) -> u16 {
        self.item_scroll
    }

    /// Keeps, while drawing, how far the item panel can scroll.
    pub(super) fn set_item_last(&self, last: u16) {
        self.item_last.set(last);
    }

    /// What the keys are doing.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Whether keys (and pastes) are going into a text field: a motion or
    /// a note, or the due date or text of a new action item.
    pub fn is_typing(&self) -> bool {
        match &self.mode {
            Mode::Text(..) => true,
            Mode::NewAction(form) => matches!(form.field(), FormField::Due | FormField::Text),
            _ => false,
        }
    }

    /// "live · updated 12s ago": how long since the last event of the
    /// meeting shown was recorded, by the injected clock.
    pub fn live(&self, now: DateTime<Utc>) -> Option<String> {
        let loaded = self.loaded()?;
        Some(match loaded.last_at() {
            Some(at) => format!("live · updated {} ago", age((now - at).num_seconds())),
            None => "live · nothing recorded yet".to_owned(),
        })
    }

    /// The open item's id, if any.
    pub fn current_item(&self) -> Option<&str> {
        self.state().and_then(|s| s.current.as_deref())
    }

    /// The item the room is about: the open one, else the selected one.
    pub fn shown_item<'a>(&self, agenda: &'a Agenda) -> Option<&'a Item> {
        self.current_item()
            .and_then(|id| agenda.items.iter().find(|i| i.id == id))
            .or_else(|| agenda.items.get(self.item))
    }

    /// The body's members, in charter order: the roll call's rows.
    pub fn members<'a>(&'a self, workspace: &'a Workspace) -> Vec<&'a Member> {
        self.context(workspace)
            .map(|c| c.charter.members_of(c.body).collect())
            .unwrap_or_default()
    }

    /// The member on the selected roll-call row.
    pub fn member_id<'a>(&'a self, workspace: &'a Workspace) -> Option<&'a str> {
        self.members(workspace)
            .get(self.member)
            .map(|m| m.id.as_str())
    }

    /// Points the room at meeting number `index` (wrapping) as `snapshot`
    /// has it.
    pub fn select_meeting(&mut self, index: usize, snapshot: &Snapshot) {
        let workspace = snapshot.workspace();
        let count = workspace.agendas.len().max(1);
        *self = Self {
            meeting: index % count,
            ..Self::default()
        };
        self.sync(snapshot);
        if let (Some(agenda), Some(current)) = (self.agenda(workspace), self.current_item()) {
            self.item = agenda
                .items
                .iter()
                .position(|i| i.id == current)
                .unwrap_or(0);
        }
    }

    /// Takes the meeting and the register as `snapshot` has them (the
    /// hub's, after any session recorded); returns whether they changed.
    pub fn sync(&mut self, snapshot: &Snapshot) -> bool {
        let journal = self
            .live_agenda(snapshot.workspace())
            .and_then(|a| snapshot.meeting(&a.meeting.id))
            .cloned();
        let register = Some(snapshot.register().clone());
        let changed = !same(&self.journal, &journal) || !same(&self.register, &register);
        self.journal = journal;
        self.register = register;
        if changed {
            // Rows may have gone (an amendment, another charter).
            let ws = snapshot.workspace();
            self.item = self.item.min(
                self.agenda(ws)
                    .map_or(0, |a| a.items.len().saturating_sub(1)),
            );
            self.member = self.member.min(self.members(ws).len().saturating_sub(1));
        }
        changed
    }

    fn rows(&self, workspace: &Workspace) -> usize {
        match self.focus {
            Focus::Agenda => self.agenda(workspace).map_or(0, |a| a.items.len()),
            Focus::RollCall => self.members(workspace).len(),
        }
    }

    /// Moves the focused panel's selection (the roll call's while a proxy
    /// holder is being chosen).
    fn move_selection(&mut self, workspace: &Workspace, to: impl FnOnce(usize, usize) -> usize) {
        let last = self.rows(workspace).saturating_sub(1);
        let at = match self.focus {
            Focus::Agenda => &mut self.item,
            Focus::RollCall => &mut self.member,
        };
        *at = to(*at, last).min(last);
    }
}

/// The meeting the room opens on at `now`: the one in progress (its start
/// passed, its duration not yet), else the next to start, else the last to
/// have started; a workspace with no scheduled meeting opens on its first
/// agenda. Unscheduled meetings are never chosen over scheduled ones: there
/// is no telling when they are.
pub fn meeting_at(agendas: &[Agenda], now: DateTime<Utc>) -> usize {
    let scheduled = || {
        agendas.iter().enumerate().filter_map(|(i, a)| {
            let start = a.meeting.start?;
            let end = start + chrono::Duration::minutes(i64::from(a.meeting.duration_minutes));
            Some((i, start, end))
        })
    };
    let in_progress = scheduled().find(|&(_, start, end)| start <= now && now < end);
    let next = || {
        scheduled()
            .filter(|&(_, start, _)| start > now)
            .min_by_key(|&(_, start, _)| start)
    };
    let last = || scheduled().max_by_key(|&(_, start, _)| start);
    in_progress
        .or_else(next)
        .or_else(last)
        .map_or(0, |(i, _, _)| i)
}

/// `seconds` as the largest whole unit: 12s, 5m, 3h, 2d.
fn age(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}

/// Whether two shared values are the same one (a snapshot shares what did
/// not change).
fn same<T>(a: &Option<Arc<T>>, b: &Option<Arc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{age, meeting_at};
    use crate::workspace::Workspace;

    #[test]
    fn the_room_opens_on_the_meeting_in_progress_else_the_next_else_the_last() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra");
        let ws = Workspace::load(&root).expect("the example workspace");
        let index = |id: &str| {
            ws.agendas
                .iter()
                .position(|a| a.meeting.id == id)
                .expect("an agenda")
        };
        // March steering: 10 March 14:00 UTC for 90 minutes; the June
        // general assembly: 16 June 12:00 UTC for 2 hours; September's
        // steering meeting has no start yet.
        let cases = [
            ("2027-01-01T00:00:00Z", "2027-03-steering"),
            ("2027-03-10T14:00:00Z", "2027-03-steering"),
            ("2027-03-10T15:29:00Z", "2027-03-steering"),
            ("2027-03-10T15:30:00Z", "2027-06-general-assembly"),
            ("2027-04-02T09:00:00Z", "2027-06-general-assembly"),
            ("2027-06-16T13:00:00Z", "2027-06-general-assembly"),
            ("2027-12-01T00:00:00Z", "2027-06-general-assembly"),
        ];
        for (now, id) in cases {
            let now = now.parse().expect("an instant");
            assert_eq!(meeting_at(&ws.agendas, now), index(id), "at {now}");
        }
        assert_eq!(meeting_at(&[], chrono::Utc::now()), 0);
    }

    #[test]
    fn ages_are_given_in_the_largest_whole_unit() {
        let cases = [
            (-5, "0s"),
            (0, "0s"),
            (59, "59s"),
            (60, "1m"),
            (3599, "59m"),
            (3600, "1h"),
            (86399, "23h"),
            (86400, "1d"),
            (10 * 86400, "10d"),
        ];
        for (seconds, shown) in cases {
            assert_eq!(age(seconds), shown, "{seconds}");
        }
    }
}
