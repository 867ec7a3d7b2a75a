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
        let mut work = Vec::new();
        let mut night = Vec::new();
        self.rules.windows_and_nights(
            from,
            to,
            days,
            Some(&mut work),
            with_nights.then_some(&mut night),
        );
        (self.work.starts, self.work.ends) = work.into_iter().unzip();
        (self.night.starts, self.night.ends) = night.into_iter().unzip();
    }

    /// Visits each maximal run `first..=last` of candidates of `grid` that
    /// are inside hours for this profile, in order.
    pub fn inside_runs(&self, grid: &Grid, mut visit: impl FnMut(usize, usize)) {
        for (&ws, &we) in self.work.starts.iter().zip(&self.work.ends) {
            let (lo, hi) = grid.indices(ws, we - grid.duration);
            if lo <= hi {
                visit(lo as usize, hi as usize);
            }
        }
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
    /// meeting overlaps (see [`add_overlap`]).
    pub fn add_covered(&self, grid: &Grid, weight: i64, covered: &mut [i64], steps: &mut [i64]) {
        add_overlap(&self.work, grid, weight, covered, steps);
    }

    /// Adds, for every candidate, `weight` times the night seconds the
    /// meeting overlaps (see [`add_overlap`]); the ranking adds nights by
    /// [`NightGroup`] instead.
    #[cfg(test)]
    pub fn add_night(&self, grid: &Grid, weight: i64, night: &mut [i64], steps: &mut [i64]) {
        add_overlap(&self.night, grid, weight, night, steps);
    }

    /// `(inside_hours, pain_minutes, night_minutes)` of every candidate,
    /// for tests.
    #[cfg(test)]
    pub fn judge_all(&self, grid: &Grid) -> Vec<(bool, u32, u32)> {
        let mut inside = vec![false; grid.len];
        self.inside_runs(grid, |lo, hi| inside[lo..=hi].fill(true));
        let sweep = |add: &dyn Fn(&mut [i64], &mut [i64])| {
            let mut covered = vec![0; grid.len + 1];
            let mut steps = vec![0; grid.len + 1];
            add(&mut covered, &mut steps);
            let mut level = 0;
            (0..grid.len)
                .map(|k| {
                    level += steps[k];
                    covered[k] + level
                })
                .collect::<Vec<i64>>()
        };
        let covered = sweep(&|c, s| self.add_covered(grid, 1, c, s));
        let night = sweep(&|c, s| self.add_night(grid, 1, c, s));
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
    let mut nights = Vec::new();
    rules.windows_and_nights(from, to, days, None, Some(&mut nights));
    let (starts, ends) = nights.into_iter().unzip();
    Windows { starts, ends }
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
    pub fn add_night(&self, grid: &Grid, night: &mut [i64], steps: &mut [i64]) {
        add_overlap(&self.windows, grid, self.weight, night, steps);
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

/// Adds, for every candidate `k` of `grid`, `weight` times the seconds the
/// meeting overlaps `windows` to `covered[k]`. Constant stretches go into
/// the difference array `steps` (`steps[k]` is added to every candidate
/// from `k` on), the ramps at each window's edges are written one by one,
/// so the work is per window, not per candidate. Both slices have
/// `grid.len + 1` entries.
fn add_overlap(
    windows: &Windows,
    grid: &Grid,
    weight: i64,
    covered: &mut [i64],
    steps: &mut [i64],
) {
    let d = grid.duration;
    let start = |k: i64| grid.first + k * grid.step;
    for (&ws, &we) in windows.starts.iter().zip(&windows.ends) {
        let (a, b) = (ws.min(we - d), ws.max(we - d));
        // Rising edge: the meeting starts before the window, ends inside it.
        let (lo, hi) = grid.indices(ws - d + 1, a - 1);
        for k in lo..=hi {
            covered[k as usize] += weight * (start(k) + d - ws);
        }
        // Plateau: the meeting holds the window, or the window the meeting.
        let (lo, hi) = grid.indices(a, b);
        if lo <= hi {
            let overlap = weight * d.min(we - ws);
            steps[lo as usize] += overlap;
            steps[hi as usize + 1] -= overlap;
        }
        // Falling edge: the meeting starts inside the window, ends after it.
        let (lo, hi) = grid.indices(b + 1, we - 1);
        for k in lo..=hi {
            covered[k as usize] += weight * (we - start(k));
        }
    }
}
