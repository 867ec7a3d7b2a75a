//! Minutes of a meeting (SPEC 5): built once from the workspace's charter
//! and agenda, the state replayed from the journal and the journal's
//! records, then rendered as Markdown, HTML or JSON. Building and rendering
//! are pure; [`for_meeting`] reads the journals for the front ends, which
//! write the files where [`output_path`] says.
//!
//! The JSON keys and the Markdown layout are documented in
//! `docs/minutes.md`.

mod actions;
mod build;
mod build_items;
pub(crate) mod escape;
mod format;
mod html;
mod load;
mod markdown;
mod markdown_annex;
mod markdown_items;
mod markdown_written;
mod model;
#[cfg(test)]
mod tests;
mod when;
mod written;

pub use build::MinutesError;
pub use format::{MinutesFormat, output_path};
pub(crate) use html::escape as escape_html;
pub use html::{html, html_of_markdown};
pub use load::{LoadError, for_meeting};
pub use markdown::markdown;
pub use model::{
    ActionRow, Actions, Attendance, AttendanceRow, BallotRow, DecisionMinutes, DecisionOutcome,
    ItemMinutes, ItemStatus, JournalInfo, MeetingInfo, MemberTally, Minutes, Moment, Named,
    Presence, Quorum, RankingMinutes, RankingOutcome, RollCallRow, RollCallVote, Tally,
};
pub use written::{
    DeadlineRow, EndRow, ExtensionRow, ReplyRow, SilentRow, VoidedRow, WrittenItem, WrittenMinutes,
};

/// The minutes as pretty-printed JSON (keys in the order of the model's
/// fields), ending with a newline.
pub fn json(m: &Minutes) -> String {
    // The model has only strings, numbers, booleans, lists and structs
    // with string keys, which serde_json always serializes.
    let mut text = serde_json::to_string_pretty(m).unwrap_or_default();
    text.push('\n');
    text
}
