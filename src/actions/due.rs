//! Reading a due date as a person types it (`2027-04-01`), with a message
//! that names what is wrong: the same words from `plenary record`,
//! `plenary action` and any other front end that takes a due date.

use chrono::{Datelike as _, NaiveDate};

/// Why a typed due date is not a day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueDateError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error("`{0}` is not a due date: write it YYYY-MM-DD, e.g. 2027-04-01")]
    Malformed(String),
    /// A month outside 1 to 12.
    #[error("`{text}` is not a due date: there is no month {month}")]
    NoSuchMonth {
        /// What was typed.
        text: String,
        /// The month as typed.
        month: u32,
    },
    /// A day the month does not have (31 April, 29 February 2027, 0).
    #[error(
        "`{text}` is not a due date: {month_name} {year} has no day {day} (it has {days} days)"
    )]
    NoSuchDay {
        /// What was typed.
        text: String,
        /// The month's English name.
        month_name: &'static str,
        /// The year as typed.
        year: i32,
        /// The day as typed.
        day: u32,
        /// How many days that month has in that year.
        days: u32,
    },
}

/// Reads `text` (surrounding spaces ignored) as `YYYY-MM-DD`: four digits,
/// two, two. Anything chrono would also take (`+2027-4-1`) is refused, so
/// what is written is what the register shows.
pub fn parse_due(text: &str) -> Result<NaiveDate, DueDateError> {
    let trimmed = text.trim();
    let malformed = || DueDateError::Malformed(trimmed.to_owned());
    let parts: Vec<&str> = trimmed.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(malformed());
    };
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(malformed());
    }
    // Four and two ASCII digits always fit.
    let (year, month, day) = match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(year), Ok(month), Ok(day)) => (year, month, day),
        _ => return Err(malformed()),
    };
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Err(DueDateError::NoSuchMonth {
            text: trimmed.to_owned(),
            month,
        });
    };
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let days = next.map_or(31, |n| n.signed_duration_since(first).num_days() as u32);
    first
        .with_day(day)
        .filter(|_| day >= 1)
        .ok_or(DueDateError::NoSuchDay {
            text: trimmed.to_owned(),
            month_name: chrono::Month::try_from(month as u8).map_or("", |m| m.name()),
            year,
            day,
            days,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_as_typed() {
        /// What is typed, and the date or the message it gives.
        type Case = (&'static str, Result<(i32, u32, u32), &'static str>);
        let cases: &[Case] = &[
            ("2027-04-01", Ok((2027, 4, 1))),
            (" 2027-12-31 ", Ok((2027, 12, 31))),
            ("2028-02-29", Ok((2028, 2, 29))),
            (
                "2027-04-31",
                Err("`2027-04-31` is not a due date: April 2027 has no day 31 (it has 30 days)"),
            ),
            (
                "2027-02-29",
                Err("`2027-02-29` is not a due date: February 2027 has no day 29 (it has 28 days)"),
            ),
            (
                "2027-04-00",
                Err("`2027-04-00` is not a due date: April 2027 has no day 0 (it has 30 days)"),
            ),
            (
                "2027-13-01",
                Err("`2027-13-01` is not a due date: there is no month 13"),
            ),
            (
                "2027-4-1",
                Err("`2027-4-1` is not a due date: write it YYYY-MM-DD, e.g. 2027-04-01"),
            ),
            (
                "tomorrow",
                Err("`tomorrow` is not a due date: write it YYYY-MM-DD, e.g. 2027-04-01"),
            ),
            (
                "+2027-04-01",
                Err("`+2027-04-01` is not a due date: write it YYYY-MM-DD, e.g. 2027-04-01"),
            ),
        ];
        for (text, expected) in cases {
            let got = parse_due(text).map_err(|e| e.to_string());
            let expected = expected
                .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
                .map_err(str::to_owned);
            assert_eq!(got, expected, "{text}");
        }
    }
}
