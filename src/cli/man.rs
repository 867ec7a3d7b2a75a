//! `plenary man [COMMAND]`: the manual page (roff), made by clap_mangen
//! from the same definitions clap parses with.

use std::process::ExitCode;

use clap::CommandFactory as _;

/// Arguments of `plenary man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A command whose own page to print (`plenary-record(1)`); default:
    /// `plenary(1)`, which lists every command.
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// Prints the page on stdout.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = super::Cli::command();
    // Building names each subcommand `plenary-record` and so on (its
    // display name, which becomes the page's title, as git's pages are).
    command.build();
    let page = match args.command.as_deref() {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let known: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                return Err(super::Usage(format!(
                    "no command `{name}`; the commands are: {}",
                    known.join(", ")
                ))
                .into());
            };
            sub.clone()
        }
    };
    let mut roff = Vec::new();
    // Every page names plenary and its version as its source, the
    // subcommands' too (clap_mangen would give them theirs, unversioned).
    clap_mangen::Man::new(page)
        .source(format!("plenary {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    super::print_stdout(&String::from_utf8_lossy(&roff))?;
    Ok(ExitCode::SUCCESS)
}
