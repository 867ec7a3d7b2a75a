//! `plenary check [WORKSPACE]`: validate every file, report every problem.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plenary::files::{Diagnostic, sort, thousands, write_report};
use plenary::review::{JournalReview, review_workspace};
use plenary::workspace::{Workspace, WorkspaceError};

/// Arguments of `plenary check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
    /// Treat an edit that touches a held meeting's frozen terms as an
    /// error (exit 1) instead of a note.
    #[arg(long)]
    strict: bool,
}

/// Prints a one-line summary, or every problem followed by a count.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace);
    match load(&root)? {
        Ok(ws) => {
            // Each journal is read once, for both.
            let (
                JournalReview {
                    problems: mut journal_problems,
                    mut notes,
                },
                mut drift,
            ) = review_workspace(&ws);
            // Notes (lines beyond a head, a crash's leftovers) do not fail
            // the check; they are printed first, problems after them.
            sort(&mut notes);
            for note in &notes {
                eprintln!("{note}");
            }
            if !journal_problems.is_empty() {
                sort(&mut journal_problems);
                return Ok(report(&journal_problems));
            }
            sort(&mut drift);
            if args.strict && !drift.is_empty() {
                return Ok(report(&drift));
            }
            for note in &drift {
                eprintln!("{note}");
            }
            let c = &ws.charter;
            let drift_notes = match drift.len() {
                0 => String::new(),
                n => format!(
                    " ({n} note{} above on meetings' frozen terms or signers' keys; --strict makes them errors)",
                    plural(n)
                ),
            };
            println!(
                "{}: {} ({}): {}, {}, {}: all valid{drift_notes}",
                root.display(),
                c.alliance.name,
                c.alliance.id,
                count(c.members.len(), "member", "members"),
                count(c.bodies.len(), "body", "bodies"),
                count(ws.agendas.len(), "agenda", "agendas")
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(code) => Ok(code),
    }
}

/// Loads a workspace; when its files have problems, prints them all to
/// stderr with a count and gives the exit code to return.
pub fn load(root: &Path) -> anyhow::Result<Result<Workspace, ExitCode>> {
    match Workspace::load(root) {
        Ok(ws) => Ok(Ok(ws)),
        Err(WorkspaceError::Invalid(diagnostics)) => Ok(Err(report(&diagnostics))),
        Err(other) => Err(other.into()),
    }
}

/// Prints every problem, then how many there are in how many files, and
/// returns the exit code for "invalid input".
/// Each file shows its first [`plenary::files::SHOWN_PER_FILE`] problems.
fn report(diagnostics: &[Diagnostic]) -> ExitCode {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let files: std::collections::BTreeSet<_> = diagnostics.iter().map(|d| &d.path).collect();
    // Nothing useful can be done when stderr is closed; the exit code stays.
    let _ = write_report(&mut err, diagnostics).and_then(|()| {
        writeln!(
            err,
            "{} problem{} in {} file{}",
            thousands(diagnostics.len()),
            plural(diagnostics.len()),
            files.len(),
            plural(files.len())
        )?;
        err.flush()
    });
    ExitCode::from(1)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
