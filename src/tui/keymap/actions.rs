//! Key tables of the action items screen, and of picking a member (or a
//! delegate) from a list there.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind};
use crate::tui::action::Action;

/// Keys of the action items screen.
pub const ACTIONS: &[Binding] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        "previous item",
        Action::Up,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next item",
        Action::Down,
        None,
    ),
    super::PAGE_UP,
    super::PAGE_DOWN,
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home/g",
        "first item",
        Action::First,
        None,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End/G",
        "last item",
        Action::Last,
        None,
    ),
    bind(
        &[KeyCode::Char('f')],
        "f",
        "status shown: open, done, dropped, all",
        Action::CycleStatus,
        Some("status"),
    ),
    bind(
        &[KeyCode::Char('o')],
        "o",
        "owner shown: each in turn, then all",
        Action::CycleOwner,
        None,
    ),
    bind(
        &[KeyCode::Char('!')],
        "!",
        "overdue only, or all again",
        Action::ToggleOverdue,
        None,
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        "sort by due, owner, status, meeting",
        Action::CycleSort,
        Some("sort"),
    ),
    bind(
        &[KeyCode::Char('d')],
        "d",
        "mark done",
        Action::MarkDone,
        Some("done"),
    ),
    bind(&[KeyCode::Char('x')], "x", "drop", Action::DropAction, None),
    bind(&[KeyCode::Char('r')], "r", "reopen", Action::Reopen, None),
    bind(
        &[KeyCode::Char('D')],
        "D",
        "new due date (YYYY-MM-DD)",
        Action::ChangeDue,
        Some("due"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "reassign: owner, then delegate",
        Action::Reassign,
        Some("assign"),
    ),
    bind(
        &[KeyCode::Char('N')],
        "N",
        "add a note",
        Action::AddNote,
        None,
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        "details and history",
        Action::Details,
        Some("history"),
    ),
];

/// Keys while picking a member or a delegate from a list.
pub const PICK: &[Binding] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        "previous",
        Action::Up,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next",
        Action::Down,
        Some("move"),
    ),
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home/g",
        "first",
        Action::First,
        None,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End/G",
        "last",
        Action::Last,
        None,
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        "take the selected one",
        Action::Submit,
        Some("choose"),
    ),
    super::CANCEL,
    super::TOGGLE_HELP,
];
