//! Action items in the meeting room: the list of the meeting's own items
//! and the open items it carries over from earlier meetings of its body
//! (`L`), the lines under an item, and the new-action form (`A`).

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::render::{input_line, popup};
use super::{ActionForm, FormField};
use crate::actions::ActionItem;
use crate::tui::action::Action;
use crate::tui::format::local_due;
use crate::tui::keymap::{ACTION_FORM, keys_for};
use crate::tui::theme::Theme;
use crate::workspace::Workspace;

/// One action item as a line: id, owner, due in the owner's time, status
/// and text; overdue ones in the warning style.
pub fn action_line(item: &ActionItem, now: DateTime<Utc>, theme: &Theme) -> Line<'static> {
    let overdue = item.is_overdue(now);
    let status = if overdue {
        "overdue"
    } else {
        item.status.name()
    };
    let line = Line::from(vec![
        Span::styled(format!("{} ", item.id), theme.muted),
        Span::raw(format!(
            "{} · due {} · {status} · {}",
            item.owner,
            local_due(item),
            crate::tui::format::shown(&item.text)
        )),
    ]);
    if overdue {
        line.style(theme.warning)
    } else {
        line
    }
}

/// Draws the meeting's action items, then those carried over, into `area`.
pub fn render_list(
    own: &[&ActionItem],
    carried: &[&ActionItem],
    error: Option<&str>,
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = Block::bordered()
        .title(format!(
            " Action items · {} agreed here · {} carried over · L back to the item ",
            own.len(),
            carried.len()
        ))
        .border_style(theme.border);
    let mut lines = Vec::new();
    if let Some(e) = error {
        lines.push(Line::from(Span::styled(
            format!("The action register cannot be read: {e}"),
            theme.warning,
        )));
    }
    lines.push(Line::from(Span::styled(
        "Agreed in this meeting",
        theme.header,
    )));
    if own.is_empty() {
        lines.push(Line::from(Span::styled(
            "  none yet: A agrees one",
            theme.muted,
        )));
    }
    lines.extend(own.iter().map(|i| action_line(i, now, theme)));
    lines.push(Line::from(Span::styled(
        "Carried over (open, from earlier meetings)",
        theme.header,
    )));
    if carried.is_empty() {
        lines.push(Line::from(Span::styled("  none", theme.muted)));
    }
    lines.extend(carried.iter().map(|i| {
        let mut line = action_line(i, now, theme);
        line.spans.insert(0, Span::styled("↻ ", theme.off_hours));
        line
    }));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Draws the new-action form over the top of `area`.
pub fn render_form(
    form: &ActionForm,
    workspace: &Workspace,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let on = form
        .item()
        .map_or("the meeting".to_owned(), |i| i.to_owned());
    let next = keys_for(ACTION_FORM, Action::NextPanel);
    let title = format!(" New action item on {on} · {next} next field ");
    let inner = popup(area, 6, title, theme, buf);
    let owner = form.owner().unwrap_or("");
    let zone = workspace
        .charter
        .member(owner)
        .map_or(String::new(), |m| m.timezone.name().to_owned());
    let label = |field: FormField, name: &str| {
        let style = if form.field() == field {
            theme.key
        } else {
            theme.muted
        };
        Span::styled(format!("{name:<9}"), style)
    };
    let width = inner.width.saturating_sub(9);
    let mut due = input_line(form.due(), width.saturating_sub(30), theme);
    if form.field() != FormField::Due {
        due = Line::from(form.due().text().to_owned());
    }
    due.spans.insert(0, label(FormField::Due, "Due"));
    due.spans.push(Span::styled(
        format!("  YYYY-MM-DD, end of day in {zone}"),
        theme.muted,
    ));
    let mut text = if form.field() == FormField::Text {
        input_line(form.text(), width, theme)
    } else {
        Line::from(form.text().text().to_owned())
    };
    text.spans.insert(0, label(FormField::Text, "Text"));
    let lines = vec![
        Line::from(vec![
            label(FormField::Owner, "Owner"),
            Span::raw(format!("◂ {owner} ▸")),
        ]),
        Line::from(vec![
            label(FormField::Delegate, "Named"),
            Span::raw(format!("◂ {} ▸", form.delegate().unwrap_or("(nobody)"))),
        ]),
        due,
        text,
    ];
    Paragraph::new(lines).render(inner, buf);
}
