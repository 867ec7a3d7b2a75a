//! Voting speed (issue 4): Schulze and IRV on 100,000 weighted ballots over
//! 10 options, mostly distinct rankings (target under 100 ms each), and a
//! weighted decision of a 300-member body with proxies and recusals.
//!
//! Run with `cargo bench --bench vote`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use plenary::vote::decision::{Attendance, Choice, Voter};
use plenary::vote::{Ballot, Contest, Decision, MajorityRule, Method, decide, tally};

/// A fixed xorshift sequence, so every run times the same profile.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 100,000 ballots, each a random order of 3 to 10 of the 10 options with
/// a weight from 1 to 5: about 3 million possible rankings, so nearly every
/// ballot is distinct and grouping identical ones saves almost nothing.
fn large_contest(method: Method) -> Contest {
    let options: Vec<String> = (0..10).map(|i| format!("o{i}")).collect();
    let mut rng = Xorshift(0x2545_f491_4f6c_dd1d);
    let ballots = (0..100_000)
        .map(|_| {
            let mut order: Vec<usize> = (0..10).collect();
            for i in (1..10).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let len = 3 + rng.below(8);
            let weight = 1 + rng.below(5) as u32;
            Ballot::ranking(order[..len].iter().map(|&i| options[i].clone())).weighted(weight)
        })
        .collect();
    Contest {
        method,
        options,
        seats: 1,
        ballots,
    }
}

/// 300 voting members with weights 1 to 3; 240 present (30 of them by
/// proxy, each held by a different member), 5 recused, a mix of votes.
fn large_decision() -> Decision {
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    let id = |i: usize| format!("m{i:03}");
    let voters = (0..300)
        .map(|i| Voter::new(id(i), 1 + rng.below(3) as u32))
        .collect();
    let mut d = Decision::new(voters, MajorityRule::TwoThirds);
    for i in 0..210 {
        d.attendance.insert(id(i), Attendance::InPerson);
    }
    for i in 210..240 {
        let holder = id(i - 210);
        d.attendance.insert(id(i), Attendance::Proxy { holder });
    }
    for i in 0..5 {
        d.recused.insert(id(i * 40 + 7));
    }
    for i in (0..240).filter(|i| !d.recused.contains(&id(*i))) {
        let choice = match rng.below(10) {
            0..=6 => Choice::Yes,
            7 | 8 => Choice::No,
            _ => Choice::Abstain,
        };
        d.votes.insert(id(i), choice);
    }
    d
}

fn ranked(c: &mut Criterion) {
    let mut group = c.benchmark_group("ranked");
    group.sample_size(20);
    for method in [Method::Schulze, Method::Irv] {
        let contest = large_contest(method);
        // A contest that fails to tally would time the error path.
        assert!(tally(&contest).is_ok(), "{method} must tally");
        group.bench_function(format!("{method}_100k_ballots_10_options"), |b| {
            b.iter(|| tally(black_box(&contest)))
        });
    }
    group.finish();
}

fn decision(c: &mut Criterion) {
    let d = large_decision();
    assert!(decide(&d).is_ok(), "the benchmark decision must be valid");
    c.bench_function("decide_300_members", |b| b.iter(|| decide(black_box(&d))));
}

criterion_group!(benches, ranked, decision);
criterion_main!(benches);
