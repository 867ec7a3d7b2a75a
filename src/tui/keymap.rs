//! Keys as data: one table per screen drives key handling, the footer and
//! the `?` help, so the three can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

mod action_form;
mod actions;
mod forms;
mod meeting;
mod minutes;
mod written;

pub use action_form::ACTION_FORM;
pub use actions::{ACTIONS, PICK};
pub use forms::{BALLOT_APPROVAL, BALLOT_RANKING, BALLOT_SCORE, INPUT};
pub use meeting::{MEETING, PROXY};
pub use minutes::MINUTES;
pub use written::WRITTEN;

/// A key as a table binds it: its code with the modifiers it needs. Shift
/// is not among them: it is part of the character (`P`, `?`) or of the
/// key (`BackTab`), and terminals differ in whether they report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// This key with exactly these modifiers (Control, Alt).
    Press(KeyCode, KeyModifiers),
    /// Any character no other binding of the table takes: typing.
    AnyChar,
}

impl Key {
    /// `code` with no modifier.
    pub const fn plain(code: KeyCode) -> Self {
        Self::Press(code, KeyModifiers::NONE)
    }

    /// Control and the character `c`.
    pub const fn ctrl(c: char) -> Self {
        Self::Press(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Whether the key press `key` is this key.
    fn matches(self, key: KeyEvent) -> bool {
        match self {
            Self::Press(code, modifiers) => {
                code == key.code && key.modifiers.difference(KeyModifiers::SHIFT) == modifiers
            }
            Self::AnyChar => false,
        }
    }

    /// How the key is written in the footer, the help and prompts:
    /// `Ctrl-C`, `PgDn`, `S-Tab`, `y`.
    pub fn name(self) -> String {
        let Self::Press(code, modifiers) = self else {
            return "other".to_owned();
        };
        let mut name = String::new();
        if modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("Ctrl-");
        }
        if modifiers.contains(KeyModifiers::ALT) {
            name.push_str("Alt-");
        }
        match code {
            // Ctrl-C, as every terminal user writes it.
            KeyCode::Char(c) if !modifiers.is_empty() => name.extend(c.to_uppercase()),
            code => name.push_str(&key_name(code)),
        }
        name
    }
}

/// One entry of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does, in a few words.
    pub description: &'static str,
    /// The action it triggers.
    pub action: Action,
    /// Its word in the footer, if the footer shows it (help shows all).
    pub footer: Option<&'static str>,
}

impl Binding {
    /// How its keys are written in the footer and help, made from the keys
    /// themselves so that the two cannot drift apart: `y/Enter`, `0-9`.
    pub fn label(&self) -> String {
        label_of(self.keys)
    }
}

const fn bind(
    keys: &'static [Key],
    description: &'static str,
    action: Action,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        description,
        action,
        footer,
    }
}

/// Keys that work everywhere, in forms too, before any table: Ctrl-C
/// quits, as every terminal user expects.
pub const ALWAYS: &[Binding] = &[bind(
    &[Key::ctrl('c')],
    "quit, even in a form",
    Action::Quit,
    None,
)];

/// A binding several tables share.
pub(super) const TOGGLE_HELP: Binding = bind(
    &[Key::plain(KeyCode::Char('?'))],
    "show or hide this help",
    Action::ToggleHelp,
    Some("help"),
);

/// A binding several tables share.
pub(super) const UP: Binding = bind(
    &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
    "previous row",
    Action::Up,
    None,
);

/// `↓`/`j` moves down a row (no footer hint: the screens that show one
/// bind their own).
pub(super) const DOWN: Binding = bind(
    &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
    "next row",
    Action::Down,
    None,
);

/// A binding several tables share.
pub(super) const PAGE_UP: Binding = bind(
    &[Key::plain(KeyCode::PageUp)],
    "page up",
    Action::PageUp,
    None,
);

/// A binding several tables share.
pub(super) const PAGE_DOWN: Binding = bind(
    &[Key::plain(KeyCode::PageDown)],
    "page down",
    Action::PageDown,
    None,
);

/// A binding several tables share.
pub(super) const FIRST: Binding = bind(
    &[Key::plain(KeyCode::Home), Key::plain(KeyCode::Char('g'))],
    "first row",
    Action::First,
    None,
);

/// A binding several tables share.
pub(super) const LAST: Binding = bind(
    &[Key::plain(KeyCode::End), Key::plain(KeyCode::Char('G'))],
    "last row",
    Action::Last,
    None,
);

/// A binding several tables share.
pub(super) const NEXT_MEETING: Binding = bind(
    &[Key::plain(KeyCode::Char('m'))],
    "next meeting",
    Action::NextMeeting,
    Some("meeting"),
);

/// A binding several tables share.
pub(super) const PREVIOUS_MEETING: Binding = bind(
    &[Key::plain(KeyCode::Char('M'))],
    "previous meeting",
    Action::PreviousMeeting,
    None,
);

/// A binding several tables share.
pub(super) const CURSOR_START: Binding = bind(
    &[Key::plain(KeyCode::Home)],
    "cursor to the start",
    Action::CursorStart,
    None,
);

/// A binding several tables share.
pub(super) const CURSOR_END: Binding = bind(
    &[Key::plain(KeyCode::End)],
    "cursor to the end",
    Action::CursorEnd,
    None,
);

/// A binding several tables share.
pub(super) const DELETE_BACK: Binding = bind(
    &[Key::plain(KeyCode::Backspace)],
    "delete before the cursor",
    Action::DeleteBack,
    None,
);

/// A binding several tables share.
pub(super) const DELETE_FORWARD: Binding = bind(
    &[Key::plain(KeyCode::Delete)],
    "delete under the cursor",
    Action::DeleteForward,
    None,
);

/// A binding several tables share.
pub(super) const CANCEL: Binding = bind(
    &[Key::plain(KeyCode::Esc)],
    "cancel",
    Action::Cancel,
    Some("cancel"),
);

/// Keys that work on every screen.
pub const GLOBAL: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Char('1'))],
        "alliance dashboard",
        Action::ShowDashboard,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('2'))],
        "scheduler",
        Action::ShowScheduler,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('3'))],
        "meeting room",
        Action::ShowMeeting,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('4'))],
        "action items",
        Action::ShowActions,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('5'))],
        "minutes",
        Action::ShowMinutes,
        None,
    ),
    TOGGLE_HELP,
    bind(
        &[Key::plain(KeyCode::Char('T'))],
        "colours on/off",
        Action::ToggleTheme,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char('q'))],
        "quit",
        Action::Quit,
        Some("quit"),
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        "close the open window",
        Action::Close,
        None,
    ),
];

/// Keys that scroll the `?` help, tried before the screen's own.
pub const HELP: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Up), Key::plain(KeyCode::Char('k'))],
        "help: a line up",
        Action::Up,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "help: a line down",
        Action::Down,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::PageUp)],
        "help: a page up",
        Action::PageUp,
        None,
    ),
    bind(
        &[
            Key::plain(KeyCode::PageDown),
            Key::plain(KeyCode::Char(' ')),
        ],
        "help: a page down",
        Action::PageDown,
        None,
    ),
];

/// Keys of the alliance dashboard.
pub const DASHBOARD: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Tab)],
        "next panel",
        Action::NextPanel,
        Some("panel"),
    ),
    bind(
        &[Key::plain(KeyCode::BackTab)],
        "previous panel",
        Action::PreviousPanel,
        None,
    ),
    UP,
    bind(
        &[Key::plain(KeyCode::Down), Key::plain(KeyCode::Char('j'))],
        "next row",
        Action::Down,
        Some("move"),
    ),
    PAGE_UP,
    PAGE_DOWN,
    FIRST,
    LAST,
    bind(
        &[Key::plain(KeyCode::Enter)],
        "details of the selected row",
        Action::Details,
        Some("details"),
    ),
];

/// Keys of the scheduler.
pub const SCHEDULER: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Left), Key::plain(KeyCode::Char('h'))],
        "slot 15 minutes earlier",
        Action::Earlier,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Right), Key::plain(KeyCode::Char('l'))],
        "slot 15 minutes later",
        Action::Later,
        Some("move"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('['))],
        "slot a day earlier",
        Action::DayEarlier,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Char(']'))],
        "slot a day later",
        Action::DayLater,
        Some("day"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('n'))],
        "next candidate, alternative or series meeting",
        Action::NextCandidate,
        Some("next"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('p'))],
        "previous candidate, alternative or series meeting",
        Action::PreviousCandidate,
        None,
    ),
    bind(
        &[Key::plain(KeyCode::Tab)],
        "view: ranked, alternatives, series",
        Action::NextPanel,
        Some("view"),
    ),
    bind(
        &[Key::plain(KeyCode::BackTab)],
        "previous view",
        Action::PreviousPanel,
        None,
    ),
    NEXT_MEETING,
    PREVIOUS_MEETING,
    bind(
        &[Key::plain(KeyCode::Enter)],
        "make this slot the meeting's start",
        Action::Choose,
        Some("set start"),
    ),
];

/// Keys while a yes/no question is open.
pub const CONFIRM: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Char('y')), Key::plain(KeyCode::Enter)],
        "yes",
        Action::Confirm,
        Some("yes"),
    ),
    bind(
        &[Key::plain(KeyCode::Char('n'))],
        "no",
        Action::Close,
        Some("no"),
    ),
];

/// Keys while a question before closing (an item, the meeting) is open:
/// Enter, and nothing else, closes; every other key keeps it open.
pub const CONFIRM_CLOSE: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        "close: record it",
        Action::Confirm,
        Some("close"),
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        "keep it open (so does any other key)",
        Action::Close,
        Some("keep open"),
    ),
];

/// How `code` is written in the footer, the help and prompts.
fn key_name(code: KeyCode) -> String {
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
/// `y/Enter`); `?` when nothing is, which the tests rule out for every
/// prompt.
pub fn keys_for(table: &[Binding], action: Action) -> String {
    table
        .iter()
        .find(|b| b.action == action)
        .map_or_else(|| "?".to_owned(), Binding::label)
}

/// `keys` written one after another (`↑/k`), a run of three or more
/// digits as a range (`0-9`).
fn label_of(keys: &[Key]) -> String {
    let digit = |k: &Key| match k {
        Key::Press(KeyCode::Char(c), m) if m.is_empty() => c.to_digit(10),
        _ => None,
    };
    let mut parts: Vec<String> = Vec::new();
    let mut at = 0;
    while at < keys.len() {
        let mut end = at + 1;
        if let Some(first) = digit(&keys[at]) {
            while end < keys.len()
                && digit(&keys[end]) == Some(first + u32::try_from(end - at).unwrap_or(0))
            {
                end += 1;
            }
        }
        if end - at >= 3 {
            parts.push(format!("{}-{}", keys[at].name(), keys[end - 1].name()));
        } else {
            end = at + 1;
            parts.push(keys[at].name());
        }
        at = end;
    }
    parts.join("/")
}

/// The action a key press triggers: [`ALWAYS`] first, then the key table
/// `table` in force, then `globals` (empty while a form takes every key).
/// A digit bound to [`Action::SetScore`] carries its value; in a table
/// with a [`Key::AnyChar`] entry any other character types.
pub fn action_for(key: KeyEvent, table: &[Binding], globals: &[Binding]) -> Option<Action> {
    let found = ALWAYS
        .iter()
        .chain(table)
        .chain(globals)
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action);
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    let types = || table.iter().any(|b| b.keys.contains(&Key::AnyChar));
    match (found, key.code) {
        (Some(Action::SetScore(_)), KeyCode::Char(c)) => c
            .to_digit(10)
            .and_then(|d| u8::try_from(d).ok())
            .map(Action::SetScore),
        (None, KeyCode::Char(c)) if plain && types() => Some(Action::Type(c)),
        (found, _) => found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        let screens: [(&[Binding], &[Binding]); 16] = [
            (DASHBOARD, GLOBAL),
            (SCHEDULER, GLOBAL),
            (CONFIRM, GLOBAL),
            (CONFIRM_CLOSE, &[]),
            (HELP, &[]),
            (MEETING, GLOBAL),
            (WRITTEN, GLOBAL),
            (ACTIONS, GLOBAL),
            (MINUTES, GLOBAL),
            (PROXY, &[]),
            (BALLOT_RANKING, &[]),
            (BALLOT_APPROVAL, &[]),
            (BALLOT_SCORE, &[]),
            (INPUT, &[]),
            (PICK, &[]),
            (ACTION_FORM, &[]),
        ];
        for (table, globals) in screens {
            let all: Vec<Key> = ALWAYS
                .iter()
                .chain(table)
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
            action_for(key(KeyCode::Char('7')), BALLOT_SCORE, &[]),
            Some(Action::SetScore(7))
        );
        assert_eq!(action_for(key(KeyCode::Char('q')), BALLOT_SCORE, &[]), None);
        // A ranking ballot has no scores.
        assert_eq!(
            action_for(key(KeyCode::Char('7')), BALLOT_RANKING, &[]),
            None
        );
        assert_eq!(
            action_for(key(KeyCode::Char('y')), MEETING, GLOBAL),
            Some(Action::VoteYes)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('3')), DASHBOARD, GLOBAL),
            Some(Action::ShowMeeting)
        );
    }

    #[test]
    fn labels_are_made_from_the_bound_keys_with_their_modifiers() {
        let label = |table: &[Binding], action| keys_for(table, action);
        assert_eq!(label(CONFIRM, Action::Confirm), "y/Enter");
        assert_eq!(label(MINUTES, Action::PageDown), "PgDn/Space");
        assert_eq!(label(MEETING, Action::NextPanel), "Tab/S-Tab");
        assert_eq!(label(BALLOT_SCORE, Action::SetScore(0)), "0-9");
        assert_eq!(label(ALWAYS, Action::Quit), "Ctrl-C");
        assert_eq!(label(GLOBAL, Action::Quit), "q");
    }

    #[test]
    fn a_key_matches_only_with_its_modifiers() {
        let with = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        // Ctrl-C quits in a form that takes every other character.
        assert_eq!(
            action_for(with('c', KeyModifiers::CONTROL), INPUT, &[]),
            Some(Action::Quit)
        );
        // Ctrl-Q is not q, and types nothing.
        assert_eq!(
            action_for(with('q', KeyModifiers::CONTROL), MEETING, GLOBAL),
            None
        );
        assert_eq!(action_for(with('x', KeyModifiers::ALT), INPUT, &[]), None);
        // Shift is part of the character: `P` gives a proxy however the
        // terminal reports it.
        assert_eq!(
            action_for(with('P', KeyModifiers::SHIFT), MEETING, GLOBAL),
            Some(Action::GiveProxy)
        );
    }
}
