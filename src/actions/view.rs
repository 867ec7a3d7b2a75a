//! Which action items a list shows, and in what order: one filter and one
//! sort for the action items screen, `plenary actions` and every export,
//! so that they never disagree. Pure: "now" is passed in.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::ActionItem;
use crate::meeting::ActionStatus;

/// The statuses a list shows.
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
    /// Every choice, in the order they are offered.
    pub const ALL: [Self; 4] = [Self::Open, Self::Done, Self::Dropped, Self::All];

    /// Its name, as `--status` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
            Self::All => "all",
        }
    }

    /// Whether an item with `status` is shown.
    pub fn admits(self, status: ActionStatus) -> bool {
        match self {
            Self::Open => status == ActionStatus::Open,
            Self::Done => status == ActionStatus::Done,
            Self::Dropped => status == ActionStatus::Dropped,
            Self::All => true,
        }
    }
}

/// The order of a list. Every order ends with the meeting and the number
/// (`m/2` before `m/10`), so that no two items tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Soonest due first, as instants: owners' zones differ, so the same
    /// date falls due at different times.
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
    /// Every order, in the order they are offered.
    pub const ALL: [Self; 4] = [Self::Due, Self::Owner, Self::Status, Self::Meeting];

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Owner => "owner",
            Self::Status => "status",
            Self::Meeting => "meeting",
        }
    }

    /// How `a` and `b` compare in this order.
    pub fn compare(self, a: &ActionItem, b: &ActionItem) -> Ordering {
        let by_id = || id_key(&a.id).cmp(&id_key(&b.id));
        let by_due = || a.due_at().cmp(&b.due_at()).then_with(by_id);
        match self {
            Self::Due => by_due(),
            Self::Owner => a.owner.cmp(&b.owner).then_with(by_due),
            Self::Status => status_rank(a.status)
                .cmp(&status_rank(b.status))
                .then_with(by_due),
            Self::Meeting => by_id(),
        }
    }
}

fn status_rank(status: ActionStatus) -> u8 {
    match status {
        ActionStatus::Open => 0,
        ActionStatus::Done => 1,
        ActionStatus::Dropped => 2,
    }
}

/// `<meeting>/<n>` as (meeting, n) for ordering; an id of another shape
/// sorts by its text.
fn id_key(id: &str) -> (&str, u64, &str) {
    match id.rsplit_once('/').map(|(m, n)| (m, n.parse::<u64>())) {
        Some((meeting, Ok(n))) => (meeting, n, ""),
        _ => (id, 0, id),
    }
}

/// Which action items a list shows, and in what order. The default shows
/// the open items, soonest due first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// The statuses shown.
    pub status: StatusFilter,
    /// Only items owned by this member.
    pub owner: Option<String>,
    /// Only items agreed by this body.
    pub body: Option<String>,
    /// Only items that are open and past due.
    pub overdue: bool,
    /// The order.
    pub sort: SortKey,
}

impl ActionFilter {
    /// Whether `item` belongs in the list at `now`.
    pub fn matches(&self, item: &ActionItem, now: DateTime<Utc>) -> bool {
        self.status.admits(item.status)
            && self.owner.as_deref().is_none_or(|o| item.owner == o)
            && self.body.as_deref().is_none_or(|b| item.body == b)
            && (!self.overdue || item.is_overdue(now))
    }

    /// The items of `items` this filter lets through at `now`, in its order.
    pub fn select<'a>(&self, items: &'a [ActionItem], now: DateTime<Utc>) -> Vec<&'a ActionItem> {
        let mut chosen: Vec<&ActionItem> = items.iter().filter(|i| self.matches(i, now)).collect();
        chosen.sort_by(|a, b| self.sort.compare(a, b));
        chosen
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn item(id: &str, owner: &str, due: &str, zone: &str, status: ActionStatus) -> ActionItem {
        ActionItem {
            id: id.into(),
            text: format!("text of {id}"),
            owner: owner.into(),
            delegate: None,
            due: due.parse::<NaiveDate>().unwrap(),
            timezone: zone.parse().unwrap(),
            status,
            meeting: id.split('/').next().unwrap_or(id).into(),
            body: "steering".into(),
            item: None,
            created: "2027-03-10T15:00:00Z".parse().unwrap(),
            created_by: "s".into(),
            history: vec![],
        }
    }

    fn now() -> DateTime<Utc> {
        "2027-04-01T20:00:00Z".parse().unwrap()
    }

    fn ids(filter: &ActionFilter, items: &[ActionItem]) -> Vec<String> {
        filter
            .select(items, now())
            .iter()
            .map(|i| i.id.clone())
            .collect()
    }

    const AKL: &str = "Pacific/Auckland";
    const LA: &str = "America/Los_Angeles";
    use ActionStatus::{Done, Dropped, Open};

    #[test]
    fn by_due_instant_then_meeting_and_number() {
        let items = [
            item("m/10", "eth", "2027-04-01", AKL, Open),
            item("m/2", "eth", "2027-04-01", AKL, Open),
            item("a/7", "eth", "2027-05-01", AKL, Open),
            item("a/1", "eth", "2027-04-01", AKL, Open),
        ];
        assert_eq!(
            ids(&ActionFilter::default(), &items),
            ["a/1", "m/2", "m/10", "a/7"]
        );
    }

    #[test]
    fn the_same_date_falls_due_first_where_the_day_ends_first() {
        // 1 April ends at 11:00 UTC in Auckland and at 07:00 UTC on 2 April
        // in Los Angeles, after 2 April has begun in Auckland.
        let items = [
            item("m/1", "ubc", "2027-04-01", LA, Open),
            item("m/2", "auckland", "2027-04-02", AKL, Open),
            item("m/3", "auckland", "2027-04-01", AKL, Open),
        ];
        assert_eq!(ids(&ActionFilter::default(), &items), ["m/3", "m/1", "m/2"]);
    }

    #[test]
    fn every_order_ends_with_meeting_and_number() {
        let items = [
            item("m/3", "ubc", "2027-04-01", AKL, Dropped),
            item("m/10", "eth", "2027-05-01", AKL, Open),
            item("m/2", "ubc", "2027-04-01", AKL, Open),
            item("a/1", "eth", "2027-04-01", AKL, Done),
        ];
        let by = |sort| ActionFilter {
            status: StatusFilter::All,
            sort,
            ..ActionFilter::default()
        };
        assert_eq!(
            ids(&by(SortKey::Due), &items),
            ["a/1", "m/2", "m/3", "m/10"]
        );
        assert_eq!(
            ids(&by(SortKey::Owner), &items),
            ["a/1", "m/10", "m/2", "m/3"]
        );
        assert_eq!(
            ids(&by(SortKey::Status), &items),
            ["m/2", "m/10", "a/1", "m/3"]
        );
        assert_eq!(
            ids(&by(SortKey::Meeting), &items),
            ["a/1", "m/2", "m/3", "m/10"]
        );
    }

    #[test]
    fn the_filter_combines_its_conditions() {
        let open = item("m/1", "auckland", "2027-04-01", AKL, Open);
        let done = item("m/2", "auckland", "2027-04-01", AKL, Done);
        let open_only = ActionFilter::default();
        assert!(open_only.matches(&open, now()) && !open_only.matches(&done, now()));
        let every = ActionFilter {
            status: StatusFilter::All,
            ..ActionFilter::default()
        };
        assert!(every.matches(&done, now()));
        let overdue = ActionFilter {
            status: StatusFilter::All,
            overdue: true,
            ..ActionFilter::default()
        };
        assert!(overdue.matches(&open, now()) && !overdue.matches(&done, now()));
        let early: DateTime<Utc> = "2027-04-01T10:00:00Z".parse().unwrap();
        assert!(!overdue.matches(&open, early));
        let other_owner = ActionFilter {
            owner: Some("ubc".into()),
            ..ActionFilter::default()
        };
        assert!(!other_owner.matches(&open, now()));
        let body = ActionFilter {
            body: Some("steering".into()),
            ..ActionFilter::default()
        };
        assert!(body.matches(&open, now()));
        let other_body = ActionFilter {
            body: Some("assembly".into()),
            ..ActionFilter::default()
        };
        assert!(!other_body.matches(&open, now()));
    }
}
