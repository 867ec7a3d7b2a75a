//! Choosing one slot per occurrence of a series so that out-of-hours
//! meetings rotate: minimise the largest number of out-of-hours meetings
//! any member carries, then the total pain.
//!
//! The exact problem is a min-max assignment (hard in general), so this is
//! a heuristic, checked against brute force on small cases in the tests:
//!
//! 1. **Greedy**, occurrence by occurrence: pick the choice that keeps the
//!    highest burden lowest, then touches the fewest profiles already at
//!    that burden, then has the least pain, then is earliest.
//! 2. **Local improvement** with the same key on the whole plan: take one
//!    occurrence out, put back its best choice given all the others; repeat
//!    until a full pass changes nothing. Every change strictly lowers
//!    (highest burden, profiles at it, total pain), so it ends.
//! 3. The same improvement on the true objective (highest burden, total
//!    pain), so the result cannot be improved by changing one occurrence.
//! 4. **Branch and bound** from that plan, within a budget of
//!    [`EXACT_BUDGET`] nodes: a partial plan is cut as soon as its highest
//!    burden, or its pain plus the least pain each remaining occurrence
//!    could add, cannot beat the best plan so far. When the search ends
//!    within the budget (small bodies, short series) the plan is optimal;
//!    otherwise it is the best found, never worse than the heuristic's.
//!
//! Members are handled as profiles (identical members carry identical
//! burdens), and choices with the same set of out-of-hours profiles are
//! merged beforehand, keeping the least painful.

/// One distinct way to hold one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    /// Start, UTC seconds (the tie-breaker: earliest wins).
    pub start: i64,
    /// Total pain minutes of the body.
    pub pain: u64,
    /// Bit `p` set when profile `p` is out of hours.
    pub outside: Vec<u64>,
}

/// The choices of every occurrence over `profiles` profiles.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// How many profiles (bits) there are.
    pub profiles: usize,
    /// Per occurrence, its choices (at least one each).
    pub occurrences: Vec<Vec<Choice>>,
}

/// The burden of each profile, and the levels the keys need.
struct Levels {
    max: u32,
    at_max: Vec<u64>,
    below_max: Vec<u64>,
    count_at_max: u32,
}

impl Levels {
    fn of(burden: &[u32], words: usize) -> Self {
        let max = burden.iter().copied().max().unwrap_or(0);
        let mut at_max = vec![0u64; words];
        let mut below_max = vec![0u64; words];
        for (p, &b) in burden.iter().enumerate() {
            if b == max {
                at_max[p / 64] |= 1 << (p % 64);
            } else if b + 1 == max {
                below_max[p / 64] |= 1 << (p % 64);
            }
        }
        let count_at_max = at_max.iter().map(|w| w.count_ones()).sum();
        Self {
            max,
            at_max,
            below_max,
            count_at_max,
        }
    }

    /// (highest burden, profiles at it) once `outside` is added.
    fn after(&self, outside: &[u64]) -> (u32, u32) {
        let hit = |set: &[u64]| -> u32 {
            set.iter()
                .zip(outside)
                .map(|(a, b)| (a & b).count_ones())
                .sum()
        };
        match hit(&self.at_max) {
            0 => (self.max, self.count_at_max + hit(&self.below_max)),
            n => (self.max + 1, n),
        }
    }
}

fn add(burden: &mut [u32], outside: &[u64], delta: i32) {
    for (w, &bits) in outside.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let b = &mut burden[w * 64 + bits.trailing_zeros() as usize];
            *b = b.saturating_add_signed(delta);
            bits &= bits - 1;
        }
    }
}

/// The plan's score: (highest burden, total pain); lower is better.
#[cfg(test)]
pub(crate) fn score(problem: &Problem, plan: &[usize]) -> (u32, u64) {
    let mut burden = vec![0u32; problem.profiles];
    let mut pain = 0;
    for (choices, &c) in problem.occurrences.iter().zip(plan) {
        add(&mut burden, &choices[c].outside, 1);
        pain += choices[c].pain;
    }
    (burden.into_iter().max().unwrap_or(0), pain)
}

/// One choice index per occurrence, by the heuristic above.
pub(crate) fn optimize(problem: &Problem) -> Vec<usize> {
    let words = problem.profiles.div_ceil(64).max(1);
    let mut burden = vec![0u32; problem.profiles];
    let mut plan = Vec::with_capacity(problem.occurrences.len());
    for choices in &problem.occurrences {
        let levels = Levels::of(&burden, words);
        let best = best_choice(choices, |c| {
            let (max, at_max) = levels.after(&c.outside);
            (max, at_max, c.pain, c.start)
        });
        add(&mut burden, &choices[best].outside, 1);
        plan.push(best);
    }
    improve(problem, &mut plan, &mut burden, words, |levels, c| {
        let (max, at_max) = levels.after(&c.outside);
        (max, at_max, c.pain)
    });
    improve(problem, &mut plan, &mut burden, words, |levels, c| {
        let (max, _) = levels.after(&c.outside);
        (max, 0, c.pain)
    });
    if problem.occurrences.len() <= MAX_EXACT_DEPTH {
        BranchAndBound::new(problem, &plan).run(&mut plan);
    }
    plan
}

/// Nodes the branch and bound may visit before it settles for the best
/// plan found so far.
pub(crate) const EXACT_BUDGET: u32 = 100_000;

/// Longer series are left to the heuristic (and the recursion stays shallow).
const MAX_EXACT_DEPTH: usize = 256;

struct BranchAndBound<'a> {
    problem: &'a Problem,
    /// Per occurrence, its choices by increasing pain.
    order: Vec<Vec<usize>>,
    /// `rest[k]`: the least pain occurrences `k..` can add.
    rest: Vec<u64>,
    burden: Vec<u32>,
    partial: Vec<usize>,
    best: (u32, u64),
    best_plan: Option<Vec<usize>>,
    budget: u32,
}

impl<'a> BranchAndBound<'a> {
    fn new(problem: &'a Problem, incumbent: &[usize]) -> Self {
        let order: Vec<Vec<usize>> = problem
            .occurrences
            .iter()
            .map(|choices| {
                let mut o: Vec<usize> = (0..choices.len()).collect();
                o.sort_by_key(|&i| (choices[i].pain, choices[i].start));
                o
            })
            .collect();
        let mut rest = vec![0u64; problem.occurrences.len() + 1];
        for (k, choices) in problem.occurrences.iter().enumerate().rev() {
            rest[k] = rest[k + 1] + choices.iter().map(|c| c.pain).min().unwrap_or(0);
        }
        let mut burden = vec![0u32; problem.profiles];
        let mut pain = 0;
        for (choices, &c) in problem.occurrences.iter().zip(incumbent) {
            add(&mut burden, &choices[c].outside, 1);
            pain += choices[c].pain;
        }
        let best = (burden.iter().copied().max().unwrap_or(0), pain);
        Self {
            problem,
            order,
            rest,
            burden: vec![0; problem.profiles],
            partial: Vec::with_capacity(problem.occurrences.len()),
            best,
            best_plan: None,
            budget: EXACT_BUDGET,
        }
    }

    /// Replaces `plan` by a strictly better one if the search finds it.
    fn run(mut self, plan: &mut [usize]) {
        self.visit(0, 0, 0);
        if let Some(better) = self.best_plan {
            plan.copy_from_slice(&better);
        }
    }

    fn visit(&mut self, k: usize, max: u32, pain: u64) {
        if k == self.problem.occurrences.len() {
            if (max, pain) < self.best {
                self.best = (max, pain);
                self.best_plan = Some(self.partial.clone());
            }
            return;
        }
        for i in 0..self.order[k].len() {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let c = self.order[k][i];
            let choice = &self.problem.occurrences[k][c];
            let pain = pain + choice.pain;
            if (max, pain + self.rest[k + 1]) >= self.best {
                // Choices come by increasing pain: the rest cannot do better
                // unless the highest burden drops, which it cannot here.
                return;
            }
            let new_max = max.max(self.highest_after(&choice.outside));
            if (new_max, pain + self.rest[k + 1]) >= self.best {
                continue;
            }
            add(&mut self.burden, &choice.outside, 1);
            self.partial.push(c);
            self.visit(k + 1, new_max, pain);
            self.partial.pop();
            add(&mut self.burden, &choice.outside, -1);
        }
    }

    /// The highest burden among the profiles `outside` touches, plus one.
    fn highest_after(&self, outside: &[u64]) -> u32 {
        let mut highest = 0;
        for (w, &bits) in outside.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let p = w * 64 + bits.trailing_zeros() as usize;
                highest = highest.max(self.burden[p] + 1);
                bits &= bits - 1;
            }
        }
        highest
    }
}

fn best_choice<K: Ord>(choices: &[Choice], key: impl Fn(&Choice) -> K) -> usize {
    (0..choices.len())
        .min_by_key(|&i| key(&choices[i]))
        .unwrap_or(0)
}

/// Single-occurrence moves until none lowers `key` (summed over the plan).
fn improve(
    problem: &Problem,
    plan: &mut [usize],
    burden: &mut [u32],
    words: usize,
    key: impl Fn(&Levels, &Choice) -> (u32, u32, u64),
) {
    for _round in 0..1000 {
        let mut changed = false;
        for (k, choices) in problem.occurrences.iter().enumerate() {
            let current = plan[k];
            add(burden, &choices[current].outside, -1);
            let levels = Levels::of(burden, words);
            let best = best_choice(choices, |c| key(&levels, c));
            if key(&levels, &choices[best]) < key(&levels, &choices[current]) {
                plan[k] = best;
                changed = true;
            }
            add(burden, &choices[plan[k]].outside, 1);
        }
        if !changed {
            break;
        }
    }
}
