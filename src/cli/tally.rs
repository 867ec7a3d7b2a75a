//! `plenary tally FILE`: tally a standalone ballot file (SPEC 3.2, 6).
//! Reading and checking the file is `plenary::ballots`', counting is
//! `plenary::vote::ranked`'s; this module prints.

mod table;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use plenary::files::{Diagnostic, thousands, write_report};
use plenary::vote::ranked::tally_box;

use super::Format;

const EXAMPLES: &str = "\
Examples:
  plenary tally agendas/ballots/priorities-2027.toml
  plenary tally agendas/ballots/irv-example.toml --format json

A ballot file names the method, the options and the ballots:

  method = \"schulze\"          # plurality approval borda irv schulze copeland score
  options = [\"a\", \"b\", \"c\"]
  seats = 1                   # optional

  [[ballots]]
  voter = \"uct\"               # optional
  weight = 2                  # optional, default 1
  ranking = [\"b\", \"a\"]        # or approve = [\"a\"], or scores = { a = 7, b = 3 }

Or, instead of the [[ballots]] tables, a CSV file beside it, one ballot a row:

  ballots_csv = \"votes.csv\"    # header: voter,weight,1,2,3 (ranks; both first optional)

Any invalid ballot is reported with its line and nothing is tallied (exit 1).
See docs/tally.md for every method and its tie-breaks.";

/// Arguments of `plenary tally`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The ballot file (TOML), holding the ballots or naming a CSV file of them.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Reads, checks and tallies the file; prints the result, or every problem.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let counted = match plenary::ballots::read_ballots(&args.file) {
        Ok(counted) => counted,
        Err(diagnostics) => return Ok(report(&args.file, &diagnostics)),
    };
    let result = match tally_box(&counted.ballots, counted.seats) {
        Ok(result) => result,
        // The file was checked against everything the tally rejects, so
        // this is a safety net: still a problem with the file, not a crash.
        Err(e) => {
            let d = Diagnostic::whole_file(&args.file, e.to_string());
            return Ok(report(&args.file, &[d]));
        }
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&result)? + "\n",
        Format::Table => table::render(&result),
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Prints the problems (each file's first [`plenary::files::SHOWN_PER_FILE`])
/// and a closing count to stderr; exit code 1.
fn report(file: &std::path::Path, diagnostics: &[Diagnostic]) -> ExitCode {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let n = diagnostics.len();
    // The problems may be in the CSV file the ballot file names.
    let mut files: Vec<&std::path::Path> = Vec::new();
    for d in diagnostics {
        if !files.contains(&d.path.as_path()) {
            files.push(&d.path);
        }
    }
    if files.is_empty() {
        files.push(file);
    }
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    // Nothing useful can be done when stderr is closed; the exit code stays.
    let _ = write_report(&mut err, diagnostics).and_then(|()| {
        writeln!(
            err,
            "{} problem{} in {}; nothing was tallied",
            thousands(n),
            if n == 1 { "" } else { "s" },
            files.join(" and ")
        )?;
        err.flush()
    });
    ExitCode::from(1)
}
