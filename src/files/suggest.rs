//! "Did you mean": the closest of a few valid names to a misspelt one, by
//! the same measure as time-zone names (`charter::zone`): Jaro-Winkler
//! over lower-case text, and only a plausible typo is suggested.

/// The least Jaro-Winkler similarity at which a name counts as a typo of
/// another (`budjet` for `budget`, `info` for `information`); the zone
/// suggestions use the same bar.
const PLAUSIBLE_TYPO: f64 = 0.85;

/// Names longer than this are not a typo of anything a file names, so no
/// comparison is made (it would cost time in proportion to the length).
const MAX_SUGGESTED_CHARS: usize = 64;

/// The candidate closest to `wanted`, if it is close enough to be what was
/// meant; the first of equally close ones.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wanted.len() > MAX_SUGGESTED_CHARS * 4 || wanted.chars().count() > MAX_SUGGESTED_CHARS {
        return None;
    }
    let wanted = wanted.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&wanted, &candidate.to_lowercase());
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= PLAUSIBLE_TYPO)
        .map(|(_, name)| name)
}

/// ` (did you mean `NAME`?)` for the closest candidate, or nothing.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(wanted, candidates)
        .map(|name| format!(" (did you mean `{name}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_what_was_meant() {
        let kinds = ["information", "discussion", "decision", "ranking"];
        let cases = [
            ("info", kinds.as_slice(), Some("information")),
            ("decison", &kinds, Some("decision")),
            ("vote", &kinds, None),
            ("budjet", &["default", "budget"], Some("budget")),
            (
                "energy-transtion",
                &["climate-adaptation", "energy-transition"],
                Some("energy-transition"),
            ),
            (
                "Steering",
                &["steering", "general-assembly"],
                Some("steering"),
            ),
            ("", &kinds, None),
        ];
        for (wanted, candidates, expected) in cases {
            assert_eq!(
                closest(wanted, candidates.iter().copied()),
                expected,
                "{wanted}"
            );
        }
        assert_eq!(closest(&"decision".repeat(20), kinds), None);
    }
}
