//! The title bar: the name, the screens' tabs, the alliance and its clock,
//! made shorter step by step on narrow terminals.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::{App, Screen};
use crate::tui::format::city;

/// How much of the title bar is shown, most first.
#[derive(Clone, Copy)]
struct Shape {
    brand: bool,
    tab_names: bool,
    clock: Clock,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Clock {
    Full,
    Short,
    None,
}

/// The shapes tried in turn; the first that fits is drawn. At 80 columns
/// the five tabs keep their names and the clock its time.
const SHAPES: [Shape; 6] = [
    Shape {
        brand: true,
        tab_names: true,
        clock: Clock::Full,
    },
    Shape {
        brand: true,
        tab_names: true,
        clock: Clock::Short,
    },
    Shape {
        brand: false,
        tab_names: true,
        clock: Clock::Short,
    },
    Shape {
        brand: false,
        tab_names: true,
        clock: Clock::None,
    },
    Shape {
        brand: false,
        tab_names: false,
        clock: Clock::Short,
    },
    Shape {
        brand: false,
        tab_names: false,
        clock: Clock::None,
    },
];

/// Draws the title bar into `area`.
pub fn draw_title(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let alliance = &app.workspace().charter.alliance;
    let local = app.now().with_timezone(&alliance.timezone);
    let clock_in = |format: &str| format!(" {} {} ", city(alliance.timezone), local.format(format));
    let clock_text = |clock: Clock| match clock {
        Clock::Full => clock_in("%a %-d %b %H:%M %Z"),
        Clock::Short => clock_in("%H:%M %Z"),
        Clock::None => String::new(),
    };
    let tabs = |shape: Shape| {
        let mut spans = Vec::new();
        if shape.brand {
            spans.push(Span::styled(" plenary ", theme.title));
        }
        for (n, (screen, name)) in Screen::ALL.iter().enumerate() {
            let active = *screen == app.screen();
            let style = if active {
                theme.tab_active
            } else {
                theme.muted
            };
            let text = if shape.tab_names || active {
                format!(" {} {name} ", n + 1)
            } else {
                format!(" {} ", n + 1)
            };
            spans.push(Span::styled(text, style));
        }
        spans
    };
    let width = usize::from(area.width);
    let used = |shape: Shape| {
        tabs(shape).iter().map(Span::width).sum::<usize>() + clock_text(shape.clock).chars().count()
    };
    let alliance_name = crate::tui::format::shown(&alliance.name);
    let name_fits = |shape: Shape| used(shape) + 1 + alliance_name.chars().count() <= width;
    let mut shape = SHAPES
        .iter()
        .copied()
        .find(|s| used(*s) <= width)
        .unwrap_or(SHAPES[SHAPES.len() - 1]);
    // The date goes first when leaving it out lets the whole name show.
    if shape.clock == Clock::Full && !name_fits(shape) && name_fits(SHAPES[1]) {
        shape = SHAPES[1];
    }
    let mut spans = tabs(shape);
    let clock = clock_text(shape.clock);
    let room = width.saturating_sub(used(shape) + 1);
    // A name cut to a few letters says nothing: leave it out.
    let name: String = if room >= 12 {
        alliance_name.chars().take(room).collect()
    } else {
        String::new()
    };
    let gap = room.saturating_sub(name.chars().count());
    spans.push(Span::raw(format!(" {name}{}", " ".repeat(gap))));
    spans.push(Span::styled(clock, theme.muted));
    frame.render_widget(Line::from(spans), area);
}
