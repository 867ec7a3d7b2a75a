//! Reading what the minutes need from a workspace: the meeting's journal
//! and the action register. The one place with I/O in this module, shared
//! by `plenary minutes` and the minutes screen.

use chrono::{DateTime, Utc};

use super::build::MinutesError;
use super::model::Minutes;
use crate::actions::{Register, RegisterError};
use crate::agenda::Agenda;
use crate::meeting::{Meeting, MeetingError, TornTail};
use crate::workspace::Workspace;

/// Why the minutes of a meeting cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The meeting's journal cannot be trusted.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// The action register cannot be trusted.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// The agenda does not fit the charter.
    #[error(transparent)]
    Minutes(#[from] MinutesError),
}

/// The minutes of `agenda`'s meeting as recorded so far, and the incomplete
/// last line of its journal if a crash left one (the minutes cover the
/// events before it). A closed meeting's minutes are as at its close: its
/// action items as agreed, and the items it carried over as the register
/// stood then, so every export gives the same bytes. A draft's action
/// items are brought up to date from the register as it stands at `now`.
pub fn for_meeting(
    workspace: &Workspace,
    agenda: &Agenda,
    now: DateTime<Utc>,
) -> Result<(Minutes, Option<TornTail>), LoadError> {
    let meeting = Meeting::new(workspace, agenda)?;
    let (state, contents) = meeting.load()?;
    let minutes = Minutes::build(&workspace.charter, agenda, &state, &contents, now)?;
    let as_of = minutes.as_of.utc;
    // This meeting's records are read already: the register takes them.
    let known = Some((agenda.meeting.id.as_str(), contents.records.as_slice()));
    let register = Register::load_as_of_with(workspace, as_of, known)?;
    let carried = register.carried_over(workspace, agenda);
    let ctx = state.context(*meeting.context());
    let minutes = if state.closed {
        minutes.with_carried_over(ctx.charter, &carried, as_of)
    } else {
        minutes.with_register(ctx.charter, &register, &carried, as_of)
    };
    Ok((minutes, contents.torn))
}
