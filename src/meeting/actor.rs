//! Who may record what (SPEC 8), decided in the domain under the journal's
//! lock against the state on disk, never in a screen. The command line and
//! the local terminal act for the secretariat; a person logged in over SSH
//! acts as the delegate the charter names for their key.

use crate::charter::{Charter, DelegateRole};
use crate::vote::decision::Attendance;

use super::error::RecordError;
use super::event::Event;
use super::state::{Context, MeetingState};

/// The person recording, with what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The secretariat at its own terminal or command line: runs the
    /// meeting and may record anything the rules allow.
    Secretariat {
        /// The journal's `by`.
        person: String,
    },
    /// A delegate of a member, identified by their key.
    Delegate {
        /// Their name (the journal's `by`).
        person: String,
        /// The member they are a delegate of.
        member: String,
        /// Their role.
        role: DelegateRole,
    },
}

/// What an actor may do in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Powers {
    /// Everything: attendance, items, motions, votes (as a show of hands),
    /// notes, actions, corrections.
    RunMeeting,
    /// Only the vote or ballot of their own member, or of an absent member
    /// whose proxy their member holds.
    VoteFor,
    /// Nothing: they watch.
    Watch,
}

impl Actor {
    /// The secretariat recording as `person`.
    pub fn secretariat(person: impl Into<String>) -> Self {
        Self::Secretariat {
            person: person.into(),
        }
    }

    /// The delegate of `charter` called `person` at `member`, if there is one.
    pub fn delegate(charter: &Charter, member: &str, person: &str) -> Option<Self> {
        let m = charter.member(member)?;
        let d = m.delegates.iter().find(|d| d.name == person)?;
        Some(Self::Delegate {
            person: d.name.clone(),
            member: m.id.clone(),
            role: d.role,
        })
    }

    /// The name recorded as `by`.
    pub fn person(&self) -> &str {
        match self {
            Self::Secretariat { person } | Self::Delegate { person, .. } => person,
        }
    }

    /// Whether this actor keeps the action register between meetings: the
    /// secretariat, at its terminal or as a delegate with role `secretary`.
    pub fn keeps_register(&self) -> bool {
        matches!(
            self,
            Self::Secretariat { .. }
                | Self::Delegate {
                    role: DelegateRole::Secretary,
                    ..
                }
        )
    }

    /// What this actor may do in a meeting of `ctx`'s body: a secretary
    /// delegate of any member, and a chair delegate of the body's chair
    /// member, run it; other representatives and chairs vote for their
    /// member; observers watch.
    pub fn powers(&self, ctx: &Context) -> Powers {
        match self {
            Self::Secretariat { .. } => Powers::RunMeeting,
            Self::Delegate { role, member, .. } => match role {
                DelegateRole::Secretary => Powers::RunMeeting,
                DelegateRole::Chair if *member == ctx.body.chair => Powers::RunMeeting,
                DelegateRole::Chair | DelegateRole::Representative => Powers::VoteFor,
                DelegateRole::Observer => Powers::Watch,
            },
        }
    }

    /// Whether this actor may record `event` now, in the state just
    /// before it.
    pub fn authorize(
        &self,
        ctx: &Context,
        state: &MeetingState,
        event: &Event,
    ) -> Result<(), RecordError> {
        let refuse = |what: &str| {
            Err(RecordError::NotAllowed {
                person: self.person().to_owned(),
                what: what.to_owned(),
            })
        };
        if let Event::Reply { member, via, .. } = event {
            return self.authorize_reply(ctx, member, via.is_some());
        }
        let own = match (self.powers(ctx), self) {
            (Powers::RunMeeting, _) => return Ok(()),
            // Frozen terms are written by plenary itself, for anyone.
            _ if matches!(event, Event::Terms { .. }) => return Ok(()),
            (Powers::Watch, _) => return refuse("record anything: observers watch the meeting"),
            (Powers::VoteFor, Self::Delegate { member, .. }) => member,
            (Powers::VoteFor, Self::Secretariat { .. }) => return Ok(()),
        };
        let voter = match event {
            Event::Vote { member, .. } | Event::Ballot { member, .. } => member,
            _ => {
                return refuse(
                    "do that: a member's delegate casts its own member's vote; the chair and the secretariat run the meeting",
                );
            }
        };
        let holds_proxy = matches!(
            state.attendance.get(voter),
            Some(Attendance::Proxy { holder }) if holder == own
        );
        if voter == own || holds_proxy {
            Ok(())
        } else {
            refuse(&format!(
                "vote for `{voter}`: a delegate of `{own}` votes for `{own}`, or for a member whose proxy `{own}` holds"
            ))
        }
    }
}

impl Actor {
    /// Who may record a reply in a written procedure (SPEC 9): the member
    /// itself, by one of its delegates, for itself only (no proxies); or
    /// whoever runs the procedure, for a reply received otherwise, with
    /// its evidence.
    fn authorize_reply(&self, ctx: &Context, member: &str, via: bool) -> Result<(), RecordError> {
        let refuse = |what: String| {
            Err(RecordError::NotAllowed {
                person: self.person().to_owned(),
                what,
            })
        };
        let runs = self.powers(ctx) == Powers::RunMeeting;
        match self {
            _ if via && runs => Ok(()),
            Self::Secretariat { .. } => refuse(format!(
                "record a reply for `{member}` without its evidence: give how it was received (--via \"email 2027-05-03\"); members reply themselves over plenary serve"
            )),
            Self::Delegate { .. } if via => refuse(
                "record a reply received otherwise (--via): the secretariat does that".to_owned(),
            ),
            Self::Delegate {
                role: DelegateRole::Observer,
                ..
            } => refuse("reply: observers watch".to_owned()),
            Self::Delegate { member: own, .. } if own != member => refuse(format!(
                "reply for `{member}`: a delegate of `{own}` replies for `{own}` only (a written procedure has no proxies)"
            )),
            Self::Delegate { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::decision::Choice;
    use crate::workspace::Workspace;

    fn example() -> Workspace {
        Workspace::load(&crate::test_support::example_root()).unwrap()
    }

    fn vote(member: &str) -> Event {
        Event::Vote {
            item: "budget-2027".into(),
            member: member.into(),
            choice: Choice::Yes,
            change: false,
        }
    }

    #[test]
    fn who_may_do_what() {
        let ws = example();
        let agenda = ws.agenda("2027-03-steering").unwrap();
        let ctx = Context::new(&ws.charter, agenda).unwrap();
        let mut state = MeetingState::default();
        state.attendance.insert(
            "usp".into(),
            Attendance::Proxy {
                holder: "uct".into(),
            },
        );
        let who =
            |member: &str, person: &str| Actor::delegate(&ws.charter, member, person).unwrap();
        let allowed = |actor: &Actor, event: &Event| actor.authorize(&ctx, &state, event).is_ok();
        let open = Event::ItemOpened {
            item: "budget-2027".into(),
        };

        // The chair delegate of the chair member and any secretary run it.
        let chair = who("eth", "Prof. Lukas Baumann");
        let secretary = who("ceps", "Dr. Sophie Vandenberghe");
        for actor in [&chair, &secretary, &Actor::secretariat("cli")] {
            assert_eq!(actor.powers(&ctx), Powers::RunMeeting);
            assert!(allowed(actor, &open) && allowed(actor, &vote("iisc")));
        }
        // A representative votes for its member and the one it holds a
        // proxy for, nothing else; a chair of another member likewise.
        let rep = who("uct", "Dr. Pieter van Wyk");
        let other_chair = who("uct", "Prof. Thandi Nkosi");
        for actor in [&rep, &other_chair] {
            assert_eq!(actor.powers(&ctx), Powers::VoteFor);
            assert!(allowed(actor, &vote("uct")));
            assert!(allowed(actor, &vote("usp")), "uct holds usp's proxy");
            assert!(!allowed(actor, &vote("iisc")));
            assert!(!allowed(actor, &open));
        }
        let observer = who("qnrf", "Dr. Noor Al-Kuwari");
        assert_eq!(observer.powers(&ctx), Powers::Watch);
        assert!(!allowed(&observer, &vote("qnrf")));
        let refusal = rep.authorize(&ctx, &state, &vote("iisc")).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "Dr. Pieter van Wyk may not vote for `iisc`: a delegate of `uct` votes for `uct`, or for a member whose proxy `uct` holds"
        );
    }
}
