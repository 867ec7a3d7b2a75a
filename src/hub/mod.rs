//! The shared core: one workspace, every meeting's replayed state and the
//! action register, held once for all the front ends of a process (the
//! local terminal, or every SSH session of `plenary serve`).
//!
//! One writer at a time appends through the journal (under its lock,
//! fsynced), takes the state the append returns, publishes a new
//! [`Snapshot`] and bumps the generation every subscriber watches. What
//! other processes append (`plenary record`, a second `plenary`) is picked
//! up by [`Hub::check_disk`], which reads each journal's head (the commit
//! point, under a hundred bytes) and stats the workspace's files: one look
//! for every session, instead of each session polling the disk.

mod disk;
mod records;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, Weak};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::actions::{ActionUpdate, Register, RegisterError};
use crate::meeting::{
    Actor, Event, Journal, Meeting, MeetingError, MeetingState, Record, Recorded, Tip, TornTail,
};
use crate::schedule::{HeldMeeting, held_from};
use crate::workspace::{Workspace, WorkspaceError};
use disk::{Seen, Stamp};
pub use records::Records;

/// A meeting as its journal says: the replayed state and every record.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The replayed state.
    pub state: MeetingState,
    /// Every committed record, in order.
    pub records: Records,
    /// An incomplete last line left by a crash, if any.
    pub torn: Option<TornTail>,
    /// The SHA-256 of the last committed line (the head's).
    pub head_hash: String,
    /// The journal's tip as this hub's own last append left it: while the
    /// journal is still there, the next append goes on from `state`
    /// without reading the journal. `None` after a read.
    tip: Option<Tip>,
}

impl Loaded {
    fn read(meeting: &Meeting) -> Result<Self, MeetingError> {
        let (state, contents) = meeting.load()?;
        Ok(Self {
            state,
            head_hash: contents.last_hash().to_owned(),
            records: Records::new(contents.records),
            torn: contents.torn,
            tip: None,
        })
    }

    /// The SHA-256 of line `seq`, as the journal chains it: what a person
    /// keeps as the receipt of their vote. The next line names it as its
    /// `prev`; the last line's is the head's.
    pub fn line_hash(&self, seq: u64) -> Option<&str> {
        let last = self.records.len() as u64;
        match seq {
            0 => None,
            s if s < last => self.records.get(s as usize).map(|r| r.prev.as_str()),
            s if s == last => Some(self.head_hash.as_str()),
            _ => None,
        }
    }

    /// The receipt of the last vote or ballot that `person` recorded on
    /// `item`: its line number and hash, and what it recorded.
    pub fn receipt(&self, item: &str, person: &str) -> Option<Receipt<'_>> {
        let record = self.records.iter().rev().find(|r| {
            r.by == person
                && matches!(&r.event,
                    Event::Vote { item: i, .. } | Event::Ballot { item: i, .. } if i == item)
        })?;
        Some(Receipt {
            seq: record.seq,
            hash: self.line_hash(record.seq)?,
            what: record.event.describe(),
        })
    }

    /// When the last event was recorded.
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.records.last().map(|r| r.at)
    }
}

/// What a person keeps to check later that their vote is in the record as
/// cast: the journal line's number and SHA-256 (the chain makes any later
/// change to it, or to a line before it, show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt<'a> {
    /// The line's number (`#seq`).
    pub seq: u64,
    /// The line's SHA-256, hex.
    pub hash: &'a str,
    /// What it recorded (`vote budget uct yes`).
    pub what: String,
}

/// A meeting's journal read and replayed, or why it could not be.
pub type MeetingView = Result<Loaded, String>;

/// The action register's journal as read: its records.
#[derive(Debug, Clone, Default)]
struct RegisterLog {
    records: Vec<Record>,
}

/// Everything the front ends show, as of one generation. Cheap to clone:
/// its parts are shared.
#[derive(Debug, Clone)]
pub struct Snapshot {
    generation: u64,
    workspace: Arc<Workspace>,
    meetings: BTreeMap<String, Arc<MeetingView>>,
    register_log: Arc<Result<RegisterLog, String>>,
    register: Arc<Result<Register, String>>,
    held: Arc<(Vec<HeldMeeting>, Vec<String>)>,
    problem: Option<String>,
}

impl Snapshot {
    /// Counts up by one with every change published.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The workspace (charter and agendas) as last loaded.
    pub fn workspace(&self) -> &Arc<Workspace> {
        &self.workspace
    }

    /// The meeting `id` as its journal says (`None`: no such agenda).
    pub fn meeting(&self, id: &str) -> Option<&Arc<MeetingView>> {
        self.meetings.get(id)
    }

    /// The action register: every meeting's items with the register's
    /// changes, or why it cannot be built.
    pub fn register(&self) -> &Arc<Result<Register, String>> {
        &self.register
    }

    /// The meetings held (for the burden ledger), and a sentence for each
    /// journal that could not be counted.
    pub fn held(&self) -> &(Vec<HeldMeeting>, Vec<String>) {
        &self.held
    }

    /// Why the files on disk were not taken when they last changed (the
    /// charter or an agenda no longer loads): the snapshot keeps the
    /// workspace as it was.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Builds the register and the held meetings from the meetings' views.
    fn derive(&mut self) {
        self.register = Arc::new(self.build_register());
        self.derive_held();
    }

    fn derive_held(&mut self) {
        let ws = &self.workspace;
        let states = ws.agendas.iter().filter_map(|a| {
            let view = self.meetings.get(&a.meeting.id)?;
            Some((
                a,
                view.as_ref()
                    .as_ref()
                    .map(|l| &l.state)
                    .map_err(String::as_str),
            ))
        });
        self.held = Arc::new(held_from(states));
    }

    fn build_register(&self) -> Result<Register, String> {
        let ws = &self.workspace;
        let mut meetings = Vec::new();
        for agenda in &ws.agendas {
            match self.meetings.get(&agenda.meeting.id).map(|v| v.as_ref()) {
                Some(Ok(loaded)) => meetings.push((agenda, &loaded.records)),
                Some(Err(e)) => return Err(e.clone()),
                None => {}
            }
        }
        let log = self.register_log.as_ref().as_ref().map_err(Clone::clone)?;
        Register::created(ws, meetings, DateTime::<Utc>::MAX_UTC)
            .with_changes(ws, &log.records)
            .map_err(|e| e.to_string())
    }

    /// The register as the meetings created it, before its own journal's
    /// changes: what an update is checked over.
    fn created_register(&self) -> Result<Register, RegisterError> {
        let ws = &self.workspace;
        let mut meetings = Vec::new();
        for agenda in &ws.agendas {
            if let Some(Ok(loaded)) = self.meetings.get(&agenda.meeting.id).map(|v| v.as_ref()) {
                meetings.push((agenda, &loaded.records));
            } else {
                // A meeting that does not read in memory: the disk says why.
                Meeting::new(ws, agenda)?.load()?;
            }
        }
        Ok(Register::created(ws, meetings, DateTime::<Utc>::MAX_UTC))
    }
}

/// Why the hub did not record.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// The workspace has no agenda for this meeting.
    #[error("there is no meeting `{0}` in this workspace")]
    NoMeeting(String),
    /// The meeting refused the events, or its journal could not be written.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
}

/// The shared core of one workspace. See the module's documentation.
#[derive(Debug)]
pub struct Hub {
    current: RwLock<Arc<Snapshot>>,
    /// One writer (or disk check) at a time; what it last saw on disk.
    writer: Mutex<Seen>,
    changed: watch::Sender<u64>,
}

impl Hub {
    /// A hub over `workspace`: reads every meeting's journal and the
    /// register's once.
    pub fn new(workspace: Workspace) -> Arc<Self> {
        let mut seen = Seen {
            files: disk::workspace_files(&workspace.root),
            ..Seen::default()
        };
        let snapshot = read_all(Arc::new(workspace), &mut seen, 0, None);
        let (changed, _) = watch::channel(0);
        Arc::new(Self {
            current: RwLock::new(Arc::new(snapshot)),
            writer: Mutex::new(seen),
            changed,
        })
    }

    /// What the front ends show now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The generation of the newest snapshot.
    pub fn generation(&self) -> u64 {
        *self.changed.borrow()
    }

    /// A receiver that sees every new generation (`changed().await`, or
    /// `has_changed()` from a thread).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    fn lock(&self) -> MutexGuard<'_, Seen> {
        // A writer that panicked left `Seen` as it was: at worst one more
        // read of a journal.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn publish(&self, change: impl FnOnce(&mut Snapshot)) {
        let mut next = Snapshot::clone(&self.snapshot());
        change(&mut next);
        next.generation += 1;
        let generation = next.generation;
        match self.current.write() {
            Ok(mut current) => *current = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
        self.changed.send_replace(generation);
    }

    /// Records `events` in meeting `meeting` as `actor` (checked under the
    /// journal's lock against the journal on disk, appended, fsynced) and
    /// publishes the state after them. Returns the records as written.
    pub fn record(
        &self,
        meeting: &str,
        actor: &Actor,
        now: DateTime<Utc>,
        events: Vec<Event>,
    ) -> Result<Vec<Record>, HubError> {
        let mut seen = self.lock();
        let snapshot = self.snapshot();
        let ws = snapshot.workspace.clone();
        let agenda = ws
            .agenda(meeting)
            .ok_or_else(|| HubError::NoMeeting(meeting.to_owned()))?;
        let m = Meeting::new(&ws, agenda)?;
        let before = snapshot.meeting(meeting).map(|v| v.as_ref());
        let known = match before {
            Some(Ok(Loaded {
                tip: Some(tip),
                state,
                ..
            })) => Some((tip, state)),
            _ => None,
        };
        let Recorded {
            records,
            state,
            tip,
        } = m.record_from(actor, now, known, |_| Ok::<_, MeetingError>(events))?;
        if records.is_empty() {
            return Ok(records);
        }
        let stamp = Stamp::of(m.journal());
        let mut reread = false;
        let view = match (before, &stamp.head) {
            // Our lines follow what we held, and nothing came after them:
            // the state the append returned is the whole story.
            (Some(Ok(old)), Some((seq, hash)))
                if old.torn.is_none()
                    && old.records.len() + records.len() == *seq as usize
                    && records.first().map(|r| r.seq) == Some(old.records.len() as u64 + 1) =>
            {
                let loaded = Loaded {
                    state,
                    records: old.records.with(&records),
                    torn: None,
                    head_hash: hash.clone(),
                    tip,
                };
                seen.journals.insert(meeting.to_owned(), stamp);
                Ok(loaded)
            }
            // Someone else wrote too, or a torn tail was set aside.
            _ => {
                reread = true;
                read_meeting(&ws, meeting, &mut seen)
            }
        };
        let has = |f: fn(&Event) -> bool| reread || records.iter().any(|r| f(&r.event));
        // Only a new action item changes the register, and only the
        // frozen terms (the first event) make a meeting count as held.
        let creates = has(|e| matches!(e, Event::ActionCreated { .. }));
        let freezes = has(|e| matches!(e, Event::Terms { .. }));
        self.publish(|next| {
            next.meetings.insert(meeting.to_owned(), Arc::new(view));
            if creates {
                next.derive();
            } else if freezes {
                next.derive_held();
            }
        });
        Ok(records)
    }

    /// Records `update` in the action register as `actor` (who must keep
    /// the register) and publishes the register after it.
    pub fn update_register(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        update: ActionUpdate,
    ) -> Result<Record, RegisterError> {
        let mut seen = self.lock();
        // Items created by other processes a moment ago must be known.
        self.check_locked(&mut seen);
        let snapshot = self.snapshot();
        let ws = snapshot.workspace.clone();
        let base = snapshot.created_register()?;
        let (record, _) = Register::update_from(base, &ws, actor, now, update)?;
        let log = read_register(&ws, &mut seen);
        self.publish(|next| {
            next.register_log = Arc::new(log);
            next.register = Arc::new(next.build_register());
        });
        Ok(record)
    }

    /// Loads the workspace's files again (after a front end changed one,
    /// such as an agenda's start) and every journal with them.
    pub fn reload_workspace(&self) -> Result<(), WorkspaceError> {
        let mut seen = self.lock();
        let root = self.snapshot().workspace.root.clone();
        seen.files = disk::workspace_files(&root);
        let ws = Workspace::load(&root)?;
        let generation = self.generation();
        let snapshot = read_all(Arc::new(ws), &mut seen, generation, None);
        self.publish(|next| *next = snapshot);
        Ok(())
    }

    /// Looks at the disk for what other processes wrote: the workspace's
    /// files (reloaded when one changed; kept as they were, with the
    /// reason in [`Snapshot::problem`], when they no longer load), every
    /// journal's head and size, and the register's. Publishes a snapshot
    /// and returns true when anything changed.
    pub fn check_disk(&self) -> bool {
        let mut seen = self.lock();
        self.check_locked(&mut seen)
    }

    fn check_locked(&self, seen: &mut Seen) -> bool {
        let snapshot = self.snapshot();
        let root = snapshot.workspace.root.clone();
        let files = disk::workspace_files(&root);
        if files != seen.files {
            seen.files = files;
            let (ws, problem) = match Workspace::load(&root) {
                Ok(ws) => (Arc::new(ws), None),
                Err(e) => (snapshot.workspace.clone(), Some(describe(&e))),
            };
            if problem.is_some() && problem == snapshot.problem {
                return false;
            }
            let next = read_all(ws, seen, snapshot.generation, problem);
            self.publish(|current| *current = next);
            return true;
        }
        let mut stale = Vec::new();
        for agenda in &snapshot.workspace.agendas {
            let id = &agenda.meeting.id;
            let stamp = Stamp::of(&Journal::for_meeting(&root, id));
            let Some(last) = seen.journals.get(id) else {
                stale.push(id.clone());
                continue;
            };
            if *last == stamp {
                seen.pending.remove(id);
                continue;
            }
            // Lines without a new head are most likely an append caught
            // between its lines and its head: look again next time rather
            // than show them as a torn tail for a moment. Unchanged by then,
            // they are one.
            if last.head == stamp.head && seen.pending.get(id) != Some(&stamp) {
                seen.pending.insert(id.clone(), stamp);
                continue;
            }
            seen.pending.remove(id);
            stale.push(id.clone());
        }
        let register_stale = seen.register != Some(Stamp::of(&Journal::register(&root)));
        if stale.is_empty() && !register_stale {
            return false;
        }
        let ws = snapshot.workspace.clone();
        let views: Vec<_> = stale
            .into_iter()
            .map(|id| {
                let view = read_meeting(&ws, &id, seen);
                (id, view)
            })
            .collect();
        let log = register_stale.then(|| read_register(&ws, seen));
        self.publish(|next| {
            for (id, view) in views {
                next.meetings.insert(id, Arc::new(view));
            }
            if let Some(log) = log {
                next.register_log = Arc::new(log);
            }
            next.derive();
        });
        true
    }

    /// Checks the disk every `every` on a thread of its own, for as long
    /// as the hub lives and the returned guard is kept.
    pub fn watch_disk(self: &Arc<Self>, every: Duration) -> DiskWatch {
        let hub: Weak<Self> = Arc::downgrade(self);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            while !stopped.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(every);
                match hub.upgrade() {
                    Some(hub) => {
                        hub.check_disk();
                    }
                    None => break,
                }
            }
        });
        DiskWatch(stop)
    }
}

/// Keeps a hub's disk watch going; dropping it ends the watch.
#[derive(Debug)]
pub struct DiskWatch(Arc<std::sync::atomic::AtomicBool>);

impl Drop for DiskWatch {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A workspace error in one line (the problems are listed by `check`).
fn describe(e: &WorkspaceError) -> String {
    match e {
        WorkspaceError::Invalid(problems) => match problems.first() {
            Some(first) => format!("{e}; the first: {first}"),
            None => e.to_string(),
        },
        other => other.to_string(),
    }
}

/// Reads every journal of `ws`: a snapshot after `generation`.
fn read_all(
    ws: Arc<Workspace>,
    seen: &mut Seen,
    generation: u64,
    problem: Option<String>,
) -> Snapshot {
    seen.journals.clear();
    let meetings = ws
        .agendas
        .iter()
        .map(|a| {
            let id = a.meeting.id.clone();
            let view = read_meeting(&ws, &id, seen);
            (id, Arc::new(view))
        })
        .collect();
    let register_log = Arc::new(read_register(&ws, seen));
    let mut snapshot = Snapshot {
        generation,
        workspace: ws,
        meetings,
        register_log,
        register: Arc::new(Err(String::new())),
        held: Arc::default(),
        problem,
    };
    snapshot.derive();
    snapshot
}

/// Reads one meeting's journal, noting what it saw first: a commit that
/// lands while it reads shows as a change at the next check.
fn read_meeting(ws: &Workspace, id: &str, seen: &mut Seen) -> MeetingView {
    let agenda = ws
        .agenda(id)
        .ok_or_else(|| format!("there is no meeting `{id}` in this workspace"))?;
    let meeting = Meeting::new(ws, agenda).map_err(|e| e.to_string())?;
    seen.journals
        .insert(id.to_owned(), Stamp::of(meeting.journal()));
    Loaded::read(&meeting).map_err(|e| e.to_string())
}

fn read_register(ws: &Workspace, seen: &mut Seen) -> Result<RegisterLog, String> {
    let journal = Journal::register(&ws.root);
    seen.register = Some(Stamp::of(&journal));
    let contents = journal.read().map_err(|e| e.to_string())?;
    Ok(RegisterLog {
        records: contents.records,
    })
}
