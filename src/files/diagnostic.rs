//! A problem found in a file, located by `path:line:column` and rendered
//! like a compiler error: the message, the offending line, and a caret.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The text of one file, kept so that byte spans can become lines and columns.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where the text came from, as the user named it.
    pub path: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: String,
}

impl SourceFile {
    /// Wraps text read from `path`; a UTF-8 byte-order mark is dropped so that
    /// columns count from the first visible character.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        Self {
            path: path.into(),
            text,
        }
    }

    /// A diagnostic pointing at the byte `span` of this file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_span(&self.path, &self.text, span, message)
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending line and how many characters the caret underlines.
    pub excerpt: Option<(String, usize)>,
}

impl Diagnostic {
    /// A diagnostic at a byte span of `text`; spans past the end are clamped.
    pub fn at_span(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let underlined = text[start..end.min(line_start + line_text.len()).max(start)]
            .chars()
            .count()
            .max(1);
        Self {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            excerpt: Some((line_text.to_owned(), underlined)),
        }
    }

    /// A diagnostic about a whole file that has no useful position (1:1).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: message.into(),
            excerpt: None,
        }
    }

    /// The first line only: `path:line:column: message`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The most characters of a source line shown in an excerpt; longer lines
/// are cut to a window around the caret, marked with `…`.
const EXCERPT_CHARS: usize = 100;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some((line_text, width)) = &self.excerpt {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let chars: Vec<char> = line_text.chars().collect();
            let caret = self.column - 1;
            let (from, to) = if chars.len() <= EXCERPT_CHARS {
                (0, chars.len())
            } else {
                let from = caret
                    .saturating_sub(EXCERPT_CHARS / 2)
                    .min(chars.len() - EXCERPT_CHARS);
                (from, from + EXCERPT_CHARS)
            };
            let before = if from > 0 { "…" } else { "" };
            let after = if to < chars.len() { "…" } else { "" };
            // Keep tabs as tabs so the caret lines up under the same text.
            let pad: String = before
                .chars()
                .map(|_| ' ')
                .chain(
                    chars[from..caret.clamp(from, to)]
                        .iter()
                        .map(|&c| if c == '\t' { '\t' } else { ' ' }),
                )
                .collect();
            let shown = printable(&chars[from..to].iter().collect::<String>());
            let carets = (*width).min(to.saturating_sub(caret).max(1));
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {before}{shown}{after}")?;
            writeln!(f, "{gutter} | {pad}{}", "^".repeat(carets))?;
        }
        Ok(())
    }
}

/// Control characters (other than tab) would garble the terminal: show them
/// as replacement characters, one per character so the caret still lines up.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Sorts diagnostics by file, then position, so reports read top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let file = SourceFile::new("c.toml", "a = 1\nname = \"Zürich\" x\n");
        let at = file.text.find('x').unwrap();
        let d = file.error(at..at + 1, "unexpected");
        assert_eq!((d.line, d.column), (2, 17));
        assert_eq!(
            d.to_string(),
            "c.toml:2:17: unexpected\n  |\n2 | name = \"Zürich\" x\n  |                 ^\n"
        );
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let file = SourceFile::new("c.toml", "\u{feff}x = ");
        let d = file.error(0..1, "m");
        assert_eq!((d.line, d.column), (1, 1));
    }

    #[test]
    fn crlf_lines_do_not_show_carriage_returns() {
        let file = SourceFile::new("c.toml", "a = 1\r\nb = ?\r\n");
        let at = file.text.find('?').unwrap();
        let d = file.error(at..at + 1, "m");
        assert_eq!((d.line, d.column), (2, 5));
        assert_eq!(d.excerpt.unwrap().0, "b = ?");
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let file = SourceFile::new("c.toml", "abc");
        let d = file.error(10..20, "m");
        assert_eq!((d.line, d.column), (1, 4));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let text = format!("x = [{}?]", "1, ".repeat(1000));
        let file = SourceFile::new("c.toml", text.clone());
        let at = text.find('?').unwrap();
        let shown = file.error(at..at + 1, "m").to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[2].starts_with("1 | …") && lines[2].ends_with("?]"),
            "{shown}"
        );
        assert!(lines[2].chars().count() < 110, "{shown}");
        // The caret is still under the question mark.
        let caret = lines[3].find('^').unwrap();
        assert_eq!(
            lines[2].chars().nth(lines[3][..caret].chars().count()),
            Some('?'),
            "{shown}"
        );
    }

    #[test]
    fn a_caret_covers_the_span_within_its_line() {
        let file = SourceFile::new("c.toml", "zone = \"Europe/Zurik\"\nnext");
        let d = file.error(7..40, "m");
        assert_eq!(d.excerpt.unwrap().1, 14);
    }
}
