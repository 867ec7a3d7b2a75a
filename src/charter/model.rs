//! The validated charter: who the alliance is and how it decides.
//!
//! Values here are already checked and typed (zones are `Tz`, hours are
//! times); the file format and its errors live in `file` and `validate`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::hours::{WorkingDays, WorkingHours};
use super::period::{Period, PeriodLength};
use crate::vote::decision::QuorumBasis;
use crate::vote::{Fraction, MajorityRule};

/// A whole alliance as its `charter.toml` describes it.
#[derive(Debug, Clone)]
pub struct Charter {
    /// Identity and the secretariat's zone.
    pub alliance: Alliance,
    /// Every member institution, in file order.
    pub members: Vec<Member>,
    /// The decision-making bodies.
    pub bodies: Vec<Body>,
    /// Research themes the alliance may rank.
    pub priorities: Vec<Priority>,
    /// The alliance's joint programmes.
    pub programmes: Vec<Programme>,
}

impl Charter {
    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The body with this id.
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The members of `body`, in charter order.
    pub fn members_of<'a>(&'a self, body: &'a Body) -> impl Iterator<Item = &'a Member> + 'a {
        // A set, not a search of the body's list per member: a body of
        // every member of a large alliance made that quadratic.
        let ids: FxHashSet<&str> = body.members.iter().map(String::as_str).collect();
        self.members
            .iter()
            .filter(move |m| ids.contains(m.id.as_str()))
    }
}

/// The alliance itself.
#[derive(Debug, Clone)]
pub struct Alliance {
    /// Short id, e.g. `gcra`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// The secretariat's zone, used to show times by default.
    pub timezone: Tz,
}

/// What sort of institution a member is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberKind {
    /// A university.
    University,
    /// An independent research centre.
    ResearchCentre,
    /// A think tank or policy institute.
    PolicyInstitute,
    /// A company.
    Industry,
    /// A funding agency or foundation.
    Funder,
}

impl MemberKind {
    /// The name used in charters.
    pub fn name(self) -> &'static str {
        match self {
            Self::University => "university",
            Self::ResearchCentre => "research-centre",
            Self::PolicyInstitute => "policy-institute",
            Self::Industry => "industry",
            Self::Funder => "funder",
        }
    }
}

/// A member's standing; only full members vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberStatus {
    /// Votes with its weight.
    #[default]
    Full,
    /// Attends and speaks, does not vote.
    Associate,
    /// Attends, does not vote.
    Observer,
}

impl MemberStatus {
    /// The name used in charters.
    pub fn name(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Associate => "associate",
            Self::Observer => "observer",
        }
    }
}

/// A member institution.
#[derive(Debug, Clone)]
pub struct Member {
    /// Short id, `[a-z0-9-]+`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What sort of institution it is.
    pub kind: MemberKind,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Where it works.
    pub timezone: Tz,
    /// Its standing.
    pub status: MemberStatus,
    /// Votes it casts when it votes.
    pub weight: u32,
    /// Local working window.
    pub working_hours: WorkingHours,
    /// Local working days.
    pub working_days: WorkingDays,
    /// Local dates with no meetings.
    pub blackout: Vec<NaiveDate>,
    /// The people who speak for it.
    pub delegates: Vec<Delegate>,
}

impl Member {
    /// The weight this member votes with: its weight if full, else none.
    pub fn voting_weight(&self) -> u32 {
        match self.status {
            MemberStatus::Full => self.weight,
            MemberStatus::Associate | MemberStatus::Observer => 0,
        }
    }
}

/// A delegate's role in meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DelegateRole {
    /// Speaks and votes for the member.
    #[default]
    Representative,
    /// Runs meetings for the alliance.
    Secretary,
    /// Chairs meetings.
    Chair,
    /// Follows without acting.
    Observer,
}

/// A person who acts for a member.
#[derive(Debug, Clone)]
pub struct Delegate {
    /// Full name.
    pub name: String,
    /// Where invitations go.
    pub email: Option<String>,
    /// What this person may do in a meeting.
    pub role: DelegateRole,
    /// OpenSSH public key that lets this person join `plenary serve`.
    pub ssh_key: Option<String>,
}

/// Who breaks a tie on a simple majority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CastingVote {
    /// The chair's vote decides a tie.
    #[default]
    Chair,
    /// A tie fails.
    None,
}

/// A decision-making body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Short id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Member ids, in charter order (`["*"]` already expanded).
    pub members: Vec<String>,
    /// The chairing member's id.
    pub chair: String,
    /// Share needed to be quorate.
    pub quorum: Fraction,
    /// What the quorum counts.
    pub quorum_basis: QuorumBasis,
    /// Who breaks ties.
    pub casting_vote: CastingVote,
    /// How many absent members one present member may represent.
    pub max_proxies: u32,
    /// Majority rule per kind of decision; always has `default`.
    pub rules: BTreeMap<String, MajorityRule>,
    /// How it decides by written procedure (`[bodies.written]`).
    pub written: WrittenRules,
    /// Days members have to object to circulated draft minutes
    /// (`[bodies.minutes] veto_days`); without it, draft minutes are
    /// approved only by a `minutes-approval` vote (docs/approval.md).
    pub veto_days: Option<u32>,
}

/// How a body decides without a meeting (`[bodies.written]`, SPEC 9).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenRules {
    /// The key of `[bodies.rules]` every item of a written procedure is
    /// decided by; `None`: each item's own rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What a member that does not reply by the deadline counts as.
    #[serde(default, skip_serializing_if = "Silence::is_none")]
    pub silence: Silence,
}

impl WrittenRules {
    /// Whether nothing is set (what a charter without the table says).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// What silence means in a written procedure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Silence {
    /// A member that did not reply counts as present and voting yes.
    Consent,
    /// A member that did not reply is absent.
    #[default]
    None,
}

impl Silence {
    /// The name used in charters and minutes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::None => "none",
        }
    }

    fn is_none(&self) -> bool {
        *self == Self::None
    }
}

/// The longest veto window a charter may set, in days.
pub const MAX_VETO_DAYS: u32 = 90;

/// A research theme the alliance may rank.
#[derive(Debug, Clone)]
pub struct Priority {
    /// Short id.
    pub id: String,
    /// Full name.
    pub name: String,
}

/// What sort of joint activity a programme is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProgrammeKind {
    /// A joint research centre.
    JointResearchCentre,
    /// A student or staff exchange.
    Exchange,
    /// A shared grant.
    Grant,
    /// Co-authored publications.
    Publication,
    /// A training programme.
    Training,
}

impl ProgrammeKind {
    /// The name used in charters.
    pub fn name(self) -> &'static str {
        match self {
            Self::JointResearchCentre => "joint-research-centre",
            Self::Exchange => "exchange",
            Self::Grant => "grant",
            Self::Publication => "publication",
            Self::Training => "training",
        }
    }
}

/// A number shown on the dashboard, kept as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Metric {
    /// A count or an amount.
    Integer(i64),
    /// A share or a rate.
    Decimal(f64),
}

/// One of the alliance's programmes.
#[derive(Debug, Clone)]
pub struct Programme {
    /// Short id.
    pub id: String,
    /// What sort of programme.
    pub kind: ProgrammeKind,
    /// Full name.
    pub name: String,
    /// The leading member's id.
    pub lead: String,
    /// Free-form figures, by name: an undated snapshot.
    pub metrics: BTreeMap<String, Metric>,
    /// Figures by reporting period, sorted (years, then halves, then
    /// quarters, each in time); periods are unique.
    pub reports: Vec<Report>,
}

impl Programme {
    /// The reports of one series (years, halves or quarters), in time.
    pub fn series(&self, length: PeriodLength) -> impl Iterator<Item = &Report> + '_ {
        self.reports
            .iter()
            .filter(move |r| r.period.length == length)
    }

    /// Every metric name the programme reports in any period, sorted.
    pub fn report_metrics(&self) -> BTreeSet<&str> {
        self.reports
            .iter()
            .flat_map(|r| r.metrics.keys().map(String::as_str))
            .collect()
    }
}

/// A programme's figures for one reporting period, as reported: plenary
/// never adds periods up.
#[derive(Debug, Clone)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// The figures, by metric name.
    pub metrics: BTreeMap<String, Metric>,
    /// The agreed targets for this period, by metric name.
    pub targets: BTreeMap<String, Metric>,
    /// The meeting item that set the targets, if named.
    pub set_by: Option<SetBy>,
}

/// `set_by = "MEETING/ITEM"`: the agenda item whose decision set a
/// period's targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetBy {
    /// The meeting id.
    pub meeting: String,
    /// The item id within that meeting's agenda.
    pub item: String,
    /// Where the value is written in `charter.toml`, so that a meeting or
    /// item missing from the agendas (known only once they are read) is
    /// reported at its place.
    pub span: std::ops::Range<usize>,
}

impl Metric {
    /// The value as a float, for changes and charts.
    pub fn as_f64(self) -> f64 {
        match self {
            // Metrics are counts and amounts far below 2^53, so this is exact.
            Self::Integer(n) => n as f64,
            Self::Decimal(x) => x,
        }
    }
}
