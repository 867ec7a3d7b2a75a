//! Which action items the screen shows, and in what order.

use chrono::{DateTime, Utc};

use crate::actions::ActionItem;
use crate::meeting::ActionStatus;

/// The statuses shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Items still to be done.
    #[default]
    Open,
    /// Items done.
    Done,
    /// Items dropped.
    Dropped,
    /// Every item.
    All,
}

impl StatusFilter {
    /// The next one in the cycle open → done → dropped → all.
    pub fn next(self) -> Self {
        match self {
            Self::Open => Self::Done,
            Self::Done => Self::Dropped,
            Self::Dropped => Self::All,
            Self::All => Self::Open,
        }
    }

    /// Its name on screen.
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
            Self::All => "all",
        }
    }

    fn admits(self, status: ActionStatus) -> bool {
        match self {
            Self::Open => status == ActionStatus::Open,
            Self::Done => status == ActionStatus::Done,
            Self::Dropped => status == ActionStatus::Dropped,
            Self::All => true,
        }
    }
}

/// The order of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Soonest due first (as instants: owners' zones differ).
    #[default]
    Due,
    /// By owner, then due.
    Owner,
    /// Open, done, dropped, then due.
    Status,
    /// Meeting by meeting, in the order they were agreed.
    Meeting,
}

impl SortKey {
    /// The next one in the cycle due → owner → status → meeting.
    pub fn next(self) -> Self {
        match self {
            Self::Due => Self::Owner,
            Self::Owner => Self::Status,
            Self::Status => Self::Meeting,
            Self::Meeting => Self::Due,
        }
    }

    /// Its name on screen.
    pub fn name(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Owner => "owner",
            Self::Status => "status",
            Self::Meeting => "meeting",
        }
    }
}

/// What the screen shows: a status, an owner (or all), overdue only or not,
/// and the sort.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// The statuses shown.
    pub status: StatusFilter,
    /// Only this member's items, if set.
    pub owner: Option<String>,
    /// Only items past due at the clock's now.
    pub overdue_only: bool,
    /// The order.
    pub sort: SortKey,
}

impl Filter {
    /// The items of `items` this filter shows at `now`, in its order. Ties
    /// keep the register's order (meeting by meeting, then by number).
    pub fn apply<'a>(&self, items: &'a [ActionItem], now: DateTime<Utc>) -> Vec<&'a ActionItem> {
        let mut rows: Vec<&ActionItem> = items
            .iter()
            .filter(|i| self.status.admits(i.status))
            .filter(|i| self.owner.as_ref().is_none_or(|o| *o == i.owner))
            .filter(|i| !self.overdue_only || i.is_overdue(now))
            .collect();
        let status_rank = |s: ActionStatus| match s {
            ActionStatus::Open => 0,
            ActionStatus::Done => 1,
            ActionStatus::Dropped => 2,
        };
        match self.sort {
            SortKey::Due => rows.sort_by_key(|i| i.due_at()),
            SortKey::Owner => rows.sort_by(|a, b| {
                (a.owner.as_str(), a.due_at()).cmp(&(b.owner.as_str(), b.due_at()))
            }),
            SortKey::Status => rows.sort_by_key(|i| (status_rank(i.status), i.due_at())),
            SortKey::Meeting => {}
        }
        rows
    }

    /// The owner after the one shown, among `owners` (sorted), then every
    /// owner again.
    pub fn next_owner(&self, owners: &[&str]) -> Option<String> {
        let next = match &self.owner {
            None => owners.first(),
            Some(now) => owners
                .iter()
                .position(|o| o == now)
                .and_then(|at| owners.get(at + 1)),
        };
        next.map(|o| (*o).to_owned())
    }
}
