//! The minutes screen of a closed meeting under approval (docs/approval.md),
//! as delegates see it over `plenary serve`: the state, an objection typed
//! by a member's own delegate, and a signature pasted by its signer, all
//! recorded by the domain as that person.

mod common;

use common::example_copy;
use common::tui::{draw_at_every_size, press, screen};

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::approval::{Approval, NAMESPACE, Step, statement_of};
use plenary::clock::FixedClock;
use plenary::meeting::{Actor, Event, Meeting};
use plenary::tui::{App, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;
use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey};

const MARCH: &str = "2027-03-steering";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// A 10-day window on the Steering Committee; March closed and circulated
/// on 15 March (and approved on 1 April when `approved`).
fn circulated(root: &Path, approved: bool) {
    // The example's Steering Committee has a 10-day window.
    let ws = Workspace::load(root).expect("workspace");
    let agenda = ws.agenda(MARCH).unwrap();
    let present = Event::Present {
        member: "eth".into(),
        delegate: None,
    };
    Meeting::new(&ws, agenda)
        .unwrap()
        .record(
            "secretary",
            at("2027-03-10T14:00:00Z"),
            vec![present, Event::MeetingClosed],
        )
        .unwrap();
    let approval = Approval::new(&ws, agenda);
    let secretariat = Actor::secretariat("secretary");
    approval
        .record(&secretariat, at("2027-03-15T09:00:00Z"), &Step::Circulate)
        .unwrap();
    if approved {
        approval
            .record(&secretariat, at("2027-04-01T09:00:00Z"), &Step::Approve)
            .unwrap();
    }
}

fn screen_of(root: &Path, member: &str, person: &str, now: &str) -> App {
    let ws = Workspace::load(root).expect("workspace");
    let actor = Actor::delegate(&ws.charter, member, person).expect("delegate");
    let mut app = App::new(ws, Box::new(FixedClock(at(now))), Theme::color()).with_actor(actor);
    press(&mut app, KeyCode::Char('5'));
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn a_member_objects_to_the_circulated_draft_from_the_minutes_screen() {
    let ws = example_copy();
    circulated(ws.path(), false);
    let mut app = screen_of(
        ws.path(),
        "uct",
        "Dr. Pieter van Wyk",
        "2027-03-20T09:00:00Z",
    );
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Approval: circulated on 2027-03-15 (draft 1; objections until the end of"),
        "{shown}"
    );
    insta::assert_snapshot!("circulated_80x24", shown);
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "budget-2027 Our vote is missing");
    draw_at_every_size(&app);
    insta::assert_snapshot!("objection_field_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    let status = app.status().expect("status");
    assert!(!status.is_error, "{}", status.text);
    assert_eq!(
        status.text,
        "Recorded: objection by uct on budget-2027: Our vote is missing"
    );
    assert!(screen(&app, 80, 24).contains("1 objection, 1 not ruled on"));
    let record =
        std::fs::read_to_string(ws.path().join("records/2027-03-steering.approval.jsonl")).unwrap();
    assert!(
        record.contains(r#""by":"Dr. Pieter van Wyk","prev""#),
        "{record}"
    );
    draw_at_every_size(&app);
}

#[test]
fn a_signer_pastes_their_signature_and_the_screen_shows_it_with_its_fingerprint() {
    let ws = example_copy();
    circulated(ws.path(), true);
    let mut app = screen_of(
        ws.path(),
        "ceps",
        "Dr. Sophie Vandenberghe",
        "2027-04-02T09:00:00Z",
    );
    press(&mut app, KeyCode::Char('s'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("plenary approval v1"), "{shown}");
    assert!(shown.contains("SHA-256 "), "{shown}");
    insta::assert_snapshot!("sign_field_80x24", shown);
    draw_at_every_size(&app);
    let loaded = Workspace::load(ws.path()).unwrap();
    let state = Approval::new(&loaded, loaded.agenda(MARCH).unwrap())
        .load()
        .unwrap();
    let statement = statement_of(MARCH, &state).unwrap();
    let sign = |name: &str| {
        let key = std::fs::read_to_string(common::example().join("demo-keys").join(name)).unwrap();
        PrivateKey::from_openssh(key)
            .unwrap()
            .sign(NAMESPACE, HashAlg::Sha512, statement.as_bytes())
            .unwrap()
            .to_pem(LineEnding::LF)
            .unwrap()
    };
    // Someone else's signature is refused, and stays to be replaced.
    app.handle_paste(&sign("baumann"));
    press(&mut app, KeyCode::Enter);
    let status = app.status().expect("status");
    assert!(status.is_error);
    assert!(
        status
            .text
            .contains("made with the key of Prof. Lukas Baumann"),
        "{}",
        status.text
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('s'));
    app.handle_paste(&sign("vandenberghe"));
    press(&mut app, KeyCode::Enter);
    let status = app.status().expect("status");
    assert!(!status.is_error, "{}", status.text);
    let shown = screen(&app, 80, 24);
    // The fingerprint wraps onto the next row at 80 columns.
    assert!(
        shown.contains("Signed by: Dr. Sophie Vandenberghe (ceps)"),
        "{shown}"
    );
    assert!(
        shown.contains("SHA256:YcoOlO3QTjlHQbEb1Z+rjdwAkVMf03KJ3+a9mrQ/4f4"),
        "{shown}"
    );
    insta::assert_snapshot!("signed_80x24", shown);
}

#[test]
fn the_screen_writes_approved_minutes_as_stored() {
    let ws = example_copy();
    circulated(ws.path(), true);
    let mut app = screen_of(
        ws.path(),
        "ceps",
        "Dr. Sophie Vandenberghe",
        "2027-04-02T09:00:00Z",
    );
    press(&mut app, KeyCode::Char('J'));
    let written = std::fs::read(ws.path().join("minutes/2027-03-steering.json")).unwrap();
    let stored = std::fs::read(ws.path().join("records/2027-03-steering.approved.json")).unwrap();
    assert_eq!(written, stored);
}

#[test]
fn a_step_recorded_elsewhere_shows_within_a_tick() {
    let ws = example_copy();
    circulated(ws.path(), false);
    let mut app = screen_of(
        ws.path(),
        "uct",
        "Dr. Pieter van Wyk",
        "2027-03-20T09:00:00Z",
    );
    assert!(!app.tick(), "nothing changed yet");
    let loaded = Workspace::load(ws.path()).unwrap();
    let step = Step::Object {
        item: "general".into(),
        member: "iisc".into(),
        reason: "Our apologies are missing".into(),
    };
    Approval::new(&loaded, loaded.agenda(MARCH).unwrap())
        .record(
            &Actor::secretariat("secretary"),
            at("2027-03-20T09:00:00Z"),
            &step,
        )
        .unwrap();
    assert!(app.tick(), "the screen is made again");
    assert!(screen(&app, 80, 24).contains("1 objection, 1 not ruled on"));
}
