//! Reporting periods (`[[programmes.reports]]`, SPEC 1.1): a year `2026`, a
//! half `2026-H1` or a quarter `2026-Q3`. Years, halves and quarters are
//! separate series: a year's figures are reported, never summed from its
//! quarters.

use std::fmt;

/// How long a period is, and so which series it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodLength {
    /// A calendar year.
    Year,
    /// Half a year: `H1` or `H2`.
    Half,
    /// A quarter: `Q1` to `Q4`.
    Quarter,
}

impl PeriodLength {
    /// The series' name in reports: `years`, `halves`, `quarters`.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Year => "years",
            Self::Half => "halves",
            Self::Quarter => "quarters",
        }
    }
}

/// One reporting period. Periods order by length first (years, then halves,
/// then quarters), then in time, so that sorting groups each series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Which series.
    pub length: PeriodLength,
    /// The calendar year.
    pub year: u16,
    /// 1 for a year; 1–2 for a half; 1–4 for a quarter.
    pub part: u8,
}

impl Period {
    /// Reads `2026`, `2026-H1` or `2026-Q3`, or says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let malformed = || {
            format!(
                "period `{text}` must be a year such as `2026`, a half such as `2026-H1` or a quarter such as `2026-Q3`"
            )
        };
        let (year, rest) = match text.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        let year: u16 = year.parse().map_err(|_| malformed())?;
        let (length, part) = match rest.map(str::as_bytes) {
            None => (PeriodLength::Year, 1),
            Some([b'H', p @ b'1'..=b'2']) => (PeriodLength::Half, p - b'0'),
            Some([b'Q', p @ b'1'..=b'4']) => (PeriodLength::Quarter, p - b'0'),
            Some(_) => return Err(malformed()),
        };
        Ok(Self { length, year, part })
    }

    /// The period just before this one in its series: 2025 for 2026,
    /// 2025-H2 for 2026-H1, 2026-Q2 for 2026-Q3.
    pub fn previous(self) -> Period {
        match self.part {
            1 => Period {
                year: self.year.saturating_sub(1),
                part: match self.length {
                    PeriodLength::Year => 1,
                    PeriodLength::Half => 2,
                    PeriodLength::Quarter => 4,
                },
                ..self
            },
            part => Period {
                part: part - 1,
                ..self
            },
        }
    }

    /// Whether the calendar date `date` falls within this period.
    pub fn contains_date(self, date: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        let month = u8::try_from(date.month()).unwrap_or(0);
        let year = u16::try_from(date.year()).ok();
        let quarter = Period {
            length: PeriodLength::Quarter,
            year: year.unwrap_or(0),
            part: month.div_ceil(3),
        };
        year.is_some() && self.contains(quarter)
    }

    /// Whether `other` lies within this period (a period contains itself).
    pub fn contains(self, other: Period) -> bool {
        let months = |p: Period| -> (u8, u8) {
            match p.length {
                PeriodLength::Year => (1, 12),
                PeriodLength::Half => (p.part * 6 - 5, p.part * 6),
                PeriodLength::Quarter => (p.part * 3 - 2, p.part * 3),
            }
        };
        let (start, end) = months(self);
        let (other_start, other_end) = months(other);
        self.year == other.year && start <= other_start && other_end <= end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.length {
            PeriodLength::Year => write!(f, "{:04}", self.year),
            PeriodLength::Half => write!(f, "{:04}-H{}", self.year, self.part),
            PeriodLength::Quarter => write!(f, "{:04}-Q{}", self.year, self.part),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_back_as_written() {
        for text in ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "0999"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_periods_are_refused() {
        for text in [
            "", "26", "20261", "2026-", "2026-H3", "2026-Q0", "2026-Q5", "2026-h1", "2026-S1",
            "2026-Q12", "2026 ", "+026",
        ] {
            assert!(Period::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn series_sort_apart_and_in_time() {
        let mut periods: Vec<Period> = ["2026-Q1", "2025", "2026-H1", "2026", "2025-Q4"]
            .iter()
            .map(|p| Period::parse(p).unwrap())
            .collect();
        periods.sort();
        let texts: Vec<String> = periods.iter().map(Period::to_string).collect();
        assert_eq!(texts, ["2025", "2026", "2026-H1", "2025-Q4", "2026-Q1"]);
    }

    #[test]
    fn the_previous_period_stays_in_its_series() {
        let p = |t: &str| Period::parse(t).unwrap();
        for (period, previous) in [
            ("2026", "2025"),
            ("2026-H1", "2025-H2"),
            ("2026-H2", "2026-H1"),
            ("2026-Q1", "2025-Q4"),
            ("2026-Q3", "2026-Q2"),
        ] {
            assert_eq!(p(period).previous(), p(previous), "{period}");
        }
    }

    #[test]
    fn dates_fall_in_their_periods() {
        let p = |t: &str| Period::parse(t).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
        assert!(p("2027").contains_date(date));
        assert!(p("2027-H1").contains_date(date));
        assert!(p("2027-Q2").contains_date(date));
        assert!(!p("2027-Q3").contains_date(date));
        assert!(!p("2026").contains_date(date));
    }

    #[test]
    fn a_year_contains_its_halves_and_quarters() {
        let p = |t: &str| Period::parse(t).unwrap();
        assert!(p("2026").contains(p("2026-Q3")));
        assert!(p("2026-H2").contains(p("2026-Q3")));
        assert!(!p("2026-H1").contains(p("2026-Q3")));
        assert!(!p("2026-Q3").contains(p("2026")));
        assert!(!p("2026").contains(p("2025-Q3")));
        assert!(p("2026-Q3").contains(p("2026-Q3")));
    }
}
