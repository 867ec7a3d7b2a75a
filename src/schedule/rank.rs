//! Ranking every candidate start of a range (SPEC 2): most members inside
//! hours first, then least total night minutes, then least total pain,
//! then earliest; and the alternatives, the best slot of each distinct
//! time of day.

use std::cmp::Reverse;

use chrono::{DateTime, TimeZone, Utc};

use super::ScheduleError;
use super::alternatives::alternatives;
use super::notes::{Note, notes};
use super::profile::{Grid, NightGroup, Profile, Ramps, group};
use super::slot::{Slot, evaluate_with};
use super::window::{Rules, ZoneDays};
use crate::charter::Member;

/// The most candidate starts one request may hold (about 19 years at a
/// 15-minute step), so that no input makes the command hang.
pub const MAX_CANDIDATES: u64 = 660_000;

/// The most ranked slots one request may ask for.
pub const MAX_TOP: usize = 1000;

/// The last year the time-zone tables cover: past it each zone would be
/// frozen at its last offset, so later dates are refused.
pub const LAST_ZONE_YEAR: i32 = 2099;

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

/// The answer to a [`Search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// The best slots, best first.
    pub slots: Vec<Slot>,
    /// The best slot of each distinct time of day, best first (see
    /// `alternatives`).
    pub alternatives: Vec<Slot>,
    /// What the user should know about the data behind the ranking
    /// (holidays not covered, estimated dates).
    pub notes: Vec<Note>,
}

/// The first instant the time-zone tables do not cover.
pub(crate) fn zone_tables_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(LAST_ZONE_YEAR + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
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
        if self.to > zone_tables_end() || self.from >= zone_tables_end() {
            return Err(ScheduleError::BeyondZoneTables {
                last_year: LAST_ZONE_YEAR,
            });
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

/// Every candidate of a grid judged for a whole body at once.
pub(crate) struct Sweep {
    /// The candidates.
    pub grid: Grid,
    /// The profiles, prepared over the grid.
    pub profiles: Vec<Profile>,
    /// Members inside hours, per candidate.
    pub inside: Vec<u32>,
    /// Night minutes summed over members, per candidate.
    pub night: Vec<u32>,
    /// Pain minutes summed over members, per candidate.
    pub pain: Vec<u32>,
    /// Per profile, its runs of inside candidates, in order.
    pub runs: Vec<Vec<(usize, usize)>>,
    /// Each zone's daily offsets over the grid.
    pub zones: std::collections::HashMap<chrono_tz::Tz, ZoneDays>,
    /// Members by zone and night, with their nights over the grid.
    pub night_groups: Vec<NightGroup>,
}

impl Sweep {
    /// Judges every candidate of `grid` for `members`; with `with_nights`,
    /// each profile keeps its nights too (for [`Sweep::night_runs`]).
    pub fn new(members: &[&Member], grid: Grid, with_nights: bool) -> Self {
        let n = grid.len + 1;
        let mut inside_steps = vec![0i64; n];
        let (mut covered, mut night) = (Ramps::new(grid.len), Ramps::new(grid.len));
        let mut members_total = 0i64;
        let mut profiles = group(members);
        let mut runs = Vec::with_capacity(profiles.len());
        let mut zones = std::collections::HashMap::new();
        let last = grid.start(grid.len - 1) + grid.duration;
        for profile in &mut profiles {
            profile.prepare_with(grid.first, last, &mut zones, with_nights);
            let weight = i64::from(profile.weight());
            members_total += weight;
            let mut own = Vec::new();
            profile.add_covered(&grid, weight, &mut covered, |lo, hi| {
                inside_steps[lo] += weight;
                inside_steps[hi + 1] -= weight;
                own.push((lo, hi));
            });
            runs.push(own);
        }
        let night_groups = NightGroup::of(&profiles, grid.first, last, &mut zones);
        for g in &night_groups {
            g.add_night(&grid, &mut night);
        }
        // Windows, nights and starts are whole minutes, so sums are exact.
        let mut inside_level = 0;
        let mut sweep = Self {
            grid,
            profiles,
            inside: Vec::with_capacity(grid.len),
            night: Vec::with_capacity(grid.len),
            pain: Vec::with_capacity(grid.len),
            runs,
            zones,
            night_groups,
        };
        let minutes = |seconds: i64| u32::try_from(seconds / 60).unwrap_or(u32::MAX);
        for ((k, covered), night) in (0..grid.len).zip(covered.values()).zip(night.values()) {
            inside_level += inside_steps[k];
            sweep.inside.push(inside_level as u32);
            sweep
                .pain
                .push(minutes(members_total * grid.duration - covered));
            sweep.night.push(minutes(night));
        }
        sweep
    }

    /// The ranking key of candidate `k`: lower is better.
    pub fn key(&self, k: usize) -> (Reverse<u32>, u32, u32, usize) {
        (Reverse(self.inside[k]), self.night[k], self.pain[k], k)
    }

    /// Whether profile `p` is inside hours at candidate `k`.
    pub fn is_inside(&self, p: usize, k: usize) -> bool {
        in_runs(&self.runs[p], k)
    }

    /// Per profile, its runs of candidates with night minutes (the search
    /// before issue 13 read them; the series now reads [`Sweep::night_groups`]).
    #[cfg(test)]
    pub fn night_runs(&self) -> Vec<Vec<(usize, usize)>> {
        self.profiles
            .iter()
            .map(|p| {
                let mut own = Vec::new();
                p.night_runs(&self.grid, |lo, hi| own.push((lo, hi)));
                own
            })
            .collect()
    }

    /// The start of candidate `k`.
    pub fn start(&self, k: usize) -> DateTime<Utc> {
        DateTime::from_timestamp(self.grid.start(k), 0).unwrap_or_default()
    }
}

/// Whether `k` lies in one of `runs` (sorted, by both ends).
pub(crate) fn in_runs(runs: &[(usize, usize)], k: usize) -> bool {
    let i = runs.partition_point(|&(_, hi)| hi < k);
    runs.get(i).is_some_and(|&(lo, _)| lo <= k)
}

/// The `top` best slots of `search` for `members`, best first, each with
/// its participants' details, with the alternatives and notes.
pub fn rank_slots(
    members: &[&Member],
    search: &Search,
    top: usize,
) -> Result<Ranking, ScheduleError> {
    if members.is_empty() {
        return Err(ScheduleError::NoMembers);
    }
    if top > MAX_TOP {
        return Err(ScheduleError::TooManySlots {
            asked: top,
            limit: MAX_TOP,
        });
    }
    let grid = search.grid()?;
    let sweep = Sweep::new(members, grid, false);
    let mut order: Vec<u32> = (0..grid.len as u32).collect();
    let top = top.min(order.len());
    if top > 0 && top < order.len() {
        order.select_nth_unstable_by_key(top - 1, |&k| sweep.key(k as usize));
    }
    order.truncate(top);
    order.sort_unstable_by_key(|&k| sweep.key(k as usize));
    let rules: Vec<Rules> = members.iter().map(|m| Rules::of(m)).collect();
    let slot = |k: usize| {
        let slot = evaluate_with(
            members,
            &rules,
            sweep.start(k),
            search.duration_minutes,
            Some(&sweep.zones),
        );
        debug_assert_eq!(
            (slot.inside, slot.night_minutes, slot.pain_minutes),
            (sweep.inside[k] as usize, sweep.night[k], sweep.pain[k]),
            "sweep and evaluation disagree"
        );
        slot
    };
    Ok(Ranking {
        slots: order.into_iter().map(|k| slot(k as usize)).collect(),
        alternatives: alternatives(&sweep).into_iter().map(slot).collect(),
        notes: notes(members, search.from, search.to),
    })
}
