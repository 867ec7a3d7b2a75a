//! Screen tests of the meeting room on a copy of the example alliance: the
//! roll call and quorum gauge, a two-thirds vote, the outcome, a ranking
//! ballot; every key's journal event; refused events write nothing;
//! reopening resumes the meeting from the journal.

mod common;

use common::example_copy;
use common::tui::{press, screen};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use plenary::clock::FixedClock;
use plenary::meeting::{Event, ItemOutcome, Record};
use plenary::tui::{App, Mode, Overlay, Screen, Theme};
use plenary::vote::MajorityRule;
use plenary::vote::decision::{Attendance, Choice, Count, Outcome, Reason, Threshold};
use plenary::vote::ranked::Marks;
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

/// The March steering meeting's start.
const NOW: &str = "2027-03-10T14:00:00Z";
const RECORDER: &str = "Dr. Sophie Vandenberghe";

/// The steering committee in roll-call (charter) order, with weights:
/// ceps 1, eth 3, uct 1, iisc 1, unsw 2, usp 1, columbia 2 (11 in all).
const CEPS: usize = 0;
const ETH: usize = 1;
const UCT: usize = 2;
const IISC: usize = 3;
const UNSW: usize = 4;
const USP: usize = 5;
const COLUMBIA: usize = 6;

/// Agenda rows of the March steering meeting.
const MINUTES: usize = 0;
const BUDGET: usize = 2;
const PRIORITIES: usize = 4;

fn app_at(root: &Path, now: DateTime<Utc>) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    let mut app = App::new(ws, Box::new(FixedClock(now)), Theme::color()).with_recorder(RECORDER);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen(), Screen::Meeting);
    app
}

fn now() -> DateTime<Utc> {
    NOW.parse().expect("instant")
}

fn room_on(root: &Path) -> App {
    app_at(root, now())
}

/// Presses each character of `keys` in turn.
fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn journal(root: &Path) -> PathBuf {
    root.join("records/2027-03-steering.jsonl")
}

fn records(root: &Path) -> Vec<Record> {
    std::fs::read_to_string(journal(root))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect()
}

fn last_event(root: &Path) -> Event {
    records(root).pop().expect("an event").event
}

/// The last event, which must close decision item `item`: the outcome
/// recorded with it (SPEC 3.3: fixed when the item closes).
#[track_caller]
fn closed_decision(root: &Path, item: &str) -> Outcome {
    match last_event(root) {
        Event::ItemClosed {
            item: closed,
            outcome: Some(outcome),
        } if closed == item => match *outcome {
            ItemOutcome::Decision(outcome) => outcome,
            other => panic!("a decision's outcome, not {other:?}"),
        },
        other => panic!("expected `{item}` closed with its outcome, got {other:?}"),
    }
}

fn weight(weight: u64, members: u32) -> Count {
    Count { weight, members }
}

/// Puts the roll-call selection on row `row` (focus must be on the roll call).
fn member(app: &mut App, row: usize) {
    press(app, KeyCode::Home);
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
}

/// Opens agenda row `row`, leaving the focus on the roll call.
fn open_item(app: &mut App, row: usize) {
    press(app, KeyCode::Tab);
    member(app, row);
    press(app, KeyCode::Char('o'));
    press(app, KeyCode::Tab);
}

fn type_line(app: &mut App, text: &str) {
    keys(app, text);
    press(app, KeyCode::Enter);
}

fn mark_present(app: &mut App, rows: &[usize]) {
    for &row in rows {
        member(app, row);
        press(app, KeyCode::Char('p'));
    }
}

/// Everyone but Columbia present, USP represented by UCT, and the budget
/// motion put.
fn budget_vote_ready(app: &mut App) {
    mark_present(app, &[CEPS, ETH, UCT, IISC, UNSW]);
    member(app, USP);
    press(app, KeyCode::Char('P'));
    member(app, UCT);
    press(app, KeyCode::Enter);
    open_item(app, BUDGET);
    press(app, KeyCode::Char('t'));
    type_line(
        app,
        "Raise the seed-grant envelope to EUR 1.5m from the 2026 carry-over",
    );
}

#[test]
fn roll_call_with_quorum_gauge_80x24() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    mark_present(&mut app, &[CEPS, ETH]);
    let short = screen(&app, 80, 24);
    assert!(short.contains("4/6 weight NOT met"), "{short}");
    mark_present(&mut app, &[UNSW]);
    member(&mut app, IISC);
    press(&mut app, KeyCode::Char('P'));
    member(&mut app, ETH);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn a_two_thirds_vote_in_progress_80x24() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    budget_vote_ready(&mut app);
    member(&mut app, CEPS);
    keys(&mut app, "yyn"); // ceps yes, eth yes, uct no; the selection moves on
    // Twelve minutes later, on another machine: the room resumes from the
    // journal, the time box has run on.
    let mut app = app_at(ws.path(), now() + Duration::minutes(12));
    member(&mut app, IISC);
    keys(&mut app, "a");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn the_closed_outcome_with_its_figures_80x24() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    budget_vote_ready(&mut app);
    member(&mut app, CEPS);
    keys(&mut app, "yynayn"); // ceps, eth, uct, iisc, unsw, usp (by uct's proxy)
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::ConfirmCloseItem);
    let question = screen(&app, 80, 24);
    assert!(question.contains("Close budget-2027?"), "{question}");
    press(&mut app, KeyCode::Enter);
    // The outcome is recorded with its figures, as the screen shows them.
    let outcome = closed_decision(ws.path(), "budget-2027");
    assert_eq!(outcome.rule, MajorityRule::TwoThirds);
    assert!(outcome.passed);
    assert_eq!(outcome.reason, Reason::Passed);
    assert_eq!(
        (outcome.yes, outcome.no, outcome.abstain),
        (weight(6, 3), weight(2, 2), weight(1, 1))
    );
    assert_eq!(outcome.threshold, Threshold::YesAtLeast { weight: 6 });
    assert!(outcome.quorum.met);
    assert_eq!((outcome.quorum.present, outcome.quorum.required), (9, 6));
    let shown = screen(&app, 80, 24);
    // yes 6 of yes+no 8: two-thirds needs ceil(16/3) = 6, exactly reached.
    assert!(
        shown.contains("passed (two-thirds): yes 6, no 2, abstain 1"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_ranking_ballot_is_entered_with_keys_80x24() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    mark_present(&mut app, &[CEPS, ETH, UCT]);
    open_item(&mut app, PRIORITIES);
    member(&mut app, ETH);
    press(&mut app, KeyCode::Char('b'));
    assert!(matches!(app.meeting_room().mode(), Mode::Ballot(_)));
    // food-security (last) to the top, then ocean-systems above public-health.
    keys(&mut app, "jjjjKKKKjjjK");
    insta::assert_snapshot!("ballot_editor", screen(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    let ranking = [
        "food-security",
        "climate-adaptation",
        "ocean-systems",
        "public-health",
        "energy-transition",
    ];
    assert_eq!(
        last_event(ws.path()),
        Event::Ballot {
            item: "priorities-2027".into(),
            member: "eth".into(),
            marks: Marks::Ranking(ranking.map(String::from).to_vec()),
            change: false,
        }
    );
    member(&mut app, CEPS);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("ranking_live_result", screen(&app, 80, 24));
}

#[test]
fn every_key_records_its_event() {
    let ws = example_copy();
    let root = ws.path();
    let mut app = room_on(root);
    let item = |s: &str| s.to_owned();

    member(&mut app, UCT);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(
        last_event(root),
        Event::Present {
            member: item("uct"),
            delegate: None,
        }
    );
    // The roll call is taken down the list: the selection moved on.
    assert_eq!(app.meeting_room().selected_member(), IISC);
    member(&mut app, UCT);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        last_event(root),
        Event::Absent {
            member: item("uct")
        }
    );
    mark_present(&mut app, &[CEPS, ETH]);
    member(&mut app, UCT);
    press(&mut app, KeyCode::Char('P'));
    assert!(matches!(app.meeting_room().mode(), Mode::Proxy(m) if m == "uct"));
    press(&mut app, KeyCode::Up); // eth holds it
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        last_event(root),
        Event::Proxy {
            member: item("uct"),
            holder: item("eth")
        }
    );
    assert_eq!(
        app.meeting_room()
            .state()
            .and_then(|s| s.attendance.get("uct")),
        Some(&Attendance::Proxy {
            holder: item("eth")
        })
    );

    open_item(&mut app, MINUTES);
    assert_eq!(
        last_event(root),
        Event::ItemOpened {
            item: item("minutes")
        }
    );
    press(&mut app, KeyCode::Char('t'));
    // Typing takes every character, even the ones that are keys elsewhere.
    type_line(&mut app, "Approve the minutes? yes, q1");
    assert!(!app.should_quit());
    assert_eq!(
        last_event(root),
        Event::Motion {
            item: item("minutes"),
            text: item("Approve the minutes? yes, q1")
        }
    );
    member(&mut app, CEPS);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        last_event(root),
        Event::Recusal {
            item: item("minutes"),
            member: item("ceps")
        }
    );
    // Like a vote, a recusal moves the selection to the next present voter.
    assert_eq!(app.meeting_room().selected_member(), ETH);
    let vote = |member: &str, choice, change| Event::Vote {
        item: item("minutes"),
        member: member.to_owned(),
        choice,
        change,
    };
    member(&mut app, ETH);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(last_event(root), vote("eth", Choice::Yes, false));
    // The selection moved on to uct (present by proxy).
    assert_eq!(app.meeting_room().selected_member(), UCT);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(last_event(root), vote("uct", Choice::No, false));
    member(&mut app, UCT);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(last_event(root), vote("uct", Choice::Abstain, true));
    press(&mut app, KeyCode::Char('N'));
    type_line(&mut app, "Typo on page 2 corrected");
    assert_eq!(
        last_event(root),
        Event::Note {
            item: Some(item("minutes")),
            text: item("Typo on page 2 corrected")
        }
    );
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('n')); // no means no
    assert!(matches!(last_event(root), Event::Note { .. }));
    // `y` is a vote in the room: it does not answer a question before
    // closing, it keeps the item open (and votes nothing either).
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.overlay(), Overlay::None);
    assert!(matches!(last_event(root), Event::Note { .. }));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    // Closed with its outcome: ceps, eth and uct (by eth's proxy) are 5 of
    // 11, below the quorum of 6, so nothing is decided.
    let outcome = closed_decision(root, "minutes");
    assert!(!outcome.passed);
    assert_eq!(outcome.reason, Reason::NoQuorum);
    assert_eq!(outcome.present, weight(5, 3));
    assert_eq!(outcome.yes, weight(3, 1));
    assert_eq!(outcome.abstain, weight(1, 1));
    assert_eq!(outcome.recused, [item("ceps")]);
    press(&mut app, KeyCode::Char('N'));
    type_line(&mut app, "Meeting note");
    assert_eq!(
        last_event(root),
        Event::Note {
            item: None,
            text: item("Meeting note")
        }
    );
    press(&mut app, KeyCode::Char('C'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(last_event(root), Event::MeetingClosed);
    let all = records(root);
    // The frozen terms, written with the first event, and 15 events.
    assert_eq!(all.len(), 16);
    assert!(matches!(all[0].event, Event::Terms { .. }));
    assert!(all.iter().all(|r| r.by == RECORDER && r.at == now()));
}

#[test]
fn a_vote_by_an_absent_member_is_refused_and_nothing_is_written() {
    let ws = example_copy();
    let root = ws.path();
    let mut app = room_on(root);
    mark_present(&mut app, &[ETH]);
    open_item(&mut app, MINUTES);
    press(&mut app, KeyCode::Char('t'));
    type_line(&mut app, "Approve the February minutes");
    let before = std::fs::read(journal(root)).expect("journal");
    let state = app.meeting_room().state().cloned();
    member(&mut app, COLUMBIA);
    press(&mut app, KeyCode::Char('y'));
    let status = app.status().expect("a status").clone();
    assert!(status.is_error, "{status:?}");
    assert!(
        status.text.contains("`columbia` is not present"),
        "{status:?}"
    );
    assert_eq!(std::fs::read(journal(root)).expect("journal"), before);
    assert_eq!(app.meeting_room().state().cloned(), state);
    assert_eq!(app.meeting_room().selected_member(), COLUMBIA, "stays put");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Not recorded: `columbia` is not present"),
        "{shown}"
    );
    // An empty motion is refused and stays open for correction.
    press(&mut app, KeyCode::Char('N'));
    type_line(&mut app, "   ");
    assert!(app.status().is_some_and(|s| s.is_error));
    assert!(matches!(app.meeting_room().mode(), Mode::Text(..)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.meeting_room().mode(), Mode::Normal);
    assert_eq!(std::fs::read(journal(root)).expect("journal"), before);
    // Closing with nothing open asks nothing.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::None);
    assert!(
        app.status()
            .is_some_and(|s| s.is_error && s.text == "No item is open")
    );
}

#[test]
fn reopening_the_workspace_resumes_the_meeting() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    budget_vote_ready(&mut app);
    member(&mut app, ETH);
    keys(&mut app, "yn");
    let again = room_on(ws.path());
    assert_eq!(again.meeting_room().state(), app.meeting_room().state());
    assert_eq!(again.meeting_room().current_item(), Some("budget-2027"));
    assert_eq!(again.meeting_room().selected_item(), BUDGET);
    // Same screen, but for the selected row and the status line.
    let rows = |s: String| {
        s.lines()
            .skip(1)
            .take(22)
            .map(|l| l.replace('▶', ""))
            .collect::<Vec<_>>()
    };
    let (a, b) = (rows(screen(&app, 120, 40)), rows(screen(&again, 120, 40)));
    assert_eq!(a.len(), b.len());
    assert!(
        a.iter().zip(&b).filter(|(x, y)| x != y).count() <= 2,
        "{a:#?}\n{b:#?}"
    );
}

#[test]
fn a_tampered_journal_is_shown_not_panicked_on() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    mark_present(&mut app, &[ETH, CEPS]);
    let path = journal(ws.path());
    let text = std::fs::read_to_string(&path).expect("journal");
    std::fs::write(&path, text.replacen("\"eth\"", "\"uct\"", 1)).expect("tamper");
    let mut app = room_on(ws.path());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("cannot be used"), "{shown}");
    assert!(app.meeting_room().error().is_some());
    press(&mut app, KeyCode::Char('p'));
    assert!(app.status().is_some_and(|s| s.is_error));
    assert_eq!(
        std::fs::read_to_string(&path).expect("journal"),
        text.replacen("\"eth\"", "\"uct\"", 1)
    );
}

#[test]
fn help_lists_the_meeting_keys_and_no_size_panics() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 80, 24);
    insta::assert_snapshot!("meeting_help_80x24", help);
    // Longer than 80x24: the rest is a PgDn away.
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    let help = format!("{help}{}", screen(&app, 80, 24));
    for words in [
        "vote yes, next member",
        "proxy: pick its holder",
        "close item, fix result",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
    press(&mut app, KeyCode::Char('?'));
    budget_vote_ready(&mut app);
    let mut forms = vec![];
    press(&mut app, KeyCode::Char('N'));
    forms.push(screen(&app, 80, 24));
    keys(
        &mut app,
        "a long note that does not fit the box at all, not even close, so it scrolls",
    );
    for (w, h) in [
        (1, 1),
        (20, 5),
        (59, 15),
        (60, 16),
        (61, 17),
        (80, 24),
        (200, 60),
    ] {
        screen(&app, w, h);
    }
    press(&mut app, KeyCode::Esc);
    for (w, h) in [(1, 1), (60, 16), (80, 24), (300, 100)] {
        screen(&app, w, h);
    }
    assert!(forms[0].contains("Note on budget-2027"), "{}", forms[0]);
}

#[test]
fn events_recorded_by_another_session_appear_on_the_next_tick() {
    let ws_dir = example_copy();
    let mut app = room_on(ws_dir.path());
    assert!(!app.tick(), "nothing changed yet");
    // Another session (here the library, as `plenary record` would) records.
    let ws = Workspace::load(ws_dir.path()).expect("workspace");
    let agenda = ws.agenda("2027-03-steering").expect("agenda");
    let meeting = plenary::meeting::Meeting::new(&ws, agenda).expect("meeting");
    meeting
        .record(
            "Prof. Lukas Baumann",
            now(),
            vec![Event::Present {
                member: "eth".into(),
                delegate: None,
            }],
        )
        .expect("recorded");
    assert!(app.tick(), "the change on disk is noticed");
    let state = app.meeting_room().state().expect("loaded");
    assert_eq!(state.attendance.get("eth"), Some(&Attendance::InPerson));
    assert!(screen(&app, 80, 24).contains("1 of 7 present"));
    assert!(!app.tick(), "and read only once");
}

#[test]
fn the_rooms_own_events_are_not_read_back_on_the_next_tick() {
    let ws_dir = example_copy();
    let mut app = room_on(ws_dir.path());
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('p'));
    // The frozen terms and the attendance.
    assert_eq!(records(ws_dir.path()).len(), 2, "recorded");
    assert!(!app.tick(), "already on screen: no second read");
}

#[test]
fn the_room_opens_on_the_meeting_in_progress_else_the_next() {
    let ws = example_copy();
    let shown = |at: &str| {
        let app = app_at(ws.path(), at.parse().expect("instant"));
        app.meeting_room()
            .agenda(app.workspace())
            .map(|a| a.meeting.id.clone())
    };
    // During the June general assembly, and between it and March's meeting.
    assert_eq!(
        shown("2027-06-16T12:30:00Z").as_deref(),
        Some("2027-06-general-assembly")
    );
    assert_eq!(
        shown("2027-04-02T09:00:00Z").as_deref(),
        Some("2027-06-general-assembly")
    );
    assert_eq!(shown(NOW).as_deref(), Some("2027-03-steering"));
}

#[test]
fn an_open_decision_shows_its_description_recusals_and_what_to_press() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    mark_present(&mut app, &[CEPS, ETH, UCT, IISC, UNSW]);
    open_item(&mut app, BUDGET);
    let open = screen(&app, 80, 24);
    assert!(
        open.contains("Raise the seed-grant envelope from EUR 1.25m"),
        "{open}"
    );
    assert!(
        open.contains("No motion yet: press t to put one."),
        "{open}"
    );
    press(&mut app, KeyCode::Char('t'));
    type_line(&mut app, "Raise the envelope");
    member(&mut app, ETH);
    press(&mut app, KeyCode::Char('r'));
    let tally = screen(&app, 80, 24);
    // eth (weight 3) recused; ceps, uct, iisc, unsw (1+1+1+2) to vote.
    assert!(tally.contains("not voted 4 members, weight 5"), "{tally}");
    assert!(tally.contains("Recused 1 member, weight 3: eth"), "{tally}");
}

#[test]
fn meeting_notes_are_shown_and_a_long_item_panel_scrolls() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    // Before any item is open, a note is on the meeting.
    for n in 1..=15 {
        press(&mut app, KeyCode::Char('N'));
        type_line(&mut app, &format!("Meeting note number {n}"));
    }
    let top = screen(&app, 80, 24);
    assert!(
        top.contains("Meeting note: Meeting note number 1 "),
        "{top}"
    );
    assert!(
        !top.contains("Meeting note: Meeting note number 15"),
        "{top}"
    );
    assert!(top.contains("more below: PgDn"), "{top}");
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
    }
    let bottom = screen(&app, 80, 24);
    assert!(
        bottom.contains("Meeting note: Meeting note number 15"),
        "{bottom}"
    );
    assert!(bottom.contains("more above: PgUp"), "{bottom}");
    insta::assert_snapshot!(bottom);
    // PgDn stopped at the end, so one PgUp shows more above at once.
    press(&mut app, KeyCode::PageUp);
    let back = screen(&app, 80, 24);
    assert!(back.contains("more: PgUp PgDn"), "{back}");
    for _ in 0..10 {
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(app.meeting_room().item_scroll(), 0);
}

#[test]
fn a_partial_ranking_is_entered_and_the_help_lists_only_ranking_keys() {
    let ws = example_copy();
    let root = ws.path();
    let mut app = room_on(root);
    mark_present(&mut app, &[CEPS, ETH, UCT]);
    open_item(&mut app, PRIORITIES);
    member(&mut app, ETH);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 80, 24);
    assert!(help.contains("leave out of the ranking"), "{help}");
    for other in ["approve", "score", "0-9"] {
        assert!(!help.contains(other), "{other} on a Schulze ballot: {help}");
    }
    press(&mut app, KeyCode::Char('?'));
    // Keep the first two options, leave the other three out.
    keys(&mut app, "jj   ");
    let editor = screen(&app, 80, 24);
    assert!(editor.contains(" —  "), "{editor}");
    press(&mut app, KeyCode::Enter);
    match last_event(root) {
        Event::Ballot {
            member,
            marks: Marks::Ranking(order),
            ..
        } => {
            assert_eq!(member, "eth");
            assert_eq!(order.len(), 2, "{order:?}");
        }
        other => panic!("a ranking ballot, not {other:?}"),
    }
}

#[test]
fn the_room_is_readable_at_60x16() {
    let ws = example_copy();
    let mut app = room_on(ws.path());
    budget_vote_ready(&mut app);
    let small = screen(&app, 60, 16);
    // Every member's row, whole; the quorum's verdict; the item below.
    for shown in [
        "ceps",
        "columbia  2 absent",
        "proxy→uct",
        "9/6 weight met",
        "budget-2027",
    ] {
        assert!(small.contains(shown), "{shown}: {small}");
    }
    insta::assert_snapshot!(small);
}
