//! Keys as data: one table per screen drives key handling, the footer and
//! the `?` help, so the three can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

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
    /// Whether the footer shows it (help always does).
    pub in_footer: bool,
}

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    description: &'static str,
    action: Action,
    in_footer: bool,
) -> Binding {
    Binding {
        keys,
        label,
        description,
        action,
        in_footer,
    }
}

/// Keys that work on every screen.
pub const GLOBAL: &[Binding] = &[
    bind(&[KeyCode::Char('?')], "?", "show or hide this help", Action::ToggleHelp, true),
    bind(&[KeyCode::Char('q')], "q", "quit", Action::Quit, true),
    bind(&[KeyCode::Esc], "Esc", "close the open window", Action::Close, false),
];

/// Keys of the alliance dashboard.
pub const DASHBOARD: &[Binding] = &[
    bind(&[KeyCode::Tab], "Tab", "next panel", Action::NextPanel, true),
    bind(&[KeyCode::BackTab], "S-Tab", "previous panel", Action::PreviousPanel, false),
    bind(&[KeyCode::Up, KeyCode::Char('k')], "↑/k", "previous row", Action::Up, false),
    bind(&[KeyCode::Down, KeyCode::Char('j')], "↓/j", "next row", Action::Down, true),
    bind(&[KeyCode::PageUp], "PgUp", "page up", Action::PageUp, false),
    bind(&[KeyCode::PageDown], "PgDn", "page down", Action::PageDown, false),
    bind(&[KeyCode::Home, KeyCode::Char('g')], "Home/g", "first row", Action::First, false),
    bind(&[KeyCode::End, KeyCode::Char('G')], "End/G", "last row", Action::Last, false),
    bind(&[KeyCode::Enter], "Enter", "details of the selected row", Action::Details, true),
];

/// The action a key press triggers on a screen with `table`, if any.
/// Ctrl-C always quits, as every terminal user expects.
pub fn action_for(key: KeyEvent, table: &[Binding]) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    table
        .iter()
        .chain(GLOBAL)
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        let all: Vec<KeyCode> = DASHBOARD.iter().chain(GLOBAL).flat_map(|b| b.keys.iter().copied()).collect();
        for (i, k) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(k), "{k:?} bound twice");
        }
    }

    #[test]
    fn keys_map_to_actions() {
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(action_for(key(KeyCode::Char('q')), DASHBOARD), Some(Action::Quit));
        assert_eq!(action_for(key(KeyCode::Char('j')), DASHBOARD), Some(Action::Down));
        assert_eq!(action_for(key(KeyCode::Char('x')), DASHBOARD), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, DASHBOARD), Some(Action::Quit));
    }
}
