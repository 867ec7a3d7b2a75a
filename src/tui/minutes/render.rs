//! The minutes preview: the Markdown as it will be written, scrolled, with
//! headings picked out.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::{ApprovalMode, MinutesScreen};
use crate::tui::action::Action;
use crate::tui::keymap::{MINUTES, keys_for};
use crate::tui::meeting_room::{input_line, popup};
use crate::tui::theme::Theme;
use crate::workspace::Workspace;

/// Draws the minutes screen into `area`: the approval's lines above the
/// preview, and the field being typed or pasted into over it.
pub fn render(
    screen: &MinutesScreen,
    workspace: &Workspace,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let panel = &screen.approval().lines;
    let key = |action| keys_for(MINUTES, action);
    let hint = match (
        &screen.approval().statement,
        screen.approval().open_to_objections,
    ) {
        (Some(_), _) => format!(" · {} sign", key(Action::SignMinutes)),
        (None, true) => format!(" · {} object", key(Action::ObjectMinutes)),
        (None, false) => String::new(),
    };
    let text: Vec<Line> = panel
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = vec![Span::styled(l.as_str(), theme.header)];
            if i == 0 {
                spans.push(Span::styled(hint.clone(), theme.muted));
            }
            Line::from(spans)
        })
        .collect();
    // Long lines (a zone's name, fingerprints) wrap rather than being cut.
    let wanted: usize = text.iter().map(|l| rows(l, area.width)).sum();
    let height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height / 3);
    let [top, area] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(top, buf);
    render_preview(screen, workspace, theme, area, buf);
    render_field(screen, theme, area, buf);
}

fn render_field(screen: &MinutesScreen, theme: &Theme, area: Rect, buf: &mut Buffer) {
    match screen.mode() {
        ApprovalMode::Normal => {}
        ApprovalMode::Object(input) => {
            let bottom = bottom_rows(area, 3);
            let title = " Objection: ITEM REASON… (ITEM: an item id or general) ".to_owned();
            let inner = popup(bottom, 3, title, theme, buf);
            input_line(input, inner.width, theme).render(inner, buf);
        }
        ApprovalMode::Sign(field) => {
            let (statement, digest) = screen.approval().statement.clone().unwrap_or_default();
            let mut lines: Vec<Line> = statement
                .lines()
                .map(|l| Line::from(l.to_owned()))
                .collect();
            lines.push(Line::from(Span::styled(
                format!("SHA-256 {digest}"),
                theme.muted,
            )));
            lines.push(Line::from(
                "Save the statement (the lines above SHA-256) as FILE, sign it on your machine with ssh-keygen -Y sign -n plenary -f KEY FILE, and paste FILE.sig here:",
            ));
            let pasted = match field.lines().count() {
                0 => Span::styled("(nothing pasted yet)", theme.muted),
                n => Span::raw(format!(
                    "{n} lines pasted ({} bytes); Enter records, Esc cancels",
                    field.len()
                )),
            };
            lines.push(Line::from(pasted));
            // No side borders: at 80 columns each statement line (up to 80
            // characters) stays whole, to be copied as it is.
            let wanted: usize = lines.iter().map(|l| rows(l, area.width)).sum();
            let height = u16::try_from(wanted + 2).unwrap_or(u16::MAX);
            let bottom = bottom_rows(area, height);
            Clear.render(bottom, buf);
            let block = Block::new()
                .borders(Borders::TOP | Borders::BOTTOM)
                .title(" Sign the approved minutes ")
                .border_style(theme.border_focused);
            let inner = block.inner(bottom);
            block.render(bottom, buf);
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }
    }
}

/// How many rows `line` takes when wrapped at `columns` by words, as the
/// paragraph wraps it (a word longer than a row is cut across rows).
fn rows(line: &Line, columns: u16) -> usize {
    let columns = usize::from(columns).max(1);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (mut rows, mut used) = (1, 0);
    for word in text.split(' ') {
        let width = word.chars().count();
        let needed = if used == 0 { width } else { used + 1 + width };
        if needed <= columns {
            used = needed;
        } else {
            rows += 1;
            used = width;
            while used > columns {
                rows += 1;
                used -= columns;
            }
        }
    }
    rows
}

fn bottom_rows(area: Rect, height: u16) -> Rect {
    let height = height.min(area.height);
    Rect {
        y: area.y + area.height - height,
        height,
        ..area
    }
}

fn render_preview(
    screen: &MinutesScreen,
    workspace: &Workspace,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let id = screen
        .agenda(workspace)
        .map_or("no meeting", |a| a.meeting.id.as_str());
    let lines = screen.lines();
    let (scroll, column) = screen.scroll();
    let shown = usize::from(area.height.saturating_sub(2));
    let position = if lines.is_empty() {
        String::new()
    } else {
        let last = (scroll + shown).min(lines.len());
        format!(" · lines {}-{last} of {}", scroll + 1, lines.len())
    };
    let block = Block::bordered()
        .title(format!(" Minutes · {id}{position} "))
        .title_bottom(Line::from(" e .md · h .html · J .json → minutes/ ").right_aligned())
        .border_style(theme.border_focused);
    if let Some(e) = screen.error() {
        Paragraph::new(Span::styled(
            format!("The minutes of {id} cannot be made: {e}\nm/M shows another meeting."),
            theme.warning,
        ))
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
        return;
    }
    let text: Vec<Line> = lines
        .iter()
        .map(|l| {
            if l.starts_with('#') {
                Line::from(Span::styled(l.as_str(), theme.header))
            } else if l.contains("DRAFT") {
                Line::from(Span::styled(l.as_str(), theme.warning))
            } else {
                Line::from(l.as_str())
            }
        })
        .collect();
    let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    Paragraph::new(text)
        .block(block)
        .scroll((at(scroll), at(column)))
        .render(area, buf);
}
