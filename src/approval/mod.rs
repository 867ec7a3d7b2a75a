//! Approving a closed meeting's minutes (SPEC 9, docs/approval.md): the
//! draft is circulated and stored, members object within the veto window
//! (days of the alliance's zone), the chair or secretary rules, corrected
//! drafts follow an upheld objection, and the last draft stands approved
//! when the window ends (or by a `minutes-approval` vote at a later
//! meeting). The approved files are its exact bytes; the chair and the
//! secretary sign a canonical statement with SSH keys.
//!
//! The record is `records/<meeting-id>.approval.jsonl`, a journal like
//! every other ([`Journal`]), its first line anchored to the meeting
//! journal's final line: the meeting's journal and minutes stay as closed.
//! Meeting ids are `[a-z0-9-]+`, so `<id>.approval` never names a meeting.
//! This module knows no terminal: the front ends call [`Approval::record`]
//! and [`review`].

mod draft;
mod error;
mod review;
mod rules;
mod signature;
mod state;
mod statement;
mod stored;
#[cfg(test)]
mod tests;
mod vote;
mod window;

use chrono::{DateTime, Utc};

use crate::agenda::Agenda;
use crate::export::minutes::{MinutesFormat, html_of_markdown};
use crate::meeting::{Actor, ApprovalEvent, Event, Journal, Meeting, Record};
use crate::workspace::Workspace;

pub use draft::{Circulation, CorrectionRow};
pub use error::ApprovalError;
pub use review::{ApprovalReview, SignerCheck, review};
pub use rules::runs;
pub use signature::{
    MAX_SIGNATURE_BYTES, SignatureError, Verified, allowed_signers, fingerprint, holder,
    listed_key, slug, verify,
};
pub use state::{Anchor, ApprovalState, Approved, Correction, Draft, Objection, Ruling, Signature};
pub use statement::{NAMESPACE, STATEMENT_VERSION, first_difference, statement};
pub use stored::{read as read_stored, sha256};
pub use window::{day_in, last_day, window_end};

/// The file stem of a meeting's approval record under `records/`.
pub fn record_stem(meeting: &str) -> String {
    format!("{meeting}.approval")
}

/// Whether a journal's file stem is an approval record's, and of which
/// meeting.
pub fn meeting_of_record(stem: &str) -> Option<&str> {
    stem.strip_suffix(".approval")
}

/// One step asked for by a front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Circulate the draft (again, after an upheld objection).
    Circulate,
    /// A member objects.
    Object {
        /// An agenda item id, or `general`.
        item: String,
        /// The member objecting.
        member: String,
        /// Why.
        reason: String,
    },
    /// The chair or secretary rules on objection `objection`.
    Rule {
        /// Its number.
        objection: u32,
        /// Upheld or dismissed.
        upheld: bool,
        /// Why.
        reason: String,
    },
    /// A correction for the next draft.
    Correct {
        /// What is corrected.
        text: String,
    },
    /// The last draft stands approved.
    Approve,
    /// A signature over the statement, armored.
    Sign {
        /// `-----BEGIN SSH SIGNATURE-----` …
        armored: String,
    },
}

/// Where the minutes of a meeting stand, for screens and `plenary verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Not circulated: the minutes are a draft.
    Draft,
    /// Circulated, not approved.
    Circulated {
        /// The last draft.
        draft: Draft,
    },
    /// Approved.
    Approved {
        /// When and how.
        approved: Approved,
    },
}

impl Stage {
    /// The stage of `state`.
    pub fn of(state: &ApprovalState) -> Self {
        match (&state.approved, state.last_draft()) {
            (Some(a), _) => Self::Approved {
                approved: a.clone(),
            },
            (None, Some(d)) => Self::Circulated { draft: d.clone() },
            (None, None) => Self::Draft,
        }
    }

    /// `draft`, `circulated on 2027-03-15 (draft 1; objections until the
    /// end of 2027-03-25, Europe/Brussels)` or `approved on 2027-03-26`.
    pub fn describe(&self) -> String {
        match self {
            Self::Draft => "draft (not circulated)".to_owned(),
            Self::Circulated { draft } => match draft.veto_days {
                Some(days) => format!(
                    "circulated on {} (draft {}; objections until the end of {}, {})",
                    draft.date,
                    draft.number,
                    last_day(draft.date, days),
                    draft.timezone
                ),
                None => format!(
                    "circulated on {} (draft {}; approval by a minutes-approval vote)",
                    draft.date, draft.number
                ),
            },
            Self::Approved { approved } => match &approved.vote {
                Some(v) => format!("approved on {} (by the vote on {v})", approved.date),
                None => format!("approved on {} (the veto window ended)", approved.date),
            },
        }
    }
}

/// The statement of an approved record, as its lines make it.
pub fn statement_of(meeting: &str, state: &ApprovalState) -> Option<String> {
    let anchor = state.anchor.as_ref()?;
    let approved = state.approved.as_ref()?;
    Some(statement(
        meeting,
        anchor.seq,
        &anchor.sha256,
        &approved.markdown.sha256,
        &approved.json.sha256,
    ))
}

/// The approval of one meeting of a workspace.
#[derive(Debug, Clone)]
pub struct Approval<'a> {
    workspace: &'a Workspace,
    agenda: &'a Agenda,
    journal: Journal,
}

impl<'a> Approval<'a> {
    /// The approval of `agenda`'s meeting.
    pub fn new(workspace: &'a Workspace, agenda: &'a Agenda) -> Self {
        Self {
            workspace,
            agenda,
            journal: Journal::for_meeting(&workspace.root, &record_stem(&agenda.meeting.id)),
        }
    }

    /// The approval record on disk.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Reads, verifies and replays the approval record (empty when there
    /// is none yet).
    pub fn load(&self) -> Result<ApprovalState, ApprovalError> {
        let contents = self.journal.read()?;
        self.replay(&contents.records)
    }

    pub(super) fn replay(&self, records: &[Record]) -> Result<ApprovalState, ApprovalError> {
        ApprovalState::replay(records).map_err(|(seq, message)| ApprovalError::Replay {
            path: self.journal.path().display().to_string(),
            seq,
            message,
        })
    }

    /// Records `step` by `actor`, judged under the workspace's lock against
    /// the approval record and the closed meeting as they are on disk. The
    /// first step also writes the anchor. Returns the lines written and the
    /// state after them.
    pub fn record(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        step: &Step,
    ) -> Result<(Vec<Record>, ApprovalState), ApprovalError> {
        let meeting = Meeting::new(self.workspace, self.agenda)?;
        let records = self.journal.append(actor.person(), now, |records| {
            let state = self.replay(records)?;
            let (closed, contents) = meeting.load()?;
            let id = &self.agenda.meeting.id;
            let last = contents.records.last().filter(|_| closed.closed);
            let Some(last) = last else {
                return Err(ApprovalError::NotClosed(id.clone()));
            };
            let mut events = Vec::new();
            match &state.anchor {
                None => events.push(ApprovalEvent::Anchor {
                    meeting: id.clone(),
                    journal_seq: last.seq,
                    journal_sha256: contents.last_hash().to_owned(),
                }),
                Some(a) if a.seq != last.seq || a.sha256 != contents.last_hash() => {
                    return Err(ApprovalError::refused(format!(
                        "{} no longer ends at line {} with the SHA-256 the approval record anchors (line {} of {}): the closed journal was changed; see plenary check",
                        meeting.journal().path().display(),
                        a.seq,
                        a.line,
                        self.journal.path().display()
                    )));
                }
                Some(_) => {}
            }
            let mut anchored = state.clone();
            if let Some(ApprovalEvent::Anchor {
                journal_seq,
                journal_sha256,
                ..
            }) = events.first()
            {
                anchored.anchor = Some(Anchor {
                    seq: *journal_seq,
                    sha256: journal_sha256.clone(),
                    line: 1,
                });
            }
            let event =
                self.decide(actor, now, &anchored, &closed, meeting.context(), step)?;
            events.push(event);
            Ok(events
                .into_iter()
                .map(|e| Event::Approval(Box::new(e)))
                .collect())
        })?;
        let state = self.load()?;
        if matches!(step, Step::Sign { .. }) {
            let file = format!("{}.allowed_signers", self.agenda.meeting.id);
            stored::replace(
                &self.workspace.root,
                &file,
                &allowed_signers(&state.signatures),
            )?;
        }
        Ok((records, state))
    }

    /// Who must sign and has not signed in `state`, as `(member,
    /// person)`: what screens and `plenary verify` say is awaited.
    pub fn awaited_signers(&self, state: &ApprovalState) -> Vec<(String, String)> {
        self.required_signers()
            .into_iter()
            .filter(|(_, person)| !state.signatures.iter().any(|s| &s.person == person))
            .collect()
    }

    /// Who must sign the approved minutes: every chair delegate of the
    /// body's chair member and every secretary delegate, as
    /// `(member, person)`. Any other delegate may sign too.
    pub fn required_signers(&self) -> Vec<(String, String)> {
        let charter = &self.workspace.charter;
        let chair = charter
            .body(&self.agenda.meeting.body)
            .map(|b| b.chair.as_str());
        charter
            .members
            .iter()
            .flat_map(|m| m.delegates.iter().map(move |d| (m, d)))
            .filter(|(m, d)| {
                d.role == crate::charter::DelegateRole::Secretary
                    || (d.role == crate::charter::DelegateRole::Chair
                        && Some(m.id.as_str()) == chair)
            })
            .map(|(m, d)| (m.id.clone(), d.name.clone()))
            .collect()
    }
}

/// The approved minutes of `agenda`'s meeting in `format`, when they are
/// approved: the stored files' exact bytes (checked against their pinned
/// digests), HTML rendered from the approved Markdown. `None` before
/// approval.
pub fn approved_minutes(
    workspace: &Workspace,
    agenda: &Agenda,
    format: MinutesFormat,
) -> Result<Option<String>, ApprovalError> {
    let state = Approval::new(workspace, agenda).load()?;
    let Some(approved) = &state.approved else {
        return Ok(None);
    };
    let stored = match format {
        MinutesFormat::Json => &approved.json,
        MinutesFormat::Markdown | MinutesFormat::Html => &approved.markdown,
    };
    let bytes = stored::read_checked(&workspace.root, stored)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ApprovalError::refused(format!("records/{} is not UTF-8", stored.file)))?;
    Ok(Some(match format {
        MinutesFormat::Html => html_of_markdown(&text, &agenda.meeting.title),
        _ => text,
    }))
}
