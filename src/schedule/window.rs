//! Working windows: a member's working hours on one local date, as an
//! interval of UTC instants (whole seconds since the Unix epoch).
//!
//! This file owns the daylight-saving rules for local times that do not
//! exist (a gap, `LocalResult::None`) or exist twice (a fold,
//! `LocalResult::Ambiguous`):
//!
//! - a time in a **gap** moves to the first instant after the gap, i.e. the
//!   moment the clocks jump (a 02:00 start on the day Europe jumps from 02:00
//!   to 03:00 becomes 03:00 CEST);
//! - a time in a **fold** takes the earlier instant when it opens a window and
//!   the later instant when it closes one, so the window is never shortened.
//!
//! Every other part of scheduling goes through [`Rules::window`], so the
//! slow exact path (`evaluate_slot`) and the fast sweep agree by construction.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use super::holidays::{CalendarId, Holiday};
use crate::charter::{HolidayRule, Member, WorkingDays, WorkingHours};

/// Which end of an interval a local time stands for; decides folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Opens an interval: a fold takes the earlier instant.
    Start,
    /// Closes an interval: a fold takes the later instant.
    End,
}

/// The instant a local wall-clock time stands for in `zone`, with gaps and
/// folds resolved as this module's documentation says.
pub fn resolve_local(zone: Tz, local: NaiveDateTime, edge: Edge) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, later) => match edge {
            Edge::Start => earlier.with_timezone(&Utc),
            Edge::End => later.with_timezone(&Utc),
        },
        LocalResult::None => after_gap(zone, local),
    }
}

/// The first valid instant after the gap that swallowed `local`: walk the
/// wall clock forward a minute at a time (gaps last at most a day, Samoa
/// 2011) until a time exists; that time is the moment of the jump.
fn after_gap(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let on_minute = local.with_second(0).unwrap_or(local);
    for minutes in 1..=(48 * 60) {
        let probe = on_minute + Duration::minutes(minutes);
        if let Some(t) = zone.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    // Unreachable with real zone data; read the time as UTC rather than panic.
    Utc.from_utc_datetime(&local)
}

/// The scheduling rules of one member (or of several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Rules {
    /// The member's zone.
    pub zone: Tz,
    /// Daily working window, and the night, local time.
    pub hours: WorkingHours,
    /// Working weekdays.
    pub days: WorkingDays,
    /// Local dates without meetings, sorted.
    pub blackout: Vec<NaiveDate>,
    /// The public holidays kept, resolved from the charter's `holidays`.
    pub holidays: Option<CalendarId>,
}

impl Rules {
    /// The rules of `member`.
    pub fn of(member: &Member) -> Self {
        let mut blackout = member.blackout.clone();
        blackout.sort_unstable();
        blackout.dedup();
        Self {
            zone: member.timezone,
            hours: member.working_hours,
            days: member.working_days,
            blackout,
            holidays: match member.holidays() {
                HolidayRule::Calendar(id) => Some(id),
                HolidayRule::Off | HolidayRule::NoData => None,
            },
        }
    }

    /// Whether `date` (local) is a working day: a working weekday, not
    /// blacked out, not a public holiday.
    pub fn works_on(&self, date: NaiveDate) -> bool {
        self.days.contains(date.weekday())
            && self.blackout.binary_search(&date).is_err()
            && !self.holidays.is_some_and(|c| c.calendar().is_holiday(date))
    }

    /// The public holidays on local `date`.
    pub fn holidays_on(&self, date: NaiveDate) -> &'static [Holiday] {
        self.holidays.map_or(&[], |c| c.calendar().on(date))
    }

    /// The working window on local `date`, as UTC seconds `[start, end]`;
    /// `None` on a day off, or when a DST gap swallows the whole window.
    pub fn window(&self, date: NaiveDate) -> Option<(i64, i64)> {
        if !self.works_on(date) {
            return None;
        }
        let start =
            resolve_local(self.zone, date.and_time(self.hours.start), Edge::Start).timestamp();
        let end = resolve_local(self.zone, date.and_time(self.hours.end), Edge::End).timestamp();
        (start < end).then_some((start, end))
    }

    /// The night that starts on local `date`, as UTC seconds `[start, end)`
    /// (it ends on the next day when it wraps past midnight); gaps and
    /// folds are resolved as for working windows.
    pub fn night(&self, date: NaiveDate) -> Option<(i64, i64)> {
        let night = self.hours.night;
        let end_date = if night.wraps() {
            date.succ_opt()?
        } else {
            date
        };
        let start = resolve_local(self.zone, date.and_time(night.start), Edge::Start).timestamp();
        let end = resolve_local(self.zone, end_date.and_time(night.end), Edge::End).timestamp();
        (start < end).then_some((start, end))
    }

    /// Every working window and night on the local dates that can touch
    /// UTC `[from, to]`, with the zone's offsets looked up in `days` (the
    /// same instants as [`Rules::window`] and [`Rules::night`], without a
    /// time-zone search on most days), each handed to `work` or `nights`
    /// as `(start, end)` in order. Either is skipped when `None`.
    pub fn windows_and_nights(
        &self,
        from: i64,
        to: i64,
        days: &ZoneDays,
        mut work: Option<&mut dyn FnMut(i64, i64)>,
        mut nights: Option<&mut dyn FnMut(i64, i64)>,
    ) {
        let night = self.hours.night;
        let (ws, we) = (seconds(self.hours.start), seconds(self.hours.end));
        let (ns, ne) = (seconds(night.start), seconds(night.end));
        let (first, last) = self.date_range(from, to);
        // The dates come in order, so the weekday is counted on and the
        // holidays and blackout dates are walked with cursors, and each
        // date's offsets are found by its index: thousands of profiles
        // times a year of dates, where searches per date added up.
        let holidays = self
            .holidays
            .map_or(&[][..], |c| c.calendar().between(first, last));
        let (mut holiday, mut blackout) = (0, 0);
        let mut weekday = first.weekday();
        let first_index = days.index(first);
        let dates = first.iter_days().take_while(|d| *d <= last);
        for (index, d) in (first_index..).zip(dates) {
            if let Some(work) = work.as_deref_mut() {
                while holidays.get(holiday).is_some_and(|h| h.date < d) {
                    holiday += 1;
                }
                while self.blackout.get(blackout).is_some_and(|&b| b < d) {
                    blackout += 1;
                }
                let works = self.days.contains(weekday)
                    && self.blackout.get(blackout) != Some(&d)
                    && holidays.get(holiday).is_none_or(|h| h.date != d);
                if works {
                    let start = days.at_index(index, self.zone, d, ws, Edge::Start);
                    let end = days.at_index(index, self.zone, d, we, Edge::End);
                    if start < end {
                        work(start, end);
                    }
                }
            }
            if let Some(nights) = nights.as_deref_mut() {
                let end_date = if night.wraps() { d.succ_opt() } else { Some(d) };
                if let Some(end_date) = end_date {
                    let end_index = index + i64::from(end_date != d);
                    let start = days.at_index(index, self.zone, d, ns, Edge::Start);
                    let end = days.at_index(end_index, self.zone, end_date, ne, Edge::End);
                    if start < end {
                        nights(start, end);
                    }
                }
            }
            weekday = weekday.succ();
        }
    }

    /// The first and last local dates whose windows or nights can touch
    /// UTC `[from, to]`.
    fn date_range(&self, from: i64, to: i64) -> (NaiveDate, NaiveDate) {
        let first = local_date(self.zone, from)
            .pred_opt()
            .unwrap_or(NaiveDate::MIN);
        (first, local_date(self.zone, to))
    }

    /// The local dates whose windows or nights can touch UTC `[from, to]`.
    fn dates(&self, from: i64, to: i64) -> impl Iterator<Item = NaiveDate> + use<> {
        let (first, last) = self.date_range(from, to);
        first.iter_days().take_while(move |d| *d <= last)
    }

    /// Every working window on the local dates that can touch the UTC
    /// interval `[from, to]` (seconds), in order.
    pub fn windows_between(&self, from: i64, to: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.dates(from, to).filter_map(|d| self.window(d))
    }

    /// Every night that can touch the UTC interval `[from, to]`, in order.
    pub fn nights_between(&self, from: i64, to: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        self.dates(from, to).filter_map(|d| self.night(d))
    }

    /// `(inside_hours, pain_seconds)` for a meeting over UTC seconds `[s, e]`.
    pub fn judge(&self, s: i64, e: i64) -> (bool, i64) {
        let mut inside = false;
        let mut covered = 0;
        for (ws, we) in self.windows_between(s, e) {
            inside |= ws <= s && e <= we;
            covered += (we.min(e) - ws.max(s)).max(0);
        }
        (inside, (e - s) - covered)
    }

    /// `(inside_hours, pain_seconds, night_seconds)` for a meeting over UTC
    /// seconds `[s, e]`, with `days` (when given) for the zone's offsets:
    /// the same figures as [`Rules::judge`] and [`Rules::night_seconds`].
    pub fn judge_with(&self, s: i64, e: i64, days: Option<&ZoneDays>) -> (bool, i64, i64) {
        let Some(days) = days else {
            let (inside, pain) = self.judge(s, e);
            return (inside, pain, self.night_seconds(s, e));
        };
        // Summed as they come, not collected: every chosen slot is judged
        // for every member.
        let (mut inside, mut covered, mut night) = (false, 0, 0);
        let mut work = |ws: i64, we: i64| {
            inside |= ws <= s && e <= we;
            covered += (we.min(e) - ws.max(s)).max(0);
        };
        let mut nights = |ns: i64, ne: i64| night += (ne.min(e) - ns.max(s)).max(0);
        self.windows_and_nights(s, e, days, Some(&mut work), Some(&mut nights));
        (inside, (e - s) - covered, night)
    }

    /// Seconds of the meeting over UTC seconds `[s, e)` in local night.
    pub fn night_seconds(&self, s: i64, e: i64) -> i64 {
        self.nights_between(s, e)
            .map(|(ns, ne)| (ne.min(e) - ns.max(s)).max(0))
            .sum()
    }
}

/// A zone's local midnights, as UTC seconds, for each local date of a
/// range where the offset holds all day (no transition that day, midnight
/// not in a gap); on the other days local times are resolved exactly by
/// [`resolve_local`]. The ranking's sweep builds one per zone, so that most
/// days cost no time-zone search.
#[derive(Debug, Clone)]
pub(crate) struct ZoneDays {
    first: NaiveDate,
    midnights: Vec<Option<i64>>,
}

impl ZoneDays {
    /// The midnights of `zone` from `first` to `last` (local dates).
    pub fn new(zone: Tz, first: NaiveDate, last: NaiveDate) -> Self {
        let midnight = |d: NaiveDate| match zone.from_local_datetime(&d.and_time(NaiveTime::MIN)) {
            LocalResult::Single(t) => Some((t.timestamp(), t.offset().fix().local_minus_utc())),
            _ => None,
        };
        let mut midnights = Vec::new();
        let mut today = midnight(first);
        for d in first.iter_days().take_while(|d| *d <= last) {
            let tomorrow = d.succ_opt().and_then(midnight);
            midnights.push(match (today, tomorrow) {
                (Some((t, a)), Some((_, b))) if a == b => Some(t),
                _ => None,
            });
            today = tomorrow;
        }
        Self { first, midnights }
    }

    /// The index of local `date` among the days kept (negative or past
    /// the end when it is outside them).
    pub fn index(&self, date: NaiveDate) -> i64 {
        i64::from(date.num_days_from_ce()) - i64::from(self.first.num_days_from_ce())
    }

    /// The instant `seconds` after local midnight on `date` in `zone`;
    /// `index` is the date's [`ZoneDays::index`].
    #[inline]
    pub fn at_index(&self, index: i64, zone: Tz, date: NaiveDate, seconds: i64, edge: Edge) -> i64 {
        let kept = usize::try_from(index)
            .ok()
            .and_then(|i| self.midnights.get(i));
        match kept.copied().flatten() {
            Some(midnight) => midnight + seconds,
            None => {
                let time = NaiveTime::MIN + Duration::seconds(seconds);
                resolve_local(zone, date.and_time(time), edge).timestamp()
            }
        }
    }
}

/// Seconds since midnight of a time of day.
fn seconds(t: NaiveTime) -> i64 {
    i64::from(t.num_seconds_from_midnight())
}

/// The local calendar date of UTC second `t` in `zone`.
pub(crate) fn local_date(zone: Tz, t: i64) -> NaiveDate {
    DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .with_timezone(&zone)
        .date_naive()
}

/// Pain (or night) seconds as whole minutes, a started minute counting as
/// one.
pub(crate) fn pain_minutes(seconds: i64) -> u32 {
    u32::try_from((seconds.max(0) + 59) / 60).unwrap_or(u32::MAX)
}
