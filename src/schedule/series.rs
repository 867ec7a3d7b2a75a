//! A meeting series (`--every 4w --count 12`): one slot per occurrence,
//! chosen so that the burden rotates (see `rotation`) without making any
//! occurrence absurd, and the burden each member ends up carrying.
//!
//! Occurrence `k` (from 0) may take any candidate start in its own window
//! `[from + k*every, from + (k+1)*every)`, clipped at `to`; so consecutive
//! meetings are between one meeting and two periods apart. The windows are
//! laid out in UTC by default. With an anchor zone they repeat at the same
//! wall-clock date and time in that zone.
//!
//! A candidate is *acceptable* for its occurrence when it leaves at most
//! `tolerance` more members outside hours than the best candidate of the
//! same window: the plan may trade a little for fairness, never a slot
//! where most of the body is asleep.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::ScheduleError;
use super::choices::{Offered, offered};
use super::ledger::Ledger;
use super::notes::{Note, notes};
use super::rank::Search;
use super::rotation::{Problem, optimize};
use super::slot::{Participant, Slot, evaluate_with};
use super::window::{Edge, Rules, resolve_local};
use crate::charter::Member;

/// The most meetings one series may hold (ten years of weekly meetings).
pub const MAX_COUNT: usize = 520;

/// How many more members than the best slot of its window an occurrence
/// may leave outside hours, unless `--tolerance` says otherwise.
pub const DEFAULT_TOLERANCE: u32 = 1;

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
    /// How many more members than its window's best slot an occurrence
    /// may leave outside hours.
    pub tolerance: u32,
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
    /// The fewest members any slot of the period leaves outside hours.
    pub best_outside: usize,
    /// The chosen slot.
    pub slot: Slot,
}

/// What meetings cost one member.
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
    /// Meetings with any minute in its local night.
    pub night: u32,
}

impl Burden {
    /// No meeting yet.
    pub fn new(member: &Member) -> Self {
        Self {
            member: member.id.clone(),
            timezone: member.timezone,
            inside: 0,
            outside: 0,
            night: 0,
        }
    }

    /// Counts one meeting as `p` lived it.
    pub fn count(&mut self, p: &Participant) {
        if p.inside_hours {
            self.inside += 1;
        } else {
            self.outside += 1;
        }
        if p.night_minutes > 0 {
            self.night += 1;
        }
    }

    /// The burden the rotation weighs: out-of-hours meetings plus night
    /// meetings (a night meeting weighs double).
    pub fn weight(&self) -> u32 {
        self.outside + self.night
    }
}

/// A member that geography leaves no choice for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    /// The member.
    pub member: String,
    /// Periods in which every acceptable slot has it outside hours.
    pub periods: usize,
    /// Periods of the series.
    pub of: usize,
}

impl std::fmt::Display for Constraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.periods == self.of {
            write!(f, "{} is outside in every acceptable slot", self.member)
        } else {
            write!(
                f,
                "{} is outside in every acceptable slot of {} of the {} periods",
                self.member, self.periods, self.of
            )
        }
    }
}

/// A planned series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPlan {
    /// One per meeting, in order.
    pub occurrences: Vec<Occurrence>,
    /// What the planned meetings cost, one per member, in member order.
    pub burden: Vec<Burden>,
    /// What held meetings already cost (the ledger), one per member.
    pub held: Vec<Burden>,
    /// The most out-of-hours meetings any member carries in the plan.
    pub max_outside: u32,
    /// The highest burden (held plus planned, out-of-hours plus night).
    pub max_burden: u32,
    /// Night minutes summed over every meeting and member.
    pub total_night_minutes: u64,
    /// Pain minutes summed over every meeting and member.
    pub total_pain_minutes: u64,
    /// Members outside in every acceptable slot of some periods.
    pub constraints: Vec<Constraint>,
    /// What the data behind the plan cannot tell.
    pub notes: Vec<Note>,
}

impl Series {
    /// The period of each occurrence, clipped at `to`.
    pub fn windows(&self) -> Result<Vec<Period>, ScheduleError> {
        if self.count == 0 {
            return Err(ScheduleError::ZeroCount);
        }
        if self.count > MAX_COUNT {
            return Err(ScheduleError::TooManyMeetings {
                asked: self.count,
                limit: MAX_COUNT,
            });
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

/// Plans `series` for `members`, starting from the burden `ledger` records,
/// so that the burden rotates.
pub fn plan_series(
    members: &[&Member],
    series: &Series,
    ledger: &Ledger,
) -> Result<SeriesPlan, ScheduleError> {
    if members.is_empty() {
        return Err(ScheduleError::NoMembers);
    }
    let windows = series.windows()?;
    let Offered {
        choices,
        best_outside: best,
        sweep,
    } = offered(members, series, &windows)?;
    // Reversed, so that the first entry of a member wins, as in
    // `Ledger::of_member`.
    let ledger: HashMap<&str, &Burden> = ledger
        .burden
        .iter()
        .rev()
        .map(|b| (b.member.as_str(), b))
        .collect();
    let held: Vec<Burden> = members
        .iter()
        .map(|m| {
            ledger
                .get(m.id.as_str())
                .map_or_else(|| Burden::new(m), |&b| b.clone())
        })
        .collect();
    let problem = Problem {
        start: held.iter().map(Burden::weight).collect(),
        occurrences: choices,
    };
    let constraints = members
        .iter()
        .enumerate()
        .filter_map(|(m, member)| {
            let forced = problem
                .occurrences
                .iter()
                .filter(|choices| {
                    choices
                        .iter()
                        .all(|c| c.outside[m / 64] & (1 << (m % 64)) != 0)
                })
                .count();
            (forced > 0).then(|| Constraint {
                member: member.id.clone(),
                periods: forced,
                of: windows.len(),
            })
        })
        .collect();
    let plan = optimize(&problem);
    let rules: Vec<Rules> = members.iter().map(|m| Rules::of(m)).collect();
    let occurrences: Vec<Occurrence> = plan
        .iter()
        .zip(&problem.occurrences)
        .zip(windows.iter().zip(&best))
        .enumerate()
        .map(
            |(k, ((&c, choices), (&(window_start, window_end), &best_outside)))| {
                let start = DateTime::from_timestamp(choices[c].start, 0).unwrap_or_default();
                Occurrence {
                    number: k + 1,
                    window_start,
                    window_end,
                    best_outside,
                    slot: evaluate_with(
                        members,
                        &rules,
                        start,
                        series.duration_minutes,
                        Some(&sweep.zones),
                    ),
                }
            },
        )
        .collect();
    let burden = burden(members, &occurrences);
    let max_burden = burden
        .iter()
        .zip(&held)
        .map(|(b, h)| b.weight() + h.weight())
        .max()
        .unwrap_or(0);
    Ok(SeriesPlan {
        max_outside: burden.iter().map(|b| b.outside).max().unwrap_or(0),
        max_burden,
        total_night_minutes: occurrences
            .iter()
            .map(|o| u64::from(o.slot.night_minutes))
            .sum(),
        total_pain_minutes: occurrences
            .iter()
            .map(|o| u64::from(o.slot.pain_minutes))
            .sum(),
        notes: notes(members, series.from, series.to),
        occurrences,
        burden,
        held,
        constraints,
    })
}

/// Each member's meetings inside hours, outside, and at night.
pub fn burden(members: &[&Member], occurrences: &[Occurrence]) -> Vec<Burden> {
    members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut b = Burden::new(m);
            for p in occurrences
                .iter()
                .filter_map(|o| o.slot.participants.get(i))
            {
                b.count(p);
            }
            b
        })
        .collect()
}
