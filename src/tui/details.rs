//! Everything about the dashboard's selected row, as lines of text.

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use super::dashboard::{DashboardState, Panel};
use super::format::{metric, offset, programme_kind_short, shown, voting};
use super::theme::Theme;
use crate::charter::{Body, CastingVote, Charter, Member, PeriodLength, Programme};
use crate::schedule::availability_at;
use crate::vote::decision::QuorumBasis;

/// The title and lines describing the selected row of the focused panel.
pub fn lines<'a>(
    state: &DashboardState,
    charter: &'a Charter,
    now: DateTime<Utc>,
    theme: &Theme,
) -> (String, Vec<Line<'a>>) {
    let at = state.selected(state.focus);
    match state.focus {
        Panel::Members => charter
            .members
            .get(at)
            .map_or_else(empty, |m| (shown(&m.name), member(m, charter, now, theme))),
        Panel::Bodies => charter
            .bodies
            .get(at)
            .map_or_else(empty, |b| (shown(&b.name), body(b, charter, theme))),
        Panel::Programmes => charter
            .programmes
            .get(at)
            .map_or_else(empty, |p| (shown(&p.name), programme(p, charter, theme))),
    }
}

fn empty<'a>() -> (String, Vec<Line<'a>>) {
    ("Nothing selected".to_owned(), Vec::new())
}

fn field<'a>(name: &'a str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<12}"), theme.header),
        Span::raw(value),
    ])
}

fn member<'a>(
    m: &'a Member,
    charter: &'a Charter,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let local = now.with_timezone(&m.timezone);
    let bodies: Vec<&str> = charter
        .bodies
        .iter()
        .filter(|b| b.members.contains(&m.id))
        .map(|b| b.name.as_str())
        .collect();
    let blackout: Vec<String> = m.blackout.iter().map(|d| d.to_string()).collect();
    let mut lines = vec![
        field("Id", m.id.clone(), theme),
        field("Kind", format!("{} in {}", m.kind.name(), m.country), theme),
        field(
            "Status",
            format!("{} (vote: {})", m.status.name(), voting(m)),
            theme,
        ),
        field(
            "Time zone",
            format!("{} (UTC{})", m.timezone.name(), offset(&local)),
            theme,
        ),
        field(
            "Local now",
            format!(
                "{} · {}",
                local.format("%a %e %b %Y %H:%M %Z"),
                availability_at(m, now).label()
            ),
            theme,
        ),
        field(
            "Hours",
            format!("{} on {}", m.working_hours, m.working_days),
            theme,
        ),
        field(
            "Blackout",
            if blackout.is_empty() {
                "none".to_owned()
            } else {
                blackout.join(", ")
            },
            theme,
        ),
        field("Bodies", bodies.join(", "), theme),
        Line::from(Span::styled("Delegates", theme.header)),
    ];
    lines.extend(m.delegates.iter().map(|d| {
        let role = format!("{:?}", d.role).to_lowercase();
        let email = d
            .email
            .as_deref()
            .map(|e| format!(" <{e}>"))
            .unwrap_or_default();
        let ssh = if d.ssh_key.is_some() { " · ssh" } else { "" };
        Line::from(format!("  {} ({role}){email}{ssh}", shown(&d.name)))
    }));
    lines
}

fn body<'a>(b: &'a Body, charter: &'a Charter, theme: &Theme) -> Vec<Line<'a>> {
    let chair = charter
        .member(&b.chair)
        .map_or(b.chair.as_str(), |m| m.name.as_str());
    let basis = match b.quorum_basis {
        QuorumBasis::Weight => "of the voting weight",
        QuorumBasis::Members => "of the voting members",
    };
    let casting = match b.casting_vote {
        CastingVote::Chair => "the chair breaks a tie",
        CastingVote::None => "a tie fails",
    };
    let mut lines = vec![
        field("Id", b.id.clone(), theme),
        field("Chair", chair.to_owned(), theme),
        field("Quorum", format!("{} {basis}", b.quorum), theme),
        field("Ties", casting.to_owned(), theme),
        field(
            "Proxies",
            format!("at most {} per present member", b.max_proxies),
            theme,
        ),
        Line::from(Span::styled("Rules", theme.header)),
    ];
    lines.extend(
        b.rules
            .iter()
            .map(|(k, r)| Line::from(format!("  {k:<20} {}", r.name()))),
    );
    lines.push(Line::from(Span::styled("Members", theme.header)));
    lines.extend(
        charter
            .members_of(b)
            .map(|m| Line::from(format!("  {:<40} vote {}", shown(&m.name), voting(m)))),
    );
    lines
}

fn programme<'a>(p: &'a Programme, charter: &'a Charter, theme: &Theme) -> Vec<Line<'a>> {
    let lead = charter
        .member(&p.lead)
        .map_or(p.lead.as_str(), |m| m.name.as_str());
    let mut lines = vec![
        field("Id", p.id.clone(), theme),
        field("Kind", programme_kind_short(p.kind).to_owned(), theme),
        field("Lead", lead.to_owned(), theme),
        Line::from(Span::styled("Metrics", theme.header)),
    ];
    lines.extend(
        p.metrics
            .iter()
            .map(|(k, v)| Line::from(format!("  {:<24} {:>14}", k.replace('_', " "), metric(*v)))),
    );
    for length in [
        PeriodLength::Year,
        PeriodLength::Half,
        PeriodLength::Quarter,
    ] {
        let series = crate::report::series(p, length);
        let Some(first) = series
            .iter()
            .flat_map(|s| s.values.first())
            .map(|v| v.0)
            .min()
        else {
            continue;
        };
        let last = series
            .iter()
            .flat_map(|s| s.values.last())
            .map(|v| v.0)
            .max();
        let span = match last {
            Some(last) if last != first => format!("{first}–{last}"),
            _ => first.to_string(),
        };
        lines.push(Line::from(Span::styled(
            format!("Reported {} {span}", length.plural()),
            theme.header,
        )));
        lines.extend(series.iter().map(series_line));
    }
    lines
}

/// `  publications  ▁▆█  41 of 45  +3`: the series as bars, the latest
/// value against its target and the change since the period before, all
/// in text so that nothing depends on colour.
fn series_line<'a>(s: &crate::report::MetricSeries) -> Line<'a> {
    let values: Vec<f64> = s.values.iter().map(|(_, v)| v.as_f64()).collect();
    let latest = s
        .values
        .last()
        .map_or_else(String::new, |(_, v)| metric(*v));
    let target = s
        .target
        .map_or_else(String::new, |t| format!("of {}", metric(t)));
    let change = s.change.map_or_else(String::new, crate::report::signed);
    Line::from(format!(
        "  {:<20} {:<6} {latest:>10} {target:<13} {change}",
        shown(&s.metric.replace('_', " ")),
        crate::report::sparkline(&values),
    ))
}
