//! `plenary report` as a real process (SPEC 6, docs/report.md), on private
//! copies of the example alliance: Markdown headings parsed back with
//! pulldown-cmark, HTML parsed with an HTML5 parser and checked for
//! external assets and well-formed SVG, JSON read back into the model;
//! which periods `--period` includes; participation counted from a
//! journal recorded with `plenary record`; no overwrite without `--force`.

mod common;

use std::process::Command;

use common::Run;
use plenary::report::{Number, Report};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

const STEERING: &str = "2027-03-steering";

fn report(root: &std::path::Path, args: &[&str]) -> Run {
    Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("report")
            .arg(root)
            .args(args)
            .output()
            .unwrap(),
    )
}

#[track_caller]
fn stdout(root: &std::path::Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["-o", "-"]);
    let run = report(root, &all);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run.stdout
}

#[track_caller]
fn json(root: &std::path::Path, period: &str) -> Report {
    serde_json::from_str(&stdout(root, &["--period", period, "--format", "json"])).unwrap()
}

/// Every heading of a Markdown text: (level, text).
fn headings(markdown: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_has_a_heading_per_kind_programme_and_section() {
    let md = stdout(&common::example(), &["--period", "2026"]);
    let found = headings(&md);
    let h = |level, text: &str| (level, text.to_owned());
    for expected in [
        h(
            HeadingLevel::H1,
            "Global Climate Research Alliance report 2026",
        ),
        h(HeadingLevel::H2, "Programmes"),
        h(HeadingLevel::H3, "Kind: joint-research-centre"),
        h(
            HeadingLevel::H4,
            "Joint Centre for Water Security (joint-centre-water)",
        ),
        h(HeadingLevel::H3, "Kind: training"),
        h(HeadingLevel::H2, "Decisions on targets and budgets"),
        h(HeadingLevel::H2, "Participation"),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
    assert!(
        md.contains("| 2026 | publications | 38 | 35 | +7 | ▁█ |"),
        "{md}"
    );
}

#[test]
fn json_reads_back_into_the_model_and_writes_the_same() {
    let text = stdout(
        &common::example(),
        &["--period", "2027", "--format", "json"],
    );
    let report: Report = serde_json::from_str(&text).unwrap();
    assert_eq!(plenary::report::json(&report), text);
    let water = &report.programmes[0];
    assert_eq!(water.id, "joint-centre-water");
    let publications = water
        .metrics
        .iter()
        .find(|m| m.metric == "publications")
        .unwrap();
    assert_eq!(publications.value, Some(Number::Integer(41)));
    assert_eq!(publications.target, Some(Number::Integer(45)));
    assert_eq!(publications.change, Some(3.0));
    let periods: Vec<&str> = publications.history.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(periods, ["2025", "2026", "2027"]);
    // The decision that set the 2027 targets, linked by meeting and item.
    let budget = report
        .decisions
        .iter()
        .find(|d| d.meeting == STEERING && d.item == "budget-2027")
        .unwrap();
    assert!(
        budget
            .sets_targets_of
            .contains(&"joint-centre-water/2027".to_owned())
    );
}

#[test]
fn a_year_includes_its_halves_and_quarters_and_a_half_only_its_own() {
    let year = json(&common::example(), "2027");
    let exchange = |r: &Report| -> Vec<String> {
        let p = r
            .programmes
            .iter()
            .find(|p| p.id == "early-career-exchange")
            .unwrap();
        let mut periods: Vec<String> = p.metrics.iter().map(|m| m.period.clone()).collect();
        periods.dedup();
        periods
    };
    assert_eq!(exchange(&year), ["2027", "2027-H1", "2027-H2"]);
    let half = json(&common::example(), "2027-H1");
    assert_eq!(exchange(&half), ["2027-H1"]);
    // The half has no change: 2026-H2 was not reported.
    assert!(
        half.programmes[0]
            .metrics
            .iter()
            .all(|m| m.change.is_none())
    );
    let none = json(&common::example(), "2024");
    assert!(none.programmes.is_empty());
}

/// Whether every tag of `svg` is closed in order, attributes quoted.
fn well_formed(svg: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if !tag.matches('"').count().is_multiple_of(2) {
            return false;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name) {
                return false;
            }
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_owned());
        }
    }
    stack.is_empty()
}

#[test]
fn html_is_one_self_contained_page_with_well_formed_svg_charts() {
    let page = stdout(
        &common::example(),
        &["--period", "2027", "--format", "html"],
    );
    let doc = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    assert_eq!(doc.select(&select("h1")).count(), 1);
    assert_eq!(doc.select(&select("section")).count(), 7);
    for css in ["link", "script", "img", "iframe", "[src]", "[href]"] {
        assert_eq!(doc.select(&select(css)).count(), 0, "{css}");
    }
    // The only URL is the SVG namespace, which is a name, not a fetch.
    assert_eq!(
        page.matches("http").count(),
        page.matches("http://www.w3.org/2000/svg").count()
    );
    let svgs: Vec<&str> = page
        .split("<svg")
        .skip(1)
        .map(|s| &s[..s.find("</svg>").unwrap() + 6])
        .collect();
    let rows = doc.select(&select("section tbody tr")).count();
    assert_eq!(svgs.len(), rows);
    for svg in svgs {
        assert!(well_formed(&format!("<svg{svg}")), "{svg}");
    }
    let decision = doc
        .select(&select("li[id=\"2027-03-steering/budget-2027\"]"))
        .next()
        .unwrap();
    assert!(
        decision
            .text()
            .collect::<String>()
            .contains("Revised 2027 budget")
    );
}

#[test]
fn participation_is_counted_from_the_recorded_journal() {
    let dir = common::example_copy();
    let secretary = "Dr. Sophie Vandenberghe";
    common::record_as(
        dir.path(),
        STEERING,
        secretary,
        "present eth ceps uct iisc usp , proxy unsw eth",
    );
    let report = json(dir.path(), "2027");
    let row = |id: &str| {
        report
            .participation
            .iter()
            .find(|p| p.member == id)
            .cloned()
            .unwrap()
    };
    assert_eq!((row("eth").attended, row("eth").held), (1, 1));
    assert_eq!((row("unsw").by_proxy, row("unsw").attended), (1, 0));
    assert_eq!((row("columbia").attended, row("columbia").held), (0, 1));
    // Members of no held meeting's body are not listed; 2026 held none.
    assert!(report.participation.iter().all(|p| p.held == 1));
    assert!(json(dir.path(), "2026").participation.is_empty());
}

#[test]
fn the_file_goes_to_minutes_and_is_not_replaced_without_force() {
    let dir = common::example_copy();
    let first = report(dir.path(), &["--period", "2027"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let path = dir.path().join("minutes").join("report-2027.md");
    assert_eq!(first.stdout.trim(), path.display().to_string());
    std::fs::write(&path, "kept").unwrap();
    let again = report(dir.path(), &["--period", "2027"]);
    assert_eq!(again.code, Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    let forced = report(dir.path(), &["--period", "2027", "--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# "));
}

#[test]
fn a_malformed_period_is_a_usage_error() {
    let run = report(&common::example(), &["--period", "2026-Q5"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("period `2026-Q5` must be a year"),
        "{}",
        run.stderr
    );
}
