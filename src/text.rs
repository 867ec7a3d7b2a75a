//! Showing text that came from files. Names, titles and values are written
//! by people (or by whoever edited a shared workspace); on any output they
//! are data, never terminal commands and never table structure.
//!
//! Every output edge (the terminal interface, `tally` and the tables, CSV,
//! Markdown, HTML, iCalendar, diagnostics) passes such text through
//! [`escape_control`] (names, titles, values) or [`one_line`] (free text
//! such as an action's, where a line break is just a space). JSON needs
//! nothing: `serde_json` escapes control characters itself. This module
//! knows nothing about any format.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach an output as itself: ASCII and C1 control
/// characters (newline and tab included: they break a table cell), and the
/// Unicode bidirectional overrides and isolates, which reorder what the
/// reader sees ("Trojan source").
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [unsafe](is_unsafe) character written as a visible
/// escape: `\n`, `\r`, `\t`, or `\u{1b}` for the others, as Rust writes
/// them. Text without such characters is returned as it is, unallocated.
///
/// ```
/// use plenary::text::escape_control;
/// assert_eq!(escape_control("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
/// assert_eq!(escape_control("Zürich"), "Zürich");
/// ```
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Free text (a note, an action's text) for one line of a table or a
/// list: line breaks and tabs become spaces, every other
/// [unsafe](is_unsafe) character is escaped as [`escape_control`] does.
///
/// ```
/// use plenary::text::one_line;
/// assert_eq!(one_line("first\nsecond\tthird\u{1b}"), "first second third\\u{1b}");
/// ```
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let spaced: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(escape_control(&spaced).into_owned())
}

/// `text` cut to at most `max` characters: the start and the end kept, the
/// middle replaced by ` … `. For messages that quote a value of any length.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    // Cheap first test: a text of at most `max` bytes has at most `max` chars.
    if text.len() <= max || text.chars().nth(max).is_none() {
        return Cow::Borrowed(text);
    }
    let tail = max / 4;
    let head = max.saturating_sub(tail + 3);
    let start: String = text.chars().take(head).collect();
    let mut end: Vec<char> = text.chars().rev().take(tail).collect();
    end.reverse();
    Cow::Owned(format!("{start} … {}", end.into_iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_line_breaks_become_visible() {
        for (raw, shown) in [
            ("plain", "plain"),
            ("\u{1b}[31mred\u{1b}[0m", "\\u{1b}[31mred\\u{1b}[0m"),
            ("two\nlines", "two\\nlines"),
            ("tab\there", "tab\\there"),
            ("cr\r", "cr\\r"),
            ("bell\u{7}", "bell\\u{7}"),
            ("del\u{7f}", "del\\u{7f}"),
            ("c1\u{9b}2J", "c1\\u{9b}2J"),
            ("rtl\u{202e}txt", "rtl\\u{202e}txt"),
            ("Zürich, Ōsaka, São Paulo", "Zürich, Ōsaka, São Paulo"),
        ] {
            assert_eq!(escape_control(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(escape_control("Université"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_keeps_its_start_and_end() {
        let long = format!("start{}end", "x".repeat(1000));
        let short = shorten(&long, 40);
        assert!(short.chars().count() <= 40, "{short}");
        assert!(
            short.starts_with("start") && short.ends_with("end"),
            "{short}"
        );
        assert_eq!(shorten("short", 40), "short");
        assert_eq!(shorten("ééé", 3), "ééé");
    }
}
