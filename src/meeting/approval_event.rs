//! The events of a meeting's approval record
//! (`records/<meeting-id>.approval.jsonl`, docs/approval.md): one
//! [`Event::Approval`](super::Event::Approval) a line, chained like every
//! journal. Only their shape lives here; the rules are `crate::approval`'s.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::charter::DelegateRole;

/// One step in the approval of a closed meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum ApprovalEvent {
    /// The first line, written automatically: the meeting's journal as it
    /// was closed, which everything after it is about.
    Anchor {
        /// The meeting id.
        meeting: String,
        /// The `seq` of the journal's last line (its `meeting-closed`).
        journal_seq: u64,
        /// The SHA-256 of that line.
        journal_sha256: String,
    },
    /// A draft of the minutes is circulated: stored under `records/`, and
    /// the veto window opens.
    Circulated {
        /// 1 for the first draft, then one more per circulation.
        draft: u32,
        /// The draft's Markdown file.
        markdown: StoredFile,
        /// The draft's JSON file.
        json: StoredFile,
        /// The day it went out, in the alliance's zone.
        date: NaiveDate,
        /// The alliance's zone, in which the window's days are counted.
        timezone: String,
        /// The body's `veto_days` then (none: approval needs a vote).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        veto_days: Option<u32>,
        /// The first instant after the window: the end of day `date +
        /// veto_days` in `timezone`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window_ends: Option<DateTime<Utc>>,
    },
    /// A member objects to the circulated draft. Objections are numbered
    /// from 1 in the order recorded.
    Objection {
        /// An agenda item id, or `general`.
        item: String,
        /// The member objecting.
        member: String,
        /// Why.
        reason: String,
    },
    /// The chair or the secretary rules on an objection.
    Ruling {
        /// The objection's number.
        objection: u32,
        /// Upheld (the draft must be corrected) or dismissed.
        upheld: bool,
        /// Why.
        reason: String,
    },
    /// A correction to the draft, listed in the next draft's annex.
    Correction {
        /// What is corrected.
        text: String,
    },
    /// The last circulated draft stands approved; its bytes are stored as
    /// the approved minutes, with the statement to sign.
    Approved {
        /// The day of approval, in the alliance's zone.
        date: NaiveDate,
        /// The agenda item of a later meeting whose vote approved it, as
        /// `meeting/item`; none when the veto window ended without an
        /// upheld objection.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vote: Option<String>,
        /// The approved Markdown (the last draft's bytes).
        markdown: StoredFile,
        /// The approved JSON (the last draft's bytes).
        json: StoredFile,
        /// The canonical statement signers sign.
        statement: StoredFile,
    },
    /// A signature over the statement, verified and matched to a delegate
    /// of the charter when it was added; their key is pinned here.
    Signed {
        /// The signer, as the charter names them.
        person: String,
        /// Their member.
        member: String,
        /// Their role then.
        role: DelegateRole,
        /// Their public key (OpenSSH text, without comment).
        public_key: String,
        /// Its `SHA256:` fingerprint.
        fingerprint: String,
        /// The armored signature file.
        signature: StoredFile,
    },
}

/// A file plenary stored under `records/`, with the digest of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// Its path under `records/` (`2027-03-steering.draft-1.md`).
    pub file: String,
    /// The SHA-256 (hex) of its bytes.
    pub sha256: String,
}

impl ApprovalEvent {
    /// A short human description: `objection 1 by uct on budget: …`.
    pub fn describe(&self) -> String {
        match self {
            Self::Anchor {
                meeting,
                journal_seq,
                journal_sha256,
            } => format!(
                "anchored to {meeting} line {journal_seq} ({})",
                journal_sha256.get(..12).unwrap_or(journal_sha256)
            ),
            Self::Circulated {
                draft,
                date,
                window_ends,
                ..
            } => match window_ends {
                Some(end) => format!(
                    "draft {draft} circulated on {date}; objections until {} UTC",
                    end.format("%Y-%m-%d %H:%M")
                ),
                None => format!("draft {draft} circulated on {date}; approval by vote"),
            },
            Self::Objection {
                item,
                member,
                reason,
            } => format!("objection by {member} on {item}: {reason}"),
            Self::Ruling {
                objection,
                upheld,
                reason,
            } => {
                let ruling = if *upheld { "upheld" } else { "dismissed" };
                format!("objection {objection} {ruling}: {reason}")
            }
            Self::Correction { text } => format!("correction: {text}"),
            Self::Approved { date, vote, .. } => match vote {
                Some(v) => format!("approved on {date} by the vote on {v}"),
                None => format!("approved on {date}: the veto window ended"),
            },
            Self::Signed {
                person,
                member,
                fingerprint,
                ..
            } => format!("signed by {person} ({member}), {fingerprint}"),
        }
    }
}
