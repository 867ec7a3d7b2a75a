//! Windows over the screen: the `?` help (from the key tables), the yes/no
//! questions, and the popup frame they share.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::keymap::{ALWAYS, Binding, CONFIRM, CONFIRM_CLOSE, GLOBAL, HELP, keys_for};
use crate::tui::theme::Theme;

/// "Make this slot the meeting's start?"
pub fn draw_confirm(app: &App, frame: &mut Frame, area: Rect) {
    let scheduler = app.scheduler();
    let (Some(agenda), Some(start)) = (scheduler.agenda(app.workspace()), scheduler.start()) else {
        return;
    };
    let stamp = start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let lines = vec![
        Line::from(format!("Write  start = {stamp}")),
        Line::from(format!("into {}.toml?", agenda.meeting.id)),
        Line::from(Span::styled(
            "Comments and layout of the file are kept.",
            app.theme().muted,
        )),
        Line::from(vec![
            Span::styled(keys_for(CONFIRM, Action::Confirm), app.theme().key),
            Span::raw(" yes   "),
            Span::styled(keys_for(CONFIRM, Action::Close), app.theme().key),
            Span::raw(" no"),
        ]),
    ];
    draw_popup(app, frame, area, "Set the meeting's start", lines);
}

/// The question and lines before closing an item or the meeting.
pub fn confirm_close_lines(app: &App) -> (&'static str, Vec<Line<'static>>) {
    let theme = app.theme();
    let room = app.meeting_room();
    let answer = Line::from(vec![
        Span::styled(keys_for(CONFIRM_CLOSE, Action::Confirm), theme.key),
        Span::raw(" close   "),
        Span::styled("any other key", theme.key),
        Span::raw(" keep it open"),
    ]);
    if app.overlay() == Overlay::ConfirmCloseMeeting && room.is_written(app.workspace()) {
        let lines = vec![
            Line::from("Close the written procedure?"),
            Line::from(Span::styled(
                "This fixes its outcome: after the deadline, or once no reply can change it.",
                theme.muted,
            )),
            answer,
        ];
        return ("Close the procedure", lines);
    }
    if app.overlay() == Overlay::ConfirmCloseMeeting {
        let lines = vec![
            Line::from("Close the meeting?"),
            Line::from(Span::styled(
                "Nothing more can be recorded in it afterwards.",
                theme.muted,
            )),
            answer,
        ];
        return ("Close the meeting", lines);
    }
    let item = room.current_item().unwrap_or("the item").to_owned();
    let lines = vec![
        Line::from(format!("Close {item}?")),
        Line::from(Span::styled(
            "This fixes its outcome with the votes and attendance as they stand.",
            theme.muted,
        )),
        answer,
    ];
    ("Close the item", lines)
}

/// "minutes/<id>.<ext> exists: replace it?"
pub fn confirm_replace_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme();
    let path = app
        .minutes()
        .pending()
        .and_then(|f| app.minutes().path(app.workspace(), f))
        .map_or_else(String::new, |p| p.display().to_string());
    vec![
        Line::from(format!("{path} already exists.")),
        Line::from("Replace it with the minutes as they stand now?"),
        Line::from(vec![
            Span::styled(keys_for(CONFIRM, Action::Confirm), theme.key),
            Span::raw(" yes, replace   "),
            Span::styled(keys_for(CONFIRM, Action::Close), theme.key),
            Span::raw(" no, keep it"),
        ]),
    ]
}

/// The `?` window: the keys of the table in force, then the global ones.
pub fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let screen = Screen::ALL
        .iter()
        .find(|(s, _)| *s == app.screen())
        .map_or("", |(_, name)| name);
    let mut lines = vec![Line::from(Span::styled(screen, theme.header))];
    let globals = app.global_bindings();
    let everywhere: Vec<&Binding> = globals.iter().chain(ALWAYS).collect();
    let screen_keys: Vec<&Binding> = app.bindings().iter().collect();
    lines.extend(rows_of(&screen_keys, theme));
    let everywhere_at = lines.len();
    lines.push(Line::from(Span::styled("Everywhere", theme.header)));
    lines.extend(rows_of(&everywhere, theme));
    let width = usize::from(area.width.saturating_sub(8).min(72));
    let rows = usize::from(area.height).saturating_sub(2);
    if lines.len() > rows && width >= 60 {
        // The screen's keys left and the global ones right, when each
        // side fits; else the list cut in half.
        let split = match everywhere_at.max(lines.len() - everywhere_at) <= rows {
            true => everywhere_at,
            false => lines.len().div_ceil(2),
        };
        let widest = |lines: &[Line]| lines.iter().map(Line::width).max().unwrap_or(0);
        // Side by side only when both columns fit whole: a cut description
        // helps nobody, scrolling keeps it readable.
        if widest(&lines[..split]) + 1 + widest(&lines[split..]) <= width.saturating_sub(2) {
            lines = two_columns(lines, split);
        }
    }
    let close = keys_for(GLOBAL, Action::Close);
    app.set_help_last(u16::try_from(lines.len().saturating_sub(rows)).unwrap_or(u16::MAX));
    if lines.len() <= rows {
        return draw_popup(app, frame, area, "Keys", lines);
    }
    // Still longer than the screen: a window of it, scrolled with the keys
    // of HELP, its lower border saying which way there is more.
    let last = lines.len() - rows;
    let scroll = usize::from(app.help_scroll()).min(last);
    let (up, down) = (keys_for(HELP, Action::Up), keys_for(HELP, Action::Down));
    let more = match (scroll > 0, scroll < last) {
        (true, true) => format!(" more: {up} {down} · {close} closes "),
        (true, false) => format!(" more above: {up} · {close} closes "),
        _ => format!(" more below: {down} · {close} closes "),
    };
    let window = lines.into_iter().skip(scroll).take(rows).collect();
    draw_framed(app, frame, area, "Keys", window, more);
}

/// One help row per binding: its label, padded to the longest of `bindings`
/// and two spaces so that the descriptions line up, then its description.
fn rows_of(bindings: &[&Binding], theme: &Theme) -> Vec<Line<'static>> {
    let column = bindings
        .iter()
        .map(|b| b.label().chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("  {:<column$}", b.label()), theme.key),
                Span::raw(b.description),
            ])
        })
        .collect()
}

/// Long key lists side by side, so that a screen with many keys still fits
/// in 80x24, the lines from `split` on at the right: the left column as
/// wide as its longest line plus one cell (the caller checked both fit).
fn two_columns(mut lines: Vec<Line<'static>>, split: usize) -> Vec<Line<'static>> {
    let right: Vec<_> = lines.split_off(split);
    let column = lines.iter().map(Line::width).max().unwrap_or(0) + 1;
    let rows = lines.len().max(right.len());
    let mut left = lines.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let mut spans = pad(left.next().unwrap_or_default(), column);
            if let Some(line) = right.next() {
                spans.extend(line.spans);
            }
            Line::from(spans)
        })
        .collect()
}

/// The spans of `line`, padded to `width` cells.
fn pad(line: Line<'static>, width: usize) -> Vec<Span<'static>> {
    let room = width.saturating_sub(line.width());
    let mut spans = line.spans;
    spans.push(Span::raw(" ".repeat(room)));
    spans
}

/// A bordered window with `heading`, centred in `area`, its lower border
/// naming the key that closes it.
pub fn draw_popup(app: &App, frame: &mut Frame, area: Rect, heading: &str, lines: Vec<Line>) {
    let close = format!(" {} closes ", keys_for(GLOBAL, Action::Close));
    draw_framed(app, frame, area, heading, lines, close);
}

/// A bordered window with `heading`, centred in `area`, `bottom` at the
/// right of its lower border.
fn draw_framed(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    heading: &str,
    lines: Vec<Line>,
    bottom: String,
) {
    let width = area.width.saturating_sub(8).min(72);
    // Rows once wrapped (about: wrapping at words may take a row more).
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .title(format!(" {heading} "))
        .title_bottom(Line::from(bottom).right_aligned())
        .border_style(app.theme().border_focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
