//! `[[programmes.reports]]` across files (SPEC 1.1): a report's
//! `set_by = "MEETING/ITEM"` must name a meeting with an agenda in the
//! workspace and an item of that agenda, reported at the value's place in
//! `charter.toml` with the closest id suggested. The example alliance's
//! reports are valid as written.

mod common;

use plenary::workspace::{Workspace, WorkspaceError};

/// The problems of the example with `from` replaced by `to` in its charter.
fn problems_after(from: &str, to: &str) -> Vec<String> {
    let dir = common::example_copy();
    let path = dir.path().join("charter.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is in the example charter");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    match Workspace::load(dir.path()) {
        Err(WorkspaceError::Invalid(problems)) => problems
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn the_example_reports_three_years_with_targets_set_by_its_own_agenda() {
    let workspace = Workspace::load(&common::example()).unwrap();
    for programme in &workspace.charter.programmes {
        let years: Vec<String> = programme
            .series(plenary::charter::PeriodLength::Year)
            .map(|r| r.period.to_string())
            .collect();
        assert_eq!(years, ["2025", "2026", "2027"], "{}", programme.id);
        let set_by = programme
            .reports
            .iter()
            .find_map(|r| r.set_by.as_ref())
            .unwrap();
        let agenda = workspace.agenda(&set_by.meeting).unwrap();
        assert!(agenda.items.iter().any(|i| i.id == set_by.item));
    }
}

#[test]
fn set_by_must_name_a_meeting_of_the_workspace() {
    let problems = problems_after(
        "set_by = \"2027-03-steering/budget-2027\"",
        "set_by = \"2027-03-stearing/budget-2027\"",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "`set_by` names meeting `2027-03-stearing`, which has no agenda in this workspace (did you mean `2027-03-steering`?)"
        ),
        "{problems:?}"
    );
}

#[test]
fn set_by_must_name_an_item_of_that_meeting() {
    let problems = problems_after(
        "set_by = \"2027-03-steering/budget-2027\"",
        "set_by = \"2027-03-steering/budget-2026\"",
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    let text = std::fs::read_to_string(common::example().join("charter.toml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("set_by = \"2027-03-steering/budget-2027\""))
        .unwrap()
        + 1;
    assert_eq!(
        problems[0],
        format!(
            "{line}:12: `set_by` names item `budget-2026`, which the agenda of `2027-03-steering` does not have (did you mean `budget-2027`?)"
        )
    );
}

#[test]
fn a_set_by_naming_an_agenda_that_does_not_read_is_not_blamed() {
    let dir = common::example_copy();
    let path = dir.path().join("2027-03-steering.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("body = \"steering\"", "body = \"board\"", 1),
    )
    .unwrap();
    let Err(WorkspaceError::Invalid(problems)) = Workspace::load(dir.path()) else {
        panic!("the agenda's unknown body is a problem");
    };
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("unknown body `board`"),
        "{messages:?}"
    );
}
