//! Times as the minutes print them: in the alliance's zone, with UTC after.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::model::Moment;
use crate::export::zone_label::zone_label;

/// The alliance's zone by name, if it is a zone chrono-tz knows (it always
/// is for minutes built here; JSON edited by hand may say anything).
pub fn zone(name: &str) -> Option<Tz> {
    name.parse().ok()
}

/// `Wed 10 Mar 2027 15:00 CET (14:00 UTC)`.
pub fn full(m: &Moment, zone: Option<Tz>) -> String {
    format!("{} {}", date(m, zone), time(m, zone))
}

/// `15:00 CET (14:00 UTC)`; the UTC date is added when it differs.
pub fn time(m: &Moment, zone: Option<Tz>) -> String {
    let (local_date, local) = match zone {
        Some(z) => {
            let t = m.utc.with_timezone(&z);
            (
                t.date_naive(),
                format!("{} {}", t.format("%H:%M"), zone_label(&t)),
            )
        }
        None => (
            m.local.date_naive(),
            m.local.format("%H:%M UTC%:z").to_string(),
        ),
    };
    let utc_date = if m.utc.date_naive() == local_date {
        String::new()
    } else {
        m.utc.format(" %a %-d %b").to_string()
    };
    format!("{local} ({}{utc_date} UTC)", m.utc.format("%H:%M"))
}

/// `Wed 10 Mar 2027`, in the zone.
pub fn date(m: &Moment, zone: Option<Tz>) -> String {
    match zone {
        Some(z) => m.utc.with_timezone(&z).format("%a %-d %b %Y").to_string(),
        None => m.local.format("%a %-d %b %Y").to_string(),
    }
}

/// Whether two instants fall on the same day in the zone.
pub fn same_day(a: &Moment, b: DateTime<Utc>, zone: Option<Tz>) -> bool {
    match zone {
        Some(z) => a.utc.with_timezone(&z).date_naive() == b.with_timezone(&z).date_naive(),
        None => a.local.date_naive() == b.with_timezone(a.local.offset()).date_naive(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, z: Tz) -> Moment {
        let utc: DateTime<Utc> = text.parse().unwrap();
        Moment {
            utc,
            local: utc.with_timezone(&z).fixed_offset(),
        }
    }

    #[test]
    fn local_time_first_then_utc() {
        let z = zone("Europe/Brussels");
        let m = at("2027-03-10T14:00:00Z", chrono_tz::Europe::Brussels);
        assert_eq!(full(&m, z), "Wed 10 Mar 2027 15:00 CET (14:00 UTC)");
        let late = at("2027-03-10T23:30:00Z", chrono_tz::Europe::Brussels);
        assert_eq!(time(&late, z), "00:30 CET (23:30 Wed 10 Mar UTC)");
        // An unknown zone name falls back to the stored offset.
        assert_eq!(time(&m, None), "15:00 UTC+01:00 (14:00 UTC)");
    }
}
