//! One action item and its history.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::meeting::ActionStatus;
use crate::schedule::start_of_day;

/// An action item as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// `<meeting-id>/<n>`.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// The member responsible.
    pub owner: String,
    /// The named person at the owner, if any.
    pub delegate: Option<String>,
    /// Due by the end of this day in the owner's zone.
    pub due: NaiveDate,
    /// The owner's zone, in which `due` is meant.
    pub timezone: Tz,
    /// Open, done or dropped.
    pub status: ActionStatus,
    /// The meeting that agreed it.
    pub meeting: String,
    /// That meeting's body.
    pub body: String,
    /// The agenda item it came from, if any.
    pub item: Option<String>,
    /// When it was agreed.
    pub created: DateTime<Utc>,
    /// Who recorded it.
    pub created_by: String,
    /// Every change since, oldest first.
    pub history: Vec<ActionChange>,
}

/// One recorded change to an action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChange {
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub by: String,
    /// What changed, in words.
    pub what: String,
    /// The status it set, if it set one: when an item was marked done is
    /// the `at` of its last change to done (the VTODO's `COMPLETED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
}

/// The instant an action item due on `due` in `zone` falls due: the
/// midnight that ends that day there (SPEC 4: "end of that day where the
/// owner works"), correct across DST changes.
pub fn due_instant(due: NaiveDate, zone: Tz) -> DateTime<Utc> {
    start_of_day(zone, due.succ_opt().unwrap_or(due))
}

impl ActionItem {
    /// When it falls due, as an instant.
    pub fn due_at(&self) -> DateTime<Utc> {
        due_instant(self.due, self.timezone)
    }

    /// When it was marked done, for an item that is done now: the last
    /// change that set it to done.
    pub fn completed_at(&self) -> Option<DateTime<Utc>> {
        if self.status != ActionStatus::Done {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|c| c.status == Some(ActionStatus::Done))
            .map(|c| c.at)
    }

    /// Whether it is open and past due at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.status == ActionStatus::Open && now >= self.due_at()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(zone: &str) -> ActionItem {
        ActionItem {
            id: "m/1".into(),
            text: "t".into(),
            owner: "o".into(),
            delegate: None,
            due: NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
            timezone: zone.parse().unwrap(),
            status: ActionStatus::Open,
            meeting: "m".into(),
            body: "b".into(),
            item: None,
            created: "2027-03-10T14:00:00Z".parse().unwrap(),
            created_by: "s".into(),
            history: vec![],
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn overdue_is_judged_at_midnight_in_the_owners_zone() {
        // Auckland is UTC+13 until 4 April 2027: 1 April ends at 11:00 UTC.
        let auckland = item("Pacific/Auckland");
        assert_eq!(auckland.due_at(), at("2027-04-01T11:00:00Z"));
        assert!(!auckland.is_overdue(at("2027-04-01T10:59:59Z")));
        assert!(auckland.is_overdue(at("2027-04-01T11:00:00Z")));
        // Los Angeles is UTC-7 in April: 1 April ends at 07:00 UTC on 2 April.
        let la = item("America/Los_Angeles");
        assert_eq!(la.due_at(), at("2027-04-02T07:00:00Z"));
        // The same instant: overdue in Auckland, not yet in Los Angeles.
        let now = at("2027-04-01T20:00:00Z");
        assert!(auckland.is_overdue(now) && !la.is_overdue(now));
    }

    #[test]
    fn completed_is_when_it_was_last_marked_done() {
        let change = |at_: &str, status| ActionChange {
            at: at(at_),
            by: "s".into(),
            what: String::new(),
            status,
        };
        let mut done = item("Europe/Brussels");
        assert_eq!(done.completed_at(), None);
        done.history = vec![
            change("2027-03-20T10:00:00Z", Some(ActionStatus::Done)),
            change("2027-03-21T10:00:00Z", Some(ActionStatus::Open)),
            change("2027-03-22T10:00:00Z", Some(ActionStatus::Done)),
            change("2027-03-23T10:00:00Z", None),
        ];
        done.status = ActionStatus::Done;
        assert_eq!(done.completed_at(), Some(at("2027-03-22T10:00:00Z")));
        done.status = ActionStatus::Dropped;
        assert_eq!(done.completed_at(), None);
    }

    #[test]
    fn done_items_are_never_overdue() {
        let mut done = item("Europe/Brussels");
        done.status = ActionStatus::Done;
        assert!(!done.is_overdue(at("2030-01-01T00:00:00Z")));
    }
}
