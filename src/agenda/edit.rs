//! Writing a value back into an agenda file by hand-edit rules: comments,
//! key order and layout stay exactly as the secretary wrote them.

use chrono::{DateTime, SecondsFormat, Utc};
use toml_edit::{DocumentMut, Formatted, Item, Value};

/// Why an agenda could not be edited.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file no longer parses (it changed since it was loaded).
    #[error("the agenda no longer parses as TOML: {0}")]
    Parse(String),
    /// The file has no `[meeting]` table.
    #[error("the agenda has no [meeting] table")]
    NoMeeting,
}

/// The agenda text with `[meeting] start` set to `start` (in UTC, `Z`).
/// An existing `start` keeps its comments and position; a new one goes at
/// the end of the `[meeting]` table.
pub fn set_start(text: &str, start: DateTime<Utc>) -> Result<String, EditError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Parse(e.message().to_owned()))?;
    let meeting = doc
        .get_mut("meeting")
        .and_then(Item::as_table_like_mut)
        .ok_or(EditError::NoMeeting)?;
    let stamp = start.to_rfc3339_opts(SecondsFormat::Secs, true);
    let datetime = stamp
        .parse::<toml_edit::Datetime>()
        .map_err(|e| EditError::Parse(e.to_string()))?;
    let mut value = Value::Datetime(Formatted::new(datetime));
    // Assigning a value drops the old one's decor (its trailing comment):
    // carry it over so the file reads as before.
    if let Some(old) = meeting.get("start").and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    meeting.insert("start", Item::Value(value));
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn replaces_start_and_keeps_its_comment() {
        let text = "# March meeting\n[meeting]\nid = \"m\"   # the id\nstart = 2027-03-10T14:00:00Z  # agreed in Feb\nduration = \"90m\"\n\n[[items]]\nid = \"a\" # first\n";
        let edited = set_start(text, at("2027-03-11T08:30:00Z")).unwrap();
        assert_eq!(
            edited,
            "# March meeting\n[meeting]\nid = \"m\"   # the id\nstart = 2027-03-11T08:30:00Z  # agreed in Feb\nduration = \"90m\"\n\n[[items]]\nid = \"a\" # first\n"
        );
    }

    #[test]
    fn adds_start_when_missing() {
        let text = "[meeting]\nid = \"m\" # keep\nduration = \"60m\"\n\n# items follow\n[[items]]\nid = \"a\"\n";
        let edited = set_start(text, at("2027-09-15T12:00:00Z")).unwrap();
        assert!(
            edited
                .contains("id = \"m\" # keep\nduration = \"60m\"\nstart = 2027-09-15T12:00:00Z\n"),
            "{edited}"
        );
        assert!(edited.contains("# items follow\n[[items]]"), "{edited}");
    }

    #[test]
    fn refuses_broken_or_meetingless_files() {
        assert!(matches!(
            set_start("[meeting", at("2027-01-01T00:00:00Z")),
            Err(EditError::Parse(_))
        ));
        assert_eq!(
            set_start("a = 1\n", at("2027-01-01T00:00:00Z")),
            Err(EditError::NoMeeting)
        );
    }
}
