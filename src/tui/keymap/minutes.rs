//! Keys of the minutes screen: scrolling the preview, changing meeting,
//! writing each format.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Keys of the minutes screen.
pub const MINUTES: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "scroll up",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "scroll down",
        Action::Down,
        Some("scroll"),
    ),
    super::PAGE_UP,
    bind(
        &[
            Key::plain(KeyCode::PageDown),
            Key::plain(KeyCode::Char(' ')),
        ],
        "page down",
        Action::PageDown,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Home), Key::plain(KeyCode::Char('g'))],
        "top",
        Action::First,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::plain(KeyCode::Char('G'))],
        "bottom",
        Action::Last,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Left)],
        "scroll left",
        Action::ScrollLeft,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Right)],
        "scroll right",
        Action::ScrollRight,
        None,
    ),
    super::NEXT_MEETING,
    super::PREVIOUS_MEETING,
    bind(
        &[Key::plain(KeyCode::Char('e'))],
        "write minutes/<id>.md",
        Action::ExportMarkdown,
        Some("md"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('h'))],
        "write minutes/<id>.html",
        Action::ExportHtml,
        Some("html"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('J'))],
        "write minutes/<id>.json",
        Action::ExportJson,
        Some("json"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('o'))],
        "object to the circulated draft",
        Action::ObjectMinutes,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('s'))],
        "sign: paste your signature over the statement",
        Action::SignMinutes,
        None,
    ),
];
