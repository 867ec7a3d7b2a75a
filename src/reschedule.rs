//! Giving a meeting its start: the check that its time may still change,
//! and writing `[meeting] start` into its agenda file by hand-edit rules.
//! It sits above `agenda` and `meeting`, which it joins; the front ends
//! call it and reload the workspace after.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::agenda::{EditError, set_start as edit_start};
use crate::files::{WriteError, read_source, write_atomic};
use crate::meeting::{Meeting, MeetingError};
use crate::workspace::Workspace;

/// Why a meeting's start was not written. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum SetStartError {
    /// The workspace has no agenda for this meeting.
    #[error("no meeting `{0}` in this workspace")]
    UnknownMeeting(String),
    /// The meeting has started or been held: its time is part of its
    /// record ([`crate::meeting::Stage::refusal`] says so).
    #[error("{0}")]
    Refused(String),
    /// Its journal cannot be read, so whether it has started is unknown.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// The agenda file cannot be read.
    #[error("{0}")]
    Read(String),
    /// The agenda file no longer reads as an agenda.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The agenda file cannot be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Whether meeting `meeting` may be given a start: not once its journal
/// has events.
pub fn check(workspace: &Workspace, meeting: &str) -> Result<(), SetStartError> {
    let agenda = workspace
        .agenda(meeting)
        .ok_or_else(|| SetStartError::UnknownMeeting(meeting.to_owned()))?;
    if agenda.meeting.kind == crate::agenda::MeetingKind::Written {
        return Err(SetStartError::Refused(format!(
            "`{meeting}` is a written procedure: it has a deadline, not a start"
        )));
    }
    let stage = Meeting::new(workspace, agenda)?.stage()?;
    match stage.refusal(meeting) {
        Some(why) => Err(SetStartError::Refused(why)),
        None => Ok(()),
    }
}

/// Writes `start` as meeting `meeting`'s `[meeting] start` into its agenda
/// file `<meeting-id>.toml` (atomically, comments and layout kept), if
/// [`check`] allows it; returns the file written. The workspace in memory
/// is unchanged: the caller reloads it.
pub fn set_start(
    workspace: &Workspace,
    meeting: &str,
    start: DateTime<Utc>,
) -> Result<PathBuf, SetStartError> {
    check(workspace, meeting)?;
    let path = workspace.root.join(format!("{meeting}.toml"));
    let text = read_source(&path)
        .map_err(|d| SetStartError::Read(d.headline()))?
        .text;
    write_atomic(&path, &edit_start(&text, start)?, true)?;
    Ok(path)
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::meeting::Event;

    const SEPTEMBER: &str = "2027-09-steering";

    use crate::test_support::example_copy as workspace;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_meeting_not_started_gets_its_start_written() {
        let (_dir, ws) = workspace();
        let path = set_start(&ws, SEPTEMBER, at("2027-09-15T12:00:00Z")).unwrap();
        assert_eq!(path, ws.root.join("2027-09-steering.toml"));
        let reloaded = Workspace::load(&ws.root).unwrap();
        assert_eq!(
            reloaded.agenda(SEPTEMBER).unwrap().meeting.start,
            Some(at("2027-09-15T12:00:00Z"))
        );
    }

    #[test]
    fn a_started_meeting_keeps_its_time() {
        let (_dir, ws) = workspace();
        let agenda = ws.agenda(SEPTEMBER).unwrap();
        let before = std::fs::read_to_string(ws.root.join("2027-09-steering.toml")).unwrap();
        Meeting::new(&ws, agenda)
            .unwrap()
            .record(
                "Secretary",
                at("2027-09-15T12:00:00Z"),
                vec![Event::Present {
                    member: "eth".into(),
                    delegate: None,
                }],
            )
            .unwrap();
        let e = set_start(&ws, SEPTEMBER, at("2027-09-16T12:00:00Z")).unwrap_err();
        assert!(matches!(&e, SetStartError::Refused(_)), "{e}");
        assert!(e.to_string().contains("has started"), "{e}");
        let after = std::fs::read_to_string(ws.root.join("2027-09-steering.toml")).unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn an_unknown_meeting_is_refused() {
        let (_dir, ws) = workspace();
        assert!(matches!(
            check(&ws, "2030-01-steering"),
            Err(SetStartError::UnknownMeeting(_))
        ));
    }

    #[test]
    fn a_written_procedure_gets_no_start() {
        let (_dir, ws) = workspace();
        let id = "2027-05-steering-seed-grants";
        let refused = set_start(&ws, id, at("2027-05-10T12:00:00Z")).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "`2027-05-steering-seed-grants` is a written procedure: it has a deadline, not a start"
        );
    }
}
