//! The minutes as data: everything the renderers print, built once from the
//! journal, and the JSON document itself (field order is key order; see
//! `docs/minutes.md`).

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::vote::decision::Choice;
use crate::vote::ranked::{Details, Marks, Method};
use crate::vote::{Fraction, MajorityRule, QuorumBasis};

/// The minutes of one meeting, final or draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    /// True while the meeting has not been closed: the minutes are a draft.
    pub draft: bool,
    /// The moment the minutes describe: the close of the meeting once it
    /// is closed (so the same journal gives the same minutes on every
    /// export), else the moment of export.
    pub as_of: Moment,
    /// Whether the meeting's terms were frozen in its journal, and the
    /// digests of the files they were taken from.
    pub terms: TermsInfo,
    /// What meeting, when and where.
    pub meeting: MeetingInfo,
    /// The journal the minutes come from, so a reader can check them.
    pub journal: JournalInfo,
    /// Who was there at the end of the record, and the quorum then.
    pub attendance: Attendance,
    /// Every agenda item, in agenda order.
    pub items: Vec<ItemMinutes>,
    /// Notes on the meeting as a whole.
    pub notes: Vec<String>,
    /// Guests, in order of arrival.
    pub guests: Vec<GuestRow>,
    /// Corrections and amendments made while the meeting was open.
    pub corrections: Vec<CorrectionRow>,
    /// Action items agreed in the meeting, and open ones carried over.
    #[serde(default)]
    pub actions: Actions,
    /// A written procedure's record (SPEC 9); absent for a meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<super::written::WrittenMinutes>,
}

/// Where the meeting's terms came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsInfo {
    /// True when the journal holds a `terms` event; false for a journal
    /// written before terms were frozen (read with the files as they are).
    pub frozen: bool,
    /// SHA-256 of `charter.toml` when the terms were taken.
    pub charter_sha256: Option<String>,
    /// SHA-256 of the agenda file when the terms were taken.
    pub agenda_sha256: Option<String>,
}

/// A guest of the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestRow {
    /// Their name.
    pub name: String,
    /// Their institution or role.
    pub affiliation: Option<String>,
}

/// One correction or amendment, as the minutes' annex lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRow {
    /// The sequence number of the correcting event.
    pub seq: u64,
    /// `withdrawn`, `reopened`, `voided` or `amended`.
    pub kind: String,
    /// The item concerned, if any.
    pub item: Option<String>,
    /// What happened, in one sentence.
    pub text: String,
}

/// The action items the minutes list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actions {
    /// Agreed in this meeting, in order, with their status now.
    pub agreed: Vec<ActionRow>,
    /// Still open from earlier meetings of the same body.
    pub carried_over: Vec<ActionRow>,
}

/// One action item in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    /// `<meeting-id>/<n>`.
    pub id: String,
    /// What is to be done.
    pub text: String,
    /// The member responsible.
    pub owner: Named,
    /// The named person at the owner, if any.
    pub delegate: Option<String>,
    /// Due by the end of this day in the owner's zone.
    pub due: chrono::NaiveDate,
    /// The owner's zone.
    pub timezone: String,
    /// The instant it falls due (end of the due day in the owner's zone).
    pub due_at: Moment,
    /// `open`, `done` or `dropped`.
    pub status: String,
    /// Open and past due when the minutes were made.
    pub overdue: bool,
    /// The meeting that agreed it.
    pub meeting: String,
    /// The agenda item it came from.
    pub item: Option<String>,
}

/// An instant, in UTC and in the alliance's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// The instant in UTC.
    pub utc: DateTime<Utc>,
    /// The same instant with the alliance zone's offset.
    pub local: DateTime<FixedOffset>,
}

/// An id with its full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The short id.
    pub id: String,
    /// The full name.
    pub name: String,
}

/// The meeting: its identity, body, schedule and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingInfo {
    /// The meeting id (the agenda's file stem).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The alliance.
    pub alliance: Named,
    /// The alliance's IANA zone, in which local times are given.
    pub timezone: String,
    /// The body that met.
    pub body: Named,
    /// The member chairing the body.
    pub chair: Named,
    /// The person who chaired: the chair member's `chair` delegate, else
    /// the delegate who attended for it, else its representative.
    pub chair_person: Option<String>,
    /// Who took the minutes: the recorder of most of the journal's events.
    pub minute_taker: Option<String>,
    /// The scheduled start, if the meeting was scheduled.
    pub scheduled_start: Option<Moment>,
    /// The scheduled end (start plus duration).
    pub scheduled_end: Option<Moment>,
    /// The planned duration.
    pub duration_minutes: u32,
    /// Room or call.
    pub location: Option<String>,
    /// When the first event was recorded.
    pub first_event: Option<Moment>,
    /// When the last event was recorded.
    pub last_event: Option<Moment>,
    /// When the meeting was closed, if it was.
    pub closed_at: Option<Moment>,
}

/// The journal behind the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalInfo {
    /// The journal's path inside the workspace.
    pub path: String,
    /// How many events it holds.
    pub events: u64,
    /// SHA-256 (hex) of its last line; 64 zeros when it is empty. Equals
    /// the hash in `records/<meeting-id>.head`.
    pub last_hash: String,
    /// Everyone who recorded events, in order of their first event.
    pub recorded_by: Vec<String>,
}

/// How a member is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    /// A delegate attends.
    InPerson,
    /// Another member holds its proxy.
    Proxy,
    /// Not there, excused.
    Apologies,
    /// Neither.
    Absent,
}

/// One member of the body in the attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    /// Member id.
    pub member: String,
    /// Full name.
    pub name: String,
    /// `full`, `associate` or `observer`.
    pub status: String,
    /// The member's weight in the charter.
    pub weight: u32,
    /// The weight it votes with: its weight if full, else 0.
    pub voting_weight: u32,
    /// Presence at the end of the record.
    pub presence: Presence,
    /// Who holds its proxy, when `presence` is `proxy`.
    pub proxy_holder: Option<String>,
    /// The person who attended for it (in person), or who sent its
    /// apologies, when known.
    pub delegate: Option<String>,
    /// When it stopped being present, if it attended and then left (or
    /// its proxy lapsed) before the end of the record.
    pub left_at: Option<Moment>,
}

/// Attendance at the end of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Every member of the body, in charter order.
    pub members: Vec<AttendanceRow>,
    /// Members present in person.
    pub in_person: u32,
    /// Members represented by a proxy.
    pub by_proxy: u32,
    /// Members absent with apologies.
    pub apologies: u32,
    /// Members absent (apologies included).
    pub absent: u32,
    /// Voting weight present (in person or by proxy).
    pub voting_weight_present: u64,
    /// The body's total voting weight.
    pub voting_weight_total: u64,
    /// Quorum with this attendance.
    pub quorum: Quorum,
}

/// Quorum figures: "9 of 11 voting weight present, 6 needed (1/2)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quorum {
    /// Whether weight or heads were counted.
    pub basis: QuorumBasis,
    /// The body's quorum fraction.
    pub fraction: Fraction,
    /// The figure needed.
    pub required: u64,
    /// The figure present.
    pub present: u64,
    /// The whole the fraction is taken of.
    pub total: u64,
    /// Whether `present >= required`.
    pub met: bool,
    /// The figures in one sentence.
    pub sentence: String,
}

/// Where an item got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    /// Never opened: not taken up.
    NotOpened,
    /// Opened and not (yet) closed.
    Open,
    /// Opened and closed.
    Closed,
}

/// One agenda item in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemMinutes {
    /// Its place on the agenda, from 1.
    pub number: usize,
    /// Item id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `information`, `discussion`, `decision` or `ranking`.
    pub kind: String,
    /// Background from the agenda.
    pub description: Option<String>,
    /// The time box.
    pub time_box_minutes: Option<u32>,
    /// Where it got to.
    pub status: ItemStatus,
    /// When it was opened.
    pub opened_at: Option<Moment>,
    /// When it was closed.
    pub closed_at: Option<Moment>,
    /// For an opened decision item: the motion and its outcome.
    pub decision: Option<DecisionMinutes>,
    /// For an opened ranking item: the ballots and the result.
    pub ranking: Option<RankingMinutes>,
    /// Notes recorded on the item.
    pub notes: Vec<String>,
}

/// A decision item: motion, rule, outcome and roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionMinutes {
    /// The words of the motion, if one was put.
    pub motion: Option<String>,
    /// The key of the body's rules the item uses (`default`, `budget`, ...).
    pub rule_key: String,
    /// The majority rule behind that key.
    pub rule: Option<MajorityRule>,
    /// The outcome with its figures, when there is one.
    pub outcome: Option<DecisionOutcome>,
    /// Why there is no outcome, when there is none.
    pub no_outcome: Option<String>,
    /// What the rule's majority is of, with the figures, in one sentence.
    pub majority: Option<String>,
    /// Members who voted and left before the item closed: they count as
    /// present for it, since a vote stands once cast.
    pub left_after_voting: Vec<String>,
    /// Every voting member of the body and what it did.
    pub roll_call: Vec<RollCallRow>,
}

/// A weight and the number of members behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Sum of the members' weights.
    pub weight: u64,
    /// Number of members.
    pub members: u32,
}

/// Members named, with their weight and number.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemberTally {
    /// Sum of the members' weights.
    pub weight: u64,
    /// Number of members.
    pub members: u32,
    /// Their ids, in id order.
    pub ids: Vec<String>,
}

/// The outcome of a decision with every figure behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOutcome {
    /// True once the item is closed; false for a live, provisional count.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Whether the motion was adopted.
    pub passed: bool,
    /// Why, as a key: `passed`, `failed`, `no-quorum`, `none-in-favour`,
    /// `tie-broken-by-chair`, `tie-failed`, `objection`, `not-unanimous`,
    /// `split-majority`.
    pub reason: String,
    /// Verdict, rule, weighted votes and what was needed, in one line.
    pub summary: String,
    /// Why, in one sentence.
    pub explanation: String,
    /// Quorum for this decision (attendance when the item closed).
    pub quorum: Quorum,
    /// The body's voting members, present or not.
    pub total: Tally,
    /// Voting members present, in person or by proxy (recused included).
    pub present: Tally,
    /// Of those, represented by proxy.
    pub by_proxy: Tally,
    /// In favour.
    pub yes: Tally,
    /// Against.
    pub no: Tally,
    /// Abstaining.
    pub abstain: Tally,
    /// Recused: present, no vote.
    pub recused: MemberTally,
    /// Present, not recused, no vote cast.
    pub not_voted: MemberTally,
    /// What the rule needed from the yes side, in words.
    pub threshold: String,
    /// The chair's casting vote, when a tie invoked it.
    pub casting_vote: Option<Choice>,
}

/// What a voting member did on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RollCallVote {
    /// In favour.
    Yes,
    /// Against.
    No,
    /// Abstained.
    Abstain,
    /// Recused.
    Recused,
    /// Present, cast no vote.
    NotVoted,
    /// Not present.
    Absent,
}

/// One line of a roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollCallRow {
    /// Member id.
    pub member: String,
    /// Full name.
    pub name: String,
    /// Its voting weight.
    pub weight: u32,
    /// What it did.
    pub vote: RollCallVote,
    /// Who cast its vote, when it was represented by proxy.
    pub proxy_holder: Option<String>,
}

/// A ranking item: method, ballots and result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingMinutes {
    /// The ranked method.
    pub method: Method,
    /// How many options are adopted.
    pub seats: u32,
    /// The options on the ballot, in agenda order, with their names.
    pub options: Vec<Named>,
    /// The result, when there is one.
    pub result: Option<RankingOutcome>,
    /// Why there is no result, when there is none.
    pub no_result: Option<String>,
    /// Every ballot cast, by member id order.
    pub ballots: Vec<BallotRow>,
}

/// The result of a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingOutcome {
    /// True once the item is closed; false for a provisional count.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Number of ballots counted.
    pub ballots: usize,
    /// Their total weight.
    pub weight: u64,
    /// Tiers of option ids, best first; tied options share a tier.
    pub ranking: Vec<Vec<String>>,
    /// The adopted options (the first `seats` after any tie-break).
    pub winners: Vec<String>,
    /// Whether a tie had to be broken.
    pub tie_broken: bool,
    /// How it was broken, in one sentence.
    pub tie_break: Option<String>,
    /// Quorum when the ballots were counted.
    pub quorum: Quorum,
    /// What the ranking adopted: the winners with quorum, nothing without.
    pub adopted: Vec<String>,
    /// Present voting members (recused ones excepted) who cast no ballot.
    pub not_voted: Vec<String>,
    /// The method's figures (pairwise table, rounds, points), for the annex.
    pub details: Details,
}

/// One member's ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRow {
    /// Member id.
    pub member: String,
    /// Full name.
    pub name: String,
    /// The ballot's weight.
    pub weight: u32,
    /// The ranking, approvals or scores (`ranking`, `approve` or
    /// `scores`, as in the journal).
    #[serde(flatten)]
    pub marks: Marks,
}
