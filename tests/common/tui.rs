//! Driving the terminal interface in tests: keys in, a drawn screen out.

use plenary::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The app drawn once on a test terminal of this size.
pub fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    terminal
}

/// The screen as text, one quoted line per row (what snapshots store).
pub fn screen(app: &App, width: u16, height: u16) -> String {
    terminal(app, width, height).backend().to_string()
}

/// One key press without modifiers.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Sizes from absurdly small to very large, around the "too small" edge
/// (60x16) and the usual 80x24.
pub const SIZES: [(u16, u16); 7] = [
    (1, 1),
    (20, 5),
    (59, 15),
    (60, 16),
    (80, 24),
    (120, 40),
    (300, 100),
];

/// Draws the app at every one of [`SIZES`]; a panic fails the test.
pub fn draw_at_every_size(app: &App) {
    for (width, height) in SIZES {
        screen(app, width, height);
    }
}
