//! The meeting room's key tables: the room itself, and choosing who holds
//! a proxy. The forms that take every key are in [`super::forms`].

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind};
use crate::tui::action::Action;

/// Keys of the meeting room.
pub const MEETING: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::BackTab)],
        "agenda ⇄ roll call",
        Action::NextPanel,
        Some("panel"),
    ),
    super::UP,
    super::DOWN,
    super::FIRST,
    super::LAST,
    bind(
        &[Key::plain(KeyCode::PageUp)],
        "scroll the item up",
        Action::PageUp,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::PageDown)],
        "scroll the item down",
        Action::PageDown,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('p'))],
        "present, next member",
        Action::MarkPresent,
        Some("present"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('x'))],
        "absent",
        Action::MarkAbsent,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('e'))],
        "absent, sent apologies",
        Action::Apologies,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('P'))],
        "proxy: pick its holder",
        Action::GiveProxy,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('o'))],
        "open the agenda item",
        Action::OpenItem,
        Some("open"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('t'))],
        "put or reword motion",
        Action::EditMotion,
        Some("motion"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('y'))],
        "vote yes, next member",
        Action::VoteYes,
        Some("yes"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('n'))],
        "vote no, next member",
        Action::VoteNo,
        Some("no"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('a'))],
        "abstain, next member",
        Action::VoteAbstain,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('r'))],
        "recused, next member",
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
        "note for the minutes",
        Action::AddNote,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('A'))],
        "new action item",
        Action::NewAction,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('L'))],
        "action items ⇄ item",
        Action::ToggleActionList,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('c'))],
        "close item, fix result",
        Action::CloseItem,
        Some("close"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('W'))],
        "withdraw the motion",
        Action::Withdraw,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('V'))],
        "void vote or ballot",
        Action::Void,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('R'))],
        "reopen a closed item",
        Action::ReopenItem,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('C'))],
        "close the meeting",
        Action::CloseMeeting,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('m'))],
        "next meeting",
        Action::NextMeeting,
        None,
    ),
    super::PREVIOUS_MEETING,
];

/// Keys while choosing who holds a proxy.
pub const PROXY: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "previous member",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "next member",
        Action::Down,
        Some("holder"),
    ),
    bind(
        &[Key::plain(KeyCode::Home), Key::plain(KeyCode::Char('g'))],
        "first member",
        Action::First,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::plain(KeyCode::Char('G'))],
        "last member",
        Action::Last,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Enter)],
        "the selected member holds the proxy",
        Action::Submit,
        Some("give proxy"),
    ),
    super::CANCEL,
    super::TOGGLE_HELP,
];
