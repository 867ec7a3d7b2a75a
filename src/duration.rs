//! Durations as people write them in agendas and on the command line:
//! `90m`, `2h`, `1h30m`, `4w`.

/// Parses a duration into whole minutes. Units: `w` weeks, `d` days,
/// `h` hours, `m` minutes; parts may be combined (`1h30m`), largest first.
pub fn parse_minutes(text: &str) -> Result<u32, String> {
    let malformed = || format!("duration `{text}` must look like `90m`, `2h`, `1h30m` or `4w`");
    let mut total: u32 = 0;
    let mut rest = text.trim();
    let mut last_unit = u32::MAX;
    if rest.is_empty() {
        return Err(malformed());
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(malformed());
        }
        let number: u32 = rest[..digits].parse().map_err(|_| malformed())?;
        let unit = match rest.as_bytes().get(digits) {
            Some(b'w') => 7 * 24 * 60,
            Some(b'd') => 24 * 60,
            Some(b'h') => 60,
            Some(b'm') => 1,
            _ => return Err(malformed()),
        };
        if unit >= last_unit {
            return Err(malformed());
        }
        last_unit = unit;
        total = number
            .checked_mul(unit)
            .and_then(|m| total.checked_add(m))
            .ok_or_else(|| format!("duration `{text}` is too long"))?;
        rest = &rest[digits + 1..];
    }
    Ok(total)
}

/// Writes minutes back the way [`parse_minutes`] reads them: `1h30m`, `90m` as `1h30m`.
pub fn format_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        for (text, minutes) in [
            ("90m", 90),
            ("2h", 120),
            ("1h30m", 90),
            ("4w", 40320),
            ("1d", 1440),
            ("0m", 0),
        ] {
            assert_eq!(parse_minutes(text), Ok(minutes), "{text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "",
            "90",
            "m",
            "1.5h",
            "30m1h",
            "1h1h",
            "-5m",
            "5 m",
            "5s",
            "99999999999m",
        ] {
            assert!(parse_minutes(text).is_err(), "{text}");
        }
        assert_eq!(
            parse_minutes("4000000w").unwrap_err(),
            "duration `4000000w` is too long"
        );
    }

    #[test]
    fn formats_round_trip() {
        for m in [5, 60, 90, 135] {
            assert_eq!(parse_minutes(&format_minutes(m)), Ok(m));
        }
        assert_eq!(format_minutes(90), "1h30m");
    }
}
