//! A meeting as it happens: events, the hash-chained journal on disk, and
//! the state replayed from it (SPEC 3). Every front end records through
//! [`Meeting::record`] and reads through [`Meeting::load`].

mod check;
mod error;
mod event;
mod journal;
mod outcome;
mod state;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

pub use check::{JournalReview, check_journals, review_journals};
pub use error::RecordError;
pub use event::{ActionStatus, Event, Record};
pub use journal::{
    Contents, GENESIS, Journal, JournalError, MAX_JOURNAL_BYTES, REGISTER, TornTail, hash_line,
    verify,
};
pub use outcome::{decide_item, decision, rank_item};
pub use state::{AgreedAction, Context, ItemState, MeetingState, check_owner};

use crate::agenda::Agenda;
use crate::workspace::Workspace;

/// Why a meeting could not be read or an event not recorded.
#[derive(Debug, thiserror::Error)]
pub enum MeetingError {
    /// The journal is unreadable or has been tampered with.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The rules do not allow the event now; nothing was written.
    #[error(transparent)]
    Rule(#[from] RecordError),
    /// An event already in the journal breaks the rules: the journal does
    /// not match this agenda and charter. Event `seq` is on line `seq`.
    #[error("{path}:{seq}:1: event {seq} does not fit this agenda and charter: {error}")]
    Replay {
        /// The journal.
        path: String,
        /// The event's sequence number.
        seq: u64,
        /// What rule it breaks.
        error: RecordError,
    },
    /// The agenda names a body the charter does not define.
    #[error("the meeting's body `{0}` is not in the charter")]
    UnknownBody(String),
}

/// One meeting of a workspace: its rules and its journal.
#[derive(Debug, Clone)]
pub struct Meeting<'a> {
    ctx: Context<'a>,
    journal: Journal,
}

impl<'a> Meeting<'a> {
    /// The meeting of `agenda` in `workspace`.
    pub fn new(workspace: &'a Workspace, agenda: &'a Agenda) -> Result<Self, MeetingError> {
        let ctx = Context::new(&workspace.charter, agenda)
            .ok_or_else(|| MeetingError::UnknownBody(agenda.meeting.body.clone()))?;
        Ok(Self {
            ctx,
            journal: Journal::for_meeting(&workspace.root, &agenda.meeting.id),
        })
    }

    /// The charter, agenda and body.
    pub fn context(&self) -> &Context<'a> {
        &self.ctx
    }

    /// The journal on disk.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Reads, verifies and replays the journal.
    pub fn load(&self) -> Result<(MeetingState, Contents), MeetingError> {
        let contents = self.journal.read()?;
        let state = self.replay(&contents.records)?;
        Ok((state, contents))
    }

    fn replay(&self, records: &[Record]) -> Result<MeetingState, MeetingError> {
        MeetingState::replay(records, &self.ctx).map_err(|(seq, error)| MeetingError::Replay {
            path: self.journal.path().display().to_string(),
            seq,
            error,
        })
    }

    /// Checks `events` in order against the journal as it is on disk (under
    /// its lock) and appends them all, or none. Returns once they are on
    /// disk, with the state after them.
    pub fn record(
        &self,
        by: &str,
        now: DateTime<Utc>,
        events: Vec<Event>,
    ) -> Result<(Vec<Record>, MeetingState), MeetingError> {
        self.record_with(by, now, |_| Ok::<_, MeetingError>(events))
    }

    /// Like [`Meeting::record`], with the events decided by `decide` from
    /// the state as it is on disk under the lock: what depends on the
    /// meeting's state (such as which item a note belongs to) cannot be
    /// overtaken by another session recording in between.
    pub fn record_with<E>(
        &self,
        by: &str,
        now: DateTime<Utc>,
        decide: impl FnOnce(&MeetingState) -> Result<Vec<Event>, E>,
    ) -> Result<(Vec<Record>, MeetingState), E>
    where
        E: From<MeetingError> + From<JournalError>,
    {
        let mut after = MeetingState::default();
        let records = self.journal.append(by, now, |existing| {
            let mut state = self.replay(existing)?;
            let events = decide(&state)?;
            for event in &events {
                state
                    .apply(event, &self.ctx)
                    .map_err(|e| E::from(MeetingError::Rule(e)))?;
            }
            after = state;
            Ok::<_, E>(events)
        })?;
        Ok((records, after))
    }
}
