//! `plenary verify [WORKSPACE] MEETING`: where the approval of a meeting's
//! minutes stands, and every signature checked: its signer, role, member
//! and fingerprint, whether it verifies over the statement, whether its
//! key matched the charter when it was added (it is pinned then) and
//! whether it still does. Exit 1 when anything fails (docs/approval.md).

use std::process::ExitCode;

use plenary::approval::{Approval, Stage, review};
use plenary::files::sort;
use plenary::meeting::Meeting;

use super::workspace_arg::MeetingArgs;

/// Arguments of `plenary verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    meeting: MeetingArgs,
}

/// Prints the state and the signatures; exit 1 on any failure.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, meeting_id) = args.meeting.split()?;
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, &meeting_id)?;
    let meeting = Meeting::new(&ws, agenda)?;
    let mut failed = false;
    let contents = match meeting.load() {
        Ok((_, contents)) => Some(contents),
        Err(e) => {
            eprintln!("plenary: {e}");
            failed = true;
            None
        }
    };
    let mut review = review(&ws, agenda, contents.as_ref());
    let stage = review.state.as_ref().map_or(Stage::Draft, Stage::of);
    println!("{meeting_id}: {}", stage.describe());
    if let Some(a) = review.state.as_ref().and_then(|s| s.approved.as_ref()) {
        println!(
            "statement: records/{} SHA-256 {}",
            a.statement.file, a.statement.sha256
        );
        println!(
            "approved Markdown: records/{} SHA-256 {}",
            a.markdown.file, a.markdown.sha256
        );
        println!(
            "approved JSON: records/{} SHA-256 {}",
            a.json.file, a.json.sha256
        );
    }
    for s in &review.signers {
        let sig = &s.signature;
        println!(
            "signed by {} ({}, {}) key {}",
            sig.person,
            sig.member,
            role_name(sig.role),
            sig.fingerprint
        );
        match &s.verifies {
            Ok(()) => println!("  signature verifies: yes (records/{})", sig.signature.file),
            Err(e) => println!("  signature verifies: NO: {e}"),
        }
        println!(
            "  key matched the charter when signed: yes (pinned at line {} of the approval record)",
            sig.line
        );
        match (&s.charter_now, s.matches_now()) {
            (_, true) => println!("  key matches the charter now: yes"),
            (Some(now), false) => {
                println!("  key matches the charter now: NO (the charter now lists {now})")
            }
            (None, false) => println!(
                "  key matches the charter now: NO (the charter lists no key for them now)"
            ),
        }
        failed |= s.verifies.is_err();
    }
    if let Some(state) = review.state.as_ref().filter(|s| s.approved.is_some()) {
        for (member, person) in Approval::new(&ws, agenda).awaited_signers(state) {
            println!("awaiting the signature of {person} ({member})");
        }
    }
    sort(&mut review.problems);
    for problem in &review.problems {
        eprintln!("{problem}");
    }
    for note in &review.notes {
        eprintln!("{note}");
    }
    failed |= !review.problems.is_empty();
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn role_name(role: plenary::charter::DelegateRole) -> &'static str {
    use plenary::charter::DelegateRole;
    match role {
        DelegateRole::Representative => "representative",
        DelegateRole::Secretary => "secretary",
        DelegateRole::Chair => "chair",
        DelegateRole::Observer => "observer",
    }
}
