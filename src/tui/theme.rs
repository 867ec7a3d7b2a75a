//! Named styles. Only the 16 ANSI colours are used, so the interface looks
//! the same on terminals without true colour; with `NO_COLOR` set, only
//! bold, dim and reverse remain.

use ratatui::style::{Color, Modifier, Style};

/// Every style the interface uses, by meaning.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The application title.
    pub title: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Headings of tables.
    pub header: Style,
    /// The selected row of the focused panel.
    pub selected: Style,
    /// Borders of panels without focus.
    pub border: Style,
    /// The border of the focused panel.
    pub border_focused: Style,
    /// Secondary text.
    pub muted: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// A member inside working hours.
    pub working: Style,
    /// A member on a working day but outside its hours.
    pub off_hours: Style,
    /// A member at night.
    pub night: Style,
    /// A member on a weekend or blackout day.
    pub day_off: Style,
    /// Problems that need attention.
    pub warning: Style,
}

impl Theme {
    /// The colour theme.
    pub fn color() -> Self {
        let plain = Style::new();
        Self {
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: plain
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            muted: plain.fg(Color::DarkGray),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            working: plain.fg(Color::Green),
            off_hours: plain.fg(Color::Yellow),
            night: plain.fg(Color::Magenta),
            day_off: plain.fg(Color::DarkGray),
            warning: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// The monochrome theme for `NO_COLOR`.
    pub fn monochrome() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            title: bold,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: bold,
            selected: plain.add_modifier(Modifier::REVERSED),
            border: plain,
            border_focused: bold,
            muted: plain.add_modifier(Modifier::DIM),
            key: bold,
            working: bold,
            off_hours: plain,
            night: plain.add_modifier(Modifier::DIM),
            day_off: plain.add_modifier(Modifier::DIM),
            warning: bold,
        }
    }

    /// Whether this is the monochrome theme (it has no colour at all).
    pub fn is_monochrome(&self) -> bool {
        self.title.fg.is_none() && self.warning.fg.is_none()
    }

    /// The theme the environment asks for (<https://no-color.org>: any
    /// non-empty `NO_COLOR` turns colour off).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::monochrome(),
            _ => Self::color(),
        }
    }
}
