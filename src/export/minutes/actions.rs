//! Action items in the minutes: the ones the meeting agreed, with their
//! status now, and the open ones it carried over from earlier meetings.

use chrono::{DateTime, Utc};

use super::build::{member_name, moment};
use super::model::{ActionRow, Minutes, Named};
use crate::actions::{ActionItem, Register, due_instant};
use crate::charter::Charter;
use crate::meeting::{ActionStatus, AgreedAction};

/// An action as the journal agreed it (still open, as far as the meeting's
/// own journal knows).
pub(super) fn agreed_row(
    charter: &Charter,
    meeting: &str,
    action: &AgreedAction,
    now: DateTime<Utc>,
) -> ActionRow {
    let zone = charter
        .member(&action.owner)
        .map_or(charter.alliance.timezone, |m| m.timezone);
    let due_at = due_instant(action.due, zone);
    ActionRow {
        id: action.id.clone(),
        text: action.text.clone(),
        owner: Named {
            id: action.owner.clone(),
            name: member_name(charter, &action.owner),
        },
        delegate: action.delegate.clone(),
        due: action.due,
        timezone: zone.name().to_owned(),
        due_at: moment(due_at, charter.alliance.timezone),
        status: ActionStatus::Open.name().to_owned(),
        overdue: now >= due_at,
        meeting: meeting.to_owned(),
        item: action.item.clone(),
    }
}

fn register_row(charter: &Charter, item: &ActionItem, now: DateTime<Utc>) -> ActionRow {
    ActionRow {
        id: item.id.clone(),
        text: item.text.clone(),
        owner: Named {
            id: item.owner.clone(),
            name: member_name(charter, &item.owner),
        },
        delegate: item.delegate.clone(),
        due: item.due,
        timezone: item.timezone.name().to_owned(),
        due_at: moment(item.due_at(), charter.alliance.timezone),
        status: item.status.name().to_owned(),
        overdue: item.is_overdue(now),
        meeting: item.meeting.clone(),
        item: item.item.clone(),
    }
}

impl Minutes {
    /// The minutes with every agreed action brought up to date from the
    /// register (status, owner, due date as they stand now) and the open
    /// actions of earlier meetings that this one carried over.
    pub fn with_register(
        mut self,
        charter: &Charter,
        register: &Register,
        carried_over: &[&ActionItem],
        now: DateTime<Utc>,
    ) -> Self {
        for row in &mut self.actions.agreed {
            if let Some(item) = register.get(&row.id) {
                *row = register_row(charter, item, now);
            }
        }
        self.with_carried_over(charter, carried_over, now)
    }

    /// The minutes with the open actions of earlier meetings that this one
    /// carried over, as they stood at `at`; the agreed ones stay as agreed.
    pub fn with_carried_over(
        mut self,
        charter: &Charter,
        carried_over: &[&ActionItem],
        at: DateTime<Utc>,
    ) -> Self {
        self.actions.carried_over = carried_over
            .iter()
            .map(|item| register_row(charter, item, at))
            .collect();
        self
    }
}
