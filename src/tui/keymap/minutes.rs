//! Keys of the minutes screen: scrolling the preview, changing meeting,
//! writing each format.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind};
use crate::tui::action::Action;

/// Keys of the minutes screen.
pub const MINUTES: &[Binding] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        "scroll up",
        Action::Up,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "scroll down",
        Action::Down,
        Some("scroll"),
    ),
    super::PAGE_UP,
    bind(
        &[KeyCode::PageDown, KeyCode::Char(' ')],
        "PgDn",
        "page down",
        Action::PageDown,
        None,
    ),
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home/g",
        "top",
        Action::First,
        None,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End/G",
        "bottom",
        Action::Last,
        None,
    ),
    bind(
        &[KeyCode::Left],
        "←",
        "scroll left",
        Action::ScrollLeft,
        None,
    ),
    bind(
        &[KeyCode::Right],
        "→",
        "scroll right",
        Action::ScrollRight,
        None,
    ),
    super::NEXT_MEETING,
    super::PREVIOUS_MEETING,
    bind(
        &[KeyCode::Char('e')],
        "e",
        "write minutes/<id>.md",
        Action::ExportMarkdown,
        Some("md"),
    ),
    bind(
        &[KeyCode::Char('h')],
        "h",
        "write minutes/<id>.html",
        Action::ExportHtml,
        Some("html"),
    ),
    bind(
        &[KeyCode::Char('J')],
        "J",
        "write minutes/<id>.json",
        Action::ExportJson,
        Some("json"),
    ),
];
