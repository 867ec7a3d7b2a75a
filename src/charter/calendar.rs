//! Two keys of a member's calendar beyond its working week (SPEC 1.1):
//! `holidays`, the public-holiday calendar it keeps (default: its
//! country's; `"none"`: none), and `night`, its local night (default
//! 22:00-07:00, also settable in `[defaults]`).
//!
//! Where they are kept: the holiday calendar inside [`WorkingDays`] (the
//! days a member works are its weekdays less its holidays) and the night
//! inside [`WorkingHours`] (the shape of its day). Both types are already
//! carried wherever a member's scheduling facts go, including the members
//! that a meeting's frozen terms rebuild with the defaults, so the two keys
//! need no new field on [`Member`]; read them through [`Member::holidays`]
//! and [`Member::night`].
//!
//! [`WorkingDays`]: super::WorkingDays
//! [`WorkingHours`]: super::WorkingHours

use chrono::NaiveTime;
use toml::Spanned;

use super::model::Member;
use crate::files::Validator;
use crate::schedule::holidays::{self, CalendarId};

/// The holiday calendar a charter names for a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Holidays {
    /// No `holidays` key: the member's country's calendar.
    #[default]
    Country,
    /// `holidays = "none"`.
    Off,
    /// `holidays = "AU-NSW"`.
    Calendar(CalendarId),
}

/// The public holidays that apply to a member, its default resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    /// None, as the charter asks.
    Off,
    /// This calendar's.
    Calendar(CalendarId),
    /// The member's country has no calendar in the bundled data: no
    /// holiday is known, which the scheduler says rather than hide.
    NoData,
}

/// A local night, `22:00-07:00` by default; it may wrap past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Night {
    /// When the night starts.
    pub start: NaiveTime,
    /// When it ends (on the next day when it is not after `start`).
    pub end: NaiveTime,
}

impl Default for Night {
    /// 22:00-07:00.
    fn default() -> Self {
        let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
        Self {
            start: at(22),
            end: at(7),
        }
    }
}

impl Night {
    /// Whether the night wraps past midnight (`22:00-07:00`).
    pub fn wraps(self) -> bool {
        self.end <= self.start
    }

    /// Whether local time `t` is night (start included, end excluded).
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.wraps() {
            t >= self.start || t < self.end
        } else {
            self.start <= t && t < self.end
        }
    }
}

impl std::fmt::Display for Night {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl std::str::FromStr for Night {
    type Err = String;

    /// Parses `HH:MM-HH:MM`; the night may wrap past midnight but not be
    /// empty.
    fn from_str(text: &str) -> Result<Self, String> {
        let (start, end) = super::hours::parse_span(text, "night", "22:00-07:00")?;
        let night = Self { start, end };
        if night.start == night.end {
            return Err(format!("night `{text}` starts when it ends: it must last"));
        }
        Ok(night)
    }
}

impl Member {
    /// The public holidays the member keeps (SPEC 1.1 `holidays`).
    pub fn holidays(&self) -> HolidayRule {
        match self.working_days.holidays() {
            Holidays::Off => HolidayRule::Off,
            Holidays::Calendar(id) => HolidayRule::Calendar(id),
            Holidays::Country => {
                holidays::find(&self.country).map_or(HolidayRule::NoData, HolidayRule::Calendar)
            }
        }
    }

    /// The member's local night (SPEC 1.1 `night`).
    pub fn night(&self) -> Night {
        self.working_hours.night
    }
}

impl Validator<'_> {
    /// A `night` key, or `default` without one.
    pub(super) fn night(
        &mut self,
        night: Option<&Spanned<String>>,
        default: Night,
    ) -> Option<Night> {
        let Some(night) = night else {
            return Some(default);
        };
        night
            .get_ref()
            .parse()
            .map_err(|m: String| self.error(night.span(), m))
            .ok()
    }

    /// A member's `holidays` key (`"none"`, or a calendar of the bundled
    /// table, with the nearest code suggested when it is not one).
    pub(super) fn holidays(&mut self, code: Option<&Spanned<String>>) -> Option<Holidays> {
        let Some(code) = code else {
            return Some(Holidays::Country);
        };
        let text = code.get_ref().trim();
        if text.eq_ignore_ascii_case("none") {
            return Some(Holidays::Off);
        }
        if let Some(id) = holidays::find(text) {
            return Some(Holidays::Calendar(id));
        }
        let hint = match holidays::suggest(text) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => String::new(),
        };
        let (first, last) = holidays::years();
        self.error(
            code.span(),
            format!(
                "`{text}` is not a public-holiday calendar{hint} Use a country code (`AU`), a \
                 country and subdivision (`AU-NSW`), or `none`; the bundled data ({}) covers \
                 {first}-{last}",
                holidays::source()
            ),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charter::load_charter;
    use crate::files::{SourceFile, sort};

    const CHARTER: &str = r#"[alliance]
id = "mini"
name = "Mini"
timezone = "Europe/Brussels"

[defaults]
night = "23:00-06:30"

[[members]]
id = "unsw"
name = "UNSW Sydney"
kind = "university"
country = "AU"
timezone = "Australia/Sydney"
holidays = "AU-NSW"
night = "21:30-06:00"

[[members]]
id = "eth"
name = "ETH Zurich"
kind = "university"
country = "CH"
timezone = "Europe/Zurich"
working_hours = "08:00-16:00"

[[members]]
id = "nus"
name = "NUS"
kind = "university"
country = "SG"
timezone = "Asia/Singapore"
holidays = "none"

[[bodies]]
id = "b"
name = "B"
members = ["*"]
chair = "eth"
quorum = "1/2"
rules = { default = "simple" }
"#;

    fn problems(text: &str) -> Vec<(usize, usize, String)> {
        let mut d = load_charter(&SourceFile::new("charter.toml", text)).diagnostics;
        sort(&mut d);
        d.into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn holidays_default_to_the_country_and_night_to_the_defaults() {
        let load = load_charter(&SourceFile::new("charter.toml", CHARTER));
        assert_eq!(load.diagnostics, vec![]);
        let c = load.charter.expect("valid");
        let (unsw, eth, nus) = (&c.members[0], &c.members[1], &c.members[2]);
        assert_eq!(
            unsw.holidays(),
            HolidayRule::Calendar(holidays::find("AU-NSW").unwrap())
        );
        assert_eq!(
            eth.holidays(),
            HolidayRule::Calendar(holidays::find("CH").unwrap())
        );
        assert_eq!(nus.holidays(), HolidayRule::Off);
        assert_eq!(unsw.night().to_string(), "21:30-06:00");
        // A member's own working hours keep the night of [defaults].
        assert_eq!(eth.night().to_string(), "23:00-06:30");
        assert_eq!(eth.working_hours.to_string(), "08:00-16:00");
        assert_eq!(nus.night().to_string(), "23:00-06:30");
    }

    #[test]
    fn an_unknown_calendar_is_an_error_with_a_suggestion() {
        let text = CHARTER.replace("\"AU-NSW\"", "\"AU-NSX\"");
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{p:?}");
        let (line, column, message) = &p[0];
        assert_eq!((*line, *column), (15, 12));
        assert!(
            message.starts_with(
                "`AU-NSX` is not a public-holiday calendar; did you mean `AU-NSW`? Use a country \
                 code (`AU`), a country and subdivision (`AU-NSW`), or `none`"
            ),
            "{message}"
        );
        assert!(message.contains("covers 2020-2040"), "{message}");
        let text = CHARTER.replace("\"AU-NSW\"", "\"New South Wales\"");
        assert!(problems(&text)[0].2.contains("did you mean `AU-NSW`?"));
    }

    #[test]
    fn a_malformed_or_empty_night_is_an_error() {
        let text = CHARTER.replace("\"21:30-06:00\"", "\"late\"");
        assert_eq!(
            problems(&text),
            [(
                16,
                9,
                "night `late` must look like `22:00-07:00`".to_owned()
            )]
        );
        let text = CHARTER.replace("\"23:00-06:30\"", "\"06:00-06:00\"");
        assert_eq!(
            problems(&text),
            [(
                7,
                9,
                "night `06:00-06:00` starts when it ends: it must last".to_owned()
            )]
        );
    }

    #[test]
    fn nights_may_wrap_past_midnight_or_not() {
        let n: Night = "22:00-07:00".parse().unwrap();
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(n.wraps() && n.contains(at(23, 0)) && n.contains(at(6, 59)));
        assert!(!n.contains(at(7, 0)) && !n.contains(at(21, 59)));
        let early: Night = "00:00-06:00".parse().unwrap();
        assert!(!early.wraps() && early.contains(at(0, 0)) && !early.contains(at(23, 0)));
    }
}
