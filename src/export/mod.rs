//! Files for people downstream: invitations and minutes (and later action
//! lists): pure functions from domain state to text. Writing them is
//! `files::write_atomic`.

mod actions;
mod awaiting;
mod ics;
mod invitation;
pub mod minutes;
mod taskwarrior;
mod zone_label;

pub use awaiting::awaiting_lines;
pub use zone_label::zone_label;

pub use actions::{
    ActionListError, CSV_COLUMNS, actions_calendar, actions_csv, actions_json, actions_table,
    todo_uid,
};
pub use invitation::{InvitationError, invitation, invitation_with_host_key};
pub use taskwarrior::{actions_taskwarrior, task_uuid};
