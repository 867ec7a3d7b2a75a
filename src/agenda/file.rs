//! The agenda format as serde reads it: every key of SPEC 1.2 (plus an
//! item `description`), no others.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::model::{ItemKind, MeetingKind};

/// The top-level keys of an agenda.
pub const SECTIONS: [&str; 2] = ["meeting", "items"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFile {
    pub id: Spanned<String>,
    pub body: Spanned<String>,
    pub title: Spanned<String>,
    pub start: Option<Spanned<Datetime>>,
    pub duration: Option<Spanned<String>>,
    pub location: Option<String>,
    pub kind: Option<Spanned<MeetingKind>>,
    pub deadline: Option<Spanned<Datetime>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub kind: Spanned<ItemKind>,
    pub description: Option<String>,
    pub rule: Option<Spanned<String>>,
    pub minutes: Option<Spanned<i64>>,
    pub method: Option<Spanned<String>>,
    pub options: Option<Spanned<Vec<Spanned<String>>>>,
    pub seats: Option<Spanned<i64>>,
    pub approves: Option<Spanned<String>>,
}
