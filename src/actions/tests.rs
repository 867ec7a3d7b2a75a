//! The register as SPEC 4 describes it, on private copies of the example
//! alliance (`agendas/gcra`): carry-over between meetings of one body,
//! the history of updates, overdue at midnight in the owner's zone,
//! reassignment, and every refusal (which writes nothing).
//!
//! Bodies: 2027-03-steering (10 March) and 2027-09-steering (not yet
//! scheduled, so it comes last) are the Steering Committee;
//! 2027-06-general-assembly (16 June) is the General Assembly.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::meeting::{ActionStatus, Event, Meeting, RecordError};
use crate::workspace::Workspace;

const MARCH: &str = "2027-03-steering";
const JUNE_GA: &str = "2027-06-general-assembly";
const SEPTEMBER: &str = "2027-09-steering";
const SECRETARY: &str = "Dr. Sophie Vandenberghe";

/// A private copy of the example workspace.
struct Fixture {
    dir: tempfile::TempDir,
    ws: Workspace,
}

impl Fixture {
    fn new() -> Self {
        let (dir, ws) = crate::test_support::example_copy();
        Self { dir, ws }
    }

    /// Agrees an action item in `meeting` and returns its id.
    fn agree(
        &self,
        meeting: &str,
        owner: &str,
        delegate: Option<&str>,
        due: &str,
        text: &str,
    ) -> String {
        let agenda = self.ws.agenda(meeting).unwrap();
        let meeting = Meeting::new(&self.ws, agenda).unwrap();
        let event = Event::ActionCreated {
            text: text.into(),
            owner: owner.into(),
            delegate: delegate.map(str::to_owned),
            due: date(due),
            item: None,
        };
        let (_, state) = meeting
            .record(SECRETARY, at("2027-03-10T15:00:00Z"), vec![event])
            .unwrap();
        state.actions.last().unwrap().id.clone()
    }

    fn update(&self, when: &str, update: ActionUpdate) -> Result<Register, RegisterError> {
        Register::update(&self.ws, SECRETARY, at(when), update).map(|(_, register)| register)
    }

    fn register(&self) -> Register {
        Register::load(&self.ws).unwrap()
    }

    fn register_journal(&self) -> PathBuf {
        self.dir.path().join("records/_register.jsonl")
    }

    /// The register journal's bytes (empty when there is none yet).
    fn register_bytes(&self) -> Vec<u8> {
        std::fs::read(self.register_journal()).unwrap_or_default()
    }

    fn carried_into(&self, meeting: &str) -> Vec<String> {
        let register = self.register();
        let agenda = self.ws.agenda(meeting).unwrap();
        register
            .carried_over(&self.ws, agenda)
            .iter()
            .map(|i| i.id.clone())
            .collect()
    }
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn set(action: &str) -> ActionUpdate {
    ActionUpdate {
        action: action.into(),
        ..ActionUpdate::default()
    }
}

fn status(action: &str, status: ActionStatus) -> ActionUpdate {
    ActionUpdate {
        status: Some(status),
        ..set(action)
    }
}

#[test]
fn open_items_carry_over_to_the_next_meeting_of_the_same_body_only() {
    let f = Fixture::new();
    let budget = f.agree(
        MARCH,
        "eth",
        None,
        "2027-04-30",
        "Circulate the revised budget",
    );
    let annex = f.agree(
        MARCH,
        "ubc",
        None,
        "2027-05-31",
        "Draft the data-sharing annex",
    );
    let dropped = f.agree(MARCH, "uct", None, "2027-05-31", "Book the venue");
    let ga_item = f.agree(
        JUNE_GA,
        "auckland",
        None,
        "2027-07-31",
        "Publish the annual report",
    );
    let september = f.agree(
        SEPTEMBER,
        "iisc",
        None,
        "2027-10-31",
        "Prepare the 2028 calendar",
    );
    assert_eq!(
        [&budget, &annex, &dropped, &ga_item, &september].map(String::as_str),
        [
            "2027-03-steering/1",
            "2027-03-steering/2",
            "2027-03-steering/3",
            "2027-06-general-assembly/1",
            "2027-09-steering/1"
        ]
    );
    f.update(
        "2027-03-11T09:00:00Z",
        status(&dropped, ActionStatus::Dropped),
    )
    .unwrap();

    // The first steering meeting inherits nothing; the assembly is another
    // body, so it inherits nothing from steering either.
    assert!(f.carried_into(MARCH).is_empty());
    assert!(f.carried_into(JUNE_GA).is_empty());
    // September takes March's open items (not the dropped one, not the
    // assembly's, not its own).
    assert_eq!(f.carried_into(SEPTEMBER), [budget.clone(), annex.clone()]);

    // Done in between: no longer carried.
    f.update("2027-06-01T09:00:00Z", status(&budget, ActionStatus::Done))
        .unwrap();
    assert_eq!(f.carried_into(SEPTEMBER), [annex]);
}

#[test]
fn every_update_is_kept_in_the_items_history() {
    let f = Fixture::new();
    let id = f.agree(
        MARCH,
        "eth",
        Some("Dr. Anna Keller"),
        "2027-04-30",
        "Circulate the revised budget",
    );
    f.update("2027-04-02T08:00:00Z", status(&id, ActionStatus::Done))
        .unwrap();
    f.update("2027-04-03T08:00:00Z", status(&id, ActionStatus::Open))
        .unwrap();
    let after = f
        .update(
            "2027-04-04T08:00:00Z",
            ActionUpdate {
                due: Some(date("2027-05-15")),
                note: Some("auditors asked for more time".into()),
                ..set(&id)
            },
        )
        .unwrap();

    let register = f.register();
    assert_eq!(
        register, after,
        "what update returns is what load reads back"
    );
    let item = register.get(&id).unwrap();
    assert_eq!(item.status, ActionStatus::Open);
    assert_eq!(item.due, date("2027-05-15"));
    assert_eq!(
        (item.created, item.created_by.as_str()),
        (at("2027-03-10T15:00:00Z"), SECRETARY)
    );
    let history: Vec<(DateTime<Utc>, &str, &str)> = item
        .history
        .iter()
        .map(|c| (c.at, c.by.as_str(), c.what.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (
                at("2027-04-02T08:00:00Z"),
                SECRETARY,
                "action 2027-03-steering/1: done"
            ),
            (
                at("2027-04-03T08:00:00Z"),
                SECRETARY,
                "action 2027-03-steering/1: open"
            ),
            (
                at("2027-04-04T08:00:00Z"),
                SECRETARY,
                "action 2027-03-steering/1: due 2027-05-15, note: auditors asked for more time"
            ),
        ]
    );
}

#[test]
fn overdue_is_judged_at_midnight_where_the_owner_works() {
    let f = Fixture::new();
    let auckland = f.agree(MARCH, "auckland", None, "2027-04-01", "Circulate the call");
    let ubc = f.agree(MARCH, "ubc", None, "2027-04-01", "Draft the annex");
    let register = f.register();
    let (auckland, ubc) = (
        register.get(&auckland).unwrap(),
        register.get(&ubc).unwrap(),
    );
    assert_eq!(auckland.timezone, chrono_tz::Pacific::Auckland);
    assert_eq!(ubc.timezone, chrono_tz::America::Vancouver);
    // Auckland is on NZDT (UTC+13) until 4 April 2027; Vancouver on PDT (UTC-7).
    assert_eq!(auckland.due_at(), at("2027-04-01T11:00:00Z"));
    assert_eq!(ubc.due_at(), at("2027-04-02T07:00:00Z"));
    // (instant, overdue in Auckland, overdue in Vancouver)
    let table = [
        ("2027-04-01T10:59:59Z", false, false), // 23:59:59 on 1 April in Auckland
        ("2027-04-01T11:00:00Z", true, false), // midnight in Auckland; 04:00 on 1 April in Vancouver
        ("2027-04-02T06:59:59Z", true, false), // 23:59:59 on 1 April in Vancouver
        ("2027-04-02T07:00:00Z", true, true),  // midnight in Vancouver
    ];
    for (now, in_auckland, in_vancouver) in table {
        assert_eq!(
            auckland.is_overdue(at(now)),
            in_auckland,
            "Auckland at {now}"
        );
        assert_eq!(ubc.is_overdue(at(now)), in_vancouver, "Vancouver at {now}");
    }
}

#[test]
fn reassignment_moves_the_due_day_into_the_new_owners_zone() {
    let f = Fixture::new();
    let id = f.agree(
        MARCH,
        "eth",
        Some("Dr. Anna Keller"),
        "2027-04-01",
        "Prepare the programme",
    );

    // A new owner without a named person clears the old owner's delegate.
    let register = f
        .update(
            "2027-03-20T09:00:00Z",
            ActionUpdate {
                owner: Some("auckland".into()),
                ..set(&id)
            },
        )
        .unwrap();
    let item = register.get(&id).unwrap();
    assert_eq!(
        (item.owner.as_str(), item.delegate.as_deref()),
        ("auckland", None)
    );
    assert_eq!(item.timezone, chrono_tz::Pacific::Auckland);
    assert_eq!(item.due_at(), at("2027-04-01T11:00:00Z"));

    // A named person must belong to the owner.
    let before = f.register_bytes();
    let err = f
        .update(
            "2027-03-21T09:00:00Z",
            ActionUpdate {
                delegate: Some("Dr. Anna Keller".into()),
                ..set(&id)
            },
        )
        .unwrap_err();
    assert!(
        matches!(&err, RegisterError::Rule(RecordError::UnknownDelegate { delegate, owner, .. })
            if delegate == "Dr. Anna Keller" && owner == "auckland"),
        "{err:?}"
    );
    let err = f
        .update(
            "2027-03-21T09:00:00Z",
            ActionUpdate {
                owner: Some("harvard".into()),
                ..set(&id)
            },
        )
        .unwrap_err();
    assert!(
        matches!(&err, RegisterError::Rule(RecordError::UnknownOwner(o)) if o == "harvard"),
        "{err:?}"
    );
    assert_eq!(
        f.register_bytes(),
        before,
        "a refused change writes nothing"
    );

    // Owner and person together; then the person alone is cleared.
    let register = f
        .update(
            "2027-03-22T09:00:00Z",
            ActionUpdate {
                owner: Some("ceps".into()),
                delegate: Some("Marc Dujardin".into()),
                ..set(&id)
            },
        )
        .unwrap();
    let item = register.get(&id).unwrap();
    assert_eq!(
        (item.owner.as_str(), item.delegate.as_deref()),
        ("ceps", Some("Marc Dujardin"))
    );
    assert_eq!(
        item.due_at(),
        at("2027-04-01T22:00:00Z"),
        "Brussels is on CEST (UTC+2)"
    );
    let register = f
        .update(
            "2027-03-23T09:00:00Z",
            ActionUpdate {
                delegate: Some(String::new()),
                ..set(&id)
            },
        )
        .unwrap();
    let item = register.get(&id).unwrap();
    assert_eq!(
        (item.owner.as_str(), item.delegate.as_deref()),
        ("ceps", None)
    );
    assert_eq!(item.history.len(), 3);
}

#[test]
fn an_unknown_id_is_refused_and_nothing_is_written() {
    let f = Fixture::new();
    f.agree(MARCH, "eth", None, "2027-04-01", "Prepare the programme");
    let err = f
        .update(
            "2027-03-20T09:00:00Z",
            status("2027-03-steering/9", ActionStatus::Done),
        )
        .unwrap_err();
    assert!(
        matches!(&err, RegisterError::Unknown(id) if id == "2027-03-steering/9"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "there is no action item `2027-03-steering/9`"
    );
    assert!(f.register_bytes().is_empty(), "nothing written");
}

#[test]
fn an_update_that_changes_nothing_is_refused() {
    let f = Fixture::new();
    let id = f.agree(MARCH, "eth", None, "2027-04-01", "Prepare the programme");
    let err = f.update("2027-03-20T09:00:00Z", set(&id)).unwrap_err();
    assert!(matches!(err, RegisterError::Empty), "{err:?}");
    let blank_note = ActionUpdate {
        note: Some("  ".into()),
        ..set(&id)
    };
    let err = f.update("2027-03-20T09:00:00Z", blank_note).unwrap_err();
    assert!(
        matches!(err, RegisterError::Rule(RecordError::EmptyText)),
        "{err:?}"
    );
    assert!(f.register_bytes().is_empty(), "nothing written");

    // Asking for what already stands: the same status, date or owner.
    f.update("2027-03-20T09:00:00Z", status(&id, ActionStatus::Done))
        .unwrap();
    let before = f.register_bytes();
    for same in [
        status(&id, ActionStatus::Done),
        ActionUpdate {
            due: Some(date("2027-04-01")),
            ..set(&id)
        },
        ActionUpdate {
            owner: Some("eth".into()),
            ..set(&id)
        },
    ] {
        let err = f.update("2027-03-21T09:00:00Z", same).unwrap_err();
        assert!(
            matches!(&err, RegisterError::Unchanged(a) if *a == id),
            "{err:?}"
        );
    }
    assert_eq!(f.register_bytes(), before);
    // With a note it is a remark on the item, and is recorded.
    f.update(
        "2027-03-21T09:00:00Z",
        ActionUpdate {
            status: Some(ActionStatus::Done),
            note: Some("confirmed by the chair".into()),
            ..set(&id)
        },
    )
    .unwrap();
    assert_eq!(f.register().get(&id).unwrap().history.len(), 2);
}

#[test]
fn a_dropped_item_can_still_be_changed_and_reopened() {
    let f = Fixture::new();
    let id = f.agree(MARCH, "auckland", None, "2027-04-01", "Circulate the call");
    let late = at("2027-04-10T00:00:00Z");

    f.update("2027-03-20T09:00:00Z", status(&id, ActionStatus::Dropped))
        .unwrap();
    let register = f
        .update(
            "2027-03-21T09:00:00Z",
            ActionUpdate {
                due: Some(date("2027-05-01")),
                note: Some("may come back in May".into()),
                ..set(&id)
            },
        )
        .unwrap();
    let item = register.get(&id).unwrap();
    assert_eq!(
        (item.status, item.due),
        (ActionStatus::Dropped, date("2027-05-01"))
    );
    assert!(
        !item.is_overdue(at("2027-06-01T00:00:00Z")),
        "a dropped item is never overdue"
    );
    assert!(f.carried_into(SEPTEMBER).is_empty());

    let register = f
        .update("2027-04-09T09:00:00Z", status(&id, ActionStatus::Open))
        .unwrap();
    let item = register.get(&id).unwrap();
    assert_eq!(item.status, ActionStatus::Open);
    assert!(!item.is_overdue(late), "due 1 May now");
    assert!(
        item.is_overdue(at("2027-05-01T12:00:00Z")),
        "1 May ends at 12:00 UTC in Auckland (NZST)"
    );
    assert_eq!(f.carried_into(SEPTEMBER), [id.as_str()]);
    let whats: Vec<&str> = item.history.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "action 2027-03-steering/1: dropped",
            "action 2027-03-steering/1: due 2027-05-01, note: may come back in May",
            "action 2027-03-steering/1: open",
        ]
    );
}

#[test]
fn the_register_replays_the_same_after_a_reload_of_the_workspace() {
    let f = Fixture::new();
    let id = f.agree(
        MARCH,
        "ubc",
        Some("Dr. Liam Chen"),
        "2027-04-01",
        "Draft the annex",
    );
    f.update("2027-03-20T09:00:00Z", status(&id, ActionStatus::Done))
        .unwrap();
    let reloaded = Workspace::load(f.dir.path()).unwrap();
    assert_eq!(Register::load(&reloaded).unwrap(), f.register());
    assert!(crate::review::check_journals(&reloaded).is_empty());
}
