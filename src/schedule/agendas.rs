//! Agendas for a planned series (`--write-agendas`): one per occurrence,
//! made from a template agenda by hand-edit rules, so that its comments,
//! items and layout stay as the secretary wrote them. Only the meeting's
//! `id`, `body`, `title` and `start` change. Pure: text in, text out.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use toml_edit::{DocumentMut, Item, Value};

use super::series::Occurrence;
use crate::agenda::{EditError, set_start};

/// One agenda to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAgenda {
    /// The meeting id (and file stem).
    pub id: String,
    /// The agenda's text.
    pub text: String,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One agenda per occurrence, from `template`: ids `YYYY-MM-<body>` (with
/// the day, `YYYY-MM-DD-<body>`, when two meetings share a month), dates as
/// the alliance's `zone` reads them, titles `<body name>, <Month YYYY>`.
pub fn agendas_from_template(
    template: &str,
    body: &str,
    body_name: &str,
    zone: Tz,
    occurrences: &[Occurrence],
) -> Result<Vec<PlannedAgenda>, EditError> {
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).date_naive();
    let months: Vec<(i32, u32)> = occurrences
        .iter()
        .map(|o| {
            let d = local(o.slot.start);
            (d.year(), d.month())
        })
        .collect();
    let shared = |m: &(i32, u32)| months.iter().filter(|x| *x == m).count() > 1;
    occurrences
        .iter()
        .zip(&months)
        .map(|(o, month)| {
            let d = local(o.slot.start);
            let month_name = MONTHS[d.month0() as usize];
            let (id, title) = if shared(month) {
                (
                    format!("{}-{body}", d.format("%Y-%m-%d")),
                    format!("{body_name}, {} {month_name} {}", d.day(), d.year()),
                )
            } else {
                (
                    format!("{}-{body}", d.format("%Y-%m")),
                    format!("{body_name}, {month_name} {}", d.year()),
                )
            };
            let text = fill(template, &id, body, &title)?;
            let text = set_start(&text, o.slot.start)?;
            Ok(PlannedAgenda { id, text })
        })
        .collect()
}

/// `template` with the meeting's id, body and title set, comments kept.
fn fill(template: &str, id: &str, body: &str, title: &str) -> Result<String, EditError> {
    let mut doc: DocumentMut = template
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Parse(e.message().to_owned()))?;
    let meeting = doc
        .get_mut("meeting")
        .and_then(Item::as_table_like_mut)
        .ok_or(EditError::NoMeeting)?;
    for (key, text) in [("id", id), ("body", body), ("title", title)] {
        let mut value = Value::from(text);
        if let Some(old) = meeting.get(key).and_then(Item::as_value) {
            *value.decor_mut() = old.decor().clone();
        }
        meeting.insert(key, Item::Value(value));
    }
    Ok(doc.to_string())
}
