//! The frame: title bar with tabs, the current screen, the key footer, and
//! any overlay. Also the "terminal too small" notice.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::{App, Overlay, Screen};
use super::format::city;
use super::keymap::Binding;
use super::{dashboard, details, meeting_room, scheduler};

/// Below this size the screens cannot be laid out legibly.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 16;

/// Draws everything for `app`.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area);
        return;
    }
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(app, frame, title);
    let ws = app.workspace();
    let theme = app.theme();
    match app.screen() {
        Screen::Dashboard => dashboard::render(
            app.dashboard(),
            &ws.charter,
            app.now(),
            theme,
            body,
            frame.buffer_mut(),
        ),
        Screen::Scheduler => {
            scheduler::render(app.scheduler(), ws, theme, body, frame.buffer_mut())
        }
        Screen::Meeting => meeting_room::render(
            app.meeting_room(),
            ws,
            app.now(),
            theme,
            body,
            frame.buffer_mut(),
        ),
    }
    draw_footer(app, frame, footer);
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help => draw_help(app, frame, body),
        Overlay::Details => {
            let (heading, lines) = details::lines(app.dashboard(), &ws.charter, app.now(), theme);
            draw_popup(app, frame, body, &heading, lines);
        }
        Overlay::ConfirmStart => draw_confirm(app, frame, body),
        Overlay::ConfirmCloseItem | Overlay::ConfirmCloseMeeting => {
            let (heading, lines) = confirm_close_lines(app);
            draw_popup(app, frame, body, heading, lines);
        }
    }
}

fn draw_confirm(app: &App, frame: &mut Frame, area: Rect) {
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
            Span::styled("y", app.theme().key),
            Span::raw(" yes   "),
            Span::styled("n", app.theme().key),
            Span::raw(" no"),
        ]),
    ];
    draw_popup(app, frame, area, "Set the meeting's start", lines);
}

fn confirm_close_lines(app: &App) -> (&'static str, Vec<Line<'static>>) {
    let theme = app.theme();
    let room = app.meeting_room();
    let answer = Line::from(vec![
        Span::styled("y", theme.key),
        Span::raw(" yes   "),
        Span::styled("n", theme.key),
        Span::raw(" no"),
    ]);
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

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from("q quits"),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn draw_title(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let alliance = &app.workspace().charter.alliance;
    let local = app.now().with_timezone(&alliance.timezone);
    let clock_in = |format: &str| format!(" {} {} ", city(alliance.timezone), local.format(format));
    let mut spans = vec![Span::styled(" plenary ", theme.title)];
    for (n, (screen, name)) in Screen::ALL.iter().enumerate() {
        let style = if *screen == app.screen() {
            theme.tab_active
        } else {
            theme.muted
        };
        spans.push(Span::styled(format!(" {} {name} ", n + 1), style));
    }
    let tabs: usize = spans.iter().map(Span::width).sum();
    // The date goes first when leaving it out lets the whole name show.
    let fits = |clock: &String| {
        tabs + clock.chars().count() + 1 + alliance.name.chars().count() <= usize::from(area.width)
    };
    let short = clock_in("%H:%M %Z");
    let full = clock_in("%a %-d %b %H:%M %Z");
    let clock = if !fits(&full) && fits(&short) {
        short
    } else {
        full
    };
    let used = tabs + clock.chars().count();
    let room = usize::from(area.width).saturating_sub(used + 1);
    // A name cut to a few letters says nothing: leave it out.
    let name: String = if room >= 12 {
        alliance.name.chars().take(room).collect()
    } else {
        String::new()
    };
    let gap = room.saturating_sub(name.chars().count());
    spans.push(Span::raw(format!(" {name}{}", " ".repeat(gap))));
    spans.push(Span::styled(clock, theme.muted));
    frame.render_widget(Line::from(spans), area);
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    if let Some(status) = app.status() {
        let style = if status.is_error {
            theme.warning
        } else {
            theme.working
        };
        frame.render_widget(
            Line::from(Span::styled(format!(" {}", status.text), style)),
            area,
        );
        return;
    }
    let mut spans = Vec::new();
    for b in app.bindings().iter().chain(app.global_bindings()) {
        if let Some(word) = b.footer {
            spans.push(Span::styled(format!(" {}", b.label), theme.key));
            spans.push(Span::styled(format!(" {word} "), theme.muted));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let screen = Screen::ALL
        .iter()
        .find(|(s, _)| *s == app.screen())
        .map_or("", |(_, name)| name);
    let mut lines = vec![Line::from(Span::styled(screen, theme.header))];
    let row = |b: &Binding| {
        Line::from(vec![
            Span::styled(format!("  {:<8}", b.label), theme.key),
            Span::raw(b.description),
        ])
    };
    lines.extend(app.bindings().iter().map(row));
    let globals = app.global_bindings();
    if !globals.is_empty() {
        lines.push(Line::from(Span::styled("Everywhere", theme.header)));
        lines.extend(globals.iter().map(row));
    }
    lines.push(Line::from(Span::styled("  Ctrl-C  quit", theme.muted)));
    let width = usize::from(area.width.saturating_sub(8).min(72));
    if lines.len() + 2 > usize::from(area.height) && width >= 60 {
        lines = two_columns(lines, width.saturating_sub(2) / 2);
    }
    draw_popup(app, frame, area, "Keys", lines);
}

/// Long key lists side by side, each column `column` cells wide, so that a
/// screen with many keys still fits in 80x24.
fn two_columns(mut lines: Vec<Line<'static>>, column: usize) -> Vec<Line<'static>> {
    let mut right = lines.split_off(lines.len().div_ceil(2)).into_iter();
    lines
        .into_iter()
        .map(|left| {
            let mut spans = fit(left, column);
            if let Some(line) = right.next() {
                spans.extend(fit(line, column));
            }
            Line::from(spans)
        })
        .collect()
}

/// The spans of `line`, cut or padded to exactly `width` cells.
fn fit(line: Line<'static>, width: usize) -> Vec<Span<'static>> {
    let mut room = width;
    let mut spans = Vec::new();
    for span in line.spans {
        let text: String = span.content.chars().take(room).collect();
        room -= text.chars().count();
        spans.push(Span::styled(text, span.style));
    }
    spans.push(Span::raw(" ".repeat(room)));
    spans
}

fn draw_popup(app: &App, frame: &mut Frame, area: Rect, heading: &str, lines: Vec<Line>) {
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let width = area.width.saturating_sub(8).min(72);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .title(format!(" {heading} "))
        .title_bottom(Line::from(" Esc closes ").right_aligned())
        .border_style(app.theme().border_focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
