//! `plenary approval [WORKSPACE] MEETING STEP...`: the approval of a closed
//! meeting's minutes, recorded in `records/<meeting>.approval.jsonl`
//! (docs/approval.md). One step per command:
//!
//! ```text
//! circulate                    store the draft minutes (Markdown, JSON) and open the veto window
//! object ITEM MEMBER REASON... MEMBER objects to ITEM (an agenda item id, or `general`)
//! uphold N REASON...           the chair or secretary upholds objection N
//! dismiss N REASON...          … or dismisses it
//! correct TEXT...              a correction, listed in the next draft's annex
//! approve                      the last draft stands approved (window over, or a minutes-approval vote)
//! ```
//!
//! The first step also writes the record's anchor: the meeting journal's
//! final line and hash. The command line acts for the secretariat; a
//! refused step writes nothing.

use std::process::ExitCode;

use anyhow::bail;
use plenary::approval::{Approval, Stage, Step};
use plenary::meeting::Actor;

/// Arguments of `plenary approval`.
#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct Args {
    /// Who is recording (default: $PLENARY_BY, else $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// The workspace folder (optional, default `.`), the meeting id, then one step listed below.
    #[arg(value_name = "WORDS", required = true, num_args = 1.., allow_hyphen_values = true)]
    words: Vec<std::ffi::OsString>,
}

const USAGE: &str = "steps are circulate, object ITEM MEMBER REASON..., uphold N REASON..., dismiss N REASON..., correct TEXT..., approve; see `plenary approval --help`";

/// Records the step, or explains why not (nothing written).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, rest) = super::workspace_arg::leading_workspace(&args.words)?;
    let Some((meeting_id, words)) = rest.split_first().filter(|(_, w)| !w.is_empty()) else {
        eprintln!(
            "plenary: name the meeting and a step, e.g. `plenary approval ws 2027-03-steering circulate`; {USAGE}"
        );
        return Ok(ExitCode::from(2));
    };
    let step = parse(words)?;
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, meeting_id)?;
    let actor = Actor::secretariat(plenary::recorder::recorder(args.by));
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    let approval = Approval::new(&ws, agenda);
    let (records, state) = approval.record(&actor, clock.now(), &step)?;
    for record in &records {
        println!("#{} {}", record.seq, record.event.describe());
    }
    if let Some(draft) = state.last_draft().filter(|_| step == Step::Circulate) {
        println!("  records/{}", draft.markdown.file);
        println!("  records/{}", draft.json.file);
    }
    if let Some(a) = state.approved.as_ref().filter(|_| step == Step::Approve) {
        println!("  records/{}", a.markdown.file);
        println!("  records/{}", a.json.file);
        println!(
            "  records/{} (sign it: plenary sign {} {meeting_id} --key ~/.ssh/id_ed25519)",
            a.statement.file,
            root.display()
        );
    }
    println!("  now {}", Stage::of(&state).describe());
    Ok(ExitCode::SUCCESS)
}

fn parse(words: &[String]) -> anyhow::Result<Step> {
    let text = |rest: &[String], what: &str| -> anyhow::Result<String> {
        let joined = rest.join(" ");
        if joined.trim().is_empty() {
            bail!("give {what}; {USAGE}");
        }
        Ok(joined)
    };
    let number = |word: Option<&String>| -> anyhow::Result<u32> {
        let word = word.map_or("", String::as_str);
        word.parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| anyhow::anyhow!("`{word}` is not an objection number (1, 2, …)"))
    };
    Ok(match words.split_first() {
        Some((verb, [])) if verb == "circulate" => Step::Circulate,
        Some((verb, [])) if verb == "approve" => Step::Approve,
        Some((verb, rest)) if verb == "object" && rest.len() >= 3 => Step::Object {
            item: rest[0].clone(),
            member: rest[1].clone(),
            reason: text(&rest[2..], "the reason")?,
        },
        Some((verb, rest)) if verb == "uphold" || verb == "dismiss" => Step::Rule {
            objection: number(rest.first())?,
            upheld: verb == "uphold",
            reason: text(
                rest.get(1..).unwrap_or_default(),
                "the reason for the ruling",
            )?,
        },
        Some((verb, rest)) if verb == "correct" => Step::Correct {
            text: text(rest, "the correction")?,
        },
        Some((verb, _)) => match verb.as_str() {
            "object" => bail!("object takes ITEM MEMBER REASON...; {USAGE}"),
            "circulate" | "approve" => bail!("`{verb}` takes no more words; {USAGE}"),
            other => bail!("unknown step `{other}`; {USAGE}"),
        },
        None => bail!("{USAGE}"),
    })
}
