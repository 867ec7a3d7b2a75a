//! Agendas: one `<meeting-id>.toml` per meeting (SPEC 1.2), read and checked
//! against the charter.

mod deadline;
mod edit;
mod file;
mod model;
mod validate;

pub use deadline::{Deadline, DeadlineSpec};
pub use edit::{EditError, set_start};
pub use model::{Agenda, Item, ItemKind, Meeting, MeetingKind, Ranking};
pub use validate::load_agenda;
