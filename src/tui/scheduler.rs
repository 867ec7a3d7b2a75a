//! The scheduler: a world-clock grid for one meeting's body, a cursor over
//! candidate slots, and the ranked candidates of the next four weeks.

use chrono::{DateTime, Duration, DurationRound, Timelike, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::action::Action;
use super::format::{availability_style, offset};
use super::theme::Theme;
use crate::agenda::Agenda;
use crate::charter::{Charter, Member};
use crate::duration::format_minutes;
use crate::schedule::{Search, Slot, availability_at, evaluate_slot, rank_slots};
use crate::workspace::Workspace;

/// The step the cursor moves by; SPEC 2's default step.
pub const STEP_MINUTES: u32 = 15;
/// How far ahead `n`/`p` look for ranked candidates.
const HORIZON_DAYS: i64 = 28;
/// How many ranked candidates `n`/`p` walk through.
const CANDIDATES: usize = 100;

/// Which meeting is being scheduled, where the cursor is, and the ranked
/// candidates for that meeting.
#[derive(Debug, Clone, Default)]
pub struct SchedulerState {
    meeting: usize,
    /// The slot under the cursor, judged for every member when it moves
    /// (not on every frame).
    slot: Option<Slot>,
    candidates: Vec<Slot>,
    candidate: Option<usize>,
}

impl SchedulerState {
    /// The cursor's start, once a meeting is chosen.
    pub fn start(&self) -> Option<DateTime<Utc>> {
        self.slot.as_ref().map(|s| s.start)
    }

    /// Puts the cursor on `start` and judges that slot.
    fn place(&mut self, start: DateTime<Utc>, workspace: &Workspace) {
        self.slot = self.agenda(workspace).map(|agenda| {
            let members = body_members(&workspace.charter, agenda);
            evaluate_slot(&members, start, agenda.meeting.duration_minutes)
        });
        self.candidate = self.candidates.iter().position(|s| s.start == start);
    }

    /// The agenda being scheduled.
    pub fn agenda<'a>(&self, workspace: &'a Workspace) -> Option<&'a Agenda> {
        workspace.agendas.get(self.meeting)
    }

    /// Points the screen at meeting number `index` (wrapping), putting the
    /// cursor on its start if it has one, else on the best candidate.
    pub fn select_meeting(&mut self, index: usize, workspace: &Workspace, now: DateTime<Utc>) {
        let count = workspace.agendas.len();
        if count == 0 {
            *self = Self::default();
            return;
        }
        self.meeting = index % count;
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
        self.candidates = rank_slots(&members, &search, CANDIDATES).unwrap_or_default();
        let start = agenda
            .meeting
            .start
            .or_else(|| self.candidates.first().map(|s| s.start))
            .unwrap_or(from);
        self.place(start, workspace);
    }

    /// Applies a scheduler action.
    pub fn update(&mut self, action: Action, workspace: &Workspace, now: DateTime<Utc>) {
        let Some(start) = self.start() else { return };
        let step = Duration::minutes(i64::from(STEP_MINUTES));
        let moved = match action {
            Action::Earlier => Some(start - step),
            Action::Later => Some(start + step),
            Action::DayEarlier => Some(start - Duration::days(1)),
            Action::DayLater => Some(start + Duration::days(1)),
            Action::NextCandidate | Action::PreviousCandidate => {
                let last = self.candidates.len().checked_sub(1);
                let next = match (self.candidate, action, last) {
                    (_, _, None) => None,
                    (None, _, Some(_)) => Some(0),
                    (Some(i), Action::NextCandidate, Some(last)) => Some((i + 1).min(last)),
                    (Some(i), _, Some(_)) => Some(i.saturating_sub(1)),
                };
                next.and_then(|i| self.candidates.get(i)).map(|s| s.start)
            }
            Action::NextMeeting => {
                self.select_meeting(self.meeting + 1, workspace, now);
                None
            }
            Action::PreviousMeeting => {
                let count = workspace.agendas.len().max(1);
                self.select_meeting(self.meeting + count - 1, workspace, now);
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

fn body_members<'a>(charter: &'a Charter, agenda: &Agenda) -> Vec<&'a Member> {
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
    let charter = &workspace.charter;
    let members = body_members(charter, agenda);
    let [header, grid, legend] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(state, charter, agenda, slot, theme, header, buf);
    render_grid(&members, slot, theme, grid, buf);
    Line::from(vec![
        Span::styled(" 09 ", theme.working),
        Span::raw("working "),
        Span::styled(" 18 ", theme.off_hours),
        Span::raw("off hours "),
        Span::styled(" 23 ", theme.night),
        Span::raw("night "),
        Span::styled(" 10 ", theme.day_off),
        Span::raw("day off "),
        Span::styled(" 14 ", theme.selected),
        Span::raw("the slot (local hours)"),
    ])
    .render(legend, buf);
}

fn render_header(
    state: &SchedulerState,
    charter: &Charter,
    agenda: &Agenda,
    slot: &Slot,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let m = &agenda.meeting;
    let zone = charter.alliance.timezone;
    let (ls, le) = (
        slot.start.with_timezone(&zone),
        slot.end.with_timezone(&zone),
    );
    let scheduled = match m.start {
        Some(s) if s == slot.start => Span::styled("= agenda's start", theme.working),
        Some(s) => Span::styled(
            format!("agenda says {}", s.format("%a %-d %b %H:%M UTC")),
            theme.muted,
        ),
        None => Span::styled("not yet scheduled", theme.off_hours),
    };
    let rank = match state.candidate {
        Some(i) => format!(
            "candidate {} of {} (next {HORIZON_DAYS} days)",
            i + 1,
            state.candidates.len()
        ),
        None => "not among the ranked candidates".to_owned(),
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(m.id.as_str(), theme.header),
            Span::raw(format!(
                " · {} · {} · body {}",
                super::format::shown(&m.title),
                format_minutes(m.duration_minutes),
                m.body
            )),
        ]),
        Line::from(vec![
            Span::raw(format!(
                "{}–{} UTC · {} {}–{} · ",
                slot.start.format("%a %-d %b %Y %H:%M"),
                slot.end.format("%H:%M"),
                super::format::city(zone),
                ls.format("%H:%M"),
                le.format("%H:%M %Z")
            )),
            scheduled,
        ]),
        Line::from(vec![
            Span::styled(format!("{} inside hours", slot.inside), theme.working),
            Span::raw(" · "),
            Span::styled(format!("{} outside", slot.outside), theme.off_hours),
            Span::raw(format!(" · pain {} min · {rank}", slot.pain_minutes)),
        ]),
    ];
    Paragraph::new(lines).render(area, buf);
}

/// Width of the member labels left of the hour cells; wide terminals also
/// get the member's time zone ([`ZONE`] more columns).
const LABEL: u16 = 30;
/// Width of the zone column on wide terminals.
const ZONE: u16 = 20;
/// Width of one hour cell.
const CELL: u16 = 3;

fn render_grid(members: &[&Member], slot: &Slot, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .title(" World clock ")
        .border_style(theme.border_focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let zone_width = if inner.width >= 110 { ZONE } else { 0 };
    let label = LABEL + zone_width;
    let columns = i64::from(inner.width.saturating_sub(label) / CELL);
    // Keep the slot about a third of the way in, so hours before and after show.
    let hour = Duration::hours(1);
    let first = slot.start.duration_trunc(hour).unwrap_or(slot.start)
        - hour * i32::try_from(columns / 3).unwrap_or(0);
    let in_slot = |t: DateTime<Utc>| t < slot.end && t + hour > slot.start;

    let mut header = vec![Span::styled(
        format!("{:<width$}", "UTC", width = usize::from(label)),
        theme.header,
    )];
    for c in 0..columns {
        let t = first + hour * i32::try_from(c).unwrap_or(0);
        let style = if in_slot(t) {
            theme.header.add_modifier(Modifier::REVERSED)
        } else {
            theme.header
        };
        header.push(Span::styled(format!("{:>2} ", t.hour()), style));
    }
    let mut lines = vec![Line::from(header)];
    for (member, p) in members.iter().zip(&slot.participants) {
        let id: String = member.id.chars().take(12).collect();
        let zone: String = if zone_width > 0 {
            format!(
                "{:<width$}",
                member.timezone.name(),
                width = usize::from(zone_width)
            )
        } else {
            String::new()
        };
        let mark = if p.inside_hours {
            Span::styled("✓", theme.working)
        } else {
            Span::styled("✗", theme.warning)
        };
        let mut spans = vec![
            Span::raw(format!(
                "{id:<12} {zone}{} {} ",
                offset(&p.local_start),
                p.local_start.format("%a %H:%M")
            )),
            mark,
            Span::raw(" "),
        ];
        for c in 0..columns {
            let t = first + hour * i32::try_from(c).unwrap_or(0);
            let local = t.with_timezone(&member.timezone);
            let mut style: Style = availability_style(availability_at(member, t), theme);
            if in_slot(t) {
                style = style.add_modifier(Modifier::REVERSED);
            }
            spans.push(Span::styled(format!("{:>2} ", local.hour()), style));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(inner, buf);
}
