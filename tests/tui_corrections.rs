//! Corrections in the meeting room (SPEC 3.3): apologies (`e`), a motion
//! withdrawn (`W`), a vote voided (`V`) and an item reopened (`R`), each
//! with the same events and the same refusals as `plenary record`.

mod common;

use common::example_copy;
use common::tui::press;

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::meeting::{Event, Record};
use plenary::tui::{App, Screen, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

const CEPS: usize = 0;
const ETH: usize = 1;
const UCT: usize = 2;
const IISC: usize = 3;
const COLUMBIA: usize = 6;
const BUDGET: usize = 2;

fn room_on(root: &Path) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    let now: DateTime<Utc> = "2027-03-10T14:00:00Z".parse().unwrap();
    let mut app = App::new(ws, Box::new(FixedClock(now)), Theme::color())
        .with_recorder("Dr. Sophie Vandenberghe");
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen(), Screen::Meeting);
    app
}

fn records(root: &Path) -> Vec<Record> {
    std::fs::read_to_string(root.join("records/2027-03-steering.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect()
}

fn last_event(root: &Path) -> Event {
    records(root).pop().expect("an event").event
}

fn row(app: &mut App, n: usize) {
    press(app, KeyCode::Home);
    for _ in 0..n {
        press(app, KeyCode::Down);
    }
}

fn type_line(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Enter);
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// Present ceps, eth, uct and iisc; the budget open with a motion.
fn budget_open(app: &mut App) {
    for member in [CEPS, ETH, UCT, IISC] {
        row(app, member);
        press(app, KeyCode::Char('p'));
    }
    press(app, KeyCode::Tab);
    row(app, BUDGET);
    press(app, KeyCode::Char('o'));
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('t'));
    type_line(app, "Adopt the budget");
}

#[test]
fn apologies_void_withdraw_and_reopen_from_the_keyboard() {
    let ws = example_copy();
    let root = ws.path();
    let mut app = room_on(root);

    row(&mut app, COLUMBIA);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(
        last_event(root),
        Event::Apologies {
            member: "columbia".into(),
            delegate: None
        }
    );
    press(&mut app, KeyCode::Char('e'));
    assert!(status(&app).contains("already sent apologies"), "{}", status(&app));

    budget_open(&mut app);
    row(&mut app, UCT);
    press(&mut app, KeyCode::Char('n'));
    let vote_seq = records(root).last().unwrap().seq;

    // V on uct: the reason is typed, then the vote no longer counts.
    row(&mut app, UCT);
    press(&mut app, KeyCode::Char('V'));
    type_line(&mut app, "meant for iisc");
    assert_eq!(
        last_event(root),
        Event::Void {
            target: vote_seq,
            reason: "meant for iisc".into()
        }
    );
    let budget = |app: &App| app.meeting_room().state().unwrap().item("budget-2027").cloned().unwrap();
    assert!(!budget(&app).votes.contains_key("uct"));
    press(&mut app, KeyCode::Char('V'));
    assert!(status(&app).contains("uct has no vote, ballot or recusal on budget-2027"), "{}", status(&app));

    // W with an empty reason withdraws; Esc would have kept the motion.
    row(&mut app, ETH);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('W'));
    press(&mut app, KeyCode::Esc);
    assert!(budget(&app).motion.is_some());
    press(&mut app, KeyCode::Char('W'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        last_event(root),
        Event::Withdraw {
            item: "budget-2027".into(),
            reason: None
        }
    );
    assert!(budget(&app).motion.is_none() && budget(&app).votes.is_empty());

    // Close it, then R on the agenda row reopens it with a reason.
    press(&mut app, KeyCode::Char('t'));
    type_line(&mut app, "Adopt the amended budget");
    row(&mut app, ETH);
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    assert!(matches!(last_event(root), Event::ItemClosed { outcome: Some(_), .. }));
    press(&mut app, KeyCode::Tab);
    row(&mut app, 0);
    press(&mut app, KeyCode::Char('R'));
    assert!(status(&app).contains("Select a closed item"), "{}", status(&app));
    row(&mut app, BUDGET);
    press(&mut app, KeyCode::Char('R'));
    type_line(&mut app, "closed too early");
    assert_eq!(
        last_event(root),
        Event::Reopen {
            item: "budget-2027".into(),
            reason: "closed too early".into()
        }
    );
    assert_eq!(app.meeting_room().current_item(), Some("budget-2027"));
    // An empty reason is refused, and the prompt stays to be corrected.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    row(&mut app, BUDGET);
    let before = records(root).len();
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Enter);
    assert!(status(&app).contains("give a reason"), "{}", status(&app));
    assert_eq!(records(root).len(), before);
}

#[test]
fn the_scheduler_will_not_move_a_meeting_that_has_started() {
    let ws = example_copy();
    let root = ws.path();
    let path = root.join("2027-09-steering.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    {
        let workspace = Workspace::load(root).unwrap();
        let agenda = workspace.agenda("2027-09-steering").unwrap();
        let meeting = plenary::meeting::Meeting::new(&workspace, agenda).unwrap();
        let now = "2027-09-08T12:00:00Z".parse().unwrap();
        let present = Event::Present {
            member: "eth".into(),
            delegate: None,
        };
        meeting.record("Secretary", now, vec![present]).unwrap();
    }
    let mut app = room_on(root);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('M'));
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), plenary::tui::Overlay::None);
    assert!(
        status(&app).contains("meeting `2027-09-steering` has started"),
        "{}",
        status(&app)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}
