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

/// The minutes of `agenda`'s meeting as recorded so far, with its action
/// items as they stand in the register, and the incomplete last line of
/// its journal if a crash left one (the minutes cover the events before it).
pub fn for_meeting(
    workspace: &Workspace,
    agenda: &Agenda,
    now: DateTime<Utc>,
) -> Result<(Minutes, Option<TornTail>), LoadError> {
    let meeting = Meeting::new(workspace, agenda)?;
    let (state, contents) = meeting.load()?;
    let register = Register::load(workspace)?;
    let carried = register.carried_over(workspace, agenda);
    let minutes = Minutes::build(&workspace.charter, agenda, &state, &contents, now)?
        .with_register(&workspace.charter, &register, &carried, now);
    Ok((minutes, contents.torn))
}
