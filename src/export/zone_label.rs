//! How an exported file names a zone's offset at an instant.

use chrono::DateTime;
use chrono_tz::Tz;

/// The zone's abbreviation at `t` (`CET`, `AEDT`, `IST`), or `UTC-03:00`
/// where the tz database has only a number for it (`-03` in São Paulo,
/// `+04` in Dubai): a bare `-03` after a time reads as a typo, not as a
/// zone. Every export that names a zone's offset uses this.
pub fn zone_label(t: &DateTime<Tz>) -> String {
    let abbreviation = t.format("%Z").to_string();
    if abbreviation.starts_with(['+', '-']) {
        format!("UTC{}", t.format("%:z"))
    } else {
        abbreviation
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;

    #[test]
    fn numeric_abbreviations_become_utc_offsets() {
        let at: DateTime<Utc> = "2027-03-10T12:00:00Z".parse().unwrap();
        for (zone, expected) in [
            (chrono_tz::America::Sao_Paulo, "UTC-03:00"),
            (chrono_tz::Asia::Dubai, "UTC+04:00"),
            (chrono_tz::Asia::Kathmandu, "UTC+05:45"),
            (chrono_tz::Asia::Kolkata, "IST"),
            (chrono_tz::Europe::Brussels, "CET"),
            (chrono_tz::Australia::Sydney, "AEDT"),
        ] {
            assert_eq!(zone_label(&at.with_timezone(&zone)), expected, "{zone}");
        }
    }
}
