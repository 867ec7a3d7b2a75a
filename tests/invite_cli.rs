//! `plenary invite`: the real binary writes an .ics that a calendar parser
//! reads back with the right times and attendees.

mod common;

use assert_cmd::Command;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};

const NOW: &str = "2027-02-01T10:00:00Z";

fn plenary() -> Command {
    let mut cmd = Command::cargo_bin("plenary").expect("binary");
    cmd.env("PLENARY_NOW", NOW);
    cmd
}

fn utc(dt: DatePerhapsTime) -> String {
    match dt {
        DatePerhapsTime::DateTime(t) => format!("{t:?}"),
        DatePerhapsTime::Date(d) => d.to_string(),
    }
}

#[test]
fn invitation_parses_back_with_times_and_attendees() {
    let ws = common::example_copy();
    let out = plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .assert()
        .success();
    let written = ws.path().join("minutes/2027-03-steering.ics");
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout).trim(),
        written.display().to_string()
    );
    let text = std::fs::read_to_string(&written).expect("written");
    assert!(text.contains("\r\n"), "RFC 5545 lines end in CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "unfolded line: {line}");
    }

    let calendar: Calendar = text.parse().expect("a calendar parser accepts it");
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    assert_eq!(event.get_uid(), Some("2027-03-steering@gcra.plenary"));
    assert_eq!(event.get_summary(), Some("Steering Committee, March 2027"));
    assert_eq!(event.get_location(), Some("Video call"));
    assert!(utc(event.get_start().expect("DTSTART")).contains("2027-03-10T14:00:00Z"));
    assert!(utc(event.get_end().expect("DTEND")).contains("2027-03-10T15:30:00Z"));
    assert_eq!(
        event.get_timestamp().map(|t| t.to_rfc3339()),
        Some("2027-02-01T10:00:00+00:00".into())
    );
    let description = event.get_description().expect("description");
    assert!(
        description.contains("1. Approval of the February minutes (decision, 5 min)"),
        "{description}"
    );
    assert!(
        description.contains("UNSW Sydney: Thu 11 Mar 01:00 to 02:30 AEDT"),
        "{description}"
    );
    assert!(
        event
            .property_value("ORGANIZER")
            .is_some_and(|o| o.starts_with("mailto:"))
    );

    // One attendee per delegate with an e-mail among the steering members.
    let attendees = event.get_attendees();
    let emails: Vec<&str> = attendees.iter().map(|a| a.cal_address.as_str()).collect();
    assert_eq!(emails.len(), 13, "{emails:?}");
    assert!(
        emails.contains(&"mailto:t.nkosi@example.ac.za"),
        "{emails:?}"
    );
    // Members outside the steering committee are not invited.
    assert!(
        !emails.iter().any(|e| e.ends_with("example.ac.nz")),
        "{emails:?}"
    );
    let chairs: Vec<_> = attendees
        .iter()
        .filter(|a| a.role == Some(icalendar::Role::Chair))
        .collect();
    assert_eq!(chairs.len(), 1);
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let ws = common::example_copy();
    let path = ws.path().join("minutes/2027-03-steering.ics");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "keep me").unwrap();
    plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "already exists; use --force to replace it",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .arg("--force")
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
}

#[test]
fn an_unscheduled_meeting_is_a_clear_error() {
    let ws = common::example_copy();
    plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-09-steering")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "meeting `2027-09-steering` has no start time yet",
        ));
    assert!(!ws.path().join("minutes").exists(), "nothing written");
}

#[test]
fn an_unknown_meeting_lists_the_known_ones() {
    let ws = common::example_copy();
    plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-13-nothing")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no meeting `2027-13-nothing`"))
        .stderr(predicates::str::contains("2027-03-steering"));
}

#[test]
fn missing_meeting_argument_is_a_usage_error() {
    plenary().arg("invite").assert().code(2);
}

#[test]
fn without_a_secretary_there_is_no_organizer_and_no_file() {
    let ws = common::example_copy();
    let charter = ws.path().join("charter.toml");
    let text = std::fs::read_to_string(&charter).unwrap();
    assert!(text.contains("role = \"secretary\""));
    std::fs::write(
        &charter,
        text.replace("role = \"secretary\"", "role = \"representative\""),
    )
    .unwrap();
    plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the charter names no delegate with role \"secretary\" and an e-mail address",
        ));
    assert!(!ws.path().join("minutes").exists(), "nothing written");
}

#[test]
fn a_malformed_fixed_clock_is_an_error_not_ignored() {
    let ws = common::example_copy();
    plenary()
        .env("PLENARY_NOW", "next tuesday")
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "PLENARY_NOW=`next tuesday` is not an RFC 3339 instant",
        ));
}

/// The description of the invitation to the March steering meeting, moved
/// to `start` (unfolded and unescaped by the parser).
fn description_at(start: &str) -> String {
    let ws = common::example_copy();
    let agenda = ws.path().join("2027-03-steering.toml");
    let text = std::fs::read_to_string(&agenda).expect("agenda");
    std::fs::write(
        &agenda,
        text.replacen(
            "start = 2027-03-10T14:00:00Z",
            &format!("start = {start}"),
            1,
        ),
    )
    .expect("agenda written");
    let out = plenary()
        .arg("invite")
        .arg(ws.path())
        .arg("2027-03-steering")
        .args(["-o", "-"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let calendar: Calendar = text.parse().expect("a calendar parser accepts it");
    calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => e.get_description().map(str::to_owned),
            _ => None,
        })
        .expect("a description")
}

#[track_caller]
fn assert_contains_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part}\nnot in:\n{text}");
    }
}

#[test]
fn the_agenda_shows_descriptions_and_majority_rules() {
    let description = description_at("2027-03-10T14:00:00Z");
    assert_contains_all(
        &description,
        &[
            "1. Approval of the February minutes (decision, 5 min)\n   Majority: simple (the body's `default` rule), more yes than no; abstentions do not count\n2.",
            "2. Report of the secretariat (information, 10 min)\n   Membership enquiries, 2026 annual report status and the new data-sharing agreement.\n3.",
            "3. Revised 2027 budget and seed-grant envelope (decision, 20 min)\n   Majority: two-thirds (the body's `budget` rule), yes from at least two thirds of the votes cast for and against\n   Raise the seed-grant envelope from EUR 1.25m to EUR 1.5m, funded from the 2026 carry-over.\n",
        ],
    );
}

#[test]
fn local_times_mark_the_next_day_and_numeric_zones() {
    // 12:00 UTC: 23:00 to 00:30 in Sydney (AEDT, UTC+11), 09:00 in São Paulo.
    let description = description_at("2027-03-10T12:00:00Z");
    assert_contains_all(
        &description,
        &[
            "Wed 10 Mar 2027 13:00 to 14:30 CET (Europe/Brussels), 12:00 to 13:30 UTC\n",
            "UNSW Sydney: Wed 10 Mar 23:00 to 00:30 (+1 day) AEDT\n",
            "University of São Paulo: Wed 10 Mar 09:00 to 10:30 UTC-03:00\n",
        ],
    );
    assert!(!description.contains(" -03"), "{description}");
    // 23:30 UTC: the UTC times cross midnight too.
    let late = description_at("2027-03-10T23:30:00Z");
    assert!(late.contains(", 23:30 to 01:00 UTC (+1 day)\n"), "{late}");
}
