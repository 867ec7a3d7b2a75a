//! A parsed TOML document whose top-level sections are deserialized one by
//! one (and each `[[array]]` element on its own), so that one bad member
//! does not hide the mistakes in the next.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{Diagnostic, SourceFile, did_you_mean};

/// A TOML file being taken apart section by section.
pub struct Document<'a> {
    file: &'a SourceFile,
    root: DeTable<'a>,
    diagnostics: Vec<Diagnostic>,
    syntax_ok: bool,
}

impl<'a> Document<'a> {
    /// Parses `file`. A syntax error is reported alone: what the parser
    /// recovers after it is mostly noise (one unclosed array yields a
    /// dozen "missing comma" errors), and the content cannot be trusted
    /// enough to check further, so the document is then treated as empty.
    pub fn parse(file: &'a SourceFile) -> Self {
        Self::parse_prefix(file, file.text.len())
    }

    /// Parses the first `end` bytes of `file` (a line start) as a document
    /// of its own, positions still counted in the whole file: the head of
    /// a file whose tables are read one at a time by other means.
    pub fn parse_prefix(file: &'a SourceFile, end: usize) -> Self {
        let text = file.text.get(..end).unwrap_or(&file.text);
        let (root, errors) = DeTable::parse_recoverable(text);
        match errors.first() {
            None => Self {
                file,
                root: root.into_inner(),
                diagnostics: Vec::new(),
                syntax_ok: true,
            },
            Some(first) => Self {
                file,
                root: DeTable::default(),
                diagnostics: vec![to_diagnostic(file, first, 0..0)],
                syntax_ok: false,
            },
        }
    }

    /// The file being read.
    pub fn file(&self) -> &'a SourceFile {
        self.file
    }

    /// Whether the text parsed as TOML without any syntax error.
    pub fn syntax_ok(&self) -> bool {
        self.syntax_ok
    }

    /// Whether the document has no top-level keys at all.
    pub fn is_empty(&self) -> bool {
        self.root.is_empty()
    }

    /// Whether the top-level `key` is present and not yet taken.
    pub fn contains(&self, key: &str) -> bool {
        self.root.contains_key(key)
    }

    /// The string `id` of every element of the top-level array of tables
    /// `key`, including elements that will not deserialize, so that other
    /// sections referring to them are not blamed for that element's error.
    pub fn element_ids(&self, key: &str) -> Vec<String> {
        let Some(DeValue::Array(elements)) = self.root.get(key).map(Spanned::get_ref) else {
            return Vec::new();
        };
        elements
            .iter()
            .filter_map(|element| match element.get_ref() {
                DeValue::Table(table) => match table.get("id").map(Spanned::get_ref) {
                    Some(DeValue::String(id)) => Some(id.to_string()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    /// The span of every element of the top-level array `key`, in file
    /// order, including elements that will not deserialize.
    pub fn element_spans(&self, key: &str) -> Vec<std::ops::Range<usize>> {
        match self.root.get(key).map(Spanned::get_ref) {
            Some(DeValue::Array(elements)) => elements.iter().map(Spanned::span).collect(),
            _ => Vec::new(),
        }
    }

    /// How many problems have been recorded so far.
    pub fn diagnostics_count(&self) -> usize {
        self.diagnostics.len()
    }

    /// Records a problem at `span`.
    pub fn error(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(self.file.error(span, message));
    }

    /// Removes the top-level `key` and deserializes it as one `T`.
    /// `None` when it is absent (nothing recorded) or invalid (recorded).
    pub fn section<T: DeserializeOwned>(&mut self, key: &str) -> Option<Spanned<T>> {
        let value = self.root.remove(key)?;
        self.typed(value)
    }

    /// Removes the top-level array of tables `key` and deserializes each
    /// element on its own; invalid elements are recorded and left out.
    pub fn sections<T: DeserializeOwned>(&mut self, key: &str) -> Vec<Spanned<T>> {
        let Some(value) = self.root.remove(key) else {
            return Vec::new();
        };
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(elements) => elements
                .into_iter()
                .filter_map(|element| self.typed(element))
                .collect(),
            _ => {
                self.error(
                    span,
                    format!("`{key}` must be an array of tables, written [[{key}]]"),
                );
                Vec::new()
            }
        }
    }

    /// Reports the top-level keys nobody asked for and returns every
    /// diagnostic collected so far.
    pub fn finish(mut self, expected: &[&str]) -> Vec<Diagnostic> {
        let unknown: Vec<_> = std::mem::take(&mut self.root).into_iter().collect();
        for (key, _) in unknown {
            let list = expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = did_you_mean(key.get_ref(), expected.iter().copied());
            self.error(
                key.span(),
                format!(
                    "unknown key `{}`{hint}, expected one of {list}",
                    key.get_ref()
                ),
            );
        }
        self.diagnostics
    }

    fn typed<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'a>>) -> Option<Spanned<T>> {
        let span = value.span();
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(typed) => Some(Spanned::new(span, typed)),
            // A value the parser could not read is left out of the table, so
            // its key would be reported missing as well: say it only once.
            Err(e) if !self.syntax_ok && e.message().starts_with("missing field") => None,
            Err(e) => {
                self.diagnostics.push(to_diagnostic(self.file, &e, span));
                None
            }
        }
    }
}

/// The first syntax error in the bytes `range` of `file` (a piece that is
/// a TOML document of its own, such as one `[[table]]` and its keys),
/// located in the whole file; `None` when the piece parses.
pub fn syntax_error(file: &SourceFile, range: std::ops::Range<usize>) -> Option<Diagnostic> {
    let text = file.text.get(range.clone())?;
    let (_, errors) = DeTable::parse_recoverable(text);
    let first = errors.first()?;
    let shift = |s: std::ops::Range<usize>| s.start + range.start..s.end + range.start;
    let span = first.span().map_or(range.start..range.start, shift);
    let mut message = polish(first.message());
    if message == "duplicate key"
        && let Some(key) = file.text.get(span.clone()).filter(|k| !k.is_empty())
    {
        message = format!("duplicate key `{key}`");
    }
    Some(file.error(span, message))
}

fn to_diagnostic(
    file: &SourceFile,
    error: &toml::de::Error,
    fallback: std::ops::Range<usize>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let mut message = polish(error.message());
    // The parser does not say which key; the span does.
    if message == "duplicate key"
        && let Some(key) = file.text.get(span.clone()).filter(|k| !k.is_empty())
    {
        message = format!("duplicate key `{key}`");
    }
    file.error(span, message)
}

/// serde's messages are good but written for programmers; a few of them are
/// reworded for people editing a charter.
fn polish(message: &str) -> String {
    let message = message.trim_end();
    let message = message.strip_suffix('.').unwrap_or(message);
    let mut message = message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("unknown variant", "unknown value")
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table")
        .replace("expected i64", "expected a whole number")
        .replace(
            "missing comma between array elements, expected `,`",
            "expected `,` or `]`: an array opened before this point is still open",
        );
    // `expected struct MemberFile` names a Rust type, not a TOML one.
    const STRUCT: &str = "expected struct ";
    if let Some(at) = message.find(STRUCT) {
        let name = at + STRUCT.len();
        let end = message[name..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(message.len(), |i| name + i);
        message.replace_range(at..end, "expected a table");
    }
    with_suggestion(message)
}

/// serde's `unknown value `info`, expected one of `information`, ...`
/// (or `unknown key`) with the closest of the expected names suggested
/// after the wrong one.
fn with_suggestion(mut message: String) -> String {
    let Some(rest) = ["unknown value `", "unknown key `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
    else {
        return message;
    };
    let Some(end) = rest.find('`') else {
        return message;
    };
    let wanted = &rest[..end];
    let Some(expected) = rest[end..].find("expected").map(|at| &rest[end + at..]) else {
        return message;
    };
    // The expected names are the back-quoted words after "expected".
    let names = expected.split('`').skip(1).step_by(2);
    let hint = did_you_mean(wanted, names);
    let at = message.len() - rest.len() + end + 1;
    message.insert_str(at, &hint);
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_and_keys_get_the_closest_expected_name() {
        for (serde, ours) in [
            (
                "unknown variant `info`, expected one of `information`, `discussion`, `decision`",
                "unknown value `info` (did you mean `information`?), expected one of `information`, `discussion`, `decision`",
            ),
            (
                "unknown field `titel`, expected `id` or `title`",
                "unknown key `titel` (did you mean `title`?), expected `id` or `title`",
            ),
            (
                "unknown variant `vote`, expected one of `information`, `discussion`",
                "unknown value `vote`, expected one of `information`, `discussion`",
            ),
            ("unknown variant `x`", "unknown value `x`"),
        ] {
            assert_eq!(polish(serde), ours);
        }
    }

    #[test]
    fn an_unclosed_array_is_one_error_not_a_cascade() {
        let file = SourceFile::new(
            "c.toml",
            "[a]\nx = [1, 2\n\n[b]\ny = 1\nz = \"s\"\nw = true\n",
        );
        let doc = Document::parse(&file);
        assert!(!doc.syntax_ok());
        let diagnostics = doc.finish(&["a", "b"]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            diagnostics[0].headline(),
            "c.toml:4:1: expected `,` or `]`: an array opened before this point is still open"
        );
    }
}
