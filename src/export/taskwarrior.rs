//! Action items as Taskwarrior tasks: the JSON `task import` reads
//! (docs/actions.md). One object per item in a JSON array; each keeps a
//! UUID derived from the action id, so importing a later export updates
//! the tasks instead of adding them again.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::actions::ActionItem;
use crate::charter::Charter;
use crate::meeting::ActionStatus;

/// One task, with Taskwarrior's attribute names. The owner, the meeting,
/// the body and the action id are user-defined attributes (UDAs); the
/// owner and the meeting are tags too, so `task +plenary +eth list` works
/// without defining the UDAs.
#[derive(Debug, Serialize)]
struct Task {
    uuid: String,
    description: String,
    status: &'static str,
    entry: String,
    modified: String,
    due: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    project: String,
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<Annotation>,
    plenaryid: String,
    plenaryowner: String,
    plenarymeeting: String,
    plenarybody: String,
}

/// A note on a task: one entry of the item's history.
#[derive(Debug, Serialize)]
struct Annotation {
    entry: String,
    description: String,
}

/// Taskwarrior's date-time form, always UTC: `20270401T110000Z`.
fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A UUID (RFC 9562 version 8, name-based on SHA-256) for the action `id`
/// of the alliance: the same item always gets the same UUID.
pub fn task_uuid(id: &str, alliance: &str) -> String {
    let digest = Sha256::digest(format!("plenary:{alliance}:{id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The last time the item's status was set to `status`.
fn last_set(item: &ActionItem, status: ActionStatus) -> Option<DateTime<Utc>> {
    item.history
        .iter()
        .rev()
        .find(|c| c.status == Some(status))
        .map(|c| c.at)
}

/// The list as the JSON array `task import` takes: status `pending`,
/// `completed` or `deleted` (with `end`, when it was marked done or
/// dropped), `due` the due instant in UTC, `project` `<alliance>.<body>`,
/// tags `plenary`, the owner and the meeting, the history as annotations.
pub fn actions_taskwarrior(
    items: &[&ActionItem],
    charter: &Charter,
) -> Result<String, serde_json::Error> {
    let alliance = &charter.alliance.id;
    let tasks: Vec<Task> = items
        .iter()
        .map(|item| {
            let (status, end) = match item.status {
                ActionStatus::Open => ("pending", None),
                ActionStatus::Done => ("completed", last_set(item, ActionStatus::Done)),
                ActionStatus::Dropped => ("deleted", last_set(item, ActionStatus::Dropped)),
            };
            let modified = item.history.last().map_or(item.created, |c| c.at);
            Task {
                uuid: task_uuid(&item.id, alliance),
                description: crate::text::one_line(&item.text).into_owned(),
                status,
                entry: stamp(item.created),
                modified: stamp(modified),
                due: stamp(item.due_at()),
                // Taskwarrior needs an end for a closed task; an item closed
                // without a recorded time (never, from plenary) ends when
                // it was last changed.
                end: (status != "pending").then(|| stamp(end.unwrap_or(modified))),
                project: format!("{alliance}.{}", item.body),
                tags: vec![
                    "plenary".to_owned(),
                    item.owner.clone(),
                    item.meeting.clone(),
                ],
                annotations: item
                    .history
                    .iter()
                    .map(|c| Annotation {
                        entry: stamp(c.at),
                        description: crate::text::one_line(&format!("{}: {}", c.by, c.what))
                            .into_owned(),
                    })
                    .collect(),
                plenaryid: item.id.clone(),
                plenaryowner: item.owner.clone(),
                plenarymeeting: item.meeting.clone(),
                plenarybody: item.body.clone(),
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&tasks)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_version_8_and_distinct() {
        let a = task_uuid("2027-03-steering/1", "gcra");
        assert_eq!(a, task_uuid("2027-03-steering/1", "gcra"));
        assert_ne!(a, task_uuid("2027-03-steering/2", "gcra"));
        assert_ne!(a, task_uuid("2027-03-steering/1", "other"));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'), "{a}");
        assert!(
            matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "{a}"
        );
    }
}
