//! The meetings a workspace has held, read from their journals: the one
//! place where scheduling reads files, so that the ledger itself stays
//! pure. A meeting counts as held once its journal has begun (its first
//! event freezes its terms, SPEC 3.3); its start and length are the frozen
//! ones, never the agenda's as it may have been edited since.

use super::ledger::HeldMeeting;
use crate::agenda::Agenda;
use crate::meeting::{Meeting, MeetingState};
use crate::workspace::Workspace;

/// Every held meeting of `workspace` with a frozen start, and a sentence
/// for each journal that could not be counted.
pub fn held_meetings(workspace: &Workspace) -> (Vec<HeldMeeting>, Vec<String>) {
    let loaded = meeting_states(workspace);
    held_from(
        loaded
            .iter()
            .map(|(a, s)| (*a, s.as_ref().map_err(String::as_str))),
    )
}

/// Every meeting of `workspace` replayed from its journal (read once), or
/// why its journal could not be.
pub fn meeting_states(workspace: &Workspace) -> Vec<(&Agenda, Result<MeetingState, String>)> {
    workspace
        .agendas
        .iter()
        .map(|agenda| {
            let state = Meeting::new(workspace, agenda)
                .and_then(|m| m.load())
                .map(|(state, _)| state)
                .map_err(|e| e.to_string());
            (agenda, state)
        })
        .collect()
}

/// [`held_meetings`] from states already replayed: each agenda with its
/// meeting's state, or why its journal could not be read.
pub fn held_from<'s>(
    meetings: impl IntoIterator<Item = (&'s Agenda, Result<&'s MeetingState, &'s str>)>,
) -> (Vec<HeldMeeting>, Vec<String>) {
    let mut held = Vec::new();
    let mut problems = Vec::new();
    for (agenda, state) in meetings {
        let id = &agenda.meeting.id;
        let state = match state {
            Ok(state) => state,
            Err(e) => {
                problems.push(format!("{id}: not counted in the ledger: {e}"));
                continue;
            }
        };
        let Some(frozen) = state.frozen() else {
            continue;
        };
        let terms = frozen.terms();
        // A written procedure asks nobody to be anywhere at any hour.
        if terms.meeting.kind == crate::agenda::MeetingKind::Written {
            continue;
        }
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
