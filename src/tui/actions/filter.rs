//! How the screen's keys step through the filter: each press moves a
//! status, sort or owner on to the next. What the filter lets through and
//! in what order is [`crate::actions::ActionFilter`].

use crate::actions::{SortKey, StatusFilter};

/// The status after `now` in the cycle open → done → dropped → all.
pub fn next_status(now: StatusFilter) -> StatusFilter {
    next(&StatusFilter::ALL, now)
}

/// The sort after `now` in the cycle due → owner → status → meeting.
pub fn next_sort(now: SortKey) -> SortKey {
    next(&SortKey::ALL, now)
}

/// The owner after `now` among `owners` (sorted), then every owner again.
pub fn next_owner(now: Option<&str>, owners: &[&str]) -> Option<String> {
    let next = match now {
        None => owners.first(),
        Some(now) => owners
            .iter()
            .position(|o| *o == now)
            .and_then(|at| owners.get(at + 1)),
    };
    next.map(|o| (*o).to_owned())
}

/// The choice after `now` in `all`, back to the first after the last.
fn next<T: Copy + PartialEq>(all: &[T], now: T) -> T {
    let at = all.iter().position(|c| *c == now).map_or(0, |at| at + 1);
    all.get(at).or(all.first()).copied().unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_sorts_cycle() {
        let mut status = StatusFilter::Open;
        let mut seen = Vec::new();
        for _ in 0..4 {
            status = next_status(status);
            seen.push(status.name());
        }
        assert_eq!(seen, ["done", "dropped", "all", "open"]);
        let mut sort = SortKey::Due;
        let mut seen = Vec::new();
        for _ in 0..4 {
            sort = next_sort(sort);
            seen.push(sort.name());
        }
        assert_eq!(seen, ["owner", "status", "meeting", "due"]);
    }

    #[test]
    fn owners_cycle_through_every_owner() {
        let owners = ["eth", "ubc"];
        assert_eq!(next_owner(None, &owners).as_deref(), Some("eth"));
        assert_eq!(next_owner(Some("eth"), &owners).as_deref(), Some("ubc"));
        assert_eq!(next_owner(Some("ubc"), &owners), None);
        assert_eq!(next_owner(None, &[]), None);
    }
}
