//! `plenary actions [WORKSPACE]`: the action register as a table, CSV,
//! JSON or iCalendar VTODOs, filtered by status, owner, body and overdue.
//! The text is made by `plenary::export`; this only picks and prints.

use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use plenary::actions::{self, ActionFilter, Register};
use plenary::export::{
    actions_calendar, actions_csv, actions_json, actions_table, actions_taskwarrior, awaiting_lines,
};
use plenary::files::write_atomic;
use plenary::meeting::MeetingState;
use plenary::workspace::Workspace;

/// Which statuses to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFilter {
    /// Still to be done.
    Open,
    /// Done.
    Done,
    /// Dropped.
    Dropped,
    /// Every status.
    All,
}

/// The forms of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// An aligned table for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of items.
    Json,
    /// iCalendar, one VTODO per item.
    Ics,
    /// JSON for `task import` (Taskwarrior).
    Taskwarrior,
}

/// Arguments of `plenary actions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// Which items by status.
    #[arg(long, value_enum, default_value_t = StatusFilter::Open)]
    status: StatusFilter,
    /// Only the items of this member (its id in the charter).
    #[arg(long, value_name = "MEMBER")]
    owner: Option<String>,
    /// Only the items agreed by this body (its id in the charter).
    #[arg(long, value_name = "ID")]
    body: Option<String>,
    /// Only open items past the end of their due day in the owner's zone.
    #[arg(long)]
    overdue: bool,
    /// The form of the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// Write to this file instead of stdout (atomically; `-` is stdout).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// The zone to show the deadlines between meetings in besides the
    /// alliance's (an IANA name; default: $TZ when it is one).
    #[arg(long, value_name = "ZONE")]
    zone: Option<String>,
}

/// Prints (or writes) the list.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace.clone());
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let filter = filter(&args, &ws)?;
    // The table lists what awaits between meetings too, from the same
    // replayed states: each journal is read once.
    let mut states = BTreeMap::new();
    let register = Register::load_seeing(&ws, |agenda, state| {
        states.insert(agenda.meeting.id.clone(), state);
    })?;
    let now = plenary::clock::from_env()
        .map_err(anyhow::Error::msg)?
        .now();
    let items = filter.select(register.items(), now);
    let text = match args.format {
        ListFormat::Table => {
            let mut text = actions_table(&items, now, Some(table_width()));
            if args.owner.is_none()
                && !args.overdue
                && matches!(args.status, StatusFilter::Open | StatusFilter::All)
            {
                text.push_str(&between_meetings(&args, &ws, &states, now)?);
            }
            text
        }
        ListFormat::Csv => actions_csv(&items, now)?,
        ListFormat::Json => actions_json(&items, now)?,
        ListFormat::Ics => actions_calendar(&items, &ws.charter, now),
        ListFormat::Taskwarrior => actions_taskwarrior(&items, &ws.charter)?,
    };
    match args.output {
        Some(path) if path.as_os_str() != "-" => {
            write_atomic(&path, &text, args.force).context("the action list was not written")?;
            println!("{}", path.display());
        }
        _ => print_all(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Open written procedures and minutes awaiting approval (of `--body`
/// only, when given), under the table: a blank line, then their lines.
fn between_meetings(
    args: &Args,
    ws: &Workspace,
    states: &BTreeMap<String, MeetingState>,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    let viewer = match &args.zone {
        Some(name) => Some(
            name.parse::<chrono_tz::Tz>()
                .map_err(|_| anyhow::anyhow!("--zone `{name}` is not an IANA time-zone name"))?,
        ),
        None => std::env::var("TZ").ok().and_then(|tz| tz.parse().ok()),
    };
    let awaiting = plenary::pending::awaiting(ws, |a| {
        let of_body = args.body.as_ref().is_none_or(|b| &a.meeting.body == b);
        states.get(&a.meeting.id).filter(|_| of_body)
    });
    let lines = awaiting_lines(&awaiting, now, ws.charter.alliance.timezone, viewer);
    Ok(if lines.is_empty() {
        lines
    } else {
        format!("\n{lines}")
    })
}

/// The width the table must fit (docs/actions.md): `COLUMNS` when it is a
/// positive number, else the terminal's width when stdout is one, else 80
/// (piped into a file or a pager, the table looks as in a standard
/// terminal, the same on every machine).
fn table_width() -> usize {
    const DEFAULT: usize = 80;
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return columns;
    }
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    DEFAULT
}

/// Writes the list to stdout; a reader that stops early (`| head`) is
/// not an error.
fn print_all(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// The filter the flags ask for; an owner or body the charter does not
/// know is an error rather than an empty list.
fn filter(args: &Args, ws: &Workspace) -> anyhow::Result<ActionFilter> {
    let charter = &ws.charter;
    if let Some(owner) = args.owner.as_deref()
        && charter.member(owner).is_none()
    {
        let known: Vec<&str> = charter.members.iter().map(|m| m.id.as_str()).collect();
        bail!(
            "--owner: no member `{owner}` in the charter; the members are: {}",
            known.join(", ")
        );
    }
    if let Some(body) = args.body.as_deref()
        && charter.body(body).is_none()
    {
        let known: Vec<&str> = charter.bodies.iter().map(|b| b.id.as_str()).collect();
        bail!(
            "--body: no body `{body}` in the charter; the bodies are: {}",
            known.join(", ")
        );
    }
    Ok(ActionFilter {
        status: match args.status {
            StatusFilter::Open => actions::StatusFilter::Open,
            StatusFilter::Done => actions::StatusFilter::Done,
            StatusFilter::Dropped => actions::StatusFilter::Dropped,
            StatusFilter::All => actions::StatusFilter::All,
        },
        owner: args.owner.clone(),
        body: args.body.clone(),
        overdue: args.overdue,
        sort: actions::SortKey::Due,
    })
}
