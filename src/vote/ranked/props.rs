//! Properties every method must keep, on random small profiles.

use proptest::prelude::*;

use super::*;

const ALL: [Method; 7] = [
    Method::Plurality,
    Method::Approval,
    Method::Borda,
    Method::Irv,
    Method::Schulze,
    Method::Copeland,
    Method::Score,
];

/// A ballot as generated: weight and a (possibly truncated) ranking of
/// option positions.
type Raw = (u32, Vec<usize>);

fn raw_ballots(n: usize) -> impl Strategy<Value = Vec<Raw>> {
    let ballot = (
        1u32..5,
        Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
        0..=n,
    )
        .prop_map(|(w, order, len)| (w, order[..len].to_vec()));
    prop::collection::vec(ballot, 1..25)
}

/// (options, seats, ballots).
fn profile() -> impl Strategy<Value = (usize, usize, Vec<Raw>)> {
    (1usize..6).prop_flat_map(|n| (Just(n), 1..=n, raw_ballots(n)))
}

/// The same preferences in the ballot kind `method` reads: approval
/// approves the listed options, score gives 10 to the first and one less
/// per place.
fn contest(method: Method, n: usize, seats: usize, raw: &[Raw]) -> Contest {
    let name = |o: &usize| format!("o{o}");
    let mut c = Contest::new(method, (0..n).map(|o| name(&o)));
    c.seats = seats;
    c.ballots = raw
        .iter()
        .map(|(w, ranking)| {
            let ballot = match method.ballot_kind() {
                BallotKind::Ranking => Ballot::ranking(ranking.iter().map(name)),
                BallotKind::Approve => Ballot::approve(ranking.iter().map(name)),
                BallotKind::Scores => Ballot::scores(
                    ranking
                        .iter()
                        .enumerate()
                        .map(|(place, o)| (name(o), 10 - place as i64)),
                ),
            };
            ballot.weighted(*w)
        })
        .collect();
    c
}

/// The option beating every other head-to-head, computed naively.
fn condorcet_winner(n: usize, raw: &[Raw]) -> Option<usize> {
    let prefers = |x: usize, y: usize| -> u64 {
        raw.iter()
            .filter(|(_, r)| {
                let place = |o| r.iter().position(|&p| p == o).unwrap_or(n);
                place(x) < place(y)
            })
            .map(|(w, _)| u64::from(*w))
            .sum()
    };
    (0..n).find(|&x| (0..n).all(|y| y == x || prefers(x, y) > prefers(y, x)))
}

proptest! {
    #[test]
    fn condorcet_winner_wins((n, _, raw) in profile()) {
        if let Some(x) = condorcet_winner(n, &raw) {
            for method in [Method::Schulze, Method::Copeland] {
                let result = tally(&contest(method, n, 1, &raw)).unwrap();
                prop_assert_eq!(&result.winners, &vec![format!("o{x}")], "{}", method);
                prop_assert!(!result.tie_broken);
            }
        }
    }

    #[test]
    fn ballot_order_does_not_matter(
        ((n, seats, raw), shuffled) in profile().prop_flat_map(|p| {
            let ballots = p.2.clone();
            (Just(p), Just(ballots).prop_shuffle())
        })
    ) {
        for method in ALL {
            let a = tally(&contest(method, n, seats, &raw)).unwrap();
            let b = tally(&contest(method, n, seats, &shuffled)).unwrap();
            prop_assert_eq!(a, b, "{}", method);
        }
    }

    #[test]
    fn doubling_weights_changes_only_the_total((n, seats, raw) in profile()) {
        let doubled: Vec<Raw> = raw.iter().map(|(w, r)| (w * 2, r.clone())).collect();
        for method in ALL {
            let a = tally(&contest(method, n, seats, &raw)).unwrap();
            let b = tally(&contest(method, n, seats, &doubled)).unwrap();
            prop_assert_eq!(&a.winners, &b.winners, "{}", method);
            prop_assert_eq!(&a.ranking, &b.ranking, "{}", method);
            prop_assert_eq!(a.tie_broken, b.tie_broken, "{}", method);
            prop_assert_eq!(a.ballots, b.ballots);
            prop_assert_eq!(a.weight * 2, b.weight);
        }
    }

    #[test]
    fn results_are_deterministic_and_consistent((n, seats, raw) in profile()) {
        for method in ALL {
            let c = contest(method, n, seats, &raw);
            let a = tally(&c).unwrap();
            prop_assert_eq!(&a, &tally(&c.clone()).unwrap());
            let flat: Vec<&String> = a.ranking.iter().flatten().collect();
            prop_assert_eq!(flat.len(), n, "{}: every option ranked once", method);
            let first: Vec<&String> = flat.into_iter().take(seats).collect();
            prop_assert_eq!(a.winners.iter().collect::<Vec<_>>(), first, "{}", method);
            prop_assert_eq!(a.tie_broken, a.details.tie_break.is_some());
        }
    }

    #[test]
    fn no_input_panics(
        method in prop::sample::select(ALL.to_vec()),
        options in prop::collection::vec("[abc]", 0..4),
        seats in 0usize..5,
        ballots in prop::collection::vec(
            (0u32..3, prop::collection::vec(("[abcd]", -2i64..13), 0..5), 0u8..3),
            0..6,
        ),
    ) {
        let mut c = Contest::new(method, options);
        c.seats = seats;
        c.ballots = ballots
            .into_iter()
            .map(|(w, marks, kind)| {
                let ids = marks.iter().map(|(id, _)| id.clone());
                let ballot = match kind {
                    0 => Ballot::ranking(ids),
                    1 => Ballot::approve(ids),
                    _ => Ballot::scores(marks),
                };
                ballot.weighted(w)
            })
            .collect();
        if let Ok(result) = tally(&c) {
            prop_assert_eq!(result.winners.len(), seats);
        }
    }
}
