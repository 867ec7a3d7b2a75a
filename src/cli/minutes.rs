//! `plenary minutes [WORKSPACE] MEETING`: the minutes of a meeting, from its
//! journal, as Markdown, HTML or JSON (SPEC 5).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use plenary::approval::approved_minutes;
use plenary::export::minutes::{MinutesFormat, for_meeting, output_path};
use plenary::files::write_atomic;
use plenary::meeting::Journal;

use super::workspace_arg::MeetingArgs;

/// The file formats of the minutes, as `--format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Markdown with pipe tables.
    Md,
    /// One self-contained, printable HTML page.
    Html,
    /// JSON, as documented in docs/minutes.md.
    Json,
}

impl From<FormatArg> for MinutesFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Md => Self::Markdown,
            FormatArg::Html => Self::Html,
            FormatArg::Json => Self::Json,
        }
    }
}

/// Arguments of `plenary minutes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    meeting: MeetingArgs,
    #[command(flatten)]
    export: ExportArgs,
}

/// Where and how an export is written: `minutes` and `report` alike.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The file format.
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    format: FormatArg,
    /// Where to write (default: `minutes/<meeting-id or report-PERIOD>.<md|html|json>` in the workspace; `-` for stdout).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

impl ExportArgs {
    /// The format asked for.
    pub fn format(&self) -> MinutesFormat {
        self.format.into()
    }

    /// Writes `text` (made in [`ExportArgs::format`]) to `--output`, else
    /// to `minutes/<stem>.<ext>` in `root`, or to stdout for `-`;
    /// atomically, never over a file without `--force`; says where it went.
    pub fn write(
        &self,
        root: &std::path::Path,
        stem: &str,
        text: &str,
        what: &str,
    ) -> anyhow::Result<ExitCode> {
        let path = self
            .output
            .clone()
            .unwrap_or_else(|| output_path(root, stem, self.format()));
        if path.as_os_str() == "-" {
            super::print_stdout(text)?;
            return Ok(ExitCode::SUCCESS);
        }
        write_atomic(&path, text, self.force).with_context(|| format!("{what} not written"))?;
        println!("{}", path.display());
        Ok(ExitCode::SUCCESS)
    }
}

/// Writes the minutes and says where they went.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, meeting_id) = args.meeting.split()?;
    let meeting_id = meeting_id.as_str();
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, meeting_id)?;
    // Approved minutes are the files approved, never made again.
    if let Some(text) = approved_minutes(&ws, agenda, args.export.format())
        .context("the minutes were not written: the approved files cannot be trusted")?
    {
        return args
            .export
            .write(&root, meeting_id, &text, "the minutes were");
    }
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    let (minutes, torn) = for_meeting(&ws, agenda, clock.now())
        .context("the minutes were not written: the journal cannot be trusted")?;
    if let Some(torn) = torn {
        let lines = match torn.lines {
            1 => format!("line {}", torn.line),
            n => format!("lines {}-{}", torn.line, torn.line + n - 1),
        };
        eprintln!(
            "plenary: warning: {}:{}:1: not in the minutes: {lines}, beyond the commit point, never acknowledged (a crash while recording, or added by hand)",
            Journal::for_meeting(&root, meeting_id).path().display(),
            torn.line,
        );
    }
    let text = args.export.format().render(&minutes);
    args.export
        .write(&root, meeting_id, &text, "the minutes were")
}
