//! Key tables of the forms that take every key: the ballot editor (digits
//! are scores there) and the one-line text input (every character types).

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Digits, for scores.
const DIGITS: &[Key] = &[
    Key::plain(KeyCode::Char('0')),
    Key::plain(KeyCode::Char('1')),
    Key::plain(KeyCode::Char('2')),
    Key::plain(KeyCode::Char('3')),
    Key::plain(KeyCode::Char('4')),
    Key::plain(KeyCode::Char('5')),
    Key::plain(KeyCode::Char('6')),
    Key::plain(KeyCode::Char('7')),
    Key::plain(KeyCode::Char('8')),
    Key::plain(KeyCode::Char('9')),
];

/// Keys of the ballot editor.
pub const BALLOT: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "previous option",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "next option",
        Action::Down,
        Some("move"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('K'))],
        "ranking: option one place up",
        Action::MoveOptionUp,
        Some("up"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('J'))],
        "ranking: option one place down",
        Action::MoveOptionDown,
        Some("down"),
    ),
    bind(
        &[Key::plain(KeyCode::Char(' '))],
        "approval: approve or not",
        Action::ToggleApproval,
        None,
    ),
    bind(
        DIGITS,
        "score: set the option's score",
        Action::SetScore(0),
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('+')), Key::plain(KeyCode::Right)],
        "score: one more",
        Action::ScoreUp,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('-')), Key::plain(KeyCode::Left)],
        "score: one less",
        Action::ScoreDown,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Enter)],
        "record the ballot",
        Action::Submit,
        Some("record"),
    ),
    super::CANCEL,
    super::TOGGLE_HELP,
];

/// Keys of the one-line text input.
pub const INPUT: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        "record the text",
        Action::Submit,
        Some("record"),
    ),
    super::CANCEL,
    bind(
        &[Key::plain(KeyCode::Left)],
        "cursor left",
        Action::CursorLeft,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Right)],
        "cursor right",
        Action::CursorRight,
        None,
    ),
    super::CURSOR_START,
    super::CURSOR_END,
    super::DELETE_BACK,
    super::DELETE_FORWARD,
    bind(
        &[Key::AnyChar],
        "any other key types itself",
        Action::Type(' '),
        None,
    ),
];
