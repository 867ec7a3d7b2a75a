//! A meeting series (`--every 4w --count 12`): one slot per occurrence,
//! chosen so that the out-of-hours burden rotates (see `rotation`), and the
//! burden each member ends up carrying.
//!
//! Occurrence `k` (from 0) may take any candidate start in its own window
//! `[from + k*every, from + (k+1)*every)`, clipped at `to`; so consecutive
//! meetings are between one meeting and two periods apart. The windows are
//! laid out in UTC by default. With an anchor zone they repeat at the same
//! wall-clock date and time in that zone: across a DST change the windows
//! (and so the meeting times that suit that zone) stay put on its clocks
//! and move by the change in UTC, while a UTC-anchored series keeps its
//! windows fixed in UTC and lets them shift by an hour on the clocks of
//! every zone that changes.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::ScheduleError;
use super::profile::group;
use super::rank::Search;
use super::rotation::{Choice, Problem, optimize};
use super::slot::{Slot, evaluate_slot};
use super::window::{Edge, Rules, resolve_local};
use crate::charter::Member;

/// The period of one occurrence: `[start, end)`, in UTC.
pub type Period = (DateTime<Utc>, DateTime<Utc>);

/// Where the occurrences of a series are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Exactly `every` apart in UTC.
    Utc,
    /// At the same wall-clock date and time in this zone.
    Zone(Tz),
}

impl Anchor {
    /// `UTC` or the zone's IANA name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Utc => "UTC",
            Self::Zone(zone) => zone.name(),
        }
    }
}

/// What to plan: `count` meetings, one per period of `every`, in a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// The first period starts here.
    pub from: DateTime<Utc>,
    /// No meeting ends after this instant.
    pub to: DateTime<Utc>,
    /// How long each meeting lasts.
    pub duration_minutes: u32,
    /// Step between candidate starts, as in [`Search`].
    pub step_minutes: u32,
    /// The period.
    pub every_minutes: u32,
    /// How many meetings.
    pub count: usize,
    /// How periods are laid out.
    pub anchor: Anchor,
}

/// One meeting of a planned series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// 1 for the first meeting.
    pub number: usize,
    /// The start of the period it was chosen in.
    pub window_start: DateTime<Utc>,
    /// The end of that period.
    pub window_end: DateTime<Utc>,
    /// The chosen slot.
    pub slot: Slot,
}

/// What a series costs one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burden {
    /// The member's id.
    pub member: String,
    /// The member's zone.
    pub timezone: Tz,
    /// Meetings inside its hours.
    pub inside: u32,
    /// Meetings outside its hours.
    pub outside: u32,
    /// Meetings with any part in its local night (22:00 to 06:00).
    pub night: u32,
}

/// A planned series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPlan {
    /// One per meeting, in order.
    pub occurrences: Vec<Occurrence>,
    /// One per member, in the order the members were given.
    pub burden: Vec<Burden>,
    /// The most out-of-hours meetings any member carries.
    pub max_outside: u32,
    /// Pain minutes summed over every meeting and member.
    pub total_pain_minutes: u64,
}

impl Series {
    /// The period of each occurrence, clipped at `to`.
    pub fn windows(&self) -> Result<Vec<Period>, ScheduleError> {
        if self.count == 0 {
            return Err(ScheduleError::ZeroCount);
        }
        if self.every_minutes < self.duration_minutes {
            return Err(ScheduleError::EveryShorterThanDuration {
                every_minutes: self.every_minutes,
                duration_minutes: self.duration_minutes,
            });
        }
        self.search(self.from, self.to).grid()?;
        let boundary = |k: usize| -> DateTime<Utc> {
            let offset = Duration::minutes(i64::from(self.every_minutes) * k as i64);
            match self.anchor {
                Anchor::Utc => self.from + offset,
                Anchor::Zone(zone) => {
                    let local = self.from.with_timezone(&zone).naive_local() + offset;
                    resolve_local(zone, local, Edge::Start)
                }
            }
        };
        let mut windows = Vec::with_capacity(self.count);
        for k in 0..self.count {
            let (start, end) = (boundary(k), boundary(k + 1).min(self.to));
            if self.search(start, end).grid().is_err() {
                return Err(ScheduleError::SeriesBeyondRange {
                    count: self.count,
                    fits: k,
                    every_minutes: self.every_minutes,
                });
            }
            windows.push((start, end));
        }
        Ok(windows)
    }

    fn search(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Search {
        Search {
            from,
            to,
            duration_minutes: self.duration_minutes,
            step_minutes: self.step_minutes,
        }
    }
}

/// Plans `series` for `members` so that out-of-hours meetings rotate.
pub fn plan_series(members: &[&Member], series: &Series) -> Result<SeriesPlan, ScheduleError> {
    if members.is_empty() {
        return Err(ScheduleError::NoMembers);
    }
    let windows = series.windows()?;
    let mut profiles = group(members);
    for p in &mut profiles {
        p.prepare(series.from.timestamp(), series.to.timestamp());
    }
    let words = profiles.len().div_ceil(64);
    let mut occurrences = Vec::with_capacity(windows.len());
    for &(start, end) in &windows {
        let grid = series.search(start, end).grid()?;
        // Everyone out, until a profile's inside runs clear its bit.
        let all: Vec<u64> = (0..words)
            .map(|w| match profiles.len() - w * 64 {
                n if n >= 64 => u64::MAX,
                n => (1u64 << n) - 1,
            })
            .collect();
        let mut outside = all.repeat(grid.len);
        let mut covered = vec![0i64; grid.len + 1];
        let mut covered_steps = vec![0i64; grid.len + 1];
        let mut members_total = 0i64;
        for (i, p) in profiles.iter().enumerate() {
            let weight = i64::from(p.weight());
            members_total += weight;
            p.inside_runs(&grid, |lo, hi| {
                for k in lo..=hi {
                    outside[k * words + i / 64] &= !(1 << (i % 64));
                }
            });
            p.add_covered(&grid, weight, &mut covered, &mut covered_steps);
        }
        let mut level = 0;
        let pain: Vec<u64> = (0..grid.len)
            .map(|k| {
                level += covered_steps[k];
                ((members_total * grid.duration - covered[k] - level) / 60) as u64
            })
            .collect();
        let mut distinct: HashMap<&[u64], Choice> = HashMap::new();
        for k in 0..grid.len {
            let choice = Choice {
                start: grid.start(k),
                pain: pain[k],
                outside: outside[k * words..(k + 1) * words].to_vec(),
            };
            distinct
                .entry(&outside[k * words..(k + 1) * words])
                .and_modify(|kept| {
                    if (choice.pain, choice.start) < (kept.pain, kept.start) {
                        *kept = choice.clone();
                    }
                })
                .or_insert(choice);
        }
        let mut choices: Vec<Choice> = distinct.into_values().collect();
        choices.sort_unstable_by_key(|c| (c.pain, c.start));
        occurrences.push(choices);
    }
    let problem = Problem {
        profiles: profiles.len(),
        occurrences,
    };
    let plan = optimize(&problem);
    let occurrences: Vec<Occurrence> = plan
        .iter()
        .zip(&problem.occurrences)
        .zip(&windows)
        .enumerate()
        .map(|(k, ((&c, choices), &(window_start, window_end)))| {
            let start = DateTime::from_timestamp(choices[c].start, 0).unwrap_or_default();
            Occurrence {
                number: k + 1,
                window_start,
                window_end,
                slot: evaluate_slot(members, start, series.duration_minutes),
            }
        })
        .collect();
    let burden = burden(members, &occurrences);
    Ok(SeriesPlan {
        max_outside: burden.iter().map(|b| b.outside).max().unwrap_or(0),
        total_pain_minutes: occurrences
            .iter()
            .map(|o| u64::from(o.slot.pain_minutes))
            .sum(),
        occurrences,
        burden,
    })
}

/// Each member's meetings inside hours, outside, and at night.
pub fn burden(members: &[&Member], occurrences: &[Occurrence]) -> Vec<Burden> {
    members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let rules = Rules::of(m);
            let mut b = Burden {
                member: m.id.clone(),
                timezone: m.timezone,
                inside: 0,
                outside: 0,
                night: 0,
            };
            for o in occurrences {
                match o.slot.participants.get(i) {
                    Some(p) if p.inside_hours => b.inside += 1,
                    _ => b.outside += 1,
                }
                if rules.touches_night(o.slot.start.timestamp(), o.slot.end.timestamp()) {
                    b.night += 1;
                }
            }
            b
        })
        .collect()
}
