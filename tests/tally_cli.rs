//! `plenary tally FILE` run as a real process (SPEC 3.2 and 6): every
//! method on a small profile with a known result, the JSON shape key by key,
//! the readable table, and every kind of bad file reported with exact
//! `path:line:column: message` lines, nothing on stdout and exit 1; usage
//! mistakes exit 2.

mod common;

use common::Run;

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

/// Runs `plenary tally ARGS...` in `dir`, so that paths in diagnostics are
/// the short names the test wrote.
fn tally_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("plenary")
        .expect("binary")
        .current_dir(dir)
        .arg("tally")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run::of(output)
}

/// Runs from the crate root (for the shipped example files).
fn tally(args: &[&str]) -> Run {
    tally_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Writes `text` as `ballots.toml` in a fresh folder and runs on it.
fn tally_text(text: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ballots.toml"), text).expect("write");
    let args: Vec<&str> = ["ballots.toml"].iter().chain(args).copied().collect();
    tally_in(dir.path(), &args)
}

/// The JSON result of a valid file.
fn json_of(text: &str) -> Value {
    let run = tally_text(text, &["--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// The diagnostics' first lines, for a file that must be rejected whole.
fn rejected(text: &str) -> Vec<String> {
    let run = tally_text(text, &[]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "nothing is tallied: {}", run.stdout);
    headlines(&run.stderr)
}

fn headlines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("ballots.toml:") || l.contains("problem"))
        .map(str::to_owned)
        .collect()
}

// ---- every method, known results ----

#[test]
fn plurality_counts_first_preferences() {
    let v = json_of(
        r#"method = "plurality"
options = ["a", "b", "c"]
[[ballots]]
weight = 3
ranking = ["a", "b", "c"]
[[ballots]]
weight = 2
ranking = ["b", "c", "a"]
[[ballots]]
weight = 2
ranking = ["c", "b", "a"]
"#,
    );
    assert_eq!(
        v,
        json!({"method": "plurality", "winners": ["a"], "ranking": [["a"], ["b", "c"]],
               "tie_broken": false, "ballots": 3, "weight": 7,
               "details": {"points": {"a": 3, "b": 2, "c": 2}}})
    );
}

#[test]
fn approval_counts_approvals() {
    let v = json_of(
        r#"method = "approval"
options = ["a", "b", "c"]
[[ballots]]
approve = ["a", "b"]
[[ballots]]
weight = 2
approve = ["b"]
[[ballots]]
approve = ["c"]
"#,
    );
    assert_eq!(v["winners"], json!(["b"]));
    assert_eq!(v["ranking"], json!([["b"], ["a", "c"]]));
    assert_eq!(v["details"], json!({"points": {"a": 1, "b": 3, "c": 1}}));
    assert_eq!(
        (v["ballots"].clone(), v["weight"].clone()),
        (json!(3), json!(4))
    );
}

#[test]
fn borda_can_disagree_with_the_majority_favourite() {
    // a is first for 3 of 5 weight, but b is everyone's first or second.
    let v = json_of(
        r#"method = "borda"
options = ["a", "b", "c"]
[[ballots]]
weight = 3
ranking = ["a", "b", "c"]
[[ballots]]
weight = 2
ranking = ["b", "c", "a"]
"#,
    );
    assert_eq!(v["details"], json!({"points": {"a": 6, "b": 7, "c": 2}}));
    assert_eq!(v["winners"], json!(["b"]));
    assert_eq!(v["ranking"], json!([["b"], ["a"], ["c"]]));
}

#[test]
fn irv_elects_knoxville_in_the_tennessee_example() {
    let run = tally(&["agendas/ballots/irv-example.toml", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["winners"], json!(["knoxville"]));
    assert_eq!(
        v["ranking"],
        json!([["knoxville"], ["memphis"], ["nashville"], ["chattanooga"]])
    );
    assert_eq!(
        (v["ballots"].clone(), v["weight"].clone()),
        (json!(8), json!(100))
    );
    let rounds = &v["details"]["runs"][0]["rounds"];
    assert_eq!(
        rounds[0],
        json!({"counts": {"memphis": 42, "nashville": 26, "chattanooga": 15, "knoxville": 17},
               "exhausted": 0, "eliminated": ["chattanooga"]})
    );
    assert_eq!(rounds[1]["eliminated"], json!(["nashville"]));
    assert_eq!(rounds[2]["counts"], json!({"memphis": 42, "knoxville": 58}));
}

/// The Condorcet cycle of the Schulze method's standard example (45
/// voters, five options): E wins, then A, C, B, D.
const SCHULZE_CYCLE: &str = r#"method = "schulze"
options = ["a", "b", "c", "d", "e"]
[[ballots]]
weight = 5
ranking = ["a", "c", "b", "e", "d"]
[[ballots]]
weight = 5
ranking = ["a", "d", "e", "c", "b"]
[[ballots]]
weight = 8
ranking = ["b", "e", "d", "a", "c"]
[[ballots]]
weight = 3
ranking = ["c", "a", "b", "e", "d"]
[[ballots]]
weight = 7
ranking = ["c", "a", "e", "b", "d"]
[[ballots]]
weight = 2
ranking = ["c", "b", "a", "d", "e"]
[[ballots]]
weight = 7
ranking = ["d", "c", "e", "b", "a"]
[[ballots]]
weight = 8
ranking = ["e", "b", "a", "d", "c"]
"#;

#[test]
fn schulze_resolves_the_condorcet_cycle() {
    let v = json_of(SCHULZE_CYCLE);
    assert_eq!(v["winners"], json!(["e"]));
    assert_eq!(v["ranking"], json!([["e"], ["a"], ["c"], ["b"], ["d"]]));
    assert_eq!(v["tie_broken"], json!(false));
    assert_eq!(
        (v["ballots"].clone(), v["weight"].clone()),
        (json!(8), json!(45))
    );
    assert_eq!(
        v["details"]["pairwise"]["a"],
        json!({"b": 20, "c": 26, "d": 30, "e": 22})
    );
    assert_eq!(
        v["details"]["strongest_paths"]["e"],
        json!({"a": 5, "b": 11, "c": 11, "d": 17})
    );
}

/// 200 options (the most a file may list): 100 leaders `w…`, each alone
/// at the top of one ballot, the first 50 followed by two followers `l…`
/// of their own. No option beats a leader, so all 100 share the top tier,
/// though 50 of them beat two options and 50 none; the options list names
/// the leaders last to first, which decides between their equal Borda
/// points.
fn two_hundred_options(seats: usize) -> String {
    let w = |i: usize| format!("\"w{i:03}\"");
    let l = |i: usize| format!("\"l{i:03}\"");
    let options: Vec<String> = (1..=100).rev().map(w).chain((1..=100).map(l)).collect();
    let mut text = format!(
        "method = \"schulze\"\nseats = {seats}\noptions = [{}]\n",
        options.join(", ")
    );
    for i in 1..=100 {
        let mut ranking = vec![w(i)];
        if i <= 50 {
            ranking.extend([l(2 * i - 1), l(2 * i)]);
        }
        text += &format!("[[ballots]]\nranking = [{}]\n", ranking.join(", "));
    }
    text
}

#[test]
fn schulze_puts_every_unbeaten_option_in_the_top_tier() {
    let v = json_of(&two_hundred_options(1));
    let top = v["ranking"][0].as_array().expect("tiers");
    assert_eq!(top.len(), 100, "{top:?}");
    assert!(
        top.iter()
            .all(|o| o.as_str().is_some_and(|o| o.starts_with('w')))
    );
    assert_eq!(v["ranking"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["winners"], json!(["w100"]));
    assert_eq!(v["tie_broken"], json!(true));
    let sentence = v["details"]["tie_break"].as_str().unwrap_or_default();
    assert!(
        sentence
            .ends_with("then by their order in the options list (earlier first); w100 is elected"),
        "{sentence}"
    );

    let v = json_of(&two_hundred_options(100));
    assert_eq!(v["winners"], v["ranking"][0]);
    assert_eq!(v["tie_broken"], json!(false));
}

#[test]
fn copeland_counts_wins_minus_losses() {
    let v = json_of(
        r#"method = "copeland"
options = ["a", "b", "c"]
[[ballots]]
weight = 2
ranking = ["a", "b", "c"]
[[ballots]]
ranking = ["b", "c", "a"]
[[ballots]]
ranking = ["c", "a", "b"]
"#,
    );
    assert_eq!(v["ranking"], json!([["a"], ["b"], ["c"]]));
    assert_eq!(
        v["details"]["copeland"],
        json!({"a": {"wins": 1, "losses": 0, "ties": 1, "score": 1},
               "b": {"wins": 1, "losses": 1, "ties": 0, "score": 0},
               "c": {"wins": 0, "losses": 1, "ties": 1, "score": -1}})
    );
    assert_eq!(v["details"]["pairwise"]["a"], json!({"b": 3, "c": 2}));
}

#[test]
fn score_adds_weighted_scores() {
    let v = json_of(
        r#"method = "score"
options = ["a", "b", "c"]
[[ballots]]
weight = 2
scores = { a = 5, b = 3 }
[[ballots]]
scores = { b = 10 }
[[ballots]]
scores = { c = 7, a = 1 }
"#,
    );
    assert_eq!(v["details"], json!({"points": {"a": 11, "b": 16, "c": 7}}));
    assert_eq!(v["ranking"], json!([["b"], ["a"], ["c"]]));
}

#[test]
fn a_broken_tie_is_reported_and_explained() {
    let v = json_of(
        r#"method = "plurality"
options = ["a", "b"]
[[ballots]]
ranking = ["a"]
[[ballots]]
ranking = ["b", "a"]
"#,
    );
    assert_eq!(v["tie_broken"], json!(true));
    assert_eq!(v["winners"], json!(["a"]));
    assert_eq!(v["ranking"], json!([["a", "b"]]));
    assert_eq!(
        v["details"]["tie_break"],
        json!(
            "a and b tied on first preferences (1); ordered by Borda points (a 1, b 1), \
             then by their order in the options list (earlier first); a is elected"
        )
    );
}

#[test]
fn json_keys_come_in_the_spec_order() {
    let run = tally(&["agendas/ballots/priorities-2027.toml", "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    let at = |key: &str| {
        out.find(&format!("\n  \"{key}\":"))
            .unwrap_or_else(|| panic!("no top-level {key} in {out}"))
    };
    let keys = [
        "method",
        "winners",
        "ranking",
        "tie_broken",
        "ballots",
        "weight",
        "details",
    ];
    let positions: Vec<usize> = keys.iter().map(|k| at(k)).collect();
    assert!(positions.is_sorted(), "{out}");
    let v: Value = serde_json::from_str(out).expect("JSON");
    assert_eq!(v.as_object().map(|o| o.len()), Some(keys.len()));
    assert_eq!(
        v["winners"],
        json!(["climate-adaptation", "energy-transition"])
    );
    assert_eq!(
        (v["ballots"].clone(), v["weight"].clone()),
        (json!(11), json!(15))
    );
}

// ---- the table ----

#[test]
fn the_irv_table_shows_places_figures_and_rounds() {
    let run = tally(&["agendas/ballots/irv-example.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
Instant-runoff: the option with the fewest votes is eliminated each round
8 ballots, total weight 100; 1 seat

place  option       votes
    1  knoxville       58  final round            elected
    2  memphis         42  final round
    3  nashville       26  eliminated in round 2
    4  chattanooga     15  eliminated in round 1

Elected: knoxville

Rounds (votes per option; blank once eliminated):
                1   2   3
  memphis      42  42  42
  nashville    26  26
  chattanooga  15
  knoxville    17  32  58
  exhausted     0   0   0
  round 1: chattanooga eliminated
  round 2: nashville eliminated
  knoxville wins
"
    );
}

#[test]
fn the_schulze_table_prints_the_pairwise_matrix() {
    let run = tally_text(SCHULZE_CYCLE, &["--format", "table"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.starts_with("Schulze: strongest beat-paths on pairwise margins\n8 ballots, total weight 45; 1 seat\n"), "{out}");
    assert!(
        out.contains("    1  e                    4  elected\n"),
        "{out}"
    );
    assert!(out.contains("    5  d                    0\n"), "{out}");
    assert!(
        out.contains(
            "Pairwise preferences (weight preferring the row to the column):\n         1   2   3   4   5\n  1  e   -  23  21  27  31\n"
        ),
        "{out}"
    );
    assert!(out.contains("Strongest beat-paths"), "{out}");
}

#[test]
fn the_table_marks_seats_and_shared_places_and_the_tie_break() {
    // Level on first preferences; Borda points (b 3, c 3, a 2) pick the seats.
    let run = tally_text(
        r#"method = "plurality"
options = ["a", "b", "c"]
seats = 2
[[ballots]]
ranking = ["a"]
[[ballots]]
ranking = ["b", "c"]
[[ballots]]
ranking = ["c", "b"]
"#,
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("   1=  b                       1  elected, seat 1\n"),
        "{out}"
    );
    assert!(
        out.contains("   1=  c                       1  elected, seat 2\n"),
        "{out}"
    );
    assert!(out.contains("   1=  a                       1\n"), "{out}");
    assert!(
        out.contains(
            "\nElected: b, c\nTie broken: b, c and a tied on first preferences (1); \
             ordered by Borda points (b 3, c 3, a 2); b and c are elected.\n"
        ),
        "{out}"
    );
}

// ---- invalid files: everything reported, nothing tallied ----

#[test]
fn every_bad_ballot_is_reported_with_its_line() {
    let errors = rejected(
        r#"method = "schulze"
options = ["a", "b", "c"]

[[ballots]]
voter = "uct"
ranking = ["a", "x"]

[[ballots]]
voter = "eth"
ranking = ["b", "c", "b"]

[[ballots]]
voter = "uct"
weight = 0
ranking = ["c"]

[[ballots]]
weight = -3
scores = { a = 4 }
"#,
    );
    assert_eq!(
        errors,
        [
            "ballots.toml:6:17: ballot 1 (uct): unknown option `x`; the options are a, b, c",
            "ballots.toml:10:22: ballot 2 (eth): option `b` appears twice",
            "ballots.toml:13:9: ballot 3 (uct): voter `uct` already cast ballot 1",
            "ballots.toml:14:10: ballot 3 (uct): weight must be at least 1",
            "ballots.toml:18:10: ballot 4: weight must be at least 1, not -3",
            "ballots.toml:19:10: ballot 4: schulze needs a `ranking` ballot, not `scores`",
            "6 problems in ballots.toml; nothing was tallied",
        ]
    );
}

#[test]
fn a_diagnostic_shows_the_line_and_a_caret() {
    let run = tally_text(
        "method = \"irv\"\noptions = [\"a\", \"b\"]\n[[ballots]]\nranking = [\"b\", \"z\"]\n",
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr,
        "ballots.toml:4:17: ballot 1: unknown option `z`; the options are a, b\n  |\n4 | ranking = [\"b\", \"z\"]\n  |                 ^^^\n\n1 problem in ballots.toml; nothing was tallied\n"
    );
}

#[test]
fn scores_out_of_range_and_wrong_marks_are_rejected() {
    let errors = rejected(
        r#"method = "score"
options = ["a", "b"]
[[ballots]]
scores = { a = 11 }
[[ballots]]
scores = { b = -1 }
[[ballots]]
ranking = ["a"]
[[ballots]]
weight = 2
"#,
    );
    assert_eq!(
        errors,
        [
            "ballots.toml:4:16: ballot 1: score 11 for `a` is outside 0 to 10",
            "ballots.toml:6:16: ballot 2: score -1 for `b` is outside 0 to 10",
            "ballots.toml:8:11: ballot 3: score needs a `scores` ballot, not `ranking`",
            "ballots.toml:9:1: ballot 4 has no marks: a score ballot needs `scores`",
            "4 problems in ballots.toml; nothing was tallied",
        ]
    );
}

#[test]
fn unknown_keys_method_and_seats_are_reported() {
    let errors = rejected(
        r#"method = "condorcet"
options = ["a", "b"]
seats = 3
quorum = 5
[[ballots]]
ranking = ["a"]
rank = ["b"]
"#,
    );
    assert_eq!(
        errors,
        [
            "ballots.toml:1:10: unknown method `condorcet`; expected one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
            "ballots.toml:3:9: `seats` is too large: 3 seats but only 2 options",
            "ballots.toml:4:1: unknown key `quorum`, expected one of `method`, `options`, `seats`, `ballots`, `ballots_csv`",
            "ballots.toml:7:1: unknown key `rank`, expected one of `voter`, `weight`, `ranking`, `approve`, `scores`",
            "4 problems in ballots.toml; nothing was tallied",
        ]
    );
}

#[test]
fn a_misspelt_method_gets_a_suggestion() {
    let errors =
        rejected("method = \"shulze\"\noptions = [\"a\"]\n[[ballots]]\nranking = [\"a\"]\n");
    assert!(
        errors[0]
            .starts_with("ballots.toml:1:10: unknown method `shulze` (did you mean `schulze`?)"),
        "{errors:?}"
    );
}

#[test]
fn an_empty_file_is_rejected() {
    assert_eq!(
        rejected(""),
        [
            "ballots.toml:1:1: the ballot file is empty: it needs `method`, `options` and [[ballots]] tables",
            "1 problem in ballots.toml; nothing was tallied",
        ]
    );
    assert_eq!(
        rejected("method = \"irv\"\noptions = [\"a\"]\nballots = []\n"),
        [
            "ballots.toml:1:1: the list of [[ballots]] is empty: there is nothing to tally",
            "1 problem in ballots.toml; nothing was tallied",
        ]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("ballots.toml"),
        b"method = \"irv\"\noptions = [\"\xff\"]\n",
    )
    .expect("write");
    let run = tally_in(dir.path(), &["ballots.toml"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    assert_eq!(
        headlines(&run.stderr),
        [
            "ballots.toml:2:13: file is not UTF-8 text (byte 0xFF at offset 27)",
            "1 problem in ballots.toml; nothing was tallied",
        ]
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = tally_in(dir.path(), &["nowhere.toml"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("nowhere.toml:1:1: cannot read file: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_syntax_error_is_reported_without_a_tally() {
    let run = tally_text(
        "method = \"irv\"\noptions = [\"a\", \"b\"]\n[[ballots]\nranking = [\"a\"]\n",
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    assert!(run.stderr.starts_with("ballots.toml:3:"), "{}", run.stderr);
}

// ---- usage ----

#[test]
fn usage_mistakes_exit_2() {
    for args in [
        &[][..],
        &["agendas/ballots/irv-example.toml", "--format", "xml"],
        &["agendas/ballots/irv-example.toml", "--seats", "2"],
        &["a.toml", "b.toml"],
    ] {
        let run = tally(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_shows_an_example() {
    let run = tally(&["--help"]);
    assert_eq!(run.code, Some(0));
    assert!(
        run.stdout
            .contains("plenary tally agendas/ballots/priorities-2027.toml"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_shipped_examples_tally() {
    for file in [
        "agendas/ballots/priorities-2027.toml",
        "agendas/ballots/irv-example.toml",
    ] {
        let run = tally(&[file]);
        assert_eq!(run.code, Some(0), "{file}: {}", run.stderr);
        assert!(run.stderr.is_empty());
    }
}

// ---- CSV ballots ----

/// 5,000 ballots over 6 options, drawn from a fixed sequence, written as
/// `[[ballots]]` tables and as CSV rows (a `weight` column and ranks 1-6):
/// the TOML file, the contest file naming `votes.csv`, and the CSV.
fn generated_ballots() -> (String, String, String) {
    let options = ["a", "b", "c", "d", "e", "f"];
    let head =
        "method = \"schulze\"\noptions = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\nseats = 2\n";
    let mut toml = String::from(head);
    let mut csv = String::from("weight,1,2,3,4,5,6\n");
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..5_000 {
        let mut order: Vec<usize> = (0..6).collect();
        for i in (1..6).rev() {
            order.swap(i, next(i + 1));
        }
        let len = next(7);
        let weight = 1 + next(3);
        let ids: Vec<&str> = order[..len].iter().map(|&o| options[o]).collect();
        let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        toml.push_str(&format!(
            "\n[[ballots]]\nweight = {weight}\nranking = [{}]\n",
            quoted.join(", ")
        ));
        let cells: Vec<&str> = (0..6).map(|k| ids.get(k).copied().unwrap_or("")).collect();
        csv.push_str(&format!("{weight},{}\n", cells.join(",")));
    }
    let contest = format!("{head}ballots_csv = \"votes.csv\"\n");
    (toml, contest, csv)
}

#[test]
fn a_csv_of_ballots_tallies_like_the_same_ballots_in_toml() {
    let (toml, contest, csv) = generated_ballots();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ballots.toml"), &toml).expect("write");
    std::fs::write(dir.path().join("contest.toml"), contest).expect("write");
    std::fs::write(dir.path().join("votes.csv"), csv).expect("write");
    let from_toml = tally_in(dir.path(), &["ballots.toml", "--format", "json"]);
    let from_csv = tally_in(dir.path(), &["contest.toml", "--format", "json"]);
    assert_eq!(from_toml.code, Some(0), "{}", from_toml.stderr);
    assert_eq!(from_csv.code, Some(0), "{}", from_csv.stderr);
    assert_eq!(from_csv.stdout, from_toml.stdout);
    let result: Value = serde_json::from_str(&from_csv.stdout).expect("JSON");
    assert_eq!(result["ballots"], json!(5_000));
}

#[test]
fn problems_in_a_csv_are_reported_in_it_and_counted_against_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("contest.toml"),
        "method = \"irv\"\noptions = [\"a\", \"b\"]\nballots_csv = \"votes.csv\"\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("votes.csv"), "1,2\nb,z\n").expect("write");
    let run = tally_in(dir.path(), &["contest.toml"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "votes.csv:2:3: ballot 1: unknown option `z`; the options are a, b\n  |\n2 | b,z\n  |   ^\n\n1 problem in votes.csv; nothing was tallied\n"
    );
}
