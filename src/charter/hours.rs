//! Working hours and working days of a member, in its own local time.
//!
//! The working day also carries the member's night (`night`) and the
//! working week its public-holiday calendar (`holidays`): see
//! `calendar.rs` for those two keys and why they live here.

use chrono::{NaiveTime, Weekday};

use super::calendar::{Holidays, Night};

/// A daily working window in local time; both ends are inclusive for the
/// purpose of scheduling (SPEC 2: `work_start <= local_start`, `local_end <= work_end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingHours {
    /// When work starts.
    pub start: NaiveTime,
    /// When work ends.
    pub end: NaiveTime,
    /// The member's local night (SPEC 1.1 `night`), 22:00-07:00 unless the
    /// charter says otherwise; not part of the working window.
    pub night: Night,
}

impl Default for WorkingHours {
    /// 09:00-17:00, the SPEC's default, with the default night.
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
            night: Night::default(),
        }
    }
}

impl WorkingHours {
    /// These hours with `night` as the member's night.
    pub fn with_night(self, night: Night) -> Self {
        Self { night, ..self }
    }
}

impl std::fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

/// The two times of `HH:MM-HH:MM` (`what` and `example` word the error),
/// as working hours and nights are written.
pub(super) fn parse_span(
    text: &str,
    what: &str,
    example: &str,
) -> Result<(NaiveTime, NaiveTime), String> {
    let malformed = || format!("{what} `{text}` must look like `{example}`");
    let (start, end) = text.split_once('-').ok_or_else(malformed)?;
    let parse = |part: &str| {
        let part = part.trim();
        if part.len() != 5 || part.as_bytes()[2] != b':' {
            return Err(malformed());
        }
        NaiveTime::parse_from_str(part, "%H:%M").map_err(|_| {
            format!("`{part}` in {what} `{text}` is not a time of day (00:00 to 23:59)")
        })
    };
    Ok((parse(start)?, parse(end)?))
}

impl std::str::FromStr for WorkingHours {
    type Err = String;

    /// Parses `HH:MM-HH:MM` with the start strictly before the end.
    fn from_str(text: &str) -> Result<Self, String> {
        let (start, end) = parse_span(text, "working hours", "09:00-17:00")?;
        let hours = Self {
            start,
            end,
            night: Night::default(),
        };
        if hours.start >= hours.end {
            return Err(format!(
                "working hours `{text}` must start before they end (overnight shifts are not supported)"
            ));
        }
        Ok(hours)
    }
}

/// The days of the week a member works, and the public-holiday calendar
/// (SPEC 1.1 `holidays`) whose holidays it does not work on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingDays {
    days: u8,
    holidays: Holidays,
}

impl WorkingDays {
    /// No day at all (the holidays of the member's country).
    pub const NONE: Self = Self {
        days: 0,
        holidays: Holidays::Country,
    };

    /// Monday to Friday, the SPEC's default.
    pub fn weekdays() -> Self {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .fold(Self::NONE, Self::with)
    }

    /// This set with `day` added.
    pub fn with(self, day: Weekday) -> Self {
        Self {
            days: self.days | 1 << day.num_days_from_monday(),
            ..self
        }
    }

    /// Whether `day` is a working day of the week.
    pub fn contains(self, day: Weekday) -> bool {
        self.days & (1 << day.num_days_from_monday()) != 0
    }

    /// The public holidays the member keeps, as the charter says.
    pub fn holidays(self) -> Holidays {
        self.holidays
    }

    /// These days with `holidays` as the member's holiday calendar.
    pub fn with_holidays(self, holidays: Holidays) -> Self {
        Self { holidays, ..self }
    }

    /// The working days of the week, Monday first.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter_map(|i| Weekday::try_from(i).ok())
            .filter(move |d| self.contains(*d))
    }
}

impl std::fmt::Display for WorkingDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.days().map(|d| d.to_string()).collect();
        f.write_str(&names.join(" "))
    }
}

/// Parses a day name as written in charters: `Mon` … `Sun`, in any case.
pub fn parse_day(name: &str) -> Result<Weekday, String> {
    const DAYS: [(&str, Weekday); 7] = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    let lower = name.to_ascii_lowercase();
    DAYS.iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, d)| *d)
        .ok_or_else(|| format!("unknown day `{name}`; use Mon, Tue, Wed, Thu, Fri, Sat or Sun"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_and_print() {
        let h: WorkingHours = "08:00-16:30".parse().unwrap();
        assert_eq!(h.to_string(), "08:00-16:30");
        assert_eq!(WorkingHours::default().to_string(), "09:00-17:00");
    }

    #[test]
    fn malformed_hours_are_explained() {
        for (text, message) in [
            ("9-17", "working hours `9-17` must look like `09:00-17:00`"),
            (
                "0900-1700",
                "working hours `0900-1700` must look like `09:00-17:00`",
            ),
            (
                "09:00",
                "working hours `09:00` must look like `09:00-17:00`",
            ),
            (
                "25:00-26:00",
                "`25:00` in working hours `25:00-26:00` is not a time of day (00:00 to 23:59)",
            ),
            (
                "09:60-17:00",
                "`09:60` in working hours `09:60-17:00` is not a time of day (00:00 to 23:59)",
            ),
            (
                "17:00-09:00",
                "working hours `17:00-09:00` must start before they end (overnight shifts are not supported)",
            ),
            (
                "09:00-09:00",
                "working hours `09:00-09:00` must start before they end (overnight shifts are not supported)",
            ),
        ] {
            assert_eq!(text.parse::<WorkingHours>().unwrap_err(), message, "{text}");
        }
    }

    #[test]
    fn days() {
        let d = WorkingDays::weekdays();
        assert!(d.contains(Weekday::Mon) && d.contains(Weekday::Fri));
        assert!(!d.contains(Weekday::Sat) && !d.contains(Weekday::Sun));
        assert_eq!(d.to_string(), "Mon Tue Wed Thu Fri");
        assert_eq!(parse_day("sun").unwrap(), Weekday::Sun);
        assert!(parse_day("Sunday").is_err());
    }
}
