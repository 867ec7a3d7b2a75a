//! Standalone ballot files for `plenary tally` (SPEC 3.2): reading one and
//! counting its ballots into a [`BallotBox`], or reporting every problem in
//! it as `path:line:column: message` with the line and a caret.
//!
//! ```toml
//! method = "schulze"
//! options = ["a", "b", "c", "d"]
//! seats = 2                      # optional, default 1
//!
//! [[ballots]]
//! voter = "uct"                  # optional
//! weight = 2                     # optional, default 1
//! ranking = ["b", "a", "c"]      # or approve = [...] or scores = { a = 5 }
//! ```
//!
//! or, instead of the `[[ballots]]` tables, `ballots_csv = "votes.csv"`:
//! a CSV file beside it, one ballot a record (docs/tally.md).
//!
//! Each ballot is checked and counted as it is read, as option positions
//! (identical rankings grouped), so a file of a million ballots is never
//! held as a million parsed tables. A file with any problem yields nothing
//! to tally: one bad ballot means nothing is tallied. This module owns the
//! file formats only; counting is [`crate::vote::ranked`]'s, printing is
//! the CLI's.

mod check;
mod csv_file;
mod file;
mod head;
mod quick;
mod tables;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::files::{Diagnostic, Document, SourceFile, Validator, read_source_within, syntax_error};
use crate::vote::ranked::BallotBox;

use check::{BallotIn, Checker};
use file::BallotFile;
use tables::{Pieces, Table, TableReader};

pub use csv_file::MAX_CSV_BYTES;

/// The largest TOML ballot file read: 256 MiB holds well over a million
/// ballots (a ten-option ranking with a voter and a weight is about 110
/// bytes), and the file's text is the one copy of it kept while reading.
pub const MAX_TOML_BYTES: u64 = 256 * 1024 * 1024;

/// A ballot file read and counted, ready for [`crate::vote::ranked::tally_box`].
#[derive(Debug)]
pub struct Counted {
    /// Every ballot, counted.
    pub ballots: BallotBox,
    /// How many options are adopted.
    pub seats: usize,
}

/// Reads the ballot file at `path` (and the CSV file it names, if any):
/// the counted ballots, or every problem found, sorted by position.
pub fn read_ballots(path: &Path) -> Result<Counted, Vec<Diagnostic>> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let message = "a CSV file holds only the ballots: tally the contest file that names it \
             (method, options, and `ballots_csv = \"…\"`, see docs/tally.md)";
        return Err(vec![Diagnostic::whole_file(path, message)]);
    }
    let file = read_source_within(path, MAX_TOML_BYTES, "ballot files are").map_err(|d| vec![d])?;
    load_ballots(&file)
}

/// Parses, checks and counts a ballot file already read (a `ballots_csv`
/// it names is read from beside `file.path`): the counted ballots, or
/// every problem found, sorted by position.
pub fn load_ballots(file: &SourceFile) -> Result<Counted, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let counted = load(file, &mut diagnostics);
    crate::files::sort(&mut diagnostics);
    match counted {
        Some(counted) if diagnostics.is_empty() => Ok(counted),
        _ => Err(diagnostics),
    }
}

fn load(file: &SourceFile, out: &mut Vec<Diagnostic>) -> Option<Counted> {
    let text: &str = &file.text;
    let mut pieces = Pieces::new(text);
    let head_end = pieces.next_piece().map_or(0, |(range, _)| range.end);
    let mut doc = Document::parse_prefix(file, head_end);
    let has_tables = head_end < text.len();
    if doc.is_empty() && doc.syntax_ok() && !has_tables {
        doc.error(
            0..0,
            "the ballot file is empty: it needs `method`, `options` and [[ballots]] tables",
        );
    }
    if !doc.syntax_ok() || doc.diagnostics_count() > 0 {
        out.extend(doc.finish(&head::KEYS));
        return None;
    }
    let inline_present = doc.contains("ballots");
    let inline_spans = doc.element_spans("ballots");
    let inline = doc.sections::<BallotFile>("ballots");
    let mut v = Validator::new(doc);
    let head = head::read(&mut v);
    let mut ballots = match (head.method, &head.options, head.seats) {
        (Some(method), Some(options), Some(_)) => Some(BallotBox::with_capacity(
            method,
            options.clone(),
            text.len() / 64,
        )),
        _ => None,
    };
    let mut checker = Checker::new(head.method, head.options.as_deref(), head.options_line);
    // The readable inline ballots are a subsequence of all of them, in
    // file order, so one forward pass over the spans numbers them all.
    let mut cursor = 0;
    for ballot in inline {
        let span = ballot.span();
        let skip = inline_spans[cursor.min(inline_spans.len())..]
            .iter()
            .position(|s| *s == span)
            .unwrap_or(0);
        for _ in 0..skip {
            checker.skip();
        }
        cursor += skip + 1;
        let b = ballot.into_inner().into_ballot(span);
        checker.ballot(&mut v, &b, ballots.as_mut());
    }
    while checker.seen < inline_spans.len() {
        checker.skip();
    }
    // Where the first ballot is written, for a file naming a CSV as well.
    let mut first_ballot = inline_spans.first().map(|s| s.start);
    // Ballots of the common shape are read straight from the text; from
    // the first table that is not, the lexer and parser read the rest.
    let mut at = head_end;
    while at < text.len() {
        let Some((ballot, next)) = quick::ballot(text, at) else {
            break;
        };
        first_ballot.get_or_insert(at);
        checker.ballot(&mut v, &ballot, ballots.as_mut());
        at = next;
    }
    let mut reader = TableReader::new(text);
    while at < text.len()
        && let Some((range, tokens)) = pieces.next_piece()
    {
        if range.start < at {
            // Read above, the quick way.
            continue;
        }
        let table = reader.read(tokens, &mut v);
        if matches!(table, Table::Ballot(_) | Table::Unreadable) {
            first_ballot.get_or_insert(range.start);
        }
        match table {
            Table::Ballot(b) => checker.ballot(&mut v, &b, ballots.as_mut()),
            Table::Unreadable => checker.skip(),
            Table::Other => {}
            Table::Syntax => {
                // A syntax error is reported alone, as for any TOML file:
                // what follows it cannot be trusted.
                let at = range.start;
                out.push(
                    syntax_error(file, range)
                        .unwrap_or_else(|| file.error(at..at, "this table cannot be read as TOML")),
                );
                return None;
            }
        }
    }
    if let Some(csv) = &head.csv {
        if let Some(at) = first_ballot {
            v.error(
                csv.span(),
                format!(
                    "`ballots_csv` names a CSV file, but the file lists ballots too (line {}): keep one of them",
                    v.doc.file().line_of(at)
                ),
            );
        } else {
            let path = beside(&file.path, csv.get_ref());
            match csv_file::read(&path, &mut checker, ballots.as_mut()) {
                Ok(problems) => out.extend(problems),
                Err(d) => out.push(d),
            }
        }
    } else if checker.seen == 0 && v.doc.diagnostics_count() == 0 {
        let what = if inline_present {
            "is empty"
        } else {
            "is missing"
        };
        v.error(
            0..0,
            format!("the list of [[ballots]] {what}: there is nothing to tally"),
        );
    }
    out.extend(v.doc.finish(&head::KEYS));
    let seats = head.seats?;
    let ballots = ballots?;
    if out.is_empty() && ballots.ballots() == 0 {
        out.push(file.error(0..0, "there are no ballots to tally"));
    }
    Some(Counted { ballots, seats })
}

/// `name` read from the folder of the file that names it.
fn beside(file: &Path, name: &str) -> PathBuf {
    match file.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

impl BallotFile {
    /// The same ballot in the form both formats are checked in.
    fn into_ballot<'t>(self, span: std::ops::Range<usize>) -> BallotIn<'t> {
        let text = |s: Spanned<String>| {
            let at = s.span();
            Spanned::new(at, Cow::Owned(s.into_inner()))
        };
        let list = |l: Spanned<Vec<Spanned<String>>>| {
            let at = l.span();
            Spanned::new(at, l.into_inner().into_iter().map(text).collect())
        };
        BallotIn {
            span,
            voter: self.voter.map(text),
            weight: self.weight,
            ranking: self.ranking.map(list),
            approve: self.approve.map(list),
            scores: self.scores.map(|s| {
                let at = s.span();
                let entries = s.into_inner().0.into_iter();
                Spanned::new(at, entries.map(|(id, n)| (text(id), n)).collect())
            }),
        }
    }
}
