//! Recording: the events an action asks for go through `Meeting::record`
//! (checked against the journal on disk, appended, fsynced) before anything
//! on screen changes; the screen then shows the state that call returns.

use std::cell::Cell;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::{BallotEditor, MeetingRoom, Mode};
use crate::agenda::ItemKind;
use crate::hub::Hub;
use crate::meeting::{Actor, Event};
use crate::rate::TokenBucket;
use crate::tui::action::Action;
use crate::tui::app::Status;
use crate::tui::keymap::{MEETING, keys_for};
use crate::vote::decision::Choice;
use crate::workspace::Workspace;

/// What recording needs from the app: the workspace, the shared core that
/// records, the time and who is recording.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The workspace, as the session's snapshot has it.
    pub workspace: &'a Workspace,
    /// The shared core every front end records through.
    pub hub: &'a Hub,
    /// Now, from the injected clock.
    pub now: DateTime<Utc>,
    /// Who records (their name is the journal's `by`), and so what they
    /// may record.
    pub actor: &'a Actor,
    /// How often this session may record (a served session), if bounded.
    pub limit: Option<&'a Cell<TokenBucket>>,
}

impl Env<'_> {
    /// Whether the session may record once more now (and counts it).
    pub fn may_record(&self) -> bool {
        let Some(limit) = self.limit else {
            return true;
        };
        let mut bucket = limit.get();
        let allowed = bucket.try_take(Instant::now());
        limit.set(bucket);
        allowed
    }
}

/// What the status line says when a session records too fast.
pub const TOO_FAST: &str =
    "Not recorded: too many recordings at once from this session; wait a moment and try again";

/// "No item is open: select one in the agenda and press o", with the key
/// from the room's table.
pub(super) fn no_item_open() -> Option<Status> {
    let open = keys_for(MEETING, Action::OpenItem);
    error(format!(
        "No item is open: select one in the agenda and press {open}"
    ))
}

/// A failure for the status line.
pub(super) fn error(text: impl Into<String>) -> Option<Status> {
    Some(Status {
        text: text.into(),
        is_error: true,
    })
}

impl MeetingRoom {
    pub(super) fn record_member(
        &mut self,
        env: Env,
        member: Option<String>,
        event: impl FnOnce(String) -> Event,
    ) -> Option<Status> {
        match member {
            Some(member) => self.record(env, vec![event(member)]),
            None => error("This body has no members"),
        }
    }

    pub(super) fn vote(
        &mut self,
        env: Env,
        item: Option<String>,
        member: Option<String>,
        choice: Choice,
    ) -> Option<Status> {
        let (Some(item), Some(member)) = (item, member) else {
            return no_item_open();
        };
        let change = self
            .state()
            .and_then(|s| s.item(&item))
            .is_some_and(|s| s.votes.contains_key(&member));
        let status = self.record(
            env,
            vec![Event::Vote {
                item,
                member,
                choice,
                change,
            }],
        );
        if status.as_ref().is_some_and(|s| !s.is_error) {
            self.next_voter(env.workspace);
        }
        status
    }

    /// After a vote, the selection moves to the next present full member.
    pub(super) fn next_voter(&mut self, workspace: &Workspace) {
        let attendance = self.state().map(|s| &s.attendance);
        let next = self
            .members(workspace)
            .iter()
            .enumerate()
            .skip(self.member + 1)
            .find(|(_, m)| {
                m.voting_weight() > 0 && attendance.is_some_and(|a| a.contains_key(&m.id))
            })
            .map(|(i, _)| i);
        if let Some(next) = next {
            self.member = next;
        }
    }

    pub(super) fn open_ballot(
        &mut self,
        env: Env,
        item: Option<String>,
        member: Option<String>,
    ) -> Option<Status> {
        let (Some(item), Some(member)) = (item, member) else {
            return no_item_open();
        };
        let agenda_item = self
            .agenda(env.workspace)
            .and_then(|a| a.items.iter().find(|i| i.id == item));
        let Some(ranking) = agenda_item
            .filter(|i| i.kind == ItemKind::Ranking)
            .and_then(|i| i.ranking.as_ref())
        else {
            let vote = [Action::VoteYes, Action::VoteNo, Action::VoteAbstain]
                .map(|a| keys_for(MEETING, a));
            return error(format!(
                "`{item}` is not a ranking item: vote with {}, {} or {}",
                vote[0], vote[1], vote[2]
            ));
        };
        let earlier = self
            .state()
            .and_then(|s| s.item(&item))
            .and_then(|s| s.ballots.get(&member));
        self.mode = Mode::Ballot(BallotEditor::new(item, member, ranking, earlier));
        None
    }

    /// Records `events` through the one code path (the hub: checked under
    /// the journal's lock, appended, fsynced); on success the screen takes
    /// the state the hub published, on failure nothing changes.
    pub(super) fn record(&mut self, env: Env, events: Vec<Event>) -> Option<Status> {
        let Some(agenda) = self.live_agenda(env.workspace) else {
            return error("This workspace has no agendas");
        };
        if !env.may_record() {
            return error(TOO_FAST);
        }
        let meeting = agenda.meeting.id.clone();
        match env.hub.record(&meeting, env.actor, env.now, events) {
            Ok(records) => {
                self.sync(&env.hub.snapshot());
                // The terms plenary writes first are not what the person
                // did: the status confirms their own events.
                let said = records
                    .iter()
                    .filter(|r| !matches!(r.event, Event::Terms { .. }))
                    .map(|r| format!("#{} {}", r.seq, r.event.describe()))
                    .collect::<Vec<_>>()
                    .join("; ");
                Some(Status {
                    text: format!("Recorded {said}"),
                    is_error: false,
                })
            }
            Err(e) => error(format!("Not recorded: {e}")),
        }
    }

    /// Closes the open item, fixing its outcome (after the person said yes).
    pub fn close_item(&mut self, env: Env) -> Option<Status> {
        match self.current_item() {
            Some(item) => {
                let item = item.to_owned();
                self.record(
                    env,
                    vec![Event::ItemClosed {
                        item,
                        outcome: None,
                    }],
                )
            }
            None => error("No item is open"),
        }
    }

    /// Closes the meeting, or fixes a written procedure's outcome (after
    /// the person said yes).
    pub fn close_meeting(&mut self, env: Env) -> Option<Status> {
        if self.is_written(env.workspace) {
            let close = Event::ProcedureClosed {
                early: false,
                why: String::new(),
                reason: None,
                outcomes: Default::default(),
            };
            return self.record(env, vec![close]);
        }
        self.record(env, vec![Event::MeetingClosed])
    }
}
