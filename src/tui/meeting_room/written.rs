//! The room's `update` for a written procedure (SPEC 9): a member's
//! delegate replies for its own member; whoever runs the procedure opens,
//! withdraws and closes it, and records a reply received otherwise after
//! typing how it came (its evidence). Every change goes through
//! [`MeetingRoom::record`], and the domain decides what is allowed.

use super::record::{Env, error};
use super::{BallotEditor, MeetingRoom, Mode, TextInput, TextPurpose};
use crate::agenda::{ItemKind, MeetingKind};
use crate::meeting::{Actor, Answer, Event, Powers, ReplyChoice};
use crate::tui::action::Action;
use crate::tui::app::Status;
use crate::workspace::Workspace;

impl MeetingRoom {
    /// Whether the meeting shown is a written procedure.
    pub fn is_written(&self, workspace: &Workspace) -> bool {
        self.agenda(workspace)
            .is_some_and(|a| a.meeting.kind == MeetingKind::Written)
    }

    /// The member a reply is for: a delegate's own member, else (for whoever
    /// runs the procedure) the selected one.
    fn replier(&self, env: &Env) -> Option<String> {
        let runs = self
            .context(env.workspace)
            .is_some_and(|ctx| env.actor.powers(&ctx) == Powers::RunMeeting);
        match env.actor {
            Actor::Delegate { member, .. } if !runs => Some(member.clone()),
            _ => self.member_id(env.workspace).map(str::to_owned),
        }
    }

    /// The selected item's id.
    fn selected_item_id(&self, workspace: &Workspace) -> Option<String> {
        self.agenda(workspace)
            .and_then(|a| a.items.get(self.item))
            .map(|i| i.id.clone())
    }

    /// The keys of a written procedure's room, in normal mode.
    pub(super) fn update_written(&mut self, action: Action, env: Env) -> Option<Status> {
        let item = self.selected_item_id(env.workspace);
        let choice = match action {
            Action::VoteYes => Some(ReplyChoice::Yes),
            Action::VoteNo => Some(ReplyChoice::No),
            Action::VoteAbstain => Some(ReplyChoice::Abstain),
            Action::Recuse => Some(ReplyChoice::Recuse),
            _ => None,
        };
        if let Some(choice) = choice {
            let (Some(item), Some(member)) = (item, self.replier(&env)) else {
                return error("Select an item and a member to reply for");
            };
            return self.reply(
                env,
                Event::Reply {
                    item,
                    member,
                    answer: Answer::Choice(choice),
                    via: None,
                },
            );
        }
        match action {
            Action::OpenItem => self.record(env, vec![Event::ProcedureOpened { deadline: None }]),
            Action::Withdraw => {
                self.mode = Mode::Text(TextPurpose::WithdrawProcedure, TextInput::default());
                None
            }
            Action::AddNote => {
                self.mode = Mode::Text(TextPurpose::Note(None), TextInput::default());
                None
            }
            Action::Void => {
                let (Some(item), Some(member)) = (item, self.member_id(env.workspace)) else {
                    return error("Select an item and a member whose reply to void");
                };
                let reply = self
                    .state()
                    .and_then(|s| s.written())
                    .and_then(|w| w.reply(&item, member));
                match reply {
                    Some(r) => {
                        let what = format!("reply {item} {member} {}", r.answer.describe());
                        self.mode =
                            Mode::Text(TextPurpose::Void(r.seq, what), TextInput::default());
                        None
                    }
                    None => error(format!("{member} has no reply on {item} to void")),
                }
            }
            Action::ExtendDeadline => {
                let tz = self.context(env.workspace)?.charter.alliance.timezone;
                self.mode = Mode::Text(TextPurpose::Extend(tz), TextInput::default());
                None
            }
            Action::EditBallot => {
                let ranking = self
                    .agenda(env.workspace)
                    .and_then(|a| a.items.get(self.item))
                    .filter(|i| i.kind == ItemKind::Ranking)
                    .and_then(|i| i.ranking.as_ref().map(|r| (i.id.clone(), r.clone())));
                let (Some((item, ranking)), Some(member)) = (ranking, self.replier(&env)) else {
                    return error("Select a ranking item to fill in a ballot");
                };
                self.mode = Mode::Ballot(BallotEditor::new(item, member, &ranking, None));
                None
            }
            _ => None,
        }
    }

    /// Records a reply: a delegate's own straight away; one recorded for
    /// another member first asks how it was received.
    pub(super) fn reply(&mut self, env: Env, event: Event) -> Option<Status> {
        let own = match (&event, env.actor) {
            (Event::Reply { member, .. }, Actor::Delegate { member: own, .. }) => member == own,
            _ => false,
        };
        if own {
            return self.record(env, vec![event]);
        }
        self.mode = Mode::Text(TextPurpose::Evidence(Box::new(event)), TextInput::default());
        Some(Status {
            text: "How was this reply received? Type the evidence (e.g. email 2027-05-03)".into(),
            is_error: false,
        })
    }
}

/// A ballot filled in for a written procedure is a reply.
pub(super) fn ballot_reply(ballot: Event) -> Event {
    match ballot {
        Event::Ballot {
            item,
            member,
            marks,
            ..
        } => Event::Reply {
            item,
            member,
            answer: Answer::from_marks(marks),
            via: None,
        },
        other => other,
    }
}

/// `2027-05-21 several members asked for a week` as an extension: the
/// deadline (a date in the alliance's zone `tz`, or RFC 3339), then why.
pub(super) fn extension(text: &str, tz: chrono_tz::Tz) -> Result<Event, String> {
    let (deadline, reason) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    let deadline = crate::agenda::DeadlineSpec::parse(deadline)?.resolve(tz);
    Ok(Event::DeadlineExtended {
        deadline,
        reason: reason.trim().to_owned(),
    })
}
