//! Turning a parsed agenda into an [`Agenda`], checked against the charter.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use toml::Spanned;
use toml::value::Datetime;

use super::deadline::DeadlineSpec;
use super::file::{ItemFile, MeetingFile, SECTIONS};
use super::model::{Agenda, Item, ItemKind, Meeting, MeetingKind, Ranking};
use crate::charter::References;
use crate::duration::parse_minutes;
use crate::files::{Diagnostic, Document, SHOWN_PER_FILE, SourceFile, Validator, did_you_mean};
use crate::vote::ranked::Method;

/// Reads and validates the agenda in `file`, whose stem must be the meeting
/// id. Returns the agenda when it is valid, and every problem found.
pub fn load_agenda(file: &SourceFile, refs: &References) -> (Option<Agenda>, Vec<Diagnostic>) {
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut doc = Document::parse(file);
    let syntax_ok = doc.syntax_ok();
    let has_meeting = doc.contains("meeting");
    let meeting = doc.section::<MeetingFile>("meeting");
    let items = doc.sections::<ItemFile>("items");
    let mut v = Validator::new(doc);
    if !has_meeting && syntax_ok {
        v.error(0..0, "missing [meeting] table (id, body, title, duration)");
    }
    // Rules are checked against the body named, even if the rest of
    // [meeting] has problems of its own.
    let body_rules = meeting
        .as_ref()
        .and_then(|m| refs.bodies.get(m.get_ref().body.get_ref()));
    let duration_span = meeting
        .as_ref()
        .and_then(|m| m.get_ref().duration.as_ref().map(Spanned::span));
    let table = meeting.as_ref().map_or(0..0, Spanned::span);
    let meeting = meeting.and_then(|m| v.meeting(m.into_inner(), table.clone(), &stem, refs));
    v.unique_ids(items.iter().map(|i| &i.get_ref().id), "item");
    let written = meeting
        .as_ref()
        .is_some_and(|m| m.kind == MeetingKind::Written);
    if written {
        v.written_items(&items, table);
    }
    let items: Vec<Item> = items
        .into_iter()
        .filter_map(|i| v.item(i.into_inner(), body_rules, refs))
        .collect();
    if let (Some(meeting), Some(span), false) = (&meeting, duration_span, written) {
        v.time_boxes_fit(meeting, &items, span);
    }
    let diagnostics = v.doc.finish(&SECTIONS);
    let agenda = match meeting {
        Some(meeting) if diagnostics.is_empty() => Some(Agenda { meeting, items }),
        _ => None,
    };
    (agenda, diagnostics)
}

impl Validator<'_> {
    fn meeting(
        &mut self,
        m: MeetingFile,
        table: Range<usize>,
        stem: &str,
        refs: &References,
    ) -> Option<Meeting> {
        let id = self.id(&m.id, "meeting");
        if id.as_deref().is_some_and(|id| id != stem) {
            self.error(
                m.id.span(),
                format!(
                    "meeting id `{}` must equal the file name `{stem}`",
                    m.id.get_ref()
                ),
            );
        }
        if refs.complete && !refs.bodies.contains_key(m.body.get_ref()) {
            let name = m.body.get_ref();
            let message = self.remembered("body", name, |judged| {
                let ids: BTreeSet<String> = refs.bodies.keys().cloned().collect();
                let listing = match ids.len() {
                    0 => "; the charter has no [[bodies]]".to_owned(),
                    _ => format!("; the bodies are {}", listed(&ids)),
                };
                format!(
                    "unknown body `{name}`{}{listing}",
                    suggestion(judged, name, refs.bodies.keys())
                )
            });
            self.error(m.body.span(), message);
        }
        let title = self.text(&m.title, "title");
        let start = m.start.as_ref().and_then(|s| self.instant(s, "start"));
        let kind = m
            .kind
            .as_ref()
            .map_or(MeetingKind::Meeting, |k| *k.get_ref());
        let duration = match (&m.duration, kind) {
            (Some(d), _) => self.duration(d),
            // A written procedure runs until its deadline, not for a time.
            (None, MeetingKind::Written) => Some(0),
            (None, MeetingKind::Meeting) => {
                self.error(table.clone(), "missing key `duration`");
                None
            }
        };
        let deadline = self.deadline(&m, kind, table);
        Some(Meeting {
            id: id?,
            body: m.body.into_inner(),
            title: title?,
            start: if m.start.is_some() {
                Some(start?)
            } else {
                None
            },
            duration_minutes: duration?,
            location: m.location,
            kind,
            deadline: match kind {
                MeetingKind::Written => Some(deadline?),
                MeetingKind::Meeting => None,
            },
        })
    }

    fn duration(&mut self, d: &Spanned<String>) -> Option<u32> {
        match parse_minutes(d.get_ref()) {
            Ok(0) => {
                self.error(d.span(), "`duration` must be longer than zero");
                None
            }
            Ok(minutes) if minutes > 24 * 60 => {
                self.error(d.span(), "`duration` must be at most 24h");
                None
            }
            Ok(minutes) => Some(minutes),
            Err(message) => {
                self.error(d.span(), message);
                None
            }
        }
    }

    /// A written procedure's `deadline` (a date, or a date and time with an
    /// offset) and no `start`; a meeting has no `deadline`.
    fn deadline(
        &mut self,
        m: &MeetingFile,
        kind: MeetingKind,
        table: Range<usize>,
    ) -> Option<DeadlineSpec> {
        match (kind, &m.deadline) {
            (MeetingKind::Meeting, Some(d)) => {
                self.error(
                    d.span(),
                    "`deadline` applies only to a written procedure (`kind = \"written\"`); a meeting has a `start`",
                );
                None
            }
            (MeetingKind::Meeting, None) => None,
            (MeetingKind::Written, deadline) => {
                if let Some(start) = &m.start {
                    self.error(
                        start.span(),
                        "a written procedure has no `start`: members reply until its `deadline`",
                    );
                }
                let Some(d) = deadline else {
                    self.error(
                        table,
                        "a written procedure needs a `deadline`: a date (the end of that day in the alliance's zone) or a date and time with an offset",
                    );
                    return None;
                };
                let value = d.get_ref();
                match (value.date, value.time) {
                    (Some(date), None) => {
                        let day = chrono::NaiveDate::from_ymd_opt(
                            i32::from(date.year),
                            u32::from(date.month),
                            u32::from(date.day),
                        );
                        if day.is_none() {
                            self.error(d.span(), format!("`{value}` is not a valid date"));
                        }
                        day.map(DeadlineSpec::Date)
                    }
                    _ => self.instant(d, "deadline").map(DeadlineSpec::At),
                }
            }
        }
    }

    /// A written procedure asks for replies: each item is a decision or a
    /// ranking, and there is at least one.
    fn written_items(&mut self, items: &[Spanned<ItemFile>], table: Range<usize>) {
        if items.is_empty() {
            self.error(
                table,
                "a written procedure needs at least one [[items]] of kind `decision` or `ranking`",
            );
        }
        for item in items {
            let kind = &item.get_ref().kind;
            if !matches!(kind.get_ref(), ItemKind::Decision | ItemKind::Ranking) {
                self.error(
                    kind.span(),
                    format!(
                        "a written procedure asks members to decide: its items are `decision` or `ranking`, not `{}`",
                        kind.get_ref().name()
                    ),
                );
            }
        }
    }

    /// The items' time boxes must add up to no more than the meeting's
    /// duration: an agenda that cannot be held in its slot is a mistake
    /// to fix before the invitation goes out (docs/workspace.md).
    fn time_boxes_fit(&mut self, meeting: &Meeting, items: &[Item], duration: Range<usize>) {
        let total: u64 = items.iter().filter_map(|i| i.minutes).map(u64::from).sum();
        let length = u64::from(meeting.duration_minutes);
        if total > length {
            self.error(
                duration,
                format!(
                    "the items' time boxes add up to {total} minutes, {} more than the meeting's {length}; lengthen `duration` or shorten the items' `minutes`",
                    total - length
                ),
            );
        }
    }

    fn instant(&mut self, value: &Spanned<Datetime>, key: &str) -> Option<DateTime<Utc>> {
        let text = value.get_ref().to_string();
        if value.get_ref().date.is_none() || value.get_ref().time.is_none() {
            self.error(
                value.span(),
                format!("`{key}` {text} must be a date and time with a UTC offset, e.g. `2027-03-10T14:00:00Z`"),
            );
            return None;
        }
        if value.get_ref().offset.is_none() {
            self.error(
                value.span(),
                format!("`{key}` {text} needs a UTC offset, e.g. `{text}Z` or `{text}+01:00`"),
            );
            return None;
        }
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                self.error(
                    value.span(),
                    format!("`{text}` is not a valid date and time"),
                )
            })
            .ok()
    }

    fn item(
        &mut self,
        i: ItemFile,
        body_rules: Option<&BTreeSet<String>>,
        refs: &References,
    ) -> Option<Item> {
        let id = self.id(&i.id, "item");
        let title = self.text(&i.title, "title");
        let kind = *i.kind.get_ref();
        let minutes = i
            .minutes
            .as_ref()
            .and_then(|n| self.positive(n, "minutes", false));
        let only_for = |key: &str, for_kind: ItemKind| {
            format!(
                "`{key}` applies only to {} items; this one is `{}`",
                for_kind.name(),
                kind.name()
            )
        };
        let rule = match (&i.rule, kind) {
            (Some(rule), k) if k.is_decision() => {
                if let Some(rules) = body_rules.filter(|rules| !rules.contains(rule.get_ref())) {
                    let name = rule.get_ref();
                    let message = self.remembered("rule", name, |judged| {
                        format!(
                            "unknown rule `{name}`{} for this body; its rules are {}",
                            suggestion(judged, name, rules),
                            listed(rules)
                        )
                    });
                    self.error(rule.span(), message);
                }
                Some(rule.get_ref().clone())
            }
            (None, k) if k.is_decision() => Some("default".to_owned()),
            (Some(rule), _) => {
                self.error(rule.span(), only_for("rule", ItemKind::Decision));
                None
            }
            (None, _) => None,
        };
        let ranking = if kind == ItemKind::Ranking {
            Some(self.ranking(&i, refs)?)
        } else {
            for (key, span) in [
                ("method", i.method.as_ref().map(Spanned::span)),
                ("options", i.options.as_ref().map(Spanned::span)),
                ("seats", i.seats.as_ref().map(Spanned::span)),
            ] {
                if let Some(span) = span {
                    self.error(span, only_for(key, ItemKind::Ranking));
                }
            }
            None
        };
        let approves = match (&i.approves, kind) {
            (Some(m), ItemKind::MinutesApproval) => Some(self.id(m, "meeting")?),
            (Some(m), _) => {
                self.error(m.span(), only_for("approves", ItemKind::MinutesApproval));
                None
            }
            (None, _) => None,
        };
        Some(Item {
            id: id?,
            title: title?,
            kind,
            approves,
            description: i.description,
            rule,
            minutes: if i.minutes.is_some() {
                Some(minutes?)
            } else {
                None
            },
            ranking,
        })
    }

    fn ranking(&mut self, i: &ItemFile, refs: &References) -> Option<Ranking> {
        let method = match &i.method {
            None => Some(Method::Schulze),
            Some(m) => Method::from_name(m.get_ref()).or_else(|| {
                let names: Vec<String> = Method::ALL.iter().map(|m| format!("`{m}`")).collect();
                let hint = did_you_mean(m.get_ref(), Method::ALL.iter().map(|m| m.name()));
                self.error(
                    m.span(),
                    format!(
                        "unknown ranking method `{}`{hint}, expected one of {}",
                        m.get_ref(),
                        names.join(", ")
                    ),
                );
                None
            }),
        };
        let Some(options) = &i.options else {
            self.error(
                i.kind.span(),
                "a ranking item needs `options`, a list of priority ids",
            );
            return None;
        };
        let mut ids: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for option in options.get_ref() {
            let name = option.get_ref();
            if refs.complete && !refs.priorities.contains(name) {
                let message = self.remembered("priority", name, |judged| {
                    format!(
                        "unknown priority `{name}`{}",
                        suggestion(judged, name, &refs.priorities)
                    )
                });
                self.error(option.span(), message);
            } else if !seen.insert(name) {
                self.error(option.span(), format!("option `{name}` is listed twice"));
            } else {
                ids.push(name.clone());
            }
        }
        if options.get_ref().len() < 2 {
            self.error(options.span(), "a ranking needs at least two options");
        }
        let seats = match &i.seats {
            None => Some(1),
            Some(n) => match self.positive(n, "seats", false) {
                Some(s) if s as usize > options.get_ref().len() => {
                    self.error(
                        n.span(),
                        match options.get_ref().len() {
                            1 => format!("`seats` is {s} but there is only 1 option"),
                            n => format!("`seats` is {s} but there are only {n} options"),
                        },
                    );
                    None
                }
                other => other,
            },
        };
        Some(Ranking {
            method: method?,
            options: ids,
            seats: seats?,
        })
    }
}

/// ` (did you mean `x`?)` for the first [`SHOWN_PER_FILE`] distinct wrong
/// names of a file (`judged` counts those before), which are all that is
/// printed: a file of thousands of wrong names is not searched thousands
/// of times.
fn suggestion<'a>(
    judged: usize,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a String>,
) -> String {
    if judged < SHOWN_PER_FILE {
        did_you_mean(wanted, candidates.into_iter().map(String::as_str))
    } else {
        String::new()
    }
}

/// Up to this many names, a message lists them all; a longer list is cut
/// so that one message per item cannot add up to the charter's length
/// times the agenda's.
const LISTED_NAMES: usize = 12;

/// `a`, `b`, `c`, or the first [`LISTED_NAMES`] and how many more.
fn listed(names: &BTreeSet<String>) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(LISTED_NAMES)
        .map(|r| format!("`{r}`"))
        .collect();
    if names.len() > LISTED_NAMES {
        shown.push(format!("and {} more", names.len() - LISTED_NAMES));
    }
    shown.join(", ")
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
