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
/// minutes) as edges, and the bit sets they drive.
struct Walk<'a> {
    sweep: &'a Sweep,
    /// Per night group, its runs of candidates with night minutes.
    night_runs: Vec<Vec<(usize, usize)>>,
    /// Words per bit set.
    words: usize,
    /// Per profile, then per night group, its first run that may touch the
    /// next period: periods come in order, so no run is searched twice.
    cursor: Vec<usize>,
    /// Every member's bit.
    all: Vec<u64>,
    /// How many members.
    total: u32,
}

/// An edge of a run: at candidate `at`, profile (or night group) `group`
/// enters (`delta` 1) or leaves (-1) a run, of working hours or of night.
#[derive(Debug, Clone, Copy, Default)]
struct Edge {
    at: usize,
    group: usize,
    night: bool,
    delta: i32,
}

impl<'a> Walk<'a> {
    fn new(sweep: &'a Sweep, members: usize) -> Self {
        let words = members.div_ceil(64).max(1);
        let mut all = vec![0u64; words];
        for m in 0..members {
            all[m / 64] |= 1 << (m % 64);
        }
        Self {
            sweep,
            night_runs: sweep
                .night_groups
                .iter()
                .map(|g| g.runs(&sweep.grid))
                .collect(),
            words,
            cursor: vec![0; sweep.runs.len() + sweep.night_groups.len()],
            all,
            total: u32::try_from(members).unwrap_or(u32::MAX),
        }
    }

    /// The edges of the runs that touch candidates `lo..=hi`, in order of
    /// candidate; a run begun before `lo` enters at `lo`. Periods must come
    /// in order.
    fn edges(&mut self, lo: usize, hi: usize) -> Vec<Edge> {
        let mut edges = Vec::new();
        let kinds = [(&self.sweep.runs, false), (&self.night_runs, true)];
        let mut cursors = self.cursor.iter_mut();
        for (runs, night) in kinds {
            for ((group, runs), cursor) in runs.iter().enumerate().zip(&mut cursors) {
                // Walking on from the last period reads the runs in memory
                // order, where a binary search per period missed the cache.
                while runs.get(*cursor).is_some_and(|&(_, end)| end < lo) {
                    *cursor += 1;
                }
                let from = (*cursor).min(runs.len());
                for &(a, b) in runs[from..].iter().take_while(|&&(a, _)| a <= hi) {
                    let edge = |at, delta| Edge {
                        at,
                        group,
                        night,
                        delta,
                    };
                    edges.push(edge(a.max(lo), 1));
                    if b < hi {
                        edges.push(edge(b + 1, -1));
                    }
                }
            }
        }
        // A counting sort: candidates are few, edges many.
        let mut first = vec![0usize; hi - lo + 2];
        for e in &edges {
            first[e.at - lo + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        let mut sorted = vec![Edge::default(); edges.len()];
        for e in edges {
            let slot = &mut first[e.at - lo];
            sorted[*slot] = e;
            *slot += 1;
        }
        sorted
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
        // Per profile (night group), how many of its runs hold the current
        // candidate (nights may overlap under a long meeting).
        let mut inside_depth = vec![0i32; sweep.profiles.len()];
        let mut night_depth = vec![0i32; sweep.night_groups.len()];
        // The key of a candidate: members inside hours (turned into those
        // outside when looked up), then members with night minutes.
        let mut sets = vec![0u64; 2 * words];
        let mut key = vec![0u64; 2 * words];
        let mut kinds: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
        let edges = self.edges(lo, hi);
        let mut next = edges.iter().peekable();
        for k in lo..=hi {
            while let Some(e) = next.next_if(|e| e.at <= k) {
                let (depth, offset, members) = if e.night {
                    let members = &sweep.night_groups[e.group].members;
                    (&mut night_depth[e.group], words, members)
                } else {
                    let members = &sweep.profiles[e.group].members;
                    (&mut inside_depth[e.group], 0, members)
                };
                let was = *depth > 0;
                *depth += e.delta;
                if was != (*depth > 0) {
                    for &m in members {
                        sets[offset + m / 64] ^= 1 << (m % 64);
                    }
                }
            }
            if total - sweep.inside[k] > limit {
                continue;
            }
            for w in 0..words {
                key[w] = self.all[w] & !sets[w];
                key[words + w] = sets[words + w];
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
