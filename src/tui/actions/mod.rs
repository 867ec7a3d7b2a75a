//! The action items screen (SPEC 4 and 7): every meeting's action items,
//! filtered and sorted, overdue ones highlighted, each due date shown as
//! its owner reads it.
//!
//! It owns the filter, the sort, the selection and what is being typed or
//! picked; the items themselves live in the journals. Every change goes
//! through [`Register::update`] (checked under the register's lock,
//! appended, fsynced) and only then does the screen show it, from the
//! register that call returns. It must not know how the register is stored.

mod details;
mod filter;
mod render;
mod update;

use chrono::{DateTime, Utc};

pub use crate::actions::{SortKey, StatusFilter};
pub use details::lines as details_lines;
pub use render::render;

use super::meeting_room::TextInput;
use std::sync::Arc;

use crate::actions::{ActionFilter, ActionItem, Register};
use crate::hub::Snapshot;

/// What the keys are doing besides moving around.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ActionsMode {
    /// Moving, filtering, marking.
    #[default]
    Normal,
    /// Typing a new due date for this item.
    Due(String, TextInput),
    /// Typing a note on this item.
    Note(String, TextInput),
    /// Picking this item's new owner among the charter's members.
    Owner {
        /// The action item.
        action: String,
        /// The member row selected.
        cursor: usize,
    },
    /// Picking the named person at the new owner (row 0: nobody named).
    Delegate {
        /// The action item.
        action: String,
        /// The new owner.
        owner: String,
        /// The row selected.
        cursor: usize,
    },
}

/// The action items screen: the register as last read, what is shown of
/// it, and the selection.
#[derive(Debug, Clone, Default)]
pub struct ActionsScreen {
    register: Option<Arc<Result<Register, String>>>,
    filter: ActionFilter,
    selected: usize,
    mode: ActionsMode,
}

impl ActionsScreen {
    /// Takes the register as `snapshot` has it; a problem is kept to be
    /// shown, never raised. Returns whether it changed.
    pub fn sync(&mut self, snapshot: &Snapshot) -> bool {
        let register = snapshot.register();
        if self
            .register
            .as_ref()
            .is_some_and(|r| Arc::ptr_eq(r, register))
        {
            return false;
        }
        self.register = Some(register.clone());
        true
    }

    /// Whether the register has been taken (the screen was shown).
    pub fn is_loaded(&self) -> bool {
        self.register.is_some()
    }

    /// The register, once read.
    pub fn register(&self) -> Option<&Register> {
        self.register.as_deref().and_then(|r| r.as_ref().ok())
    }

    /// Why the register could not be read.
    pub fn error(&self) -> Option<&str> {
        self.register
            .as_deref()
            .and_then(|r| r.as_ref().err())
            .map(String::as_str)
    }

    /// What is shown.
    pub fn filter(&self) -> &ActionFilter {
        &self.filter
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// What the keys are doing.
    pub fn mode(&self) -> &ActionsMode {
        &self.mode
    }

    /// The rows shown at `now`, in order.
    pub fn rows(&self, now: DateTime<Utc>) -> Vec<&ActionItem> {
        self.register()
            .map(|r| self.filter.select(r.items(), now))
            .unwrap_or_default()
    }

    /// The item on the selected row.
    pub fn selected_item(&self, now: DateTime<Utc>) -> Option<&ActionItem> {
        self.rows(now).get(self.selected).copied()
    }
}
