//! The meetings a workspace has held, read from their journals: the one
//! place where scheduling reads files, so that the ledger itself stays
//! pure. A meeting counts as held once its journal has begun (its first
//! event freezes its terms, SPEC 3.3); its start and length are the frozen
//! ones, never the agenda's as it may have been edited since.

use super::ledger::HeldMeeting;
use crate::meeting::Meeting;
use crate::workspace::Workspace;

/// Every held meeting of `workspace` with a frozen start, and a sentence
/// for each journal that could not be counted.
pub fn held_meetings(workspace: &Workspace) -> (Vec<HeldMeeting>, Vec<String>) {
    let mut held = Vec::new();
    let mut problems = Vec::new();
    for agenda in &workspace.agendas {
        let id = &agenda.meeting.id;
        let loaded = Meeting::new(workspace, agenda).and_then(|m| m.load());
        let state = match loaded {
            Ok((state, _)) => state,
            Err(e) => {
                problems.push(format!("{id}: not counted in the ledger: {e}"));
                continue;
            }
        };
        let Some(frozen) = state.frozen() else {
            continue;
        };
        let terms = frozen.terms();
        match terms.meeting.start {
            Some(start) => held.push(HeldMeeting {
                meeting: terms.meeting.id.clone(),
                body: terms.body.id.clone(),
                start,
                duration_minutes: terms.meeting.duration_minutes,
                members: terms.body.members.clone(),
            }),
            None => problems.push(format!(
                "{id}: not counted in the ledger: it was held without a start"
            )),
        }
    }
    (held, problems)
}
