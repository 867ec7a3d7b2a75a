//! A meeting as its journal describes it, rebuilt by replaying events, and
//! the rules that say which event may come next (SPEC 3).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agenda::{Agenda, Item, ItemKind};
use crate::charter::{Body, Charter, MemberStatus};
use crate::vote::decision::{Attendance, Choice, check_proxies};
use crate::vote::ranked::{Ballot, Contest, Marks};

use super::error::RecordError;
use super::event::{Amendment, Event, Record};
use super::outcome::ItemOutcome;
use super::terms::Frozen;
use super::written::{WrittenState, check_kind, judged_as_written};

/// What the journal says about one agenda item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    /// Whether it has been opened.
    pub opened: bool,
    /// Whether it has been closed.
    pub closed: bool,
    /// When it was last opened: its `open`, or the `reopen` after which it
    /// is open again.
    pub opened_at: Option<DateTime<Utc>>,
    /// When it was last closed; `None` while it is open, including again
    /// after a `reopen`, until it closes once more.
    pub closed_at: Option<DateTime<Utc>>,
    /// The motion put, for decisions.
    pub motion: Option<String>,
    /// Votes by member (the represented member for proxy votes).
    #[serde(skip)]
    pub votes: BTreeMap<String, Choice>,
    /// Ballots by member, for rankings.
    #[serde(skip)]
    pub ballots: BTreeMap<String, Marks>,
    /// Members recused on it.
    #[serde(skip)]
    pub recused: BTreeSet<String>,
    /// Notes recorded on it.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Who was present when it closed: its outcome is fixed then.
    pub attendance_at_close: Option<BTreeMap<String, Attendance>>,
    /// The outcome recorded when it closed.
    pub outcome: Option<ItemOutcome>,
    /// The votes, ballots, recusals and notes that count, by the sequence
    /// number of their event: what `void` takes back out. The four fields
    /// above are counted from it, so only it is stored.
    #[serde(with = "stored_entries")]
    entries: BTreeMap<u64, Entry>,
}

/// One event on an item that a `void` can take back.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Vote { member: String, choice: Choice },
    Ballot { member: String, marks: Marks },
    Recusal { member: String },
    Note { text: String },
}

/// An item's entries as a checkpoint stores them: one JSON string each,
/// `v12 yes uct` (a vote: its event's number, the choice, the member),
/// `r13 uct` (a recusal), `n14 TEXT` (a note), `b15 MARKS\tMEMBER` (a
/// ballot, its marks as JSON, in which a tab is always escaped). A long
/// meeting's checkpoint holds tens of thousands of them, read and written
/// at every append: strings are the cheapest thing JSON has to read, and
/// the entries come out in order, so the map is built without searching.
mod stored_entries {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{self, SeqAccess, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{Entry, choice_name};
    use crate::vote::decision::Choice;

    pub fn serialize<S: Serializer>(
        entries: &BTreeMap<u64, Entry>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(entries.len()))?;
        let mut text = String::new();
        for (n, entry) in entries {
            text.clear();
            write(&mut text, *n, entry).map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&text)?;
        }
        seq.end()
    }

    /// Written by hand: `write!` costs more than the rest of the checkpoint.
    fn write(out: &mut String, n: u64, entry: &Entry) -> Result<(), String> {
        let (kind, head, tail) = match entry {
            Entry::Vote { member, choice } => ('v', Some(choice_name(*choice)), member.as_str()),
            Entry::Recusal { member } => ('r', None, member.as_str()),
            Entry::Note { text } => ('n', None, text.as_str()),
            Entry::Ballot { member, marks } => {
                let marks = serde_json::to_string(marks).map_err(|e| e.to_string())?;
                out.push('b');
                out.push_str(&n.to_string());
                out.push(' ');
                out.push_str(&marks);
                out.push('\t');
                out.push_str(member);
                return Ok(());
            }
        };
        out.push(kind);
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        digits[at..].iter().for_each(|d| out.push(char::from(*d)));
        out.push(' ');
        if let Some(head) = head {
            out.push_str(head);
            out.push(' ');
        }
        out.push_str(tail);
        Ok(())
    }

    /// One stored entry, read straight from the JSON text.
    fn read(text: &str) -> Option<(u64, Entry)> {
        let mut chars = text.chars();
        let kind = chars.next()?;
        let (n, rest) = chars.as_str().split_once(' ')?;
        let n: u64 = n.parse().ok()?;
        let entry = match kind {
            'v' => {
                let (choice, member) = rest.split_once(' ')?;
                let choice = match choice {
                    "yes" => Choice::Yes,
                    "no" => Choice::No,
                    "abstain" => Choice::Abstain,
                    _ => return None,
                };
                Entry::Vote {
                    member: member.to_owned(),
                    choice,
                }
            }
            'r' => Entry::Recusal {
                member: rest.to_owned(),
            },
            'n' => Entry::Note {
                text: rest.to_owned(),
            },
            'b' => {
                let (marks, member) = rest.split_once('\t')?;
                Entry::Ballot {
                    member: member.to_owned(),
                    marks: serde_json::from_str(marks).ok()?,
                }
            }
            _ => return None,
        };
        Some((n, entry))
    }

    /// One element of the stored list.
    struct One((u64, Entry));

    impl<'de> Deserialize<'de> for One {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Text;
            impl Visitor<'_> for Text {
                type Value = One;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a stored entry such as `v12 yes uct`")
                }
                fn visit_str<E: de::Error>(self, text: &str) -> Result<One, E> {
                    read(text)
                        .map(One)
                        .ok_or_else(|| E::custom(format!("not a stored entry: {text:?}")))
                }
            }
            deserializer.deserialize_str(Text)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<u64, Entry>, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = BTreeMap<u64, Entry>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of stored entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(One(entry)) = seq.next_element()? {
                    all.push(entry);
                }
                Ok(all.into_iter().collect())
            }
        }
        deserializer.deserialize_seq(List)
    }
}

impl ItemState {
    /// The latest vote, ballot or recusal of `member` that still counts:
    /// its event's sequence number and what it recorded.
    pub fn last_entry_of(&self, member: &str) -> Option<(u64, String)> {
        self.entries.iter().rev().find_map(|(seq, e)| {
            let what = match e {
                Entry::Vote { member: m, choice } if m == member => {
                    format!("vote {member} {}", choice_name(*choice))
                }
                Entry::Ballot { member: m, .. } if m == member => format!("ballot of {member}"),
                Entry::Recusal { member: m } if m == member => format!("recusal of {member}"),
                _ => return None,
            };
            Some((*seq, what))
        })
    }

    /// Counts the entries that still stand, in the order they were made.
    fn rebuild(&mut self) {
        self.votes.clear();
        self.ballots.clear();
        self.recused.clear();
        self.notes.clear();
        for entry in self.entries.values() {
            match entry {
                Entry::Vote { member, choice } => {
                    self.votes.insert(member.clone(), *choice);
                }
                Entry::Ballot { member, marks } => {
                    self.ballots.insert(member.clone(), marks.clone());
                }
                Entry::Recusal { member } => {
                    self.recused.insert(member.clone());
                }
                Entry::Note { text } => self.notes.push(text.clone()),
            }
        }
    }
}

/// A correction or amendment made while the meeting was open; the minutes
/// list them, and the original lines stay in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Correction {
    /// A motion withdrawn before its item closed.
    Withdrawn {
        /// The `withdraw` event's sequence number.
        seq: u64,
        /// The item.
        item: String,
        /// The words of the motion withdrawn.
        motion: String,
        /// How many votes had been cast on it.
        votes: usize,
        /// Why, if a reason was given.
        reason: Option<String>,
    },
    /// An item closed by mistake and opened again.
    Reopened {
        /// The `reopen` event's sequence number.
        seq: u64,
        /// The item.
        item: String,
        /// Why.
        reason: String,
        /// The outcome recorded at the earlier close, now superseded.
        superseded: Option<Box<ItemOutcome>>,
    },
    /// An event that no longer counts.
    Voided {
        /// The `void` event's sequence number.
        seq: u64,
        /// The voided event's sequence number.
        target: u64,
        /// Its item.
        item: String,
        /// What it had recorded.
        what: String,
        /// Why it was voided.
        reason: String,
    },
    /// A change to the terms agreed by the meeting.
    Amended {
        /// The `amend` event's sequence number.
        seq: u64,
        /// What changed.
        what: String,
    },
}

/// A guest of the meeting: attends, neither votes nor counts for quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    /// Their name.
    pub name: String,
    /// Their institution or role.
    pub affiliation: Option<String>,
}

/// An action item as agreed in the meeting (later changes live in the
/// action register).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingState {
    /// Present members: in person, or by proxy.
    pub attendance: BTreeMap<String, Attendance>,
    /// The item under discussion.
    pub current: Option<String>,
    /// Per item, by id.
    #[serde(deserialize_with = "items_recounted")]
    pub items: BTreeMap<String, ItemState>,
    /// Notes on the meeting as a whole.
    pub notes: Vec<String>,
    /// Action items agreed in this meeting, in order.
    pub actions: Vec<AgreedAction>,
    /// Whether the meeting is over.
    pub closed: bool,
    /// How many events were replayed.
    pub events: u64,
    /// The delegate named as attending for a present member.
    pub delegates: BTreeMap<String, String>,
    /// Members that sent apologies, with the delegate who sent them.
    pub apologies: BTreeMap<String, Option<String>>,
    /// Guests, in order of arrival.
    pub guests: Vec<Guest>,
    /// Corrections and amendments, in order.
    pub corrections: Vec<Correction>,
    /// The terms the meeting is held under, once recorded. A checkpoint
    /// keeps only the terms; the charter and agenda are rebuilt from them.
    #[serde(with = "frozen_terms")]
    frozen: Option<Arc<Frozen>>,
    /// A written procedure's replies, deadline and end (SPEC 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) written: Option<WrittenState>,
}

/// The items as stored, with what counts on each recounted from its
/// entries (only they are stored).
fn items_recounted<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, ItemState>, D::Error> {
    let mut items = BTreeMap::<String, ItemState>::deserialize(deserializer)?;
    items.values_mut().for_each(ItemState::rebuild);
    Ok(items)
}

/// Frozen terms written as the terms alone, as in the journal's `terms`
/// event: the charter and agenda they rebuild are derived, not stored.
mod frozen_terms {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::meeting::terms::{Frozen, Terms};

    pub fn serialize<S: Serializer>(
        frozen: &Option<Arc<Frozen>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        frozen.as_deref().map(Frozen::terms).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Arc<Frozen>>, D::Error> {
        let terms = Option::<Terms>::deserialize(deserializer)?;
        Ok(terms.map(|t| Arc::new(Frozen::new(t))))
    }
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

    /// The body's voting members with their weights, as the `vote`
    /// module counts them.
    pub fn voters(&self) -> Vec<crate::vote::decision::Voter> {
        self.charter
            .members_of(self.body)
            .filter(|m| m.voting_weight() > 0)
            .map(|m| crate::vote::decision::Voter::new(m.id.clone(), m.weight))
            .collect()
    }

    pub(super) fn item(&self, id: &str) -> Result<&'a Item, RecordError> {
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

    /// The body's rule with this key.
    fn rule(&self, key: &str) -> Result<crate::vote::MajorityRule, RecordError> {
        self.body
            .rules
            .get(key)
            .copied()
            .ok_or_else(|| RecordError::UnknownRule {
                rule: key.to_owned(),
                known: self
                    .body
                    .rules
                    .keys()
                    .cloned()
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

    pub(super) fn voting(&self, member: &str) -> Result<u32, RecordError> {
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
    /// Replays `records` under `ctx` (or the terms they froze); an event
    /// the rules reject means the journal does not belong to this agenda
    /// (or was forged).
    pub fn replay(records: &[Record], ctx: &Context) -> Result<Self, (u64, RecordError)> {
        let mut state = Self::default();
        for record in records {
            state
                .apply_at(&record.event, record.at, ctx)
                .map_err(|e| (record.seq, e))?;
        }
        Ok(state)
    }

    /// Like [`MeetingState::apply`], for an event recorded at `at`: the
    /// items it opens or closes keep the time, which the agenda's clock and
    /// the minutes read.
    pub fn apply_at(
        &mut self,
        event: &Event,
        at: DateTime<Utc>,
        live: &Context,
    ) -> Result<(), RecordError> {
        self.step(event, Some(at), live)?;
        match event {
            Event::ItemOpened { item } | Event::Reopen { item, .. } => {
                if let Some(state) = self.items.get_mut(item) {
                    state.opened_at = Some(at);
                    state.closed_at = None;
                }
            }
            Event::ItemClosed { item, .. } => {
                if let Some(state) = self.items.get_mut(item) {
                    state.closed_at = Some(at);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The state of `item`.
    pub fn item(&self, id: &str) -> Option<&ItemState> {
        self.items.get(id)
    }

    /// The frozen terms, once the journal has them.
    pub fn frozen(&self) -> Option<&Frozen> {
        self.frozen.as_deref()
    }

    /// The context the meeting is judged in: its frozen terms once
    /// recorded, else (before the first event, or in a journal written
    /// before terms were frozen) the live files' `live`.
    pub fn context<'s>(&'s self, live: Context<'s>) -> Context<'s> {
        self.frozen.as_deref().map_or(live, Frozen::context)
    }

    /// Checks `event` against the rules and, if allowed, applies it. A
    /// written procedure's events need their time: [`MeetingState::apply_at`].
    pub fn apply(&mut self, event: &Event, live: &Context) -> Result<(), RecordError> {
        self.step(event, None, live)
    }

    fn step(
        &mut self,
        event: &Event,
        at: Option<DateTime<Utc>>,
        live: &Context,
    ) -> Result<(), RecordError> {
        if self.closed {
            return Err(match self.written {
                Some(_) => RecordError::ProcedureEnded,
                None => RecordError::MeetingClosed,
            });
        }
        // The event's own sequence number: every line is applied in order.
        let seq = self.events + 1;
        let frozen = self.frozen.clone();
        let ctx = &frozen.as_deref().map_or(*live, Frozen::context);
        check_kind(ctx, event)?;
        if judged_as_written(ctx, event) {
            self.apply_written(seq, ctx, event, at.ok_or(RecordError::Untimed)?)?;
            self.events += 1;
            return Ok(());
        }
        match event {
            Event::ProcedureOpened { .. }
            | Event::Reply { .. }
            | Event::DeadlineExtended { .. }
            | Event::ProcedureWithdrawn { .. }
            // Judged above, by the written procedure's rules.
            | Event::ProcedureClosed { .. } => {}
            Event::Terms { terms } => {
                if self.frozen.is_some() {
                    return Err(RecordError::TermsAgain);
                }
                if terms.meeting.id != live.agenda.meeting.id {
                    return Err(RecordError::TermsOfOtherMeeting(terms.meeting.id.clone()));
                }
                self.frozen = Some(Arc::new(Frozen::new((**terms).clone())));
            }
            Event::Present { member, delegate } => {
                ctx.in_body(member)?;
                if let Some(name) = delegate {
                    check_owner(ctx.charter, member, Some(name))?;
                }
                let already = self.attendance.get(member) == Some(&Attendance::InPerson);
                if already && self.delegates.get(member) == delegate.as_ref() {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` is already present"
                    )));
                }
                self.attendance.insert(member.clone(), Attendance::InPerson);
                match delegate {
                    Some(name) => self.delegates.insert(member.clone(), name.clone()),
                    None => self.delegates.remove(member),
                };
                self.apologies.remove(member);
            }
            Event::Absent { member } => {
                ctx.in_body(member)?;
                if !self.attendance.contains_key(member) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` is not present or represented, so marking it absent changes nothing"
                    )));
                }
                self.attendance.remove(member);
                self.delegates.remove(member);
                // Proxies need their holder in the room.
                self.attendance
                    .retain(|_, a| !matches!(a, Attendance::Proxy { holder } if holder == member));
            }
            Event::Apologies { member, delegate } => {
                ctx.in_body(member)?;
                if let Some(name) = delegate {
                    check_owner(ctx.charter, member, Some(name))?;
                }
                if self.attendance.get(member) == Some(&Attendance::InPerson) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` is present; mark it absent before recording apologies"
                    )));
                }
                if self.apologies.get(member) == Some(delegate) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` has already sent apologies"
                    )));
                }
                self.apologies.insert(member.clone(), delegate.clone());
            }
            Event::Guest { name, affiliation } => {
                if name.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                if self.guests.iter().any(|g| &g.name == name) {
                    return Err(RecordError::NoChange(format!(
                        "`{name}` is already recorded as a guest"
                    )));
                }
                self.guests.push(Guest {
                    name: name.clone(),
                    affiliation: affiliation.clone(),
                });
            }
            Event::Proxy { member, holder } => self.proxy(ctx, member, holder)?,
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
            Event::ItemClosed { item, outcome } => {
                ctx.item(item)?;
                self.require_open(item)?;
                let state = self.items.entry(item.clone()).or_default();
                state.closed = true;
                state.attendance_at_close = Some(self.attendance.clone());
                state.outcome = outcome.as_deref().cloned();
                self.current = None;
            }
            Event::Withdraw { item, reason } => {
                let it = ctx.item(item)?;
                need_kind(it, ItemKind::Decision, "withdrawing a motion")?;
                self.require_open(item)?;
                let state = self.items.entry(item.clone()).or_default();
                let Some(motion) = state.motion.take() else {
                    return Err(RecordError::NoMotion(item.clone()));
                };
                let votes = state.votes.len();
                state
                    .entries
                    .retain(|_, e| !matches!(e, Entry::Vote { .. }));
                state.rebuild();
                self.corrections.push(Correction::Withdrawn {
                    seq,
                    item: item.clone(),
                    motion,
                    votes,
                    reason: reason.clone(),
                });
            }
            Event::Reopen { item, reason } => {
                ctx.item(item)?;
                if reason.trim().is_empty() {
                    return Err(RecordError::NoReason);
                }
                if !self.items.get(item).is_some_and(|s| s.closed) {
                    return Err(RecordError::NotClosed(item.clone()));
                }
                if let Some(open) = &self.current {
                    return Err(RecordError::OtherItemOpen(open.clone()));
                }
                let state = self.items.entry(item.clone()).or_default();
                state.closed = false;
                state.attendance_at_close = None;
                let superseded = state.outcome.take().map(Box::new);
                self.current = Some(item.clone());
                self.corrections.push(Correction::Reopened {
                    seq,
                    item: item.clone(),
                    reason: reason.clone(),
                    superseded,
                });
            }
            Event::Void { target, reason } => self.void(seq, *target, reason)?,
            Event::Amend { amendment } => self.amend(seq, ctx, amendment)?,
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
                if state.motion.as_ref() == Some(text) {
                    return Err(RecordError::NoChange(format!(
                        "the motion on `{item}` already reads so"
                    )));
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
                if state.votes.get(member) == Some(choice) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` already voted {} on `{item}`",
                        choice_name(*choice)
                    )));
                }
                state.votes.insert(member.clone(), *choice);
                state.entries.insert(
                    seq,
                    Entry::Vote {
                        member: member.clone(),
                        choice: *choice,
                    },
                );
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
                if state.ballots.get(member) == Some(marks) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}`'s ballot on `{item}` already reads so"
                    )));
                }
                state.ballots.insert(member.clone(), marks.clone());
                state.entries.insert(
                    seq,
                    Entry::Ballot {
                        member: member.clone(),
                        marks: marks.clone(),
                    },
                );
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
                if state.recused.contains(member) {
                    return Err(RecordError::NoChange(format!(
                        "`{member}` is already recused on `{item}`"
                    )));
                }
                state.recused.insert(member.clone());
                state.entries.insert(
                    seq,
                    Entry::Recusal {
                        member: member.clone(),
                    },
                );
            }
            Event::Note { item, text } => {
                if text.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                match item {
                    Some(item) => {
                        ctx.item(item)?;
                        let state = self.items.entry(item.clone()).or_default();
                        state.notes.push(text.clone());
                        state
                            .entries
                            .insert(seq, Entry::Note { text: text.clone() });
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
            Event::Approval(_) => return Err(RecordError::ApprovalInMeeting),
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

    fn proxy(&mut self, ctx: &Context, member: &str, holder: &str) -> Result<(), RecordError> {
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
        match self.attendance.get(member) {
            Some(Attendance::InPerson) => {
                return Err(RecordError::Proxy(format!(
                    "`{member}` is present in person; mark it absent before giving its proxy"
                )));
            }
            Some(Attendance::Proxy { holder: h }) if h == holder => {
                return Err(RecordError::NoChange(format!(
                    "`{holder}` already holds `{member}`'s proxy"
                )));
            }
            _ => {}
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
            member.to_owned(),
            Attendance::Proxy {
                holder: holder.to_owned(),
            },
        );
        check_proxies(&next, ctx.body.max_proxies)
            .map_err(|e| RecordError::Proxy(e.to_string()))?;
        self.attendance = next;
        Ok(())
    }

    /// Takes the vote, ballot, recusal or note of event `target` back out
    /// of its item, which must be open.
    fn void(&mut self, seq: u64, target: u64, reason: &str) -> Result<(), RecordError> {
        if reason.trim().is_empty() {
            return Err(RecordError::NoReason);
        }
        let Some((item, state)) = self
            .items
            .iter_mut()
            .find(|(_, s)| s.entries.contains_key(&target))
        else {
            let already = self
                .corrections
                .iter()
                .any(|c| matches!(c, Correction::Voided { target: t, .. } if *t == target));
            return Err(if already {
                RecordError::NoChange(format!("event #{target} is already void"))
            } else {
                RecordError::NotVoidable(target)
            });
        };
        if state.closed {
            return Err(RecordError::VoidOnClosedItem {
                target,
                item: item.clone(),
            });
        }
        if self.current.as_deref() != Some(item.as_str()) {
            return Err(RecordError::NotOpen(item.clone()));
        }
        let what = match state.entries.remove(&target) {
            Some(Entry::Vote { member, choice }) => {
                format!("vote {item} {member} {}", choice_name(choice))
            }
            Some(Entry::Ballot { member, .. }) => format!("ballot {item} {member}"),
            Some(Entry::Recusal { member }) => format!("recusal {item} {member}"),
            Some(Entry::Note { text }) => format!("note on {item}: {text}"),
            None => String::new(),
        };
        state.rebuild();
        self.corrections.push(Correction::Voided {
            seq,
            target,
            item: item.clone(),
            what,
            reason: reason.to_owned(),
        });
        Ok(())
    }

    /// Applies a change to the frozen terms.
    fn amend(&mut self, seq: u64, ctx: &Context, amendment: &Amendment) -> Result<(), RecordError> {
        let Some(frozen) = &self.frozen else {
            return Err(RecordError::NoTerms);
        };
        let mut terms = frozen.terms().clone();
        let what = match amendment {
            Amendment::Rule { item, rule } => {
                let it = ctx.item(item)?;
                need_kind(it, ItemKind::Decision, "a rule")?;
                ctx.rule(rule)?;
                let state = self.items.get(item);
                if state.is_some_and(|s| s.closed) {
                    return Err(RecordError::ItemClosed(item.clone()));
                }
                if state.is_some_and(|s| !s.votes.is_empty()) {
                    return Err(RecordError::VotingStarted(item.clone()));
                }
                if it.rule.as_deref().unwrap_or("default") == rule {
                    return Err(RecordError::NoChange(format!(
                        "`{item}` is already decided by rule `{rule}`"
                    )));
                }
                if let Some(t) = terms.items.iter_mut().find(|i| &i.id == item) {
                    t.rule = Some(rule.clone());
                }
                format!("{item} is decided by rule {rule}")
            }
            Amendment::AddItem { item } => {
                let valid_id = !item.id.is_empty()
                    && item
                        .id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !valid_id {
                    return Err(RecordError::BadItemId(item.id.clone()));
                }
                if ctx.item(&item.id).is_ok() {
                    return Err(RecordError::DuplicateItem(item.id.clone()));
                }
                if item.title.trim().is_empty() {
                    return Err(RecordError::EmptyText);
                }
                if item.kind == ItemKind::Ranking || item.method.is_some() {
                    return Err(RecordError::RankingByAmendment);
                }
                let rule = item.rule.as_deref().unwrap_or("default");
                if item.kind == ItemKind::Decision {
                    ctx.rule(rule)?;
                }
                terms.items.push((**item).clone());
                format!(
                    "{} item {} added: {}",
                    item.kind.name(),
                    item.id,
                    item.title
                )
            }
        };
        self.frozen = Some(Arc::new(Frozen::new(terms)));
        self.corrections.push(Correction::Amended { seq, what });
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
    // A minutes approval is voted like a decision.
    if item.kind == kind || (kind == ItemKind::Decision && item.kind.is_decision()) {
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

fn choice_name(choice: Choice) -> &'static str {
    match choice {
        Choice::Yes => "yes",
        Choice::No => "no",
        Choice::Abstain => "abstain",
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
pub(super) fn check_marks(ctx: &Context, item: &Item, marks: &Marks) -> Result<(), RecordError> {
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
