//! Keys as data: one table per screen drives key handling, the footer and
//! the `?` help, so the three can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

mod action_form;
mod actions;
mod forms;
mod meeting;
mod minutes;

pub use action_form::ACTION_FORM;
pub use actions::{ACTIONS, PICK};
pub use forms::{BALLOT, INPUT};
pub use meeting::{MEETING, PROXY};
pub use minutes::MINUTES;

/// One entry of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    /// What it does, in a few words.
    pub description: &'static str,
    /// The action it triggers.
    pub action: Action,
    /// Its word in the footer, if the footer shows it (help shows all).
    pub footer: Option<&'static str>,
}

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    description: &'static str,
    action: Action,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        label,
        description,
        action,
        footer,
    }
}

/// A binding several tables share.
pub(super) const TOGGLE_HELP: Binding = bind(
    &[KeyCode::Char('?')],
    "?",
    "show or hide this help",
    Action::ToggleHelp,
    Some("help"),
);

/// A binding several tables share.
pub(super) const UP: Binding = bind(
    &[KeyCode::Up, KeyCode::Char('k')],
    "↑/k",
    "previous row",
    Action::Up,
    None,
);

/// A binding several tables share.
pub(super) const PAGE_UP: Binding =
    bind(&[KeyCode::PageUp], "PgUp", "page up", Action::PageUp, None);

/// A binding several tables share.
pub(super) const PAGE_DOWN: Binding = bind(
    &[KeyCode::PageDown],
    "PgDn",
    "page down",
    Action::PageDown,
    None,
);

/// A binding several tables share.
pub(super) const FIRST: Binding = bind(
    &[KeyCode::Home, KeyCode::Char('g')],
    "Home/g",
    "first row",
    Action::First,
    None,
);

/// A binding several tables share.
pub(super) const LAST: Binding = bind(
    &[KeyCode::End, KeyCode::Char('G')],
    "End/G",
    "last row",
    Action::Last,
    None,
);

/// A binding several tables share.
pub(super) const NEXT_MEETING: Binding = bind(
    &[KeyCode::Char('m')],
    "m",
    "next meeting",
    Action::NextMeeting,
    Some("meeting"),
);

/// A binding several tables share.
pub(super) const PREVIOUS_MEETING: Binding = bind(
    &[KeyCode::Char('M')],
    "M",
    "previous meeting",
    Action::PreviousMeeting,
    None,
);

/// A binding several tables share.
pub(super) const CURSOR_START: Binding = bind(
    &[KeyCode::Home],
    "Home",
    "cursor to the start",
    Action::CursorStart,
    None,
);

/// A binding several tables share.
pub(super) const CURSOR_END: Binding = bind(
    &[KeyCode::End],
    "End",
    "cursor to the end",
    Action::CursorEnd,
    None,
);

/// A binding several tables share.
pub(super) const DELETE_BACK: Binding = bind(
    &[KeyCode::Backspace],
    "Bksp",
    "delete before the cursor",
    Action::DeleteBack,
    None,
);

/// A binding several tables share.
pub(super) const DELETE_FORWARD: Binding = bind(
    &[KeyCode::Delete],
    "Del",
    "delete under the cursor",
    Action::DeleteForward,
    None,
);

/// A binding several tables share.
pub(super) const CANCEL: Binding = bind(
    &[KeyCode::Esc],
    "Esc",
    "cancel",
    Action::Cancel,
    Some("cancel"),
);

/// Keys that work on every screen.
pub const GLOBAL: &[Binding] = &[
    bind(
        &[KeyCode::Char('1')],
        "1",
        "alliance dashboard",
        Action::ShowDashboard,
        None,
    ),
    bind(
        &[KeyCode::Char('2')],
        "2",
        "scheduler",
        Action::ShowScheduler,
        None,
    ),
    bind(
        &[KeyCode::Char('3')],
        "3",
        "meeting room",
        Action::ShowMeeting,
        None,
    ),
    bind(
        &[KeyCode::Char('4')],
        "4",
        "action items",
        Action::ShowActions,
        None,
    ),
    bind(
        &[KeyCode::Char('5')],
        "5",
        "minutes",
        Action::ShowMinutes,
        None,
    ),
    TOGGLE_HELP,
    bind(
        &[KeyCode::Char('T')],
        "T",
        "colours on/off",
        Action::ToggleTheme,
        None,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        Action::Quit,
        Some("quit"),
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "close the open window",
        Action::Close,
        None,
    ),
];

/// Keys of the alliance dashboard.
pub const DASHBOARD: &[Binding] = &[
    bind(
        &[KeyCode::Tab],
        "Tab",
        "next panel",
        Action::NextPanel,
        Some("panel"),
    ),
    bind(
        &[KeyCode::BackTab],
        "S-Tab",
        "previous panel",
        Action::PreviousPanel,
        None,
    ),
    UP,
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/j",
        "next row",
        Action::Down,
        Some("move"),
    ),
    PAGE_UP,
    PAGE_DOWN,
    FIRST,
    LAST,
    bind(
        &[KeyCode::Enter],
        "Enter",
        "details of the selected row",
        Action::Details,
        Some("details"),
    ),
];

/// Keys of the scheduler.
pub const SCHEDULER: &[Binding] = &[
    bind(
        &[KeyCode::Left, KeyCode::Char('h')],
        "←/h",
        "slot 15 minutes earlier",
        Action::Earlier,
        None,
    ),
    bind(
        &[KeyCode::Right, KeyCode::Char('l')],
        "→/l",
        "slot 15 minutes later",
        Action::Later,
        Some("move"),
    ),
    bind(
        &[KeyCode::Char('[')],
        "[",
        "slot a day earlier",
        Action::DayEarlier,
        None,
    ),
    bind(
        &[KeyCode::Char(']')],
        "]",
        "slot a day later",
        Action::DayLater,
        Some("day"),
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "next candidate, alternative or series meeting",
        Action::NextCandidate,
        Some("next"),
    ),
    bind(
        &[KeyCode::Char('p')],
        "p",
        "previous candidate, alternative or series meeting",
        Action::PreviousCandidate,
        None,
    ),
    bind(
        &[KeyCode::Tab],
        "Tab",
        "view: ranked, alternatives, series",
        Action::NextPanel,
        Some("view"),
    ),
    bind(
        &[KeyCode::BackTab],
        "S-Tab",
        "previous view",
        Action::PreviousPanel,
        None,
    ),
    NEXT_MEETING,
    PREVIOUS_MEETING,
    bind(
        &[KeyCode::Enter],
        "Enter",
        "make this slot the meeting's start",
        Action::Choose,
        Some("set start"),
    ),
];

/// Keys while a yes/no question is open.
pub const CONFIRM: &[Binding] = &[
    bind(
        &[KeyCode::Char('y'), KeyCode::Enter],
        "y",
        "yes",
        Action::Confirm,
        Some("yes"),
    ),
    bind(&[KeyCode::Char('n')], "n", "no", Action::Close, Some("no")),
];

/// Keys while a question before closing (an item, the meeting) is open:
/// Enter, and nothing else, closes; every other key keeps it open.
pub const CONFIRM_CLOSE: &[Binding] = &[
    bind(
        &[KeyCode::Enter],
        "Enter",
        "close: record it",
        Action::Confirm,
        Some("close"),
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "keep it open (so does any other key)",
        Action::Close,
        Some("keep open"),
    ),
];

/// How `code` is written in the footer, the help and prompts.
pub fn key_name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::BackTab => "S-Tab".to_owned(),
        KeyCode::Backspace => "Bksp".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
        other => other.to_string(),
    }
}

/// The keys bound to `action` in `table`, as prompts name them (`t`,
/// `y/Enter`); `?` when nothing is, which a test rules out for every
/// prompt.
pub fn keys_for(table: &[Binding], action: Action) -> String {
    table
        .iter()
        .find(|b| b.action == action)
        .map_or_else(|| "?".to_owned(), |b| label_of(b.keys))
}

/// `keys` written one after another, as the footer and help show them.
pub fn label_of(keys: &[KeyCode]) -> String {
    keys.iter()
        .map(|&k| key_name(k))
        .collect::<Vec<_>>()
        .join("/")
}

/// The action a key press triggers with the key table `table` in force,
/// followed by `globals` (empty while a form takes every key), if any.
/// Ctrl-C always quits, as every terminal user expects. A digit bound to
/// [`Action::SetScore`] carries its value; a table with an
/// [`Action::Type`] entry turns any other character into typing.
pub fn action_for(key: KeyEvent, table: &[Binding], globals: &[Binding]) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    let found = table
        .iter()
        .chain(globals)
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action);
    match (found, key.code) {
        (Some(Action::SetScore(_)), KeyCode::Char(c)) => c
            .to_digit(10)
            .and_then(|d| u8::try_from(d).ok())
            .map(Action::SetScore),
        (None, KeyCode::Char(c)) if table.iter().any(|b| matches!(b.action, Action::Type(_))) => {
            Some(Action::Type(c))
        }
        (found, _) => found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        let screens: [(&[Binding], &[Binding]); 12] = [
            (DASHBOARD, GLOBAL),
            (SCHEDULER, GLOBAL),
            (CONFIRM, GLOBAL),
            (CONFIRM_CLOSE, &[]),
            (MEETING, GLOBAL),
            (ACTIONS, GLOBAL),
            (MINUTES, GLOBAL),
            (PROXY, &[]),
            (BALLOT, &[]),
            (INPUT, &[]),
            (PICK, &[]),
            (ACTION_FORM, &[]),
        ];
        for (table, globals) in screens {
            let all: Vec<KeyCode> = table
                .iter()
                .chain(globals)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in all.iter().enumerate() {
                assert!(!all[i + 1..].contains(k), "{k:?} bound twice");
            }
        }
    }

    #[test]
    fn keys_map_to_actions() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            action_for(key(KeyCode::Char('q')), DASHBOARD, GLOBAL),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('j')), DASHBOARD, GLOBAL),
            Some(Action::Down)
        );
        assert_eq!(action_for(key(KeyCode::Char('x')), DASHBOARD, GLOBAL), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, DASHBOARD, GLOBAL), Some(Action::Quit));
    }

    #[test]
    fn forms_take_characters_and_digits() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            action_for(key(KeyCode::Char('q')), INPUT, &[]),
            Some(Action::Type('q'))
        );
        assert_eq!(
            action_for(key(KeyCode::Enter), INPUT, &[]),
            Some(Action::Submit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('7')), BALLOT, &[]),
            Some(Action::SetScore(7))
        );
        assert_eq!(action_for(key(KeyCode::Char('q')), BALLOT, &[]), None);
        assert_eq!(
            action_for(key(KeyCode::Char('y')), MEETING, GLOBAL),
            Some(Action::VoteYes)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('3')), DASHBOARD, GLOBAL),
            Some(Action::ShowMeeting)
        );
    }
}
