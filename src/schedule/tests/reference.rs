//! The series search as it was before issue 13, kept as the reference the
//! faster one must agree with: each period swept on its own and each
//! candidate's members compared one by one ([`choices`]), and every plan
//! scored by sorting all burdens ([`optimize`]). Not used outside tests.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::charter::Member;
use crate::schedule::ScheduleError;
use crate::schedule::rank::{Sweep, in_runs};
use crate::schedule::rotation::{Choice, EXHAUSTIVE, Problem};
use crate::schedule::series::{Period, Series};

/// Bit sets over members.
fn bits(words: usize, members: impl Iterator<Item = usize>) -> Vec<u64> {
    let mut set = vec![0u64; words];
    for m in members {
        set[m / 64] |= 1 << (m % 64);
    }
    set
}

/// The acceptable choices of one window, distinct by who is outside and
/// who has night minutes, each the least painful (by night, then pain, then
/// start) of its kind; and the fewest members outside in the window.
pub(super) fn choices(
    members: &[&Member],
    series: &Series,
    window: Period,
) -> Result<(Vec<Choice>, usize), ScheduleError> {
    let grid = search(series, window).grid()?;
    let sweep = Sweep::new(members, grid, true);
    let nights = sweep.night_runs();
    let total = members.len() as u32;
    let best_outside = (0..grid.len)
        .map(|k| total - sweep.inside[k])
        .min()
        .unwrap_or(total);
    let limit = best_outside.saturating_add(series.tolerance);
    let words = members.len().div_ceil(64).max(1);
    let mut kinds: HashMap<(Vec<bool>, Vec<bool>), usize> = HashMap::new();
    for k in (0..grid.len).filter(|&k| total - sweep.inside[k] <= limit) {
        let outside: Vec<bool> = (0..sweep.profiles.len())
            .map(|p| !sweep.is_inside(p, k))
            .collect();
        let night: Vec<bool> = nights.iter().map(|runs| in_runs(runs, k)).collect();
        let key = |k: usize| (sweep.night[k], sweep.pain[k], k);
        kinds
            .entry((outside, night))
            .and_modify(|kept| {
                if key(k) < key(*kept) {
                    *kept = k;
                }
            })
            .or_insert(k);
    }
    let mut out: Vec<Choice> = kinds
        .into_iter()
        .map(|((outside, night), k)| {
            let of = |flags: &[bool]| {
                bits(
                    words,
                    sweep
                        .profiles
                        .iter()
                        .zip(flags)
                        .filter(|(_, on)| **on)
                        .flat_map(|(p, _)| p.members.iter().copied()),
                )
            };
            Choice {
                start: grid.start(k),
                night: u64::from(sweep.night[k]),
                pain: u64::from(sweep.pain[k]),
                outside: of(&outside),
                nights: of(&night),
            }
        })
        .collect();
    out.sort_unstable_by_key(|c| (c.night, c.pain, c.start));
    Ok((out, best_outside as usize))
}

fn search(series: &Series, window: Period) -> crate::schedule::Search {
    crate::schedule::Search {
        from: window.0,
        to: window.1,
        duration_minutes: series.duration_minutes,
        step_minutes: series.step_minutes,
    }
}

/// How a plan (or part of one) scores; lower is better.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Score {
    /// Burdens, highest first.
    burdens: Vec<u32>,
    /// Total night minutes.
    night: u64,
    /// Total pain minutes.
    pain: u64,
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
fn score(problem: &Problem, plan: &[usize]) -> Score {
    let mut state = State::new(problem);
    for (choices, &c) in problem.occurrences.iter().zip(plan) {
        state.apply(&choices[c], 1);
    }
    state.score()
}

/// One choice index per occurrence, as the search did before issue 13.
pub(super) fn optimize(problem: &Problem) -> Vec<usize> {
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
