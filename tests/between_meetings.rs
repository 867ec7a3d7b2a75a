//! What awaits between meetings, as `plenary actions` and the dashboard
//! list it: an open written procedure with its deadline in the viewer's
//! zone, and minutes from their draft to their last signature.

mod approval;
mod common;

use std::path::Path;

use approval::{MARCH, Ws};
use common::tui::screen;
use plenary::clock::FixedClock;
use plenary::meeting::Actor;
use plenary::tui::{App, Theme};
use plenary::workspace::Workspace;

const PROCEDURE: &str = "2027-05-steering-seed-grants";

/// The part of `plenary actions` under the table.
fn between(ws: &Ws, now: &str, extra: &[&str]) -> String {
    let mut args = vec!["actions", "."];
    args.extend(extra);
    let run = ws.run(now, &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
        .split_once("Between meetings:\n")
        .map_or_else(String::new, |(_, rest)| rest.to_owned())
}

#[test]
fn minutes_are_listed_from_draft_to_the_last_signature() {
    let ws = Ws::closed(Some(10));
    let shown = between(&ws, "2027-03-12T09:00:00Z", &[]);
    assert!(
        shown.contains(&format!("{MARCH} (steering)"))
            && shown.contains("minutes draft (not circulated)"),
        "{shown}"
    );
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    let shown = between(&ws, "2027-03-20T09:00:00Z", &[]);
    assert!(
        shown.contains("minutes circulated on 2027-03-15 (draft 1; objections until the end of 2027-03-25, Europe/Brussels)"),
        "{shown}"
    );
    assert!(!shown.contains("to be approved"), "{shown}");
    // The window's last minute, in Brussels and where the viewer is.
    let shown = between(&ws, "2027-03-20T09:00:00Z", &["--zone", "Australia/Sydney"]);
    assert!(
        shown.contains("· objections until Thu 25 Mar 23:59 CET = Fri 26 Mar 09:59 AEDT"),
        "{shown}"
    );
    let shown = between(&ws, "2027-03-26T09:00:00Z", &[]);
    assert!(
        shown.contains("window over since Fri 26 Mar 00:00: to be approved"),
        "{shown}"
    );
    ws.approves("2027-03-26T09:00:00Z", "approve");
    let shown = between(&ws, "2027-03-26T10:00:00Z", &[]);
    assert!(
        shown.contains("minutes approved on 2027-03-26 (the veto window ended) · to sign: "),
        "{shown}"
    );
    assert!(
        shown.contains("Dr. Sophie Vandenberghe") && shown.contains("Prof. Lukas Baumann"),
        "{shown}"
    );
    // Signed by the chair first: only the secretary is awaited; signed by
    // both, the minutes await nothing.
    let keys = ws.path("demo-keys");
    std::fs::create_dir(&keys).unwrap();
    for name in ["baumann", "vandenberghe"] {
        let from = common::example().join("demo-keys").join(name);
        std::fs::copy(&from, keys.join(name)).unwrap();
        std::fs::copy(from.with_extension("pub"), keys.join(format!("{name}.pub"))).unwrap();
        approval::chmod_600(&keys.join(name));
        let key = format!("demo-keys/{name}");
        let run = ws.run("2027-03-26T10:00:00Z", &["sign", ".", MARCH, "--key", &key]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let shown = between(&ws, "2027-03-26T10:00:00Z", &[]);
        if name == "baumann" {
            assert!(
                shown.contains("· to sign: Dr. Sophie Vandenberghe\n"),
                "{shown}"
            );
        } else {
            assert_eq!(shown, "", "signed by both, nothing awaits");
        }
    }
    // Another member's own actions are not what the secretariat waits for.
    assert_eq!(
        between(&ws, "2027-03-26T10:00:00Z", &["--owner", "uct"]),
        ""
    );
}

#[test]
fn an_open_procedure_shows_its_deadline_in_the_viewers_zone_until_it_closes() {
    let ws = Ws {
        dir: common::example_copy(),
    };
    let before = "2027-05-03T09:00:00Z";
    assert_eq!(between(&ws, before, &[]), "", "nothing awaits yet");
    ws.record(PROCEDURE, before, "open-procedure");
    ws.record(PROCEDURE, before, "reply eth yes --via email");
    let shown = between(&ws, before, &["--zone", "Australia/Sydney"]);
    assert!(
        shown.contains(
            "written procedure · 1 of 7 replied · closes Fri 14 May 23:59 CEST = Sat 15 May 07:59 AEST"
        ),
        "{shown}"
    );
    let refused = ws.run(before, &["actions", ".", "--zone", "Mars/Olympus"]);
    assert_eq!(refused.code, Some(1));
    assert!(
        refused
            .stderr
            .contains("`Mars/Olympus` is not an IANA time-zone name")
    );
    let after = "2027-05-15T09:00:00Z";
    assert!(
        between(&ws, after, &[])
            .contains("deadline passed Fri 14 May 23:59 CEST: its outcome is final, to be closed")
    );
    ws.record(PROCEDURE, after, "close");
    assert_eq!(between(&ws, after, &[]), "");
}

#[test]
fn the_dashboard_shows_an_open_procedure_in_the_delegates_zone() {
    let ws = Ws {
        dir: common::example_copy(),
    };
    let now = "2027-05-03T09:00:00Z";
    ws.record(PROCEDURE, now, "open-procedure");
    ws.record(PROCEDURE, now, "reply eth yes --via email");
    let workspace = Workspace::load(Path::new(ws.root())).expect("valid workspace");
    let actor = Actor::delegate(&workspace.charter, "unsw", "Prof. Olivia Hartley");
    let app = App::new(
        workspace,
        Box::new(FixedClock(now.parse().expect("instant"))),
        Theme::monochrome(),
    );
    let app = match actor {
        Some(actor) => app.with_actor(actor),
        None => panic!("the example names Prof. Olivia Hartley at unsw"),
    };
    let shown = screen(&app, 120, 40);
    for text in [
        "▸ 2027-05-steering-seed-grants",
        "1 of 7 replied",
        "closes Fri 14 May 23:59 CEST",
        "Sat 15 May 07:59 AEST",
    ] {
        assert!(shown.contains(text), "{text} missing from\n{shown}");
    }
    insta::assert_snapshot!(shown);
}
