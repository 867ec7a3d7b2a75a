//! The terms a meeting is held under (SPEC 3.3): everything an outcome
//! depends on or the minutes print, copied from the charter and the agenda
//! when the first event is recorded and kept in the journal's `terms`
//! event. From then on the meeting is judged by these terms alone, so a
//! later edit of `charter.toml` or of the agenda cannot change a recorded
//! outcome.
//!
//! The terms rebuild a [`Charter`] and an [`Agenda`] of their own
//! ([`Frozen`]), so that the rules, the room and the minutes read frozen
//! and live terms through the same [`Context`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::agenda::{
    Agenda, Deadline, DeadlineSpec, Item, ItemKind, Meeting, MeetingKind, Ranking,
};
use crate::charter::{
    Alliance, Body, CastingVote, Charter, Delegate, DelegateRole, Member, MemberKind, MemberStatus,
    WorkingDays, WorkingHours, WrittenRules,
};
use crate::vote::decision::QuorumBasis;
use crate::vote::ranked::Method;
use crate::vote::{Fraction, MajorityRule};

use super::state::Context;

/// The frozen terms of one meeting, as the `terms` event stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// The alliance.
    pub alliance: TermsAlliance,
    /// The meeting's title, time and place.
    pub meeting: TermsMeeting,
    /// The body that meets and how it decides.
    pub body: TermsBody,
    /// Every member of the alliance (action items may be owned by a member
    /// outside the body), with what the minutes print of it.
    pub members: Vec<TermsMember>,
    /// The agenda's items in order.
    pub items: Vec<TermsItem>,
    /// SHA-256 (hex) of `charter.toml`'s text when the terms were taken.
    pub charter_sha256: String,
    /// SHA-256 (hex) of the agenda file's text when the terms were taken.
    pub agenda_sha256: String,
}

/// The alliance as the minutes name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsAlliance {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The secretariat's zone, in which the minutes give times.
    pub timezone: Tz,
}

/// The meeting's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsMeeting {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it was scheduled to start, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    /// Its planned length.
    pub duration_minutes: u32,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// A meeting, or a written procedure (absent in the terms of meetings,
    /// which is all that journals written before procedures hold).
    #[serde(default, skip_serializing_if = "MeetingKind::is_meeting")]
    pub kind: MeetingKind,
    /// A written procedure's deadline as the agenda set it, resolved in
    /// the alliance's zone when the terms were taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
}

/// The body and its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsBody {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its members' ids.
    pub members: Vec<String>,
    /// The chair member's id.
    pub chair: String,
    /// The quorum fraction.
    pub quorum: Fraction,
    /// What the quorum counts.
    pub quorum_basis: QuorumBasis,
    /// Who breaks a simple-majority tie.
    pub casting_vote: CastingVote,
    /// How many proxies one member may hold.
    pub max_proxies: u32,
    /// The majority rule per kind of decision.
    pub rules: BTreeMap<String, MajorityRule>,
    /// How it decides by written procedure (absent when the charter sets
    /// nothing, as in journals written before procedures).
    #[serde(default, skip_serializing_if = "WrittenRules::is_default")]
    pub written: WrittenRules,
}

impl TermsBody {
    /// The terms of `body`.
    fn of(body: &Body) -> Self {
        let Body {
            id,
            name,
            members,
            chair,
            quorum,
            quorum_basis,
            casting_vote,
            max_proxies,
            rules,
            written,
            // Not a term of the meeting: the veto window is the approval
            // record's, pinned when the draft is circulated.
            veto_days: _,
        } = body.clone();
        Self {
            id,
            name,
            members,
            chair,
            quorum,
            quorum_basis,
            casting_vote,
            max_proxies,
            rules,
            written,
        }
    }

    /// The body these terms describe.
    fn body(&self) -> Body {
        let Self {
            id,
            name,
            members,
            chair,
            quorum,
            quorum_basis,
            casting_vote,
            max_proxies,
            rules,
            written,
        } = self.clone();
        Body {
            id,
            name,
            members,
            chair,
            quorum,
            quorum_basis,
            casting_vote,
            max_proxies,
            rules,
            written,
            veto_days: None,
        }
    }
}

/// A member as the meeting knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsMember {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What kind of institution it is.
    pub kind: MemberKind,
    /// Its country.
    pub country: String,
    /// Its zone.
    pub timezone: Tz,
    /// Full, associate or observer.
    pub status: MemberStatus,
    /// Votes it casts.
    pub weight: u32,
    /// Its people.
    pub delegates: Vec<TermsDelegate>,
}

/// A delegate as the minutes name them (no key: who may log in is the live
/// charter's business, not the record's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsDelegate {
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: DelegateRole,
    /// Their e-mail, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsItem {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Information, discussion, decision or ranking.
    pub kind: ItemKind,
    /// The rule key of a decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Its time box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// The method of a ranking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The options of a ranking, with their names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<TermsOption>,
    /// How many options a ranking adopts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// The meeting whose minutes a minutes approval approves, when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approves: Option<String>,
}

/// A ranking option and the name the minutes print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsOption {
    /// The option's id.
    pub id: String,
    /// Its name (a research priority's name, else the id).
    pub name: String,
}

impl Terms {
    /// The terms of `ctx` as the files say now; the digests are those of
    /// the files' texts.
    pub fn take(ctx: &Context, charter_sha256: &str, agenda_sha256: &str) -> Self {
        let charter = ctx.charter;
        let body = ctx.body;
        let meeting = &ctx.agenda.meeting;
        let option_name = |id: &str| {
            charter
                .priorities
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.to_owned(), |p| p.name.clone())
        };
        Self {
            alliance: TermsAlliance {
                id: charter.alliance.id.clone(),
                name: charter.alliance.name.clone(),
                timezone: charter.alliance.timezone,
            },
            meeting: TermsMeeting {
                id: meeting.id.clone(),
                title: meeting.title.clone(),
                start: meeting.start,
                duration_minutes: meeting.duration_minutes,
                location: meeting.location.clone(),
                kind: meeting.kind,
                deadline: meeting
                    .deadline
                    .map(|d| d.resolve(charter.alliance.timezone)),
            },
            body: TermsBody::of(body),
            members: charter
                .members
                .iter()
                .map(|m| TermsMember {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    kind: m.kind,
                    country: m.country.clone(),
                    timezone: m.timezone,
                    status: m.status,
                    weight: m.weight,
                    delegates: m
                        .delegates
                        .iter()
                        .map(|d| TermsDelegate {
                            name: d.name.clone(),
                            role: d.role,
                            email: d.email.clone(),
                        })
                        .collect(),
                })
                .collect(),
            items: ctx
                .agenda
                .items
                .iter()
                .map(|i| TermsItem {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    description: i.description.clone(),
                    kind: i.kind,
                    rule: i.rule.clone(),
                    minutes: i.minutes,
                    method: i.ranking.as_ref().map(|r| r.method),
                    approves: i.approves.clone(),
                    options: i.ranking.as_ref().map_or_else(Vec::new, |r| {
                        r.options
                            .iter()
                            .map(|o| TermsOption {
                                id: o.clone(),
                                name: option_name(o),
                            })
                            .collect()
                    }),
                    seats: i.ranking.as_ref().map(|r| r.seats),
                })
                .collect(),
            charter_sha256: charter_sha256.to_owned(),
            agenda_sha256: agenda_sha256.to_owned(),
        }
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&TermsMember> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&TermsItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// A meeting's frozen terms with the charter and agenda rebuilt from them.
///
/// Scheduling facts (working hours and days, blackout dates) are not part
/// of the terms: the rebuilt members carry the defaults, and nothing that
/// reads a [`Context`] looks at them. Priorities are the ranking options
/// with their frozen names; programmes are left out.
#[derive(Debug, Clone)]
pub struct Frozen {
    terms: Terms,
    charter: Charter,
    agenda: Agenda,
}

impl PartialEq for Frozen {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms
    }
}

impl Eq for Frozen {}

impl Frozen {
    /// Rebuilds the charter and agenda that `terms` describe.
    pub fn new(terms: Terms) -> Self {
        let t = &terms;
        let mut priorities: Vec<crate::charter::Priority> = Vec::new();
        for option in t.items.iter().flat_map(|i| &i.options) {
            if !priorities.iter().any(|p| p.id == option.id) {
                priorities.push(crate::charter::Priority {
                    id: option.id.clone(),
                    name: option.name.clone(),
                });
            }
        }
        let charter = Charter {
            alliance: Alliance {
                id: t.alliance.id.clone(),
                name: t.alliance.name.clone(),
                timezone: t.alliance.timezone,
            },
            members: t.members.iter().map(member).collect(),
            bodies: vec![t.body.body()],
            priorities,
            programmes: Vec::new(),
        };
        let agenda = Agenda {
            meeting: Meeting {
                id: t.meeting.id.clone(),
                body: t.body.id.clone(),
                title: t.meeting.title.clone(),
                start: t.meeting.start,
                duration_minutes: t.meeting.duration_minutes,
                location: t.meeting.location.clone(),
                kind: t.meeting.kind,
                // What counts is the frozen instant (`Terms::meeting`), not
                // this spec resolved again under a newer zone database.
                deadline: t.meeting.deadline.map(|d| DeadlineSpec::At(d.at)),
            },
            items: t.items.iter().map(item).collect(),
        };
        Self {
            terms,
            charter,
            agenda,
        }
    }

    /// The terms as recorded.
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// The context the meeting is judged in.
    pub fn context(&self) -> Context<'_> {
        Context {
            charter: &self.charter,
            agenda: &self.agenda,
            body: &self.charter.bodies[0],
        }
    }
}

fn member(m: &TermsMember) -> Member {
    Member {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind,
        country: m.country.clone(),
        timezone: m.timezone,
        status: m.status,
        weight: m.weight,
        working_hours: WorkingHours::default(),
        working_days: WorkingDays::weekdays(),
        blackout: Vec::new(),
        delegates: m
            .delegates
            .iter()
            .map(|d| Delegate {
                name: d.name.clone(),
                email: d.email.clone(),
                role: d.role,
                ssh_key: None,
            })
            .collect(),
    }
}

fn item(i: &TermsItem) -> Item {
    Item {
        id: i.id.clone(),
        title: i.title.clone(),
        kind: i.kind,
        description: i.description.clone(),
        rule: i.rule.clone(),
        minutes: i.minutes,
        approves: i.approves.clone(),
        ranking: i.method.map(|method| Ranking {
            method,
            options: i.options.iter().map(|o| o.id.clone()).collect(),
            seats: i.seats.unwrap_or(1),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{Amendment, Event, MeetingState, RecordError};
    use crate::workspace::Workspace;

    #[test]
    fn terms_are_recorded_once_and_only_terms_can_be_amended() {
        let ws = Workspace::load(&crate::test_support::example_root()).unwrap();
        let agenda = ws.agenda("2027-03-steering").unwrap();
        let ctx = Context::new(&ws.charter, agenda).unwrap();
        let amend = Event::Amend {
            amendment: Amendment::Rule {
                item: "budget-2027".into(),
                rule: "default".into(),
            },
        };
        let mut state = MeetingState::default();
        assert_eq!(state.apply(&amend, &ctx), Err(RecordError::NoTerms));
        let terms = Event::Terms {
            terms: Box::new(Terms::take(&ctx, "c", "a")),
        };
        state.apply(&terms, &ctx).unwrap();
        assert_eq!(state.apply(&terms, &ctx), Err(RecordError::TermsAgain));
        state.apply(&amend, &ctx).unwrap();
        let frozen = state.frozen().unwrap().terms();
        assert_eq!(
            frozen.item("budget-2027").unwrap().rule.as_deref(),
            Some("default")
        );
        // The rebuilt agenda is what the rules read.
        let rule = state.context(ctx).agenda.items[2].rule.clone();
        assert_eq!(rule.as_deref(), Some("default"));
    }
}
