//! Drawing the scheduler's grid views: the slot's header, the world clock
//! (one row per member: weight, local time, inside or not, the slot's pain
//! and night minutes for it, then its local hours under the UTC hours of
//! the header row, in the same columns) and the list `n`/`p` walk.

use chrono::{DateTime, Duration, DurationRound, Timelike, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::action::Action;
use super::format::{availability_style, city, offset};
use super::keymap::{SCHEDULER, keys_for};
use super::scheduler::{HORIZON_DAYS, SchedulerState, View};
use super::theme::Theme;
use crate::agenda::Agenda;
use crate::charter::{Charter, Member};
use crate::duration::format_minutes;
use crate::schedule::{Slot, availability_at};

/// What one frame of the scheduler draws from.
pub struct ScreenView<'a> {
    /// The screen's state.
    pub state: &'a SchedulerState,
    /// The charter.
    pub charter: &'a Charter,
    /// The meeting being scheduled.
    pub agenda: &'a Agenda,
    /// The slot under the cursor.
    pub slot: &'a Slot,
    /// The body's members, in charter order.
    pub members: Vec<&'a Member>,
    /// The styles.
    pub theme: &'a Theme,
}

/// Width of a member id.
const ID: usize = 10;
/// Width of the zone column on wide terminals.
const ZONE: usize = 20;
/// Terminals at least this wide get zone names and weekday names.
const WIDE: u16 = 110;
/// Width of one hour cell.
const CELL: u16 = 3;

/// The grid views into `area`.
pub fn render(view: &ScreenView, area: Rect, buf: &mut Buffer) {
    let [header, grid, legend] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(view, header, buf);
    render_grid(view, grid, buf);
    legend_line(view.theme, legend.width).render(legend, buf);
}

/// Narrower than this, the header and legend take their short forms, so
/// that no line is cut.
const NARROW: u16 = 80;

/// The colours' meanings, in `width` columns.
pub fn legend_line(theme: &Theme, width: u16) -> Line<'static> {
    let words: [&str; 5] = if width < NARROW {
        ["work ", "off ", "night ", "day off ", "slot"]
    } else {
        ["working ", "off ", "night ", "day off/holiday ", "the slot"]
    };
    let styles = [
        (" 09 ", theme.working),
        (" 18 ", theme.off_hours),
        (" 23 ", theme.night),
        (" 10 ", theme.day_off),
        (" 14 ", theme.selected),
    ];
    Line::from(
        styles
            .into_iter()
            .zip(words)
            .flat_map(|((cell, style), word)| [Span::styled(cell, style), Span::raw(word)])
            .collect::<Vec<_>>(),
    )
}

fn render_header(view: &ScreenView, area: Rect, buf: &mut Buffer) {
    let (m, slot, theme) = (&view.agenda.meeting, view.slot, view.theme);
    let zone = view.charter.alliance.timezone;
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
    let state = view.state;
    let (what, len) = match state.view() {
        View::Ranked => ("candidate", state.candidates().len()),
        View::Alternatives => ("alternative", state.alternatives().len()),
        View::Series => ("meeting", 0),
    };
    // Narrow: the title, the secretariat's clock (the grid has every
    // member's) and the longer words give way.
    let narrow = area.width < NARROW;
    let rank = match (state.index(), narrow) {
        (Some(i), false) => format!("{what} {} of {len} (next {HORIZON_DAYS} days)", i + 1),
        (Some(i), true) => format!("{what} {}/{len}", i + 1),
        (None, false) => format!("not among the {what}s"),
        (None, true) => format!("not a {what}"),
    };
    let title = if narrow {
        String::new()
    } else {
        format!(" · {}", crate::tui::format::shown(&m.title))
    };
    let when = if narrow {
        format!(
            "{}–{} UTC · ",
            slot.start.format("%a %-d %b %H:%M"),
            slot.end.format("%H:%M")
        )
    } else {
        format!(
            "{}–{} UTC · {} {}–{} · ",
            slot.start.format("%a %-d %b %Y %H:%M"),
            slot.end.format("%H:%M"),
            city(zone),
            ls.format("%H:%M"),
            le.format("%H:%M %Z")
        )
    };
    let (inside, outside, minutes) = if narrow {
        ("in", "out", "m")
    } else {
        ("inside", "outside", " min")
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(m.id.as_str(), theme.header),
            Span::raw(format!(
                "{title} · {} · body {}",
                format_minutes(m.duration_minutes),
                m.body
            )),
        ]),
        Line::from(vec![Span::raw(when), scheduled]),
        Line::from(vec![
            Span::styled(format!("{} {inside}", slot.inside), theme.working),
            Span::raw(" · "),
            Span::styled(format!("{} {outside}", slot.outside), theme.off_hours),
            Span::raw(" · "),
            Span::styled(
                format!("night {}{minutes}", slot.night_minutes),
                theme.night,
            ),
            Span::raw(format!(" · pain {}{minutes} · {rank}", slot.pain_minutes)),
        ]),
    ];
    Paragraph::new(lines).render(area, buf);
}

/// The text left of the hour cells, the same width on every row.
fn label(cells: [&str; 7], wide: bool) -> String {
    let [id, weight, zone, off, local, mark, figures] = cells;
    let id: String = id.chars().take(ID).collect();
    let zone = if wide {
        format!("{:<ZONE$.ZONE$} ", zone)
    } else {
        String::new()
    };
    let local_width = if wide { 11 } else { 7 };
    format!("{id:<ID$} {weight:>2} {zone}{off:<6} {local:<local_width$} {mark} {figures} ")
}

/// `pain night`, each right-aligned in four columns.
fn figures(pain: &str, night: &str) -> String {
    format!("{pain:>4} {night:>4}")
}

fn render_grid(view: &ScreenView, area: Rect, buf: &mut Buffer) {
    let (slot, theme) = (view.slot, view.theme);
    let block = Block::bordered()
        .title(" World clock · hours in UTC above, local in each row ")
        .border_style(theme.border_focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let wide = inner.width >= WIDE;
    let head = label(
        [
            "member",
            "wt",
            "zone",
            "offset",
            "local",
            " ",
            &figures("pain", "ngt"),
        ],
        wide,
    );
    let label_width = head.chars().count() as u16;
    let columns = i64::from(inner.width.saturating_sub(label_width) / CELL);
    // Keep the slot about a third of the way in, so hours before and after show.
    let hour = Duration::hours(1);
    let first = slot.start.duration_trunc(hour).unwrap_or(slot.start)
        - hour * i32::try_from(columns / 3).unwrap_or(0);
    let at = |c: i64| first + hour * i32::try_from(c).unwrap_or(0);
    let in_slot = |t: DateTime<Utc>| t < slot.end && t + hour > slot.start;
    let cell_style = |style: Style, t| {
        if in_slot(t) {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        }
    };

    let mut header = vec![Span::styled(head, theme.header)];
    for c in 0..columns {
        let t = at(c);
        header.push(Span::styled(
            format!("{:>2} ", t.hour()),
            cell_style(theme.header, t),
        ));
    }
    let mut lines = vec![Line::from(header)];
    for (member, p) in view.members.iter().zip(&slot.participants) {
        let days = (p.local_end.date_naive() - p.local_start.date_naive()).num_days();
        let next = if days > 0 {
            format!("+{days}")
        } else {
            String::new()
        };
        let local = if wide {
            format!("{}{next}", p.local_start.format("%a %H:%M"))
        } else {
            format!("{}{next}", p.local_start.format("%H:%M"))
        };
        let text = label(
            [
                &member.id,
                &member.weight.to_string(),
                member.timezone.name(),
                &offset(&p.local_start),
                &local,
                "#",
                &figures(&p.pain_minutes.to_string(), &p.night_minutes.to_string()),
            ],
            wide,
        );
        let (before, after) = text.split_once(" # ").unwrap_or((&text, ""));
        let mark = if p.inside_hours {
            Span::styled("✓", theme.working)
        } else {
            Span::styled("✗", theme.warning)
        };
        let mut spans = vec![
            Span::raw(format!("{before} ")),
            mark,
            Span::raw(format!(" {after}")),
        ];
        for c in 0..columns {
            let t = at(c);
            let local = t.with_timezone(&member.timezone);
            let style = availability_style(availability_at(member, t), theme);
            spans.push(Span::styled(
                format!("{:>2} ", local.hour()),
                cell_style(style, t),
            ));
        }
        lines.push(Line::from(spans));
    }
    let room = usize::from(inner.height).saturating_sub(lines.len());
    lines.extend(below(view, room));
    Paragraph::new(lines).render(inner, buf);
}

/// Holidays of the slot, then the list `n`/`p` walk, as far as `room` goes.
fn below(view: &ScreenView, room: usize) -> Vec<Line<'static>> {
    let (state, theme) = (view.state, view.theme);
    let mut lines = Vec::new();
    let holidays: Vec<String> = view
        .slot
        .participants
        .iter()
        .filter_map(|p| p.holiday.map(|h| format!("{} {h}", p.member)))
        .collect();
    if !holidays.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Holiday: ", theme.day_off.add_modifier(Modifier::BOLD)),
            Span::raw(holidays.join(" · ")),
        ]));
    }
    let walk = format!(
        "{}/{} walk them, {}",
        keys_for(SCHEDULER, Action::NextCandidate),
        keys_for(SCHEDULER, Action::PreviousCandidate),
        keys_for(SCHEDULER, Action::NextPanel)
    );
    let (title, list) = match state.view() {
        View::Alternatives => (
            format!("Alternatives, one per distinct time of day ({walk}: ranked):"),
            state.alternatives(),
        ),
        _ => (
            format!("Ranked candidates ({walk}: alternatives):"),
            state.candidates(),
        ),
    };
    if room > lines.len() + 1 {
        lines.push(Line::from(Span::styled(title, theme.muted)));
        let space = room - lines.len();
        let selected = state.index().unwrap_or(0);
        let skip = selected.saturating_sub(space.saturating_sub(1));
        for (i, s) in list.iter().enumerate().skip(skip).take(space) {
            let out: Vec<&str> = s.outside_members().collect();
            let text = format!(
                "{:>3} {} UTC  {} in · night {} · pain {} · out: {}",
                i + 1,
                s.start.format("%a %-d %b %H:%M"),
                s.inside,
                s.night_minutes,
                format_minutes(s.pain_minutes),
                if out.is_empty() {
                    "nobody".to_owned()
                } else {
                    out.join(" ")
                }
            );
            let style = if state.index() == Some(i) {
                theme.selected
            } else {
                Style::new()
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
    }
    lines.truncate(room);
    lines
}
