//! IANA time-zone names, with a suggestion when a name is misspelt.

use std::sync::OnceLock;

use chrono_tz::{TZ_VARIANTS, Tz};

/// Names longer than this are not a typo of any zone (the longest IANA
/// name has 32 characters), so no suggestion is looked for: comparing a
/// long string against every zone would cost time for nothing.
const MAX_SUGGESTED_LEN: usize = 64;

/// Parses an IANA zone name exactly as written; on failure the message
/// suggests the closest valid name.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| unknown_zone_message(name, true))
}

/// The message for a name that is not a zone, with the closest valid name
/// when `suggest` is set and one is close enough.
pub fn unknown_zone_message(name: &str, suggest: bool) -> String {
    let mut message = format!("unknown time zone `{name}`");
    if let Some(best) = suggest.then(|| closest_zone(name)).flatten() {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    message
}

/// Every zone's name, its lower-case form and the lower-case city part,
/// computed once per process.
fn zone_names() -> &'static [(&'static str, String, String)] {
    static NAMES: OnceLock<Vec<(&'static str, String, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        TZ_VARIANTS
            .iter()
            .map(|zone| {
                let lower = zone.name().to_ascii_lowercase();
                let city = lower.rsplit('/').next().unwrap_or(&lower).to_owned();
                (zone.name(), lower, city)
            })
            .collect()
    })
}

/// The valid zone name closest to `name`, if any is close enough to be a
/// plausible typo (or the same name in other letter case, or a bare city).
pub fn closest_zone(name: &str) -> Option<&'static str> {
    if name.len() > MAX_SUGGESTED_LEN * 4 || name.chars().count() > MAX_SUGGESTED_LEN {
        return None;
    }
    let wanted = name.trim().to_ascii_lowercase().replace(' ', "_");
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'static str)> = None;
    for (candidate, lower, city) in zone_names() {
        let score = strsim::jaro_winkler(&wanted, lower).max(strsim::jaro_winkler(&wanted, city));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.85)
        .map(|(_, zone)| zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names_parse() {
        for name in [
            "Europe/Zurich",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "UTC",
        ] {
            assert_eq!(parse_zone(name).unwrap().name(), name);
        }
    }

    #[test]
    fn typos_get_the_closest_name() {
        for (typo, meant) in [
            ("Europe/Zurik", "Europe/Zurich"),
            ("europe/zurich", "Europe/Zurich"),
            ("Asia/Kolkatta", "Asia/Kolkata"),
            ("Australia/Sidney", "Australia/Sydney"),
            ("Kathmandu", "Asia/Kathmandu"),
            ("America/Sao Paulo", "America/Sao_Paulo"),
        ] {
            assert_eq!(
                parse_zone(typo).unwrap_err(),
                format!("unknown time zone `{typo}`; did you mean `{meant}`?")
            );
        }
    }

    #[test]
    fn nonsense_gets_no_suggestion() {
        assert_eq!(parse_zone("qqqq").unwrap_err(), "unknown time zone `qqqq`");
        assert_eq!(closest_zone(&"Europe/Zurich".repeat(100)), None);
        assert_eq!(parse_zone("").unwrap_err(), "unknown time zone ``");
    }
}
