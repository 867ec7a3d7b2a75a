//! A meeting as its journal describes it, rebuilt by replaying events, and
//! the rules that say which event may come next (SPEC 3).

use std::collections::{BTreeMap, BTreeSet};

use crate::agenda::{Agenda, Item, ItemKind};
use crate::charter::{Body, Charter, MemberStatus};
use crate::vote::decision::{Attendance, Choice, check_proxies};
use crate::vote::ranked::{Ballot, Contest, Marks};

use super::error::RecordError;
use super::event::{Event, Record};

/// What the journal says about one agenda item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemState {
    /// Whether it has been opened.
    pub opened: bool,
    /// Whether it has been closed.
    pub closed: bool,
    /// The motion put, for decisions.
    pub motion: Option<String>,
    /// Votes by member (the represented member for proxy votes).
    pub votes: BTreeMap<String, Choice>,
    /// Ballots by member, for rankings.
    pub ballots: BTreeMap<String, Marks>,
    /// Members recused on it.
    pub recused: BTreeSet<String>,
    /// Notes recorded on it.
    pub notes: Vec<String>,
    /// Who was present when it closed: its outcome is fixed then.
    pub attendance_at_close: Option<BTreeMap<String, Attendance>>,
}

/// An action item as agreed in the meeting (later changes live in the
/// action register).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedAction {
    /// `<meeting-id>/<n>`.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// The member responsible.
    pub owner: String,
    /// The named person at the owner, if any.
    pub delegate: Option<String>,
    /// Due by the end of this day in the owner's zone.
    pub due: chrono::NaiveDate,
    /// The agenda item it came from.
    pub item: Option<String>,
}

/// A meeting rebuilt from its journal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingState {
    /// Present members: in person, or by proxy.
    pub attendance: BTreeMap<String, Attendance>,
    /// The item under discussion.
    pub current: Option<String>,
    /// Per item, by id.
    pub items: BTreeMap<String, ItemState>,
    /// Notes on the meeting as a whole.
    pub notes: Vec<String>,
    /// Action items agreed in this meeting, in order.
    pub actions: Vec<AgreedAction>,
    /// Whether the meeting is over.
    pub closed: bool,
    /// How many events were replayed.
    pub events: u64,
}

/// What the rules are checked against: the charter, the agenda and the body.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The alliance's charter.
    pub charter: &'a Charter,
    /// The meeting's agenda.
    pub agenda: &'a Agenda,
    /// The body that meets.
    pub body: &'a Body,
}

impl<'a> Context<'a> {
    /// The context of `agenda`, if its body exists.
    pub fn new(charter: &'a Charter, agenda: &'a Agenda) -> Option<Self> {
        let body = charter.body(&agenda.meeting.body)?;
        Some(Self {
            charter,
            agenda,
            body,
        })
    }

    fn item(&self, id: &str) -> Result<&'a Item, RecordError> {
        self.agenda
            .items
            .iter()
            .find(|i| i.id == id)
            .ok_or_else(|| RecordError::UnknownItem {
                item: id.to_owned(),
                known: self
                    .agenda
                    .items
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    fn in_body(&self, member: &str) -> Result<(), RecordError> {
        if self.body.members.iter().any(|m| m == member) {
            Ok(())
        } else {
            Err(RecordError::NotInBody {
                member: member.to_owned(),
                body: self.body.name.clone(),
            })
        }
    }

    fn voting(&self, member: &str) -> Result<u32, RecordError> {
        self.in_body(member)?;
        let m = self
            .charter
            .member(member)
            .ok_or_else(|| RecordError::NotInBody {
                member: member.to_owned(),
                body: self.body.name.clone(),
            })?;
        match m.status {
            MemberStatus::Full => Ok(m.weight),
            other => Err(RecordError::NotVoting {
                member: member.to_owned(),
                status: other.name(),
            }),
        }
    }

    /// The contest of a ranking item from its ballots so far.
    pub fn contest(&self, item: &Item, state: &ItemState) -> Option<Contest> {
        let ranking = item.ranking.as_ref()?;
        let ballots = state
            .ballots
            .iter()
            .map(|(member, marks)| Ballot {
                voter: Some(member.clone()),
                weight: self.charter.member(member).map_or(1, |m| m.weight),
                marks: marks.clone(),
            })
            .collect();
        Some(Contest {
            method: ranking.method,
            options: ranking.options.clone(),
            seats: ranking.seats as usize,
            ballots,
        })
    }
}

impl MeetingState {
    /// Replays `records` under `ctx`; an event the rules reject means the
    /// journal does not belong to this agenda (or was forged).
    pub fn replay(records: &[Record], ctx: &Context) -> Result<Self, (u64, RecordError)> {
        let mut state = Self::default();
        for record in records {
            state
                .apply(&record.event, ctx)
                .map_err(|e| (record.seq, e))?;
        }
        Ok(state)
    }

    /// The state of `item`.
    pub fn item(&self, id: &str) -> Option<&ItemState> {
        self.items.get(id)
    }

    /// Checks `event` against the rules and, if allowed, applies it.
    pub fn apply(&mut self, event: &Event, ctx: &Context) -> Result<(), RecordError> {
        if self.closed {
            return Err(RecordError::MeetingClosed);
        }
        match event {
            Event::Present { member } => {
                ctx.in_body(member)?;
                self.attendance.insert(member.clone(), Attendance::InPerson);
            }
            Event::Absent { member } => {
                ctx.in_body(member)?;
                self.attendance.remove(member);
                // Proxies need their holder in the room.
                self.attendance
                    .retain(|_, a| !matches!(a, Attendance::Proxy { holder } if holder == member));
            }
            Event::Proxy { member, holder } => {
                ctx.voting(member)?;
                ctx.voting(holder)?;
                if member == holder {
                    return Err(RecordError::Proxy(format!(
                        "`{member}` cannot hold its own proxy"
                    )));
                }
                if self.attendance.get(holder) != Some(&Attendance::InPerson) {
                    return Err(RecordError::Proxy(format!(
                        "the proxy holder `{holder}` must be present in person"
                    )));
                }
                if self.attendance.get(member) == Some(&Attendance::InPerson) {
                    return Err(RecordError::Proxy(format!(
                        "`{member}` is present in person; mark it absent before giving its proxy"
                    )));
                }
                if self
                    .attendance
                    .values()
                    .any(|a| matches!(a, Attendance::Proxy { holder: h } if h == member))
                {
                    return Err(RecordError::Proxy(format!(
                        "`{member}` holds proxies itself"
                    )));
                }
                let mut next = self.attendance.clone();
                next.insert(
                    member.clone(),
                    Attendance::Proxy {
                        holder: holder.clone(),
                    },
                );
                check_proxies(&next, ctx.body.max_proxies)
                    .map_err(|e| RecordError::Proxy(e.to_string()))?;
                self.attendance = next;
            }
            Event::ItemOpened { item } => {
                ctx.item(item)?;
                if let Some(open) = &self.current {
                    return Err(RecordError::OtherItemOpen(open.clone()));
                }
                let state = self.items.entry(item.clone()).or_default();
                if state.closed {
                    return Err(RecordError::ItemClosed(item.clone()));
                }
                state.opened = true;
                self.current = Some(item.clone());
            }
            Event::ItemClosed { item } => {
                ctx.item(item)?;
                self.require_open(item)?;
                if let Some(state) = self.items.get_mut(item) {
                    state.closed = true;
                    state.attendance_at_close = Some(self.attendance.clone());
                }
                self.current = None;
            }
            Event::Motion { item, text } => {
                let it = ctx.item(item)?;
                need_kind(it, ItemKind::Decision, "a motion")?;
                self.require_open(item)?;
                if text.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                let state = self.items.entry(item.clone()).or_default();
                if !state.votes.is_empty() {
                    return Err(RecordError::VotingStarted(item.clone()));
                }
                state.motion = Some(text.clone());
            }
            Event::Vote {
                item,
                member,
                choice,
                change,
            } => {
                let it = ctx.item(item)?;
                need_kind(it, ItemKind::Decision, "a vote")?;
                self.require_open(item)?;
                ctx.voting(member)?;
                self.require_present(member)?;
                let state = self.items.entry(item.clone()).or_default();
                if state.motion.is_none() {
                    return Err(RecordError::NoMotion(item.clone()));
                }
                check_vote_slot(
                    state.recused.contains(member),
                    state.votes.contains_key(member),
                    *change,
                    member,
                    item,
                )?;
                state.votes.insert(member.clone(), *choice);
            }
            Event::Ballot {
                item,
                member,
                marks,
                change,
            } => {
                let it = ctx.item(item)?;
                need_kind(it, ItemKind::Ranking, "a ballot")?;
                self.require_open(item)?;
                ctx.voting(member)?;
                self.require_present(member)?;
                check_marks(ctx, it, marks)?;
                let state = self.items.entry(item.clone()).or_default();
                check_vote_slot(
                    state.recused.contains(member),
                    state.ballots.contains_key(member),
                    *change,
                    member,
                    item,
                )?;
                state.ballots.insert(member.clone(), marks.clone());
            }
            Event::Recusal { item, member } => {
                ctx.item(item)?;
                ctx.in_body(member)?;
                self.require_open(item)?;
                let state = self.items.entry(item.clone()).or_default();
                if state.votes.contains_key(member) || state.ballots.contains_key(member) {
                    return Err(RecordError::RecusalAfterVote {
                        member: member.clone(),
                        item: item.clone(),
                    });
                }
                state.recused.insert(member.clone());
            }
            Event::Note { item, text } => {
                if text.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                match item {
                    Some(item) => {
                        ctx.item(item)?;
                        self.items
                            .entry(item.clone())
                            .or_default()
                            .notes
                            .push(text.clone());
                    }
                    None => self.notes.push(text.clone()),
                }
            }
            Event::ActionCreated {
                text,
                owner,
                delegate,
                due,
                item,
            } => {
                if text.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                check_owner(ctx.charter, owner, delegate.as_deref())?;
                if let Some(item) = item {
                    ctx.item(item)?;
                }
                self.actions.push(AgreedAction {
                    id: format!("{}/{}", ctx.agenda.meeting.id, self.actions.len() + 1),
                    text: text.clone(),
                    owner: owner.clone(),
                    delegate: delegate.clone(),
                    due: *due,
                    item: item.clone(),
                });
            }
            Event::ActionUpdated { .. } => return Err(RecordError::UpdateInMeeting),
            Event::MeetingClosed => {
                if let Some(open) = &self.current {
                    return Err(RecordError::CloseWithOpenItem(open.clone()));
                }
                self.closed = true;
            }
        }
        self.events += 1;
        Ok(())
    }

    fn require_open(&self, item: &str) -> Result<(), RecordError> {
        match self.items.get(item) {
            Some(s) if s.closed => Err(RecordError::ItemClosed(item.to_owned())),
            _ if self.current.as_deref() == Some(item) => Ok(()),
            _ => Err(RecordError::NotOpen(item.to_owned())),
        }
    }

    fn require_present(&self, member: &str) -> Result<(), RecordError> {
        if self.attendance.contains_key(member) {
            Ok(())
        } else {
            Err(RecordError::NotPresent(member.to_owned()))
        }
    }
}

/// An action item's owner is a member of the alliance and its named person,
/// if any, one of that member's delegates.
pub fn check_owner(
    charter: &Charter,
    owner: &str,
    delegate: Option<&str>,
) -> Result<(), RecordError> {
    let member = charter
        .member(owner)
        .ok_or_else(|| RecordError::UnknownOwner(owner.to_owned()))?;
    match delegate {
        Some(name) if !member.delegates.iter().any(|d| d.name == name) => {
            Err(RecordError::UnknownDelegate {
                delegate: name.to_owned(),
                owner: owner.to_owned(),
                known: member
                    .delegates
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
        _ => Ok(()),
    }
}

fn need_kind(item: &Item, kind: ItemKind, what: &'static str) -> Result<(), RecordError> {
    if item.kind == kind {
        Ok(())
    } else {
        Err(RecordError::WrongKind {
            item: item.id.clone(),
            kind: item.kind.name(),
            what,
            needed: kind.name(),
        })
    }
}

fn check_vote_slot(
    recused: bool,
    voted: bool,
    change: bool,
    member: &str,
    item: &str,
) -> Result<(), RecordError> {
    let (member, item) = (member.to_owned(), item.to_owned());
    match (recused, voted, change) {
        (true, _, _) => Err(RecordError::Recused { member, item }),
        (false, true, false) => Err(RecordError::AlreadyVoted { member, item }),
        (false, false, true) => Err(RecordError::NothingToChange { member, item }),
        _ => Ok(()),
    }
}

/// A ballot must use the item's options and the kind of marks its method reads.
fn check_marks(ctx: &Context, item: &Item, marks: &Marks) -> Result<(), RecordError> {
    let Some(contest) = ctx.contest(item, &ItemState::default()) else {
        return Err(RecordError::Ballot(format!(
            "item `{}` has no ranking method",
            item.id
        )));
    };
    let probe = Contest {
        ballots: vec![Ballot {
            voter: None,
            weight: 1,
            marks: marks.clone(),
        }],
        ..contest
    };
    match probe.ballot_errors().first() {
        Some(e) => Err(RecordError::Ballot(e.problem.to_string())),
        None => Ok(()),
    }
}
