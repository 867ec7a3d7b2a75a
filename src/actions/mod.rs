//! The action register (SPEC 4): every action item of the workspace, from
//! the meetings that agreed them and the updates recorded since, with
//! due dates judged in the owner's time zone.
//!
//! Items are created in a meeting's journal (`ActionCreated`, id
//! `<meeting-id>/<n>`); changes go to the register's own journal
//! `records/_register.jsonl` (`ActionUpdated`), hash-chained and locked
//! like every journal, whether a meeting is running or not.

mod due;
mod item;
mod register;
#[cfg(test)]
mod tests;
mod view;

pub use due::{DueDateError, parse_due};
pub use item::{ActionChange, ActionItem, due_instant};
pub use register::{ActionUpdate, Register, RegisterError};
pub use view::{ActionFilter, SortKey, StatusFilter};
