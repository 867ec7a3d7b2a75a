//! The common shape of a `[[ballots]]` table read straight from the text,
//! without the lexer and the parser's events: a header line, then lines
//! of `voter = "…"`, `weight = 2`, `ranking = ["a", "b"]` or
//! `approve = […]` (one line each, plain strings, no comments), and blank
//! lines. Anything else, even valid TOML, is left to `tables`: this reader
//! answers `None`, and the caller reads that table and all after it the
//! usual way. What it does read is the [`BallotIn`] `tables` would make
//! of the same text, with the same spans, and it ends where `tables` cuts
//! the next piece, so messages and positions are the same either way.

use std::borrow::Cow;

use toml::Spanned;
use toml_parser::decoder::Encoding;

use super::check::{BallotIn, Text};
use super::tables::plain;

const HEADER: &str = "[[ballots]]";

/// The ballot of the piece starting at byte `at` (a `[[ballots]]` header),
/// and where the next piece starts; `None` when the piece is not of the
/// common shape.
pub(super) fn ballot(text: &str, at: usize) -> Option<(BallotIn<'_>, usize)> {
    let mut r = Reader { text, i: at };
    if !text.get(at..)?.starts_with(HEADER) {
        return None;
    }
    r.i += HEADER.len();
    let mut ballot = BallotIn {
        span: at..r.i,
        ..BallotIn::default()
    };
    r.line_end()?;
    loop {
        r.spaces();
        match r.peek() {
            // A header (or any line opening with `[`) starts the next piece.
            None | Some(b'[') => return Some((ballot, r.i)),
            Some(b'\n' | b'\r') => r.line_end()?,
            Some(_) => {
                let key = r.bare_key()?;
                r.spaces();
                r.byte(b'=')?;
                r.spaces();
                let end = match key {
                    "voter" => put(&mut ballot.voter, r.string()?),
                    "weight" => put(&mut ballot.weight, r.integer()?),
                    "ranking" => put(&mut ballot.ranking, r.list()?),
                    "approve" => put(&mut ballot.approve, r.list()?),
                    // Scores and unknown keys: the usual way.
                    _ => None,
                }?;
                ballot.span.end = end;
                r.spaces();
                r.line_end()?;
            }
        }
    }
}

/// Puts `value` into its `slot`, answering where it ends; `None` (the
/// usual way) when the key was there already.
fn put<T>(slot: &mut Option<Spanned<T>>, value: Spanned<T>) -> Option<usize> {
    if slot.is_some() {
        return None;
    }
    let end = value.span().end;
    *slot = Some(value);
    Some(end)
}

/// A cursor over the bytes of the text.
struct Reader<'t> {
    text: &'t str,
    i: usize,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn byte(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.i += 1)
    }

    /// Spaces and tabs, TOML's whitespace.
    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// The end of a line (`\n`, `\r\n`) or of the text.
    fn line_end(&mut self) -> Option<()> {
        self.spaces();
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(b'\r') => {
                self.i += 1;
                self.byte(b'\n')
            }
            Some(_) => None,
        }
    }

    fn bare_key(&mut self) -> Option<&'t str> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    /// A one-line basic string needing no decoding (see [`plain`]).
    fn string(&mut self) -> Option<Text<'t>> {
        let start = self.i;
        self.byte(b'"')?;
        let close = self.text.get(self.i..)?.find('"')? + self.i;
        self.i = close + 1;
        let inner = plain(&self.text[start..self.i], Some(Encoding::BasicString))?;
        Some(Spanned::new(start..self.i, Cow::Borrowed(inner)))
    }

    /// A decimal integer as TOML writes it without sign or underscores,
    /// short enough to fit an `i64`.
    fn integer(&mut self) -> Option<Spanned<i64>> {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.text[start..self.i];
        let fits = (1..=18).contains(&digits.len());
        // A leading zero is not TOML (`01`).
        if !fits || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        Some(Spanned::new(start..self.i, digits.parse().ok()?))
    }

    /// `["a", "b"]` on one line, a trailing comma allowed.
    fn list(&mut self) -> Option<Spanned<Vec<Text<'t>>>> {
        let start = self.i;
        self.byte(b'[')?;
        // Room for a typical ranking, as `tables` gives its arrays.
        let mut ids = Vec::with_capacity(16);
        loop {
            self.spaces();
            if self.byte(b']').is_some() {
                return Some(Spanned::new(start..self.i, ids));
            }
            ids.push(self.string()?);
            self.spaces();
            if self.byte(b',').is_none() {
                self.byte(b']')?;
                return Some(Spanned::new(start..self.i, ids));
            }
        }
    }
}
