//! The meeting room's key tables: the room itself, and choosing who holds
//! a proxy. The forms that take every key are in [`super::forms`].

use ratatui::crossterm::event::KeyCode;

use super::{Binding, bind};
use crate::tui::action::Action;

/// Keys of the meeting room.
pub const MEETING: &[Binding] = &[
    bind(
        &[KeyCode::Tab, KeyCode::BackTab],
        "Tab",
        "agenda ⇄ roll call",
        Action::NextPanel,
        Some("panel"),
    ),
    super::UP,
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next row",
        Action::Down,
        None,
    ),
    super::FIRST,
    super::LAST,
    bind(
        &[KeyCode::PageUp],
        "PgUp",
        "scroll the item up",
        Action::PageUp,
        None,
    ),
    bind(
        &[KeyCode::PageDown],
        "PgDn",
        "scroll the item down",
        Action::PageDown,
        None,
    ),
    bind(
        &[KeyCode::Char('p')],
        "p",
        "present, next member",
        Action::MarkPresent,
        Some("present"),
    ),
    bind(
        &[KeyCode::Char('x')],
        "x",
        "absent",
        Action::MarkAbsent,
        None,
    ),
    bind(
        &[KeyCode::Char('e')],
        "e",
        "absent, sent apologies",
        Action::Apologies,
        None,
    ),
    bind(
        &[KeyCode::Char('P')],
        "P",
        "give proxy: pick holder",
        Action::GiveProxy,
        None,
    ),
    bind(
        &[KeyCode::Char('o')],
        "o",
        "open the agenda item",
        Action::OpenItem,
        Some("open"),
    ),
    bind(
        &[KeyCode::Char('t')],
        "t",
        "motion of the open item",
        Action::EditMotion,
        Some("motion"),
    ),
    bind(
        &[KeyCode::Char('y')],
        "y",
        "vote yes, next member",
        Action::VoteYes,
        Some("yes"),
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "vote no, next member",
        Action::VoteNo,
        Some("no"),
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "abstain, next member",
        Action::VoteAbstain,
        None,
    ),
    bind(
        &[KeyCode::Char('r')],
        "r",
        "recused, next member",
        Action::Recuse,
        None,
    ),
    bind(
        &[KeyCode::Char('b')],
        "b",
        "ballot (ranking item)",
        Action::EditBallot,
        None,
    ),
    bind(
        &[KeyCode::Char('N')],
        "N",
        "note for the minutes",
        Action::AddNote,
        None,
    ),
    bind(
        &[KeyCode::Char('A')],
        "A",
        "new action item",
        Action::NewAction,
        None,
    ),
    bind(
        &[KeyCode::Char('L')],
        "L",
        "action items ⇄ the item",
        Action::ToggleActionList,
        None,
    ),
    bind(
        &[KeyCode::Char('c')],
        "c",
        "close item, fix outcome",
        Action::CloseItem,
        Some("close"),
    ),
    bind(
        &[KeyCode::Char('W')],
        "W",
        "withdraw the motion",
        Action::Withdraw,
        None,
    ),
    bind(
        &[KeyCode::Char('V')],
        "V",
        "void member's vote/ballot",
        Action::Void,
        None,
    ),
    bind(
        &[KeyCode::Char('R')],
        "R",
        "reopen a closed item",
        Action::ReopenItem,
        None,
    ),
    bind(
        &[KeyCode::Char('C')],
        "C",
        "close the meeting",
        Action::CloseMeeting,
        None,
    ),
    bind(
        &[KeyCode::Char('m')],
        "m",
        "next meeting",
        Action::NextMeeting,
        None,
    ),
    super::PREVIOUS_MEETING,
];

/// Keys while choosing who holds a proxy.
pub const PROXY: &[Binding] = &[
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑/k",
        "previous member",
        Action::Up,
        None,
    ),
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next member",
        Action::Down,
        Some("holder"),
    ),
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home/g",
        "first member",
        Action::First,
        None,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End/G",
        "last member",
        Action::Last,
        None,
    ),
    bind(
        &[KeyCode::Enter],
        "Enter",
        "the selected member holds the proxy",
        Action::Submit,
        Some("give proxy"),
    ),
    super::CANCEL,
    super::TOGGLE_HELP,
];
