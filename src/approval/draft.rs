//! The draft minutes as circulated: the minutes the exporters make of the
//! closed meeting, followed by a section on their approval (the draft's
//! number, its window, and the corrections made since earlier drafts).
//! Pure: the caller stores the text.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::export::minutes::{Minutes, json, markdown};

/// What a draft says about its own circulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Circulation {
    /// Its number.
    pub draft: u32,
    /// The day it went out, in the alliance's zone.
    pub circulated: NaiveDate,
    /// That zone.
    pub timezone: String,
    /// The window's length in days; none when approval needs a vote.
    pub veto_days: Option<u32>,
    /// The last day members may object (in `timezone`).
    pub objections_until: Option<NaiveDate>,
    /// The first instant after the window, in UTC.
    pub window_ends: Option<DateTime<Utc>>,
    /// The corrections made since earlier drafts, in order.
    pub corrections: Vec<CorrectionRow>,
}

/// One correction in the annex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectionRow {
    /// The draft it corrects.
    pub to_draft: u32,
    /// What is corrected.
    pub text: String,
}

#[derive(Serialize)]
struct DraftJson<'a> {
    #[serde(flatten)]
    minutes: &'a Minutes,
    approval: &'a Circulation,
}

/// The draft's Markdown and JSON.
pub fn render(minutes: &Minutes, circulation: &Circulation) -> (String, String) {
    let mut md = markdown(minutes);
    if !md.ends_with('\n') {
        md.push('\n');
    }
    md.push_str(&annex(circulation));
    let document = DraftJson {
        minutes,
        approval: circulation,
    };
    // Only strings, numbers, booleans, lists and structs: always serializes;
    // the plain minutes are the fallback that cannot fail.
    let text = serde_json::to_string_pretty(&document)
        .map(|mut t| {
            t.push('\n');
            t
        })
        .unwrap_or_else(|_| json(minutes));
    (md, text)
}

fn annex(c: &Circulation) -> String {
    let mut text = format!(
        "\n## Approval of these minutes\n\nDraft {}, circulated on {}.",
        c.draft, c.circulated
    );
    match (c.veto_days, c.objections_until) {
        (Some(days), Some(until)) => text.push_str(&format!(
            " Members may object until the end of {until} ({}), {days} day{} after circulation; without an upheld objection the minutes then stand approved.\n",
            c.timezone,
            if days == 1 { "" } else { "s" }
        )),
        _ => text.push_str(
            " The body sets no veto window: these minutes are approved by a vote at a later meeting.\n",
        ),
    }
    if !c.corrections.is_empty() {
        text.push_str("\n### Corrections to earlier drafts\n\n");
        for (n, row) in c.corrections.iter().enumerate() {
            text.push_str(&format!(
                "{}. To draft {}: {}\n",
                n + 1,
                row.to_draft,
                crate::export::minutes::escape::inline(&row.text)
            ));
        }
    }
    text
}
