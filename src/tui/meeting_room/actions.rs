//! The meeting room's view of the action register: the items agreed in
//! the meeting shown, as they stand now, and the open items it carries over
//! from earlier meetings of its body, as the hub's snapshot has them.

use super::MeetingRoom;
use crate::actions::ActionItem;
use crate::workspace::Workspace;

impl MeetingRoom {
    /// Why the action register could not be read, if it could not.
    pub fn register_error(&self) -> Option<&str> {
        self.register
            .as_deref()
            .and_then(|r| r.as_ref().err())
            .map(String::as_str)
    }

    /// The action items agreed in this meeting, as they stand now.
    pub fn own_actions(&self, workspace: &Workspace) -> Vec<&ActionItem> {
        let (Some(Ok(register)), Some(agenda)) = (self.register.as_deref(), self.agenda(workspace))
        else {
            return Vec::new();
        };
        register
            .items()
            .iter()
            .filter(|i| i.meeting == agenda.meeting.id)
            .collect()
    }

    /// Open action items of earlier meetings of the same body, which this
    /// meeting takes over.
    pub fn carried_over(&self, workspace: &Workspace) -> Vec<&ActionItem> {
        match (self.register.as_deref(), self.agenda(workspace)) {
            (Some(Ok(register)), Some(agenda)) => register.carried_over(workspace, agenda),
            _ => Vec::new(),
        }
    }

    /// Whether the bottom panel lists the action items instead of the item.
    pub fn shows_action_list(&self) -> bool {
        self.action_list
    }
}
