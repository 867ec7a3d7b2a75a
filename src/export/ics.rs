//! Line folding for the iCalendar files plenary writes (RFC 5545, 3.1):
//! "Lines of text SHOULD NOT be longer than 75 octets, excluding the line
//! break", and a continuation line's leading space counts. The `icalendar`
//! crate lets a continuation reach 76 octets, so its output is unfolded
//! and folded again here, never inside a UTF-8 character.

/// The most octets on one line, the leading space of a continuation
/// included.
const LINE_OCTETS: usize = 75;

/// `text` (CRLF-separated content lines, possibly folded) folded so that
/// no line is longer than [`LINE_OCTETS`] octets.
pub fn refold(text: &str) -> String {
    // Values never hold a line break (the crate escapes `\n` as `\\n`), so
    // CRLF followed by a space is always a fold.
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for (n, line) in unfolded.split("\r\n").enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        fold_line(line, &mut out);
    }
    out
}

/// Appends `line` to `out`, folded: the first piece up to 75 octets, each
/// continuation a space and up to 74 more.
fn fold_line(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_at_most_75_octets_and_whole_characters() {
        let long = format!("DESCRIPTION:{}", "Zürich – São Paulo 老虎 ".repeat(20));
        let text = format!("BEGIN:VTODO\r\n{long}\r\nEND:VTODO\r\n");
        let folded = refold(&text);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        // Unfolding gives the original back: nothing lost or split.
        assert_eq!(folded.replace("\r\n ", ""), text);
        // Lines already folded by someone else are folded again the same way.
        let crate_folded = text.replacen("Zürich", "Zü\r\n rich", 1);
        assert_eq!(refold(&crate_folded), folded);
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_left_alone() {
        let line = "X".repeat(75);
        assert_eq!(refold(&line), line);
        let folded = refold(&"X".repeat(76));
        assert_eq!(folded, format!("{}\r\n X", "X".repeat(75)));
        // 75 + 74: the continuation is full at 75 with its space.
        let two = refold(&"X".repeat(75 + 74));
        assert_eq!(
            two.split("\r\n").map(str::len).collect::<Vec<_>>(),
            [75, 75]
        );
    }
}
