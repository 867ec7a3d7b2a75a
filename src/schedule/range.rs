//! `--from` / `--to` as people write them: a calendar date in the
//! alliance's zone (whole days, both included) or an exact RFC 3339 instant.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::ScheduleError;
use super::window::{Edge, resolve_local};

/// Which end of the range a date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `--from DATE`: 00:00 at the start of that date.
    From,
    /// `--to DATE`: the midnight that ends that date (00:00 the day after).
    To,
}

/// Reads `text` as a range bound: `YYYY-MM-DD` in `zone` (a midnight that
/// falls in a DST gap becomes the first instant after it), or an RFC 3339
/// date-time taken as the instant it names.
pub fn parse_bound(text: &str, zone: Tz, bound: Bound) -> Result<DateTime<Utc>, ScheduleError> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    let malformed = || ScheduleError::MalformedDate(text.to_owned());
    if text.len() != 10 {
        return Err(malformed());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| malformed())?;
    let day = match bound {
        Bound::From => date,
        Bound::To => date.succ_opt().ok_or_else(malformed)?,
    };
    Ok(start_of_day(zone, day))
}

/// The instant local `date` begins in `zone`.
pub fn start_of_day(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, date.and_time(NaiveTime::MIN), Edge::Start)
}
