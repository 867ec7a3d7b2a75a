//! Key tables of the action items screen, and of picking a member (or a
//! delegate) from a list there.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Keys of the action items screen.
pub const ACTIONS: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "previous item",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "next item",
        Action::Down,
        None,
    ),
    super::PAGE_UP,
    super::PAGE_DOWN,
    bind(
        &[Key::plain(KeyCode::Home), Key::plain(KeyCode::Char('g'))],
        "first item",
        Action::First,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::plain(KeyCode::Char('G'))],
        "last item",
        Action::Last,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('f'))],
        "status shown: open, done, dropped, all",
        Action::CycleStatus,
        Some("status"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('o'))],
        "owner shown: each in turn, then all",
        Action::CycleOwner,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('!'))],
        "overdue only, or all again",
        Action::ToggleOverdue,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('s'))],
        "sort by due, owner, status, meeting",
        Action::CycleSort,
        Some("sort"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('d'))],
        "mark done",
        Action::MarkDone,
        Some("done"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('x'))],
        "drop",
        Action::DropAction,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('r'))],
        "reopen",
        Action::Reopen,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('D'))],
        "new due date (YYYY-MM-DD)",
        Action::ChangeDue,
        Some("due"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('a'))],
        "reassign: owner, then delegate",
        Action::Reassign,
        Some("assign"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('N'))],
        "add a note",
        Action::AddNote,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Enter)],
        "details and history",
        Action::Details,
        Some("history"),
    ),
];

/// Keys while picking a member or a delegate from a list.
pub const PICK: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "previous",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "next",
        Action::Down,
        Some("move"),
    ),
    bind(
        &[Key::plain(KeyCode::Home), Key::plain(KeyCode::Char('g'))],
        "first",
        Action::First,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::plain(KeyCode::Char('G'))],
        "last",
        Action::Last,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Enter)],
        "take the selected one",
        Action::Submit,
        Some("choose"),
    ),
    super::CANCEL,
    super::TOGGLE_HELP,
];
