//! Keys of the meeting room's new-action form: four fields (owner,
//! delegate, due date, text); the two text fields take every other key.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind};
use crate::tui::action::Action;

/// Keys of the new-action form.
pub const ACTION_FORM: &[Binding] = &[
    bind(
        &[KeyCode::Tab, KeyCode::Down],
        "Tab/↓",
        "next field",
        Action::NextPanel,
        Some("field"),
    ),
    bind(
        &[KeyCode::BackTab, KeyCode::Up],
        "S-Tab/↑",
        "previous field",
        Action::PreviousPanel,
        None,
    ),
    bind(
        &[KeyCode::Left],
        "←",
        "previous owner/delegate; cursor left",
        Action::CursorLeft,
        None,
    ),
    bind(
        &[KeyCode::Right],
        "→",
        "next owner/delegate; cursor right",
        Action::CursorRight,
        Some("choose"),
    ),
    super::CURSOR_START,
    super::CURSOR_END,
    super::DELETE_BACK,
    super::DELETE_FORWARD,
    bind(
        &[KeyCode::Enter],
        "Enter",
        "record the action item",
        Action::Submit,
        Some("record"),
    ),
    super::CANCEL,
    bind(
        &[],
        "text",
        "any other key types into due date or text",
        Action::Type(' '),
        None,
    ),
];
