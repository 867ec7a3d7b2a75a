//! The acceptable choices of every occurrence of a series (see `series`),
//! from one sweep over the whole series.
//!
//! Members are grouped, zones' offsets looked up and working windows and
//! nights computed once for the series' range; each occurrence then reads
//! only the candidates of its own period. Who is outside and who has night
//! minutes is kept as bit sets over the members, updated at the edges of
//! the profiles' runs inside hours and of the night groups' runs (members
//! sharing a zone and a night) as the candidates are walked in order, so a
//! candidate costs a look-up of its sets, not a pass over every member. This module
//! does not know how the rotation chooses among the choices.

use rustc_hash::FxHashMap;

use super::ScheduleError;
use super::rank::Sweep;
use super::rotation::Choice;
use super::series::{Period, Series};
use crate::charter::Member;

/// What the rotation is offered: the choices of each occurrence, the fewest
/// members outside in each period, and the sweep they were read from.
pub(crate) struct Offered {
    /// Per occurrence, its distinct acceptable choices.
    pub choices: Vec<Vec<Choice>>,
    /// Per occurrence, the fewest members any candidate leaves outside.
    pub best_outside: Vec<usize>,
    /// The sweep over the whole series (its zones serve the chosen slots).
    pub sweep: Sweep,
}

/// The acceptable choices of each of `windows` (non-empty, in order, as
/// [`Series::windows`] gives them).
pub(crate) fn offered(
    members: &[&Member],
    series: &Series,
    windows: &[Period],
) -> Result<Offered, ScheduleError> {
    let (Some(first), Some(last)) = (windows.first(), windows.last()) else {
        return Err(ScheduleError::ZeroCount);
    };
    let grid = search(series, first.0, last.1).grid()?;
    let sweep = Sweep::new(members, grid, false);
    let mut walk = Walk::new(&sweep, members.len());
    let mut choices = Vec::with_capacity(windows.len());
    let mut best_outside = Vec::with_capacity(windows.len());
    for window in windows {
        // Each period's candidates are a stretch of the series' grid: both
        // are the multiples of the step since the epoch.
        let own = search(series, window.0, window.1).grid()?;
        let lo = usize::try_from((own.first - grid.first) / grid.step).unwrap_or(0);
        let hi = (lo + own.len - 1).min(grid.len - 1);
        let (c, b) = walk.period(lo, hi, series.tolerance);
        choices.push(c);
        best_outside.push(b);
    }
    Ok(Offered {
        choices,
        best_outside,
        sweep,
    })
}

fn search(
    series: &Series,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> super::Search {
    super::Search {
        from,
        to,
        duration_minutes: series.duration_minutes,
        step_minutes: series.step_minutes,
    }
}

/// The runs of the profiles (inside hours) and of the night groups (night
/// minutes) as edges sorted by candidate once for the whole series, and
/// the bit sets they drive, walked forward from one period to the next.
struct Walk<'a> {
    sweep: &'a Sweep,
    /// Where each candidate's edges start in `edges` (one more entry than
    /// there are candidates, and one past the end).
    first: Vec<usize>,
    /// Each edge as `group << 1 | leaves`: groups are the profiles, then
    /// the night groups; a group enters a run at its first candidate and
    /// leaves after its last.
    edges: Vec<usize>,
    /// Every group's members, one after the other, from `member_at[g]`.
    members: Vec<usize>,
    member_at: Vec<usize>,
    /// Per group, how many of its runs hold the current candidate (nights
    /// may overlap under a long meeting).
    depth: Vec<i32>,
    /// Members inside hours, then members with night minutes, at the
    /// candidate before `next`.
    sets: Vec<u64>,
    /// The first candidate whose edges are not applied yet.
    next: usize,
    /// Words per bit set.
    words: usize,
    /// Every member's bit.
    all: Vec<u64>,
    /// How many members.
    total: u32,
}

impl<'a> Walk<'a> {
    fn new(sweep: &'a Sweep, members: usize) -> Self {
        let words = members.div_ceil(64).max(1);
        let mut all = vec![0u64; words];
        for m in 0..members {
            all[m / 64] |= 1 << (m % 64);
        }
        let night_runs: Vec<Vec<(usize, usize)>> = (sweep.night_groups.iter())
            .map(|g| g.runs(&sweep.grid))
            .collect();
        let groups = sweep.runs.iter().chain(&night_runs);
        // A counting sort of the edges by candidate: one pass to count,
        // one to place. Read in candidate order, they keep the cache,
        // where each group's own list per period did not.
        let len = sweep.grid.len;
        let mut first = vec![0usize; len + 2];
        for runs in groups.clone() {
            for &(a, b) in runs {
                first[a + 1] += 1;
                first[b + 2] += 1;
            }
        }
        for k in 1..first.len() {
            first[k] += first[k - 1];
        }
        let mut place = first.clone();
        let mut edges = vec![0usize; first[len + 1]];
        for (g, runs) in groups.enumerate() {
            for &(a, b) in runs {
                edges[place[a]] = g << 1;
                place[a] += 1;
                edges[place[b + 1]] = g << 1 | 1;
                place[b + 1] += 1;
            }
        }
        let group_members = (sweep.profiles.iter().map(|p| &p.members))
            .chain(sweep.night_groups.iter().map(|g| &g.members));
        let mut member_at = vec![0];
        let mut flat = Vec::with_capacity(2 * members);
        for m in group_members {
            flat.extend_from_slice(m);
            member_at.push(flat.len());
        }
        Self {
            sweep,
            first,
            edges,
            members: flat,
            depth: vec![0; member_at.len() - 1],
            member_at,
            sets: vec![0; 2 * words],
            next: 0,
            words,
            all,
            total: u32::try_from(members).unwrap_or(u32::MAX),
        }
    }

    /// Applies the edges at candidate `k`, the sets then holding it.
    fn step(&mut self, k: usize) {
        let profiles = self.sweep.profiles.len();
        for &edge in &self.edges[self.first[k]..self.first[k + 1]] {
            let g = edge >> 1;
            let depth = &mut self.depth[g];
            let was = *depth > 0;
            *depth += if edge & 1 == 0 { 1 } else { -1 };
            if was != (*depth > 0) {
                let offset = if g < profiles { 0 } else { self.words };
                for &m in &self.members[self.member_at[g]..self.member_at[g + 1]] {
                    self.sets[offset + m / 64] ^= 1 << (m % 64);
                }
            }
        }
    }

    /// The distinct acceptable choices among candidates `lo..=hi` (one
    /// period), each the least painful (by night, then pain, then start)
    /// of its kind, sorted by night, pain and start; and the fewest members
    /// outside in the period.
    fn period(&mut self, lo: usize, hi: usize, tolerance: u32) -> (Vec<Choice>, usize) {
        let sweep = self.sweep;
        let total = self.total;
        let best = (lo..=hi)
            .map(|k| total - sweep.inside[k])
            .min()
            .unwrap_or(total);
        let limit = best.saturating_add(tolerance);
        let words = self.words;
        // Periods come in order; should one not, the walk starts over.
        if lo < self.next {
            self.depth.fill(0);
            self.sets.fill(0);
            self.next = 0;
        }
        // The key of a candidate: members inside hours (turned into those
        // outside when looked up), then members with night minutes.
        let mut key = vec![0u64; 2 * words];
        let mut kinds: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
        for k in self.next..=hi {
            self.step(k);
            if k < lo || total - sweep.inside[k] > limit {
                continue;
            }
            for w in 0..words {
                key[w] = self.all[w] & !self.sets[w];
                key[words + w] = self.sets[words + w];
            }
            let rank = |k: usize| (sweep.night[k], sweep.pain[k], k);
            match kinds.get_mut(&key[..]) {
                Some(kept) => {
                    if rank(k) < rank(*kept) {
                        *kept = k;
                    }
                }
                None => {
                    kinds.insert(key.clone(), k);
                }
            }
        }
        self.next = hi + 1;
        let mut out: Vec<Choice> = kinds
            .into_iter()
            .map(|(mut key, k)| {
                let nights = key.split_off(words);
                Choice {
                    start: sweep.grid.start(k),
                    night: u64::from(sweep.night[k]),
                    pain: u64::from(sweep.pain[k]),
                    outside: key,
                    nights,
                }
            })
            .collect();
        out.sort_unstable_by_key(|c| (c.night, c.pain, c.start));
        (out, best as usize)
    }
}
