//! The fast path: members with identical rules grouped into profiles, each
//! profile's working windows and nights precomputed once as UTC seconds,
//! then a sweep over evenly spaced candidate starts with moving pointers
//! (no time-zone conversion per candidate, and work per window rather than
//! per candidate).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono_tz::Tz;
use rustc_hash::FxHashMap;

#[cfg(test)]
use super::window::pain_minutes;
use super::window::{Rules, ZoneDays, local_date};
use crate::charter::Member;

/// Members sharing zone, hours, night, days, blackout dates and holidays:
/// for every slot they are all inside or all outside, with the same pain
/// and night minutes.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    /// The shared rules.
    pub rules: Rules,
    /// Positions (in the caller's member slice) of the members in it.
    pub members: Vec<usize>,
    work: Windows,
    night: Windows,
}

/// Intervals of UTC seconds, in order.
#[derive(Debug, Clone, Default)]
struct Windows {
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl Windows {
    fn push(&mut self, start: i64, end: i64) {
        self.starts.push(start);
        self.ends.push(end);
    }
}

/// Evenly spaced candidate starts, in UTC seconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    /// The first start.
    pub first: i64,
    /// Seconds between starts.
    pub step: i64,
    /// How many starts.
    pub len: usize,
    /// Seconds each meeting lasts.
    pub duration: i64,
}

impl Grid {
    /// The `k`-th start.
    pub fn start(&self, k: usize) -> i64 {
        self.first + self.step * k as i64
    }

    /// Candidate indices whose start lies in `[from, to]` (an empty range
    /// when `lo > hi`).
    fn indices(&self, from: i64, to: i64) -> (i64, i64) {
        let lo = (from - self.first).div_euclid(self.step)
            + i64::from((from - self.first).rem_euclid(self.step) != 0);
        let hi = (to - self.first).div_euclid(self.step);
        (lo.max(0), hi.min(self.len as i64 - 1))
    }

    /// The index of the last candidate starting at or before `t` (any
    /// integer, -1 and below before the first) and how far after its start
    /// `t` lies: one division, from which [`Floors`] finds the rest.
    #[inline]
    fn split(&self, t: i64) -> (i64, i64) {
        let t = t - self.first;
        (t.div_euclid(self.step), t.rem_euclid(self.step))
    }
}

/// The last candidates starting at or before the instants a window's
/// ramps and plateau end at (see [`add_overlap`]): two divisions per
/// window instead of two per bound, where the sweep over thousands of
/// profiles spent much of its time.
struct Floors {
    /// `ws - d`, `ws - 1`, `ws`.
    before_start: i64,
    start_minus_1: i64,
    start: i64,
    /// `we - d - 1`, `we - d`, `we - 1`.
    end_less_d_minus_1: i64,
    end_less_d: i64,
    end_minus_1: i64,
}

/// A grid with its meeting length split into whole steps and the rest,
/// once for all the windows.
struct Floorer<'g> {
    grid: &'g Grid,
    dq: i64,
    dr: i64,
}

impl<'g> Floorer<'g> {
    fn new(grid: &'g Grid) -> Self {
        Self {
            grid,
            dq: grid.duration.div_euclid(grid.step),
            dr: grid.duration.rem_euclid(grid.step),
        }
    }

    /// The floors of window `[ws, we]`.
    #[inline]
    fn floors(&self, ws: i64, we: i64) -> Floors {
        let (grid, dq, dr) = (self.grid, self.dq, self.dr);
        let step = grid.step;
        let (qs, rs) = grid.split(ws);
        let (qe, re) = grid.split(we);
        // `q` plus the floor of `s / step`, for `s` within one step of
        // `[0, step)`.
        let near = |q: i64, s: i64| q + i64::from(s >= step) - i64::from(s < 0);
        Floors {
            before_start: near(qs - dq, rs - dr),
            start_minus_1: near(qs, rs - 1),
            start: qs,
            end_less_d_minus_1: near(qe - dq, re - dr - 1),
            end_less_d: near(qe - dq, re - dr),
            end_minus_1: near(qe, re - 1),
        }
    }
}

/// Groups `members` into profiles, in order of first appearance.
pub(crate) fn group(members: &[&Member]) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = Vec::new();
    // Rules -> position in `profiles`: thousands of members, nearly as many
    // profiles, so a search of the profiles per member was quadratic.
    let mut index: FxHashMap<Rules, usize> = FxHashMap::default();
    for (i, m) in members.iter().enumerate() {
        match index.entry(Rules::of(m)) {
            Entry::Occupied(at) => profiles[*at.get()].members.push(i),
            Entry::Vacant(at) => {
                profiles.push(Profile {
                    rules: at.key().clone(),
                    members: vec![i],
                    work: Windows::default(),
                    night: Windows::default(),
                });
                at.insert(profiles.len() - 1);
            }
        }
    }
    profiles
}

impl Profile {
    /// How many members share this profile.
    pub fn weight(&self) -> u32 {
        u32::try_from(self.members.len()).unwrap_or(u32::MAX)
    }

    /// Precomputes the working windows and nights touching UTC seconds
    /// `[from, to]`.
    #[cfg(test)]
    pub fn prepare(&mut self, from: i64, to: i64) {
        let mut cache = HashMap::new();
        self.prepare_with(from, to, &mut cache, true);
    }

    /// [`Profile::prepare`] with each zone's daily offsets kept in `cache`
    /// for the other profiles of the same zone.
    pub fn prepare_with(
        &mut self,
        from: i64,
        to: i64,
        cache: &mut HashMap<Tz, ZoneDays>,
        with_nights: bool,
    ) {
        let zone = self.rules.zone;
        let days = cache
            .entry(zone)
            .or_insert_with(|| zone_days(zone, from, to));
        // At most one working window a date: room for them all at once.
        let dates = usize::try_from((to - from) / 86_400 + 3).unwrap_or(0);
        let mut work = Windows {
            starts: Vec::with_capacity(dates),
            ends: Vec::with_capacity(dates),
        };
        let mut night = Windows::default();
        let mut add_work = |s, e| work.push(s, e);
        let mut add_night = |s, e| night.push(s, e);
        self.rules.windows_and_nights(
            from,
            to,
            days,
            Some(&mut add_work),
            with_nights.then_some(&mut add_night),
        );
        (self.work, self.night) = (work, night);
    }

    /// Visits each maximal run `first..=last` of candidates of `grid` that
    /// are inside hours for this profile, in order.
    #[cfg(test)]
    pub fn inside_runs(&self, grid: &Grid, visit: impl FnMut(usize, usize)) {
        add_overlap(&self.work, grid, 1, &mut Ramps::new(grid.len), visit);
    }

    /// Visits each run `first..=last` of candidates of `grid` whose meeting
    /// has any minute in this profile's night, in order.
    #[cfg(test)]
    pub fn night_runs(&self, grid: &Grid, mut visit: impl FnMut(usize, usize)) {
        for (&ns, &ne) in self.night.starts.iter().zip(&self.night.ends) {
            let (lo, hi) = grid.indices(ns - grid.duration + 1, ne - 1);
            if lo <= hi {
                visit(lo as usize, hi as usize);
            }
        }
    }

    /// Adds, for every candidate, `weight` times the working seconds the
    /// meeting overlaps (see [`add_overlap`]), and visits the runs inside
    /// hours as [`Profile::inside_runs`] does.
    pub fn add_covered(
        &self,
        grid: &Grid,
        weight: i64,
        covered: &mut Ramps,
        inside: impl FnMut(usize, usize),
    ) {
        add_overlap(&self.work, grid, weight, covered, inside);
    }

    /// Adds, for every candidate, `weight` times the night seconds the
    /// meeting overlaps (see [`add_overlap`]); the ranking adds nights by
    /// [`NightGroup`] instead.
    #[cfg(test)]
    pub fn add_night(&self, grid: &Grid, weight: i64, night: &mut Ramps) {
        add_overlap(&self.night, grid, weight, night, |_, _| {});
    }

    /// `(inside_hours, pain_minutes, night_minutes)` of every candidate,
    /// for tests.
    #[cfg(test)]
    pub fn judge_all(&self, grid: &Grid) -> Vec<(bool, u32, u32)> {
        let mut inside = vec![false; grid.len];
        self.inside_runs(grid, |lo, hi| inside[lo..=hi].fill(true));
        let sweep = |add: &dyn Fn(&mut Ramps)| {
            let mut sums = Ramps::new(grid.len);
            add(&mut sums);
            sums.values().collect::<Vec<i64>>()
        };
        let covered = sweep(&|c| self.add_covered(grid, 1, c, |_, _| {}));
        let night = sweep(&|n| self.add_night(grid, 1, n));
        (0..grid.len)
            .map(|k| {
                (
                    inside[k],
                    pain_minutes(grid.duration - covered[k]),
                    pain_minutes(night[k]),
                )
            })
            .collect()
    }
}

/// The nights of `rules` touching UTC `[from, to]`.
fn nights(rules: &Rules, from: i64, to: i64, days: &ZoneDays) -> Windows {
    let mut nights = Windows::default();
    rules.windows_and_nights(from, to, days, None, Some(&mut |s, e| nights.push(s, e)));
    nights
}

/// Members sharing a zone and a night: for every slot they have the same
/// night minutes, whatever their hours, days and holidays.
#[derive(Debug, Clone)]
pub(crate) struct NightGroup {
    /// How many members.
    pub weight: i64,
    /// Positions (in the caller's member slice) of the members in it.
    pub members: Vec<usize>,
    windows: Windows,
}

impl NightGroup {
    /// The night groups of `profiles`, their nights touching UTC
    /// `[from, to]`.
    pub fn of(
        profiles: &[Profile],
        from: i64,
        to: i64,
        cache: &mut HashMap<Tz, ZoneDays>,
    ) -> Vec<Self> {
        let mut groups: Vec<(Tz, crate::charter::Night, Self, usize)> = Vec::new();
        for (i, p) in profiles.iter().enumerate() {
            let key = (p.rules.zone, p.rules.hours.night);
            match groups.iter_mut().find(|g| (g.0, g.1) == key) {
                Some(g) => {
                    g.2.weight += i64::from(p.weight());
                    g.2.members.extend(&p.members);
                }
                None => groups.push((
                    key.0,
                    key.1,
                    Self {
                        weight: i64::from(p.weight()),
                        members: p.members.clone(),
                        windows: Windows::default(),
                    },
                    i,
                )),
            }
        }
        groups
            .into_iter()
            .map(|(zone, _, mut g, i)| {
                let days = cache
                    .entry(zone)
                    .or_insert_with(|| zone_days(zone, from, to));
                g.windows = nights(&profiles[i].rules, from, to, days);
                g
            })
            .collect()
    }

    /// Each run `first..=last` of candidates of `grid` whose meeting has
    /// any minute in the group's night, in order.
    pub fn runs(&self, grid: &Grid) -> Vec<(usize, usize)> {
        let d = grid.duration;
        let starts = self.windows.starts.iter().zip(&self.windows.ends);
        starts
            .map(|(&ns, &ne)| grid.indices(ns - d + 1, ne - 1))
            .filter(|(lo, hi)| lo <= hi)
            .map(|(lo, hi)| (lo as usize, hi as usize))
            .collect()
    }

    /// Adds the group's night seconds per candidate (see [`add_overlap`]).
    pub fn add_night(&self, grid: &Grid, night: &mut Ramps) {
        add_overlap(&self.windows, grid, self.weight, night, |_, _| {});
    }
}

/// The daily offsets of `zone` over the local dates around UTC `[from, to]`.
pub(crate) fn zone_days(zone: Tz, from: i64, to: i64) -> ZoneDays {
    let first = local_date(zone, from)
        .pred_opt()
        .unwrap_or(chrono::NaiveDate::MIN);
    let last = local_date(zone, to)
        .succ_opt()
        .unwrap_or(chrono::NaiveDate::MAX);
    ZoneDays::new(zone, first, last)
}

/// Per-candidate sums of pieces `c + s * k` over stretches of candidates
/// `k`, kept as two difference arrays (one for the constants, one for the
/// slopes), so that a stretch costs four writes whatever its length.
pub(crate) struct Ramps {
    constant: Vec<i64>,
    slope: Vec<i64>,
}

impl Ramps {
    /// Nothing yet, over `len` candidates.
    pub fn new(len: usize) -> Self {
        Self {
            constant: vec![0; len + 1],
            slope: vec![0; len + 1],
        }
    }

    /// Adds `c + s * k` to every candidate `k` in `lo..=hi` (both within
    /// the candidates; nothing when `lo > hi`).
    fn add(&mut self, lo: i64, hi: i64, c: i64, s: i64) {
        if lo > hi {
            return;
        }
        let (lo, hi) = (lo as usize, hi as usize);
        self.constant[lo] += c;
        self.constant[hi + 1] -= c;
        self.slope[lo] += s;
        self.slope[hi + 1] -= s;
    }

    /// The sum at each candidate, in order.
    pub fn values(&self) -> impl Iterator<Item = i64> + '_ {
        let (mut c, mut s) = (0, 0);
        let len = self.constant.len() - 1;
        (0..len).map(move |k| {
            c += self.constant[k];
            s += self.slope[k];
            c + s * k as i64
        })
    }
}

/// Adds to `sums`, for every candidate `k` of `grid`, `weight` times the
/// seconds the meeting overlaps `windows`: per window a rising ramp, a
/// plateau and a falling ramp, each linear in `k`, so the work is per
/// window, not per candidate. The plateau of a window at least a meeting
/// long is the run of starts inside it, which `inside` visits.
fn add_overlap(
    windows: &Windows,
    grid: &Grid,
    weight: i64,
    sums: &mut Ramps,
    mut inside: impl FnMut(usize, usize),
) {
    let d = grid.duration;
    let slope = weight * grid.step;
    let last = grid.len as i64 - 1;
    let floorer = Floorer::new(grid);
    for (&ws, &we) in windows.starts.iter().zip(&windows.ends) {
        // With `a = min(ws, we - d)` and `b = max(ws, we - d)`, the ramps
        // and the plateau are the starts in `[ws - d + 1, a - 1]`, `[a, b]`
        // and `[b + 1, we - 1]`; the floors give each run's last start, and
        // the next run begins after it.
        let f = floorer.floors(ws, we);
        let rise_last = f.start_minus_1.min(f.end_less_d_minus_1);
        let plateau_last = f.start.max(f.end_less_d);
        // Rising edge: the meeting starts before the window, ends inside
        // it, overlapping `start(k) + d - ws`.
        let (lo, hi) = ((f.before_start + 1).max(0), rise_last.min(last));
        sums.add(lo, hi, weight * (grid.first + d - ws), slope);
        // Plateau: the meeting holds the window, or the window the meeting.
        let (lo, hi) = ((rise_last + 1).max(0), plateau_last.min(last));
        sums.add(lo, hi, weight * d.min(we - ws), 0);
        if we - ws >= d && lo <= hi {
            inside(lo as usize, hi as usize);
        }
        // Falling edge: the meeting starts inside the window, ends after
        // it, overlapping `we - start(k)`.
        let (lo, hi) = ((plateau_last + 1).max(0), f.end_minus_1.min(last));
        sums.add(lo, hi, weight * (we - grid.first), -slope);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The floors find the same runs as overlapping each candidate with
        /// each window, on grids and windows of any alignment.
        #[test]
        fn overlaps_and_inside_runs_are_those_of_every_candidate(
            first in -100_000i64..100_000,
            step in 1i64..4000,
            duration in 1i64..20_000,
            len in 1usize..120,
            windows in proptest::collection::vec((-50_000i64..500_000, 1i64..30_000), 0..6),
        ) {
            let grid = Grid { first, step, len, duration };
            let mut sorted: Vec<(i64, i64)> = windows.iter().map(|&(s, l)| (s, s + l)).collect();
            sorted.sort_unstable();
            let work = Windows {
                starts: sorted.iter().map(|w| w.0).collect(),
                ends: sorted.iter().map(|w| w.1).collect(),
            };
            let mut covered = Ramps::new(len);
            add_overlap(&work, &grid, 3, &mut covered, |_, _| {});
            for (k, sum) in covered.values().enumerate() {
                let (s, e) = (grid.start(k), grid.start(k) + duration);
                let exact: i64 = sorted.iter().map(|&(ws, we)| (we.min(e) - ws.max(s)).max(0)).sum();
                prop_assert_eq!(sum, 3 * exact, "candidate {}", k);
            }
            let profile = Profile {
                rules: Rules {
                    zone: chrono_tz::UTC,
                    hours: crate::charter::WorkingHours::default(),
                    days: crate::charter::WorkingDays::weekdays(),
                    blackout: vec![],
                    holidays: None,
                },
                members: vec![0],
                work,
                night: Windows::default(),
            };
            let mut runs = Vec::new();
            profile.inside_runs(&grid, |lo, hi| runs.push((lo, hi)));
            let mut expected = Vec::new();
            for &(ws, we) in &sorted {
                let (lo, hi) = grid.indices(ws, we - duration);
                if lo <= hi {
                    expected.push((lo as usize, hi as usize));
                }
            }
            prop_assert_eq!(runs, expected);
        }
    }
}
