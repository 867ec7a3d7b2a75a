//! The fast path: members with identical rules grouped into profiles, each
//! profile's working windows precomputed once as UTC seconds, then a sweep
//! over evenly spaced candidate starts with moving pointers (no time-zone
//! conversion per candidate).

use super::window::{Rules, pain_minutes};
use crate::charter::Member;

/// Members sharing zone, hours, days and blackout dates: for every slot
/// they are all inside or all outside, with the same pain.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    /// The shared rules.
    pub rules: Rules,
    /// Positions (in the caller's member slice) of the members in it.
    pub members: Vec<usize>,
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// `covered[i]`: working seconds in windows `0..i`.
    covered: Vec<i64>,
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
}

/// Groups `members` into profiles, in order of first appearance.
pub(crate) fn group(members: &[&Member]) -> Vec<Profile> {
    let mut profiles: Vec<Profile> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let rules = Rules::of(m);
        match profiles.iter_mut().find(|p| p.rules == rules) {
            Some(p) => p.members.push(i),
            None => profiles.push(Profile {
                rules,
                members: vec![i],
                starts: Vec::new(),
                ends: Vec::new(),
                covered: vec![0],
            }),
        }
    }
    profiles
}

impl Profile {
    /// How many members share this profile.
    pub fn weight(&self) -> u32 {
        u32::try_from(self.members.len()).unwrap_or(u32::MAX)
    }

    /// Precomputes the working windows touching UTC seconds `[from, to]`.
    pub fn prepare(&mut self, from: i64, to: i64) {
        self.starts.clear();
        self.ends.clear();
        self.covered.clear();
        self.covered.push(0);
        let mut total = 0;
        for (s, e) in self.rules.windows_between(from, to) {
            total += e - s;
            self.starts.push(s);
            self.ends.push(e);
            self.covered.push(total);
        }
    }

    /// Working seconds before `t`, given `i` = the number of windows
    /// starting at or before `t`.
    fn covered_before(&self, i: usize, t: i64) -> i64 {
        if i == 0 {
            0
        } else {
            self.covered[i] - (self.ends[i - 1] - t).max(0)
        }
    }

    /// Calls `visit(k, inside_hours, pain_minutes)` for every candidate of
    /// `grid`, in order. Windows must have been prepared over the grid.
    pub fn sweep(&self, grid: &Grid, mut visit: impl FnMut(usize, bool, u32)) {
        let n = self.starts.len();
        let mut at_start = self.starts.partition_point(|&w| w <= grid.first);
        let mut at_end = self
            .starts
            .partition_point(|&w| w <= grid.first + grid.duration);
        for k in 0..grid.len {
            let s = grid.start(k);
            let e = s + grid.duration;
            while at_start < n && self.starts[at_start] <= s {
                at_start += 1;
            }
            while at_end < n && self.starts[at_end] <= e {
                at_end += 1;
            }
            let inside = at_start > 0 && self.ends[at_start - 1] >= e;
            let covered = self.covered_before(at_end, e) - self.covered_before(at_start, s);
            visit(k, inside, pain_minutes(grid.duration - covered));
        }
    }
}
