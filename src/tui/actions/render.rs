//! The action items screen's layout: the table with the filter in its
//! title, and the due-date or note input, or the owner/delegate picker,
//! over its bottom while one is in use.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::{ActionsMode, ActionsScreen};
use crate::actions::ActionItem;
use crate::tui::action::Action;
use crate::tui::format::{local_due, shown};
use crate::tui::keymap::{ACTIONS, MEETING, keys_for};
use crate::tui::meeting_room::{input_line, popup};
use crate::tui::theme::Theme;
use crate::workspace::Workspace;

/// Draws the action items screen into `area`.
pub fn render(
    screen: &ActionsScreen,
    workspace: &Workspace,
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let rows = screen.rows(now);
    let filter = screen.filter();
    let owner = filter.owner.as_deref().unwrap_or("every owner");
    let overdue = if filter.overdue {
        " · overdue only"
    } else {
        ""
    };
    let block = Block::bordered()
        .title(format!(
            " Action items · {} · {owner}{overdue} · by {} · {} shown ",
            filter.status.name(),
            filter.sort.name(),
            rows.len()
        ))
        .border_style(theme.border_focused);
    if let Some(e) = screen.error() {
        Paragraph::new(Span::styled(
            format!("The action register cannot be read: {e}\nRun plenary check."),
            theme.warning,
        ))
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
        return;
    }
    if rows.is_empty() {
        let key = |action| keys_for(ACTIONS, action);
        let what = if screen.register().is_some_and(|r| r.items().is_empty()) {
            format!(
                "No action items yet: press {} in the meeting room to agree one.",
                keys_for(MEETING, Action::NewAction)
            )
        } else {
            format!(
                "No action item matches: {} changes the status, {} the owner, {} overdue only.",
                key(Action::CycleStatus),
                key(Action::CycleOwner),
                key(Action::ToggleOverdue)
            )
        };
        Paragraph::new(Span::styled(what, theme.muted))
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    } else {
        let inner = block.inner(area);
        block.render(area, buf);
        let [table, selected] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
        render_table(screen, &rows, now, theme, table, buf);
        if let Some(item) = rows.get(screen.selected()) {
            render_selected(item, theme, selected, buf);
        }
    }
    match screen.mode() {
        ActionsMode::Normal => {}
        ActionsMode::Due(id, input) | ActionsMode::Note(id, input) => {
            let title = match screen.mode() {
                ActionsMode::Due(..) => {
                    let zone = screen
                        .register()
                        .and_then(|r| r.get(id))
                        .map_or(String::new(), |i| format!(", {}", i.timezone.name()));
                    format!(" New due date of {id} · YYYY-MM-DD{zone} ")
                }
                _ => format!(" Note on {id} "),
            };
            let bottom = bottom_rows(area, 3);
            let inner = popup(bottom, 3, title, theme, buf);
            input_line(input, inner.width, theme).render(inner, buf);
        }
        ActionsMode::Owner { action, cursor } => {
            let names = workspace
                .charter
                .members
                .iter()
                .map(|m| format!("{:<10} {}", m.id, shown(&m.name)));
            let title = format!(" New owner of {action} ");
            render_pick(names.collect(), *cursor, title, theme, area, buf);
        }
        ActionsMode::Delegate {
            action,
            owner,
            cursor,
        } => {
            let mut names = vec!["(nobody named)".to_owned()];
            if let Some(m) = workspace.charter.member(owner) {
                names.extend(m.delegates.iter().map(|d| shown(&d.name)));
            }
            let title = format!(" {action}: who at {owner} ");
            render_pick(names, *cursor, title, theme, area, buf);
        }
    }
}

/// The last `height` rows of `area`.
fn bottom_rows(area: Rect, height: u16) -> Rect {
    let height = height.min(area.height);
    Rect {
        y: area.y + area.height - height,
        height,
        ..area
    }
}

/// The selected item in full under the table: who, from where, and its
/// whole text, which the table may have cut.
fn render_selected(item: &ActionItem, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let named = item
        .delegate
        .as_ref()
        .map_or(String::new(), |d| format!(" ({d})"));
    let from = item
        .item
        .as_ref()
        .map_or(String::new(), |i| format!(", item {i}"));
    let lines = vec![
        Line::from(Span::styled(
            format!("{}{named} · from {}{from}", item.owner, item.meeting),
            theme.muted,
        )),
        Line::from(shown(&item.text)),
    ];
    Paragraph::new(lines)
        .block(
            Block::new()
                .borders(Borders::TOP)
                .border_style(theme.border),
        )
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn render_table(
    screen: &ActionsScreen,
    rows: &[&ActionItem],
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let wide = area.width >= 110;
    // Narrow: the owner gives way (the details below name it), so that the
    // due time, what the screen is for, is never cut.
    let narrow = area.width < 70;
    let titles: &[&str] = if narrow {
        &["id", "due (owner's time)", "status", "text"]
    } else {
        &["id", "owner", "due (owner's time)", "status", "text"]
    };
    let header = Row::new(titles.iter().copied().map(Cell::from)).style(theme.header);
    let body = rows.iter().map(|item| {
        let overdue = item.is_overdue(now);
        let status = if overdue {
            "overdue"
        } else {
            item.status.name()
        };
        let owner = match (&item.delegate, wide) {
            (Some(d), true) => format!("{} ({d})", item.owner),
            _ => item.owner.clone(),
        };
        let mut cells = vec![
            Cell::from(item.id.clone()),
            Cell::from(owner),
            Cell::from(local_due(item)),
            Cell::from(status),
            Cell::from(shown(&item.text)),
        ];
        if narrow {
            cells.remove(1);
        }
        let row = Row::new(cells);
        if overdue {
            row.style(theme.warning)
        } else {
            row
        }
    });
    let id_width = rows
        .iter()
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 24);
    let due_width = rows
        .iter()
        .map(|i| local_due(i).chars().count())
        .max()
        .unwrap_or(0)
        .max(21);
    let mut widths = vec![
        Constraint::Length(u16::try_from(id_width).unwrap_or(24)),
        Constraint::Length(if wide { 28 } else { 9 }),
        Constraint::Length(u16::try_from(due_width).unwrap_or(30)),
        Constraint::Length(7),
        Constraint::Fill(1),
    ];
    if narrow {
        widths.remove(1);
    }
    let table = Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(screen.selected()));
    StatefulWidget::render(table, area, buf, &mut state);
}

fn render_pick(
    names: Vec<String>,
    cursor: usize,
    title: String,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let rows = u16::try_from(names.len()).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(area.height);
    let bottom = bottom_rows(area, height);
    let inner = popup(bottom, height, title, theme, buf);
    let lines: Vec<Line> = names
        .into_iter()
        .enumerate()
        .map(|(n, name)| {
            let line = Line::from(format!(" {name}"));
            if n == cursor {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let scroll = u16::try_from(cursor)
        .unwrap_or(u16::MAX)
        .saturating_add(1)
        .saturating_sub(inner.height);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
}
