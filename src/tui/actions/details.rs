//! Everything about the selected action item, its history included, as
//! lines for the details window.

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use super::ActionsScreen;
use crate::charter::Charter;
use crate::tui::format::{local_due, shown};
use crate::tui::theme::Theme;

fn field(name: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<10}"), theme.header),
        Span::raw(value),
    ])
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The title and lines describing the selected item at `now`.
pub fn lines(
    screen: &ActionsScreen,
    charter: &Charter,
    now: DateTime<Utc>,
    theme: &Theme,
) -> (String, Vec<Line<'static>>) {
    let Some(item) = screen.selected_item(now) else {
        return ("Nothing selected".to_owned(), Vec::new());
    };
    let owner = charter.member(&item.owner).map_or(item.owner.clone(), |m| {
        format!("{} ({})", shown(&m.name), m.id)
    });
    let status = if item.is_overdue(now) {
        Span::styled("open, overdue", theme.warning)
    } else {
        Span::raw(item.status.name())
    };
    let mut lines = vec![
        field("Text", shown(&item.text), theme),
        field("Owner", owner, theme),
        field(
            "Named",
            item.delegate.clone().unwrap_or_else(|| "nobody".to_owned()),
            theme,
        ),
        field(
            "Due",
            format!(
                "{}, {} ({})",
                item.due,
                local_due(item),
                item.timezone.name()
            ),
            theme,
        ),
        field("", format!("ends {}", stamp(item.due_at())), theme),
        Line::from(vec![
            Span::styled(format!("{:<10}", "Status"), theme.header),
            status,
        ]),
        field(
            "From",
            format!(
                "{} ({}){}",
                item.meeting,
                item.body,
                item.item
                    .as_ref()
                    .map_or(String::new(), |i| format!(", item {i}"))
            ),
            theme,
        ),
        field(
            "Agreed",
            format!("{} by {}", stamp(item.created), item.created_by),
            theme,
        ),
        Line::from(Span::styled("History", theme.header)),
    ];
    if item.history.is_empty() {
        lines.push(Line::from(Span::styled("  no changes since", theme.muted)));
    }
    lines.extend(item.history.iter().map(|change| {
        Line::from(vec![
            Span::styled(format!("  {} ", stamp(change.at)), theme.muted),
            Span::raw(format!("{}: {}", change.by, change.what)),
        ])
    }));
    (item.id.clone(), lines)
}
