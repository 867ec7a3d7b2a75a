//! The minutes preview: the Markdown as it will be written, scrolled, with
//! headings picked out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::MinutesScreen;
use crate::tui::theme::Theme;
use crate::workspace::Workspace;

/// Draws the minutes screen into `area`.
pub fn render(
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
