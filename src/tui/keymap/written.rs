//! The meeting room's keys when it shows a written procedure (SPEC 9):
//! the same actions as a meeting's where they mean the same thing (move,
//! yes, no, abstain, recuse, ballot, note, withdraw, close, void), and extend;
//! no attendance
//! and no items to open one by one.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Keys of the meeting room showing a written procedure.
pub const WRITTEN: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        "items ⇄ members",
        Action::NextPanel,
        Some("panel"),
    ),
    super::UP,
    super::DOWN,
    super::FIRST,
    super::LAST,
    bind(
        &[Key::plain(KeyCode::Char('o'))],
        "open the procedure for replies",
        Action::OpenItem,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('y'))],
        "reply yes on the item",
        Action::VoteYes,
        Some("yes"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('n'))],
        "reply no",
        Action::VoteNo,
        Some("no"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('a'))],
        "reply abstain",
        Action::VoteAbstain,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('r'))],
        "reply recused",
        Action::Recuse,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('b'))],
        "ballot (ranking item)",
        Action::EditBallot,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('N'))],
        "note for the record",
        Action::AddNote,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('V'))],
        "void a reply recorded in error",
        Action::Void,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('X'))],
        "extend the deadline",
        Action::ExtendDeadline,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('W'))],
        "withdraw the procedure",
        Action::Withdraw,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('C'))],
        "close it, fix the outcome",
        Action::CloseMeeting,
        Some("close"),
    ),
    super::NEXT_MEETING,
    super::PREVIOUS_MEETING,
];
