//! The head of a ballot file, the contest itself: `method`, `options`,
//! `seats`, and where the ballots are (`[[ballots]]` tables below, or a
//! CSV file named by `ballots_csv`).

use std::collections::HashSet;

use toml::Spanned;

use super::check::Sink;
use crate::files::Validator;
use crate::vote::ranked::{Method, TallyError};

/// The top-level keys of a ballot file, in the order the docs give them.
pub const KEYS: [&str; 5] = ["method", "options", "seats", "ballots", "ballots_csv"];

/// The most options a file may list: pairwise methods need n² memory and
/// n³ time, and no governance ranking comes near this.
pub(super) const MAX_OPTIONS: usize = 200;

/// What the head says, each part `None` when it has a problem (reported).
pub(super) struct Head {
    pub method: Option<Method>,
    pub options: Option<Vec<String>>,
    /// The line `options` is on (1 when absent), for messages.
    pub options_line: usize,
    pub seats: Option<usize>,
    /// The CSV file named by `ballots_csv`, as written, and where.
    pub csv: Option<Spanned<String>>,
}

impl Sink for Validator<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String) {
        self.doc.error(span, message);
    }
}

/// Reads and checks the head's keys (taking them out of the document),
/// which parsed: after a syntax error nothing else is reported, since a
/// key the parser could not read would be reported missing as well.
pub(super) fn read(v: &mut Validator<'_>) -> Head {
    let (has_method, has_options) = (v.doc.contains("method"), v.doc.contains("options"));
    let method = v.doc.section::<String>("method");
    let options = v.doc.section::<Vec<Spanned<String>>>("options");
    let seats = v.doc.section::<i64>("seats");
    let csv = v.doc.section::<String>("ballots_csv");
    if !has_method {
        v.error(
            0..0,
            format!("missing key `method`, one of {}", method_list()),
        );
    }
    if !has_options {
        v.error(0..0, "missing key `options`, the list of option ids");
    }
    let options_line = options
        .as_ref()
        .and_then(|o| o.get_ref().first())
        .map_or(1, |o| line_of(&v.doc.file().text, o.span().start));
    let method = method.and_then(|m| self::method(v, &m));
    let options = options.and_then(|o| self::options(v, &o));
    let seats = match seats {
        Some(s) => self::seats(v, &s, options.as_ref().map(Vec::len)),
        None => Some(1),
    };
    let csv = csv.and_then(|c| {
        if c.get_ref().trim().is_empty() {
            v.error(
                c.span(),
                "`ballots_csv` must name a CSV file, e.g. \"votes.csv\"",
            );
            None
        } else {
            Some(c)
        }
    });
    Head {
        method,
        options,
        options_line,
        seats,
        csv,
    }
}

/// The line of byte `offset`, counted from the start: the head is short,
/// and the file's line index would cost a pass over every ballot.
fn line_of(text: &str, offset: usize) -> usize {
    let before = text.get(..offset).unwrap_or(text);
    1 + before.bytes().filter(|&b| b == b'\n').count()
}

fn method_list() -> String {
    Method::ALL
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn method(v: &mut Validator<'_>, name: &Spanned<String>) -> Option<Method> {
    let wanted = name.get_ref();
    if let Some(m) = Method::from_name(wanted) {
        return Some(m);
    }
    let closest = Method::ALL
        .iter()
        .map(|m| (strsim::jaro_winkler(&wanted.to_lowercase(), m.name()), m))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, m)| format!(" (did you mean `{m}`?)"))
        .unwrap_or_default();
    v.error(
        name.span(),
        format!(
            "unknown method `{wanted}`{closest}; expected one of {}",
            method_list()
        ),
    );
    None
}

fn options(v: &mut Validator<'_>, list: &Spanned<Vec<Spanned<String>>>) -> Option<Vec<String>> {
    let options = list.get_ref();
    if options.is_empty() {
        v.error(list.span(), "`options` must list at least one option");
        return None;
    }
    if options.len() > MAX_OPTIONS {
        // Pairwise methods cost n² memory and n³ time in the options.
        v.error(
            list.span(),
            format!(
                "`options` lists {} options; at most {MAX_OPTIONS} can be ranked",
                options.len()
            ),
        );
        return None;
    }
    let mut ok = true;
    let mut seen = HashSet::new();
    for option in options {
        if option.get_ref().trim().is_empty() {
            v.error(option.span(), "an option id must not be empty");
            ok = false;
        } else if !seen.insert(option.get_ref().as_str()) {
            let problem = TallyError::DuplicateOption(option.get_ref().clone());
            v.error(option.span(), problem.to_string());
            ok = false;
        }
    }
    ok.then(|| options.iter().map(|o| o.get_ref().clone()).collect())
}

fn seats(v: &mut Validator<'_>, seats: &Spanned<i64>, options: Option<usize>) -> Option<usize> {
    let n = v.positive(seats, "seats", false)? as usize;
    match options {
        Some(options) if n > options => {
            let problem = TallyError::TooManySeats { seats: n, options };
            v.error(seats.span(), format!("`seats` is too large: {problem}"));
            None
        }
        _ => Some(n),
    }
}
