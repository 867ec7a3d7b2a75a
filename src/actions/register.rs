//! Building the register from every journal, and recording changes to it.

use chrono::{DateTime, NaiveDate, Utc};

use super::item::{ActionChange, ActionItem};
use crate::agenda::Agenda;
use crate::meeting::{
    ActionStatus, Actor, Event, Journal, JournalError, Meeting, MeetingError, MeetingState, Record,
    RecordError, check_owner,
};
use crate::workspace::Workspace;

/// Why the register cannot be built or changed.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// A meeting's journal cannot be read.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    /// The register's journal cannot be read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The rules refuse the change.
    #[error(transparent)]
    Rule(#[from] RecordError),
    /// No action item has this id.
    #[error("there is no action item `{0}`")]
    Unknown(String),
    /// Only the secretariat keeps the register.
    #[error("{0} may not change action items: the secretariat keeps the register")]
    NotAllowed(String),
    /// The change changes nothing.
    #[error("say what changes: a status, a due date, an owner, a delegate or a note")]
    Empty,
    /// The item already stands as asked (say `done` on a done item), and
    /// no note comes with it: recording it would only add noise to the
    /// history.
    #[error("nothing to change: action {0} already stands that way")]
    Unchanged(String),
    /// An event in the register's journal does not fit the workspace.
    #[error("{path}:{seq}:1: event {seq}: {message}")]
    Replay {
        /// The register's journal.
        path: String,
        /// The event's sequence number.
        seq: u64,
        /// What is wrong.
        message: String,
    },
}

/// A change to one action item, as asked for by a front end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionUpdate {
    /// The action item's id.
    pub action: String,
    /// New status.
    pub status: Option<ActionStatus>,
    /// New due date.
    pub due: Option<NaiveDate>,
    /// New owner (clears the delegate unless one is given).
    pub owner: Option<String>,
    /// New named person; an empty name clears it.
    pub delegate: Option<String>,
    /// A remark.
    pub note: Option<String>,
}

impl ActionUpdate {
    fn into_event(self) -> Event {
        Event::ActionUpdated {
            action: self.action,
            status: self.status,
            due: self.due,
            owner: self.owner,
            delegate: self.delegate,
            note: self.note,
        }
    }
}

/// Every action item of a workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    items: Vec<ActionItem>,
}

impl Register {
    /// Reads every meeting's journal and the register's own.
    pub fn load(workspace: &Workspace) -> Result<Self, RegisterError> {
        Self::load_as_of(workspace, DateTime::<Utc>::MAX_UTC)
    }

    /// [`Register::load`], handing each meeting's replayed state to
    /// `each` on the way, so that a caller that needs the states too
    /// reads every journal once.
    pub fn load_seeing(
        workspace: &Workspace,
        each: impl FnMut(&Agenda, MeetingState),
    ) -> Result<Self, RegisterError> {
        let changes = Journal::register(&workspace.root).read()?.records;
        Self::from_meetings(workspace, DateTime::<Utc>::MAX_UTC, None, each)?
            .with_changes(workspace, &changes)
    }

    /// The register as it stood at `at`: only what was recorded by then
    /// (the minutes of a closed meeting read it as at the close).
    pub fn load_as_of(workspace: &Workspace, at: DateTime<Utc>) -> Result<Self, RegisterError> {
        Self::load_as_of_with(workspace, at, None)
    }

    /// [`Register::load_as_of`], with one meeting's records already read
    /// (`known`: its id and records), so that its journal is not read again.
    pub fn load_as_of_with(
        workspace: &Workspace,
        at: DateTime<Utc>,
        known: Option<(&str, &[Record])>,
    ) -> Result<Self, RegisterError> {
        let mut changes = Journal::register(&workspace.root).read()?.records;
        changes.retain(|r| r.at <= at);
        Self::from_meetings(workspace, at, known, |_, _| {})?.with_changes(workspace, &changes)
    }

    fn from_meetings(
        workspace: &Workspace,
        until: DateTime<Utc>,
        known: Option<(&str, &[Record])>,
        mut each: impl FnMut(&Agenda, MeetingState),
    ) -> Result<Self, RegisterError> {
        let mut loaded = Vec::new();
        for agenda in &workspace.agendas {
            match known {
                Some((id, _)) if id == agenda.meeting.id => loaded.push((agenda, None)),
                _ => {
                    let (state, contents) = Meeting::new(workspace, agenda)?.load()?;
                    each(agenda, state);
                    loaded.push((agenda, Some(contents.records)));
                }
            }
        }
        let known_records = known.map_or(&[][..], |(_, r)| r);
        Ok(Self::created(
            workspace,
            loaded
                .iter()
                .map(|(a, r)| (*a, r.as_deref().unwrap_or(known_records))),
            until,
        ))
    }

    /// The items as the meetings created them, before any change in the
    /// register's journal, from records already read and verified: each
    /// meeting's (in agenda order), up to `until`.
    pub fn created<'r, R>(
        workspace: &Workspace,
        meetings: impl IntoIterator<Item = (&'r Agenda, R)>,
        until: DateTime<Utc>,
    ) -> Self
    where
        R: IntoIterator<Item = &'r Record>,
    {
        let mut items = Vec::new();
        for (agenda, records) in meetings {
            let mut n = 0;
            for record in records.into_iter().filter(|r| r.at <= until) {
                if let Event::ActionCreated {
                    text,
                    owner,
                    delegate,
                    due,
                    item,
                } = &record.event
                {
                    n += 1;
                    let timezone = workspace
                        .charter
                        .member(owner)
                        .map_or(workspace.charter.alliance.timezone, |m| m.timezone);
                    items.push(ActionItem {
                        id: format!("{}/{n}", agenda.meeting.id),
                        text: text.clone(),
                        owner: owner.clone(),
                        delegate: delegate.clone(),
                        due: *due,
                        timezone,
                        status: ActionStatus::Open,
                        meeting: agenda.meeting.id.clone(),
                        body: agenda.meeting.body.clone(),
                        item: item.clone(),
                        created: record.at,
                        created_by: record.by.clone(),
                        history: Vec::new(),
                    });
                }
            }
        }
        Self { items }
    }

    /// `created` with the changes of the register's journal `register`
    /// (its verified records) applied: what [`Register::load`] returns,
    /// from records a caller has already read.
    pub fn with_changes(
        mut self,
        workspace: &Workspace,
        register: &[Record],
    ) -> Result<Self, RegisterError> {
        let journal = Journal::register(&workspace.root);
        for record in register {
            self.apply(workspace, record)
                .map_err(|e| replay_error(&journal, record.seq, &e))?;
        }
        Ok(self)
    }

    /// Every item, meeting by meeting in agenda order, then by number.
    pub fn items(&self) -> &[ActionItem] {
        &self.items
    }

    /// The item with this id.
    pub fn get(&self, id: &str) -> Option<&ActionItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Open items of earlier meetings of the same body as `agenda`: the
    /// ones its meeting takes over. "Earlier" orders meetings by start
    /// (unscheduled ones last), then by id.
    pub fn carried_over<'a>(
        &'a self,
        workspace: &Workspace,
        agenda: &Agenda,
    ) -> Vec<&'a ActionItem> {
        // A written procedure takes replies, not action items: nothing is
        // carried into it (its body's next meeting gets them).
        if agenda.meeting.kind == crate::agenda::MeetingKind::Written {
            return Vec::new();
        }
        let key = |a: &Agenda| {
            (
                a.meeting.start.unwrap_or(DateTime::<Utc>::MAX_UTC),
                a.meeting.id.clone(),
            )
        };
        let this = key(agenda);
        self.items
            .iter()
            .filter(|i| i.status == ActionStatus::Open && i.body == agenda.meeting.body)
            .filter(|i| workspace.agenda(&i.meeting).is_some_and(|a| key(a) < this))
            .collect()
    }

    /// [`Register::update`] for `actor`: the register is kept by the
    /// secretariat (its own terminal, or a delegate with role `secretary`).
    pub fn update_as(
        workspace: &Workspace,
        actor: &Actor,
        now: DateTime<Utc>,
        update: ActionUpdate,
    ) -> Result<(Record, Self), RegisterError> {
        let base = Self::from_meetings(workspace, DateTime::<Utc>::MAX_UTC, None, |_, _| {})?;
        Self::update_from(base, workspace, actor, now, update)
    }

    /// Checks `update` against the register as it is on disk (under the
    /// register journal's lock), records it, and returns the record and
    /// the register after it.
    pub fn update(
        workspace: &Workspace,
        by: &str,
        now: DateTime<Utc>,
        update: ActionUpdate,
    ) -> Result<(Record, Self), RegisterError> {
        let base = Self::from_meetings(workspace, DateTime::<Utc>::MAX_UTC, None, |_, _| {})?;
        Self::update_from(base, workspace, &Actor::secretariat(by), now, update)
    }

    /// [`Register::update_as`] over `base`, the items as the meetings
    /// created them ([`Register::created`]), for a caller that has every
    /// meeting's records in memory already.
    pub fn update_from(
        base: Self,
        workspace: &Workspace,
        actor: &Actor,
        now: DateTime<Utc>,
        update: ActionUpdate,
    ) -> Result<(Record, Self), RegisterError> {
        if !actor.keeps_register() {
            return Err(RegisterError::NotAllowed(actor.person().to_owned()));
        }
        let by = actor.person();
        let journal = Journal::register(&workspace.root);
        let mut after = Self::default();
        let mut records = journal.append(by, now, |existing| {
            let mut register = base.clone();
            for record in existing {
                register
                    .apply(workspace, record)
                    .map_err(|e| replay_error(&journal, record.seq, &e))?;
            }
            let event = update.clone().into_event();
            let probe = Record {
                seq: 0,
                at: now,
                by: by.to_owned(),
                prev: String::new(),
                event: event.clone(),
            };
            let before = register.get(&update.action).cloned();
            register.apply(workspace, &probe)?;
            let now_stands = register.get(&update.action).map(without_last_change);
            if update.note.is_none() && before == now_stands {
                return Err(RegisterError::Unchanged(update.action.clone()));
            }
            after = register;
            Ok::<_, RegisterError>(vec![event])
        })?;
        // The record as written carries its real sequence and hash.
        let record = records.pop().ok_or(RegisterError::Empty)?;
        Ok((record, after))
    }

    /// Applies one register event, checking it.
    fn apply(&mut self, workspace: &Workspace, record: &Record) -> Result<(), RegisterError> {
        let Event::ActionUpdated {
            action,
            status,
            due,
            owner,
            delegate,
            note,
        } = &record.event
        else {
            return Err(RegisterError::Replay {
                path: String::new(),
                seq: record.seq,
                message: "only action updates belong in the action register".to_owned(),
            });
        };
        if status.is_none()
            && due.is_none()
            && owner.is_none()
            && delegate.is_none()
            && note.is_none()
        {
            return Err(RegisterError::Empty);
        }
        let item = self
            .items
            .iter_mut()
            .find(|i| &i.id == action)
            .ok_or_else(|| RegisterError::Unknown(action.clone()))?;
        let new_owner = owner.clone().unwrap_or_else(|| item.owner.clone());
        let new_delegate = match (delegate.as_deref(), owner) {
            (Some(""), _) => None,
            (Some(name), _) => Some(name.to_owned()),
            (None, Some(_)) => None,
            (None, None) => item.delegate.clone(),
        };
        check_owner(&workspace.charter, &new_owner, new_delegate.as_deref())?;
        if note.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(RecordError::EmptyText.into());
        }
        if let Some(member) = workspace.charter.member(&new_owner) {
            item.timezone = member.timezone;
        }
        item.owner = new_owner;
        item.delegate = new_delegate;
        if let Some(status) = status {
            item.status = *status;
        }
        if let Some(due) = due {
            item.due = *due;
        }
        item.history.push(ActionChange {
            at: record.at,
            by: record.by.clone(),
            what: record.event.describe(),
            status: *status,
        });
        Ok(())
    }
}

/// The item as it stood before its last change was added to its history.
fn without_last_change(item: &ActionItem) -> ActionItem {
    let mut item = item.clone();
    item.history.pop();
    item
}

fn replay_error(journal: &Journal, seq: u64, error: &RegisterError) -> RegisterError {
    // A replay error from `apply` has no path yet: its message is enough.
    let message = match error {
        RegisterError::Replay { message, .. } => message.clone(),
        other => other.to_string(),
    };
    RegisterError::Replay {
        path: journal.path().display().to_string(),
        seq,
        message,
    }
}
