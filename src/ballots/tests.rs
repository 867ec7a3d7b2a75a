//! Ballot files: a good one becomes the contest it says; each kind of
//! mistake is reported where it is, and all of them at once.

use super::{Counted, load_ballots};
use crate::files::SourceFile;
use crate::vote::ranked::{Ballot, Contest, Method, RankingResult, tally, tally_box};

fn load(text: &str) -> Result<Counted, Vec<String>> {
    let file = SourceFile::new("b.toml", text);
    load_ballots(&file).map_err(|ds| ds.iter().map(|d| d.headline()).collect())
}

/// What the file tallies to, next to what the same ballots written as a
/// [`Contest`] tally to.
fn same_as(text: &str, method: Method, options: &[&str], seats: usize, ballots: Vec<Ballot>) {
    let counted = load(text).expect("valid");
    let read: RankingResult = tally_box(&counted.ballots, counted.seats).expect("tallies");
    let mut contest = Contest::new(method, options.iter().copied());
    contest.seats = seats;
    contest.ballots = ballots;
    assert_eq!(read, tally(&contest).expect("tallies"));
}

fn errors(text: &str) -> Vec<String> {
    match load(text) {
        Ok(c) => panic!("expected problems, got {c:?}"),
        Err(e) => e,
    }
}

const HEAD: &str = "method = \"schulze\"\noptions = [\"a\", \"b\", \"c\"]\n";

#[test]
fn a_good_file_becomes_its_contest() {
    let text = format!(
        "{HEAD}seats = 2\n\n[[ballots]]\nvoter = \"uct\"\nweight = 2\nranking = [\"b\", \"a\"]\n\n[[ballots]]\nranking = []\n"
    );
    let counted = load(&text).expect("valid");
    assert_eq!(counted.ballots.method(), Method::Schulze);
    assert_eq!(counted.ballots.options(), ["a", "b", "c"]);
    assert_eq!(counted.seats, 2);
    assert_eq!(
        (counted.ballots.ballots(), counted.ballots.weight()),
        (2, 3)
    );
    let ballots = vec![
        Ballot::ranking(["b", "a"]).weighted(2),
        Ballot::ranking(Vec::<String>::new()),
    ];
    same_as(&text, Method::Schulze, &["a", "b", "c"], 2, ballots);
}

#[test]
fn approval_and_score_ballots_read_their_marks() {
    let approve =
        "method = \"approval\"\noptions = [\"a\", \"b\"]\n[[ballots]]\napprove = [\"b\"]\n";
    same_as(
        approve,
        Method::Approval,
        &["a", "b"],
        1,
        vec![Ballot::approve(["b"])],
    );
    let score =
        "method = \"score\"\noptions = [\"a\", \"b\"]\n[[ballots]]\nscores = { a = 0, b = 10 }\n";
    let ballots = vec![Ballot::scores([("a", 0), ("b", 10)])];
    same_as(score, Method::Score, &["a", "b"], 1, ballots);
}

#[test]
fn every_bad_ballot_is_reported_at_its_value() {
    let text = format!(
        "{HEAD}\
[[ballots]]
ranking = [\"a\", \"x\"]

[[ballots]]
voter = \"uct\"
ranking = [\"b\", \"b\"]

[[ballots]]
weight = 0
ranking = [\"a\"]

[[ballots]]
weight = -2
approve = [\"a\"]
"
    );
    assert_eq!(
        errors(&text),
        [
            "b.toml:4:17: ballot 1: unknown option `x`; the options are a, b, c",
            "b.toml:8:17: ballot 2 (uct): option `b` appears twice",
            "b.toml:11:10: ballot 3: weight must be at least 1",
            "b.toml:15:10: ballot 4: weight must be at least 1, not -2",
            "b.toml:16:11: ballot 4: schulze needs a `ranking` ballot, not `approve`",
        ]
    );
}

#[test]
fn scores_outside_zero_to_ten_are_rejected() {
    let text =
        "method = \"score\"\noptions = [\"a\", \"b\"]\n[[ballots]]\nscores = { a = 11, b = -1 }\n";
    assert_eq!(
        errors(text),
        [
            "b.toml:4:16: ballot 1: score 11 for `a` is outside 0 to 10",
            "b.toml:4:24: ballot 1: score -1 for `b` is outside 0 to 10",
        ]
    );
}

#[test]
fn a_ballot_keeps_its_number_after_an_unreadable_one() {
    let text = format!(
        "{HEAD}[[ballots]]\nranking = [\"a\"]\ncolour = \"red\"\n\n[[ballots]]\nranking = [\"q\"]\n"
    );
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("b.toml:5:1: unknown key `colour`"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("b.toml:8:12: ballot 2: unknown option `q`"),
        "{errors:?}"
    );
}

#[test]
fn duplicate_voters_name_the_first_ballot() {
    let text = format!(
        "{HEAD}[[ballots]]\nvoter = \"eth\"\nranking = [\"a\"]\n[[ballots]]\nvoter = \"eth\"\nranking = [\"b\"]\n"
    );
    assert_eq!(
        errors(&text),
        ["b.toml:7:9: ballot 2 (eth): voter `eth` already cast ballot 1"]
    );
}

#[test]
fn marks_missing_or_doubled_are_reported() {
    let text = format!(
        "{HEAD}[[ballots]]\nvoter = \"a\"\n[[ballots]]\nranking = [\"a\"]\napprove = [\"a\"]\n"
    );
    assert_eq!(
        errors(&text),
        [
            "b.toml:3:1: ballot 1 (a) has no marks: a schulze ballot needs `ranking`",
            "b.toml:7:11: ballot 2 has both `ranking` and `approve`; a ballot carries one kind of marks",
        ]
    );
}

#[test]
fn the_head_of_the_file_is_checked() {
    let text = "method = \"shulze\"\noptions = [\"a\", \"a\"]\nseats = 0\ncolour = 1\n[[ballots]]\nranking = [\"zz\"]\n";
    assert_eq!(
        errors(text),
        [
            "b.toml:1:10: unknown method `shulze` (did you mean `schulze`?); expected one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
            "b.toml:2:17: option `a` is listed twice",
            "b.toml:3:9: `seats` must be a positive whole number, not 0",
            "b.toml:4:1: unknown key `colour`, expected one of `method`, `options`, `seats`, `ballots`, `ballots_csv`",
        ]
    );
}

#[test]
fn more_seats_than_options_is_an_error() {
    let text = format!("{HEAD}seats = 4\n[[ballots]]\nranking = [\"a\"]\n");
    assert_eq!(
        errors(&text),
        ["b.toml:3:9: `seats` is too large: 4 seats but only 3 options"]
    );
}

#[test]
fn missing_pieces_are_named() {
    assert_eq!(
        errors(""),
        [
            "b.toml:1:1: the ballot file is empty: it needs `method`, `options` and [[ballots]] tables"
        ]
    );
    assert_eq!(
        errors(HEAD),
        ["b.toml:1:1: the list of [[ballots]] is missing: there is nothing to tally"]
    );
    assert_eq!(
        errors("[[ballots]]\nranking = [\"a\"]\n"),
        [
            "b.toml:1:1: missing key `method`, one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
            "b.toml:1:1: missing key `options`, the list of option ids",
        ]
    );
}

#[test]
fn syntax_errors_do_not_panic_or_cascade() {
    let errors = errors("method = \"irv\"\noptions = [\"a\"\n[[ballots]]\nranking = [\"a\"]\n");
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e.starts_with("b.toml:")),
        "{errors:?}"
    );
}

#[test]
fn a_long_bad_list_reports_ten_problems_and_counts_the_rest() {
    let ids = vec!["\"a\""; 2_000].join(", ");
    let text = format!("{HEAD}[[ballots]]\nranking = [{ids}]\n");
    let errors = errors(&text);
    assert_eq!(errors.len(), 11, "{errors:?}");
    assert!(
        errors[0].contains("ballot 1: option `a` appears twice"),
        "{errors:?}"
    );
    assert_eq!(
        errors[10],
        "b.toml:4:67: ballot 1: 1989 more problems in this list from here"
    );
}

#[test]
fn too_many_options_are_refused_before_any_pairwise_work() {
    let ids: Vec<String> = (0..201).map(|i| format!("\"o{i}\"")).collect();
    let text = format!(
        "method = \"schulze\"\noptions = [{}]\n[[ballots]]\nranking = [\"o1\"]\n",
        ids.join(", ")
    );
    assert_eq!(
        errors(&text),
        ["b.toml:2:11: `options` lists 201 options; at most 200 can be ranked"]
    );
}

#[test]
fn long_option_lists_are_pointed_at_rather_than_repeated() {
    let ids: Vec<String> = (0..20).map(|i| format!("\"o{i}\"")).collect();
    let text = format!(
        "method = \"irv\"\noptions = [{}]\n[[ballots]]\nranking = [\"zz\"]\n",
        ids.join(", ")
    );
    assert_eq!(
        errors(&text),
        ["b.toml:4:12: ballot 1: unknown option `zz`; see `options` on line 2"]
    );
}
