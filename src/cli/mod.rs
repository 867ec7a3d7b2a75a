//! Command-line front end: one module per subcommand, one place that turns
//! errors into messages and exit codes (SPEC 6: 0 ok, 1 invalid input,
//! 2 usage error).

mod action;
mod actions;
mod approval;
mod check;
mod completions;
mod init;
mod invite;
mod man;
mod minutes;
mod record;
mod record_written;
mod report;
mod schedule;
mod serve;
mod sign;
mod tally;
mod verify;
mod workspace_arg;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// How a command prints its result, for the commands that offer both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON for other programs (its fields: docs/scheduling.md, docs/tally.md).
    Json,
}

/// Governance meetings for global academic alliances, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "plenary",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  plenary                      open the dashboard on . (or the bundled example)\n  plenary path/to/alliance     open the dashboard on that workspace\n  plenary check path/to/alliance"
)]
pub struct Cli {
    /// Workspace folder (default: `.` when it has a charter.toml, else the bundled example).
    pub workspace: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Change one action item: done, drop, reopen, due, assign or note.
    #[command(
        override_usage = "plenary action [OPTIONS] [WORKSPACE] ID CHANGE...",
        after_help = "The first word is the workspace when it is a folder with a charter.toml; else the workspace is `.`.\n\nChanges (chain several with a lone `,` into one update):\n  done | drop | reopen          the new status\n  due YYYY-MM-DD                end of that day in the owner's zone\n  assign MEMBER[/DELEGATE]      a new owner (the named person is cleared unless given)\n  note TEXT...                  a remark on progress\n\nExamples:\n  plenary action agendas/gcra 2027-03-steering/1 done\n  plenary action agendas/gcra 2027-03-steering/2 due 2027-05-01 , note waiting for the auditors\n  plenary action agendas/gcra 2027-03-steering/3 assign eth/Dr. Anna Keller"
    )]
    Action(action::Args),
    /// List action items as a table, CSV, JSON, iCalendar to-dos or Taskwarrior tasks.
    #[command(
        after_help = "DUE is the end of that day in the owner's zone; every format also gives that instant in UTC.\n\nExamples:\n  plenary actions agendas/gcra\n  plenary actions agendas/gcra --status all --owner auckland\n  plenary actions agendas/gcra --body steering --overdue --format csv\n  plenary actions agendas/gcra --format ics -o minutes/actions.ics\n  plenary actions agendas/gcra --status all --format taskwarrior | task import"
    )]
    Actions(actions::Args),
    /// Approve a closed meeting's minutes: circulate, object, rule, correct, approve.
    #[command(
        override_usage = "plenary approval [OPTIONS] [WORKSPACE] MEETING STEP...",
        after_help = "The first word is the workspace when it is a folder with a charter.toml; else the workspace is `.`.\n\nSteps (one per command; see docs/approval.md):\n  circulate                    store the draft minutes under records/ and open the veto window\n  object ITEM MEMBER REASON... MEMBER objects to ITEM (an agenda item id, or `general`)\n  uphold N REASON...           the chair or secretary upholds objection N\n  dismiss N REASON...          ... or dismisses it\n  correct TEXT...              a correction, listed in the next draft's annex\n  approve                      the last draft stands approved: the window ended with no upheld\n                               objection, or a minutes-approval item passed at a later meeting\n\nThe window ends at the end of day `circulation + veto_days` ([bodies.minutes]) in the alliance's zone.\n\nExamples:\n  plenary approval agendas/gcra 2027-03-steering circulate\n  plenary approval agendas/gcra 2027-03-steering object budget-2027 uct The vote on the budget was 5-1, not 6-0\n  plenary approval agendas/gcra 2027-03-steering uphold 1 The roll call shows a vote against\n  plenary approval agendas/gcra 2027-03-steering approve"
    )]
    Approval(approval::Args),
    /// Validate every file of a workspace; exit 1 on any error.
    #[command(after_help = "Example:\n  plenary check agendas/gcra")]
    Check(check::Args),
    /// Print a completion script for bash, zsh, fish, elvish or PowerShell.
    #[command(
        after_help = "Examples:\n  source <(plenary completions bash)                       (bash, this shell only)\n  plenary completions bash > ~/.local/share/bash-completion/completions/plenary\n  plenary completions zsh > ~/.zfunc/_plenary                (with fpath+=~/.zfunc)\n  plenary completions fish > ~/.config/fish/completions/plenary.fish"
    )]
    Completions(completions::Args),
    /// Start a new workspace: a commented charter, an agenda, and the git files.
    #[command(
        after_help = "Refuses a folder that already holds a workspace (or any of the files); writes nothing then.\n\nExamples:\n  plenary init my-alliance && plenary check my-alliance\n  plenary init --example demo           (the bundled example alliance)"
    )]
    Init(init::Args),
    /// Write the meeting's invitation as an iCalendar (.ics) file.
    #[command(
        after_help = "Examples:\n  plenary invite agendas/gcra 2027-03-steering\n  plenary invite agendas/gcra 2027-03-steering -o - | less"
    )]
    Invite(invite::Args),
    /// Print the manual page (roff) of plenary or of one command.
    #[command(
        after_help = "Examples:\n  plenary man | man -l -\n  plenary man record | man -l -\n  plenary man > ~/.local/share/man/man1/plenary.1"
    )]
    Man(man::Args),
    /// Write the minutes of a meeting (Markdown, HTML or JSON) from its journal.
    #[command(
        after_help = "A meeting that is still open gives draft minutes, marked DRAFT.\n\nExamples:\n  plenary minutes agendas/gcra 2027-03-steering\n  plenary minutes agendas/gcra 2027-03-steering --format html -o minutes.html\n  plenary minutes agendas/gcra 2027-03-steering --format json -o - | jq .items"
    )]
    Minutes(minutes::Args),
    /// Record meeting events without the terminal interface.
    #[command(
        override_usage = "plenary record [OPTIONS] [WORKSPACE] MEETING EVENT...",
        after_help = "The first word is the workspace when it is a folder with a charter.toml; else the workspace is `.`.\n\nEvents (chain several with a lone `,`):\n  present MEMBER[/DELEGATE]...   attend in person (DELEGATE: who attends for it)\n  absent MEMBER...               not (or no longer) there\n  apologies MEMBER [DELEGATE...] absent with apologies\n  guest NAME [AFFILIATION...]    a guest (quote a NAME with spaces)\n  proxy MEMBER HOLDER            MEMBER is represented by HOLDER\n  open ITEM | close ITEM         agenda items, one at a time\n  motion ITEM TEXT...            the motion put on a decision item\n  vote ITEM MEMBER yes|no|abstain, or vote ITEM MEMBER=CHOICE...\n  change ITEM MEMBER CHOICE      replace a vote already cast\n  recuse ITEM MEMBER...          conflict of interest: no vote on ITEM\n  ballot ITEM MEMBER OPTION...   best first (approval: the approved; score: OPTION=SCORE...)\n  change-ballot ITEM MEMBER ...  replace a ballot already cast\n  note TEXT...                   on the open item, else on the meeting\n  action OWNER[/DELEGATE] DUE TEXT...   DUE: YYYY-MM-DD, end of that day in the owner's zone\n  withdraw ITEM [REASON...]      withdraw the motion on the open item\n  reopen ITEM REASON...          open again an item closed by mistake\n  void SEQ REASON...             a vote, ballot, recusal or note no longer counts\n  amend rule ITEM RULE           the meeting agrees another rule for ITEM\n  amend add ITEM KIND TITLE...   the meeting adds an item\n  close-meeting                  nothing can be recorded after it\n\nIn a written procedure (agenda `kind = \"written\"`, docs/written.md):\n  open-procedure                 start taking replies until the deadline\n  reply [ITEM] MEMBER CHOICE [--via TEXT]   final: yes|no|abstain|recuse, or a ranking's options;\n                                 --via: how a reply received otherwise came (required from the secretariat)\n  extend DEADLINE REASON...      a later deadline: YYYY-MM-DD (end of that day, alliance's zone) or RFC 3339\n  withdraw REASON...             withdraw the procedure: nothing is decided\n  close [REASON...]              fix the outcome: after the deadline, or once no reply can change it\n  void SEQ REASON...             a reply recorded in error no longer counts (before the deadline)\n\nExamples:\n  plenary record agendas/gcra 2027-03-steering present eth uct iisc , proxy unsw eth\n  plenary record agendas/gcra 2027-03-steering open budget , motion budget Approve the 2027 budget\n  plenary record agendas/gcra 2027-03-steering vote budget eth=yes uct=no iisc=abstain\n  plenary record agendas/gcra 2027-05-steering-seed-grants reply uct yes --via \"email 2027-05-03\""
    )]
    Record(record::Args),
    /// Write a period's report: programme metrics, target and budget decisions, participation.
    #[command(
        after_help = "`--period 2026` covers the year's own report and every half and quarter reported within it.\n\nExamples:\n  plenary report agendas/gcra --period 2026\n  plenary report agendas/gcra --period 2027-H1 --format html -o report.html\n  plenary report agendas/gcra --period 2026 --format json -o - | jq .programmes"
    )]
    Report(report::Args),
    /// Rank meeting times for a body across its members' zones, or plan a rotating series.
    Schedule(schedule::Args),
    /// Serve the meeting over SSH: each delegate logs in with the key the charter lists.
    #[command(
        after_help = "Only public keys listed as a delegate's `ssh_key` in charter.toml are let in; each person\ngets their own meeting interface and records as themselves. The host key is made on\nfirst start in WORKSPACE/.plenary/host_key (kept out of git); give members its fingerprint.\nCtrl-C or SIGTERM ends every session cleanly.\n\nExamples:\n  plenary serve agendas/gcra --meeting 2027-03-steering\n  plenary serve agendas/gcra --listen 0.0.0.0:2222\n  ssh -p 2222 -i agendas/gcra/demo-keys/vanwyk -o IdentitiesOnly=yes localhost   (a member joins)"
    )]
    Serve(serve::Args),
    /// Sign the approved minutes of a meeting with an SSH key, or add a signature made elsewhere.
    #[command(
        after_help = "The signature is over records/MEETING.statement, in the `ssh-keygen -Y sign -n plenary` format; it is\nverified and matched to a delegate's ssh_key before it is recorded. Without --key or --add the\nstatement is printed with its digest.\n\nExamples:\n  plenary sign agendas/gcra 2027-03-steering\n  plenary sign agendas/gcra 2027-03-steering --key ~/.ssh/id_ed25519\n  plenary sign agendas/gcra 2027-03-steering --add baumann.sig --as \"Prof. Lukas Baumann\""
    )]
    Sign(sign::Args),
    /// Tally a standalone ballot file with a ranked method.
    Tally(tally::Args),
    /// Show where a meeting's minutes stand and check every signature; exit 1 on any failure.
    #[command(
        after_help = "Each signature also verifies with OpenSSH:\n  ssh-keygen -Y verify -f records/MEETING.allowed_signers -I PRINCIPAL -n plenary -s SIGFILE < records/MEETING.statement\n\nExample:\n  plenary verify agendas/gcra 2027-03-steering"
    )]
    Verify(verify::Args),
}

/// A usage error found after parsing (exit 2, like clap's own).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// Runs the parsed command line and returns the process's exit code.
///
/// Output to a closed pipe (`plenary minutes ... -o - | head -1`) ends the
/// command quietly with exit 0: the reader has what it wanted, as with
/// `head` itself (docs/limits.md).
pub fn run(cli: Cli) -> ExitCode {
    // Every `println!` panics when stdout is a closed pipe; that one panic
    // is caught here and ends the command quietly. The hook chains to the
    // previous one for every other panic.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_closed_pipe_panic(info.payload()) {
            previous(info);
        }
    }));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(cli))) {
        Ok(code) => code,
        Err(payload) if is_closed_pipe_panic(payload.as_ref()) => ExitCode::SUCCESS,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

fn dispatch(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Action(args)) => action::run(args),
        Some(Command::Actions(args)) => actions::run(args),
        Some(Command::Approval(args)) => approval::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Init(args)) => init::run(args),
        Some(Command::Man(args)) => man::run(args),
        Some(Command::Invite(args)) => invite::run(args),
        Some(Command::Minutes(args)) => minutes::run(args),
        Some(Command::Record(args)) => record::run(args),
        Some(Command::Report(args)) => report::run(args),
        Some(Command::Schedule(args)) => schedule::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Sign(args)) => sign::run(args),
        Some(Command::Tally(args)) => tally::run(args),
        Some(Command::Verify(args)) => verify::run(args),
        None => open_tui(cli.workspace),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "plenary: {}", message(&e));
            if e.downcast_ref::<Usage>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// The error and its causes, `: `-separated, each said once: an error
/// that already shows its cause (`cannot write x: Permission denied`) is
/// not followed by that cause again.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The panic `print!` raises when its stream is a closed pipe.
fn is_closed_pipe_panic(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied());
    text.is_some_and(|t| {
        t.starts_with("failed printing to std")
            && (t.contains("Broken pipe") || t.contains("os error 32"))
    })
}

/// Writes `text` to stdout; a reader that stopped early (`| head`) ends
/// the command quietly (the error is recognised by [`run`]).
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush())
}

/// What the interface says when it opens the example compiled into the
/// binary.
const EXAMPLE_NOTICE: &str = "The bundled example, in a temporary folder removed when you quit: nothing is kept (plenary init DIR starts your own)";

/// `plenary [WORKSPACE]`: the terminal interface. A workspace with problems
/// is reported exactly as `plenary check` would, instead of opening.
fn open_tui(workspace: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    if let Some(path) = workspace.as_ref().filter(|p| !p.exists()) {
        // A mistyped subcommand lands here too, so this is a usage error.
        eprintln!(
            "plenary: `{}` is neither a folder nor a command; see `plenary --help`",
            path.display()
        );
        return Ok(ExitCode::from(2));
    }
    let opened = workspace_arg::for_interface(workspace)?;
    let (root, notice) = match &opened {
        workspace_arg::Opened::Folder(root) => (root.clone(), None),
        workspace_arg::Opened::Example(dir) => (dir.path().to_owned(), Some(EXAMPLE_NOTICE)),
    };
    let ws = match check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    plenary::tui::run(ws, clock, notice)
        .map_err(|e| anyhow::anyhow!("the terminal interface failed: {e}"))?;
    if notice.is_some() {
        eprintln!(
            "plenary: that was the bundled example in a temporary folder, now removed; `plenary init --example DIR` keeps a copy, `plenary init DIR` starts your own alliance"
        );
    }
    drop(opened);
    Ok(ExitCode::SUCCESS)
}

/// The agenda of `meeting`, or an error listing the meetings there are.
fn find_agenda<'a>(
    ws: &'a plenary::workspace::Workspace,
    meeting: &str,
) -> anyhow::Result<&'a plenary::agenda::Agenda> {
    ws.agenda(meeting).ok_or_else(|| {
        let known: Vec<&str> = ws.agendas.iter().map(|a| a.meeting.id.as_str()).collect();
        anyhow::anyhow!(
            "no meeting `{meeting}` in {}; the meetings are: {}",
            ws.root.display(),
            known.join(", ")
        )
    })
}
