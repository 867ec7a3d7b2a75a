//! The `plenary` command: argument parsing and exit codes only; the work is
//! done by the library.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    cli::run(cli::Cli::parse())
}
