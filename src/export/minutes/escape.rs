//! Putting user-written text (motions, notes, titles, names) into Markdown
//! so that it reads as the literal text it is: no emphasis, links, HTML,
//! headings or table cells appear out of someone's words, and no control
//! character (an escape sequence, say) reaches whoever prints the file: they
//! are written as visible escapes (`\u{1b}`, [`crate::text::escape_control`]).

/// Characters CommonMark (with tables) would read as markup anywhere in a
/// line. `>` and the list markers matter only at a line's start.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '|', '~', '&', '#', '!'];

/// One line of text for a table cell, heading or list entry: markup
/// escaped, line breaks and runs of blanks turned into single spaces.
pub fn inline(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&joined)
}

/// Text that may span lines, as a paragraph: each line escaped, trimmed,
/// blank lines dropped, lines joined by hard breaks. `indent` is put before
/// every line after the first (to stay inside a list item).
pub fn block(text: &str, indent: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(escape_line)
        .collect::<Vec<_>>()
        .join(&format!("\\\n{indent}"))
}

/// Escapes one line, including what would start a block at its start.
fn escape_line(line: &str) -> String {
    let line = &*crate::text::escape_control(line);
    let mut out = String::with_capacity(line.len() + 8);
    out.push_str(&escape_start(line));
    let head = &line[..start_len(line)];
    let rest: Vec<char> = line[head.len()..].chars().collect();
    let mut before = head.chars().last();
    for (i, &c) in rest.iter().enumerate() {
        let after = rest.get(i + 1).copied();
        if INLINE.contains(&c) && !harmless(c, before, after) {
            out.push('\\');
        }
        out.push(c);
        before = Some(c);
    }
    out
}

/// Markup characters that cannot act as markup where they stand, left
/// unescaped so that the Markdown reads as plain text too (the minutes
/// preview shows it as it is): `#` after a line's start opens no heading,
/// and `_` between two letters or digits opens no emphasis (CommonMark's
/// intraword rule), as in `America/New_York`.
fn harmless(c: char, before: Option<char>, after: Option<char>) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        '#' => true,
        '_' => word(before) && word(after),
        _ => false,
    }
}

/// How many bytes at the start [`escape_start`] handles.
fn start_len(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        _ => line.chars().next().map_or(0, char::len_utf8),
    }
}

/// The start of a line, escaped so it cannot open a list, quote, heading,
/// thematic break or setext underline.
fn escape_start(line: &str) -> String {
    let head = &line[..start_len(line)];
    match head.chars().last() {
        Some(c @ ('.' | ')')) if head.len() > 1 => {
            format!("{}\\{c}", &head[..head.len() - 1])
        }
        Some(c @ ('>' | '-' | '+' | '=')) => format!("\\{c}"),
        Some(c) if INLINE.contains(&c) => format!("\\{c}"),
        _ => head.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(
            inline("*bold* _it_ [l](u)"),
            "\\*bold\\* \\_it\\_ \\[l\\](u)"
        );
        assert_eq!(inline("R&amp;D"), "R\\&amp;D");
        assert_eq!(inline("Title #"), "Title #");
        assert_eq!(inline("America/New_York"), "America/New_York");
        assert_eq!(inline("_lead_ and snake_case"), "\\_lead\\_ and snake_case");
    }

    #[test]
    fn newlines_become_spaces_inline_and_hard_breaks_in_blocks() {
        assert_eq!(inline("one\ntwo\r\n  three"), "one two three");
        assert_eq!(
            block("one\n\n- two\n3. three", "  "),
            "one\\\n  \\- two\\\n  3\\. three"
        );
    }

    #[test]
    fn line_starts_cannot_open_blocks() {
        for (text, escaped) in [
            ("# heading", "\\# heading"),
            ("> quote", "\\> quote"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("12) item", "12\\) item"),
            ("2027. A year", "2027\\. A year"),
            ("2027 budget", "2027 budget"),
            ("Été", "Été"),
        ] {
            assert_eq!(inline(text), escaped, "{text}");
        }
    }

    #[test]
    fn control_characters_are_written_as_escapes() {
        assert_eq!(inline("\u{1b}[31mred"), "\\\\u{1b}\\[31mred");
        assert!(!block("a\u{1b}b\rc", "").contains(['\u{1b}', '\r']));
    }

    #[test]
    fn a_trailing_backslash_stays_literal_before_a_hard_break() {
        assert_eq!(block("a\\\nb", ""), "a\\\\\\\nb");
    }
}
