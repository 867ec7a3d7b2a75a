//! Files for people downstream: invitations (and later minutes and action
//! lists): pure functions from domain state to text. Writing them is
//! `files::write_atomic`.

mod invitation;

pub use invitation::{InvitationError, invitation};
