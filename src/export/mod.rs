//! Files for people downstream: invitations (and later minutes and action
//! lists). Pure functions from domain state to text, plus one careful
//! writer that never clobbers and never leaves half a file.

mod invitation;
mod write;

pub use invitation::{InvitationError, invitation};
pub use write::{WriteError, write_export};
