//! `plenary invite [WORKSPACE] MEETING`: the meeting as an iCalendar file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use plenary::export::invitation_with_host_key;
use plenary::files::write_atomic;
use plenary::meeting::Meeting;

use super::workspace_arg::MeetingArgs;

/// Arguments of `plenary invite`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    meeting: MeetingArgs,
    /// Where to write (default: `minutes/<meeting-id>.ics` in the workspace; `-` for stdout).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

/// Writes the invitation and says where it went.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, meeting) = args.meeting.split()?;
    let meeting = meeting.as_str();
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, meeting)?;
    if let Some(refusal) = Meeting::new(&ws, agenda)?.stage()?.refusal(meeting) {
        eprintln!("plenary: {refusal}; no invitation was written");
        return Ok(ExitCode::from(1));
    }
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    let host_key = plenary::ssh::host_key::existing_fingerprint(&root);
    let ics = invitation_with_host_key(&ws.charter, agenda, clock.now(), host_key.as_deref())?;
    let path = args
        .output
        .unwrap_or_else(|| root.join("minutes").join(format!("{meeting}.ics")));
    if path.as_os_str() == "-" {
        super::print_stdout(&ics)?;
        return Ok(ExitCode::SUCCESS);
    }
    write_atomic(&path, &ics, args.force).context("the invitation was not written")?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}
