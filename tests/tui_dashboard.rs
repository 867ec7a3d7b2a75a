//! Screen tests: the dashboard drawn on ratatui's TestBackend under a fixed
//! clock, compared with snapshot files.

mod common;

use common::tui::{press, screen};

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::tui::{Action, App, Overlay, Panel, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

/// 14:00 UTC on Wednesday 10 March 2027: Sydney and Auckland are on
/// southern summer time (already Thursday there), the US changes on the
/// 14th and Europe on the 28th.
const NOW: &str = "2027-03-10T14:00:00Z";

fn app() -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra");
    let ws = Workspace::load(&root).expect("the example workspace is valid");
    let now: DateTime<Utc> = NOW.parse().expect("valid instant");
    App::new(ws, Box::new(FixedClock(now)), Theme::color())
}

#[test]
fn dashboard_80x24() {
    insta::assert_snapshot!(screen(&app(), 80, 24));
}

#[test]
fn dashboard_120x40() {
    insta::assert_snapshot!(screen(&app(), 120, 40));
}

#[test]
fn too_small_terminal_says_so() {
    let shown = screen(&app(), 20, 5);
    assert!(shown.contains("Terminal too"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn help_lists_every_key_of_the_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Overlay::Help);
    let shown = screen(&app, 80, 24);
    for text in [
        "Keys",
        "next panel",
        "details of the selected row",
        "first row",
        "quit",
        "Ctrl-C",
    ] {
        assert!(shown.contains(text), "{text} missing from\n{shown}");
    }
    insta::assert_snapshot!(shown);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn details_of_a_body_show_its_rules_and_members() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 100, 30);
    for text in [
        "Steering Committee",
        "1/2 of the voting weight",
        "the chair breaks a tie",
        "two-thirds",
        "ETH Zurich",
    ] {
        assert!(shown.contains(text), "{text} missing from\n{shown}");
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn selection_moves_and_stays_within_the_list() {
    let mut app = app();
    app.update(Action::Last);
    let last = app.workspace().charter.members.len() - 1;
    assert_eq!(app.dashboard().selected(Panel::Members), last);
    app.update(Action::Down);
    assert_eq!(app.dashboard().selected(Panel::Members), last);
    // The last member is scrolled into view even at 80x24.
    let name = &app.workspace().charter.members[last].name;
    assert!(screen(&app, 80, 24).contains(name.as_str()));
    app.update(Action::First);
    app.update(Action::Up);
    assert_eq!(app.dashboard().selected(Panel::Members), 0);
}

#[test]
fn movement_keys_do_nothing_while_help_is_open() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.dashboard().selected(Panel::Members), 0);
}

#[test]
fn q_quits() {
    let mut app = app();
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

/// The details of the exchange programme (the third): its yearly and
/// half-yearly series as bars, the latest value against its target, the
/// change since the period before, in text that reads without colour.
fn exchange_details(width: u16, height: u16) -> String {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    screen(&app, width, height)
}

#[test]
fn programme_details_chart_each_series_80x24() {
    let shown = exchange_details(80, 24);
    for text in [
        "Early-Career Researcher Exchange",
        "Reported years 2025–2027",
        "students exchanged",
        "of 70",
        "+7",
    ] {
        assert!(shown.contains(text), "{text} missing from\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn programme_details_chart_each_series_120x40() {
    let shown = exchange_details(120, 40);
    assert!(shown.contains("Reported halves 2027-H1–2027-H2"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_charts_read_the_same_without_colour() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra");
    let ws = Workspace::load(&root).expect("the example workspace is valid");
    let now: DateTime<Utc> = NOW.parse().expect("valid instant");
    let mut plain = App::new(ws, Box::new(FixedClock(now)), Theme::monochrome());
    for key in [
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Enter,
    ] {
        press(&mut plain, key);
    }
    assert_eq!(screen(&plain, 120, 40), exchange_details(120, 40));
}

#[test]
fn dashboard_60x16_shows_members_and_every_panel() {
    let shown = screen(&app(), 60, 16);
    // Members' rows, not only the table's header; the zone's name gives
    // way to them.
    for name in [
        "Centre for European",
        "ETH Zurich",
        "University of Cape Town",
    ] {
        assert!(shown.contains(name), "{name}:\n{shown}");
    }
    assert!(!shown.contains("Europe/Zurich"), "{shown}");
    // Each list shows the first lines of its first item.
    assert!(shown.contains("Steering Committee"), "{shown}");
    assert!(shown.contains("Joint Centre for Water"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_heading_says_as_much_as_fits_and_cuts_no_word() {
    let line = |width: u16| {
        screen(&app(), width, 30)
            .lines()
            .nth(1)
            .map(|l| l.trim_matches('"').trim_end().to_owned())
            .unwrap()
    };
    assert!(
        line(120).ends_with("secretariat in Europe/Brussels"),
        "{}",
        line(120)
    );
    assert!(
        line(100).ends_with("14 members in 14 time zones"),
        "{}",
        line(100)
    );
    assert!(line(60).ends_with("14 members · 14 zones"), "{}", line(60));
}
