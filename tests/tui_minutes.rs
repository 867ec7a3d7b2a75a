//! Screen tests of the minutes screen (`5`) on a copy of the example
//! alliance with part of the March steering meeting recorded: the preview
//! under a fixed clock, scrolling, changing meeting, and writing each
//! format to `minutes/<meeting-id>.<ext>` without clobbering unasked.

mod common;

use common::example_copy;
use common::tui::{draw_at_every_size, press, screen};

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use plenary::clock::FixedClock;
use plenary::export::minutes::{for_meeting, html, json, markdown};
use plenary::meeting::{Event, Meeting};
use plenary::tui::{App, Overlay, Screen, Theme};
use plenary::vote::decision::Choice;
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

const START: &str = "2027-03-10T14:00:00Z";
const NOW: &str = "2027-03-10T14:20:00Z";
const RECORDER: &str = "Dr. Sophie Vandenberghe";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// Roll call, the February minutes approved, an action agreed; the
/// meeting goes on (so the minutes are a draft).
fn record_march(root: &Path) {
    let ws = Workspace::load(root).expect("workspace");
    let agenda = ws.agenda("2027-03-steering").expect("agenda");
    let meeting = Meeting::new(&ws, agenda).expect("meeting");
    let s = |t: &str| t.to_owned();
    let mut events: Vec<Event> = ["ceps", "eth", "uct", "iisc", "unsw"]
        .into_iter()
        .map(|m| Event::Present {
            member: s(m),
            delegate: None,
        })
        .collect();
    events.push(Event::ItemOpened { item: s("minutes") });
    events.push(Event::Motion {
        item: s("minutes"),
        text: s("Approve the minutes of the February meeting"),
    });
    for member in ["ceps", "eth", "uct", "iisc", "unsw"] {
        events.push(Event::Vote {
            item: s("minutes"),
            member: s(member),
            choice: Choice::Yes,
            change: false,
        });
    }
    events.push(Event::ItemClosed {
        item: s("minutes"),
        outcome: None,
    });
    events.push(Event::ActionCreated {
        text: s("Publish the approved February minutes"),
        owner: s("ceps"),
        delegate: None,
        due: NaiveDate::from_ymd_opt(2027, 3, 17).expect("date"),
        item: Some(s("minutes")),
    });
    meeting
        .record(RECORDER, at(START), events)
        .expect("recorded");
}

fn minutes_screen(root: &Path) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    let mut app =
        App::new(ws, Box::new(FixedClock(at(NOW))), Theme::color()).with_recorder(RECORDER);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen(), Screen::Minutes);
    app
}

fn out(root: &Path, ext: &str) -> PathBuf {
    root.join(format!("minutes/2027-03-steering.{ext}"))
}

#[test]
fn minutes_preview_80x24() {
    let ws = example_copy();
    record_march(ws.path());
    let app = minutes_screen(ws.path());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Minutes · 2027-03-steering"), "{shown}");
    assert!(shown.contains("DRAFT"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_preview_is_the_markdown_export_and_scrolls() {
    let ws = example_copy();
    record_march(ws.path());
    let mut app = minutes_screen(ws.path());
    let workspace = Workspace::load(ws.path()).expect("workspace");
    let agenda = workspace.agenda("2027-03-steering").expect("agenda");
    let (minutes, _) = for_meeting(&workspace, agenda, at(NOW)).expect("minutes");
    let expected: Vec<String> = markdown(&minutes).lines().map(str::to_owned).collect();
    assert_eq!(app.minutes().lines(), expected.as_slice());
    assert!(expected.iter().any(|l| l.contains("Publish the approved")));
    let lines = expected.len();
    // 80x24: 20 preview rows (title, footer and borders take 4).
    press(&mut app, KeyCode::Down);
    assert_eq!(app.minutes().scroll().0, 1);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.minutes().scroll().0, 21.min(lines - 20));
    press(&mut app, KeyCode::End);
    assert_eq!(app.minutes().scroll().0, lines - 20);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.minutes().scroll().0, lines - 20, "stops at the end");
    let end = screen(&app, 80, 24);
    assert!(end.contains(&format!("of {lines}")), "{end}");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.minutes().scroll().0, lines - 40);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.minutes().scroll(), (0, 0));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.minutes().scroll().1, 8);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.minutes().scroll().1, 0);
    // A taller terminal pages by more.
    app.update(plenary::tui::Action::Resize(80, 44));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.minutes().scroll().0, 40.min(lines - 40));
    // m/M change meeting; the next one, May's written procedure, has
    // nothing recorded, nor has June's assembly.
    press(&mut app, KeyCode::Char('m'));
    let may = screen(&app, 80, 24);
    assert!(
        may.contains("# Written procedure: Steering Committee"),
        "{may}"
    );
    assert_eq!(app.minutes().scroll(), (0, 0));
    press(&mut app, KeyCode::Char('m'));
    let june = screen(&app, 80, 24);
    assert!(june.contains("2027-06-general-assembly"), "{june}");
    press(&mut app, KeyCode::Char('M'));
    press(&mut app, KeyCode::Char('M'));
    assert!(screen(&app, 80, 24).contains("Minutes · 2027-03-steering"));
}

#[test]
fn each_format_is_written_and_never_clobbered_unasked() {
    let ws = example_copy();
    let root = ws.path();
    record_march(root);
    let mut app = minutes_screen(root);
    let workspace = Workspace::load(root).expect("workspace");
    let agenda = workspace.agenda("2027-03-steering").expect("agenda");
    let (minutes, _) = for_meeting(&workspace, agenda, at(NOW)).expect("minutes");
    for (key, ext, text) in [
        ('e', "md", markdown(&minutes)),
        ('h', "html", html(&minutes)),
        ('J', "json", json(&minutes)),
    ] {
        press(&mut app, KeyCode::Char(key));
        let status = app.status().expect("a status").clone();
        assert!(!status.is_error, "{status:?}");
        assert!(
            status.text.contains(&out(root, ext).display().to_string()),
            "{status:?}"
        );
        assert_eq!(std::fs::read_to_string(out(root, ext)).expect("file"), text);
    }
    // An existing file: asked first; no keeps it, yes replaces it.
    let md = out(root, "md");
    std::fs::write(&md, "edited by hand").expect("edit");
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.overlay(), Overlay::ConfirmReplace);
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("already exists"), "{asked}");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(
        std::fs::read_to_string(&md).expect("file"),
        "edited by hand"
    );
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        std::fs::read_to_string(&md).expect("file"),
        "edited by hand"
    );
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(
        std::fs::read_to_string(&md).expect("file"),
        markdown(&minutes)
    );
    assert!(
        app.status()
            .is_some_and(|s| !s.is_error && s.text.contains("Wrote"))
    );
    // A write the system refuses is reported, and nothing is asked.
    let html_path = out(root, "html");
    std::fs::remove_file(&html_path).expect("remove");
    std::fs::create_dir(&html_path).expect("a folder in the way");
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.overlay(), Overlay::ConfirmReplace, "exists as a folder");
    press(&mut app, KeyCode::Char('y'));
    let status = app.status().expect("a status");
    assert!(
        status.is_error && status.text.starts_with("Not written"),
        "{status:?}"
    );
}

#[test]
fn help_and_no_size_panics() {
    let ws = example_copy();
    record_march(ws.path());
    let mut app = minutes_screen(ws.path());
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 80, 24);
    for words in [
        "write minutes/<id>.md",
        "write minutes/<id>.html",
        "scroll down",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
    press(&mut app, KeyCode::Char('?'));
    draw_at_every_size(&app);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.overlay(), Overlay::ConfirmReplace);
    for (w, h) in [(1, 1), (60, 16), (80, 24), (300, 100)] {
        screen(&app, w, h);
    }
}

#[test]
fn minutes_preview_60x16() {
    let ws = example_copy();
    record_march(ws.path());
    let app = minutes_screen(ws.path());
    let shown = screen(&app, 60, 16);
    assert!(shown.contains("2027-03-steering"), "{shown}");
    insta::assert_snapshot!(shown);
}
