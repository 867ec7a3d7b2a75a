//! `plenary schedule`: rank meeting times for a body (SPEC 2, 6), plan a
//! rotating series (and write its agendas), or show the burden ledger.
//! Parsing, loading and printing only; the work is done by
//! `plenary::schedule`.

mod json;
mod table;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, anyhow, bail};
use serde::Serialize;

use plenary::charter::{Body, Charter, Member, parse_zone};
use plenary::duration::parse_minutes;
use plenary::files::write_atomic;
use plenary::schedule::{
    Anchor, Bound, DEFAULT_TOLERANCE, Ledger, MAX_COUNT, MAX_TOP, Search, Series,
    agendas_from_template, held_meetings, parse_bound, plan_series, rank_slots,
};
use plenary::workspace::Workspace;

use super::Format;

const EXAMPLES: &str = "\
Examples:
  plenary schedule agendas/gcra --body steering --from 2027-03-08 --to 2027-03-19 --duration 90m
  plenary schedule agendas/gcra --body research-council --from 2027-01-04 --to 2027-12-31 \\
      --duration 1h --every 4w --count 12 --anchor Europe/Brussels --format json
  plenary schedule agendas/gcra --body steering --from 2027-04-01 --to 2027-12-31 --duration 90m \\
      --every 8w --count 4 --write-agendas agendas/gcra/2027-09-steering.toml
  plenary schedule agendas/gcra --ledger

DATE is a calendar date in the alliance's zone (--from at 00:00, --to up to the midnight that
ends it) or an RFC 3339 instant (2027-03-08T14:00:00Z), up to the end of 2099. DUR is like
90m, 1h30m, 4w. --top is at most 1000, --count at most 520.";

/// Arguments of `plenary schedule`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// The body that meets (with --ledger: only its meetings).
    #[arg(long, value_name = "ID", required_unless_present = "ledger")]
    body: Option<String>,
    /// First day (or instant) a meeting may start.
    #[arg(long, value_name = "DATE", required_unless_present = "ledger")]
    from: Option<String>,
    /// Last day (or instant) a meeting may end.
    #[arg(long, value_name = "DATE", required_unless_present = "ledger")]
    to: Option<String>,
    /// How long the meeting lasts.
    #[arg(long, value_name = "DUR", required_unless_present = "ledger")]
    duration: Option<String>,
    /// Step between candidate starts, aligned in UTC; must divide 24h.
    #[arg(long, value_name = "DUR", default_value = "15m")]
    step: String,
    /// How many ranked slots to show (at most 1000).
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u16).range(0..=MAX_TOP as i64))]
    top: u16,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Plan a series: one meeting per period of this length.
    #[arg(long, value_name = "DUR", requires = "count")]
    every: Option<String>,
    /// How many meetings the series has (1 to 520).
    #[arg(long, value_name = "N", requires = "every",
          value_parser = clap::value_parser!(u16).range(1..=MAX_COUNT as i64))]
    count: Option<u16>,
    /// Lay the series' periods out on this zone's wall clock instead of UTC.
    #[arg(long, value_name = "ZONE", requires = "every")]
    anchor: Option<String>,
    /// How many more members than its period's best slot a meeting of the
    /// series may leave outside hours (default 1).
    #[arg(long, value_name = "N", requires = "every")]
    tolerance: Option<u32>,
    /// Write one agenda per meeting of the series into the workspace, made
    /// from this template agenda; refuses to overwrite any file.
    #[arg(long, value_name = "TEMPLATE", requires = "every")]
    write_agendas: Option<PathBuf>,
    /// Show the burden ledger of the meetings held instead.
    #[arg(long, conflicts_with_all = ["every", "from", "to", "duration"])]
    ledger: bool,
}

/// Loads the workspace, ranks, plans or shows the ledger, prints.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace.clone());
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let charter = &ws.charter;
    let body = args
        .body
        .as_deref()
        .map(|id| find_body(charter, id))
        .transpose()?;
    let (held, problems) = held_meetings(&ws);
    for p in &problems {
        eprintln!("plenary: warning: {p}");
    }
    let ledger = Ledger::of(&charter.members, &held, body.map(|b| b.id.as_str()));
    if args.ledger {
        return print(&match args.format {
            Format::Json => to_json(&json::ledger(&ledger))?,
            Format::Table => table::ledger(charter, body, &ledger),
        });
    }
    let body = body.ok_or_else(|| anyhow!("--body is required"))?;
    let members: Vec<&Member> = charter.members_of(body).collect();
    let zone = charter.alliance.timezone;
    let required =
        |o: &Option<String>, flag: &str| o.clone().ok_or_else(|| anyhow!("{flag} is required"));
    let from =
        parse_bound(&required(&args.from, "--from")?, zone, Bound::From).context("--from")?;
    let to = parse_bound(&required(&args.to, "--to")?, zone, Bound::To).context("--to")?;
    let duration_minutes = minutes("--duration", &required(&args.duration, "--duration")?)?;
    let step_minutes = minutes("--step", &args.step)?;
    let head = json::Head {
        body: body.id.clone(),
        duration_minutes,
        step_minutes,
    };
    let text = match (&args.every, args.count) {
        (Some(every), Some(count)) => {
            let anchor = match &args.anchor {
                Some(name) => Anchor::Zone(parse_zone(name).map_err(|e| anyhow!("--anchor: {e}"))?),
                None => Anchor::Utc,
            };
            let series = Series {
                from,
                to,
                duration_minutes,
                step_minutes,
                every_minutes: minutes("--every", every)?,
                count: usize::from(count),
                anchor,
                tolerance: args.tolerance.unwrap_or(DEFAULT_TOLERANCE),
            };
            let plan = plan_series(&members, &series, &ledger)?;
            let written = match &args.write_agendas {
                Some(template) => write_agendas(&ws, body, template, &plan)?,
                None => Vec::new(),
            };
            match args.format {
                Format::Json => to_json(&json::series(head, &series, &plan, &written))?,
                Format::Table => table::series(charter, &body.name, &series, &plan, &written),
            }
        }
        (None, None) => {
            let search = Search {
                from,
                to,
                duration_minutes,
                step_minutes,
            };
            let ranking = rank_slots(&members, &search, usize::from(args.top))?;
            match args.format {
                Format::Json => to_json(&json::ranking(head, &ranking))?,
                Format::Table => table::ranking(charter, &body.name, &search, &ranking),
            }
        }
        _ => bail!("--every and --count go together"),
    };
    print(&text)
}

fn find_body<'a>(charter: &'a Charter, id: &str) -> anyhow::Result<&'a Body> {
    charter.body(id).ok_or_else(|| {
        let known: Vec<&str> = charter.bodies.iter().map(|b| b.id.as_str()).collect();
        anyhow!("unknown body `{id}`; known bodies: {}", known.join(", "))
    })
}

fn minutes(flag: &str, text: &str) -> anyhow::Result<u32> {
    parse_minutes(text).map_err(|e| anyhow!("{flag}: {e}"))
}

/// Writes one agenda per occurrence next to the charter, or none at all
/// when any of the files exists already. Returns the paths written.
fn write_agendas(
    ws: &Workspace,
    body: &Body,
    template: &Path,
    plan: &plenary::schedule::SeriesPlan,
) -> anyhow::Result<Vec<PathBuf>> {
    let text = plenary::files::read_source(template)
        .map_err(|d| anyhow!("--write-agendas: {}", d.headline()))?
        .text;
    let agendas = agendas_from_template(
        &text,
        &body.id,
        &body.name,
        ws.charter.alliance.timezone,
        &plan.occurrences,
    )
    .map_err(|e| anyhow!("--write-agendas {}: {e}", template.display()))?;
    let paths: Vec<PathBuf> = agendas
        .iter()
        .map(|a| ws.root.join(format!("{}.toml", a.id)))
        .collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        bail!(
            "--write-agendas: {} exists already; nothing was written (move it away or choose \
             another range)",
            existing.display()
        );
    }
    for (agenda, path) in agendas.iter().zip(&paths) {
        write_atomic(path, &agenda.text, false).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    }
    Ok(paths)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> anyhow::Result<ExitCode> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn to_json(value: &impl Serialize) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}
