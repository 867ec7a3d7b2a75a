//! IANA time-zone names, with a suggestion when a name is misspelt.

use chrono_tz::{TZ_VARIANTS, Tz};

/// Parses an IANA zone name exactly as written; on failure the message
/// suggests the closest valid name.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        let mut message = format!("unknown time zone `{name}`");
        if let Some(best) = closest_zone(name) {
            message.push_str(&format!("; did you mean `{best}`?"));
        }
        message
    })
}

/// The valid zone name closest to `name`, if any is close enough to be a
/// plausible typo (or the same name in other letter case, or a bare city).
pub fn closest_zone(name: &str) -> Option<&'static str> {
    let wanted = name.trim().to_ascii_lowercase().replace(' ', "_");
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'static str)> = None;
    for zone in TZ_VARIANTS {
        let candidate = zone.name();
        let lower = candidate.to_ascii_lowercase();
        let city = lower.rsplit('/').next().unwrap_or(&lower);
        let score = strsim::jaro_winkler(&wanted, &lower).max(strsim::jaro_winkler(&wanted, city));
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
        assert_eq!(parse_zone("").unwrap_err(), "unknown time zone ``");
    }
}
