//! Drawing the scheduler's series view: the body's next meetings planned
//! so the burden rotates, from its ledger of held meetings. Rows are
//! members, columns occurrences; each cell says how the member lives that
//! meeting (`in` inside hours, `out` outside, `ngt` at night), then the
//! member's held and planned burden. What geography forces is said in
//! words below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::action::Action;
use super::keymap::{SCHEDULER, keys_for};
use super::scheduler::{SERIES_COUNT, SERIES_WEEKS};
use super::scheduler_grid::{ScreenView, legend_line};
use crate::duration::format_minutes;
use crate::schedule::{Participant, SeriesPlan};

/// Width of a member id.
const ID: usize = 10;
/// Width of one occurrence's column.
const CELL: usize = 5;

/// The series view into `area`.
pub fn render(view: &ScreenView, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let [header, body, legend] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let m = &view.agenda.meeting;
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(m.id.as_str(), theme.header),
            Span::raw(format!(
                " · series: {SERIES_COUNT} meetings of {}, one every {SERIES_WEEKS} weeks",
                format_minutes(m.duration_minutes)
            )),
        ]),
        Line::from(Span::styled(
            "Each at most one member more outside than its period's best slot; burden from the \
             ledger of held meetings",
            theme.muted,
        )),
    ])
    .render(header, buf);
    let block = Block::bordered()
        .title(format!(
            " Series · {}/{} walk the meetings, {}: ranked ",
            keys_for(SCHEDULER, Action::NextCandidate),
            keys_for(SCHEDULER, Action::PreviousCandidate),
            keys_for(SCHEDULER, Action::NextPanel)
        ))
        .border_style(theme.border_focused);
    let inner = block.inner(body);
    block.render(body, buf);
    match view.state.series() {
        Some(Ok(plan)) => table(view, plan, inner, buf),
        Some(Err(e)) => Paragraph::new(format!("No series: {e}"))
            .wrap(Wrap { trim: true })
            .render(inner, buf),
        None => Paragraph::new("Planning…").render(inner, buf),
    }
    legend_line(theme, legend.width).render(legend, buf);
}

fn cell(p: &Participant) -> &'static str {
    if p.night_minutes > 0 {
        "ngt"
    } else if p.inside_hours {
        "in"
    } else {
        "out"
    }
}

fn table(view: &ScreenView, plan: &SeriesPlan, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let selected = view.state.index();
    let style_of = |p: &Participant| -> Style {
        if p.night_minutes > 0 {
            theme.night
        } else if p.inside_hours {
            theme.working
        } else {
            theme.off_hours
        }
    };
    let mut head = vec![Span::styled(format!("{:<ID$} ", "member"), theme.header)];
    for o in &plan.occurrences {
        let style = if selected == Some(o.number - 1) {
            theme.header.add_modifier(Modifier::REVERSED)
        } else {
            theme.header
        };
        head.push(Span::styled(format!("{:>CELL$}", o.number), style));
    }
    head.push(Span::styled("  held  plan", theme.header));
    let mut lines = vec![Line::from(head)];
    for (i, member) in view.members.iter().enumerate() {
        let id: String = member.id.chars().take(ID).collect();
        let mut spans = vec![Span::raw(format!("{id:<ID$} "))];
        for o in &plan.occurrences {
            match o.slot.participants.get(i) {
                Some(p) => {
                    let mut style = style_of(p);
                    if selected == Some(o.number - 1) {
                        style = style.add_modifier(Modifier::REVERSED);
                    }
                    spans.push(Span::styled(format!("{:>CELL$}", cell(p)), style));
                }
                None => spans.push(Span::raw(" ".repeat(CELL))),
            }
        }
        let (held, planned) = (plan.held.get(i), plan.burden.get(i));
        spans.push(Span::raw(format!(
            "  {:>4}  {:>4}",
            held.map_or(0, |b| b.weight()),
            planned.map_or(0, |b| b.weight())
        )));
        lines.push(Line::from(spans));
    }
    let chosen = selected.and_then(|i| plan.occurrences.get(i));
    let mut info = match chosen {
        Some(o) => format!(
            "#{}: {} UTC, {} of {} inside (best of its period: {} outside), night {} min",
            o.number,
            o.slot.start.format("%a %-d %b %Y %H:%M"),
            o.slot.inside,
            o.slot.participants.len(),
            o.best_outside,
            o.slot.night_minutes
        ),
        None => format!(
            "Highest burden {} (outside + night, held + planned); night {} min; pain {} min",
            plan.max_burden, plan.total_night_minutes, plan.total_pain_minutes
        ),
    };
    info.truncate(usize::from(area.width));
    lines.push(Line::from(Span::styled(info, theme.muted)));
    for c in &plan.constraints {
        lines.push(Line::from(Span::styled(c.to_string(), theme.warning)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
