//! Schulze on the literature's examples and on profiles built so that
//! several options nobody beats beat different numbers of options (where
//! counting wins used to split the winners over several tiers).

use super::tests::{Rows, WIKIPEDIA, ranked, tiers, winners};
use super::*;

/// Schulze's examples 2 to 4 (the Electowiki article's numbering; example
/// 1 is the Wikipedia profile).
const SCHULZE_2: Rows = &[
    (5, "a>c>b>d"),
    (2, "a>c>d>b"),
    (3, "a>d>c>b"),
    (4, "b>a>c>d"),
    (3, "c>b>d>a"),
    (3, "c>d>b>a"),
    (1, "d>a>c>b"),
    (5, "d>b>a>c"),
    (4, "d>c>b>a"),
];
const SCHULZE_3: Rows = &[
    (3, "a>b>d>e>c"),
    (5, "a>d>e>b>c"),
    (1, "a>d>e>c>b"),
    (2, "b>a>d>e>c"),
    (2, "b>d>e>c>a"),
    (4, "c>a>b>d>e"),
    (6, "c>b>a>d>e"),
    (2, "d>b>e>c>a"),
    (5, "d>e>c>a>b"),
];
/// Two winners, b and d, neither beating the other.
const SCHULZE_4: Rows = &[
    (3, "a>b>c>d"),
    (2, "d>a>b>c"),
    (2, "d>b>c>a"),
    (2, "c>b>d>a"),
];

/// a beats x and nothing else; b and c beat nothing; nobody beats a, b or
/// c. Counting wins put a alone on top and elected it without a tie.
const THREE_WINNERS: Rows = &[(1, "a>x"), (1, "b"), (1, "c")];
const THREE_WINNERS_OPTIONS: &str = "b c a x";

/// a first; b and c level behind it; d last.
const LEVEL_SECOND: Rows = &[(1, "a>b>c>d"), (1, "a>c>b>d")];

#[test]
fn literature_and_built_profiles() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, usize, Rows, &str, &str, bool)] = &[
        // name                  options                 seats ballots        ranking              winners   tie_broken
        ("wikipedia, 45 voters", "a b c d e",             1, WIKIPEDIA,     "e > a > c > b > d", "e",      false),
        ("schulze example 2",    "a b c d",               1, SCHULZE_2,     "d > a > c > b",     "d",      false),
        ("schulze example 3",    "a b c d e",             1, SCHULZE_3,     "b > a > d > e > c", "b",      false),
        ("schulze example 4",    "a b c d",               1, SCHULZE_4,     "b=d > a=c",         "b",      true),
        ("example 4, 2 seats",   "a b c d",               2, SCHULZE_4,     "b=d > a=c",         "b d",    false),
        ("example 4, 3 seats",   "a b c d",               3, SCHULZE_4,     "b=d > a=c",         "b d a",  true),
        ("three winners",        THREE_WINNERS_OPTIONS,   1, THREE_WINNERS, "b=c=a > x",         "b",      true),
        ("three winners, 2",     THREE_WINNERS_OPTIONS,   2, THREE_WINNERS, "b=c=a > x",         "b c",    true),
        ("three winners, 3",     THREE_WINNERS_OPTIONS,   3, THREE_WINNERS, "b=c=a > x",         "b c a",  false),
        ("level second, 1 seat", "a b c d",               1, LEVEL_SECOND,  "a > b=c > d",       "a",      false),
        ("level second, 2",      "a b c d",               2, LEVEL_SECOND,  "a > b=c > d",       "a b",    true),
        ("level second, 3",      "a b c d",               3, LEVEL_SECOND,  "a > b=c > d",       "a b c",  false),
        ("all level",            "a b c",                 2, &[(1, "a>b>c"), (1, "c>b>a")], "a=b=c", "a b", true),
        ("nobody ranks",         "a b c",                 1, &[(2, "")],    "a=b=c",             "a",      true),
    ];
    for (name, options, seats, ballots, want, elected, broken) in cases {
        let result = tally(&ranked(Method::Schulze, options, *seats, ballots)).unwrap();
        assert_eq!(tiers(&result), *want, "{name}");
        assert_eq!(winners(&result).join(" "), *elected, "{name}");
        assert_eq!(result.tie_broken, *broken, "{name}");
        assert_eq!(result.details.tie_break.is_some(), *broken, "{name}");
    }
}

#[test]
fn a_tie_among_winners_is_explained() {
    let result = tally(&ranked(
        Method::Schulze,
        THREE_WINNERS_OPTIONS,
        1,
        THREE_WINNERS,
    ))
    .unwrap();
    assert_eq!(
        result.details.tie_break.as_deref(),
        Some(
            "b, c and a tied for place 1 (no option beats them by beat-paths); \
             ordered by Borda points (b 3, c 3, a 3), \
             then by their order in the options list (earlier first); b is elected"
        )
    );
    let result = tally(&ranked(Method::Schulze, "a b c d", 2, LEVEL_SECOND)).unwrap();
    assert_eq!(
        result.details.tie_break.as_deref(),
        Some(
            "b and c tied for place 2 (only options placed above beat them by beat-paths); \
             ordered by Borda points (b 3, c 3), \
             then by their order in the options list (earlier first); b is elected"
        )
    );
}

/// 200 options: 100 leaders `w…`, each alone on one ballot of weight 1,
/// the first 50 followed by two followers `l…` of their own. Leaders are
/// level with one another and with everyone else's followers, so all 100
/// are Schulze winners, yet 50 of them beat two options and 50 beat none.
/// The options list names the leaders last to first.
pub(super) fn two_hundred() -> Contest {
    let w = |i: usize| format!("w{i:03}");
    let l = |i: usize| format!("l{i:03}");
    let mut options: Vec<String> = (1..=100).rev().map(w).collect();
    options.extend((1..=100).map(l));
    let mut contest = Contest::new(Method::Schulze, options);
    contest.ballots = (1..=100)
        .map(|i| {
            let mut ranking = vec![w(i)];
            if i <= 50 {
                ranking.extend([l(2 * i - 1), l(2 * i)]);
            }
            Ballot::ranking(ranking)
        })
        .collect();
    contest
}

#[test]
fn two_hundred_options_with_a_hundred_winners() {
    let mut contest = two_hundred();
    let result = tally(&contest).unwrap();
    let top = &result.ranking[0];
    assert_eq!(top.len(), 100);
    assert!(top.iter().all(|o| o.starts_with('w')), "{top:?}");
    // Every leader has 199 Borda points, so the option order decides.
    assert_eq!(winners(&result), ["w100"]);
    assert!(result.tie_broken);
    // The first followers are beaten only by their leader, the second ones
    // also by the first.
    assert_eq!(result.ranking.len(), 3);
    assert!(
        result.ranking[1]
            .iter()
            .all(|o| o[1..].parse::<u32>().is_ok_and(|i| i % 2 == 1))
    );
    assert_eq!(result.ranking[2].len(), 50);

    contest.seats = 100;
    let result = tally(&contest).unwrap();
    assert!(!result.tie_broken, "the top tier fills the seats exactly");
    assert_eq!(result.winners, result.ranking[0]);
}
