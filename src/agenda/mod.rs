//! Agendas: one `<meeting-id>.toml` per meeting (SPEC 1.2), read and checked
//! against the charter.

mod edit;
mod file;
mod model;
mod validate;

pub use model::{Agenda, Item, ItemKind, Meeting, Ranking, RANKING_METHODS};
pub use edit::{EditError, set_start};
pub use validate::load_agenda;
