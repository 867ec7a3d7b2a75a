//! Textbook profiles and edge cases, as tables where the shape allows.

use serde_json::json;

use super::*;

/// `(weight, ranking)` rows, with rankings written `"a>b>c"`.
pub(super) fn ranked(method: Method, options: &str, seats: usize, rows: &[(u32, &str)]) -> Contest {
    let mut contest = Contest::new(method, options.split_whitespace());
    contest.seats = seats;
    contest.ballots = rows
        .iter()
        .map(|&(w, r)| Ballot::ranking(r.split('>').filter(|s| !s.is_empty())).weighted(w))
        .collect();
    contest
}

pub(super) fn winners(result: &RankingResult) -> Vec<&str> {
    result.winners.iter().map(String::as_str).collect()
}

pub(super) fn tiers(result: &RankingResult) -> String {
    let tiers: Vec<String> = result.ranking.iter().map(|t| t.join("=")).collect();
    tiers.join(" > ")
}

/// Ballot rows: `(weight, ranking)`.
pub(super) type Rows = &'static [(u32, &'static str)];

/// Wikipedia's Schulze example: 45 voters, five options, winner E.
pub(super) const WIKIPEDIA: &[(u32, &str)] = &[
    (5, "a>c>b>e>d"),
    (5, "a>d>e>c>b"),
    (8, "b>e>d>a>c"),
    (3, "c>a>b>e>d"),
    (7, "c>a>e>b>d"),
    (2, "c>b>a>d>e"),
    (7, "d>c>e>b>a"),
    (8, "e>b>a>d>c"),
];

/// The Tennessee capital example (percentages as weights).
const TENNESSEE: &[(u32, &str)] = &[
    (42, "memphis>nashville>chattanooga>knoxville"),
    (26, "nashville>chattanooga>knoxville>memphis"),
    (15, "chattanooga>knoxville>nashville>memphis"),
    (17, "knoxville>chattanooga>nashville>memphis"),
];
const CITIES: &str = "memphis nashville chattanooga knoxville";

/// One of each cyclic preference: every option beats one and loses to one.
const ROCK_PAPER_SCISSORS: &[(u32, &str)] = &[
    (1, "rock>scissors>paper"),
    (1, "scissors>paper>rock"),
    (1, "paper>rock>scissors"),
];

/// A is the Condorcet winner, B the Borda winner.
const BORDA_VS_CONDORCET: &[(u32, &str)] = &[(3, "a>b>c"), (2, "b>c>a")];

#[test]
fn textbook_profiles() {
    #[rustfmt::skip]
    let cases: &[(&str, Method, &str, usize, Rows, &str, bool)] = &[
        // name                      method             options              seats ballots          ranking                                          tie_broken
        ("wikipedia schulze",        Method::Schulze,   "a b c d e",         1, WIKIPEDIA,           "e > a > c > b > d",                             false),
        ("wikipedia copeland",       Method::Copeland,  "a b c d e",         1, WIKIPEDIA,           "e > a=b=c > d",                                 false),
        ("rock-paper-scissors",      Method::Schulze,   "rock paper scissors", 1, ROCK_PAPER_SCISSORS, "rock=paper=scissors",                         true),
        ("tennessee irv",            Method::Irv,       CITIES,              1, TENNESSEE,           "knoxville > memphis > nashville > chattanooga", false),
        ("tennessee plurality",      Method::Plurality, CITIES,              1, TENNESSEE,           "memphis > nashville > knoxville > chattanooga", false),
        ("tennessee schulze",        Method::Schulze,   CITIES,              1, TENNESSEE,           "nashville > chattanooga > knoxville > memphis", false),
        ("tennessee borda",          Method::Borda,     CITIES,              1, TENNESSEE,           "nashville > chattanooga > memphis > knoxville", false),
        ("tennessee irv, 2 seats",   Method::Irv,       CITIES,              2, TENNESSEE,           "knoxville > chattanooga > memphis > nashville", false),
        ("condorcet winner",         Method::Schulze,   "a b c",             1, BORDA_VS_CONDORCET,  "a > b > c",                                     false),
        ("borda disagrees",          Method::Borda,     "a b c",             1, BORDA_VS_CONDORCET,  "b > a > c",                                     false),
        ("copeland agrees",          Method::Copeland,  "a b c",             1, BORDA_VS_CONDORCET,  "a > b > c",                                     false),
        ("plurality tie, borda",     Method::Plurality, "a b c",             1, &[(2, "a"), (2, "b"), (1, "c>b")], "b=a > c",                     true),
        ("plurality tie, 2 seats",   Method::Plurality, "a b c",             2, &[(2, "a"), (2, "b"), (1, "c>b")], "b=a > c",                     false),
        ("unlisted tie below",       Method::Schulze,   "a b c d",           2, &[(2, "b>a"), (1, "a>b")], "b > a > c=d",                         false),
    ];
    for (name, method, options, seats, ballots, want, broken) in cases {
        let result = tally(&ranked(*method, options, *seats, ballots)).unwrap();
        assert_eq!(tiers(&result), *want, "{name}");
        assert_eq!(
            result.tie_broken, *broken,
            "{name}: {:?}",
            result.details.tie_break
        );
        assert_eq!(result.details.tie_break.is_some(), *broken, "{name}");
        assert_eq!(result.winners.len(), *seats, "{name}");
    }
}

#[test]
fn wikipedia_schulze_figures() {
    let result = tally(&ranked(Method::Schulze, "a b c d e", 1, WIKIPEDIA)).unwrap();
    assert_eq!(winners(&result), ["e"]);
    assert_eq!((result.ballots, result.weight), (8, 45));
    let Figures::Schulze {
        pairwise,
        strongest_paths,
    } = &result.details.figures
    else {
        panic!("schulze figures expected");
    };
    // d[A,B] = 20 and d[B,A] = 25 in the article's pairwise table.
    assert_eq!(pairwise.get("a").and_then(|r| r.get("b")), Some(&20));
    assert_eq!(pairwise.get("b").and_then(|r| r.get("a")), Some(&25));
    // E beats every other option on beat-paths.
    for other in ["a", "b", "c", "d"] {
        let out = strongest_paths.get("e").and_then(|r| r.get(other));
        let back = strongest_paths.get(other).and_then(|r| r.get("e"));
        assert!(out > back, "e vs {other}: {out:?} {back:?}");
    }
}

#[test]
fn cycle_tie_break_is_explained() {
    let result = tally(&ranked(
        Method::Schulze,
        "rock paper scissors",
        1,
        ROCK_PAPER_SCISSORS,
    ))
    .unwrap();
    assert_eq!(winners(&result), ["rock"]);
    assert_eq!(
        result.details.tie_break.as_deref(),
        Some(
            "rock, paper and scissors tied for place 1 (no option beats them by beat-paths); \
             ordered by Borda points (rock 3, paper 3, scissors 3), \
             then by their order in the options list (earlier first); rock is elected"
        )
    );
}

#[test]
fn plurality_tie_broken_by_borda() {
    let result = tally(&ranked(
        Method::Plurality,
        "a b c",
        1,
        &[(2, "a"), (2, "b"), (1, "c>b")],
    ))
    .unwrap();
    assert_eq!(winners(&result), ["b"]);
    assert_eq!(
        result.details.tie_break.as_deref(),
        Some(
            "b and a tied on first preferences (2); ordered by Borda points (b 5, a 4); b is elected"
        )
    );
}

#[test]
fn irv_rounds_are_reported() {
    let result = tally(&ranked(Method::Irv, CITIES, 1, TENNESSEE)).unwrap();
    let Figures::Irv { runs } = &result.details.figures else {
        panic!("irv figures expected");
    };
    let rounds = &runs[0].rounds;
    assert_eq!(rounds.len(), 3);
    assert_eq!(rounds[0].eliminated, ["chattanooga"]);
    assert_eq!(rounds[1].counts.get("knoxville"), Some(&32));
    assert_eq!(rounds[1].eliminated, ["nashville"]);
    assert_eq!(rounds[2].counts.get("knoxville"), Some(&58));
    assert!(rounds[2].eliminated.is_empty());
}

#[test]
fn irv_ties() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, Rows, &str, &str)] = &[
        ("elimination tie, earlier round decides", "a b c d",
            &[(6, "a"), (4, "b"), (3, "c>b"), (1, "d>c")],
            "b > a > c > d",
            "round 2: b and c tied for fewest votes (4); c eliminated, having fewer votes in round 1 (c 3, b 4)"),
        ("elimination tie, option order decides", "a b c",
            &[(3, "a"), (2, "b>a"), (2, "c>b")],
            "b > a > c",
            "round 1: b and c tied for fewest votes (2); c eliminated, being listed later among the options"),
        ("final two level", "a b",
            &[(2, "a"), (2, "b")],
            "a=b",
            "a and b level at 2 in the final round; a placed first, being listed earlier among the options"),
        ("every ballot exhausted", "a b c",
            &[(1, ""), (1, "")],
            "a=b=c",
            "a, b and c level at 0 in the final round; a placed first, being listed earlier among the options"),
    ];
    for (name, options, ballots, want, note) in cases {
        let result = tally(&ranked(Method::Irv, options, 1, ballots)).unwrap();
        assert_eq!(tiers(&result), *want, "{name}");
        assert!(result.tie_broken, "{name}");
        assert_eq!(result.details.tie_break.as_deref(), Some(*note), "{name}");
    }
}

#[test]
fn irv_drops_options_without_votes_together() {
    let result = tally(&ranked(
        Method::Irv,
        "a b c d e",
        1,
        &[(4, "a"), (2, "b"), (3, "c>b")],
    ))
    .unwrap();
    assert_eq!(tiers(&result), "a > c > b > d=e");
    assert!(!result.tie_broken);
}

#[test]
fn approval_and_score() {
    let mut approval = Contest::new(Method::Approval, ["a", "b", "c"]);
    approval.ballots = vec![
        Ballot::approve(["a", "b"]).weighted(2),
        Ballot::approve(["b"]),
        Ballot::approve(["c", "a"]),
        Ballot::approve(Vec::<String>::new()),
    ];
    let result = tally(&approval).unwrap();
    assert_eq!(
        (tiers(&result).as_str(), result.tie_broken),
        ("a=b > c", true)
    );
    assert_eq!(winners(&result), ["a"]);
    assert_eq!(result.weight, 5);

    let mut score = Contest::new(Method::Score, ["a", "b", "c"]);
    score.seats = 2;
    score.ballots = vec![
        Ballot::scores([("a", 10), ("b", 4)]).weighted(2),
        Ballot::scores([("b", 10), ("c", 10)]),
        Ballot::scores([("c", 3)]),
    ];
    let result = tally(&score).unwrap();
    assert_eq!(tiers(&result), "a > b > c");
    assert_eq!(winners(&result), ["a", "b"]);
    let Figures::Points { points } = &result.details.figures else {
        panic!("points expected");
    };
    assert_eq!(
        points.0,
        [("a".into(), 20), ("b".into(), 18), ("c".into(), 13)]
    );
}

#[test]
fn json_has_the_spec_shape() {
    let result = tally(&ranked(
        Method::Borda,
        "a b c d",
        2,
        &[(2, "b>a>c"), (1, "a>b")],
    ))
    .unwrap();
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(
        json,
        json!({
            "method": "borda",
            "winners": ["b", "a"],
            "ranking": [["b"], ["a"], ["c"], ["d"]],
            "tie_broken": false,
            "ballots": 2,
            "weight": 3,
            "details": {"points": {"a": 7, "b": 8, "c": 2, "d": 0}}
        })
    );
    let text = serde_json::to_string(&result).unwrap();
    assert!(
        text.starts_with(r#"{"method":"borda","winners":["b","a"],"ranking":"#),
        "{text}"
    );
}

#[test]
fn json_tie_break_sentence() {
    let result = tally(&ranked(
        Method::Copeland,
        "x y",
        1,
        &[(1, "x>y"), (1, "y>x")],
    ))
    .unwrap();
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["tie_broken"], true);
    assert_eq!(json["ranking"], json!([["x", "y"]]));
    assert_eq!(
        json["details"]["copeland"]["x"],
        json!({"wins": 0, "losses": 0, "ties": 1, "score": 0})
    );
    assert!(
        json["details"]["tie_break"]
            .as_str()
            .is_some_and(|s| s.contains("x is elected"))
    );
}

#[test]
fn invalid_ballots_name_their_index() {
    let e = |index, problem| TallyError::Ballot(BallotError { index, problem });
    #[rustfmt::skip]
    let cases: Vec<(Method, Ballot, TallyError)> = vec![
        (Method::Schulze, Ballot::ranking(["a", "z"]), e(1, BallotProblem::UnknownOption("z".into()))),
        (Method::Irv, Ballot::ranking(["a", "b", "a"]), e(1, BallotProblem::Duplicate("a".into()))),
        (Method::Approval, Ballot::approve(["b", "b"]), e(1, BallotProblem::Duplicate("b".into()))),
        (Method::Score, Ballot::scores([("a", 11)]), e(1, BallotProblem::ScoreOutOfRange { option: "a".into(), score: 11 })),
        (Method::Score, Ballot::scores([("b", -1)]), e(1, BallotProblem::ScoreOutOfRange { option: "b".into(), score: -1 })),
        (Method::Borda, Ballot::approve(["a"]), e(1, BallotProblem::WrongKind { method: Method::Borda, expected: BallotKind::Ranking, found: BallotKind::Approve })),
        (Method::Plurality, Ballot::ranking(["a"]).weighted(0), e(1, BallotProblem::ZeroWeight)),
    ];
    for (method, bad, want) in cases {
        let good = match method.ballot_kind() {
            BallotKind::Ranking => Ballot::ranking(["a"]),
            BallotKind::Approve => Ballot::approve(["a"]),
            BallotKind::Scores => Ballot::scores([("a", 10)]),
        };
        let mut contest = Contest::new(method, ["a", "b"]);
        contest.ballots = vec![good, bad.clone(), bad];
        assert_eq!(tally(&contest), Err(want.clone()), "{want}");
        assert_eq!(contest.ballot_errors().len(), 2, "{want}");
    }
}

#[test]
fn impossible_contests() {
    let base = || {
        let mut c = Contest::new(Method::Schulze, ["a", "b"]);
        c.ballots = vec![Ballot::ranking(["a"])];
        c
    };
    let mut no_options = base();
    no_options.options.clear();
    let mut duplicate = base();
    duplicate.options.push("a".into());
    let mut no_seats = base();
    no_seats.seats = 0;
    let mut too_many = base();
    too_many.seats = 3;
    let mut no_ballots = base();
    no_ballots.ballots.clear();
    let cases = [
        (no_options, TallyError::NoOptions),
        (duplicate, TallyError::DuplicateOption("a".into())),
        (no_seats, TallyError::NoSeats),
        (
            too_many,
            TallyError::TooManySeats {
                seats: 3,
                options: 2,
            },
        ),
        (no_ballots, TallyError::NoBallots),
    ];
    for (contest, want) in cases {
        assert_eq!(tally(&contest), Err(want.clone()), "{want}");
    }
}

#[test]
fn one_option_and_every_seat() {
    for method in [
        Method::Plurality,
        Method::Borda,
        Method::Irv,
        Method::Schulze,
        Method::Copeland,
    ] {
        let result = tally(&ranked(method, "only", 1, &[(1, "only")])).unwrap();
        assert_eq!(winners(&result), ["only"], "{method}");
        let result = tally(&ranked(method, "a b c", 3, &[(1, "c>b")])).unwrap();
        assert_eq!(winners(&result), ["c", "b", "a"], "{method}");
    }
}

#[test]
fn ballot_file_shape_deserializes() {
    let contest: Contest = serde_json::from_value(json!({
        "method": "schulze",
        "options": ["a", "b", "c", "d"],
        "ballots": [
            {"voter": "uct", "weight": 2, "ranking": ["b", "a", "c"]},
            {"ranking": ["a"]},
        ]
    }))
    .unwrap();
    assert_eq!(contest.seats, 1);
    assert_eq!(contest.ballots[0].voter.as_deref(), Some("uct"));
    assert_eq!(contest.ballots[1], Ballot::ranking(["a"]));
    let scores: Ballot = serde_json::from_value(json!({"scores": {"a": 5, "b": 3}})).unwrap();
    assert_eq!(scores, Ballot::scores([("a", 5), ("b", 3)]));
    let approve: Ballot = serde_json::from_value(json!({"weight": 3, "approve": ["a"]})).unwrap();
    assert_eq!(approve, Ballot::approve(["a"]).weighted(3));
}
