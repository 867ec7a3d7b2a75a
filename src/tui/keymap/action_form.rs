//! Keys of the meeting room's new-action form: four fields (owner,
//! delegate, due date, text); the two text fields take every other key.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Keys of the new-action form.
pub const ACTION_FORM: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::Down)],
        "next field",
        Action::NextPanel,
        Some("field"),
    ),
    bind(
        &[Key::plain(KeyCode::BackTab), Key::plain(KeyCode::Up)],
        "previous field",
        Action::PreviousPanel,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Left)],
        "previous owner/delegate; cursor left",
        Action::CursorLeft,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Right)],
        "next owner/delegate; cursor right",
        Action::CursorRight,
        Some("choose"),
    ),
    super::CURSOR_START,
    super::CURSOR_END,
    super::DELETE_BACK,
    super::DELETE_FORWARD,
    bind(
        &[Key::plain(KeyCode::Enter)],
        "record the action item",
        Action::Submit,
        Some("record"),
    ),
    super::CANCEL,
    bind(
        &[Key::AnyChar],
        "any other key types into due date or text",
        Action::Type(' '),
        None,
    ),
];
