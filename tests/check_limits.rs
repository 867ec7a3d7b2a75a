//! Bounded work in `plenary check` (issue 12, finding 6): however many
//! problems a file has, each file prints its first
//! `plenary::files::SHOWN_PER_FILE` and counts the rest, and a file with
//! tens of thousands of problems on one line is checked without a copy of
//! that line per problem. Speed and memory growth are measured by
//! `cargo bench --bench check`, not here.

mod common;

use common::Run;

use assert_cmd::Command;
use plenary::files::SHOWN_PER_FILE;

fn check(dir: &std::path::Path) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .arg("check")
        .arg(dir)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    Run::of(output)
}

fn workspace(charter: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charter.toml"), charter).expect("write");
    dir
}

const ALLIANCE: &str = "[alliance]\nid = \"a\"\nname = \"A\"\ntimezone = \"UTC\"\n";

#[test]
fn a_file_prints_its_first_problems_then_counts_the_rest() {
    let n = SHOWN_PER_FILE + 50;
    let mut text = ALLIANCE.to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "[[members]]\nid = \"m{i}\"\nname = \"M\"\nkind = \"funder\"\ncountry = \"ZA\"\ntimezone = \"Mars/Base{i}\"\n"
        ));
    }
    let dir = workspace(&text);
    let run = check(dir.path());
    assert_eq!(run.code, Some(1));
    let path = dir.path().join("charter.toml");
    let headlines = run
        .stderr
        .lines()
        .filter(|l| l.starts_with(&format!("{}:", path.display())))
        .count();
    // Every shown problem's headline, plus the line that counts the rest.
    assert_eq!(headlines, SHOWN_PER_FILE + 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{}: … and 50 more problems in this file (the first {SHOWN_PER_FILE} are shown)",
            path.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().last(), Some("150 problems in 1 file"));
    // The problems shown are the first ones in the file.
    assert!(run.stderr.contains("unknown time zone `Mars/Base0`"));
    assert!(!run.stderr.contains(&format!("`Mars/Base{SHOWN_PER_FILE}`")));
}

#[test]
fn thirty_eight_thousand_problems_on_one_line_print_a_bounded_report() {
    // Finding 6: this was killed at 23.5 GB when each problem kept a copy
    // of the 3 MB line. Now the report is a hundred short excerpts.
    let n = 38_000;
    let members: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{id = \"m{i}\", name = \"M\", kind = \"funder\", country = \"ZA\", timezone = \"Mars/X\"}}"
            )
        })
        .collect();
    let text = format!("members = [{}]\n{ALLIANCE}", members.join(", "));
    assert!(text.len() > 3_000_000);
    let dir = workspace(&text);
    let run = check(dir.path());
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr.lines().last(), Some("38,000 problems in 1 file"));
    assert!(
        run.stderr
            .contains("… and 37,900 more problems in this file"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(500)..]
    );
    assert!(run.stderr.len() < 100_000, "{} bytes", run.stderr.len());
    assert!(
        run.stderr.lines().all(|l| l.chars().count() < 300),
        "every excerpt is cut to a window around its caret"
    );
}
