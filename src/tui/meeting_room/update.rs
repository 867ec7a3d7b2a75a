//! The meeting room's `update`: which action does what in each mode.
//! Anything that changes the meeting goes to [`MeetingRoom::record`].

use super::record::{Env, error, no_item_open};
use super::{ActionForm, Focus, MeetingRoom, Mode, TextInput, TextPurpose};
use crate::meeting::Event;
use crate::tui::action::Action;
use crate::tui::app::Status;
use crate::tui::keymap::{PROXY, keys_for};
use crate::vote::decision::Choice;
use crate::workspace::Workspace;

impl MeetingRoom {
    /// Applies one action; returns what to say in the status line.
    pub fn update(&mut self, action: Action, env: Env) -> Option<Status> {
        match std::mem::take(&mut self.mode) {
            Mode::Normal => self.update_normal(action, env),
            Mode::Proxy(member) => self.update_proxy(member, action, env),
            Mode::Text(purpose, mut input) => match action {
                Action::Submit => {
                    let status = match text_event(purpose.clone(), input.text()) {
                        Ok(event) => self.record(env, vec![event]),
                        Err(e) => error(format!("Not recorded: {e}")),
                    };
                    // A refused text stays on screen to be corrected.
                    if status.as_ref().is_some_and(|s| s.is_error) {
                        self.mode = Mode::Text(purpose, input);
                    }
                    status
                }
                Action::Cancel => None,
                other => {
                    input.update(other);
                    self.mode = Mode::Text(purpose, input);
                    None
                }
            },
            Mode::Ballot(mut editor) => match action {
                Action::Submit if self.is_written(env.workspace) => {
                    self.reply(env, super::written::ballot_reply(editor.event()))
                }
                Action::Submit => {
                    let status = self.record(env, vec![editor.event()]);
                    if status.as_ref().is_some_and(|s| s.is_error) {
                        self.mode = Mode::Ballot(editor);
                    }
                    status
                }
                Action::Cancel => None,
                other => {
                    editor.update(other);
                    self.mode = Mode::Ballot(editor);
                    None
                }
            },
            Mode::NewAction(mut form) => match action {
                Action::Submit => {
                    let status = match form.event() {
                        Ok(event) => self.record(env, vec![event]),
                        Err(e) => error(format!("Not recorded: {e}")),
                    };
                    if status.as_ref().is_some_and(|s| s.is_error) {
                        self.mode = Mode::NewAction(form);
                    }
                    status
                }
                Action::Cancel => None,
                other => {
                    form.update(other);
                    self.mode = Mode::NewAction(form);
                    None
                }
            },
        }
    }

    fn update_proxy(&mut self, member: String, action: Action, env: Env) -> Option<Status> {
        match action {
            Action::Submit => match self.member_id(env.workspace) {
                Some(holder) => {
                    let holder = holder.to_owned();
                    self.record(env, vec![Event::Proxy { member, holder }])
                }
                None => None,
            },
            Action::Cancel => None,
            other => {
                self.focus = Focus::RollCall;
                self.navigate(other, env.workspace);
                self.mode = Mode::Proxy(member);
                None
            }
        }
    }

    fn navigate(&mut self, action: Action, workspace: &Workspace) {
        match action {
            Action::Up => self.move_selection(workspace, |at, _| at.saturating_sub(1)),
            Action::Down => self.move_selection(workspace, |at, _| at + 1),
            Action::First => self.move_selection(workspace, |_, _| 0),
            Action::Last => self.move_selection(workspace, |_, last| last),
            _ => {}
        }
    }

    fn update_normal(&mut self, action: Action, env: Env) -> Option<Status> {
        let ws = env.workspace;
        let moves = matches!(
            action,
            Action::NextPanel
                | Action::PreviousPanel
                | Action::Up
                | Action::Down
                | Action::First
                | Action::Last
                | Action::NextMeeting
                | Action::PreviousMeeting
        );
        if self.is_written(ws) && !moves {
            return self.update_written(action, env);
        }
        let member = self.member_id(ws).map(str::to_owned);
        let current = self.current_item().map(str::to_owned);
        match action {
            Action::NextPanel | Action::PreviousPanel => {
                self.focus = match self.focus {
                    Focus::Agenda => Focus::RollCall,
                    Focus::RollCall => Focus::Agenda,
                };
                None
            }
            Action::Up | Action::Down | Action::First | Action::Last => {
                if self.focus == Focus::Agenda {
                    // Another item is shown: from its top.
                    self.item_scroll = 0;
                }
                self.navigate(action, ws);
                None
            }
            // Half a 24-row screen's item panel: what was at the bottom
            // stays in view.
            Action::PageDown => {
                self.item_scroll = self.item_scroll.saturating_add(4).min(self.item_last.get());
                None
            }
            Action::PageUp => {
                self.item_scroll = self.item_scroll.saturating_sub(4);
                None
            }
            Action::NextMeeting => {
                self.select_meeting(self.meeting + 1, &env.hub.snapshot());
                None
            }
            Action::PreviousMeeting => {
                let count = ws.agendas.len().max(1);
                self.select_meeting(self.meeting + count - 1, &env.hub.snapshot());
                None
            }
            Action::MarkPresent => {
                let status = self.record_member(env, member, |member| Event::Present {
                    member,
                    delegate: None,
                });
                // The roll call is taken down the list, as votes are.
                if status.as_ref().is_some_and(|s| !s.is_error) {
                    self.move_selection(ws, |at, _| at + 1);
                }
                status
            }
            Action::MarkAbsent => {
                self.record_member(env, member, |member| Event::Absent { member })
            }
            Action::Apologies => self.record_member(env, member, |member| Event::Apologies {
                member,
                delegate: None,
            }),
            Action::Withdraw => {
                let Some(item) = current else {
                    return error("No item is open: a motion is withdrawn while its item is open");
                };
                self.mode = Mode::Text(TextPurpose::Withdraw(item), TextInput::default());
                None
            }
            Action::ReopenItem => {
                let item = self.agenda(ws).and_then(|a| a.items.get(self.item));
                let closed = item.filter(|i| {
                    self.state()
                        .and_then(|s| s.item(&i.id))
                        .is_some_and(|s| s.closed)
                });
                match closed {
                    Some(item) => {
                        let item = item.id.clone();
                        self.focus = Focus::Agenda;
                        self.mode = Mode::Text(TextPurpose::Reopen(item), TextInput::default());
                        None
                    }
                    None => error("Select a closed item in the agenda to reopen it"),
                }
            }
            Action::Void => {
                let (Some(item), Some(member)) = (current, member) else {
                    return error(
                        "No item is open: only what was recorded on the open item can be voided",
                    );
                };
                let entry = self
                    .state()
                    .and_then(|s| s.item(&item))
                    .and_then(|s| s.last_entry_of(&member));
                match entry {
                    Some((seq, what)) => {
                        self.mode = Mode::Text(TextPurpose::Void(seq, what), TextInput::default());
                        None
                    }
                    None => error(format!(
                        "{member} has no vote, ballot or recusal on {item} to void"
                    )),
                }
            }
            Action::GiveProxy => match member {
                Some(member) => {
                    let give = keys_for(PROXY, Action::Submit);
                    let hint =
                        format!("Who holds {member}'s proxy? Select the member, then {give}");
                    self.focus = Focus::RollCall;
                    self.mode = Mode::Proxy(member);
                    Some(Status {
                        text: hint,
                        is_error: false,
                    })
                }
                None => error("This body has no members"),
            },
            Action::OpenItem => {
                let item = self.agenda(ws).and_then(|a| a.items.get(self.item));
                match item {
                    Some(item) => {
                        let item = item.id.clone();
                        self.item_scroll = 0;
                        self.record(env, vec![Event::ItemOpened { item }])
                    }
                    None => error("This agenda has no items"),
                }
            }
            Action::VoteYes | Action::VoteNo | Action::VoteAbstain => {
                let choice = match action {
                    Action::VoteYes => Choice::Yes,
                    Action::VoteNo => Choice::No,
                    _ => Choice::Abstain,
                };
                self.vote(env, current, member, choice)
            }
            Action::Recuse => match (current, member) {
                (Some(item), Some(member)) => {
                    let status = self.record(env, vec![Event::Recusal { item, member }]);
                    if status.as_ref().is_some_and(|s| !s.is_error) {
                        self.next_voter(ws);
                    }
                    status
                }
                _ => no_item_open(),
            },
            Action::EditMotion => {
                let Some(item) = current else {
                    return no_item_open();
                };
                let text = self
                    .state()
                    .and_then(|s| s.item(&item))
                    .and_then(|s| s.motion.clone())
                    .unwrap_or_default();
                self.mode = Mode::Text(TextPurpose::Motion(item), TextInput::new(&text));
                None
            }
            Action::AddNote => {
                self.mode = Mode::Text(TextPurpose::Note(current), TextInput::default());
                None
            }
            Action::EditBallot => self.open_ballot(env, current, member),
            Action::NewAction => {
                let members = self.members(ws);
                if members.is_empty() {
                    return error("This body has no members");
                }
                self.mode = Mode::NewAction(ActionForm::new(current, &members, self.member));
                None
            }
            Action::ToggleActionList => {
                self.action_list = !self.action_list;
                None
            }
            _ => None,
        }
    }
}

/// The event a submitted text records, or why the text does not read.
fn text_event(purpose: TextPurpose, text: &str) -> Result<Event, String> {
    let text = text.trim().to_owned();
    Ok(match purpose {
        TextPurpose::Motion(item) => Event::Motion { item, text },
        TextPurpose::Note(item) => Event::Note { item, text },
        TextPurpose::Withdraw(item) => Event::Withdraw {
            item,
            reason: (!text.is_empty()).then_some(text),
        },
        TextPurpose::Reopen(item) => Event::Reopen { item, reason: text },
        TextPurpose::Void(target, _) => Event::Void {
            target,
            reason: text,
        },
        TextPurpose::Evidence(reply) => match *reply {
            Event::Reply {
                item,
                member,
                answer,
                ..
            } => Event::Reply {
                item,
                member,
                answer,
                via: Some(text),
            },
            other => other,
        },
        TextPurpose::WithdrawProcedure => Event::ProcedureWithdrawn { reason: text },
        TextPurpose::Extend(tz) => super::written::extension(&text, tz)?,
    })
}
