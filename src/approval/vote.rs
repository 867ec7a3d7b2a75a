//! Approval by vote: an item `kind = "minutes-approval"` at a later
//! meeting of the same body, naming this meeting in `approves` (or, without
//! it, approving the body's previous meeting), whose recorded outcome
//! passed.

use crate::agenda::{Agenda, ItemKind};
use crate::meeting::{ItemOutcome, Meeting};
use crate::workspace::Workspace;

use super::Approval;
use super::error::ApprovalError;

/// The meeting of `agenda`'s body held last before it, by start time.
pub fn previous_meeting<'w>(workspace: &'w Workspace, agenda: &Agenda) -> Option<&'w Agenda> {
    let start = agenda.meeting.start?;
    workspace
        .agendas
        .iter()
        .filter(|a| a.meeting.body == agenda.meeting.body)
        .filter(|a| a.meeting.start.is_some_and(|s| s < start))
        .max_by_key(|a| a.meeting.start)
}

impl Approval<'_> {
    /// `meeting/item` of a passed minutes approval of this meeting at a
    /// later meeting of its body, if there is one.
    pub(super) fn approving_vote(&self) -> Result<Option<String>, ApprovalError> {
        let id = &self.agenda.meeting.id;
        let later = |a: &Agenda| match (self.agenda.meeting.start, a.meeting.start) {
            (Some(this), Some(that)) => that > this,
            _ => true,
        };
        for other in &self.workspace.agendas {
            if other.meeting.body != self.agenda.meeting.body || &other.meeting.id == id {
                continue;
            }
            if !later(other)
                || !other
                    .items
                    .iter()
                    .any(|i| i.kind == ItemKind::MinutesApproval)
            {
                continue;
            }
            let meeting = Meeting::new(self.workspace, other)?;
            let (state, _) = meeting.load()?;
            let ctx = state.context(*meeting.context());
            for item in ctx.agenda.items.iter() {
                let approves = item.approves.clone().or_else(|| {
                    previous_meeting(self.workspace, other).map(|a| a.meeting.id.clone())
                });
                if item.kind != ItemKind::MinutesApproval || approves.as_ref() != Some(id) {
                    continue;
                }
                let passed = state.items.get(&item.id).is_some_and(|s| {
                    s.closed && matches!(&s.outcome, Some(ItemOutcome::Decision(o)) if o.passed)
                });
                if passed {
                    return Ok(Some(format!("{}/{}", other.meeting.id, item.id)));
                }
            }
        }
        Ok(None)
    }
}
