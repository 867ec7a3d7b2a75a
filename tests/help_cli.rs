//! The help pages (issue 14): each reads on its own, with a usage line a
//! person can copy, and refers only to what a user can open.

mod common;

use std::process::Command;

use common::Run;

fn help(args: &[&str]) -> String {
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .arg("--help")
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn record_help_has_a_plain_usage_and_explains_its_words_in_place() {
    let page = help(&["record"]);
    assert!(
        page.contains("Usage: plenary record [OPTIONS] [WORKSPACE] MEETING EVENT...\n"),
        "{page}"
    );
    assert!(!page.contains("<[WORKSPACE]"), "{page}");
    assert!(!page.contains("see `plenary record --help`"), "{page}");
    // Every event the command takes is listed on the page itself.
    for event in [
        "present", "absent", "apologies", "guest", "proxy", "open", "close", "motion", "vote",
        "change", "recuse", "ballot", "change-ballot", "note", "action", "withdraw", "reopen",
        "void", "amend", "close-meeting",
    ] {
        assert!(
            page.lines().any(|l| l.split_whitespace().any(|w| w == event)),
            "{event} is not explained:\n{page}"
        );
    }
}

#[test]
fn action_help_has_a_plain_usage() {
    let page = help(&["action"]);
    assert!(
        page.contains("Usage: plenary action [OPTIONS] [WORKSPACE] ID CHANGE...\n"),
        "{page}"
    );
    assert!(!page.contains("<[WORKSPACE]"), "{page}");
}

#[test]
fn no_help_page_refers_to_the_spec() {
    for command in [
        &[][..],
        &["action"],
        &["actions"],
        &["check"],
        &["invite"],
        &["minutes"],
        &["record"],
        &["schedule"],
        &["serve"],
        &["tally"],
    ] {
        let page = help(command);
        assert!(!page.contains("SPEC"), "{command:?}:\n{page}");
    }
}
