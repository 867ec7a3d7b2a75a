//! A problem found in a file, located by `path:line:column` and rendered
//! like a compiler error: the message, the offending line, and a caret.
//!
//! A diagnostic keeps a span into its file's shared text, never a copy of
//! the line: a file with thousands of problems on one long line costs one
//! copy of the file, not one per problem. The line and the caret are cut
//! out when the diagnostic is printed, to a window around the caret.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::text::{escape_control, shorten};

/// The text of one file, kept so that byte spans can become lines and columns.
/// Cloning it is cheap: the text and its line index are shared.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where the text came from, as the user named it.
    pub path: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: Arc<str>,
    /// Where lines start, built the first time a position is asked for.
    index: Arc<OnceLock<LineIndex>>,
}

impl SourceFile {
    /// Wraps text read from `path`; a UTF-8 byte-order mark is dropped so that
    /// columns count from the first visible character.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let text: Arc<str> = match text.strip_prefix('\u{feff}') {
            Some(rest) => Arc::from(rest),
            None => Arc::from(text),
        };
        Self {
            path: path.into(),
            text,
            index: Arc::default(),
        }
    }

    /// A diagnostic pointing at the byte `span` of this file; spans past the
    /// end are clamped. Costs a binary search, not a scan of the file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let text = &*self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, column) = self.position(start);
        let index = self.index();
        let line_start = index.line_start(line);
        let line_end = index.line_end(text, line);
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            excerpt: Some(Excerpt {
                text: Arc::clone(&self.text),
                line: line_start..line_end,
                caret: start..end,
            }),
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let text = &*self.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let index = self.index();
        let line = index.line_of(offset);
        let column =
            index.chars_before(text, offset) - index.chars_before(text, index.line_start(line)) + 1;
        (line, column)
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index().line_of(offset.min(self.text.len()))
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// Byte offsets of line starts, and character counts at fixed byte
/// intervals, so that a position is a binary search plus a short count.
/// Offsets are `u32` (files are capped far below 4 GiB, see
/// [`super::MAX_FILE_BYTES`]), so the index costs at most four bytes per
/// line plus one `u32` per [`CHUNK`] bytes.
#[derive(Debug)]
struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<u32>,
    /// Characters before byte `i * CHUNK`.
    chars: Vec<u32>,
}

/// Bytes between two character-count marks.
const CHUNK: usize = 1024;

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| to_u32(i + 1)),
        );
        let mut chars = Vec::with_capacity(bytes.len() / CHUNK + 1);
        let mut count = 0usize;
        for chunk in bytes.chunks(CHUNK) {
            chars.push(to_u32(count));
            count += chunk.iter().filter(|b| !is_continuation(**b)).count();
        }
        chars.push(to_u32(count));
        Self { starts, chars }
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= offset)
            .max(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1] as usize
    }

    /// Where the text of `line` ends, before its `\n` (and a `\r` before that).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next as usize - 1);
        let start = self.line_start(line);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// How many characters come before byte `offset` (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / CHUNK;
        let from = chunk * CHUNK;
        self.chars[chunk] as usize
            + text.as_bytes()[from..offset]
                .iter()
                .filter(|b| !is_continuation(**b))
                .count()
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
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
    /// Where in the file's text the offending line and the caret are.
    pub excerpt: Option<Excerpt>,
}

/// The line a diagnostic points into and what its caret underlines, as
/// byte ranges of the file's shared text.
#[derive(Debug, Clone)]
pub struct Excerpt {
    text: Arc<str>,
    /// The whole line, without its line break.
    line: Range<usize>,
    /// The span pointed at; it may run past the end of the line.
    caret: Range<usize>,
}

impl Excerpt {
    /// The offending line, without its line break.
    pub fn line_text(&self) -> &str {
        &self.text[self.line.clone()]
    }

    /// How many characters the caret underlines (at least one), within the line.
    pub fn underlined(&self) -> usize {
        let start = self.caret.start.min(self.line.end);
        let end = self.caret.end.clamp(start, self.line.end);
        self.text[start..end].chars().count().max(1)
    }
}

impl PartialEq for Excerpt {
    fn eq(&self, other: &Self) -> bool {
        self.line_text() == other.line_text()
            && self.caret.start - self.line.start == other.caret.start - other.line.start
            && self.underlined() == other.underlined()
    }
}

impl Eq for Excerpt {}

impl Diagnostic {
    /// A diagnostic at a byte span of `text`; spans past the end are clamped.
    /// For many diagnostics in one file, wrap the text in a [`SourceFile`]
    /// once and use [`SourceFile::error`], which shares the text.
    pub fn at_span(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        SourceFile::new(path, text).error(span, message)
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

    /// The first line only: `path:line:column: message`, with control
    /// characters escaped and an over-long message cut in the middle.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            shorten(&escape_control(&self.message), MESSAGE_CHARS)
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

/// The most characters of a message shown; a message quoting a long value
/// keeps its start and end.
const MESSAGE_CHARS: usize = 400;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(excerpt) = &self.excerpt {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let window = Window::around(excerpt);
            let before = if window.cut_before { "…" } else { "" };
            let after = if window.cut_after { "…" } else { "" };
            // Keep tabs as tabs so the caret lines up under the same text.
            let pad: String = before
                .chars()
                .map(|_| ' ')
                .chain(
                    window
                        .before_caret
                        .chars()
                        .map(|c| if c == '\t' { '\t' } else { ' ' }),
                )
                .collect();
            let shown = printable(window.shown);
            let carets = excerpt.underlined().min(window.after_caret.max(1));
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {before}{shown}{after}")?;
            writeln!(f, "{gutter} | {pad}{}", "^".repeat(carets))?;
        }
        Ok(())
    }
}

/// At most [`EXCERPT_CHARS`] characters of a line around its caret, found
/// by walking out from the caret: printing never reads a whole long line.
struct Window<'a> {
    /// The characters shown.
    shown: &'a str,
    /// The part of `shown` before the caret.
    before_caret: &'a str,
    /// How many characters of `shown` are at or after the caret.
    after_caret: usize,
    cut_before: bool,
    cut_after: bool,
}

impl<'a> Window<'a> {
    fn around(excerpt: &'a Excerpt) -> Self {
        let text = &*excerpt.text;
        let line = excerpt.line.clone();
        let caret = excerpt.caret.start.clamp(line.start, line.end);
        // One more than the window, to tell "fits" from "cut".
        let left: Vec<usize> = text[line.start..caret]
            .char_indices()
            .rev()
            .take(EXCERPT_CHARS + 1)
            .map(|(i, _)| line.start + i)
            .collect();
        let right: Vec<usize> = text[caret..line.end]
            .char_indices()
            .take(EXCERPT_CHARS + 1)
            .map(|(i, _)| caret + i)
            .collect();
        let (n_left, n_right) = if left.len() + right.len() <= EXCERPT_CHARS {
            (left.len(), right.len())
        } else {
            let n_left = if right.len() < EXCERPT_CHARS / 2 {
                EXCERPT_CHARS - right.len()
            } else {
                EXCERPT_CHARS / 2
            }
            .min(left.len());
            (n_left, (EXCERPT_CHARS - n_left).min(right.len()))
        };
        let from = if n_left == 0 { caret } else { left[n_left - 1] };
        let to = right.get(n_right).copied().unwrap_or(line.end);
        Self {
            shown: &text[from..to],
            before_caret: &text[from..caret],
            after_caret: n_right,
            cut_before: from > line.start,
            cut_after: to < line.end,
        }
    }
}

/// Control characters (other than tab) would garble the terminal: show them
/// as replacement characters, one per character so the caret still lines up.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| {
            if crate::text::is_unsafe(c) && c != '\t' {
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
        assert_eq!(d.excerpt.unwrap().line_text(), "b = ?");
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
        assert_eq!(d.excerpt.unwrap().underlined(), 14);
    }

    #[test]
    fn diagnostics_share_the_text_instead_of_copying_their_line() {
        let line = "x, ".repeat(300_000);
        let file = SourceFile::new("c.toml", format!("a = [{line}]\n"));
        let diagnostics: Vec<Diagnostic> = (0..10_000)
            .map(|i| file.error(5 + 3 * i..6 + 3 * i, "bad"))
            .collect();
        assert_eq!(Arc::strong_count(&file.text), 10_001);
        assert_eq!(
            (diagnostics[9_999].line, diagnostics[9_999].column),
            (1, 30_003)
        );
        let shown = diagnostics[9_999].to_string();
        assert!(shown.lines().all(|l| l.chars().count() < 120), "{shown}");
    }

    #[test]
    fn positions_are_found_in_any_line_of_a_long_file() {
        let text: String = (0..5_000).map(|i| format!("k{i} = \"é{i}\"\n")).collect();
        let file = SourceFile::new("c.toml", text.clone());
        for i in [0, 1, 2_047, 4_999] {
            let at = text.find(&format!("\"é{i}\"")).unwrap() + "\"é".len();
            assert_eq!(
                file.position(at),
                (i + 1, format!("k{i} = \"é").chars().count() + 1)
            );
        }
    }

    #[test]
    fn a_caret_near_either_end_of_a_long_line_keeps_the_window_full() {
        let text = format!("{}?{}", "a".repeat(10), "b".repeat(500));
        let file = SourceFile::new("c.toml", text.clone());
        let shown = file.error(10..11, "m").to_string();
        let excerpt = shown.lines().nth(2).unwrap();
        assert!(
            excerpt.starts_with("1 | aaaaaaaaaa?b") && excerpt.ends_with("b…"),
            "{shown}"
        );
        assert_eq!(excerpt.chars().count(), "1 | ".len() + EXCERPT_CHARS + 1);
        let end = text.len() - 1;
        let shown = file.error(end..end + 1, "m").to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[2].starts_with("1 | …b") && !lines[2].ends_with('…'),
            "{shown}"
        );
        assert_eq!(lines[2].chars().count(), "1 | ".len() + EXCERPT_CHARS + 1);
        // The caret stands under the last character.
        assert_eq!(lines[3].chars().count(), lines[2].chars().count());
    }

    #[test]
    fn messages_are_escaped_and_cut_when_printed() {
        let file = SourceFile::new("c.toml", "x");
        let d = file.error(0..1, format!("name `\u{1b}[31m{}`", "y".repeat(5_000)));
        let headline = d.headline();
        assert!(!headline.contains('\u{1b}'), "{headline}");
        assert!(headline.contains("\\u{1b}[31m"), "{headline}");
        assert!(headline.chars().count() < MESSAGE_CHARS + 20, "{headline}");
    }
}
