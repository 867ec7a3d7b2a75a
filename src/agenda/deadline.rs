//! A written procedure's deadline (SPEC 9): a date in the alliance's zone,
//! meaning the end of that day there, or an instant with an offset; and
//! how every reader sees it in their own zone. No I/O, no terminal.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::export::zone_label;

/// A deadline as the agenda or an `extend` writes it, before the
/// alliance's zone turns a date into an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineSpec {
    /// The end of this day in the alliance's zone.
    Date(NaiveDate),
    /// This instant.
    At(DateTime<Utc>),
}

impl DeadlineSpec {
    /// Reads `2027-05-14` (a date) or an RFC 3339 instant with an offset.
    pub fn parse(text: &str) -> Result<Self, String> {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(Self::Date(date));
        }
        DateTime::parse_from_rfc3339(text)
            .map(|t| Self::At(t.with_timezone(&Utc)))
            .map_err(|_| {
                format!(
                    "`{text}` is not a deadline: give a date (2027-05-14, the end of that day in the alliance's zone) or an RFC 3339 date and time with an offset (2027-05-14T17:00:00+02:00)"
                )
            })
    }

    /// The deadline this names in the alliance's zone `tz`.
    pub fn resolve(self, tz: Tz) -> Deadline {
        match self {
            Self::At(at) => Deadline { at, date: None },
            Self::Date(date) => Deadline {
                at: end_of_day(date, tz),
                date: Some(date),
            },
        }
    }
}

/// When a written procedure stops taking replies: replies are taken before
/// `at`, never at or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The first instant at which no reply is taken.
    pub at: DateTime<Utc>,
    /// The day it ends, when it was written as a date (in the alliance's
    /// zone); `None` when it was written as an instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Deadline {
    /// The time shown for it: 23:59 of the day for a date (the day's last
    /// minute, which reads better than the next day's 00:00), else the
    /// instant itself.
    pub fn shown(&self) -> DateTime<Utc> {
        match self.date {
            Some(_) => self.at - Duration::minutes(1),
            None => self.at,
        }
    }

    /// `Fri 14 May 23:59 CEST`: the shown time in `tz`.
    pub fn in_zone(&self, tz: Tz) -> String {
        let t = self.shown().with_timezone(&tz);
        format!("{} {}", t.format("%a %-d %b %H:%M"), zone_label(&t))
    }

    /// `closes Fri 14 May 23:59 CEST = Sat 15 May 07:59 AEST`: in the
    /// alliance's zone, and in the viewer's when that shows another time.
    pub fn closes(&self, alliance: Tz, viewer: Option<Tz>) -> String {
        let here = self.in_zone(alliance);
        match viewer.map(|tz| self.in_zone(tz)) {
            Some(there) if there != here => format!("closes {here} = {there}"),
            _ => format!("closes {here}"),
        }
    }

    /// `2027-05-14 (end of day, Europe/Brussels) = 2027-05-14T21:59:59Z`
    /// style text for the minutes: the day or instant as written, in the
    /// alliance's zone, and in UTC. Fixed by the deadline alone.
    pub fn for_minutes(&self, alliance: Tz) -> String {
        let local = self.shown().with_timezone(&alliance);
        let utc = self.shown().format("%Y-%m-%d %H:%M UTC");
        format!(
            "{} {} ({alliance}) = {utc}",
            local.format("%Y-%m-%d %H:%M"),
            zone_label(&local)
        )
    }
}

/// The first instant of the day after `date` in `tz`: where local
/// midnight is skipped by a clock change, the first instant after it.
fn end_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let next = date.succ_opt().unwrap_or(date);
    let midnight = next.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Clocks never jump by more than a day; minute steps find the first
    // local time that exists.
    (0..=24 * 60)
        .find_map(|m| {
            tz.from_local_datetime(&(midnight + Duration::minutes(m)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, tz: Tz) -> Deadline {
        DeadlineSpec::parse(text).unwrap().resolve(tz)
    }

    #[test]
    fn a_date_ends_at_the_next_local_midnight_in_every_season_and_hemisphere() {
        // (zone, day, the instant it ends): Berlin changes on 28 March and
        // 31 October 2027, Sydney on 4 April and 3 October 2027.
        let cases = [
            ("Europe/Berlin", "2027-03-27", "2027-03-27T23:00:00Z"),
            ("Europe/Berlin", "2027-03-28", "2027-03-28T22:00:00Z"),
            ("Europe/Berlin", "2027-10-30", "2027-10-30T22:00:00Z"),
            ("Europe/Berlin", "2027-10-31", "2027-10-31T23:00:00Z"),
            ("Australia/Sydney", "2027-04-03", "2027-04-03T13:00:00Z"),
            ("Australia/Sydney", "2027-04-04", "2027-04-04T14:00:00Z"),
            ("Australia/Sydney", "2027-10-02", "2027-10-02T14:00:00Z"),
            ("Australia/Sydney", "2027-10-03", "2027-10-03T13:00:00Z"),
            ("Asia/Kathmandu", "2027-05-14", "2027-05-14T18:15:00Z"),
        ];
        for (zone, day, end) in cases {
            let tz: Tz = zone.parse().unwrap();
            assert_eq!(
                date(day, tz).at.to_rfc3339(),
                end.replace('Z', "+00:00"),
                "{zone} {day}"
            );
        }
    }

    #[test]
    fn a_skipped_midnight_ends_the_day_at_the_first_instant_after_it() {
        // Santiago moved its clocks from 00:00 to 01:00 on 5 September 2027.
        let tz: Tz = "America/Santiago".parse().unwrap();
        let d = date("2027-09-04", tz);
        assert_eq!(d.at.to_rfc3339(), "2027-09-05T04:00:00+00:00");
    }

    #[test]
    fn everyone_sees_the_deadline_in_their_zone() {
        let brussels: Tz = "Europe/Brussels".parse().unwrap();
        let sydney: Tz = "Australia/Sydney".parse().unwrap();
        let d = date("2027-05-14", brussels);
        assert_eq!(
            d.closes(brussels, Some(sydney)),
            "closes Fri 14 May 23:59 CEST = Sat 15 May 07:59 AEST"
        );
        assert_eq!(
            d.closes(brussels, Some(brussels)),
            "closes Fri 14 May 23:59 CEST"
        );
        assert_eq!(
            d.for_minutes(brussels),
            "2027-05-14 23:59 CEST (Europe/Brussels) = 2027-05-14 21:59 UTC"
        );
        let at = date("2027-05-14T17:00:00+02:00", brussels);
        assert_eq!(at.date, None);
        assert_eq!(at.closes(brussels, None), "closes Fri 14 May 17:00 CEST");
        assert!(DeadlineSpec::parse("14 May").is_err());
    }
}
