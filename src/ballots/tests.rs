//! Ballot files: a good one becomes the contest it says; each kind of
//! mistake is reported where it is, and all of them at once.

use super::{Counted, load_ballots};
use crate::files::SourceFile;
use crate::vote::ranked::{Ballot, BallotKind, Contest, Method, RankingResult, tally, tally_box};

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

// ---- values of the wrong shape in a [[ballots]] table ----

#[test]
fn values_of_the_wrong_type_are_named_with_an_example() {
    let text = format!(
        "{HEAD}[[ballots]]\nweight = \"two\"\nranking = [\"a\"]\n[[ballots]]\nranking = [\"a\", 3]\n[[ballots]]\nscores.a = 5\n"
    );
    assert_eq!(
        errors(&text),
        [
            "b.toml:4:10: `weight` must be a whole number, e.g. weight = 2",
            "b.toml:7:17: `ranking` must be a list of option ids (strings)",
            "b.toml:9:7: dotted keys are not read in a ballot: write `scores = { a = 5, b = 3 }`",
        ]
    );
}

#[test]
fn a_repeated_key_or_a_stray_table_is_reported() {
    let text = format!(
        "{HEAD}[[ballots]]\nranking = [\"a\"]\nranking = [\"b\"]\n[ballots.extra]\n[colour]\n[[ballots]]\nranking = [\"q\"]\n"
    );
    let errors = errors(&text);
    assert_eq!(
        errors,
        [
            "b.toml:5:1: duplicate key `ranking`",
            "b.toml:6:2: [ballots.extra] is not read: write a ballot's values under its [[ballots]] line, e.g. `scores = { a = 5 }`",
            "b.toml:7:2: unknown key `colour`, expected one of `method`, `options`, `seats`, `ballots`, `ballots_csv`",
            "b.toml:9:12: ballot 2: unknown option `q`; the options are a, b, c",
        ]
    );
}

#[test]
fn an_unclosed_list_in_a_ballot_is_one_syntax_error() {
    let text = format!("{HEAD}[[ballots]]\nranking = [\"a\"\n[[ballots]]\nranking = [\"b\"]\n");
    assert_eq!(errors(&text), ["b.toml:4:15: unclosed array, expected `]`"]);
}

// ---- CSV ballot files ----

/// A contest file naming `votes.csv`, written with `csv` beside it.
fn csv_contest(head: &str, csv: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let contest = dir.path().join("contest.toml");
    std::fs::write(&contest, format!("{head}ballots_csv = \"votes.csv\"\n")).expect("write");
    std::fs::write(dir.path().join("votes.csv"), csv).expect("write");
    (dir, contest)
}

/// The headlines of a contest with these CSV ballots, paths cut to the
/// file name.
fn csv_errors(head: &str, csv: &str) -> Vec<String> {
    let (dir, contest) = csv_contest(head, csv);
    match super::read_ballots(&contest) {
        Ok(c) => panic!("expected problems, got {c:?}"),
        Err(ds) => {
            let prefix = format!("{}/", dir.path().display());
            ds.iter()
                .map(|d| d.headline().replacen(&prefix, "", 1))
                .collect()
        }
    }
}

fn csv_tally(head: &str, csv: &str) -> RankingResult {
    let (_dir, contest) = csv_contest(head, csv);
    let counted = super::read_ballots(&contest).expect("valid");
    tally_box(&counted.ballots, counted.seats).expect("tallies")
}

#[test]
fn a_csv_of_rankings_tallies_like_the_same_toml() {
    let csv = "voter,weight,1,2,3\nuct,2,b,a,\neth,,c,,\n\"epfl\",1,\"a\",c,b\n,3,,,\n";
    let toml = format!(
        "{HEAD}[[ballots]]\nvoter = \"uct\"\nweight = 2\nranking = [\"b\", \"a\"]\n\
         [[ballots]]\nvoter = \"eth\"\nranking = [\"c\"]\n\
         [[ballots]]\nvoter = \"epfl\"\nranking = [\"a\", \"c\", \"b\"]\n\
         [[ballots]]\nweight = 3\nranking = []\n"
    );
    let counted = load(&toml).expect("valid");
    let from_toml = tally_box(&counted.ballots, counted.seats).expect("tallies");
    assert_eq!(csv_tally(HEAD, csv), from_toml);
    assert_eq!((from_toml.ballots, from_toml.weight), (4, 7));
}

#[test]
fn approval_and_score_csvs_have_a_column_per_option() {
    let approval = "method = \"approval\"\noptions = [\"a\", \"b\"]\n";
    let result = csv_tally(approval, "b,a\n1,0\n1,1\n,1\n");
    assert_eq!(result.winners, ["a"]);
    let score = "method = \"score\"\noptions = [\"a\", \"b\"]\n";
    let result = csv_tally(score, "weight,a,b\n2,3,10\n1,,4\n");
    let toml = format!(
        "{score}[[ballots]]\nweight = 2\nscores = {{ a = 3, b = 10 }}\n[[ballots]]\nscores = {{ b = 4 }}\n"
    );
    let counted = load(&toml).expect("valid");
    assert_eq!(
        result,
        tally_box(&counted.ballots, counted.seats).expect("tallies")
    );
}

#[test]
fn bad_csv_cells_are_reported_at_their_line_and_column() {
    let csv = "voter,weight,1,2,3\nuct,1,a,x,\neth,1,b,c,b\nepfl,two,a,,\nkit,1,a,,c\n\"q,\"\"r\"\"\",1,\"b\",b,\nx,1\n";
    assert_eq!(
        csv_errors(HEAD, csv),
        [
            "votes.csv:2:9: ballot 1 (uct): unknown option `x`; the options are a, b, c",
            "votes.csv:3:11: ballot 2 (eth): option `b` appears twice",
            "votes.csv:4:6: a weight is a whole number, not `two`",
            "votes.csv:5:10: rank 3 is filled in but rank 2 is empty",
            "votes.csv:6:17: ballot 5 (q,\"r\"): option `b` appears twice",
            "votes.csv:7:4: this row has 2 fields, the header 5",
        ]
    );
}

#[test]
fn a_csv_header_must_fit_the_method() {
    assert_eq!(
        csv_errors(HEAD, "voter,1,3,colour,1\n"),
        [
            "votes.csv:1:11: unknown column `colour`, expected `voter`, `weight` or a rank `1`, `2` …",
            "votes.csv:1:18: column `1` appears twice",
        ]
    );
    assert_eq!(
        csv_errors(HEAD, "1,3\na,b\n"),
        ["votes.csv:1:4: the rank columns must be 1 to 2; rank 2 is missing"]
    );
    let approval = "method = \"approval\"\noptions = [\"a\", \"b\"]\n";
    assert_eq!(
        csv_errors(approval, "a,z\n1,2\n"),
        [
            "votes.csv:1:3: unknown column `z`, expected `voter`, `weight` or an option id; the options are a, b"
        ]
    );
    assert_eq!(
        csv_errors(approval, "a,b\n1,2\n"),
        ["votes.csv:2:3: an approval cell holds 1 (approved), 0 or nothing, not `2`"]
    );
}

#[test]
fn a_csv_line_break_in_quotes_keeps_the_line_numbers() {
    let csv = "voter,1\n\"two\nlines\",a\nnext,z\n";
    assert_eq!(
        csv_errors(HEAD, csv),
        ["votes.csv:4:6: ballot 2 (next): unknown option `z`; the options are a, b, c"]
    );
}

#[test]
fn a_csv_file_that_is_missing_empty_or_not_utf8_is_one_error() {
    let (dir, contest) = csv_contest(HEAD, "");
    let headline = |path: &std::path::Path| -> Vec<String> {
        let prefix = format!("{}/", dir.path().display());
        super::read_ballots(path)
            .expect_err("problems")
            .iter()
            .map(|d| d.headline().replacen(&prefix, "", 1))
            .collect()
    };
    assert_eq!(
        headline(&contest),
        [
            "votes.csv:1:1: the CSV file is empty: its first row names the columns (see docs/tally.md)"
        ]
    );
    std::fs::write(dir.path().join("votes.csv"), b"1,2\na,\xff\n").expect("write");
    assert_eq!(
        headline(&contest),
        ["votes.csv:2:3: the file is not UTF-8 text (byte 0xFF)"]
    );
    std::fs::remove_file(dir.path().join("votes.csv")).expect("remove");
    let missing = headline(&contest);
    assert!(
        missing[0].starts_with("votes.csv:1:1: cannot read file: "),
        "{missing:?}"
    );
    assert_eq!(
        headline(&dir.path().join("votes.csv")),
        [
            "votes.csv:1:1: a CSV file holds only the ballots: tally the contest file that names it (method, options, and `ballots_csv = \"…\"`, see docs/tally.md)"
        ]
    );
}

#[test]
fn a_file_cannot_name_a_csv_and_list_ballots_too() {
    let text = format!("{HEAD}ballots_csv = \"votes.csv\"\n[[ballots]]\nranking = [\"a\"]\n");
    assert_eq!(
        errors(&text),
        [
            "b.toml:3:15: `ballots_csv` names a CSV file, but the file lists ballots too (line 4): keep one of them"
        ]
    );
}

// ---- the two formats agree ----

mod same_ballots {
    use proptest::prelude::*;

    use super::*;

    /// One ballot: a weight, an optional voter, and marks as option
    /// positions (a ranking in order, approvals, or scores).
    #[derive(Debug, Clone)]
    struct Drawn {
        weight: Option<u32>,
        voter: bool,
        order: Vec<usize>,
        scores: Vec<Option<i64>>,
    }

    fn drawn(n: usize) -> impl Strategy<Value = Drawn> {
        (
            proptest::option::of(1u32..5),
            any::<bool>(),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            0..=n,
            proptest::collection::vec(proptest::option::of(0i64..=10), n),
        )
            .prop_map(|(weight, voter, mut order, len, scores)| {
                order.truncate(len);
                Drawn {
                    weight,
                    voter,
                    order,
                    scores,
                }
            })
    }

    fn contest() -> impl Strategy<Value = (Method, usize, usize, Vec<Drawn>)> {
        (0..Method::ALL.len(), 1usize..7).prop_flat_map(|(m, n)| {
            (
                Just(Method::ALL[m]),
                Just(n),
                1..=n,
                proptest::collection::vec(drawn(n), 1..25),
            )
        })
    }

    fn head(method: Method, n: usize, seats: usize) -> String {
        let ids: Vec<String> = (0..n).map(|o| format!("\"o{o}\"")).collect();
        format!(
            "method = \"{method}\"\noptions = [{}]\nseats = {seats}\n",
            ids.join(", ")
        )
    }

    fn as_toml(method: Method, ballots: &[Drawn]) -> String {
        let mut out = String::new();
        for (i, b) in ballots.iter().enumerate() {
            out.push_str("\n[[ballots]]\n");
            if b.voter {
                out.push_str(&format!("voter = \"v{i}\"\n"));
            }
            if let Some(w) = b.weight {
                out.push_str(&format!("weight = {w}\n"));
            }
            let ids: Vec<String> = b.order.iter().map(|o| format!("\"o{o}\"")).collect();
            match method.ballot_kind() {
                BallotKind::Ranking => out.push_str(&format!("ranking = [{}]\n", ids.join(", "))),
                BallotKind::Approve => out.push_str(&format!("approve = [{}]\n", ids.join(", "))),
                BallotKind::Scores => {
                    let scores: Vec<String> = (b.scores.iter().enumerate())
                        .filter_map(|(o, s)| s.map(|s| format!("o{o} = {s}")))
                        .collect();
                    out.push_str(&format!("scores = {{ {} }}\n", scores.join(", ")));
                }
            }
        }
        out
    }

    fn as_csv(method: Method, n: usize, ballots: &[Drawn]) -> String {
        let columns: Vec<String> = match method.ballot_kind() {
            BallotKind::Ranking => (1..=n).map(|k| k.to_string()).collect(),
            _ => (0..n).rev().map(|o| format!("o{o}")).collect(),
        };
        let mut out = format!("voter,weight,{}\n", columns.join(","));
        for (i, b) in ballots.iter().enumerate() {
            let voter = if b.voter {
                format!("v{i}")
            } else {
                String::new()
            };
            let weight = b.weight.map(|w| w.to_string()).unwrap_or_default();
            let cells: Vec<String> = match method.ballot_kind() {
                BallotKind::Ranking => (0..n)
                    .map(|k| b.order.get(k).map(|o| format!("o{o}")).unwrap_or_default())
                    .collect(),
                BallotKind::Approve => (0..n)
                    .rev()
                    .map(|o| if b.order.contains(&o) { "1" } else { "" }.to_owned())
                    .collect(),
                BallotKind::Scores => (0..n)
                    .rev()
                    .map(|o| b.scores[o].map(|s| s.to_string()).unwrap_or_default())
                    .collect(),
            };
            out.push_str(&format!("{voter},{weight},{}\n", cells.join(",")));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn toml_and_csv_of_the_same_ballots_tally_the_same(
            (method, n, seats, ballots) in contest()
        ) {
            let head = head(method, n, seats);
            let counted = load(&(head.clone() + &as_toml(method, &ballots))).expect("valid TOML");
            let from_toml = tally_box(&counted.ballots, counted.seats).expect("tallies");
            let from_csv = csv_tally(&head, &as_csv(method, n, &ballots));
            prop_assert_eq!(&from_toml, &from_csv);
            prop_assert_eq!(from_toml.ballots, ballots.len());
        }
    }
}

// ---- the quick reader reads what the parser reads ----

mod quick_same {
    use super::super::check::Sink;
    use super::super::quick;
    use super::super::tables::{Pieces, Table, TableReader};

    struct Ignore;

    impl Sink for Ignore {
        fn error(&mut self, _: std::ops::Range<usize>, _: String) {}
    }

    /// The first table after the head, read by the quick reader and by the
    /// lexer and parser: `None` when the quick reader leaves it, otherwise
    /// both readings (the ballot and where the next piece starts).
    fn both(table: &str) -> Option<(String, String)> {
        let text = format!("method = \"schulze\"\noptions = [\"a\", \"b\"]\n{table}");
        let mut pieces = Pieces::new(&text);
        let head_end = pieces.next_piece().map(|(r, _)| r.end).expect("a head");
        let (ballot, next) = quick::ballot(&text, head_end)?;
        let quick = format!("{ballot:?} then {next}");
        let (range, tokens) = pieces.next_piece().expect("a table");
        let Table::Ballot(parsed) = TableReader::new(&text).read(tokens, &mut Ignore) else {
            panic!("the parser does not read {table:?} as a ballot");
        };
        Some((quick, format!("{parsed:?} then {}", range.end)))
    }

    #[test]
    fn the_common_shapes_read_alike() {
        for table in [
            "[[ballots]]\nweight = 3\nranking = [\"a\", \"b\"]\n",
            "[[ballots]]\nranking = [\"b\"]\n\n[[ballots]]\nranking = []\n",
            "[[ballots]]   \n  voter = \"uct é\"  \n\tweight=0\nranking=[ \"a\" , \"b\", ]\n  [x]\n",
            "[[ballots]]\r\nvoter = \"\"\r\napprove = [\"a\"]\r\n",
            "[[ballots]]\nranking = [\"a\", \"zz\", \"a\"]",
            "[[ballots]]\n\n\n",
            "[[ballots]]",
            "[[ballots]]\nweight = 999999999999999999\n[[ballots]]\n",
        ] {
            let (quick, parsed) = both(table).unwrap_or_else(|| panic!("{table:?} left"));
            assert_eq!(quick, parsed, "{table:?}");
        }
    }

    #[test]
    fn other_shapes_are_left_to_the_parser() {
        for table in [
            "[[ballots]] # a comment\nranking = [\"a\"]\n",
            "[[ballots]]\n# a comment\nranking = [\"a\"]\n",
            "[[ballots]]\nranking = [\"a\"] # a comment\n",
            "[[ballots]]\nranking = [\n\"a\"]\n",
            "[[ballots]]\nranking = ['a']\n",
            "[[ballots]]\nranking = [\"a\\u0062\"]\n",
            "[[ballots]]\nranking = [\"a\", \"b\"\n",
            "[[ballots]]\nranking = [\"a\" \"b\"]\n",
            "[[ballots]]\nweight = 01\n",
            "[[ballots]]\nweight = +1\n",
            "[[ballots]]\nweight = 1_000\n",
            "[[ballots]]\nweight = 9999999999999999999\n",
            "[[ballots]]\nweight = 2\nweight = 3\n",
            "[[ballots]]\nscores = { a = 1 }\n",
            "[[ballots]]\n\"weight\" = 2\n",
            "[[ballots]]\nvoter = \"\"\"x\"\"\"\n",
            "[[ballots]]\nvoter.name = \"x\"\n",
            "[[ballots]]\nvoter = \"x\"\rweight = 2\n",
            "[[ ballots ]]\nweight = 2\n",
            "[[ballotsx]]\nweight = 2\n",
        ] {
            assert_eq!(both(table), None, "{table:?}");
        }
    }
}
