//! Action-item lists (SPEC 4, 5): the four forms they take — a table for
//! people, CSV for spreadsheets, JSON for programs and iCalendar VTODOs
//! for task lists.
//!
//! Pure functions from the register's items to text: reading the journals
//! is `actions::Register`, which items and in which order is
//! `actions::ActionFilter`, writing files is `files::write_atomic`. "Now"
//! is passed in, so "overdue" is reproducible.
//!
//! A due date means the end of that day in the owner's zone; every form
//! gives the date, the zone and the instant in UTC side by side.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, Todo, TodoStatus};
use serde::Serialize;

use crate::actions::ActionItem;
use crate::charter::Charter;
use crate::meeting::ActionStatus;

/// Why a list could not be written out.
#[derive(Debug, thiserror::Error)]
pub enum ActionListError {
    /// The CSV writer failed.
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
    /// The JSON serializer failed.
    #[error("the JSON could not be written: {0}")]
    Json(#[from] serde_json::Error),
}

/// The status cell: the status, with `OVERDUE` for an open item past due.
fn status_cell(item: &ActionItem, now: DateTime<Utc>) -> String {
    if item.is_overdue(now) {
        format!("{} OVERDUE", item.status.name())
    } else {
        item.status.name().to_owned()
    }
}

/// The owner, with the named person in parentheses.
fn owner_cell(item: &ActionItem) -> String {
    match &item.delegate {
        Some(d) => format!("{} ({d})", item.owner),
        None => item.owner.clone(),
    }
}

/// Text from a file or a journal as one cell: line breaks and tabs become
/// spaces, other control characters are escaped, so that it can neither
/// break a row nor drive a terminal.
fn one_line(text: &str) -> String {
    crate::text::one_line(text).into_owned()
}

/// The list as an aligned table, one item a line, then a line saying how
/// many items there are and how to read DUE:
///
/// ```text
/// ID                  STATUS        DUE         ENDS (UTC)        OWNER'S ZONE      OWNER     ITEM         TEXT
/// 2027-03-steering/2  open OVERDUE  2027-04-01  2027-04-01 11:00  Pacific/Auckland  auckland  budget-2027  Circulate the call
/// ```
///
/// With a `width`, every line fits in it where it can (docs/actions.md):
/// long text is cut with `…` and less needed columns are left out, in the
/// order of [`NARROWING`], until it fits; a note under the table names
/// what was left out. Without one, every column is shown in full.
pub fn actions_table(items: &[&ActionItem], now: DateTime<Utc>, width: Option<usize>) -> String {
    let header = [
        "ID",
        "STATUS",
        "DUE",
        "ENDS (UTC)",
        "OWNER'S ZONE",
        "OWNER",
        "ITEM",
        "TEXT",
    ];
    let rows: Vec<[String; 8]> = items
        .iter()
        .map(|i| {
            [
                i.id.clone(),
                status_cell(i, now),
                i.due.to_string(),
                i.due_at().format("%Y-%m-%d %H:%M").to_string(),
                i.timezone.name().to_owned(),
                one_line(&owner_cell(i)),
                i.item.clone().unwrap_or_else(|| "-".to_owned()),
                one_line(&i.text),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let layout = width.map_or_else(|| Layout::full(widths), |w| Layout::fit(widths, w));
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let shown: Vec<(String, usize)> = layout
            .columns
            .iter()
            .map(|&(column, w)| (cut(cells[column], w), w))
            .collect();
        let mut text = String::new();
        for (n, (cell, w)) in shown.iter().enumerate() {
            text.push_str(cell);
            if n + 1 < shown.len() {
                let pad = w.saturating_sub(cell.chars().count()) + GAP;
                text.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    if !rows.is_empty() {
        line(&header);
        for row in &rows {
            line(&row.each_ref().map(String::as_str));
        }
    }
    let mut notes = summary(items, now);
    if !rows.is_empty() && !layout.left_out.is_empty() {
        let names: Vec<&str> = layout.left_out.iter().map(|&c| header[c]).collect();
        notes.push_str(&format!(
            "{} left out to fit {} columns; --format csv has every column.\n",
            names.join(", "),
            width.unwrap_or_default()
        ));
    }
    match width {
        Some(width) => notes.lines().for_each(|l| wrap(l, width, &mut out)),
        None => out.push_str(&notes),
    }
    out
}

/// Appends `text` to `out` as lines of at most `width` characters, broken
/// at spaces (a word longer than the width stands on a line of its own).
fn wrap(text: &str, width: usize, out: &mut String) {
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}

/// Spaces between two columns of the table.
const GAP: usize = 2;

/// Table columns, by index into the header.
const ENDS: usize = 3;
const ZONE: usize = 4;
const OWNER: usize = 5;
const ITEM: usize = 6;
const TEXT: usize = 7;

/// One way to narrow the table.
#[derive(Clone, Copy)]
enum Narrowing {
    /// Cut a column to at most this many characters, `…` included.
    Cut(usize, usize),
    /// Leave a column out.
    Leave(usize),
}

/// How a table too wide for its width is narrowed, in order, until it
/// fits: what matters least goes first; ID, status and due date stay.
const NARROWING: [Narrowing; 6] = [
    Narrowing::Cut(TEXT, 20),
    Narrowing::Leave(ITEM),
    Narrowing::Leave(ZONE),
    Narrowing::Cut(OWNER, 10),
    Narrowing::Leave(ENDS),
    Narrowing::Cut(TEXT, 10),
];

/// Which columns the table shows, each with its width.
struct Layout {
    columns: Vec<(usize, usize)>,
    left_out: Vec<usize>,
}

impl Layout {
    fn full(widths: [usize; 8]) -> Self {
        Self {
            columns: widths.into_iter().enumerate().collect(),
            left_out: Vec::new(),
        }
    }

    /// `widths` narrowed step by step ([`NARROWING`]) until a line fits in
    /// `width`; then the text and the owner take whatever room is left, up
    /// to their full length.
    fn fit(mut widths: [usize; 8], width: usize) -> Self {
        let mut shown = [true; 8];
        let total = |widths: &[usize; 8], shown: &[bool; 8]| {
            let columns: Vec<usize> = (0..8).filter(|&c| shown[c]).collect();
            columns.iter().map(|&c| widths[c]).sum::<usize>()
                + GAP * columns.len().saturating_sub(1)
        };
        let natural = widths;
        for step in NARROWING {
            if total(&widths, &shown) <= width {
                break;
            }
            match step {
                Narrowing::Cut(column, most) => widths[column] = widths[column].min(most),
                Narrowing::Leave(column) => shown[column] = false,
            }
        }
        // Leaving a column out may free more than was needed: the room
        // left goes back to the text, then the owner.
        for column in [TEXT, OWNER] {
            let spare = width.saturating_sub(total(&widths, &shown));
            widths[column] = (widths[column] + spare).min(natural[column]);
        }
        let left_out = NARROWING
            .iter()
            .filter_map(|step| match *step {
                Narrowing::Leave(column) if !shown[column] => Some(column),
                _ => None,
            })
            .collect();
        Self {
            columns: (0..8)
                .filter(|&c| shown[c])
                .map(|c| (c, widths[c]))
                .collect(),
            left_out,
        }
    }
}

/// `text` cut to `width` characters, ending in `…` when it was longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut kept: String = text.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

fn summary(items: &[&ActionItem], now: DateTime<Utc>) -> String {
    let overdue = items.iter().filter(|i| i.is_overdue(now)).count();
    let count = match items.len() {
        0 => "No action items match".to_owned(),
        1 => "1 action item".to_owned(),
        n => format!("{n} action items"),
    };
    let mut text = format!(
        "{count}, {overdue} overdue, at {}.",
        now.format("%Y-%m-%d %H:%M UTC")
    );
    if !items.is_empty() {
        text.push_str(
            " DUE is the end of that day in the owner's zone; ENDS (UTC) is that instant in UTC.",
        );
    }
    text.push('\n');
    text
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "id", "status", "overdue", "owner", "delegate", "due", "due_utc", "timezone", "meeting",
    "body", "item", "text",
];

/// The list as CSV (RFC 4180): a header row of [`CSV_COLUMNS`], then one
/// row per item. `overdue` is `true` or `false`; `due_utc` is RFC 3339;
/// an absent delegate or item is an empty field.
pub fn actions_csv(items: &[&ActionItem], now: DateTime<Utc>) -> Result<String, ActionListError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for i in items {
        writer.write_record([
            i.id.as_str(),
            i.status.name(),
            if i.is_overdue(now) { "true" } else { "false" },
            &one_line(&i.owner),
            &one_line(i.delegate.as_deref().unwrap_or("")),
            &i.due.to_string(),
            &i.due_at()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            i.timezone.name(),
            &i.meeting,
            &i.body,
            i.item.as_deref().unwrap_or(""),
            &one_line(&i.text),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One item in the JSON list: every field of [`ActionItem`], plus when it
/// falls due as an instant and whether it is overdue.
#[derive(Debug, Serialize)]
struct JsonItem<'a> {
    #[serde(flatten)]
    item: &'a ActionItem,
    due_at: DateTime<Utc>,
    overdue: bool,
}

/// The list as a JSON array (pretty-printed, ending in a newline). Each
/// element is an [`ActionItem`] (`id`, `text`, `owner`, `delegate` or
/// null, `due` as `YYYY-MM-DD`, `timezone`, `status`, `meeting`, `body`,
/// `item` or null, `created`, `created_by`, `history` of `{at, by, what}`,
/// with `status` when the change set one)
/// with `due_at` (the instant, RFC 3339 UTC) and `overdue` added.
pub fn actions_json(items: &[&ActionItem], now: DateTime<Utc>) -> Result<String, ActionListError> {
    let list: Vec<JsonItem> = items
        .iter()
        .map(|item| JsonItem {
            item,
            due_at: item.due_at(),
            overdue: item.is_overdue(now),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list)?;
    text.push('\n');
    Ok(text)
}

/// The UID of an action item's VTODO: `<meeting>.<n>@<alliance>.plenary`
/// (the `/` of the id becomes `.`), stable across exports so that a task
/// list updates the task instead of adding a second one.
pub fn todo_uid(id: &str, alliance: &str) -> String {
    format!("{}@{alliance}.plenary", id.replace('/', "."))
}

/// The list as an iCalendar (RFC 5545) file with one VTODO per item.
///
/// DUE is the due instant in UTC: the `icalendar` crate writes no
/// VTIMEZONE, so the owner's zone is named in the DESCRIPTION instead
/// ("due 2027-04-01, end of day in Pacific/Auckland"). RELATED-TO points
/// at the UID of the meeting's invitation (`plenary invite`), CATEGORIES
/// name the meeting and the body, SEQUENCE counts the item's updates and
/// DTSTAMP is `now`.
pub fn actions_calendar(items: &[&ActionItem], charter: &Charter, now: DateTime<Utc>) -> String {
    let alliance = &charter.alliance.id;
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//plenary//plenary//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property((
            "X-WR-CALNAME",
            format!("{} action items", one_line(&charter.alliance.name)).as_str(),
        ));
    for item in items {
        let mut todo = Todo::new();
        todo.uid(&todo_uid(&item.id, alliance))
            .timestamp(now)
            .sequence(u32::try_from(item.history.len()).unwrap_or(u32::MAX))
            .created(item.created)
            .last_modified(item.history.last().map_or(item.created, |c| c.at))
            .summary(&one_line(&item.text))
            .description(&todo_description(item, charter))
            .due(item.due_at())
            .status(match item.status {
                ActionStatus::Open => TodoStatus::NeedsAction,
                ActionStatus::Done => TodoStatus::Completed,
                ActionStatus::Dropped => TodoStatus::Cancelled,
            })
            .add_property("RELATED-TO", format!("{}@{alliance}.plenary", item.meeting))
            .add_property("X-PLENARY-ACTION", item.id.as_str())
            .categories([item.meeting.as_str(), item.body.as_str()]);
        if item.status == ActionStatus::Done {
            todo.percent_complete(100);
        }
        if let Some(completed) = item.completed_at() {
            todo.completed(completed);
        }
        calendar.push(todo.done());
    }
    super::ics::refold(&calendar.done().to_string())
}

fn todo_description(item: &ActionItem, charter: &Charter) -> String {
    let owner = charter.member(&item.owner).map_or_else(
        || one_line(&item.owner),
        |m| format!("{} ({})", one_line(&m.name), m.id),
    );
    let mut text = format!(
        "Action {}: due {}, end of day in {} ({} UTC).\nOwner: {owner}",
        item.id,
        item.due,
        item.timezone.name(),
        item.due_at().format("%Y-%m-%d %H:%M"),
    );
    if let Some(delegate) = &item.delegate {
        text.push_str(&format!(", {}", one_line(delegate)));
    }
    text.push_str(&format!(
        "\nAgreed by {} in meeting {}",
        item.body, item.meeting
    ));
    if let Some(agenda_item) = &item.item {
        text.push_str(&format!(", item {agenda_item}"));
    }
    text.push_str(&format!(
        ", {} by {}.",
        item.created.format("%Y-%m-%d"),
        one_line(&item.created_by)
    ));
    for change in &item.history {
        text.push_str(&format!(
            "\n{} {}: {}",
            change.at.format("%Y-%m-%d %H:%M UTC"),
            one_line(&change.by),
            one_line(&change.what.to_string())
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn item(id: &str, due: &str, status: ActionStatus) -> ActionItem {
        ActionItem {
            id: id.into(),
            text: format!("text of {id}"),
            owner: "auckland".into(),
            delegate: None,
            due: due.parse::<NaiveDate>().unwrap(),
            timezone: chrono_tz::Pacific::Auckland,
            status,
            meeting: id.split('/').next().unwrap().into(),
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

    #[test]
    fn the_table_keeps_each_item_on_one_line() {
        let mut multi = item("m/1", "2027-04-01", ActionStatus::Open);
        multi.text = "first line\nsecond\tline".into();
        let table = actions_table(&[&multi], now(), None);
        assert_eq!(table.lines().count(), 3, "{table}");
        assert!(table.contains("first line second line"), "{table}");
        assert!(table.contains("open OVERDUE"), "{table}");
    }

    #[test]
    fn notes_wrap_at_spaces() {
        let mut out = String::new();
        wrap("one two three four", 9, &mut out);
        assert_eq!(out, "one two\nthree\nfour\n");
        let mut out = String::new();
        wrap("a unbreakable-word b", 5, &mut out);
        assert_eq!(out, "a\nunbreakable-word\nb\n");
    }

    #[test]
    fn uids_are_stable_and_slash_free() {
        assert_eq!(
            todo_uid("2027-03-steering/12", "gcra"),
            "2027-03-steering.12@gcra.plenary"
        );
    }
}
