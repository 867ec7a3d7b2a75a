//! `plenary check [WORKSPACE]`: validate every file, report every problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plenary::workspace::{Workspace, WorkspaceError};

/// Arguments of `plenary check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder (default: `.`).
    workspace: Option<PathBuf>,
}

/// Prints a one-line summary, or every problem followed by a count.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::workspace_arg::or_current(args.workspace);
    match load(&root)? {
        Ok(ws) => {
            let c = &ws.charter;
            println!(
                "{}: {} ({}): {}, {}, {}: all valid",
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
        Err(WorkspaceError::Invalid(diagnostics)) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let files: std::collections::BTreeSet<_> =
                diagnostics.iter().map(|d| &d.path).collect();
            eprintln!(
                "{} problem{} in {} file{}",
                diagnostics.len(),
                plural(diagnostics.len()),
                files.len(),
                plural(files.len())
            );
            Ok(Err(ExitCode::from(1)))
        }
        Err(other) => Err(other.into()),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
