//! `plenary completions SHELL`: a completion script for the shell, made by
//! clap_complete from the same definitions clap parses with, so it can
//! never offer a flag plenary does not take.

use std::process::ExitCode;

use clap::CommandFactory as _;

/// Arguments of `plenary completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the script on stdout.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = super::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "plenary", &mut script);
    super::print_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
