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
//! [`EXHAUSTIVE`]) the best plan is exact: a depth-first search, occurrence
//! by occurrence and earliest choice first, that drops a branch as soon as
//! a lower bound of its plans is no better than the best plan found.
//! Otherwise: greedy, occurrence by occurrence, on the same key for the
//! plan so far; then local improvement: take one occurrence out and put
//! back its best choice given all the others, until a full pass changes
//! nothing (every change strictly improves the key, so it ends; at most 100
//! passes).
//!
//! Burdens sorted from the highest down compare like their histograms read
//! from the highest burden down, fewer members being better; so a plan is
//! scored by updating the counts of the few members a choice touches, never
//! by sorting every member's burden.

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

/// How a plan scores, as the tests read it; lower is better.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Score {
    /// Burdens, highest first.
    pub burdens: Vec<u32>,
    /// Total night minutes.
    pub night: u64,
    /// Total pain minutes.
    pub pain: u64,
}

/// The score of a whole plan.
#[cfg(test)]
pub(crate) fn score(problem: &Problem, plan: &[usize]) -> Score {
    let mut state = State::new(problem);
    for (choices, &c) in problem.occurrences.iter().zip(plan) {
        state.add(&choices[c]);
    }
    let mut burdens = state.burden;
    burdens.sort_unstable_by(|a, b| b.cmp(a));
    Score {
        burdens,
        night: state.night,
        pain: state.pain,
    }
}

/// A plan's key without its starts: the burden histogram (members per
/// burden, from the lowest possible burden up), night and pain.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    counts: Vec<u32>,
    night: u64,
    pain: u64,
}

impl Key {
    /// The order of plans: fewer members at the highest burden first.
    fn cmp_parts(counts: &[u32], night: u64, pain: u64, other: &Key) -> Ordering {
        counts
            .iter()
            .rev()
            .cmp(other.counts.iter().rev())
            .then(night.cmp(&other.night))
            .then(pain.cmp(&other.pain))
    }
}

/// The running burden of a plan being built.
struct State {
    burden: Vec<u32>,
    /// The lowest burden any member can have: `counts[0]` counts it.
    low: u32,
    counts: Vec<u32>,
    night: u64,
    pain: u64,
}

impl State {
    fn new(problem: &Problem) -> Self {
        let low = problem.start.iter().copied().min().unwrap_or(0);
        let high = problem.start.iter().copied().max().unwrap_or(0);
        // Each occurrence adds at most 2 to a member (outside, night).
        let span = (high - low) as usize + 2 * problem.occurrences.len() + 1;
        let mut counts = vec![0; span];
        for &b in &problem.start {
            counts[(b - low) as usize] += 1;
        }
        Self {
            burden: problem.start.clone(),
            low,
            counts,
            night: 0,
            pain: 0,
        }
    }

    /// Adds (`up`) or removes one burden for every member set in `sets`.
    fn bits(&mut self, sets: [&[u64]; 2], up: bool) {
        for set in sets {
            for (w, &bits) in set.iter().enumerate() {
                let mut bits = bits;
                while bits != 0 {
                    let b = &mut self.burden[w * 64 + bits.trailing_zeros() as usize];
                    self.counts[(*b - self.low) as usize] -= 1;
                    *b = if up { *b + 1 } else { *b - 1 };
                    self.counts[(*b - self.low) as usize] += 1;
                    bits &= bits - 1;
                }
            }
        }
    }

    fn add(&mut self, c: &Choice) {
        self.bits([&c.outside, &c.nights], true);
        self.night += c.night;
        self.pain += c.pain;
    }

    fn remove(&mut self, c: &Choice) {
        self.bits([&c.outside, &c.nights], false);
        self.night -= c.night;
        self.pain -= c.pain;
    }

    fn key(&self) -> Key {
        Key {
            counts: self.counts.clone(),
            night: self.night,
            pain: self.pain,
        }
    }

    /// How the state with `night` and `pain` extra compares with `key`.
    fn cmp_with(&self, night: u64, pain: u64, key: &Key) -> Ordering {
        Key::cmp_parts(&self.counts, self.night + night, self.pain + pain, key)
    }
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

/// What every choice of one occurrence shares, for the lower bound.
struct Forced {
    /// Members outside (or with night minutes) in every choice.
    outside: Vec<u64>,
    nights: Vec<u64>,
    /// Choice indices, earliest start first.
    order: Vec<usize>,
}

/// The depth-first search of [`exhaustive`].
struct Exhaustive<'a> {
    problem: &'a Problem,
    forced: Vec<Forced>,
    /// Least night and pain minutes the occurrences from `k` on can add.
    rest: Vec<(u64, u64)>,
    state: State,
    plan: Vec<usize>,
    best: Option<(Key, Vec<usize>)>,
    /// Scratch bit sets: a choice less what its occurrence forces.
    extra: Vec<(Vec<u64>, Vec<u64>)>,
}

impl Exhaustive<'_> {
    /// Plans are visited in order of their starts, so a later plan must
    /// score strictly better to win, and a branch whose lower bound only
    /// ties the best is dropped. The state always holds the burdens of the
    /// choices made plus what the remaining occurrences force, a lower
    /// bound of every plan below (burdens only grow).
    fn search(&mut self, k: usize) {
        let (night, pain) = self.rest[k];
        if let Some((best, _)) = &self.best
            && self.state.cmp_with(night, pain, best) != Ordering::Less
        {
            return;
        }
        if k == self.problem.occurrences.len() {
            self.best = Some((self.state.key(), self.plan.clone()));
            return;
        }
        let problem = self.problem;
        let choices = &problem.occurrences[k];
        for i in 0..self.forced[k].order.len() {
            let index = self.forced[k].order[i];
            let c = &choices[index];
            let (mut outside, mut nights) = std::mem::take(&mut self.extra[k]);
            let forced = &self.forced[k];
            for ((word, &set), &f) in outside.iter_mut().zip(&c.outside).zip(&forced.outside) {
                *word = set & !f;
            }
            for ((word, &set), &f) in nights.iter_mut().zip(&c.nights).zip(&forced.nights) {
                *word = set & !f;
            }
            self.plan[k] = index;
            self.state.bits([&outside, &nights], true);
            self.state.night += c.night;
            self.state.pain += c.pain;
            self.search(k + 1);
            self.state.bits([&outside, &nights], false);
            self.state.night -= c.night;
            self.state.pain -= c.pain;
            self.extra[k] = (outside, nights);
        }
    }
}

/// The plan with the least key, then the earliest starts.
fn exhaustive(problem: &Problem) -> Vec<usize> {
    let n = problem.occurrences.len();
    let and = |sets: &mut dyn Iterator<Item = &Vec<u64>>| {
        sets.fold(None, |acc: Option<Vec<u64>>, set| {
            Some(match acc {
                None => set.clone(),
                Some(acc) => acc.iter().zip(set).map(|(a, b)| a & b).collect(),
            })
        })
        .unwrap_or_default()
    };
    let forced: Vec<Forced> = problem
        .occurrences
        .iter()
        .map(|choices| {
            let mut order: Vec<usize> = (0..choices.len()).collect();
            order.sort_unstable_by_key(|&i| choices[i].start);
            Forced {
                outside: and(&mut choices.iter().map(|c| &c.outside)),
                nights: and(&mut choices.iter().map(|c| &c.nights)),
                order,
            }
        })
        .collect();
    let mut rest = vec![(0, 0); n + 1];
    for (k, choices) in problem.occurrences.iter().enumerate().rev() {
        let night = choices.iter().map(|c| c.night).min().unwrap_or(0);
        let pain = choices.iter().map(|c| c.pain).min().unwrap_or(0);
        rest[k] = (rest[k + 1].0 + night, rest[k + 1].1 + pain);
    }
    let mut state = State::new(problem);
    for f in &forced {
        state.bits([&f.outside, &f.nights], true);
    }
    let extra = forced
        .iter()
        .map(|f| (vec![0; f.outside.len()], vec![0; f.nights.len()]))
        .collect();
    let mut search = Exhaustive {
        problem,
        forced,
        rest,
        state,
        plan: vec![0; n],
        best: None,
        extra,
    };
    search.search(0);
    search.best.map_or_else(|| vec![0; n], |(_, plan)| plan)
}

/// The best choice of `choices` for `state`, earliest on ties.
fn best_choice(state: &mut State, choices: &[Choice]) -> Option<(usize, Key)> {
    let mut best: Option<(Key, i64, usize)> = None;
    for (i, c) in choices.iter().enumerate() {
        state.add(c);
        let better = best.as_ref().is_none_or(|(key, start, _)| {
            state.cmp_with(0, 0, key).then(c.start.cmp(start)) == Ordering::Less
        });
        if better {
            best = Some((state.key(), c.start, i));
        }
        state.remove(c);
    }
    best.map(|(key, _, i)| (i, key))
}

fn heuristic(problem: &Problem) -> Vec<usize> {
    let mut state = State::new(problem);
    let mut plan = Vec::with_capacity(problem.occurrences.len());
    for choices in &problem.occurrences {
        let best = best_choice(&mut state, choices).map_or(0, |(i, _)| i);
        if let Some(c) = choices.get(best) {
            state.add(c);
        }
        plan.push(best);
    }
    for _pass in 0..100 {
        let mut changed = false;
        for (k, choices) in problem.occurrences.iter().enumerate() {
            let Some(current) = choices.get(plan[k]) else {
                continue;
            };
            let now = state.key();
            state.remove(current);
            if let Some((best, key)) = best_choice(&mut state, choices) {
                let order = Key::cmp_parts(&key.counts, key.night, key.pain, &now)
                    .then(choices[best].start.cmp(&current.start));
                if order == Ordering::Less {
                    plan[k] = best;
                    changed = true;
                }
            }
            state.add(&choices[plan[k]]);
        }
        if !changed {
            break;
        }
    }
    plan
}
