//! Key tables of the forms that take every key: the ballot editors, one
//! per kind of ballot (digits are scores in a score ballot) and the one-line text input (every character types).

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

/// Moving in a ballot, recording it and leaving it: every ballot's keys.
macro_rules! ballot_table {
    ($($marks:expr),* $(,)?) => {
        &[
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
            $($marks,)*
            bind(
                &[Key::plain(KeyCode::Enter)],
                "record the ballot",
                Action::Submit,
                Some("record"),
            ),
            super::CANCEL,
            super::TOGGLE_HELP,
        ]
    };
}

/// Keys of the ballot editor of a ranked method (Schulze, STV, Borda):
/// the order is the ranking; options left out are ranked below all others.
pub const BALLOT_RANKING: &[Binding] = ballot_table![
    bind(
        &[Key::plain(KeyCode::Char('K'))],
        "option one place up",
        Action::MoveOptionUp,
        Some("up"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('J'))],
        "option one place down",
        Action::MoveOptionDown,
        Some("down"),
    ),
    bind(
        &[Key::plain(KeyCode::Char(' '))],
        "leave out of the ranking, or back in",
        Action::LeaveOut,
        Some("leave out"),
    ),
];

/// Keys of the ballot editor of approval voting.
pub const BALLOT_APPROVAL: &[Binding] = ballot_table![bind(
    &[Key::plain(KeyCode::Char(' '))],
    "approve or not",
    Action::ToggleApproval,
    Some("approve"),
)];

/// Keys of the ballot editor of score voting.
pub const BALLOT_SCORE: &[Binding] = ballot_table![
    bind(
        DIGITS,
        "set the option's score",
        Action::SetScore(0),
        Some("score")
    ),
    bind(
        &[Key::plain(KeyCode::Char('+')), Key::plain(KeyCode::Right)],
        "one more",
        Action::ScoreUp,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('-')), Key::plain(KeyCode::Left)],
        "one less",
        Action::ScoreDown,
        None,
    ),
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
