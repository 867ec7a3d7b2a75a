//! Screen tests of the scheduler: the world-clock grid under a fixed clock,
//! moving the slot, and writing it into the agenda file.

mod common;

use common::tui::{press, screen};

use std::path::Path;

use chrono::{DateTime, Utc};
use plenary::clock::FixedClock;
use plenary::tui::{Action, App, Overlay, Screen, Theme};
use plenary::workspace::Workspace;
use ratatui::crossterm::event::KeyCode;

/// Monday 1 March 2027, 10:00 UTC: before the US (14 March) and Europe
/// (28 March) change to summer time, while Sydney is still on it.
const NOW: &str = "2027-03-01T10:00:00Z";

fn app_on(root: &Path) -> App {
    let ws = Workspace::load(root).expect("valid workspace");
    let now: DateTime<Utc> = NOW.parse().expect("instant");
    App::new(ws, Box::new(FixedClock(now)), Theme::color())
}

fn scheduler_on_example() -> App {
    let mut app = app_on(&Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra"));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen(), Screen::Scheduler);
    app
}

#[test]
fn scheduler_80x24() {
    insta::assert_snapshot!(screen(&scheduler_on_example(), 80, 24));
}

#[test]
fn scheduler_120x40() {
    insta::assert_snapshot!(screen(&scheduler_on_example(), 120, 40));
}

#[test]
fn the_grid_shows_local_hours_in_half_hour_zones() {
    let app = scheduler_on_example();
    let shown = screen(&app, 120, 40);
    // The March steering meeting: 14:00 UTC is 19:30 in Kolkata and 01:00
    // the next day in Sydney.
    let kolkata = shown
        .lines()
        .find(|l| l.contains("iisc"))
        .expect("iisc row");
    assert!(
        kolkata.contains("+05:30 Wed 19:30   ✗   90    0"),
        "{kolkata}"
    );
    let sydney = shown
        .lines()
        .find(|l| l.contains("unsw"))
        .expect("unsw row");
    // Weight 2, 90 minutes outside hours, all of them in Sydney's night.
    assert!(sydney.contains("unsw        2 "), "{sydney}");
    assert!(
        sydney.contains("+11:00 Thu 01:00   ✗   90   90"),
        "{sydney}"
    );
    assert!(shown.contains("= agenda's start"), "{shown}");
}

#[test]
fn keys_move_the_slot_by_step_day_and_candidate() {
    let mut app = scheduler_on_example();
    let start = app.scheduler().start().expect("a start");
    press(&mut app, KeyCode::Right);
    assert_eq!(
        app.scheduler().start(),
        Some(start + chrono::Duration::minutes(15))
    );
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(
        app.scheduler().start(),
        Some(start + chrono::Duration::days(1))
    );
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.scheduler().start(), Some(start));
    press(&mut app, KeyCode::Char('n'));
    let best = app.scheduler().start().expect("best candidate");
    press(&mut app, KeyCode::Char('n'));
    let second = app.scheduler().start().expect("second candidate");
    assert_ne!(best, second);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.scheduler().start(), Some(best));
    assert!(screen(&app, 100, 30).contains("candidate 1 of 100"));
}

#[test]
fn enter_then_yes_writes_start_into_the_agenda_keeping_comments() {
    let ws = common::example_copy();
    let path = ws.path().join("2027-09-steering.toml");
    let before = std::fs::read_to_string(&path).expect("agenda");
    assert!(
        !before.contains("\nstart ="),
        "the September meeting is unscheduled"
    );
    let mut app = app_on(ws.path());
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('M')); // the agendas wrap: M goes to the last one
    assert_eq!(
        app.scheduler()
            .agenda(app.workspace())
            .map(|a| a.meeting.id.as_str()),
        Some("2027-09-steering")
    );
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Right);
    let chosen = app.scheduler().start().expect("start");

    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::ConfirmStart);
    let question = screen(&app, 80, 24);
    assert!(
        question.contains("into 2027-09-steering.toml?"),
        "{question}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(
        std::fs::read_to_string(&path).expect("agenda"),
        before,
        "no means no"
    );

    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    let after = std::fs::read_to_string(&path).expect("agenda");
    let stamp = chosen.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert!(after.contains(&format!("start = {stamp}")), "{after}");
    // Every line of the original is still there, in order: only `start` was added.
    let kept: Vec<&str> = after
        .lines()
        .filter(|l| !l.starts_with("start = "))
        .collect();
    assert_eq!(kept, before.lines().collect::<Vec<_>>());
    // The workspace was reloaded: the agenda now has that start.
    let agenda = app.workspace().agenda("2027-09-steering").expect("agenda");
    assert_eq!(agenda.meeting.start, Some(chosen));
    let status = app.status().expect("a status line");
    assert!(
        !status.is_error && status.text.contains(&stamp),
        "{status:?}"
    );
    // The file still passes validation.
    Workspace::load(ws.path()).expect("still valid");
}

#[test]
fn an_existing_start_keeps_its_comment_when_moved() {
    let ws = common::example_copy();
    let path = ws.path().join("2027-03-steering.toml");
    let original = std::fs::read_to_string(&path).expect("agenda");
    let before = original.replace(
        "start = 2027-03-10T14:00:00Z",
        "start = 2027-03-10T14:00:00Z  # agreed by e-mail",
    );
    assert_ne!(before, original);
    std::fs::write(&path, &before).expect("add a comment");
    let mut app = app_on(ws.path());
    app.update(Action::ShowScheduler);
    app.update(Action::Later);
    app.update(Action::Choose);
    app.update(Action::Confirm);
    let after = std::fs::read_to_string(&path).expect("agenda");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (old, new) = changed[0];
    assert!(old.starts_with("start = 2027-03-10T14:00:00Z"), "{old}");
    assert!(new.starts_with("start = 2027-03-10T14:15:00Z"), "{new}");
    assert!(new.ends_with("  # agreed by e-mail"), "comment kept: {new}");
}

#[test]
fn a_failed_write_is_reported_and_nothing_changes() {
    let ws = common::example_copy();
    let mut app = app_on(ws.path());
    std::fs::remove_file(ws.path().join("2027-03-steering.toml")).expect("remove");
    app.update(Action::ShowScheduler);
    app.update(Action::Choose);
    app.update(Action::Confirm);
    let status = app.status().expect("status");
    assert!(
        status.is_error && status.text.starts_with("Not saved:"),
        "{status:?}"
    );
    assert!(!ws.path().join("2027-03-steering.toml").exists());
}

/// Where each hour cell ends (its last digit's column), after the label
/// (which ends at the night column).
fn hour_cell_ends(row: &str, label: usize) -> Vec<usize> {
    let chars: Vec<char> = row.chars().collect();
    (label..chars.len())
        .filter(|&i| {
            chars[i].is_ascii_digit() && !chars.get(i + 1).is_some_and(char::is_ascii_digit)
        })
        .collect()
}

#[test]
fn header_and_member_rows_have_the_same_hour_columns_at_80_and_120() {
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&scheduler_on_example(), w, h);
        let header = shown
            .lines()
            .find(|l| l.contains("│member"))
            .expect("header row");
        let ngt = header.find("ngt").expect("night column");
        let label = header[..ngt].chars().count() + 3;
        let head = hour_cell_ends(header, label);
        assert!(head.len() >= 12, "{w}: {header}");
        for member in ["ceps", "iisc", "unsw", "columbia"] {
            let row = shown
                .lines()
                .find(|l| l.contains(&format!("│{member} ")))
                .expect("row");
            assert_eq!(hour_cell_ends(row, label), head, "{w}:\n{header}\n{row}");
            // Nothing clipped: the last cell ends before the border.
            assert!(row.trim_end_matches('"').ends_with(" │"), "{w}: {row}");
        }
    }
}

#[test]
fn tab_walks_alternatives_then_shows_the_series() {
    let mut app = scheduler_on_example();
    press(&mut app, KeyCode::Tab);
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Alternatives, one per distinct time of day"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('n'));
    let first = app.scheduler().start().expect("an alternative");
    assert_eq!(
        Some(first),
        app.scheduler().alternatives().first().map(|s| s.start)
    );
    press(&mut app, KeyCode::Char('n'));
    let second = app.scheduler().start().expect("another alternative");
    assert_ne!(first, second);
    assert!(screen(&app, 80, 24).contains("alternative 2 of"));
    insta::assert_snapshot!("scheduler_alternatives_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Tab);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Series · n/p walk the meetings"), "{shown}");
    assert!(
        shown.contains("unsw is outside in every acceptable slot"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('n'));
    let plan_first = app
        .scheduler()
        .series()
        .and_then(|p| p.as_ref().ok())
        .map(|p| p.occurrences[0].slot.start);
    assert_eq!(app.scheduler().start(), plan_first);
    insta::assert_snapshot!("scheduler_series_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("scheduler_series_120x40", screen(&app, 120, 40));
    press(&mut app, KeyCode::Tab);
    assert!(screen(&app, 80, 24).contains("Ranked candidates"));
}

#[test]
fn a_holiday_is_named_in_the_grid() {
    let mut app = scheduler_on_example();
    // Walk to a day that is a holiday for someone: the agenda's own day
    // (10 March 2027) is Eid al-Fitr in Karnataka, an estimate.
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Holiday: iisc Eid al-Fitr (IN-KA, estimated)"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char(']'));
    assert!(!screen(&app, 80, 24).contains("Holiday:"));
}

#[test]
fn the_scheduler_draws_at_every_size() {
    let mut app = scheduler_on_example();
    common::tui::draw_at_every_size(&app);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    common::tui::draw_at_every_size(&app);
}

#[test]
fn scheduler_60x16() {
    let shown = screen(&scheduler_on_example(), 60, 16);
    // The header and the legend in their short forms, none cut.
    for whole in [
        "2027-03-steering · 1h30m · body steering",
        "UTC · = agenda's start",
        "pain 240m · not a candidate",
        "10 day off  14 slot",
    ] {
        assert!(shown.contains(whole), "{whole}:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}
