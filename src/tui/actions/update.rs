//! The action items screen's `update`: filters and selection change here;
//! every change to an item goes to the hub first
//! ([`crate::hub::Hub::update_register`]).

use super::{ActionsMode, ActionsScreen};
use crate::actions::{ActionUpdate, parse_due};
use crate::meeting::ActionStatus;
use crate::tui::action::Action;
use crate::tui::app::Status;
use crate::tui::keymap::{PICK, keys_for};
use crate::tui::meeting_room::{Env, TextInput};

/// Rows moved by PgUp/PgDn.
const PAGE: usize = 10;

fn error(text: impl Into<String>) -> Option<Status> {
    Some(Status {
        text: text.into(),
        is_error: true,
    })
}

fn hint(text: impl Into<String>) -> Option<Status> {
    Some(Status {
        text: text.into(),
        is_error: false,
    })
}

impl ActionsScreen {
    /// Applies one action; returns what to say in the status line.
    pub fn update(&mut self, action: Action, env: Env) -> Option<Status> {
        match std::mem::take(&mut self.mode) {
            ActionsMode::Normal => self.update_normal(action, env),
            ActionsMode::Due(id, input) => self.typing(action, env, id, input, true),
            ActionsMode::Note(id, input) => self.typing(action, env, id, input, false),
            ActionsMode::Owner { action: id, cursor } => {
                let members = &env.workspace.charter.members;
                match action {
                    Action::Submit => {
                        let member = members.get(cursor)?;
                        if member.delegates.is_empty() {
                            return self.record(env, assign(id, &member.id, None));
                        }
                        let current = self
                            .register()
                            .and_then(|r| r.get(&id))
                            .filter(|i| i.owner == member.id)
                            .and_then(|i| i.delegate.as_deref());
                        let cursor = current
                            .and_then(|d| member.delegates.iter().position(|x| x.name == d))
                            .map_or(0, |at| at + 1);
                        self.mode = ActionsMode::Delegate {
                            action: id,
                            owner: member.id.clone(),
                            cursor,
                        };
                        hint(format!(
                            "Who at {} is named for it? Select, then {}",
                            member.id,
                            keys_for(PICK, Action::Submit)
                        ))
                    }
                    Action::Cancel => None,
                    other => {
                        let cursor = step(other, cursor, members.len());
                        self.mode = ActionsMode::Owner { action: id, cursor };
                        None
                    }
                }
            }
            ActionsMode::Delegate {
                action: id,
                owner,
                cursor,
            } => {
                let delegates = env
                    .workspace
                    .charter
                    .member(&owner)
                    .map(|m| m.delegates.as_slice())
                    .unwrap_or_default();
                match action {
                    Action::Submit => {
                        let delegate = cursor
                            .checked_sub(1)
                            .and_then(|at| delegates.get(at))
                            .map(|d| d.name.clone());
                        self.record(env, assign(id, &owner, delegate))
                    }
                    Action::Cancel => None,
                    other => {
                        let cursor = step(other, cursor, delegates.len() + 1);
                        self.mode = ActionsMode::Delegate {
                            action: id,
                            owner,
                            cursor,
                        };
                        None
                    }
                }
            }
        }
    }

    fn typing(
        &mut self,
        action: Action,
        env: Env,
        id: String,
        mut input: TextInput,
        due: bool,
    ) -> Option<Status> {
        let keep = |input| {
            if due {
                ActionsMode::Due(id.clone(), input)
            } else {
                ActionsMode::Note(id.clone(), input)
            }
        };
        match action {
            Action::Submit => {
                let mut update = ActionUpdate {
                    action: id.clone(),
                    ..ActionUpdate::default()
                };
                if due {
                    match parse_due(input.text()) {
                        Ok(date) => update.due = Some(date),
                        Err(e) => {
                            self.mode = keep(input);
                            return error(format!("Not recorded: {e}"));
                        }
                    }
                } else {
                    update.note = Some(input.text().trim().to_owned());
                }
                let status = self.record(env, update);
                // A refused text stays on screen to be corrected.
                if status.as_ref().is_some_and(|s| s.is_error) {
                    self.mode = keep(input);
                }
                status
            }
            Action::Cancel => None,
            other => {
                input.update(other);
                self.mode = keep(input);
                None
            }
        }
    }

    fn update_normal(&mut self, action: Action, env: Env) -> Option<Status> {
        let rows = self.rows(env.now).len();
        let last = rows.saturating_sub(1);
        let selected = self.selected_item(env.now).map(|i| i.id.clone());
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(PAGE),
            Action::PageDown => self.selected = (self.selected + PAGE).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::CycleStatus => {
                self.filter.status = super::filter::next_status(self.filter.status);
                self.selected = 0;
            }
            Action::CycleOwner => {
                let mut owners: Vec<&str> = self
                    .register()
                    .map(|r| r.items().iter().map(|i| i.owner.as_str()).collect())
                    .unwrap_or_default();
                owners.sort_unstable();
                owners.dedup();
                self.filter.owner =
                    super::filter::next_owner(self.filter.owner.as_deref(), &owners);
                self.selected = 0;
            }
            Action::ToggleOverdue => {
                self.filter.overdue = !self.filter.overdue;
                self.selected = 0;
            }
            Action::CycleSort => self.filter.sort = super::filter::next_sort(self.filter.sort),
            Action::MarkDone | Action::DropAction | Action::Reopen => {
                let status = match action {
                    Action::MarkDone => ActionStatus::Done,
                    Action::DropAction => ActionStatus::Dropped,
                    _ => ActionStatus::Open,
                };
                let Some(id) = selected else {
                    return error("No action item is selected");
                };
                return self.record(
                    env,
                    ActionUpdate {
                        action: id,
                        status: Some(status),
                        ..ActionUpdate::default()
                    },
                );
            }
            Action::ChangeDue | Action::AddNote | Action::Reassign => {
                let Some(item) = self.selected_item(env.now) else {
                    return error("No action item is selected");
                };
                let id = item.id.clone();
                self.mode = match action {
                    Action::ChangeDue => {
                        ActionsMode::Due(id, TextInput::new(&item.due.to_string()))
                    }
                    Action::AddNote => ActionsMode::Note(id, TextInput::default()),
                    _ => {
                        let members = &env.workspace.charter.members;
                        let cursor = members.iter().position(|m| m.id == item.owner).unwrap_or(0);
                        ActionsMode::Owner { action: id, cursor }
                    }
                };
            }
            _ => {}
        }
        None
    }

    /// Records `update` in the register; on success the screen takes the
    /// register that call returned, on failure nothing changes.
    fn record(&mut self, env: Env, update: ActionUpdate) -> Option<Status> {
        if !env.may_record() {
            return error(crate::tui::meeting_room::TOO_FAST);
        }
        match env.hub.update_register(env.actor, env.now, update) {
            Ok(record) => {
                self.sync(&env.hub.snapshot());
                let rows = self.rows(env.now).len();
                self.selected = self.selected.min(rows.saturating_sub(1));
                hint(format!(
                    "Recorded #{} {}",
                    record.seq,
                    record.event.describe()
                ))
            }
            Err(e) => error(format!("Not recorded: {e}")),
        }
    }
}

fn assign(action: String, owner: &str, delegate: Option<String>) -> ActionUpdate {
    ActionUpdate {
        action,
        owner: Some(owner.to_owned()),
        delegate,
        ..ActionUpdate::default()
    }
}

/// A list cursor moved by `action` among `rows` rows.
fn step(action: Action, cursor: usize, rows: usize) -> usize {
    let last = rows.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => cursor,
    }
}
