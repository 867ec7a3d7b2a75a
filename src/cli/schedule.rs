//! `plenary schedule`: rank meeting times for a body (SPEC 2, 6), or plan a
//! rotating series. Parsing, loading and printing only; the work is done by
//! `plenary::schedule`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, anyhow, bail};
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::Serialize;

use plenary::charter::{Charter, Member, parse_zone};
use plenary::duration::{format_minutes, parse_minutes};
use plenary::schedule::{
    Anchor, Bound, Burden, Occurrence, Participant, Search, Series, SeriesPlan, Slot, format_span,
    parse_bound, plan_series, rank_slots,
};
use plenary::text::escape_control;

use super::Format;

const EXAMPLES: &str = "\
Examples:
  plenary schedule agendas/gcra --body steering --from 2027-03-08 --to 2027-03-19 --duration 90m
  plenary schedule agendas/gcra --body research-council --from 2027-01-04 --to 2027-12-31 \\
      --duration 1h --every 4w --count 12 --anchor Europe/Brussels --format json

DATE is a calendar date in the alliance's zone (--from at 00:00, --to up to the midnight that
ends it) or an RFC 3339 instant (2027-03-08T14:00:00Z). DUR is like 90m, 1h30m, 4w.";

/// Arguments of `plenary schedule`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// The body that meets.
    #[arg(long, value_name = "ID")]
    body: String,
    /// First day (or instant) a meeting may start.
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Last day (or instant) a meeting may end.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// How long the meeting lasts.
    #[arg(long, value_name = "DUR")]
    duration: String,
    /// Step between candidate starts, aligned in UTC; must divide 24h.
    #[arg(long, value_name = "DUR", default_value = "15m")]
    step: String,
    /// How many ranked slots to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Plan a series: one meeting per period of this length.
    #[arg(long, value_name = "DUR", requires = "count")]
    every: Option<String>,
    /// How many meetings the series has.
    #[arg(long, value_name = "N", requires = "every")]
    count: Option<usize>,
    /// Lay the series' periods out on this zone's wall clock instead of UTC.
    #[arg(long, value_name = "ZONE", requires = "every")]
    anchor: Option<String>,
}

/// Loads the workspace, ranks or plans, prints.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace.clone());
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let charter = &ws.charter;
    let body = charter.body(&args.body).ok_or_else(|| {
        let known: Vec<&str> = charter.bodies.iter().map(|b| b.id.as_str()).collect();
        anyhow!(
            "unknown body `{}`; known bodies: {}",
            args.body,
            known.join(", ")
        )
    })?;
    let members: Vec<&Member> = charter.members_of(body).collect();
    let zone = charter.alliance.timezone;
    let from = parse_bound(&args.from, zone, Bound::From).context("--from")?;
    let to = parse_bound(&args.to, zone, Bound::To).context("--to")?;
    let duration_minutes = minutes("--duration", &args.duration)?;
    let step_minutes = minutes("--step", &args.step)?;
    let head = Head {
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
                count,
                anchor,
            };
            let plan = plan_series(&members, &series)?;
            match args.format {
                Format::Json => json(&series_json(head, &series, &plan))?,
                Format::Table => series_table(charter, &escape_control(&body.name), &series, &plan),
            }
        }
        (None, None) => {
            let search = Search {
                from,
                to,
                duration_minutes,
                step_minutes,
            };
            let slots = rank_slots(&members, &search, args.top)?;
            match args.format {
                Format::Json => json(&Ranking {
                    head,
                    slots: slots.iter().map(SlotJson::from).collect(),
                })?,
                Format::Table => {
                    ranking_table(charter, &escape_control(&body.name), &search, &slots)
                }
            }
        }
        _ => bail!("--every and --count go together"),
    };
    print(&text)
}

fn minutes(flag: &str, text: &str) -> anyhow::Result<u32> {
    parse_minutes(text).map_err(|e| anyhow!("{flag}: {e}"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> anyhow::Result<ExitCode> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn json(value: &impl Serialize) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

// ---- JSON (SPEC 6) ----

#[derive(Serialize)]
struct Head {
    body: String,
    duration_minutes: u32,
    step_minutes: u32,
}

#[derive(Serialize)]
struct Ranking {
    #[serde(flatten)]
    head: Head,
    slots: Vec<SlotJson>,
}

#[derive(Serialize)]
struct SlotJson {
    start: String,
    end: String,
    inside: usize,
    outside: usize,
    pain_minutes: u32,
    participants: Vec<ParticipantJson>,
}

#[derive(Serialize)]
struct ParticipantJson {
    member: String,
    timezone: &'static str,
    local_start: String,
    local_end: String,
    inside_hours: bool,
    pain_minutes: u32,
}

#[derive(Serialize)]
struct SeriesJson {
    #[serde(flatten)]
    head: Head,
    every_minutes: u32,
    count: usize,
    anchor: &'static str,
    max_outside: u32,
    total_pain_minutes: u64,
    slots: Vec<SlotJson>,
    series: Vec<OccurrenceJson>,
    burden: Vec<BurdenJson>,
}

#[derive(Serialize)]
struct OccurrenceJson {
    occurrence: usize,
    window_start: String,
    window_end: String,
    slot: SlotJson,
}

#[derive(Serialize)]
struct BurdenJson {
    member: String,
    timezone: &'static str,
    inside: u32,
    outside: u32,
    night: u32,
}

fn rfc3339<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl From<&Slot> for SlotJson {
    fn from(slot: &Slot) -> Self {
        Self {
            start: rfc3339(&slot.start),
            end: rfc3339(&slot.end),
            inside: slot.inside,
            outside: slot.outside,
            pain_minutes: slot.pain_minutes,
            participants: slot
                .participants
                .iter()
                .map(ParticipantJson::from)
                .collect(),
        }
    }
}

impl From<&Participant> for ParticipantJson {
    fn from(p: &Participant) -> Self {
        Self {
            member: p.member.clone(),
            timezone: p.timezone.name(),
            local_start: p.local_start.to_rfc3339_opts(SecondsFormat::Secs, false),
            local_end: p.local_end.to_rfc3339_opts(SecondsFormat::Secs, false),
            inside_hours: p.inside_hours,
            pain_minutes: p.pain_minutes,
        }
    }
}

fn series_json(head: Head, series: &Series, plan: &SeriesPlan) -> SeriesJson {
    SeriesJson {
        head,
        every_minutes: series.every_minutes,
        count: series.count,
        anchor: series.anchor.name(),
        max_outside: plan.max_outside,
        total_pain_minutes: plan.total_pain_minutes,
        slots: plan
            .occurrences
            .iter()
            .map(|o| SlotJson::from(&o.slot))
            .collect(),
        series: plan.occurrences.iter().map(OccurrenceJson::from).collect(),
        burden: plan.burden.iter().map(BurdenJson::from).collect(),
    }
}

impl From<&Occurrence> for OccurrenceJson {
    fn from(o: &Occurrence) -> Self {
        Self {
            occurrence: o.number,
            window_start: rfc3339(&o.window_start),
            window_end: rfc3339(&o.window_end),
            slot: SlotJson::from(&o.slot),
        }
    }
}

impl From<&Burden> for BurdenJson {
    fn from(b: &Burden) -> Self {
        Self {
            member: b.member.clone(),
            timezone: b.timezone.name(),
            inside: b.inside,
            outside: b.outside,
            night: b.night,
        }
    }
}

// ---- Tables (readable at 100 columns) ----

const LEGEND: &str =
    "Local times per member; * = outside working hours, with the minutes outside.\n";

fn ranking_table(charter: &Charter, body_name: &str, search: &Search, slots: &[Slot]) -> String {
    let mut out = String::new();
    let members = slots.first().map_or(0, |s| s.participants.len());
    let _ = writeln!(
        out,
        "{body_name}: {members} members, {} meetings, starts every {} (UTC-aligned)",
        format_minutes(search.duration_minutes),
        format_minutes(search.step_minutes)
    );
    let _ = writeln!(out, "{}", range_line(charter, search.from, search.to));
    let _ = writeln!(out, "{LEGEND}");
    let _ = writeln!(
        out,
        "  #  {:<28}   inside  outside  pain",
        "start - end (UTC)"
    );
    for (rank, slot) in slots.iter().enumerate() {
        slot_block(&mut out, &format!("{:>3}", rank + 1), slot);
    }
    if slots.is_empty() {
        out.push_str("(no slot asked for: --top 0)\n");
    }
    out
}

fn series_table(charter: &Charter, body_name: &str, series: &Series, plan: &SeriesPlan) -> String {
    let mut out = String::new();
    let members = plan.burden.len();
    let _ = writeln!(
        out,
        "{body_name}: {members} members, a series of {} meetings of {}, one every {}",
        series.count,
        format_minutes(series.duration_minutes),
        format_span(series.every_minutes)
    );
    let _ = writeln!(out, "{}", range_line(charter, series.from, series.to));
    let _ = writeln!(out, "{}", anchor_note(series));
    let _ = writeln!(out, "{LEGEND}");
    let _ = writeln!(
        out,
        "  #  {:<28}   inside  outside  pain",
        "start - end (UTC)"
    );
    for o in &plan.occurrences {
        slot_block(&mut out, &format!("{:>3}", o.number), &o.slot);
    }
    let _ = writeln!(
        out,
        "\nBurden over the series (night = any part between 22:00 and 06:00 local)"
    );
    let width = plan
        .burden
        .iter()
        .map(|b| b.member.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "  {:<width$}  {:<22} inside  outside  night",
        "member", "zone"
    );
    for b in &plan.burden {
        let _ = writeln!(
            out,
            "  {:<width$}  {:<22} {:>6}  {:>7}  {:>5}",
            b.member,
            b.timezone.name(),
            b.inside,
            b.outside,
            b.night
        );
    }
    let _ = writeln!(
        out,
        "\nMost out-of-hours meetings for one member: {}; total pain {} minutes.",
        plan.max_outside, plan.total_pain_minutes
    );
    out
}

fn range_line(charter: &Charter, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let zone = charter.alliance.timezone;
    format!(
        "Range: {} to {} {}\n       ({} to {})",
        from.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
        to.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
        zone.name(),
        rfc3339(&from),
        rfc3339(&to)
    )
}

fn anchor_note(series: &Series) -> String {
    let every = format_span(series.every_minutes);
    match series.anchor {
        Anchor::Utc => format!(
            "Periods of {every} are laid out in UTC: across a DST change they keep their UTC times,\n\
             so on the clocks of zones that change they start an hour earlier or later."
        ),
        Anchor::Zone(zone) => format!(
            "Periods of {every} repeat at the same wall-clock date and time in {}: across its DST\n\
             changes they keep their local times there and move by an hour in UTC.",
            zone.name()
        ),
    }
}

/// One line for the slot, then its participants two to a line.
fn slot_block(out: &mut String, label: &str, slot: &Slot) {
    let _ = writeln!(
        out,
        "{label}  {} - {}   {:>6}  {:>7}  {}",
        slot.start.format("%a %Y-%m-%d %H:%M"),
        slot.end.format("%H:%M"),
        slot.inside,
        slot.outside,
        format_minutes(slot.pain_minutes)
    );
    let width = slot
        .participants
        .iter()
        .map(|p| p.member.len())
        .max()
        .unwrap_or(0)
        .clamp(6, 12);
    let cells: Vec<String> = slot
        .participants
        .iter()
        .map(|p| participant_cell(p, width))
        .collect();
    for pair in cells.chunks(2) {
        let _ = writeln!(out, "     {}", pair.join("   ").trim_end());
    }
}

fn participant_cell(p: &Participant, width: usize) -> String {
    let id: String = p.member.chars().take(width).collect();
    let (mark, pain) = if p.inside_hours {
        (' ', String::new())
    } else {
        ('*', format_minutes(p.pain_minutes))
    };
    let days = (p.local_end.date_naive() - p.local_start.date_naive()).num_days();
    let next = if days > 0 {
        format!("+{days}")
    } else {
        String::new()
    };
    format!(
        "{mark}{id:<width$} {}-{}{next:<2} {} {pain:<5}",
        p.local_start.format("%a %H:%M"),
        p.local_end.format("%H:%M"),
        p.local_start.format("%:z"),
    )
}
