//! Choosing one slot per occurrence of a series so that the burden
//! rotates (see `docs/scheduling.md`, "Series").
//!
//! A member's *burden* is its count of out-of-hours meetings plus its
//! count of night meetings (a night meeting is out of hours too, so it
//! weighs double), starting from what the burden ledger says it already
//! carries. Plans are compared by:
//!
//! 1. the members' burdens sorted from the highest down, compared
//!    lexicographically: the most-burdened member carries as few as
//!    possible, then the next, and so on (a member that geography puts
//!    outside in every acceptable slot does not stop the others' burden
//!    from being spread);
//! 2. then the least total night minutes;
//! 3. then the least total pain;
//! 4. then the earliest starts.
//!
//! Only *acceptable* choices are offered (see `series`): none is made
//! absurd to even the counts out.
//!
//! When the plans are few (the product of the choice counts is at most
//! [`EXHAUSTIVE`]) every plan is compared and the best is exact. Otherwise:
//! greedy, occurrence by occurrence, on the same key for the plan so far;
//! then local improvement: take one occurrence out and put back its best
//! choice given all the others, until a full pass changes nothing (every
//! change strictly improves the key, so it ends; at most 100 passes).

use std::cmp::Ordering;

/// One distinct way to hold one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    /// Start, UTC seconds (the last tie-breaker: earliest wins).
    pub start: i64,
    /// Night minutes summed over the body.
    pub night: u64,
    /// Pain minutes summed over the body.
    pub pain: u64,
    /// Bit `m` set when member `m` is out of hours.
    pub outside: Vec<u64>,
    /// Bit `m` set when member `m` has night minutes.
    pub nights: Vec<u64>,
}

/// The choices of every occurrence for `members` members.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// The burden each member starts with (the ledger).
    pub start: Vec<u32>,
    /// Per occurrence, its choices (at least one each).
    pub occurrences: Vec<Vec<Choice>>,
}

/// Plans with at most this many combinations are searched exhaustively.
pub(crate) const EXHAUSTIVE: u64 = 20_000;

/// How a plan (or part of one) scores; lower is better.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Score {
    /// Burdens, highest first.
    pub burdens: Vec<u32>,
    /// Total night minutes.
    pub night: u64,
    /// Total pain minutes.
    pub pain: u64,
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        (&self.burdens, self.night, self.pain).cmp(&(&other.burdens, other.night, other.pain))
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The running burden of a plan being built.
struct State {
    burden: Vec<u32>,
    night: u64,
    pain: u64,
}

impl State {
    fn new(problem: &Problem) -> Self {
        Self {
            burden: problem.start.clone(),
            night: 0,
            pain: 0,
        }
    }

    fn apply(&mut self, c: &Choice, sign: i32) {
        for set in [&c.outside, &c.nights] {
            for (w, &bits) in set.iter().enumerate() {
                let mut bits = bits;
                while bits != 0 {
                    let b = &mut self.burden[w * 64 + bits.trailing_zeros() as usize];
                    *b = b.saturating_add_signed(sign);
                    bits &= bits - 1;
                }
            }
        }
        if sign > 0 {
            self.night += c.night;
            self.pain += c.pain;
        } else {
            self.night -= c.night;
            self.pain -= c.pain;
        }
    }

    fn score(&self) -> Score {
        let mut burdens = self.burden.clone();
        burdens.sort_unstable_by(|a, b| b.cmp(a));
        Score {
            burdens,
            night: self.night,
            pain: self.pain,
        }
    }

    /// The score once `c` is added.
    fn score_with(&mut self, c: &Choice) -> Score {
        self.apply(c, 1);
        let s = self.score();
        self.apply(c, -1);
        s
    }
}

/// The score of a whole plan.
pub(crate) fn score(problem: &Problem, plan: &[usize]) -> Score {
    let mut state = State::new(problem);
    for (choices, &c) in problem.occurrences.iter().zip(plan) {
        state.apply(&choices[c], 1);
    }
    state.score()
}

/// One choice index per occurrence, by the method above.
pub(crate) fn optimize(problem: &Problem) -> Vec<usize> {
    let combinations = problem
        .occurrences
        .iter()
        .try_fold(1u64, |n, c| n.checked_mul(c.len() as u64));
    match combinations {
        Some(n) if n <= EXHAUSTIVE => exhaustive(problem),
        _ => heuristic(problem),
    }
}

fn starts(problem: &Problem, plan: &[usize]) -> Vec<i64> {
    plan.iter()
        .zip(&problem.occurrences)
        .map(|(&c, choices)| choices[c].start)
        .collect()
}

fn exhaustive(problem: &Problem) -> Vec<usize> {
    let n = problem.occurrences.len();
    let mut plan = vec![0; n];
    let mut best = (score(problem, &plan), starts(problem, &plan), plan.clone());
    loop {
        // The next plan, like counting in mixed radix.
        let mut k = 0;
        while k < n {
            plan[k] += 1;
            if plan[k] < problem.occurrences[k].len() {
                break;
            }
            plan[k] = 0;
            k += 1;
        }
        if k == n {
            return best.2;
        }
        let candidate = (score(problem, &plan), starts(problem, &plan));
        if (&candidate.0, &candidate.1) < (&best.0, &best.1) {
            best = (candidate.0, candidate.1, plan.clone());
        }
    }
}

/// The best choice of `choices` for `state`, earliest on ties.
fn best_choice(state: &mut State, choices: &[Choice]) -> (usize, Score) {
    let mut best: Option<(Score, i64, usize)> = None;
    for (i, c) in choices.iter().enumerate() {
        let s = state.score_with(c);
        if best
            .as_ref()
            .is_none_or(|(bs, bstart, _)| (&s, c.start) < (bs, *bstart))
        {
            best = Some((s, c.start, i));
        }
    }
    best.map_or((0, state.score()), |(s, _, i)| (i, s))
}

fn heuristic(problem: &Problem) -> Vec<usize> {
    let mut state = State::new(problem);
    let mut plan = Vec::with_capacity(problem.occurrences.len());
    for choices in &problem.occurrences {
        let (best, _) = best_choice(&mut state, choices);
        state.apply(&choices[best], 1);
        plan.push(best);
    }
    for _pass in 0..100 {
        let mut changed = false;
        for (k, choices) in problem.occurrences.iter().enumerate() {
            let current = plan[k];
            let now = (state.score(), choices[current].start);
            state.apply(&choices[current], -1);
            let (best, s) = best_choice(&mut state, choices);
            if (&s, choices[best].start) < (&now.0, now.1) {
                plan[k] = best;
                changed = true;
            }
            state.apply(&choices[plan[k]], 1);
        }
        if !changed {
            break;
        }
    }
    plan
}
