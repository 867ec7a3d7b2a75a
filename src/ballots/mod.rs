//! Standalone ballot files for `plenary tally` (SPEC 3.2): reading one into
//! a [`Contest`], or reporting every problem in it as
//! `path:line:column: message` with the line and a caret.
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
//! A file with any problem yields no contest at all: one bad ballot means
//! nothing is tallied. This module owns the file format only; counting is
//! [`crate::vote::ranked`]'s, printing is the CLI's.

mod file;
mod validate;

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::files::{Diagnostic, SourceFile, read_source};
use crate::vote::ranked::Contest;

/// Reads the ballot file at `path`: the contest, or every problem found,
/// sorted by position.
pub fn read_contest(path: &Path) -> Result<Contest, Vec<Diagnostic>> {
    let file = read_source(path).map_err(|d| vec![d])?;
    load_contest(&file)
}

/// Parses and checks a ballot file already read: the contest, or every
/// problem found, sorted by position.
pub fn load_contest(file: &SourceFile) -> Result<Contest, Vec<Diagnostic>> {
    let (contest, mut diagnostics) = validate::load(file);
    crate::files::sort(&mut diagnostics);
    match contest {
        Some(contest) if diagnostics.is_empty() => Ok(contest),
        _ => Err(diagnostics),
    }
}
