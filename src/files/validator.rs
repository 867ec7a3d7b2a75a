//! Shared checks for values read from a TOML document: ids, names,
//! uniqueness, whole numbers. Each records its problem and returns `None`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::Document;

/// Records problems against one document; each check returns `None` when
/// the value is unusable so that later checks can skip it quietly.
pub struct Validator<'a> {
    /// The document the values came from, which collects the problems.
    pub doc: Document<'a>,
    /// Messages already composed for a wrong value, by kind and value.
    remembered: HashMap<(&'static str, String), String>,
}

impl<'a> Validator<'a> {
    /// Starts checking the values of `doc`.
    pub fn new(doc: Document<'a>) -> Self {
        Self {
            doc,
            remembered: HashMap::new(),
        }
    }

    /// The document, with every problem recorded.
    pub fn into_doc(self) -> Document<'a> {
        self.doc
    }

    /// The message for a wrong `value` of a `kind`, composed once: a value
    /// repeated thousands of times costs one `judge` (a suggestion search,
    /// say). `judge` is told how many distinct values of any kind were
    /// judged before, so that an expensive hint can be kept to the first.
    pub fn remembered(
        &mut self,
        kind: &'static str,
        value: &str,
        judge: impl FnOnce(usize) -> String,
    ) -> String {
        let key = (kind, value.to_owned());
        if let Some(message) = self.remembered.get(&key) {
            return message.clone();
        }
        let message = judge(self.remembered.len());
        self.remembered.insert(key, message.clone());
        message
    }

    /// Records a problem at `span`.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.doc.error(span, message);
    }

    /// A short id: lower-case letters, digits and `-`.
    pub fn id(&mut self, id: &Spanned<String>, what: &str) -> Option<String> {
        let text = id.get_ref();
        let valid = !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Some(text.clone())
        } else {
            self.error(
                id.span(),
                format!(
                    "`{text}` is not a valid {what} id: use lower-case letters, digits and `-`"
                ),
            );
            None
        }
    }

    /// A piece of text that must not be blank.
    pub fn text(&mut self, text: &Spanned<String>, key: &str) -> Option<String> {
        if text.get_ref().trim().is_empty() {
            self.error(text.span(), format!("`{key}` must not be empty"));
            None
        } else {
            Some(text.get_ref().clone())
        }
    }

    /// Reports every id that appears twice and returns the first span of each.
    pub fn unique_ids<'s>(
        &mut self,
        ids: impl Iterator<Item = &'s Spanned<String>>,
        what: &str,
    ) -> HashMap<String, Range<usize>> {
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        for id in ids {
            if let Some(first) = seen.get(id.get_ref()) {
                let line = self.doc.file().line_of(first.start);
                self.error(
                    id.span(),
                    format!(
                        "duplicate {what} id `{}` (first defined on line {line})",
                        id.get_ref()
                    ),
                );
            } else {
                seen.insert(id.get_ref().clone(), id.span());
            }
        }
        seen
    }

    /// A whole number that must be positive (or zero when `allow_zero`).
    pub fn positive(&mut self, n: &Spanned<i64>, key: &str, allow_zero: bool) -> Option<u32> {
        let min = i64::from(!allow_zero);
        match u32::try_from(*n.get_ref()) {
            Ok(v) if i64::from(v) >= min => Some(v),
            _ => {
                let what = if allow_zero {
                    "zero or a positive"
                } else {
                    "a positive"
                };
                self.error(
                    n.span(),
                    format!("`{key}` must be {what} whole number, not {}", n.get_ref()),
                );
                None
            }
        }
    }
}
