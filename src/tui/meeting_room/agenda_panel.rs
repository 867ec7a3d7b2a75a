//! The agenda: each item with its kind, time box and state, and the open
//! item's elapsed and remaining time under the injected clock.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget};

use super::{Focus, Loaded, MeetingRoom};
use crate::agenda::{Item, ItemKind};
use crate::meeting::{Context, decide_item};
use crate::tui::action::Action;
use crate::tui::keymap::{MEETING, keys_for};
use crate::tui::theme::Theme;

/// What the agenda panel draws in one frame.
pub struct AgendaView<'a> {
    /// The room: its selection and focus.
    pub room: &'a MeetingRoom,
    /// The terms the meeting is judged by.
    pub ctx: &'a Context<'a>,
    /// The meeting as its journal says.
    pub loaded: &'a Loaded,
    /// Now, from the injected clock.
    pub now: DateTime<Utc>,
    /// The styles.
    pub theme: &'a Theme,
    /// The meeting's own action items and those it carries over, counted
    /// on the bottom border.
    pub actions: (usize, usize),
}

impl Widget for &AgendaView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

fn render(view: &AgendaView, area: Rect, buf: &mut Buffer) {
    let AgendaView {
        room,
        ctx,
        loaded,
        now,
        theme,
        actions,
    } = *view;
    let state = &loaded.state;
    let focused = room.focus() == Focus::Agenda;
    let closed = if state.closed { " · closed" } else { "" };
    let block = Block::bordered()
        .title(format!(" Agenda · {}{closed} ", ctx.agenda.meeting.id))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let block = match actions {
        (0, 0) => block,
        (own, carried) => block.title_bottom(Line::from(vec![
            Span::raw(format!(" {own} action(s) · ")),
            Span::styled(format!("{carried} carried over"), theme.off_hours),
            Span::raw(format!(
                " · {} ",
                keys_for(MEETING, Action::ToggleActionList)
            )),
        ])),
    };
    let inner = block.inner(area);
    block.render(area, buf);
    let [list_area, clock] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let id_width = usize::from(inner.width).saturating_sub(19).max(4);
    let items = ctx.agenda.items.iter().map(|item| {
        let is_current = state.current.as_deref() == Some(item.id.as_str());
        let marker = if is_current { "▶ " } else { "  " };
        let minutes = item
            .minutes
            .map_or("   ".to_owned(), |m| format!("{m:>2}m"));
        ListItem::new(Line::from(vec![
            Span::raw(format!(
                "{marker}{} {} {minutes} ",
                cut(&item.id, id_width),
                kind_short(item.kind)
            )),
            item_state(ctx, loaded, item, theme),
        ]))
    });
    let list = List::new(items).highlight_style(if focused { theme.selected } else { theme.muted });
    let mut list_state = ListState::default().with_selected(Some(room.selected_item()));
    StatefulWidget::render(list, list_area, buf, &mut list_state);
    time_line(ctx, loaded, now, theme).render(clock, buf);
}

/// `text` in at most `width` characters, padded, with `…` when cut.
pub fn cut(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text:<width$}")
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

fn kind_short(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Information => "inf",
        ItemKind::Discussion => "dis",
        ItemKind::Decision => "dec",
        ItemKind::Ranking => "rnk",
        ItemKind::MinutesApproval => "apv",
    }
}

fn item_state<'a>(ctx: &Context, loaded: &Loaded, item: &Item, theme: &Theme) -> Span<'a> {
    let state = &loaded.state;
    match state.item(&item.id) {
        Some(s) if s.closed => match decide_item(ctx, state, item) {
            Some(Ok(o)) if o.passed => Span::styled("✓ pass", theme.working),
            Some(Ok(_)) => Span::styled("✗ fail", theme.warning),
            Some(Err(_)) => Span::styled("? error", theme.warning),
            None => Span::styled("✓ done", theme.muted),
        },
        Some(s) if s.opened => Span::styled("open", theme.header),
        _ => Span::raw(""),
    }
}

fn time_line<'a>(ctx: &Context, loaded: &Loaded, now: DateTime<Utc>, theme: &Theme) -> Line<'a> {
    if loaded.state.closed {
        return Line::from(Span::styled("The meeting is closed.", theme.muted));
    }
    let Some(item) = loaded
        .state
        .current
        .as_deref()
        .and_then(|id| ctx.agenda.items.iter().find(|i| i.id == id))
    else {
        let open = keys_for(MEETING, Action::OpenItem);
        return Line::from(Span::styled(
            format!("No item open: select one, press {open}"),
            theme.muted,
        ));
    };
    let opened = loaded.state.item(&item.id).and_then(|s| s.opened_at);
    let elapsed = opened.map_or(0, |at| (now - at).num_minutes().max(0));
    let mut spans = vec![Span::styled(format!("▶ {elapsed}m"), theme.header)];
    if let Some(box_minutes) = item.minutes {
        let left = i64::from(box_minutes) - elapsed;
        spans.push(Span::raw(format!(" of {box_minutes}m · ")));
        spans.push(if left >= 0 {
            Span::styled(format!("{left}m left"), theme.working)
        } else {
            Span::styled(format!("over by {}m", -left), theme.warning)
        });
    } else {
        spans.push(Span::raw(" elapsed"));
    }
    Line::from(spans)
}
