//! Ranking every candidate start of a range (SPEC 2): most members inside
//! hours first, then least total pain, then earliest.

use chrono::{DateTime, Utc};

use super::ScheduleError;
use super::profile::{Grid, group};
use super::slot::{Slot, evaluate_slot};
use crate::charter::Member;

/// The most candidate starts one request may hold (about 19 years at a
/// 15-minute step), so that no input makes the command hang.
pub const MAX_CANDIDATES: u64 = 660_000;

/// What to search: a range of instants, a meeting length and a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Search {
    /// No meeting starts before this instant.
    pub from: DateTime<Utc>,
    /// No meeting ends after this instant.
    pub to: DateTime<Utc>,
    /// How long the meeting lasts.
    pub duration_minutes: u32,
    /// Candidate starts are the whole multiples of this step since the
    /// Unix epoch (so aligned in UTC); it must divide 24 hours.
    pub step_minutes: u32,
}

impl Search {
    /// The candidate starts, or why there are none.
    pub(crate) fn grid(&self) -> Result<Grid, ScheduleError> {
        if self.duration_minutes == 0 {
            return Err(ScheduleError::ZeroDuration);
        }
        if self.step_minutes == 0 {
            return Err(ScheduleError::ZeroStep);
        }
        if 24 * 60 % self.step_minutes != 0 {
            return Err(ScheduleError::StepNotDividingDay(self.step_minutes));
        }
        let (from, to) = (self.from.timestamp(), self.to.timestamp());
        if to <= from {
            return Err(ScheduleError::EmptyRange {
                from: self.from,
                to: self.to,
            });
        }
        let duration = i64::from(self.duration_minutes) * 60;
        if duration > to - from {
            return Err(ScheduleError::DurationLongerThanRange {
                duration_minutes: self.duration_minutes,
                range_minutes: u32::try_from((to - from) / 60).unwrap_or(u32::MAX),
            });
        }
        let step = i64::from(self.step_minutes) * 60;
        let first =
            from.div_euclid(step) * step + if from.rem_euclid(step) == 0 { 0 } else { step };
        let last = to - duration;
        if last < first {
            return Err(ScheduleError::NoAlignedStart {
                step_minutes: self.step_minutes,
            });
        }
        let len = (last - first) / step + 1;
        let len_u64 = u64::try_from(len).unwrap_or(u64::MAX);
        if len_u64 > MAX_CANDIDATES {
            return Err(ScheduleError::TooManyCandidates {
                candidates: len_u64,
                limit: MAX_CANDIDATES,
            });
        }
        Ok(Grid {
            first,
            step,
            len: len_u64 as usize,
            duration,
        })
    }
}

/// The `top` best slots of `search` for `members`, best first, each with
/// its participants' details.
pub fn rank_slots(
    members: &[&Member],
    search: &Search,
    top: usize,
) -> Result<Vec<Slot>, ScheduleError> {
    if members.is_empty() {
        return Err(ScheduleError::NoMembers);
    }
    let grid = search.grid()?;
    let mut inside_steps = vec![0i64; grid.len + 1];
    let mut covered = vec![0i64; grid.len + 1];
    let mut covered_steps = vec![0i64; grid.len + 1];
    let mut members_total = 0i64;
    for mut profile in group(members) {
        profile.prepare(grid.first, grid.start(grid.len - 1) + grid.duration);
        let weight = i64::from(profile.weight());
        members_total += weight;
        profile.inside_runs(&grid, |lo, hi| {
            inside_steps[lo] += weight;
            inside_steps[hi + 1] -= weight;
        });
        profile.add_covered(&grid, weight, &mut covered, &mut covered_steps);
    }
    // Windows and starts are whole minutes, so pain sums exactly in minutes.
    let (mut inside_level, mut covered_level) = (0, 0);
    let mut inside = Vec::with_capacity(grid.len);
    let mut pain = Vec::with_capacity(grid.len);
    for k in 0..grid.len {
        inside_level += inside_steps[k];
        covered_level += covered_steps[k];
        inside.push(inside_level as u32);
        pain.push(((members_total * grid.duration - covered[k] - covered_level) / 60) as u64);
    }
    let key = |k: u32| (std::cmp::Reverse(inside[k as usize]), pain[k as usize], k);
    let mut order: Vec<u32> = (0..grid.len as u32).collect();
    let top = top.min(order.len());
    if top == 0 {
        return Ok(Vec::new());
    }
    if top < order.len() {
        order.select_nth_unstable_by_key(top - 1, |&k| key(k));
        order.truncate(top);
    }
    order.sort_unstable_by_key(|&k| key(k));
    Ok(order
        .into_iter()
        .map(|k| {
            let start = DateTime::from_timestamp(grid.start(k as usize), 0).unwrap_or_default();
            let slot = evaluate_slot(members, start, search.duration_minutes);
            debug_assert_eq!(
                slot.inside, inside[k as usize] as usize,
                "sweep and evaluation disagree"
            );
            slot
        })
        .collect())
}
