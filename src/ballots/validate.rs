//! Turning a parsed ballot file into a [`Contest`], recording every
//! problem: the file's own keys, then each ballot against the method and
//! the options.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::file::{BallotFile, KEYS, ScoresFile};
use crate::files::{Diagnostic, Document, SourceFile, Validator};
use crate::vote::ranked::{
    Ballot, BallotKind, BallotProblem, Contest, MAX_SCORE, Marks, Method, TallyError,
};

/// The most options a file may list: pairwise methods need n² memory and
/// n³ time, and no governance ranking comes near this.
pub(super) const MAX_OPTIONS: usize = 200;

/// Up to this many options, an unknown-option message repeats the list.
const LISTED_OPTIONS: usize = 12;

/// Problems reported per ranking or approval list before the rest are
/// only counted, so a pasted-in list of thousands cannot flood the screen.
const MAX_LIST_PROBLEMS: usize = 10;

/// Reads `file`; the contest is `Some` only when the file could be read
/// well enough to build one, and is usable only when no problem was found.
pub(super) fn load(file: &SourceFile) -> (Option<Contest>, Vec<Diagnostic>) {
    let mut doc = Document::parse(file);
    if doc.is_empty() && doc.syntax_ok() {
        doc.error(
            0..0,
            "the ballot file is empty: it needs `method`, `options` and [[ballots]] tables",
        );
        return (None, doc.finish(&KEYS));
    }
    let syntax_ok = doc.syntax_ok();
    let present = KEYS.map(|k| doc.contains(k));
    let ballot_spans = doc.element_spans("ballots");
    let method = doc.section::<String>("method");
    let options = doc.section::<Vec<Spanned<String>>>("options");
    let seats = doc.section::<i64>("seats");
    let ballots = doc.sections::<BallotFile>("ballots");
    let mut v = Validator::new(doc);
    // A key the parser could not read is missing from the table; the syntax
    // error already says so, so only a clean file reports missing keys.
    if syntax_ok {
        if !present[0] {
            v.error(
                0..0,
                format!("missing key `method`, one of {}", method_list()),
            );
        }
        if !present[1] {
            v.error(0..0, "missing key `options`, the list of option ids");
        }
    }
    let method = method.and_then(|m| v.method(&m));
    let options = options.and_then(|o| v.options(&o));
    let seats = match seats {
        Some(s) => v.seats(&s, options.as_ref().map(Vec::len)),
        None => Some(1),
    };
    if syntax_ok && ballots.is_empty() && v.doc.diagnostics_count() == 0 {
        let what = if present[3] { "is empty" } else { "is missing" };
        v.error(
            0..0,
            format!("the list of [[ballots]] {what}: there is nothing to tally"),
        );
    }
    let checker = Checker {
        method,
        options: options.as_deref(),
        lookup: options
            .as_ref()
            .map(|o| o.iter().map(|o| o.get_ref().as_str()).collect()),
        voters: HashMap::new(),
    };
    let ballots = checker.ballots(&mut v, ballots, &ballot_spans);
    let diagnostics = v.doc.finish(&KEYS);
    let contest = match (method, options, seats) {
        (Some(method), Some(options), Some(seats)) if diagnostics.is_empty() => Contest {
            method,
            options: options.into_iter().map(Spanned::into_inner).collect(),
            seats: seats as usize,
            ballots: ballots.iter().map(|(_, b)| b.clone()).collect(),
        },
        _ => return (None, diagnostics),
    };
    // The checks above should have caught everything the tally rejects;
    // asking the tally itself keeps the two from ever drifting apart.
    let late = late_problems(file, &contest, &ballots);
    (Some(contest), [diagnostics, late].concat())
}

/// What `vote::ranked` still rejects in a contest this module accepted,
/// pointed at the ballot concerned (or the start of the file).
fn late_problems(
    file: &SourceFile,
    contest: &Contest,
    ballots: &[(Range<usize>, Ballot)],
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = contest
        .ballot_errors()
        .into_iter()
        .map(|e| {
            let span = ballots.get(e.index).map_or(0..0, |(s, _)| s.clone());
            file.error(span, format!("ballot {}: {}", e.index + 1, e.problem))
        })
        .collect();
    if let Err(e) = contest.check() {
        out.push(file.error(0..0, e.to_string()));
    }
    out
}

fn method_list() -> String {
    Method::ALL
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Validator<'_> {
    fn method(&mut self, name: &Spanned<String>) -> Option<Method> {
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
        self.error(
            name.span(),
            format!(
                "unknown method `{wanted}`{closest}; expected one of {}",
                method_list()
            ),
        );
        None
    }

    fn options(&mut self, list: &Spanned<Vec<Spanned<String>>>) -> Option<Vec<Spanned<String>>> {
        let options = list.get_ref();
        if options.is_empty() {
            self.error(list.span(), "`options` must list at least one option");
            return None;
        }
        if options.len() > MAX_OPTIONS {
            // Pairwise methods cost n² memory and n³ time in the options.
            self.error(
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
                self.error(option.span(), "an option id must not be empty");
                ok = false;
            } else if !seen.insert(option.get_ref().as_str()) {
                let problem = TallyError::DuplicateOption(option.get_ref().clone());
                self.error(option.span(), problem.to_string());
                ok = false;
            }
        }
        ok.then(|| options.clone())
    }

    fn seats(&mut self, seats: &Spanned<i64>, options: Option<usize>) -> Option<u32> {
        let n = self.positive(seats, "seats", false)?;
        match options {
            Some(options) if n as usize > options => {
                let problem = TallyError::TooManySeats {
                    seats: n as usize,
                    options,
                };
                self.error(seats.span(), format!("`seats` is too large: {problem}"));
                None
            }
            _ => Some(n),
        }
    }
}

/// A ballot's weight: at least 1 (a ballot carrying no votes is a
/// mistake, a negative one a typo) and within the tally's `u32`.
fn weight(v: &mut Validator<'_>, label: &str, w: &Spanned<i64>) -> Option<u32> {
    let n = *w.get_ref();
    let problem = match u32::try_from(n) {
        Ok(0) => BallotProblem::ZeroWeight.to_string(),
        Ok(n) => return Some(n),
        Err(_) if n < 0 => format!("weight must be at least 1, not {n}"),
        Err(_) => format!("weight {n} is too large (at most {})", u32::MAX),
    };
    v.error(w.span(), format!("{label}: {problem}"));
    None
}

/// Checks ballots one by one against what the file's head says; whatever
/// the head got wrong (unknown method, bad options) is skipped here so one
/// mistake is not reported once per ballot.
struct Checker<'o> {
    method: Option<Method>,
    options: Option<&'o [Spanned<String>]>,
    /// The same ids, for lookups in ballots of any length.
    lookup: Option<HashSet<&'o str>>,
    /// Voter name -> number of the first ballot cast under it.
    voters: HashMap<String, usize>,
}

impl Checker<'_> {
    fn ballots(
        mut self,
        v: &mut Validator<'_>,
        ballots: Vec<Spanned<BallotFile>>,
        spans: &[Range<usize>],
    ) -> Vec<(Range<usize>, Ballot)> {
        let mut out = Vec::with_capacity(ballots.len());
        // The readable ballots are a subsequence of all of them, in file
        // order, so one forward pass over the spans numbers them all.
        let mut cursor = 0;
        for (i, ballot) in ballots.into_iter().enumerate() {
            let span = ballot.span();
            let number = match spans[cursor.min(spans.len())..]
                .iter()
                .position(|s| *s == span)
            {
                Some(skip) => {
                    cursor += skip + 1;
                    cursor
                }
                None => i + 1,
            };
            if let Some(b) = self.ballot(v, number, ballot.into_inner(), span.clone()) {
                out.push((span, b));
            }
        }
        out
    }

    fn ballot(
        &mut self,
        v: &mut Validator<'_>,
        number: usize,
        b: BallotFile,
        span: Range<usize>,
    ) -> Option<Ballot> {
        let label = match &b.voter {
            Some(voter) => format!("ballot {number} ({})", voter.get_ref()),
            None => format!("ballot {number}"),
        };
        let voter = b.voter.as_ref().and_then(|voter| {
            let name = v.text(voter, "voter")?;
            if let Some(first) = self.voters.get(&name) {
                v.error(
                    voter.span(),
                    format!("{label}: voter `{name}` already cast ballot {first}"),
                );
                return None;
            }
            self.voters.insert(name.clone(), number);
            Some(name)
        });
        let weight = match &b.weight {
            Some(w) => weight(v, &label, w),
            None => Some(1),
        };
        let marks = self.marks(v, &label, &b, span);
        Some(Ballot {
            voter: if b.voter.is_some() {
                Some(voter?)
            } else {
                None
            },
            weight: weight?,
            marks: marks?,
        })
    }

    fn marks(
        &self,
        v: &mut Validator<'_>,
        label: &str,
        b: &BallotFile,
        span: Range<usize>,
    ) -> Option<Marks> {
        let mut kinds: Vec<(BallotKind, Range<usize>)> = Vec::new();
        if let Some(r) = &b.ranking {
            kinds.push((BallotKind::Ranking, r.span()));
        }
        if let Some(a) = &b.approve {
            kinds.push((BallotKind::Approve, a.span()));
        }
        if let Some(s) = &b.scores {
            kinds.push((BallotKind::Scores, s.span()));
        }
        let expected = self.method.map(Method::ballot_kind);
        let (kind, kind_span) = match kinds.as_slice() {
            [] => {
                let needs = match (self.method, expected) {
                    (Some(m), Some(k)) => format!("a {m} ballot needs `{}`", k.key()),
                    _ => "a ballot needs `ranking`, `approve` or `scores`".to_owned(),
                };
                v.error(span, format!("{label} has no marks: {needs}"));
                return None;
            }
            [one] => one.clone(),
            [first, second, ..] => {
                v.error(
                    second.1.clone(),
                    format!(
                        "{label} has both `{}` and `{}`; a ballot carries one kind of marks",
                        first.0.key(),
                        second.0.key()
                    ),
                );
                return None;
            }
        };
        if let (Some(method), Some(expected)) = (self.method, expected)
            && kind != expected
        {
            let problem = BallotProblem::WrongKind {
                method,
                expected,
                found: kind,
            };
            v.error(kind_span, format!("{label}: {problem}"));
            return None;
        }
        match (&b.ranking, &b.approve, &b.scores) {
            (Some(ids), _, _) => self.ids(v, label, ids).map(Marks::Ranking),
            (_, Some(ids), _) => self.ids(v, label, ids).map(Marks::Approve),
            (_, _, Some(scores)) => self.scores(v, label, scores).map(Marks::Scores),
            _ => None,
        }
    }

    /// A ranking or approval list: known options, none twice. A list can
    /// be long only by repeating itself, so its problems are cut off after
    /// [`MAX_LIST_PROBLEMS`] with a count of the rest.
    fn ids(
        &self,
        v: &mut Validator<'_>,
        label: &str,
        list: &Spanned<Vec<Spanned<String>>>,
    ) -> Option<Vec<String>> {
        let ids = list.get_ref();
        let mut problems = 0usize;
        let mut first_unreported = None;
        let mut seen = HashSet::new();
        for id in ids {
            let known = self.is_known(id.get_ref());
            let fresh = seen.insert(id.get_ref().as_str());
            if known && fresh {
                continue;
            }
            problems += 1;
            if problems > MAX_LIST_PROBLEMS {
                first_unreported.get_or_insert(id.span());
                continue;
            }
            if !known {
                self.unknown(v, label, id);
            } else {
                let problem = BallotProblem::Duplicate(id.get_ref().clone());
                v.error(id.span(), format!("{label}: {problem}"));
            }
        }
        if let Some(span) = first_unreported {
            v.error(
                span,
                format!(
                    "{label}: {} more problems in this list from here",
                    problems - MAX_LIST_PROBLEMS
                ),
            );
        }
        (problems == 0).then(|| ids.iter().map(|id| id.get_ref().clone()).collect())
    }

    /// A score table: known options, scores 0 to 10; problems cut off like
    /// a list's.
    fn scores(
        &self,
        v: &mut Validator<'_>,
        label: &str,
        scores: &Spanned<ScoresFile>,
    ) -> Option<std::collections::BTreeMap<String, i64>> {
        let mut problems = 0usize;
        let mut first_unreported = None;
        for (id, score) in &scores.get_ref().0 {
            if !self.is_known(id.get_ref()) {
                problems += 1;
                if problems <= MAX_LIST_PROBLEMS {
                    self.unknown(v, label, id);
                } else {
                    first_unreported.get_or_insert(id.span());
                }
            }
            if !(0..=MAX_SCORE).contains(score.get_ref()) {
                problems += 1;
                if problems > MAX_LIST_PROBLEMS {
                    first_unreported.get_or_insert(score.span());
                    continue;
                }
                let problem = BallotProblem::ScoreOutOfRange {
                    option: id.get_ref().clone(),
                    score: *score.get_ref(),
                };
                v.error(score.span(), format!("{label}: {problem}"));
            }
        }
        if let Some(span) = first_unreported {
            v.error(
                span,
                format!(
                    "{label}: {} more problems in these scores from here",
                    problems - MAX_LIST_PROBLEMS
                ),
            );
        }
        (problems == 0).then(|| {
            scores
                .get_ref()
                .0
                .iter()
                .map(|(id, s)| (id.get_ref().clone(), *s.get_ref()))
                .collect()
        })
    }

    /// Whether `id` is an option. Without a usable option list nothing
    /// can be checked, so everything passes (the list's own problem is
    /// reported once, not once per ballot).
    fn is_known(&self, id: &str) -> bool {
        self.lookup.as_ref().is_none_or(|known| known.contains(id))
    }

    /// Reports an unknown option with the options to choose from, or where
    /// they are when there are too many to repeat.
    fn unknown(&self, v: &mut Validator<'_>, label: &str, id: &Spanned<String>) {
        let problem = BallotProblem::UnknownOption(id.get_ref().clone());
        let options = self.options.unwrap_or_default();
        let hint = if options.len() <= LISTED_OPTIONS {
            let names: Vec<&str> = options.iter().map(|o| o.get_ref().as_str()).collect();
            format!("the options are {}", names.join(", "))
        } else {
            let line = options
                .first()
                .map_or(1, |o| v.doc.file().line_of(o.span().start));
            format!("see `options` on line {line}")
        };
        v.error(id.span(), format!("{label}: {problem}; {hint}"));
    }
}
