//! Every method against its definition (`reference.rs`), on thousands of
//! random profiles of up to 30 options, and on profiles built to have
//! many options nobody beats: all level, symmetric under a rotation of
//! the options, or winners that beat different numbers of options.

use proptest::prelude::*;

use super::reference::{self, Expected, Raw};
use super::*;

/// The options' names: `o0`, `o1`, …
fn name(o: usize) -> String {
    format!("o{o}")
}

/// The raw ballots as `method` reads them: approval approves the listed
/// options; score gives 10 to the first listed and one less per place,
/// never below 0.
fn contest(method: Method, n: usize, seats: usize, raw: &[Raw]) -> Contest {
    let mut c = Contest::new(method, (0..n).map(name));
    c.seats = seats;
    c.ballots = raw
        .iter()
        .map(|(w, ranking)| {
            let names = ranking.iter().map(|&o| name(o));
            let ballot = match method.ballot_kind() {
                BallotKind::Ranking => Ballot::ranking(names),
                BallotKind::Approve => Ballot::approve(names),
                BallotKind::Scores => Ballot::scores(
                    names
                        .enumerate()
                        .map(|(place, o)| (o, (10 - place as i64).max(0))),
                ),
            };
            ballot.weighted(*w)
        })
        .collect();
    c
}

/// Tallies and compares with the definition; IRV's tiers as sets, since
/// its docs order only the top of a count.
fn check(method: Method, n: usize, seats: usize, raw: &[Raw]) -> Result<(), TestCaseError> {
    let result = tally(&contest(method, n, seats, raw)).expect("a valid contest");
    let want: Expected = reference::expected(method, n, seats, raw);
    let names = |list: &[usize]| list.iter().map(|&o| name(o)).collect::<Vec<_>>();
    let mut got_tiers = result.ranking.clone();
    let mut want_tiers: Vec<Vec<String>> = want.tiers.iter().map(|t| names(t)).collect();
    if method == Method::Irv {
        got_tiers.iter_mut().for_each(|t| t.sort());
        want_tiers.iter_mut().for_each(|t| t.sort());
    }
    prop_assert_eq!(got_tiers, want_tiers, "{} tiers", method);
    prop_assert_eq!(&result.winners, &names(&want.winners), "{} winners", method);
    prop_assert_eq!(result.tie_broken, want.tie_broken, "{} tie_broken", method);
    prop_assert_eq!(result.tie_broken, result.details.tie_break.is_some());
    if let (
        Figures::Schulze {
            strongest_paths, ..
        },
        Some(p),
    ) = (&result.details.figures, &want.strongest)
    {
        for (x, row) in p.iter().enumerate() {
            for (y, want) in row.iter().enumerate().filter(|&(y, _)| y != x) {
                let got = strongest_paths.get(&name(x)).and_then(|r| r.get(&name(y)));
                prop_assert_eq!(got, Some(want), "p[{}][{}]", x, y);
            }
        }
    }
    Ok(())
}

/// One ballot: a weight in `weights` and a random order of some of the
/// options.
fn ballot(n: usize, weights: std::ops::Range<u32>) -> impl Strategy<Value = Raw> {
    (
        weights,
        Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
        0..=n,
    )
        .prop_map(|(w, order, len)| (w, order[..len].to_vec()))
}

/// (options, seats, ballots): any profile of up to `max` options.
fn random(max: usize) -> impl Strategy<Value = (usize, usize, Vec<Raw>)> {
    (1..=max).prop_flat_map(|n| {
        (
            Just(n),
            1..=n,
            prop::collection::vec(ballot(n, 1..5), 1..20),
        )
    })
}

/// Full rankings each cast with their reverse: every contest is level, so
/// every option is a Schulze winner. A few stray ballots of weight 1 may
/// break some of the symmetry.
fn mirrored() -> impl Strategy<Value = (usize, usize, Vec<Raw>)> {
    (2usize..=30).prop_flat_map(|n| {
        let full = (1u32..4, Just((0..n).collect::<Vec<usize>>()).prop_shuffle());
        (
            Just(n),
            1..=n,
            prop::collection::vec(full, 1..4),
            prop::collection::vec(ballot(n, 1..2), 0..3),
        )
            .prop_map(|(n, seats, pairs, strays)| {
                let mut raw: Vec<Raw> = Vec::new();
                for (w, order) in pairs {
                    raw.push((w, order.iter().rev().copied().collect()));
                    raw.push((w, order));
                }
                raw.extend(strays);
                (n, seats, raw)
            })
    })
}

/// Ballots together with every image under a rotation of the first `m`
/// options: those options are indistinguishable, so when one is a winner
/// all are (a Condorcet cycle is the smallest case).
fn rotated() -> impl Strategy<Value = (usize, usize, Vec<Raw>)> {
    (2usize..=30).prop_flat_map(|n| {
        (
            Just(n),
            2..=n,
            1..=n,
            prop::collection::vec(ballot(n, 1..4), 1..4),
        )
            .prop_map(|(n, m, seats, base)| {
                let turn = |o: usize, k: usize| if o < m { (o + k) % m } else { o };
                let raw = (0..m)
                    .flat_map(|k| {
                        base.iter()
                            .map(move |(w, r)| (*w, r.iter().map(|&o| turn(o, k)).collect()))
                    })
                    .collect();
                (n, seats, raw)
            })
    })
}

/// Ballots `[leader, followers…]`, one per leader, each option following
/// at most one leader: leaders are level with one another and with every
/// option but their own followers, which they beat. So every leader is a
/// Schulze winner, each beating a different number of options, which is
/// exactly where counting wins goes wrong.
fn leaders() -> impl Strategy<Value = (usize, usize, Vec<Raw>)> {
    (2usize..=30).prop_flat_map(|n| {
        (
            Just(n),
            1..=n,
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            prop::collection::vec(0usize..4, n),
        )
            .prop_map(|(n, seats, order, cuts)| {
                let mut raw: Vec<Raw> = Vec::new();
                let mut rest = order.as_slice();
                for cut in cuts {
                    let Some((&leader, tail)) = rest.split_first() else {
                        break;
                    };
                    let k = cut.min(tail.len());
                    let mut ranking = vec![leader];
                    ranking.extend(&tail[..k]);
                    raw.push((1, ranking));
                    rest = &tail[k..];
                }
                (n, seats, raw)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn every_method_meets_its_definition((n, seats, raw) in random(30)) {
        for method in Method::ALL {
            check(method, n, seats, &raw)?;
        }
    }

    #[test]
    fn small_profiles_meet_their_definition((n, seats, raw) in random(7)) {
        for method in Method::ALL {
            check(method, n, seats, &raw)?;
        }
    }

    #[test]
    fn growing_paths_finds_every_strongest_path((n, _, raw) in random(7)) {
        let links = reference::links(&reference::pairwise(n, &raw));
        prop_assert_eq!(
            reference::strongest_by_growth(&links),
            reference::strongest_by_enumeration(&links)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn level_profiles_meet_the_definition((n, seats, raw) in mirrored()) {
        for method in Method::ALL {
            check(method, n, seats, &raw)?;
        }
    }

    #[test]
    fn rotated_profiles_meet_the_definition((n, seats, raw) in rotated()) {
        for method in Method::ALL {
            check(method, n, seats, &raw)?;
        }
    }

    #[test]
    fn many_unbeaten_leaders_share_the_top_tier((n, seats, raw) in leaders()) {
        let leaders: Vec<String> = raw.iter().map(|(_, r)| name(r[0])).collect();
        let result = tally(&contest(Method::Schulze, n, seats, &raw)).unwrap();
        let mut top = result.ranking[0].clone();
        top.sort();
        let mut want = leaders.clone();
        want.sort();
        prop_assert_eq!(top, want);
        for method in Method::ALL {
            check(method, n, seats, &raw)?;
        }
    }
}
