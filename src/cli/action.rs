//! `plenary action [WORKSPACE] ID VERB...`: one change to one action item,
//! recorded in the register's journal (`records/_register.jsonl`) under
//! its lock, whether a meeting is running or not.
//!
//! The first word is the workspace when it is a folder holding a
//! `charter.toml` (an action id never is), else the workspace is `.`.
//!
//! ```text
//! done | drop | reopen          the new status
//! due YYYY-MM-DD                a new due date (end of that day in the owner's zone)
//! assign MEMBER[/DELEGATE]      a new owner (its named person, if any, is cleared
//!                               unless given); DELEGATE may contain spaces
//! note TEXT...                  a remark on progress
//! ```
//!
//! Verbs may be chained with a lone `,` into one change, e.g.
//! `due 2027-05-01 , note waiting for the auditors`. The change is checked
//! against the register as it is on disk and written with fsync before the
//! `#SEQ action ID: ...` line is printed; a refused change writes nothing.

use std::process::ExitCode;

use anyhow::{Context as _, bail};
use plenary::actions::{ActionItem, ActionUpdate, Register};
use plenary::meeting::ActionStatus;

/// Arguments of `plenary action`.
#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct Args {
    /// Who is recording (default: $PLENARY_BY, else $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// The workspace folder (optional, default `.`), the action id, then the change listed below.
    // One list of words, not three arguments: whether the first word is the
    // workspace is known only by looking for its charter.
    #[arg(value_name = "WORDS", required = true, num_args = 1.., allow_hyphen_values = true)]
    words: Vec<std::ffi::OsString>,
}

/// Records the change, or explains why not (nothing written).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, rest) = super::workspace_arg::leading_workspace(&args.words)?;
    let Some((id, words)) = rest
        .split_first()
        .filter(|(_, w)| w.iter().any(|w| w != ","))
    else {
        eprintln!(
            "plenary: name the action item and what changes, e.g. `plenary action ws 2027-03-steering/1 done`; see `plenary action --help`"
        );
        return Ok(ExitCode::from(2));
    };
    let update = parse(id, words)?;
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let by = plenary::recorder::recorder(args.by);
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    let (record, register) = Register::update(&ws, &by, clock.now(), update)?;
    println!("#{} {}", record.seq, record.event.describe());
    if let Some(item) = register.get(id) {
        println!("  now {}", stands(item));
    }
    Ok(ExitCode::SUCCESS)
}

/// The item in one line: status, owner, due date and its instant.
fn stands(item: &ActionItem) -> String {
    let owner = match &item.delegate {
        Some(d) => format!("{} ({d})", item.owner),
        None => item.owner.clone(),
    };
    format!(
        "{}, owner {owner}, due {} (ends {} UTC, {})",
        item.status.name(),
        item.due,
        item.due_at().format("%Y-%m-%d %H:%M"),
        item.timezone.name()
    )
}

/// Turns the verbs into one update of `id`.
fn parse(id: &str, words: &[String]) -> anyhow::Result<ActionUpdate> {
    let mut update = ActionUpdate {
        action: id.to_owned(),
        ..ActionUpdate::default()
    };
    for group in words.split(|w| w == ",") {
        let Some((verb, rest)) = group.split_first() else {
            continue;
        };
        parse_one(&mut update, verb, rest).with_context(|| format!("in `{}`", group.join(" ")))?;
    }
    Ok(update)
}

fn parse_one(update: &mut ActionUpdate, verb: &str, rest: &[String]) -> anyhow::Result<()> {
    let text = rest.join(" ");
    let once = |taken: bool, what: &str| -> anyhow::Result<()> {
        if taken {
            bail!("say {what} only once");
        }
        Ok(())
    };
    let none = |usage: &str| -> anyhow::Result<()> {
        if !rest.is_empty() {
            bail!("usage: {usage}");
        }
        Ok(())
    };
    match verb {
        "done" | "drop" | "reopen" => {
            none(verb)?;
            once(update.status.is_some(), "the status")?;
            update.status = Some(match verb {
                "done" => ActionStatus::Done,
                "drop" => ActionStatus::Dropped,
                _ => ActionStatus::Open,
            });
        }
        "due" => {
            let [date] = rest else {
                bail!("usage: due YYYY-MM-DD");
            };
            once(update.due.is_some(), "the due date")?;
            update.due = Some(plenary::actions::parse_due(date)?);
        }
        "assign" => {
            if text.trim().is_empty() {
                bail!("usage: assign MEMBER[/DELEGATE]");
            }
            once(update.owner.is_some(), "the owner")?;
            let (owner, delegate) = match text.split_once('/') {
                Some((owner, delegate)) => (owner.trim(), Some(delegate.trim().to_owned())),
                None => (text.trim(), None),
            };
            update.owner = Some(owner.to_owned());
            update.delegate = delegate;
        }
        "note" => {
            if text.trim().is_empty() {
                bail!("usage: note TEXT...");
            }
            once(update.note.is_some(), "the note")?;
            update.note = Some(text);
        }
        other => bail!(
            "unknown change `{other}`; say done, drop, reopen, due YYYY-MM-DD, assign MEMBER[/DELEGATE] or note TEXT..."
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn verbs_chain_into_one_update() {
        let u = parse(
            "m/1",
            &words("due 2027-05-01 , assign eth/Dr. Anna Keller , note late"),
        )
        .unwrap();
        assert_eq!(u.due, NaiveDate::from_ymd_opt(2027, 5, 1));
        assert_eq!(u.owner.as_deref(), Some("eth"));
        assert_eq!(u.delegate.as_deref(), Some("Dr. Anna Keller"));
        assert_eq!(u.note.as_deref(), Some("late"));
        assert_eq!(u.status, None);
    }

    #[test]
    fn refusals() {
        for bad in [
            "done , drop",
            "due 2027-13-01",
            "due",
            "due 2027-05-01 2027-05-02",
            "assign",
            "note",
            "finish",
            "done now",
        ] {
            assert!(parse("m/1", &words(bad)).is_err(), "{bad}");
        }
    }
}
