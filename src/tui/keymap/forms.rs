//! Key tables of the forms that take every key: the ballot editor (digits
//! are scores there) and the one-line text input (every character types).

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind};
use crate::tui::action::Action;

/// Digits, for scores.
const DIGITS: &[KeyCode] = &[
    KeyCode::Char('0'),
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Char('6'),
    KeyCode::Char('7'),
    KeyCode::Char('8'),
    KeyCode::Char('9'),
];

/// Keys of the ballot editor.
pub const BALLOT: &[Binding] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        "previous option",
        Action::Up,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next option",
        Action::Down,
        Some("move"),
    ),
    bind(
        &[KeyCode::Char('K')],
        "K",
        "ranking: option one place up",
        Action::MoveOptionUp,
        Some("up"),
    ),
    bind(
        &[KeyCode::Char('J')],
        "J",
        "ranking: option one place down",
        Action::MoveOptionDown,
        Some("down"),
    ),
    bind(
        &[KeyCode::Char(' ')],
        "Space",
        "approval: approve or not",
        Action::ToggleApproval,
        None,
    ),
    bind(
        DIGITS,
        "0-9",
        "score: set the option's score",
        Action::SetScore(0),
        None,
    ),
    bind(
        &[KeyCode::Char('+'), KeyCode::Right],
        "+/→",
        "score: one more",
        Action::ScoreUp,
        None,
    ),
    bind(
        &[KeyCode::Char('-'), KeyCode::Left],
        "-/←",
        "score: one less",
        Action::ScoreDown,
        None,
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
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
        &[KeyCode::Enter],
        "Enter",
        "record the text",
        Action::Submit,
        Some("record"),
    ),
    super::CANCEL,
    bind(
        &[KeyCode::Left],
        "←",
        "cursor left",
        Action::CursorLeft,
        None,
    ),
    bind(
        &[KeyCode::Right],
        "→",
        "cursor right",
        Action::CursorRight,
        None,
    ),
    super::CURSOR_START,
    super::CURSOR_END,
    super::DELETE_BACK,
    super::DELETE_FORWARD,
    bind(
        &[],
        "text",
        "any other key types itself",
        Action::Type(' '),
        None,
    ),
];
