//! The help pages (issue 14): each reads on its own, with a usage line a
//! person can copy, and refers only to what a user can open.

mod common;

use std::process::Command;

use common::Run;

fn help(args: &[&str]) -> String {
    plenary_out(&[args, &["--help"]].concat())
}

/// Runs `plenary ARGS...`.
fn plenary(args: &[&str]) -> Run {
    Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .output()
            .unwrap(),
    )
}

/// Runs `plenary ARGS...`, which must succeed quietly; gives stdout.
#[track_caller]
fn plenary_out(args: &[&str]) -> String {
    let run = plenary(args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "{args:?}");
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
        "present",
        "absent",
        "apologies",
        "guest",
        "proxy",
        "open",
        "close",
        "motion",
        "vote",
        "change",
        "recuse",
        "ballot",
        "change-ballot",
        "note",
        "action",
        "withdraw",
        "reopen",
        "void",
        "amend",
        "close-meeting",
    ] {
        assert!(
            page.lines()
                .any(|l| l.split_whitespace().any(|w| w == event)),
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
        &["completions"],
        &["init"],
        &["man"],
    ] {
        let page = help(command);
        assert!(!page.contains("SPEC"), "{command:?}:\n{page}");
    }
}

#[test]
fn bash_completion_registers_in_a_real_bash() {
    let script = plenary_out(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plenary.bash");
    std::fs::write(&path, script).unwrap();
    let run = Run::of(
        Command::new("bash")
            .args(["--norc", "--noprofile", "-c"])
            .arg(format!(
                "source '{}' && complete -p plenary && COMP_WORDS=(plenary rec) COMP_CWORD=1 COMP_LINE='plenary rec' COMP_POINT=11 && _plenary plenary rec plenary && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                path.display()
            ))
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // `complete -p` prints the registration; then what `rec` completes to.
    assert!(
        run.stdout.starts_with("complete ") && run.stdout.contains(" -F _plenary plenary\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("\nrecord\n"), "{}", run.stdout);
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let zsh = plenary_out(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef plenary"), "{zsh}");
    let fish = plenary_out(&["completions", "fish"]);
    for command in ["record", "schedule", "actions", "completions", "man"] {
        assert!(zsh.contains(&format!("'{command}:")), "{command} in zsh");
        assert!(
            fish.contains(&format!("-a \"{command}\"")),
            "{command} in fish:\n{fish}"
        );
    }
    let run = plenary(&["completions", "tcsh"]);
    assert_eq!(run.code, Some(2), "an unknown shell is a usage error");
}

#[test]
fn man_pages_are_roff_for_plenary_and_each_command() {
    let page = plenary_out(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert!(page.contains(".TH plenary 1"), "{page}");
    for command in ["record", "schedule", "actions", "completions"] {
        assert!(
            page.contains(&format!("plenary\\-{command}(1)")),
            "{command}:\n{page}"
        );
    }
    let record = plenary_out(&["man", "record"]);
    assert!(
        record.contains(".TH plenary-record 1  \"plenary 0.1.0\""),
        "{record}"
    );
    assert!(record.contains("close\\-meeting"), "{record}");
    let run = plenary(&["man", "recrod"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("no command `recrod`"), "{}", run.stderr);
}
