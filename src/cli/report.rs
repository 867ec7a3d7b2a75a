//! `plenary report [WORKSPACE] --period P`: a period's programme metrics,
//! decisions on targets and budgets, and member participation, as Markdown,
//! HTML or JSON (SPEC 6, docs/report.md). Written like the minutes: to
//! `minutes/` by default, atomically, never over a file without `--force`.

use std::path::PathBuf;
use std::process::ExitCode;

use plenary::charter::Period;
use plenary::export::minutes::MinutesFormat;

use super::minutes::ExportArgs;

/// Arguments of `plenary report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// The period: a year `2026`, a half `2026-H1` or a quarter `2026-Q3`; includes every reported period within it.
    #[arg(long, value_name = "P", value_parser = Period::parse)]
    period: Period,
    #[command(flatten)]
    export: ExportArgs,
}

/// Writes the report and says where it went.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace);
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let report = plenary::report::build(&ws, args.period);
    for problem in &report.problems {
        eprintln!("plenary: warning: {problem}");
    }
    let text = match args.export.format() {
        MinutesFormat::Markdown => plenary::report::markdown(&report),
        MinutesFormat::Html => plenary::report::html(&report),
        MinutesFormat::Json => plenary::report::json(&report),
    };
    let stem = format!("report-{}", args.period);
    args.export.write(&root, &stem, &text, "the report was")
}
