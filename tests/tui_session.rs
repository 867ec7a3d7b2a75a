//! The interface's event loop over an input source (SPEC 7, 8): the same
//! loop the local terminal and every SSH session run, fed here a list of
//! inputs and drawing to a test terminal.

mod common;

use common::example_copy;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::tui::{App, Input, Theme, run_loop};
use plenary::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char) -> Input {
    Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn app(root: &std::path::Path) -> App {
    let now: DateTime<Utc> = "2027-03-10T14:00:00Z".parse().unwrap();
    App::new(
        Workspace::load(root).unwrap(),
        Box::new(FixedClock(now)),
        Theme::color(),
    )
    .with_recorder("Dr. Sophie Vandenberghe")
}

#[test]
fn a_paste_into_the_roll_call_records_nothing_and_typed_keys_do() {
    let ws = example_copy();
    let journal = ws.path().join("records/2027-03-steering.jsonl");
    let mut app = app(ws.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut frames = 0;
    let inputs = vec![
        key('3'),
        Input::Paste("yes, approved by all present. next: close".into()),
        Input::Resize(100, 30),
    ];
    run_loop(
        &mut terminal,
        &mut app,
        &mut inputs.into_iter(),
        &mut |_| {
            frames += 1;
            Ok(())
        },
    )
    .unwrap();
    assert!(!journal.exists(), "a paste is not keys");
    assert!(
        app.status().unwrap().text.contains("Paste ignored"),
        "{:?}",
        app.status()
    );
    assert!(frames >= 3, "one frame per change: {frames}");

    // The same keys typed one by one do record: `p` marks ceps present.
    let inputs = vec![key('p'), key('q')];
    run_loop(
        &mut terminal,
        &mut app,
        &mut inputs.into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    assert!(app.should_quit());
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains(r#""event":"present","member":"ceps""#),
        "{text}"
    );
}

#[test]
fn a_paste_goes_into_a_text_field() {
    let ws = example_copy();
    let journal = ws.path().join("records/2027-03-steering.jsonl");
    let mut app = app(ws.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let inputs = vec![
        key('3'),
        key('N'),
        Input::Paste("Thanks to the\nsecretariat".into()),
        Input::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    ];
    run_loop(
        &mut terminal,
        &mut app,
        &mut inputs.into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(
        text.lines()
            .last()
            .unwrap()
            .contains(r#""event":"note","text":"Thanks to the secretariat""#),
        "{text}"
    );
}

#[test]
fn t_switches_between_colours_and_monochrome() {
    use ratatui::style::Color;
    let ws = example_copy();
    let mut app = app(ws.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let coloured = |terminal: &Terminal<TestBackend>| {
        let buffer = terminal.backend().buffer();
        buffer
            .content
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    };
    terminal.draw(|f| app.draw(f)).unwrap();
    assert!(coloured(&terminal), "the colour theme");
    run_loop(
        &mut terminal,
        &mut app,
        &mut vec![key('T')].into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    assert!(app.theme().is_monochrome());
    assert!(app.status().unwrap().text.contains("Monochrome"));
    terminal.draw(|f| app.draw(f)).unwrap();
    assert!(!coloured(&terminal), "no colour left");
    run_loop(
        &mut terminal,
        &mut app,
        &mut vec![key('T')].into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    assert!(!app.theme().is_monochrome());
}

#[test]
fn a_session_records_at_most_its_rate() {
    let ws = example_copy();
    let journal = ws.path().join("records/2027-03-steering.jsonl");
    // Two at once, and (for this test) practically never more.
    let mut app = app(ws.path()).with_record_limit(0.0001, 2.0);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let down = Input::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let inputs = vec![key('3'), key('p'), down.clone(), key('p'), down, key('p')];
    run_loop(
        &mut terminal,
        &mut app,
        &mut inputs.into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    let text = std::fs::read_to_string(&journal).unwrap();
    let present = text.lines().filter(|l| l.contains(r#""event":"present""#));
    assert_eq!(present.count(), 2, "{text}");
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("too many recordings"),
        "{status:?}"
    );
}

#[test]
fn the_meeting_room_says_how_long_ago_the_last_event_was_recorded() {
    let ws = example_copy();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["record"])
        .arg(ws.path())
        .args(["2027-03-steering", "present", "eth"])
        .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success());
    let later: DateTime<Utc> = "2027-03-10T14:01:30Z".parse().unwrap();
    let mut app = App::new(
        Workspace::load(ws.path()).unwrap(),
        Box::new(FixedClock(later)),
        Theme::color(),
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    run_loop(
        &mut terminal,
        &mut app,
        &mut vec![key('3')].into_iter(),
        &mut |_| Ok(()),
    )
    .unwrap();
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
    assert!(text.contains("live · updated 1m ago"), "{text}");
}
