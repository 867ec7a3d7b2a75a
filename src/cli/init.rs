//! `plenary init [DIR] [--example]`: a new workspace, ready for `plenary
//! check`: a commented charter with one member and one body and an agenda
//! to copy (or, with `--example`, the bundled example alliance), the
//! `records/.gitattributes` the journals need and a `.gitignore` for the
//! server's `.plenary/` folder. It never overwrites anything.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use plenary::files::write_atomic;
use plenary::workspace::CHARTER_FILE;

/// Arguments of `plenary init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to make the workspace in (default: `.`; created if missing).
    dir: Option<PathBuf>,
    /// Write the bundled example alliance (14 members, three agendas) instead.
    #[arg(long)]
    example: bool,
}

// `records/.gitattributes` says what the journal writes when it creates
// `records/`.
use plenary::meeting::GITATTRIBUTES;

const GITIGNORE: &str = "# plenary keeps its own files here (the server's host key, the meetings'\n# checkpoints): never commit them.\n.plenary/\n";

/// The files of a new workspace, by path inside it. The templates and the
/// example are compiled in, so an installed binary needs no other files.
fn files(example: bool) -> Vec<(&'static str, &'static str)> {
    let mut files = if example {
        let mut files = vec![(CHARTER_FILE, plenary::example::CHARTER)];
        files.extend(plenary::example::AGENDAS);
        files
    } else {
        vec![
            (CHARTER_FILE, include_str!("init/charter.toml")),
            (
                "first-meeting.toml",
                include_str!("init/first-meeting.toml"),
            ),
        ]
    };
    files.push(("records/.gitattributes", GITATTRIBUTES));
    files.push((".gitignore", GITIGNORE));
    files
}

/// Writes the workspace, or refuses (exit 1, nothing written) when the
/// folder already holds one or any of the files.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = super::workspace_arg::or_current(args.dir);
    let files = files(args.example);
    if dir.join(CHARTER_FILE).symlink_metadata().is_ok() {
        eprintln!(
            "plenary: {} already holds a workspace ({CHARTER_FILE}); nothing was written",
            dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.symlink_metadata().is_ok())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        eprintln!(
            "plenary: {} already exists; nothing was written",
            existing.join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    for path in write_files(&dir, &files)? {
        println!("{}", path.display());
    }
    println!("{}", next_steps(&dir, args.example));
    Ok(ExitCode::SUCCESS)
}

/// Writes the bundled example alliance into `dir` (an empty folder).
pub fn write_example(dir: &Path) -> anyhow::Result<()> {
    write_files(dir, &files(true)).map(drop)
}

/// Writes `files` into `dir`, none over an existing file; their paths.
fn write_files(dir: &Path, files: &[(&str, &str)]) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        write_atomic(&path, text, false)
            .with_context(|| format!("the workspace in {} is incomplete", dir.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn next_steps(dir: &Path, example: bool) -> String {
    let shown = dir.display();
    if example {
        format!("The example alliance is in {shown}; open it with `plenary {shown}`.")
    } else {
        format!(
            "Next: edit {shown}/{CHARTER_FILE} (your alliance, members and bodies) and the agenda, then run `plenary check {shown}`."
        )
    }
}
