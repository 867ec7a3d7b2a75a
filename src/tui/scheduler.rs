//! The scheduler: a world-clock grid for one meeting's body, a cursor over
//! candidate slots that `n`/`p` walk (the ranked candidates of the next
//! four weeks, or their alternatives, one per distinct time of day), and a
//! series view of the body's next meetings planned from its ledger. `Tab`
//! switches between the three. Drawing is in `scheduler_grid` and
//! `scheduler_series`.

use chrono::{DateTime, Duration, DurationRound, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::action::Action;
use super::scheduler_grid;
use super::scheduler_series;
use super::theme::Theme;
use crate::agenda::Agenda;
use crate::charter::{Charter, Member};
use crate::hub::Snapshot;
use crate::schedule::{
    Anchor, DEFAULT_TOLERANCE, Ledger, Note, Search, Series, SeriesPlan, Slot, evaluate_slot,
    plan_series, rank_slots,
};
use crate::workspace::Workspace;

/// The step the cursor moves by; SPEC 2's default step.
pub const STEP_MINUTES: u32 = 15;
/// How far ahead `n`/`p` look for ranked candidates.
pub const HORIZON_DAYS: i64 = 28;
/// How many ranked candidates `n`/`p` walk through.
const CANDIDATES: usize = 100;
/// The series view plans this many meetings...
pub const SERIES_COUNT: usize = 6;
/// ...one every this many weeks, from the meeting's week.
pub const SERIES_WEEKS: i64 = 4;

/// What the screen shows and what `n`/`p` walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The grid; `n`/`p` walk the ranked candidates.
    #[default]
    Ranked,
    /// The grid; `n`/`p` walk the alternatives.
    Alternatives,
    /// The series: members by occurrences; `n`/`p` walk the occurrences.
    Series,
}

impl View {
    /// The next view `Tab` shows.
    fn next(self) -> Self {
        match self {
            Self::Ranked => Self::Alternatives,
            Self::Alternatives => Self::Series,
            Self::Series => Self::Ranked,
        }
    }

    /// The view `Shift-Tab` shows.
    fn previous(self) -> Self {
        self.next().next()
    }
}

/// Which meeting is being scheduled, where the cursor is, and the ranked
/// candidates, alternatives and series for that meeting.
#[derive(Debug, Clone, Default)]
pub struct SchedulerState {
    meeting: usize,
    /// The slot under the cursor, judged for every member when it moves
    /// (not on every frame).
    slot: Option<Slot>,
    candidates: Vec<Slot>,
    alternatives: Vec<Slot>,
    notes: Vec<Note>,
    /// Position of the cursor in the list the view walks.
    index: Option<usize>,
    view: View,
    /// Planned when the series view is first shown for the meeting.
    series: Option<Result<SeriesPlan, String>>,
}

impl SchedulerState {
    /// The cursor's start, once a meeting is chosen.
    pub fn start(&self) -> Option<DateTime<Utc>> {
        self.slot.as_ref().map(|s| s.start)
    }

    /// The slot under the cursor.
    pub fn slot(&self) -> Option<&Slot> {
        self.slot.as_ref()
    }

    /// What the screen shows.
    pub fn view(&self) -> View {
        self.view
    }

    /// The ranked candidates of the next four weeks.
    pub fn candidates(&self) -> &[Slot] {
        &self.candidates
    }

    /// The best slot of each distinct time of day in those four weeks.
    pub fn alternatives(&self) -> &[Slot] {
        &self.alternatives
    }

    /// What the data behind the candidates cannot tell.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The series plan, once the series view has been shown.
    pub fn series(&self) -> Option<&Result<SeriesPlan, String>> {
        self.series.as_ref()
    }

    /// The position of the cursor in the list the view walks.
    pub fn index(&self) -> Option<usize> {
        self.index
    }

    /// The slots `n`/`p` walk in the current view.
    fn walked(&self) -> Vec<DateTime<Utc>> {
        match self.view {
            View::Ranked => self.candidates.iter().map(|s| s.start).collect(),
            View::Alternatives => self.alternatives.iter().map(|s| s.start).collect(),
            View::Series => match &self.series {
                Some(Ok(plan)) => plan.occurrences.iter().map(|o| o.slot.start).collect(),
                _ => Vec::new(),
            },
        }
    }

    /// Puts the cursor on `start` and judges that slot.
    fn place(&mut self, start: DateTime<Utc>, workspace: &Workspace) {
        self.slot = self.agenda(workspace).map(|agenda| {
            let members = body_members(&workspace.charter, agenda);
            evaluate_slot(&members, start, agenda.meeting.duration_minutes)
        });
        self.index = self.walked().iter().position(|s| *s == start);
    }

    /// The agenda being scheduled.
    pub fn agenda<'a>(&self, workspace: &'a Workspace) -> Option<&'a Agenda> {
        workspace.agendas.get(self.meeting)
    }

    /// Points the screen at meeting number `index` (wrapping), putting the
    /// cursor on its start if it has one, else on the best candidate.
    pub fn select_meeting(&mut self, index: usize, snapshot: &Snapshot, now: DateTime<Utc>) {
        let workspace = snapshot.workspace();
        let count = workspace.agendas.len();
        if count == 0 {
            *self = Self::default();
            return;
        }
        let view = self.view;
        *self = Self {
            meeting: index % count,
            view,
            ..Self::default()
        };
        let Some(agenda) = workspace.agendas.get(self.meeting) else {
            return;
        };
        let members = body_members(&workspace.charter, agenda);
        let from = align_up(now);
        let search = Search {
            from,
            to: from + Duration::days(HORIZON_DAYS),
            duration_minutes: agenda.meeting.duration_minutes,
            step_minutes: STEP_MINUTES,
        };
        if let Ok(ranking) = rank_slots(&members, &search, CANDIDATES) {
            self.candidates = ranking.slots;
            self.alternatives = ranking.alternatives;
            self.notes = ranking.notes;
        }
        if self.view == View::Series {
            self.plan(snapshot, now);
        }
        let start = agenda
            .meeting
            .start
            .or_else(|| self.candidates.first().map(|s| s.start))
            .unwrap_or(from);
        self.place(start, workspace);
    }

    /// Plans the series view's meetings for the meeting's body, from its
    /// ledger of held meetings.
    fn plan(&mut self, snapshot: &Snapshot, now: DateTime<Utc>) {
        let workspace = snapshot.workspace();
        let Some(agenda) = self.agenda(workspace) else {
            return;
        };
        let charter = &workspace.charter;
        let members = body_members(charter, agenda);
        // The meetings held, as the shared core has them: no journal read.
        let (held, _) = snapshot.held();
        let ledger = Ledger::of(&charter.members, held, Some(&agenda.meeting.body));
        let anchor = agenda.meeting.start.unwrap_or(now).max(now);
        let zone = charter.alliance.timezone;
        let day = anchor.with_timezone(&zone).date_naive();
        let from = crate::schedule::start_of_day(zone, day);
        let series = Series {
            from,
            to: from + Duration::weeks(SERIES_WEEKS * SERIES_COUNT as i64),
            duration_minutes: agenda.meeting.duration_minutes,
            step_minutes: STEP_MINUTES,
            every_minutes: (SERIES_WEEKS * 7 * 24 * 60) as u32,
            count: SERIES_COUNT,
            anchor: Anchor::Zone(zone),
            tolerance: DEFAULT_TOLERANCE,
        };
        self.series = Some(plan_series(&members, &series, &ledger).map_err(|e| e.to_string()));
    }

    /// Applies a scheduler action.
    pub fn update(&mut self, action: Action, snapshot: &Snapshot, now: DateTime<Utc>) {
        let workspace = snapshot.workspace();
        let Some(start) = self.start() else { return };
        let step = Duration::minutes(i64::from(STEP_MINUTES));
        let moved = match action {
            Action::Earlier => Some(start - step),
            Action::Later => Some(start + step),
            Action::DayEarlier => Some(start - Duration::days(1)),
            Action::DayLater => Some(start + Duration::days(1)),
            Action::NextCandidate | Action::PreviousCandidate => {
                let walked = self.walked();
                let last = walked.len().checked_sub(1);
                let next = match (self.index, action, last) {
                    (_, _, None) => None,
                    (None, _, Some(_)) => Some(0),
                    (Some(i), Action::NextCandidate, Some(last)) => Some((i + 1).min(last)),
                    (Some(i), _, Some(_)) => Some(i.saturating_sub(1)),
                };
                next.and_then(|i| walked.get(i).copied())
            }
            Action::NextPanel | Action::PreviousPanel => {
                self.view = match action {
                    Action::NextPanel => self.view.next(),
                    _ => self.view.previous(),
                };
                if self.view == View::Series && self.series.is_none() {
                    self.plan(snapshot, now);
                }
                Some(start)
            }
            Action::NextMeeting => {
                self.select_meeting(self.meeting + 1, snapshot, now);
                None
            }
            Action::PreviousMeeting => {
                let count = workspace.agendas.len().max(1);
                self.select_meeting(self.meeting + count - 1, snapshot, now);
                None
            }
            _ => None,
        };
        if let Some(start) = moved {
            self.place(start, workspace);
        }
    }
}

/// The first instant at or after `t` on the step grid.
fn align_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let step = Duration::minutes(i64::from(STEP_MINUTES));
    let floor = t.duration_trunc(step).unwrap_or(t);
    if floor < t { floor + step } else { floor }
}

/// The members of the agenda's body, in charter order.
pub fn body_members<'a>(charter: &'a Charter, agenda: &Agenda) -> Vec<&'a Member> {
    charter
        .body(&agenda.meeting.body)
        .map(|b| charter.members_of(b).collect())
        .unwrap_or_default()
}

/// Draws the scheduler into `area`.
pub fn render(
    state: &SchedulerState,
    workspace: &Workspace,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let (Some(agenda), Some(slot)) = (state.agenda(workspace), state.slot.as_ref()) else {
        Paragraph::new(
            "This workspace has no agendas: add a <meeting-id>.toml to schedule a meeting.",
        )
        .block(Block::bordered().title(" Scheduler "))
        .render(area, buf);
        return;
    };
    let view = scheduler_grid::ScreenView {
        state,
        charter: &workspace.charter,
        agenda,
        slot,
        members: body_members(&workspace.charter, agenda),
        theme,
    };
    match state.view {
        View::Ranked | View::Alternatives => scheduler_grid::render(&view, area, buf),
        View::Series => scheduler_series::render(&view, area, buf),
    }
}
