//! The report as Markdown, as one self-contained HTML page (tables and an
//! inline SVG bar chart per metric, no external assets) and as JSON.

use std::fmt::Write;

use super::{MetricRow, Number, Report};
use crate::export::minutes::escape::inline;

/// The report as JSON: the [`Report`] model, field for field.
pub fn json(report: &Report) -> String {
    // The model holds only strings, numbers and lists: it always serializes.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// A value as the report prints it: integers with thousands separators.
pub fn number(n: Number) -> String {
    match n {
        Number::Integer(i) => {
            let digits =
                crate::files::thousands(usize::try_from(i.unsigned_abs()).unwrap_or(usize::MAX));
            if i < 0 { format!("-{digits}") } else { digits }
        }
        Number::Decimal(x) => x.to_string(),
    }
}

/// A change with its sign; `—` when there is none.
fn change(row: &MetricRow) -> String {
    row.change.map_or_else(|| "—".to_owned(), super::signed)
}

fn sparkline(history: &[(String, f64)]) -> String {
    let values: Vec<f64> = history.iter().map(|h| h.1).collect();
    super::sparkline(&values)
}

/// The range a bar chart spans: from zero (or the lowest negative value) to
/// the highest value.
fn bounds(history: &[(String, f64)]) -> (f64, f64) {
    let low = history.iter().map(|h| h.1).fold(f64::INFINITY, f64::min);
    let high = history
        .iter()
        .map(|h| h.1)
        .fold(f64::NEG_INFINITY, f64::max);
    // Bars start from zero unless a value is negative, so heights compare.
    (low.min(0.0), high)
}

fn target(row: &MetricRow) -> String {
    row.target.map_or_else(|| "—".to_owned(), number)
}

fn value(row: &MetricRow) -> String {
    row.value.map_or_else(|| "—".to_owned(), number)
}

/// The report as Markdown: a heading per kind of programme and per
/// programme, pipe tables, and a text sparkline for each metric's series.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} report {}\n",
        inline(&report.alliance),
        report.period
    );
    let _ = writeln!(
        out,
        "Figures as reported for {} and every half and quarter within it; periods are never added up.\n",
        report.period
    );
    let _ = writeln!(out, "## Programmes\n");
    if report.programmes.is_empty() {
        let _ = writeln!(
            out,
            "No programme reports a period within {}.\n",
            report.period
        );
    }
    let mut kinds: Vec<&str> = report.programmes.iter().map(|p| p.kind.as_str()).collect();
    kinds.dedup();
    let mut seen = std::collections::BTreeSet::new();
    for kind in kinds.into_iter().filter(|k| seen.insert(*k)) {
        let _ = writeln!(out, "### Kind: {kind}\n");
        for p in report.programmes.iter().filter(|p| p.kind == kind) {
            let _ = writeln!(out, "#### {} (`{}`)\n", inline(&p.name), p.id);
            let _ = writeln!(
                out,
                "| Period | Metric | Value | Target | Change | Series |"
            );
            let _ = writeln!(out, "|---|---|--:|--:|--:|---|");
            for row in &p.metrics {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    row.period,
                    inline(&row.metric.replace('_', " ")),
                    value(row),
                    target(row),
                    change(row),
                    sparkline(&row.history),
                );
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## Decisions on targets and budgets\n");
    if report.decisions.is_empty() {
        let _ = writeln!(out, "None recorded for {}.\n", report.period);
    }
    for d in &report.decisions {
        let _ = writeln!(out, "- {}", decision_line(d, &inline));
    }
    if !report.decisions.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "## Participation\n");
    if report.participation.is_empty() {
        let _ = writeln!(
            out,
            "No meeting held in {}, by the journals.\n",
            report.period
        );
    } else {
        let _ = writeln!(out, "| Member | Attended | By proxy | Held |");
        let _ = writeln!(out, "|---|--:|--:|--:|");
        for p in &report.participation {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} |",
                inline(&p.name),
                p.member,
                p.attended,
                p.by_proxy,
                p.held
            );
        }
        out.push('\n');
    }
    for problem in &report.problems {
        let _ = writeln!(out, "Not counted: {}\n", inline(problem));
    }
    out
}

/// One decision as a sentence; `text` escapes user-written words.
fn decision_line(d: &super::Decision, text: &dyn Fn(&str) -> String) -> String {
    let mut line = format!(
        "`{}/{}`: {}, {}{}",
        d.meeting,
        d.item,
        text(&d.item_title),
        text(&d.meeting_title),
        d.date
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    );
    if !d.sets_targets_of.is_empty() {
        let _ = write!(
            line,
            "; sets the targets of {}",
            d.sets_targets_of.join(", ")
        );
    }
    if d.budget {
        line.push_str("; a budget decision");
    }
    if let Some(motion) = &d.motion {
        let _ = write!(line, "; motion: {}", text(motion));
    }
    line
}

/// Text for an HTML element or attribute.
fn escape(text: &str) -> String {
    crate::export::minutes::escape_html(&crate::text::escape_control(text))
}

/// One metric's series as an inline SVG bar chart, the last bar (this
/// period) solid and the target, if any, a dashed line. The values are
/// also in the table: the chart only shows their shape.
fn svg(row: &MetricRow) -> String {
    const W: f64 = 120.0;
    const H: f64 = 32.0;
    let n = row.history.len().max(1) as f64;
    let (low, mut high) = bounds(&row.history);
    if let Some(t) = row.target {
        high = high.max(super::Metric::from(t).as_f64());
    }
    let span = if high > low { high - low } else { 1.0 };
    let y = |v: f64| H - (v - low) / span * H;
    let step = W / n;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!(
            "{} over {} periods",
            row.metric,
            row.history.len()
        ))
    );
    let last = row.history.len().saturating_sub(1);
    for (i, (period, v)) in row.history.iter().enumerate() {
        let top = y(*v);
        let opacity = if i == last { "1" } else { "0.45" };
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#1f5f8b\" fill-opacity=\"{opacity}\"><title>{}: {v}</title></rect>",
            i as f64 * step + 1.0,
            (step - 2.0).max(1.0),
            (H - top).max(0.5),
            escape(period)
        );
    }
    if let Some(t) = row.target {
        let ty = y(super::Metric::from(t).as_f64());
        let _ = write!(
            out,
            "<line x1=\"0\" y1=\"{ty:.1}\" x2=\"{W}\" y2=\"{ty:.1}\" stroke=\"#b03a2e\" stroke-dasharray=\"3 2\"><title>target {}</title></line>",
            escape(&number(t))
        );
    }
    out.push_str("</svg>");
    out
}

/// The report as one printable, self-contained HTML page.
pub fn html(report: &Report) -> String {
    let mut body = String::new();
    let title = format!("{} report {}", report.alliance, report.period);
    let _ = writeln!(body, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        body,
        "<p>Figures as reported for {} and every half and quarter within it; periods are never added up.</p>",
        escape(&report.period)
    );
    let _ = writeln!(body, "<h2>Programmes</h2>");
    let mut seen = std::collections::BTreeSet::new();
    for p in &report.programmes {
        if seen.insert(p.kind.as_str()) {
            let _ = writeln!(body, "<h3>Kind: {}</h3>", escape(&p.kind));
            for p in report.programmes.iter().filter(|q| q.kind == p.kind) {
                let _ = writeln!(
                    body,
                    "<section id=\"programme-{}\">\n<h4>{} (<code>{}</code>)</h4>",
                    escape(&p.id),
                    escape(&p.name),
                    escape(&p.id)
                );
                let _ = writeln!(
                    body,
                    "<table>\n<thead><tr><th>Period</th><th>Metric</th><th>Value</th><th>Target</th><th>Change</th><th>Series</th></tr></thead>\n<tbody>"
                );
                for row in &p.metrics {
                    let _ = writeln!(
                        body,
                        "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                        escape(&row.period),
                        escape(&row.metric.replace('_', " ")),
                        escape(&value(row)),
                        escape(&target(row)),
                        escape(&change(row)),
                        svg(row)
                    );
                }
                let _ = writeln!(body, "</tbody>\n</table>\n</section>");
            }
        }
    }
    let _ = writeln!(body, "<h2>Decisions on targets and budgets</h2>");
    if report.decisions.is_empty() {
        let _ = writeln!(body, "<p>None recorded for {}.</p>", escape(&report.period));
    } else {
        let _ = writeln!(body, "<ul>");
        for d in &report.decisions {
            let _ = writeln!(
                body,
                "<li id=\"{}\">{}</li>",
                escape(&format!("{}/{}", d.meeting, d.item)),
                decision_line(d, &escape).replace(
                    &format!("`{}/{}`", d.meeting, d.item),
                    &format!(
                        "<code>{}</code>",
                        escape(&format!("{}/{}", d.meeting, d.item))
                    )
                )
            );
        }
        let _ = writeln!(body, "</ul>");
    }
    let _ = writeln!(body, "<h2>Participation</h2>");
    if report.participation.is_empty() {
        let _ = writeln!(
            body,
            "<p>No meeting held in {}, by the journals.</p>",
            escape(&report.period)
        );
    } else {
        let _ = writeln!(
            body,
            "<table>\n<thead><tr><th>Member</th><th>Attended</th><th>By proxy</th><th>Held</th></tr></thead>\n<tbody>"
        );
        for p in &report.participation {
            let _ = writeln!(
                body,
                "<tr><td>{} (<code>{}</code>)</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(&p.name),
                escape(&p.member),
                p.attended,
                p.by_proxy,
                p.held
            );
        }
        let _ = writeln!(body, "</tbody>\n</table>");
    }
    for problem in &report.problems {
        let _ = writeln!(body, "<p>Not counted: {}</p>", escape(problem));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plenary\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&title)
    )
}

/// Print-friendly and readable without colour: bars differ by shade and
/// the table carries every number.
const STYLE: &str = "body { font-family: sans-serif; max-width: 60em; margin: 2em auto; }\n\
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }\n\
th, td { border-bottom: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }\n\
td.n { text-align: right; font-variant-numeric: tabular-nums; }\n";
