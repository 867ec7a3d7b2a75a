//! A meeting as it happens: events, the hash-chained journal on disk, and
//! the state replayed from it (SPEC 3). Every front end records through
//! [`Meeting::record`] and reads through [`Meeting::load`].

mod actor;
mod approval_event;
pub mod checkpoint;
mod drift;
mod error;
mod event;
mod journal;
mod outcome;
mod state;
mod terms;
#[cfg(test)]
mod tests;
pub mod written;

use chrono::{DateTime, Utc};

pub use actor::{Actor, Powers};
pub use approval_event::{ApprovalEvent, StoredFile};
pub use drift::check_drift;
pub use error::RecordError;
pub use event::{ActionStatus, Amendment, Answer, Event, Record, ReplyChoice};
pub use journal::{
    Append, Contents, GENESIS, GITATTRIBUTES, Journal, JournalError, MAX_JOURNAL_BYTES, REGISTER,
    Tip, TornTail, hash_line, verify,
};
pub use outcome::{
    ItemOutcome, RankingOutcome, closing_outcome, decide_item, decision, quorum_now, rank_item,
    still_to_vote,
};
pub use state::{AgreedAction, Context, Correction, Guest, ItemState, MeetingState, check_owner};
pub use terms::{Frozen, Terms, TermsDelegate, TermsItem, TermsMember, TermsOption};

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

/// How far a meeting's record has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Nothing recorded yet: it may still be scheduled and announced.
    NotStarted,
    /// Events are recorded and it is not closed.
    InProgress,
    /// Closed: its record is final.
    Closed,
}

impl Stage {
    /// Why a meeting in this stage cannot be rescheduled or announced.
    pub fn refusal(self, meeting: &str) -> Option<String> {
        match self {
            Self::NotStarted => None,
            Self::InProgress => Some(format!(
                "meeting `{meeting}` has started (its journal has events): its time is part of its record and cannot change"
            )),
            Self::Closed => Some(format!(
                "meeting `{meeting}` has been held and closed: its time is part of its record and cannot change"
            )),
        }
    }
}

/// What a recording wrote, and where it left the meeting.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The records as written (none when there was nothing to record).
    pub records: Vec<Record>,
    /// The state after them.
    pub state: MeetingState,
    /// The journal's tip after them (`None` when nothing was written).
    pub tip: Option<Tip>,
}

/// One meeting of a workspace: its rules and its journal.
#[derive(Debug, Clone)]
pub struct Meeting<'a> {
    ctx: Context<'a>,
    journal: Journal,
    charter_sha256: &'a str,
    agenda_sha256: &'a str,
}

impl<'a> Meeting<'a> {
    /// The meeting of `agenda` in `workspace`.
    pub fn new(workspace: &'a Workspace, agenda: &'a Agenda) -> Result<Self, MeetingError> {
        let ctx = Context::new(&workspace.charter, agenda)
            .ok_or_else(|| MeetingError::UnknownBody(agenda.meeting.body.clone()))?;
        Ok(Self {
            ctx,
            journal: Journal::for_meeting(&workspace.root, &agenda.meeting.id),
            charter_sha256: &workspace.digests.charter,
            agenda_sha256: workspace
                .digests
                .agendas
                .get(&agenda.meeting.id)
                .map_or("", String::as_str),
        })
    }

    /// The charter, agenda and body as the files say now. What the meeting
    /// is judged by is [`MeetingState::context`] of a loaded state.
    pub fn context(&self) -> &Context<'a> {
        &self.ctx
    }

    /// The terms of this meeting as the files say now.
    pub fn terms_now(&self) -> Terms {
        Terms::take(&self.ctx, self.charter_sha256, self.agenda_sha256)
    }

    /// The journal on disk.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Whether recording has begun, and whether the meeting is closed.
    pub fn stage(&self) -> Result<Stage, MeetingError> {
        let (state, contents) = self.load()?;
        Ok(if state.closed {
            Stage::Closed
        } else if contents.records.is_empty() {
            Stage::NotStarted
        } else {
            Stage::InProgress
        })
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
        self.record_as(&Actor::secretariat(by), now, decide)
    }

    /// Like [`Meeting::record_with`], for `actor`: each event must be one
    /// the actor may record ([`Actor::authorize`]), judged under the lock
    /// against the state on disk, so that the check cannot be overtaken.
    pub fn record_as<E>(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        decide: impl FnOnce(&MeetingState) -> Result<Vec<Event>, E>,
    ) -> Result<(Vec<Record>, MeetingState), E>
    where
        E: From<MeetingError> + From<JournalError>,
    {
        let recorded = self.record_from(actor, now, None, decide)?;
        Ok((recorded.records, recorded.state))
    }

    /// Like [`Meeting::record_as`], going on from `known` (the state at a
    /// tip, as the server's hub holds it) when the journal is still at that
    /// tip. Otherwise the state comes from the meeting's checkpoint when
    /// that still fits the journal, and else from reading, verifying and
    /// replaying the whole journal ([`checkpoint`]). A recording leaves a
    /// new checkpoint behind.
    pub fn record_from<E>(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        known: Option<(&Tip, &MeetingState)>,
        decide: impl FnOnce(&MeetingState) -> Result<Vec<Event>, E>,
    ) -> Result<Recorded, E>
    where
        E: From<MeetingError> + From<JournalError>,
    {
        let mut append = self.journal.begin()?;
        let root = self.journal.root();
        let id = &self.ctx.agenda.meeting.id;
        let known = known.and_then(|(tip, state)| append.trust(tip).then(|| state.clone()));
        let mut state = match known.or_else(|| checkpoint::load(root, id, &mut append)) {
            Some(state) => state,
            None => self.replay(&append.read()?.records)?,
        };
        let mut events = decide(&state)?;
        // The terms go first, so that the meeting is judged by the files as
        // they were when its record began (SPEC 3.3).
        if state.frozen().is_none() && !state.closed && !events.is_empty() {
            events.insert(
                0,
                Event::Terms {
                    terms: Box::new(self.terms_now()),
                },
            );
        }
        let rule = |e| E::from(MeetingError::Rule(e));
        for event in &mut events {
            actor
                .authorize(&state.context(self.ctx), &state, event)
                .map_err(rule)?;
            self.fill_outcome(&state, event).map_err(rule)?;
            let ctx = state.context(self.ctx);
            written::fill(&ctx, &state, event, journal::line_time(now)).map_err(rule)?;
            state
                .apply_at(event, journal::line_time(now), &self.ctx)
                .map_err(rule)?;
        }
        let (records, tip) = append.commit(actor.person(), now, events)?;
        if let Some(tip) = &tip {
            // The event is recorded whatever happens here: a checkpoint
            // that cannot be written costs the next append a full read.
            let _ = checkpoint::save(root, id, tip, &state);
        }
        Ok(Recorded {
            records,
            state,
            tip,
        })
    }

    /// A closing item records its outcome, computed under the meeting's
    /// terms from the state just before it closes.
    fn fill_outcome(&self, state: &MeetingState, event: &mut Event) -> Result<(), RecordError> {
        let Event::ItemClosed { item, outcome } = event else {
            return Ok(());
        };
        let ctx = state.context(self.ctx);
        // An item that cannot close leaves the error to `apply`.
        let Some(it) = ctx.agenda.items.iter().find(|i| &i.id == item) else {
            return Ok(());
        };
        if state.current.as_deref() != Some(item.as_str()) {
            return Ok(());
        }
        let mut closing = state.clone();
        if let Some(s) = closing.items.get_mut(item) {
            s.attendance_at_close = Some(state.attendance.clone());
        }
        *outcome = closing_outcome(&ctx, &closing, it)
            .map_err(RecordError::NoOutcome)?
            .map(Box::new);
        Ok(())
    }
}
