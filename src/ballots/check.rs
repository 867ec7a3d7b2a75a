//! One ballot as read from a file (TOML table or CSV record), checked
//! against the method and the options and, when it is sound, cast into the
//! [`BallotBox`] as option positions. The problems are put into words here,
//! once for both formats, and pointed at the value concerned.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::vote::ranked::{BallotBox, BallotKind, BallotProblem, Compact, MAX_SCORE, Method};

/// Up to this many options, an unknown-option message repeats the list.
const LISTED_OPTIONS: usize = 12;

/// Problems reported per ranking or approval list before the rest are
/// only counted, so a pasted-in list of thousands cannot flood the screen.
const MAX_LIST_PROBLEMS: usize = 10;

/// Where the problems of a ballot go; spans are byte ranges of whatever
/// text the reader keeps (the whole TOML file, or one CSV record).
pub(super) trait Sink {
    /// Records a problem at `span`.
    fn error(&mut self, span: Range<usize>, message: String);
}

/// A piece of text from the file and where it is.
pub(super) type Text<'t> = Spanned<Cow<'t, str>>;

/// An option's score and where each is written.
pub(super) type Score<'t> = (Text<'t>, Spanned<i64>);

/// One ballot as written: every part optional, so that a missing or extra
/// kind of marks is reported in our words.
#[derive(Debug, Default)]
pub(super) struct BallotIn<'t> {
    /// The whole ballot (a `[[ballots]]` table, a CSV record).
    pub span: Range<usize>,
    pub voter: Option<Text<'t>>,
    /// Signed so that `weight = -1` is reported as such.
    pub weight: Option<Spanned<i64>>,
    pub ranking: Option<Spanned<Vec<Text<'t>>>>,
    pub approve: Option<Spanned<Vec<Text<'t>>>>,
    pub scores: Option<Spanned<Vec<Score<'t>>>>,
}

/// The contest the ballots are checked against, as far as the file's
/// head could be read: what the head got wrong (unknown method, bad
/// options) is skipped here, so one mistake is not reported per ballot.
pub(super) struct Checker {
    method: Option<Method>,
    /// Option id -> position; `None` when the options are unusable.
    lookup: Option<FxHashMap<String, usize>>,
    /// The ids in order, for messages.
    options: Vec<String>,
    /// Where `options` is written, for messages when it is too long to repeat.
    options_line: usize,
    /// Voter name -> number of the first ballot cast under it.
    voters: HashMap<String, usize>,
    /// How many ballots were seen, readable or not.
    pub seen: usize,
    ids: Vec<usize>,
    scores: Vec<(usize, i64)>,
}

impl Checker {
    /// Checks against `method` and `options` (each `None` when the head
    /// had a problem with it); `options_line` is where the list is.
    pub fn new(method: Option<Method>, options: Option<&[String]>, options_line: usize) -> Self {
        Self {
            method,
            lookup: options.map(|o| {
                o.iter()
                    .enumerate()
                    .map(|(i, id)| (id.clone(), i))
                    .collect()
            }),
            options: options.map(<[String]>::to_vec).unwrap_or_default(),
            options_line,
            voters: HashMap::new(),
            seen: 0,
            ids: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// The kind of marks the method reads, when the method is known.
    pub fn kind(&self) -> Option<BallotKind> {
        self.method.map(Method::ballot_kind)
    }

    /// The position of option `id`; `Some(0)` for any id when the options
    /// are unusable (their problem is reported once, elsewhere).
    pub fn position_of(&self, id: &str) -> Option<usize> {
        match &self.lookup {
            Some(lookup) => lookup.get(id).copied(),
            None => Some(0),
        }
    }

    /// Where to find the options, for a message about an unknown one.
    pub fn options_hint(&self) -> String {
        if self.options.len() <= LISTED_OPTIONS {
            format!("the options are {}", self.options.join(", "))
        } else {
            format!("see `options` on line {}", self.options_line)
        }
    }

    /// Counts a ballot that could not be read at all, so the next keeps its
    /// number.
    pub fn skip(&mut self) {
        self.seen += 1;
    }

    /// Checks the next ballot and casts it into `into` when it is sound
    /// (and `into` is there: without a usable head only problems are
    /// looked for).
    pub fn ballot(&mut self, sink: &mut dyn Sink, b: &BallotIn<'_>, into: Option<&mut BallotBox>) {
        self.seen += 1;
        let number = self.seen;
        let label = Label {
            number,
            voter: b.voter.as_ref().map(|v| v.get_ref().as_ref()),
        };
        let mut ok = true;
        if let Some(voter) = &b.voter {
            let name = voter.get_ref();
            if name.trim().is_empty() {
                sink.error(voter.span(), "`voter` must not be empty".into());
                ok = false;
            } else if let Some(first) = self.voters.get(name.as_ref()) {
                sink.error(
                    voter.span(),
                    format!("{label}: voter `{name}` already cast ballot {first}"),
                );
                ok = false;
            } else {
                self.voters.insert(name.to_string(), number);
            }
        }
        let weight = match &b.weight {
            Some(w) => weight(sink, &label, w),
            None => Some(1),
        };
        let marks = self.marks(sink, &label, b);
        let (Some(weight), Some(marks), true) = (weight, marks, ok) else {
            return;
        };
        let Some(into) = into else { return };
        let compact = match marks {
            BallotKind::Ranking => Compact::Ranking(&self.ids),
            BallotKind::Approve => Compact::Approve(&self.ids),
            BallotKind::Scores => Compact::Scores(&self.scores),
        };
        // The checks above should have caught everything the box refuses;
        // asking it too keeps the two from ever drifting apart.
        if let Err(problem) = into.cast(weight, compact) {
            sink.error(b.span.clone(), format!("{label}: {problem}"));
        }
    }

    /// The kind of marks, checked and resolved into `ids` or `scores`.
    fn marks(
        &mut self,
        sink: &mut dyn Sink,
        label: &Label<'_>,
        b: &BallotIn<'_>,
    ) -> Option<BallotKind> {
        // The first two kinds present are all that is looked at; an array,
        // not a vector, so that no ballot costs an allocation here.
        let mut kinds = [
            b.ranking.as_ref().map(|r| (BallotKind::Ranking, r.span())),
            b.approve.as_ref().map(|a| (BallotKind::Approve, a.span())),
            b.scores.as_ref().map(|s| (BallotKind::Scores, s.span())),
        ]
        .into_iter()
        .flatten();
        let expected = self.method.map(Method::ballot_kind);
        let (kind, kind_span) = match (kinds.next(), kinds.next()) {
            (None, _) => {
                let needs = match (self.method, expected) {
                    (Some(m), Some(k)) => format!("a {m} ballot needs `{}`", k.key()),
                    _ => "a ballot needs `ranking`, `approve` or `scores`".to_owned(),
                };
                sink.error(b.span.clone(), format!("{label} has no marks: {needs}"));
                return None;
            }
            (Some(one), None) => one,
            (Some(first), Some(second)) => {
                sink.error(
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
            sink.error(kind_span, format!("{label}: {problem}"));
            return None;
        }
        let sound = match (&b.ranking, &b.approve, &b.scores) {
            (Some(ids), _, _) | (_, Some(ids), _) => self.ids(sink, label, ids.get_ref()),
            (_, _, Some(scores)) => self.scores(sink, label, scores.get_ref()),
            _ => false,
        };
        sound.then_some(kind)
    }

    /// A ranking or approval list: known options, none twice. A list can
    /// be long only by repeating itself, so its problems are cut off after
    /// [`MAX_LIST_PROBLEMS`] with a count of the rest.
    fn ids(&mut self, sink: &mut dyn Sink, label: &Label<'_>, ids: &[Text<'_>]) -> bool {
        let mut problems = Problems::new(label, "in this list");
        self.ids.clear();
        for id in ids {
            match self.position(id.get_ref()) {
                Some(Some(o)) if self.ids.contains(&o) => {
                    let problem = BallotProblem::Duplicate(id.get_ref().to_string());
                    problems.report(sink, id.span(), || format!("{label}: {problem}"));
                }
                Some(Some(o)) => self.ids.push(o),
                Some(None) => {
                    problems.report(sink, id.span(), || self.unknown(label, id.get_ref()));
                }
                // Without usable options nothing can be checked.
                None => {}
            }
        }
        problems.finish(sink)
    }

    /// A score table: known options, none twice, scores 0 to 10; problems
    /// cut off like a list's.
    fn scores(&mut self, sink: &mut dyn Sink, label: &Label<'_>, scores: &[Score<'_>]) -> bool {
        let mut problems = Problems::new(label, "in these scores");
        self.scores.clear();
        for (id, score) in scores {
            match self.position(id.get_ref()) {
                Some(Some(o)) if self.scores.iter().any(|&(p, _)| p == o) => {
                    let problem = BallotProblem::Duplicate(id.get_ref().to_string());
                    problems.report(sink, id.span(), || format!("{label}: {problem}"));
                }
                Some(Some(o)) => self.scores.push((o, *score.get_ref())),
                Some(None) => {
                    problems.report(sink, id.span(), || self.unknown(label, id.get_ref()));
                }
                None => {}
            }
            if !(0..=MAX_SCORE).contains(score.get_ref()) {
                let problem = BallotProblem::ScoreOutOfRange {
                    option: id.get_ref().to_string(),
                    score: *score.get_ref(),
                };
                problems.report(sink, score.span(), || format!("{label}: {problem}"));
            }
        }
        problems.finish(sink)
    }

    /// `Some(position)` of a known option, `Some(None)` for an unknown one,
    /// `None` when there are no usable options to look in.
    fn position(&self, id: &str) -> Option<Option<usize>> {
        self.lookup.as_ref().map(|l| l.get(id).copied())
    }

    /// An unknown option, with the options to choose from, or where they
    /// are when there are too many to repeat.
    fn unknown(&self, label: &Label<'_>, id: &str) -> String {
        let problem = BallotProblem::UnknownOption(id.to_owned());
        format!("{label}: {problem}; {}", self.options_hint())
    }
}

/// How a ballot is named in messages: "ballot 3 (uct)". Written out only
/// when a message needs it, not for every ballot read.
struct Label<'v> {
    number: usize,
    voter: Option<&'v str>,
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.voter {
            Some(voter) => write!(f, "ballot {} ({voter})", self.number),
            None => write!(f, "ballot {}", self.number),
        }
    }
}

/// A ballot's weight: at least 1 (a ballot carrying no votes is a
/// mistake, a negative one a typo) and within the tally's `u32`.
fn weight(sink: &mut dyn Sink, label: &Label<'_>, w: &Spanned<i64>) -> Option<u32> {
    let n = *w.get_ref();
    let problem = match u32::try_from(n) {
        Ok(0) => BallotProblem::ZeroWeight.to_string(),
        Ok(n) => return Some(n),
        Err(_) if n < 0 => format!("weight must be at least 1, not {n}"),
        Err(_) => format!("weight {n} is too large (at most {})", u32::MAX),
    };
    sink.error(w.span(), format!("{label}: {problem}"));
    None
}

/// The problems of one list, the first [`MAX_LIST_PROBLEMS`] reported and
/// the rest counted from where they start.
struct Problems<'l> {
    label: &'l Label<'l>,
    within: &'static str,
    count: usize,
    first_unreported: Option<Range<usize>>,
}

impl<'l> Problems<'l> {
    fn new(label: &'l Label<'l>, within: &'static str) -> Self {
        Self {
            label,
            within,
            count: 0,
            first_unreported: None,
        }
    }

    fn report(
        &mut self,
        sink: &mut dyn Sink,
        span: Range<usize>,
        message: impl FnOnce() -> String,
    ) {
        self.count += 1;
        if self.count > MAX_LIST_PROBLEMS {
            self.first_unreported.get_or_insert(span);
        } else {
            sink.error(span, message());
        }
    }

    /// Reports the count of the rest; whether the list had no problem.
    fn finish(self, sink: &mut dyn Sink) -> bool {
        if let Some(span) = self.first_unreported {
            sink.error(
                span,
                format!(
                    "{}: {} more problems {} from here",
                    self.label,
                    self.count - MAX_LIST_PROBLEMS,
                    self.within
                ),
            );
        }
        self.count == 0
    }
}
