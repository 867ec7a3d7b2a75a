//! Screen tests of the action items screen (`4`) and of agreeing an action
//! item in the meeting room (`A`), on a copy of the example alliance under
//! a fixed clock: the table with an overdue item highlighted, every key's
//! register event, refused changes writing nothing, and an item agreed in
//! March carried over into the September steering meeting.

mod common;

use common::example_copy;
use common::tui::{draw_at_every_size, press, screen, terminal};

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use plenary::actions::{ActionUpdate, Register};
use plenary::clock::FixedClock;
use plenary::meeting::{ActionStatus, Event, Meeting, Record};
use plenary::tui::{ActionsMode, App, Mode, Overlay, Screen, SortKey, StatusFilter, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

/// The March steering meeting's start, when the items are agreed.
const AGREED: &str = "2027-03-10T14:00:00Z";
/// The morning after Auckland's 1 April ended (11:00 UTC on 1 April).
const NOW: &str = "2027-04-02T09:00:00Z";
const RECORDER: &str = "Dr. Sophie Vandenberghe";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn action(owner: &str, delegate: Option<&str>, due: &str, text: &str) -> Event {
    Event::ActionCreated {
        text: text.to_owned(),
        owner: owner.to_owned(),
        delegate: delegate.map(str::to_owned),
        due: date(due),
        item: Some("budget-2027".to_owned()),
    }
}

/// Five items agreed in March; ceps's is already done.
fn agree_items(root: &Path) {
    let ws = Workspace::load(root).expect("workspace");
    let agenda = ws.agenda("2027-03-steering").expect("agenda");
    let meeting = Meeting::new(&ws, agenda).expect("meeting");
    meeting
        .record(
            RECORDER,
            at(AGREED),
            vec![
                action(
                    "auckland",
                    Some("Dr. Aroha Ngata"),
                    "2027-04-01",
                    "Circulate the Pacific sea-level brief",
                ),
                action("unsw", None, "2027-04-30", "Draft the 2028 seed-grant call"),
                action(
                    "columbia",
                    None,
                    "2027-04-02",
                    "Share the NY workshop budget",
                ),
                action("ceps", None, "2027-03-31", "Send the February minutes"),
                action("usp", None, "2027-05-15", "Collect partner letters"),
            ],
        )
        .expect("recorded");
    Register::update(
        &ws,
        RECORDER,
        at("2027-03-20T10:00:00Z"),
        ActionUpdate {
            action: "2027-03-steering/4".into(),
            status: Some(ActionStatus::Done),
            ..ActionUpdate::default()
        },
    )
    .expect("done");
}

fn app_at(root: &Path, now: DateTime<Utc>) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    App::new(ws, Box::new(FixedClock(now)), Theme::color()).with_recorder(RECORDER)
}

fn actions_screen(root: &Path) -> App {
    let mut app = app_at(root, at(NOW));
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(app.screen(), Screen::Actions);
    app
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn register_path(root: &Path) -> PathBuf {
    root.join("records/_register.jsonl")
}

fn records(path: &Path) -> Vec<Record> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect()
}

fn last_update(root: &Path) -> Event {
    records(&register_path(root))
        .pop()
        .expect("an update")
        .event
}

fn update(action: &str) -> ActionUpdate {
    ActionUpdate {
        action: action.to_owned(),
        ..ActionUpdate::default()
    }
}

/// The register event `u` is written as.
fn event(u: ActionUpdate) -> Event {
    Event::ActionUpdated {
        action: u.action,
        status: u.status,
        due: u.due,
        owner: u.owner,
        delegate: u.delegate,
        note: u.note,
    }
}

fn shown_ids(app: &App) -> Vec<String> {
    app.actions()
        .rows(app.now())
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn action_items_80x24() {
    let ws = example_copy();
    agree_items(ws.path());
    let app = actions_screen(ws.path());
    let terminal = terminal(&app, 80, 24);
    let shown = terminal.backend().to_string();
    // Open items, soonest due first: Auckland's 1 April ended at 11:00 UTC
    // on 1 April, so it is overdue; New York's 2 April has not ended yet.
    assert_eq!(
        shown_ids(&app),
        [
            "2027-03-steering/1",
            "2027-03-steering/3",
            "2027-03-steering/2",
            "2027-03-steering/5"
        ]
    );
    assert!(shown.contains("Thu 1 Apr 23:59 NZDT"), "{shown}");
    assert!(shown.contains("Fri 2 Apr 23:59 EDT"), "{shown}");
    // The overdue row is in the warning colour, the others are not.
    let buffer = terminal.backend().buffer();
    let row_fg = |needle: &str| {
        let y = shown
            .lines()
            .position(|l| l.contains(needle))
            .expect("row shown");
        let y = u16::try_from(y).expect("row");
        buffer[(30, y)].fg
    };
    assert_eq!(row_fg("auckland"), Color::Red);
    assert_ne!(row_fg("columbia"), Color::Red);
    insta::assert_snapshot!(shown);
}

#[test]
fn filters_and_sorts_cycle_with_keys() {
    let ws = example_copy();
    agree_items(ws.path());
    let mut app = actions_screen(ws.path());
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.actions().filter().status, StatusFilter::Done);
    assert_eq!(shown_ids(&app), ["2027-03-steering/4"]);
    keys(&mut app, "ff");
    assert_eq!(app.actions().filter().status, StatusFilter::All);
    assert_eq!(shown_ids(&app).len(), 5);
    press(&mut app, KeyCode::Char('o')); // auckland, the first owner
    assert_eq!(app.actions().filter().owner.as_deref(), Some("auckland"));
    assert_eq!(shown_ids(&app), ["2027-03-steering/1"]);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.actions().filter().owner.as_deref(), Some("ceps"));
    keys(&mut app, "ooo"); // columbia, unsw, usp
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.actions().filter().owner, None);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(shown_ids(&app), ["2027-03-steering/1"]);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.actions().filter().sort, SortKey::Owner);
    assert_eq!(
        shown_ids(&app)[..2],
        ["2027-03-steering/1", "2027-03-steering/4"]
    );
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.actions().filter().sort, SortKey::Status);
    assert_eq!(shown_ids(&app)[4], "2027-03-steering/4", "done after open");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.actions().filter().sort, SortKey::Meeting);
    assert_eq!(shown_ids(&app)[0], "2027-03-steering/1");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.actions().filter().sort, SortKey::Due);
    assert_eq!(shown_ids(&app)[0], "2027-03-steering/4", "due 31 March");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Action items · all · every owner · by due · 5 shown"),
        "{shown}"
    );
}

#[test]
fn every_key_records_its_register_event() {
    let ws = example_copy();
    let root = ws.path();
    agree_items(root);
    let mut app = actions_screen(root);
    let first = "2027-03-steering/1";
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        last_update(root),
        event(ActionUpdate {
            status: Some(ActionStatus::Done),
            ..update(first)
        })
    );
    // Done items leave the open view; the selection stays on row 0.
    assert_eq!(
        app.actions()
            .selected_item(app.now())
            .map(|i| i.id.as_str()),
        Some("2027-03-steering/3")
    );
    press(&mut app, KeyCode::Char('f')); // done
    press(&mut app, KeyCode::Char('r'));
    let reopened = last_update(root);
    assert!(
        matches!(&reopened, Event::ActionUpdated { action, status: Some(ActionStatus::Open), .. } if action.starts_with("2027-03-steering/")),
        "{reopened:?}"
    );
    keys(&mut app, "fff"); // dropped, all, open
    assert_eq!(app.actions().filter().status, StatusFilter::Open);
    press(&mut app, KeyCode::Home);
    let selected = app
        .actions()
        .selected_item(app.now())
        .map(|i| i.id.clone())
        .expect("a row");
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        last_update(root),
        event(ActionUpdate {
            status: Some(ActionStatus::Dropped),
            ..update(&selected)
        })
    );
    press(&mut app, KeyCode::Home);
    let selected = app
        .actions()
        .selected_item(app.now())
        .map(|i| i.id.clone())
        .expect("a row");
    press(&mut app, KeyCode::Char('D'));
    assert!(matches!(app.actions().mode(), ActionsMode::Due(..)));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "2027-06-30");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        last_update(root),
        event(ActionUpdate {
            due: Some(date("2027-06-30")),
            ..update(&selected)
        })
    );
    assert_eq!(*app.actions().mode(), ActionsMode::Normal);
    // Reassign: the owner list starts on the current owner; eth is the
    // member after ceps in the charter, and names two delegates.
    press(&mut app, KeyCode::Home);
    let selected = app
        .actions()
        .selected_item(app.now())
        .map(|i| i.id.clone())
        .expect("a row");
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.actions().mode(), ActionsMode::Owner { .. }));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down); // eth
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.actions().mode(), ActionsMode::Delegate { .. }));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down); // Dr. Anna Keller
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        last_update(root),
        event(ActionUpdate {
            owner: Some("eth".into()),
            delegate: Some("Dr. Anna Keller".into()),
            ..update(&selected)
        })
    );
    let register = app.actions().register().expect("register");
    let item = register.get(&selected).expect("item");
    assert_eq!(item.owner, "eth");
    assert_eq!(item.timezone.name(), "Europe/Zurich");
    // A note.
    press(&mut app, KeyCode::Home);
    let selected = app
        .actions()
        .selected_item(app.now())
        .map(|i| i.id.clone())
        .expect("a row");
    press(&mut app, KeyCode::Char('N'));
    keys(&mut app, "Waiting for the auditors; q is just a letter");
    press(&mut app, KeyCode::Enter);
    assert!(!app.should_quit());
    assert_eq!(
        last_update(root),
        event(ActionUpdate {
            note: Some("Waiting for the auditors; q is just a letter".into()),
            ..update(&selected)
        })
    );
    // Every change carries the clock's time and the recorder.
    let all = records(&register_path(root));
    assert_eq!(all.len(), 1 + 6);
    assert!(all[1..].iter().all(|r| r.at == at(NOW) && r.by == RECORDER));
    // The history shows in the details window.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::Details);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("History"), "{shown}");
    assert!(shown.contains("Waiting for the auditors"), "{shown}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn refused_changes_write_nothing() {
    let ws = example_copy();
    let root = ws.path();
    agree_items(root);
    let mut app = actions_screen(root);
    let before = std::fs::read(register_path(root)).expect("register");
    // Reopening an open item changes nothing: refused.
    press(&mut app, KeyCode::Char('r'));
    let status = app.status().expect("a status").clone();
    assert!(status.is_error, "{status:?}");
    assert!(status.text.contains("nothing to change"), "{status:?}");
    assert!(screen(&app, 80, 24).contains("Not recorded"));
    // A date that does not exist is refused and stays to be corrected.
    press(&mut app, KeyCode::Char('D'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "2027-02-30");
    press(&mut app, KeyCode::Enter);
    let status = app.status().expect("a status").clone();
    assert!(status.is_error, "{status:?}");
    // The same words as `plenary record` and `plenary action`.
    assert!(
        status
            .text
            .contains("February 2027 has no day 30 (it has 28 days)"),
        "{status:?}"
    );
    assert!(matches!(app.actions().mode(), ActionsMode::Due(..)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.actions().mode(), ActionsMode::Normal);
    // A blank note is refused by the register.
    press(&mut app, KeyCode::Char('N'));
    keys(&mut app, "   ");
    press(&mut app, KeyCode::Enter);
    assert!(app.status().is_some_and(|s| s.is_error));
    press(&mut app, KeyCode::Esc);
    // Reassigning to the owner it has, with no delegate: nothing changes.
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter); // auckland, as now
    press(&mut app, KeyCode::Down); // Dr. Aroha Ngata, as now
    press(&mut app, KeyCode::Enter);
    assert!(
        app.status().is_some_and(|s| s.is_error),
        "{:?}",
        app.status()
    );
    assert_eq!(
        std::fs::read(register_path(root)).expect("register"),
        before
    );
}

#[test]
fn an_action_agreed_in_the_room_is_listed_and_carried_over() {
    let ws = example_copy();
    let root = ws.path();
    let mut app = app_at(root, at(AGREED));
    press(&mut app, KeyCode::Char('3'));
    // eth present, the budget item open, eth selected.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Up); // `p` moved on to uct
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('A'));
    assert!(matches!(app.meeting_room().mode(), Mode::NewAction(_)));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // the first of eth's delegates
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2027-04-01");
    press(&mut app, KeyCode::Tab);
    // Empty text is refused; the form stays, nothing is written.
    let journal = root.join("records/2027-03-steering.jsonl");
    let before = std::fs::read(&journal).expect("journal");
    press(&mut app, KeyCode::Enter);
    assert!(app.status().is_some_and(|s| s.is_error));
    assert!(matches!(app.meeting_room().mode(), Mode::NewAction(_)));
    assert_eq!(std::fs::read(&journal).expect("journal"), before);
    let form = screen(&app, 80, 24);
    assert!(form.contains("New action item on budget-2027"), "{form}");
    for (w, h) in [(1, 1), (20, 5), (60, 16), (80, 24), (300, 100)] {
        screen(&app, w, h);
    }
    keys(&mut app, "Costed options for the seed-grant envelope");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.meeting_room().mode(), Mode::Normal);
    assert_eq!(
        records(&journal).pop().expect("event").event,
        Event::ActionCreated {
            text: "Costed options for the seed-grant envelope".into(),
            owner: "eth".into(),
            delegate: Some("Prof. Lukas Baumann".into()),
            due: date("2027-04-01"),
            item: Some("budget-2027".into()),
        }
    );
    let room = screen(&app, 80, 24);
    assert!(room.contains("Action 2027-03-steering/1"), "{room}");
    assert!(room.contains("1 action(s) · 0 carried over"), "{room}");
    // On the actions screen.
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(shown_ids(&app), ["2027-03-steering/1"]);
    assert!(screen(&app, 80, 24).contains("Costed options"));
    // Carried over into the September steering meeting (not the May
    // written procedure, which takes no action items, nor the June GA).
    press(&mut app, KeyCode::Char('3'));
    for _ in ["may", "june"] {
        press(&mut app, KeyCode::Char('m'));
        assert!(app.meeting_room().carried_over(app.workspace()).is_empty());
    }
    press(&mut app, KeyCode::Char('m'));
    let agenda = app
        .meeting_room()
        .agenda(app.workspace())
        .map(|a| a.meeting.id.clone());
    assert_eq!(agenda.as_deref(), Some("2027-09-steering"));
    let carried: Vec<String> = app
        .meeting_room()
        .carried_over(app.workspace())
        .iter()
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(carried, ["2027-03-steering/1"]);
    assert!(screen(&app, 80, 24).contains("0 action(s) · 1 carried over"));
    press(&mut app, KeyCode::Char('L'));
    let list = screen(&app, 80, 24);
    for (w, h) in [(1, 1), (20, 5), (60, 16), (300, 100)] {
        screen(&app, w, h);
    }
    assert!(list.contains("↻ 2027-03-steering/1"), "{list}");
    assert!(list.contains("Carried over"), "{list}");
}

#[test]
fn help_lists_the_keys_and_no_size_panics() {
    let ws = example_copy();
    agree_items(ws.path());
    let mut app = actions_screen(ws.path());
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 80, 24);
    for words in [
        "mark done",
        "reassign",
        "new due date",
        "sort by",
        "overdue only",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
    press(&mut app, KeyCode::Char('?'));
    draw_at_every_size(&app);
    for key in ['D', 'a', 'N'] {
        press(&mut app, KeyCode::Char(key));
        if key == 'a' {
            press(&mut app, KeyCode::End);
        }
        draw_at_every_size(&app);
        press(&mut app, KeyCode::Esc);
    }
    press(&mut app, KeyCode::Enter);
    draw_at_every_size(&app);
    // An empty register says how to start one.
    let empty = example_copy();
    let app = actions_screen(empty.path());
    assert!(screen(&app, 80, 24).contains("No action items yet"));
}

#[test]
fn the_help_fits_at_80x24_and_100x30_and_scrolls_where_it_is_longer() {
    let ws = example_copy();
    let mut app = app_at(ws.path(), at(NOW));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('?'));
    for (w, h) in [(80, 24), (100, 30)] {
        let help = screen(&app, w, h);
        assert!(help.contains("reassign: owner, then delegate"), "{help}");
        assert!(help.contains("closes ┘"), "{help}");
    }
    insta::assert_snapshot!(screen(&app, 80, 24));
    // Too long for 80x24 in one column: it scrolls, down to the last key.
    assert!(!screen(&app, 80, 24).contains("Ctrl-C"));
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    let end = screen(&app, 80, 24);
    assert!(end.contains("Ctrl-C  quit, even in a form"), "{end}");
    assert!(end.contains("more above: ↑/k"), "{end}");
    assert_eq!(app.overlay(), plenary::tui::Overlay::Help);
    press(&mut app, KeyCode::Up);
    assert!(screen(&app, 80, 24).contains("more: ↑/k ↓/j"));
}

#[test]
fn the_actions_screen_at_60x16() {
    let ws = example_copy();
    agree_items(ws.path());
    let app = actions_screen(ws.path());
    let shown = screen(&app, 60, 16);
    // Every due time whole, São Paulo's numeric zone named as in the
    // exports; the owner gives way (the details below name it).
    for due in ["Fri 30 Apr 23:59 AEST", "Sat 15 May 23:59 UTC-03:00"] {
        assert!(shown.contains(due), "{due}:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}
