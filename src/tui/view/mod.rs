//! The frame: title bar with tabs, the current screen, the key footer, and
//! any overlay. Also the "terminal too small" notice.

mod popup;
mod title;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::keymap;
use super::{actions, dashboard, details, meeting_room, minutes, scheduler};
use popup::{confirm_close_lines, confirm_replace_lines, draw_confirm, draw_help, draw_popup};
use title::draw_title;

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
            app.viewer_zone(),
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
            app.voter(),
            app.now(),
            theme,
            body,
            frame.buffer_mut(),
        ),
        Screen::Actions => actions::render(
            app.actions(),
            ws,
            app.now(),
            theme,
            body,
            frame.buffer_mut(),
        ),
        Screen::Minutes => minutes::render(app.minutes(), ws, theme, body, frame.buffer_mut()),
    }
    draw_footer(app, frame, footer);
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help => draw_help(app, frame, body),
        Overlay::Details => {
            let (heading, lines) = match app.screen() {
                Screen::Actions => {
                    actions::details_lines(app.actions(), &ws.charter, app.now(), theme)
                }
                _ => details::lines(app.dashboard(), &ws.charter, app.now(), theme),
            };
            draw_popup(app, frame, body, &heading, lines);
        }
        Overlay::ConfirmStart => draw_confirm(app, frame, body),
        Overlay::ConfirmCloseItem | Overlay::ConfirmCloseMeeting => {
            let (heading, lines) = confirm_close_lines(app);
            draw_popup(app, frame, body, heading, lines);
        }
        Overlay::ConfirmReplace => {
            let lines = confirm_replace_lines(app);
            draw_popup(app, frame, body, "Replace the minutes file", lines);
        }
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from(format!(
            "{} quits",
            keymap::keys_for(keymap::GLOBAL, Action::Quit)
        )),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
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
    let hints: Vec<(String, String)> = app
        .bindings()
        .iter()
        .chain(app.global_bindings())
        .filter_map(|b| {
            b.footer
                .map(|word| (format!(" {}", b.label()), format!(" {word} ")))
        })
        .collect();
    // The last hints (help, quit) always show; the others from the first
    // while they fit, so a narrow terminal loses hints, not the way out.
    let width = |h: &(String, String)| h.0.chars().count() + h.1.chars().count();
    let keep = hints.len().saturating_sub(2);
    let mut room = usize::from(area.width).saturating_sub(hints[keep..].iter().map(width).sum());
    let mut spans = Vec::new();
    for (n, hint) in hints.iter().enumerate() {
        if n < keep {
            if width(hint) > room {
                continue;
            }
            room -= width(hint);
        }
        spans.push(Span::styled(hint.0.clone(), theme.key));
        spans.push(Span::styled(hint.1.clone(), theme.muted));
    }
    frame.render_widget(Line::from(spans), area);
}
