//! What can happen in a meeting (SPEC 3): the events of the journal, one
//! JSON object a line.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::approval_event::ApprovalEvent;
use super::outcome::ItemOutcome;
use super::terms::{Terms, TermsItem};
use crate::agenda::Deadline;
use crate::vote::decision::Choice;
use crate::vote::ranked::Marks;

/// One thing that happened in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    /// The terms the meeting is held under, copied from the files; written
    /// automatically before the first event (SPEC 3.3).
    Terms {
        /// Everything an outcome depends on or the minutes print.
        terms: Box<Terms>,
    },
    /// A member attends in person (a delegate is in the room or the call).
    Present {
        /// The member id.
        member: String,
        /// The delegate who attends for it (default: its representative).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegate: Option<String>,
    },
    /// A member sent apologies: absent, but excused.
    Apologies {
        /// The member id.
        member: String,
        /// The delegate who sent them, if named.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegate: Option<String>,
    },
    /// A guest attends (no vote, not counted for quorum).
    Guest {
        /// Their name.
        name: String,
        /// Their institution or role, if given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        affiliation: Option<String>,
    },
    /// A member is not (or no longer) there; proxies it held lapse.
    Absent {
        /// The member id.
        member: String,
    },
    /// An absent voting member is represented by a present one.
    Proxy {
        /// The absent member.
        member: String,
        /// The present member who holds its proxy.
        holder: String,
    },
    /// Discussion of an agenda item begins.
    ItemOpened {
        /// The item id.
        item: String,
    },
    /// An item is done; a decision's or ranking's outcome is fixed at this
    /// point and recorded with every figure behind it.
    ItemClosed {
        /// The item id.
        item: String,
        /// The outcome, computed under the frozen terms when the item
        /// closed (absent for items without one, and in journals written
        /// before outcomes were recorded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<Box<ItemOutcome>>,
    },
    /// The motion on an open decision item is withdrawn: its votes lapse,
    /// and a new motion may be put.
    Withdraw {
        /// The item id.
        item: String,
        /// Why, if a reason is given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// An item closed by mistake is opened again; its recorded outcome
    /// stays in the record, superseded by the next close.
    Reopen {
        /// The item id.
        item: String,
        /// Why.
        reason: String,
    },
    /// An event recorded in error on an open item (a vote, ballot, recusal
    /// or note) no longer counts; its line stays in the chain.
    Void {
        /// The sequence number of the event voided.
        target: u64,
        /// Why.
        reason: String,
    },
    /// A change to the terms that the meeting itself agreed.
    Amend {
        /// What changes.
        amendment: Amendment,
    },
    /// The motion put to the vote on a decision item.
    Motion {
        /// The item id.
        item: String,
        /// The words of the motion.
        text: String,
    },
    /// A member's vote on the open motion (cast by its delegate or its
    /// proxy holder).
    Vote {
        /// The item id.
        item: String,
        /// The member whose vote this is.
        member: String,
        /// Yes, no or abstain.
        choice: Choice,
        /// Whether this replaces an earlier vote of the same member.
        #[serde(default, skip_serializing_if = "is_false")]
        change: bool,
    },
    /// A member's ballot on a ranking item.
    Ballot {
        /// The item id.
        item: String,
        /// The member whose ballot this is.
        member: String,
        /// The ranking, approvals or scores.
        #[serde(flatten)]
        marks: Marks,
        /// Whether this replaces an earlier ballot of the same member.
        #[serde(default, skip_serializing_if = "is_false")]
        change: bool,
    },
    /// A member takes no part in deciding an item (a conflict of interest).
    Recusal {
        /// The item id.
        item: String,
        /// The member id.
        member: String,
    },
    /// A note for the minutes, on an item or on the meeting.
    Note {
        /// The item it belongs to, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        /// What to record.
        text: String,
    },
    /// The meeting is over; nothing more can be recorded.
    MeetingClosed,
    /// An action item agreed in the meeting. Its id is derived, not
    /// stored: `<meeting-id>/<n>` for the meeting's n-th action item, so
    /// that two recorders can never hand out the same id.
    ActionCreated {
        /// What is to be done.
        text: String,
        /// The member responsible.
        owner: String,
        /// The named person at that member, if any (a delegate's name).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegate: Option<String>,
        /// Due by the end of this day in the owner's time zone.
        due: NaiveDate,
        /// The agenda item it came from, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// A change to an action item, recorded in the action register
    /// (`records/_register.jsonl`), during a meeting or between meetings.
    ActionUpdated {
        /// The action item's id.
        action: String,
        /// Its new status.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<ActionStatus>,
        /// Its new due date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
        /// Its new owner.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
        /// Its new named person at the owner (empty to clear).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delegate: Option<String>,
        /// A remark on progress.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A written procedure starts taking replies (SPEC 9).
    ProcedureOpened {
        /// Its deadline, as the frozen terms set it (filled in by plenary
        /// when it records the event).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<Deadline>,
    },
    /// A member's reply in a written procedure: final once recorded.
    Reply {
        /// The item id.
        item: String,
        /// The member replying (for itself: no proxies).
        member: String,
        /// Yes, no, abstain or a recusal; or a ranking item's ballot.
        #[serde(flatten)]
        answer: Answer,
        /// How the secretariat received a reply it records for a member
        /// (an e-mail, a letter); `None` when the member replied itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
    },
    /// A written procedure's deadline moves later, before it has passed.
    DeadlineExtended {
        /// The new deadline.
        deadline: Deadline,
        /// Why.
        reason: String,
    },
    /// A written procedure is withdrawn before its outcome is final:
    /// nothing is decided.
    ProcedureWithdrawn {
        /// Why.
        reason: String,
    },
    /// A written procedure's outcome is fixed: at its deadline, or earlier
    /// when no remaining reply can change it. The outcomes are recorded
    /// with every figure behind them (filled in by plenary), and read,
    /// never recomputed.
    ProcedureClosed {
        /// Whether it closed before its deadline.
        #[serde(default, skip_serializing_if = "is_false")]
        early: bool,
        /// Why it could close, in words (filled in by plenary).
        #[serde(default)]
        why: String,
        /// The secretariat's own words, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Each decision and ranking item's outcome, by item id.
        #[serde(default)]
        outcomes: BTreeMap<String, ItemOutcome>,
    },
    /// A step in approving a closed meeting's minutes, recorded in its
    /// approval record (`records/<meeting-id>.approval.jsonl`), never in
    /// a meeting's journal.
    Approval(Box<ApprovalEvent>),
}

/// What a member replies in a written procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// On a decision: yes, no, abstain or a recusal; on a ranking: an
    /// abstention or a recusal (present, no ballot).
    Choice(ReplyChoice),
    /// A ranking ballot, best first.
    Ranking(Vec<String>),
    /// An approval ballot.
    Approve(Vec<String>),
    /// A score ballot.
    Scores(BTreeMap<String, i64>),
}

impl Answer {
    /// The ballot this answer casts, if it is one.
    pub fn marks(&self) -> Option<Marks> {
        match self {
            Self::Choice(_) => None,
            Self::Ranking(list) => Some(Marks::Ranking(list.clone())),
            Self::Approve(list) => Some(Marks::Approve(list.clone())),
            Self::Scores(scores) => Some(Marks::Scores(scores.clone())),
        }
    }

    /// The answer that casts `marks`.
    pub fn from_marks(marks: Marks) -> Self {
        match marks {
            Marks::Ranking(list) => Self::Ranking(list),
            Marks::Approve(list) => Self::Approve(list),
            Marks::Scores(scores) => Self::Scores(scores),
        }
    }

    /// `yes`, `recuse`, `a > b > c`, `approves a, b`, `a=3, b=1`.
    pub fn describe(&self) -> String {
        match self {
            Self::Choice(c) => c.name().to_owned(),
            Self::Ranking(list) => list.join(" > "),
            Self::Approve(list) => format!("approves {}", list.join(", ")),
            Self::Scores(scores) => scores
                .iter()
                .map(|(o, s)| format!("{o}={s}"))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A reply on a decision in a written procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyChoice {
    /// In favour.
    Yes,
    /// Against.
    No,
    /// Neither: present, not in the yes/no balance.
    Abstain,
    /// A conflict of interest: present, no vote.
    Recuse,
}

impl ReplyChoice {
    /// The name used in journals and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::No => "no",
            Self::Abstain => "abstain",
            Self::Recuse => "recuse",
        }
    }

    /// The vote it casts, if any (a recusal casts none).
    pub fn vote(self) -> Option<Choice> {
        match self {
            Self::Yes => Some(Choice::Yes),
            Self::No => Some(Choice::No),
            Self::Abstain => Some(Choice::Abstain),
            Self::Recuse => None,
        }
    }
}

/// A change to a meeting's frozen terms, agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Amendment {
    /// The majority rule of a decision item, before voting on it starts.
    Rule {
        /// The item id.
        item: String,
        /// A key of the body's rules.
        rule: String,
    },
    /// An item added to the agenda (information, discussion or decision).
    AddItem {
        /// The new item.
        item: Box<TermsItem>,
    },
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Still to be done.
    Open,
    /// Done.
    Done,
    /// Abandoned.
    Dropped,
}

impl ActionStatus {
    /// The name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Dropped => "dropped",
        }
    }
}

/// The first 12 hex digits of a digest, enough to tell files apart.
fn short(hex: &str) -> &str {
    hex.get(..12).unwrap_or(hex)
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One line of the journal: an event with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// 1 for the first line, then one more per line.
    pub seq: u64,
    /// When it was recorded.
    #[serde(deserialize_with = "line_time")]
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub by: String,
    /// SHA-256 (hex) of the previous line's bytes; zeros for the first.
    pub prev: String,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// A line's time: plenary writes `YYYY-MM-DDTHH:MM:SS.mmmZ`, read here
/// directly (chrono's RFC 3339 reader was a tenth of opening a journal);
/// anything else goes to chrono's reader.
fn line_time<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse_line_time(&text).map_err(serde::de::Error::custom)
}

/// A line's time from its text, as [`Record`]'s reader reads it.
pub(crate) fn parse_line_time(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    if let Some(at) = plenary_time(text.as_bytes()) {
        return Ok(at);
    }
    text.parse::<DateTime<chrono::FixedOffset>>()
        .map(|t| t.with_timezone(&Utc))
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly, as a time; `None` for any other
/// shape or an impossible date or time.
fn plenary_time(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() != 24 || b[23] != b'Z' {
        return None;
    }
    let punctuation = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
    ];
    if punctuation.iter().any(|&(i, c)| b[i] != c) {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let time = chrono::NaiveTime::from_hms_milli_opt(
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        number(20, 23)?,
    )?;
    Some(date.and_time(time).and_utc())
}

impl Event {
    /// A short human description: `vote budget uct yes`.
    pub fn describe(&self) -> String {
        match self {
            Self::Terms { terms } => format!(
                "terms frozen: {} members, {} items, charter {}, agenda {}",
                terms.body.members.len(),
                terms.items.len(),
                short(&terms.charter_sha256),
                short(&terms.agenda_sha256)
            ),
            Self::Present {
                member,
                delegate: None,
            } => format!("present {member}"),
            Self::Present {
                member,
                delegate: Some(d),
            } => format!("present {member} ({d})"),
            Self::Apologies {
                member,
                delegate: None,
            } => format!("apologies {member}"),
            Self::Apologies {
                member,
                delegate: Some(d),
            } => format!("apologies {member} ({d})"),
            Self::Guest {
                name,
                affiliation: None,
            } => format!("guest {name}"),
            Self::Guest {
                name,
                affiliation: Some(a),
            } => format!("guest {name} ({a})"),
            Self::Withdraw { item, reason: None } => format!("motion on {item} withdrawn"),
            Self::Withdraw {
                item,
                reason: Some(r),
            } => format!("motion on {item} withdrawn: {r}"),
            Self::Reopen { item, reason } => format!("reopen {item}: {reason}"),
            Self::Void { target, reason } => format!("void #{target}: {reason}"),
            Self::Amend {
                amendment: Amendment::Rule { item, rule },
            } => format!("amend: {item} decided by rule {rule}"),
            Self::Amend {
                amendment: Amendment::AddItem { item },
            } => format!("amend: item {} added ({})", item.id, item.title),
            Self::Absent { member } => format!("absent {member}"),
            Self::Proxy { member, holder } => format!("proxy {member} held by {holder}"),
            Self::ItemOpened { item } => format!("open {item}"),
            Self::ItemClosed { item, .. } => format!("close {item}"),
            Self::Motion { item, text } => format!("motion {item}: {text}"),
            Self::Vote {
                item,
                member,
                choice,
                change,
            } => {
                let choice = match choice {
                    Choice::Yes => "yes",
                    Choice::No => "no",
                    Choice::Abstain => "abstain",
                };
                let change = if *change { " (changed)" } else { "" };
                format!("vote {item} {member} {choice}{change}")
            }
            Self::Ballot {
                item,
                member,
                marks,
                change,
            } => {
                let marks = match marks {
                    Marks::Ranking(list) => list.join(" > "),
                    Marks::Approve(list) => format!("approves {}", list.join(", ")),
                    Marks::Scores(scores) => scores
                        .iter()
                        .map(|(o, s)| format!("{o}={s}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                let change = if *change { " (changed)" } else { "" };
                format!("ballot {item} {member}: {marks}{change}")
            }
            Self::Recusal { item, member } => format!("recusal {item} {member}"),
            Self::Note {
                item: Some(item),
                text,
            } => format!("note on {item}: {text}"),
            Self::Note { item: None, text } => format!("note: {text}"),
            Self::MeetingClosed => "meeting closed".to_owned(),
            Self::ActionCreated {
                text,
                owner,
                delegate,
                due,
                ..
            } => {
                let who = delegate
                    .as_ref()
                    .map_or_else(|| owner.clone(), |d| format!("{owner} ({d})"));
                format!("action for {who}, due {due}: {text}")
            }
            Self::ActionUpdated {
                action,
                status,
                due,
                owner,
                delegate,
                note,
            } => {
                let mut parts = Vec::new();
                if let Some(s) = status {
                    parts.push(s.name().to_owned());
                }
                if let Some(d) = due {
                    parts.push(format!("due {d}"));
                }
                if let Some(o) = owner {
                    parts.push(format!("owner {o}"));
                }
                if let Some(d) = delegate {
                    parts.push(format!("delegate {d}"));
                }
                if let Some(n) = note {
                    parts.push(format!("note: {n}"));
                }
                format!("action {action}: {}", parts.join(", "))
            }
            Self::ProcedureOpened { deadline } => match deadline {
                Some(d) => format!(
                    "procedure opened, deadline {}",
                    d.shown().format("%Y-%m-%d %H:%M UTC")
                ),
                None => "procedure opened".to_owned(),
            },
            Self::Reply {
                item,
                member,
                answer,
                via,
            } => match via {
                Some(via) => format!("reply {item} {member} {} (via {via})", answer.describe()),
                None => format!("reply {item} {member} {}", answer.describe()),
            },
            Self::DeadlineExtended { deadline, reason } => format!(
                "deadline extended to {}: {reason}",
                deadline.shown().format("%Y-%m-%d %H:%M UTC")
            ),
            Self::ProcedureWithdrawn { reason } => format!("procedure withdrawn: {reason}"),
            Self::ProcedureClosed { early, why, .. } => match early {
                true => format!("procedure closed early: {why}"),
                false => format!("procedure closed: {why}"),
            },
            Self::Approval(step) => step.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_one_flat_json_object() {
        let record = Record {
            seq: 3,
            at: "2027-03-10T14:02:11Z".parse().unwrap(),
            by: "Dr. Sophie Vandenberghe".into(),
            prev: "0".repeat(64),
            event: Event::Vote {
                item: "budget".into(),
                member: "uct".into(),
                choice: Choice::Yes,
                change: false,
            },
        };
        let line = serde_json::to_string(&record).unwrap();
        assert_eq!(
            line,
            format!(
                r#"{{"seq":3,"at":"2027-03-10T14:02:11Z","by":"Dr. Sophie Vandenberghe","prev":"{}","event":"vote","item":"budget","member":"uct","choice":"yes"}}"#,
                "0".repeat(64)
            )
        );
        assert_eq!(serde_json::from_str::<Record>(&line).unwrap(), record);
    }

    #[test]
    fn ballots_keep_their_marks() {
        let event = Event::Ballot {
            item: "p".into(),
            member: "uct".into(),
            marks: Marks::Ranking(vec!["a".into(), "b".into()]),
            change: true,
        };
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(
            json,
            r#"{"event":"ballot","item":"p","member":"uct","ranking":["a","b"],"change":true}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
        let closed = serde_json::to_string(&Event::MeetingClosed).unwrap();
        assert_eq!(closed, r#"{"event":"meeting-closed"}"#);
    }

    proptest::proptest! {
        /// A line's time reads as chrono reads it (the same time, or both
        /// refuse it), whether of the shape plenary writes or not.
        #[test]
        fn a_time_reads_as_chrono_reads_it(
            y in 0u32..10000, mo in 0u32..14, d in 0u32..33,
            h in 0u32..26, mi in 0u32..62, s in 0u32..62, ms in 0u32..1000,
            shape in 0usize..4,
        ) {
            let text = match shape {
                0 => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"),
                1 => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
                2 => format!("{y:04}-{mo:02}-{d:02}t{h:02}:{mi:02}:{s:02}.{ms:03}+01:00"),
                _ => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}z"),
            };
            let chrono = text
                .parse::<DateTime<chrono::FixedOffset>>()
                .map(|t| t.with_timezone(&Utc))
                .ok();
            let line = format!(
                r#"{{"seq":1,"at":"{text}","by":"s","prev":"{}","event":"meeting-closed"}}"#,
                "0".repeat(64)
            );
            let read = serde_json::from_str::<Record>(&line).ok().map(|r| r.at);
            proptest::prop_assert_eq!(read, chrono, "{}", text);
        }
    }
}
