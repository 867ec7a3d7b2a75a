//! A period's report (`plenary report`, SPEC 6): each programme's metrics
//! for the periods within it, with targets, the change from the previous
//! period and the series so far; the decisions that set targets or
//! budgets; and how many held meetings each member attended. Figures are
//! shown as reported: nothing is summed across periods.

mod render;
mod trend;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use render::{html, json, markdown};
pub use trend::{MetricSeries, Trend, difference, series, signed, sparkline, trend};

use crate::agenda::ItemKind;
use crate::charter::{Metric, Period, Programme};
use crate::meeting::MeetingState;
use crate::schedule::held_from;
use crate::vote::decision::Attendance;
use crate::workspace::Workspace;

/// A whole report, as the three formats write it (JSON field for field).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The alliance's name.
    pub alliance: String,
    /// The period asked for, e.g. `2026`.
    pub period: String,
    /// The programmes with a report within the period, in charter order.
    pub programmes: Vec<ProgrammeReport>,
    /// Decisions that set targets or budgets, by meeting start then agenda order.
    pub decisions: Vec<Decision>,
    /// Each member's attendance of the period's held meetings, in charter order.
    pub participation: Vec<Participation>,
    /// Journals that could not be counted, one sentence each.
    pub problems: Vec<String>,
}

/// One programme's figures within the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeReport {
    /// Programme id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Its kind, as the charter names it.
    pub kind: String,
    /// One row per reported period within the report's period and metric.
    pub metrics: Vec<MetricRow>,
}

/// A metric in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricRow {
    /// The reporting period, e.g. `2026-H1`.
    pub period: String,
    /// The metric's name.
    pub metric: String,
    /// The reported value; none when only a target was agreed.
    pub value: Option<Number>,
    /// The agreed target, if any.
    pub target: Option<Number>,
    /// The value minus the previous period's in the same series, when both
    /// were reported, rounded to 9 decimal places.
    pub change: Option<f64>,
    /// The series up to this period: `(period, value)` of every earlier
    /// report of the same length with this metric, then this one.
    pub history: Vec<(String, f64)>,
}

/// A metric value as written: a whole number or a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Number {
    /// A count or an amount.
    Integer(i64),
    /// A share or a rate.
    Decimal(f64),
}

impl From<Metric> for Number {
    fn from(m: Metric) -> Self {
        match m {
            Metric::Integer(n) => Self::Integer(n),
            Metric::Decimal(x) => Self::Decimal(x),
        }
    }
}

impl From<Number> for Metric {
    fn from(n: Number) -> Self {
        match n {
            Number::Integer(n) => Self::Integer(n),
            Number::Decimal(x) => Self::Decimal(x),
        }
    }
}

/// An agenda item that set a period's targets or decided a budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Meeting id.
    pub meeting: String,
    /// Meeting title.
    pub meeting_title: String,
    /// The meeting's start date (UTC, `YYYY-MM-DD`), if scheduled.
    pub date: Option<String>,
    /// Item id.
    pub item: String,
    /// Item title.
    pub item_title: String,
    /// The motion recorded on the item, if the meeting was held.
    pub motion: Option<String>,
    /// `programme/period` of each report whose targets this item set.
    pub sets_targets_of: Vec<String>,
    /// Whether the item is decided under the `budget` rule.
    pub budget: bool,
}

/// A member's attendance of the held meetings of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// Member id.
    pub member: String,
    /// Full name.
    pub name: String,
    /// Held meetings of a body the member belonged to.
    pub held: usize,
    /// Of those, attended in person.
    pub attended: usize,
    /// Of those, represented by another member's proxy.
    pub by_proxy: usize,
}

/// The report on `period` (see docs/report.md for what it includes).
pub fn build(workspace: &Workspace, period: Period) -> Report {
    let charter = &workspace.charter;
    let programmes = charter
        .programmes
        .iter()
        .filter_map(|p| programme(p, period))
        .collect();
    // Journals are read once; held meetings are the library's own notion.
    let states = crate::schedule::meeting_states(workspace);
    let (held, problems) = held_from(
        states
            .iter()
            .map(|(a, s)| (*a, s.as_ref().map_err(String::as_str))),
    );
    let held: Vec<_> = held
        .into_iter()
        .filter(|h| period.contains_date(h.start.date_naive()))
        .collect();
    let state_of = |meeting: &str| -> Option<&MeetingState> {
        states
            .iter()
            .find(|(a, _)| a.meeting.id == meeting)
            .and_then(|(_, s)| s.as_ref().ok())
    };
    let participation = charter
        .members
        .iter()
        .filter_map(|member| {
            let mut row = Participation {
                member: member.id.clone(),
                name: member.name.clone(),
                held: 0,
                attended: 0,
                by_proxy: 0,
            };
            for h in held.iter().filter(|h| h.members.contains(&member.id)) {
                row.held += 1;
                match state_of(&h.meeting).and_then(|s| s.attendance.get(&member.id)) {
                    Some(Attendance::InPerson) => row.attended += 1,
                    Some(Attendance::Proxy { .. }) => row.by_proxy += 1,
                    None => {}
                }
            }
            (row.held > 0).then_some(row)
        })
        .collect();
    Report {
        alliance: charter.alliance.name.clone(),
        period: period.to_string(),
        programmes,
        decisions: decisions(workspace, period, &state_of),
        participation,
        problems,
    }
}

/// The programme's rows for the reports within `period`, if any.
fn programme(p: &Programme, period: Period) -> Option<ProgrammeReport> {
    let mut metrics = Vec::new();
    for report in p.reports.iter().filter(|r| period.contains(r.period)) {
        let names: BTreeSet<&String> = report.metrics.keys().chain(report.targets.keys()).collect();
        for name in names {
            let value = report.metrics.get(name).copied();
            let previous = p
                .reports
                .iter()
                .find(|r| r.period == report.period.previous())
                .and_then(|r| r.metrics.get(name));
            let change = match (value, previous) {
                (Some(now), Some(before)) => Some(difference(now, *before)),
                _ => None,
            };
            let history = p
                .series(report.period.length)
                .filter(|r| r.period <= report.period)
                .filter_map(|r| {
                    r.metrics
                        .get(name)
                        .map(|v| (r.period.to_string(), v.as_f64()))
                })
                .collect();
            metrics.push(MetricRow {
                period: report.period.to_string(),
                metric: name.clone(),
                value: value.map(Number::from),
                target: report.targets.get(name).copied().map(Number::from),
                change,
                history,
            });
        }
    }
    (!metrics.is_empty()).then(|| ProgrammeReport {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind.name().to_owned(),
        metrics,
    })
}

/// The items named by the `set_by` of a report within `period`, and the
/// `budget` decisions of meetings starting within it.
fn decisions<'s>(
    workspace: &Workspace,
    period: Period,
    state_of: &dyn Fn(&str) -> Option<&'s MeetingState>,
) -> Vec<Decision> {
    let mut setters: Vec<(&str, &str, String)> = Vec::new();
    for p in &workspace.charter.programmes {
        for r in p.reports.iter().filter(|r| period.contains(r.period)) {
            if let Some(s) = &r.set_by {
                setters.push((&s.meeting, &s.item, format!("{}/{}", p.id, r.period)));
            }
        }
    }
    let mut agendas: Vec<_> = workspace.agendas.iter().collect();
    agendas.sort_by_key(|a| (a.meeting.start, a.meeting.id.clone()));
    let mut out = Vec::new();
    for agenda in agendas {
        let in_period = agenda
            .meeting
            .start
            .is_some_and(|s| period.contains_date(s.date_naive()));
        for item in &agenda.items {
            let sets: Vec<String> = setters
                .iter()
                .filter(|(m, i, _)| *m == agenda.meeting.id && *i == item.id)
                .map(|(_, _, what)| what.clone())
                .collect();
            let budget = item.kind == ItemKind::Decision && item.rule.as_deref() == Some("budget");
            if sets.is_empty() && !(budget && in_period) {
                continue;
            }
            out.push(Decision {
                meeting: agenda.meeting.id.clone(),
                meeting_title: agenda.meeting.title.clone(),
                date: agenda
                    .meeting
                    .start
                    .map(|s| s.format("%Y-%m-%d").to_string()),
                item: item.id.clone(),
                item_title: item.title.clone(),
                motion: state_of(&agenda.meeting.id)
                    .and_then(|s| s.item(&item.id))
                    .and_then(|i| i.motion.clone()),
                sets_targets_of: sets,
                budget,
            });
        }
    }
    out
}
