//! The new-action form of the meeting room: owner (a member of the body,
//! starting at the selected roll-call row), the named delegate (optional,
//! among the owner's delegates), the due date (YYYY-MM-DD, the end of that
//! day in the owner's zone) and the text. Submitting it makes an
//! `ActionCreated` event on the open item; the form itself records nothing.

use super::TextInput;
use crate::charter::Member;
use crate::meeting::Event;
use crate::tui::action::Action;

/// The form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormField {
    /// Who is responsible (←/→ choose).
    #[default]
    Owner,
    /// The named person at the owner (←/→ choose).
    Delegate,
    /// The due date, typed.
    Due,
    /// What is to be done, typed.
    Text,
}

impl FormField {
    const ALL: [Self; 4] = [Self::Owner, Self::Delegate, Self::Due, Self::Text];

    fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    fn step(self, by: usize) -> Self {
        Self::ALL[(self.index() + by) % Self::ALL.len()]
    }
}

/// A choice of owner: the member's id and its delegates' names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Owner {
    id: String,
    delegates: Vec<String>,
}

/// The new action item being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionForm {
    item: Option<String>,
    owners: Vec<Owner>,
    owner: usize,
    delegate: usize,
    due: TextInput,
    text: TextInput,
    field: FormField,
}

impl ActionForm {
    /// A form for an action on `item` (the open item, if any), owned by
    /// one of `members`, starting at `selected`.
    pub fn new(item: Option<String>, members: &[&Member], selected: usize) -> Self {
        let owners = members
            .iter()
            .map(|m| Owner {
                id: m.id.clone(),
                delegates: m.delegates.iter().map(|d| d.name.clone()).collect(),
            })
            .collect();
        Self {
            item,
            owners,
            owner: selected.min(members.len().saturating_sub(1)),
            delegate: 0,
            due: TextInput::default(),
            text: TextInput::default(),
            field: FormField::default(),
        }
    }

    /// The agenda item the action comes from.
    pub fn item(&self) -> Option<&str> {
        self.item.as_deref()
    }

    /// The owner chosen.
    pub fn owner(&self) -> Option<&str> {
        self.owners.get(self.owner).map(|o| o.id.as_str())
    }

    /// The named delegate chosen, if any.
    pub fn delegate(&self) -> Option<&str> {
        let owner = self.owners.get(self.owner)?;
        let at = self.delegate.checked_sub(1)?;
        owner.delegates.get(at).map(String::as_str)
    }

    /// The due date typed.
    pub fn due(&self) -> &TextInput {
        &self.due
    }

    /// The text typed.
    pub fn text(&self) -> &TextInput {
        &self.text
    }

    /// The field keys act on.
    pub fn field(&self) -> FormField {
        self.field
    }

    /// Applies an editing or moving action; others are ignored.
    pub fn update(&mut self, action: Action) {
        let choices = match self.field {
            FormField::Owner => self.owners.len(),
            FormField::Delegate => self
                .owners
                .get(self.owner)
                .map_or(1, |o| o.delegates.len() + 1),
            _ => 0,
        };
        match (self.field, action) {
            (_, Action::NextPanel) => self.field = self.field.step(1),
            (_, Action::PreviousPanel) => self.field = self.field.step(FormField::ALL.len() - 1),
            (FormField::Owner | FormField::Delegate, Action::CursorLeft | Action::CursorRight) => {
                let by = if action == Action::CursorRight {
                    1
                } else {
                    choices.saturating_sub(1)
                };
                let at = match self.field {
                    FormField::Owner => &mut self.owner,
                    _ => &mut self.delegate,
                };
                *at = (*at + by) % choices.max(1);
                if self.field == FormField::Owner {
                    self.delegate = 0;
                }
            }
            (FormField::Due, other) => self.due.update(other),
            (FormField::Text, other) => self.text.update(other),
            _ => {}
        }
    }

    /// The event the form describes, or what is missing.
    pub fn event(&self) -> Result<Event, String> {
        let owner = self.owner().ok_or("This body has no members")?;
        let due = crate::actions::parse_due(self.due.text()).map_err(|e| e.to_string())?;
        Ok(Event::ActionCreated {
            text: self.text.text().trim().to_owned(),
            owner: owner.to_owned(),
            delegate: self.delegate().map(str::to_owned),
            due,
            item: self.item.clone(),
        })
    }
}
