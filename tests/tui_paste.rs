//! Paste never records (issue 12, finding 5): with bracketed paste, pasted
//! text arrives as one `Input::Paste` and goes only into a text being typed;
//! anywhere else it is ignored with a status message. Without it, pasting
//! "yes, approved by all present. next: close" into the roll call recorded
//! seven events. The real event loop runs here on a test terminal, fed a
//! script of inputs; `tests/tui_tmux.rs` pastes through a real tmux.
//!
//! Also: a question before closing (an item, the meeting) is answered by
//! Enter alone, so no run of other keys can close anything.

mod common;

use common::example_copy;

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::meeting::{Event, Record};
use plenary::tui::{App, Input, Overlay, Screen, Theme, run_loop};
use plenary::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PASTED: &str = "yes, approved by all present. next: close";

fn key(code: KeyCode) -> Input {
    Input::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn chars(text: &str) -> Vec<Input> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn paste(text: &str) -> Input {
    Input::Paste(text.to_owned())
}

/// Runs the interface's event loop on the workspace at `root` over
/// `inputs`, and returns the app as it was left when they ran out.
fn run(root: &Path, inputs: Vec<Input>) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    let now: DateTime<Utc> = "2027-03-10T14:00:00Z".parse().expect("instant");
    let mut app =
        App::new(ws, Box::new(FixedClock(now)), Theme::color()).with_recorder("secretary");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    run_loop(
        &mut terminal,
        &mut app,
        &mut inputs.into_iter(),
        &mut |_| Ok(()),
    )
    .expect("the loop ends when the inputs do");
    app
}

/// The journal's records after the terms plenary writes first.
fn records(root: &Path) -> Vec<Record> {
    std::fs::read_to_string(root.join("records/2027-03-steering.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<Record>(l).expect("a record"))
        .filter(|r| !matches!(r.event, Event::Terms { .. }))
        .collect()
}

#[test]
fn a_paste_into_the_roll_call_records_nothing() {
    let ws = example_copy();
    let app = run(ws.path(), vec![key(KeyCode::Char('3')), paste(PASTED)]);
    assert_eq!(app.screen(), Screen::Meeting);
    assert!(records(ws.path()).is_empty(), "{:?}", records(ws.path()));
    assert!(
        !ws.path().join("records").exists(),
        "nothing written at all"
    );
    let status = app.status().expect("a status says why");
    assert!(status.text.starts_with("Paste ignored"), "{status:?}");
}

#[test]
fn the_same_text_typed_key_by_key_would_record() {
    // What bracketed paste protects against: these characters as key
    // presses are room commands (y votes, p marks present, …).
    let ws = example_copy();
    let mut inputs = vec![key(KeyCode::Char('3'))];
    inputs.extend(chars("pyes"));
    run(ws.path(), inputs);
    assert!(!records(ws.path()).is_empty());
}

#[test]
fn a_paste_goes_into_the_note_being_typed_as_one_line() {
    let ws = example_copy();
    let app = run(
        ws.path(),
        vec![
            key(KeyCode::Char('3')),
            key(KeyCode::Char('N')),
            paste("first line\r\nsecond\tpart\u{1b}[31m\n"),
            key(KeyCode::Enter),
        ],
    );
    let events: Vec<Event> = records(ws.path()).into_iter().map(|r| r.event).collect();
    assert_eq!(
        events,
        [Event::Note {
            item: None,
            text: "first line second part[31m".into()
        }]
    );
    assert!(
        app.status().is_none_or(|s| !s.is_error),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_paste_into_the_owner_field_of_an_action_form_is_ignored() {
    let ws = example_copy();
    let app = run(
        ws.path(),
        vec![
            key(KeyCode::Char('3')),
            key(KeyCode::Char('A')),
            paste(PASTED),
        ],
    );
    assert!(records(ws.path()).is_empty());
    assert!(
        app.status()
            .is_some_and(|s| s.text.starts_with("Paste ignored"))
    );
}

#[test]
fn a_long_paste_is_cut_to_one_field() {
    let ws = example_copy();
    run(
        ws.path(),
        vec![
            key(KeyCode::Char('3')),
            key(KeyCode::Char('N')),
            paste(&"x".repeat(1_000_000)),
            key(KeyCode::Enter),
        ],
    );
    match &records(ws.path())[..] {
        [record] => match &record.event {
            Event::Note { text, .. } => assert_eq!(text.chars().count(), 1000),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// Everyone present at the March meeting, and for `c` its first item
/// open: what the question before closing needs to be asked.
fn ready_to_close(opener: char) -> Vec<Input> {
    let mut inputs = vec![key(KeyCode::Char('3'))];
    for _ in 0..7 {
        inputs.extend([key(KeyCode::Char('p')), key(KeyCode::Down)]);
    }
    if opener == 'c' {
        inputs.extend([
            key(KeyCode::Tab),
            key(KeyCode::Char('o')),
            key(KeyCode::Tab),
        ]);
    }
    inputs
}

fn closed(root: &Path) -> bool {
    records(root)
        .iter()
        .any(|r| matches!(r.event, Event::ItemClosed { .. } | Event::MeetingClosed))
}

#[test]
fn no_run_of_keys_but_enter_answers_a_question_before_closing() {
    // `c` or `C`, then any key but Enter (the vote keys included), keeps it
    // open and records nothing; a paste neither answers nor closes.
    for opener in ['c', 'C'] {
        for answer in [
            vec![],
            chars("y"),
            chars("n"),
            chars("yes"),
            chars("policy"),
            vec![key(KeyCode::Esc)],
            vec![paste("\n")],
            vec![key(KeyCode::Char(' ')), key(KeyCode::Enter)],
        ] {
            let ws = example_copy();
            let mut inputs = ready_to_close(opener);
            inputs.push(key(KeyCode::Char(opener)));
            inputs.extend(answer.clone());
            let app = run(ws.path(), inputs);
            assert!(
                !closed(ws.path()),
                "{opener} then {answer:?} closed something"
            );
            // A key answers "keep it open"; a paste leaves the question up.
            let keyed = answer.iter().any(|i| matches!(i, Input::Key(_)));
            assert_eq!(app.overlay() == Overlay::None, keyed, "{opener} {answer:?}");
            if !keyed {
                assert!(app.overlay().is_destructive(), "{opener} asks first");
            }
        }
    }
}

#[test]
fn enter_after_the_question_closes() {
    for (opener, event) in [
        (
            'c',
            Event::ItemClosed {
                item: "minutes".into(),
                outcome: None,
            },
        ),
        ('C', Event::MeetingClosed),
    ] {
        let ws = example_copy();
        let mut inputs = ready_to_close(opener);
        inputs.push(key(KeyCode::Char(opener)));
        inputs.push(key(KeyCode::Enter));
        run(ws.path(), inputs);
        // The close carries its outcome; what matters here is that it happened.
        let last = records(ws.path()).pop().map(|r| match r.event {
            Event::ItemClosed { item, .. } => Event::ItemClosed {
                item,
                outcome: None,
            },
            other => other,
        });
        assert_eq!(last, Some(event));
    }
}
