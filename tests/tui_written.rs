//! The meeting room showing the example's written procedure (SPEC 9) at
//! 80x24 under a fixed clock: the deadline in the viewer's zone, who has
//! and has not replied, the provisional outcome; a member's delegate
//! replies for its own member with its keys; the secretariat records a
//! reply received otherwise with its evidence; `?` lists the keys.

mod common;

use common::example_copy;
use common::tui::{draw_at_every_size, press, screen};

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::meeting::{Actor, Answer, Event, Journal, ReplyChoice};
use plenary::tui::{App, Screen, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

const ID: &str = "2027-05-steering-seed-grants";
const NOW: &str = "2027-05-03T09:00:00Z";

fn now() -> DateTime<Utc> {
    NOW.parse().unwrap()
}

/// The room on the written procedure, as `actor` (the secretariat when
/// `None`).
fn room(root: &Path, actor: Option<(&str, &str)>) -> App {
    let ws = Workspace::load(root).unwrap();
    let mut app = App::new(ws, Box::new(FixedClock(now())), Theme::color())
        .with_recorder("Dr. Sophie Vandenberghe");
    if let Some((member, person)) = actor {
        let actor = Actor::delegate(&app.workspace().charter, member, person).unwrap();
        app = app.with_actor(actor);
    }
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen(), Screen::Meeting);
    for _ in 0..app.workspace().agendas.len() {
        let shown = app
            .meeting_room()
            .agenda(app.workspace())
            .map(|a| a.meeting.id.clone());
        if shown.as_deref() == Some(ID) {
            return app;
        }
        press(&mut app, KeyCode::Char('m'));
    }
    panic!("the written procedure is not among the meetings");
}

fn events(root: &Path) -> Vec<Event> {
    Journal::for_meeting(root, ID)
        .read()
        .map(|c| c.records.into_iter().map(|r| r.event).collect())
        .unwrap_or_default()
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn the_secretariat_opens_and_records_a_reply_with_its_evidence_80x24() {
    let ws = example_copy();
    let mut app = room(ws.path(), None);
    insta::assert_snapshot!("written_not_open_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(events(ws.path()).len(), 2, "terms and procedure-opened");
    // eth is the second member of the roll call, which has the focus.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        events(ws.path()).len(),
        2,
        "nothing yet: it asks how it came"
    );
    keys(&mut app, "email 2027-05-03");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        events(ws.path()).pop(),
        Some(Event::Reply {
            item: "seed-call-2027".into(),
            member: "eth".into(),
            answer: Answer::Choice(ReplyChoice::Yes),
            via: Some("email 2027-05-03".into()),
        })
    );
    insta::assert_snapshot!("written_one_reply_80x24", screen(&app, 80, 24));
    draw_at_every_size(&app);
}

#[test]
fn a_delegate_replies_for_its_own_member_and_sees_the_deadline_in_its_zone_80x24() {
    let ws = example_copy();
    let mut secretariat = room(ws.path(), None);
    press(&mut secretariat, KeyCode::Char('o'));
    // A UNSW delegate in Sydney, whatever row is selected.
    let mut app = room(ws.path(), Some(("unsw", "Prof. Olivia Hartley")));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("closes Fri 14 May 23:59 CEST = Sat 15 May 07:59 AEST"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        events(ws.path()).pop(),
        Some(Event::Reply {
            item: "seed-call-2027".into(),
            member: "unsw".into(),
            answer: Answer::Choice(ReplyChoice::No),
            via: None,
        })
    );
    insta::assert_snapshot!("written_delegate_replied_80x24", screen(&app, 80, 24));
    // A second reply is refused: a reply is final; nothing is written.
    let before = events(ws.path()).len();
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(events(ws.path()).len(), before);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("a reply is final"),
        "{}",
        status.text
    );
}

#[test]
fn help_lists_the_written_procedures_keys() {
    let ws = example_copy();
    let mut app = room(ws.path(), None);
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("written_help_80x24", screen(&app, 80, 24));
}

/// Records `words` on the procedure as the secretariat at [`NOW`].
fn record(root: &Path, words: &str) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("record")
        .arg(root)
        .arg(ID)
        .args(words.split_whitespace())
        .env("PLENARY_NOW", NOW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_secretariat_closes_early_once_the_outcome_cannot_change_80x24() {
    let ws = example_copy();
    record(
        ws.path(),
        "open-procedure , reply eth yes --via e , reply unsw yes --via e",
    );
    let mut app = room(ws.path(), None);
    // 5 of 11 say yes: not yet; the refusal says why and nothing is written.
    press(&mut app, KeyCode::Char('C'));
    press(&mut app, KeyCode::Enter);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("could still pass or fail"),
        "{}",
        status.text
    );
    assert_eq!(events(ws.path()).len(), 4);
    record(ws.path(), "reply columbia yes --via letter");
    let mut app = room(ws.path(), None);
    press(&mut app, KeyCode::Char('C'));
    assert!(screen(&app, 80, 24).contains("Close the written procedure?"));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        events(ws.path()).pop(),
        Some(Event::ProcedureClosed { early: true, .. })
    ));
    insta::assert_snapshot!("written_closed_early_80x24", screen(&app, 80, 24));
}

#[test]
fn the_secretariat_withdraws_the_procedure_with_a_reason() {
    let ws = example_copy();
    record(ws.path(), "open-procedure");
    let mut app = room(ws.path(), None);
    press(&mut app, KeyCode::Char('W'));
    keys(&mut app, "the call is redrafted");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        events(ws.path()).pop(),
        Some(Event::ProcedureWithdrawn {
            reason: "the call is redrafted".into()
        })
    );
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("withdrawn: the call is redrafted"),
        "{shown}"
    );
    assert!(shown.contains("Withdrawn: nothing is decided."), "{shown}");
}

#[test]
fn the_secretariat_extends_the_deadline_with_a_reason() {
    let ws = example_copy();
    record(ws.path(), "open-procedure");
    let mut app = room(ws.path(), None);
    press(&mut app, KeyCode::Char('X'));
    keys(&mut app, "next friday");
    press(&mut app, KeyCode::Enter);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("is not a deadline"),
        "{}",
        status.text
    );
    assert_eq!(events(ws.path()).len(), 2, "nothing written");
    // The text stays to be corrected.
    for _ in 0.."next friday".len() {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "2027-05-21 members asked for a week");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        events(ws.path()).pop(),
        Some(Event::DeadlineExtended { reason, .. }) if reason == "members asked for a week"
    ));
    assert!(screen(&app, 80, 24).contains("closes Fri 21 May 23:59 CEST"));
}

#[test]
fn the_procedure_at_60x16_keeps_its_deadline_and_replies() {
    let ws = example_copy();
    record(ws.path(), "open-procedure , reply eth yes --via email");
    let app = room(ws.path(), None);
    insta::assert_snapshot!("written_60x16", screen(&app, 60, 16));
}

#[test]
fn the_secretariat_voids_a_reply_recorded_in_error() {
    let ws = example_copy();
    record(ws.path(), "open-procedure , reply ceps no --via email");
    let mut app = room(ws.path(), None);
    // ceps is the first row of the roll call.
    press(&mut app, KeyCode::Char('V'));
    keys(&mut app, "the e-mail was from uct");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        events(ws.path()).pop(),
        Some(Event::Void {
            target: 3,
            reason: "the e-mail was from uct".into()
        })
    );
    assert!(screen(&app, 80, 24).contains("Replies · 0 of 7"));
    press(&mut app, KeyCode::Char('V'));
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("ceps has no reply"),
        "{}",
        status.text
    );
}
