//! What may be recorded in an approval record, when and by whom
//! (docs/approval.md): each step judged against the record and the closed
//! meeting as they are under the workspace's lock, and turned into the one
//! event that records it. The files a step stores are written here, before
//! the event is committed; a step that is then not committed leaves files
//! that the next attempt takes as they are ([`super::stored::store`]).

use chrono::{DateTime, Utc};

use crate::charter::DelegateRole;
use crate::export::minutes::for_meeting;
use crate::meeting::{Actor, ApprovalEvent, Context, MeetingState};

use super::draft::{Circulation, CorrectionRow, render};
use super::error::ApprovalError;
use super::signature::{holder, slug, verify};
use super::state::ApprovalState;
use super::statement::statement;
use super::stored::{read_checked, store};
use super::window::{day_in, last_day, window_end};
use super::{Approval, Step};

/// Whether `actor` may run the approval (rule on objections, correct,
/// circulate, approve): the secretariat, a secretary delegate, or a chair
/// delegate of the body's chair member, as in the meeting (SPEC 8).
pub fn runs(actor: &Actor, chair: &str) -> bool {
    match actor {
        Actor::Secretariat { .. } => true,
        Actor::Delegate { role, member, .. } => {
            *role == DelegateRole::Secretary || (*role == DelegateRole::Chair && member == chair)
        }
    }
}

fn refuse<T>(message: impl Into<String>) -> Result<T, ApprovalError> {
    Err(ApprovalError::refused(message))
}

fn non_empty(text: &str, what: &str) -> Result<String, ApprovalError> {
    match text.trim() {
        "" => refuse(format!("give {what}")),
        t => Ok(t.to_owned()),
    }
}

impl Approval<'_> {
    /// The event that records `step`, or why it is refused.
    pub(super) fn decide(
        &self,
        actor: &Actor,
        now: DateTime<Utc>,
        state: &ApprovalState,
        meeting: &MeetingState,
        ctx: &Context,
        step: &Step,
    ) -> Result<ApprovalEvent, ApprovalError> {
        let ctx = meeting.context(*ctx);
        let id = &ctx.agenda.meeting.id;
        if let Some(approved) = &state.approved
            && !matches!(step, Step::Sign { .. })
        {
            return refuse(format!(
                "the minutes of {id} were approved on {}: only signatures can be added",
                approved.date
            ));
        }
        let needs_chair = |what: &str| {
            if runs(actor, &ctx.body.chair) {
                Ok(())
            } else {
                refuse(format!(
                    "{} may not {what}: the chair and the secretary run the approval",
                    actor.person()
                ))
            }
        };
        match step {
            Step::Circulate => {
                needs_chair("circulate the minutes")?;
                self.circulate(now, state)
            }
            Step::Object {
                item,
                member,
                reason,
            } => {
                let Some(draft) = state.last_draft() else {
                    return refuse(format!(
                        "the minutes of {id} have not been circulated yet: there is nothing to object to"
                    ));
                };
                if let Some(end) = draft.window_ends
                    && now >= end
                {
                    let days = draft.veto_days.unwrap_or(0);
                    return refuse(format!(
                        "the veto window of draft {} closed at the end of {} ({}), {} UTC: objections are no longer taken",
                        draft.number,
                        last_day(draft.date, days),
                        draft.timezone,
                        end.format("%Y-%m-%d %H:%M")
                    ));
                }
                if item != "general" && !ctx.agenda.items.iter().any(|i| &i.id == item) {
                    let items: Vec<&str> = ctx.agenda.items.iter().map(|i| i.id.as_str()).collect();
                    return refuse(format!(
                        "no item `{item}` in {id}: object to one of {} or to `general`",
                        items.join(", ")
                    ));
                }
                if !ctx.body.members.iter().any(|m| m == member) {
                    return refuse(format!(
                        "`{member}` is not a member of the {}: its members are {}",
                        ctx.body.name,
                        ctx.body.members.join(", ")
                    ));
                }
                let own = match actor {
                    Actor::Delegate {
                        member: m, role, ..
                    } => m == member && *role != DelegateRole::Observer,
                    Actor::Secretariat { .. } => true,
                };
                if !own && !runs(actor, &ctx.body.chair) {
                    return refuse(format!(
                        "{} may not object for `{member}`: a delegate objects for their own member",
                        actor.person()
                    ));
                }
                Ok(ApprovalEvent::Objection {
                    item: item.clone(),
                    member: member.clone(),
                    reason: non_empty(reason, "the reason for the objection")?,
                })
            }
            Step::Rule {
                objection,
                upheld,
                reason,
            } => {
                needs_chair("rule on objections")?;
                let Some(target) = usize::try_from(*objection)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| state.objections.get(i))
                else {
                    return refuse(format!(
                        "there is no objection {objection}: {} recorded",
                        match state.objections.len() {
                            0 => "none is".to_owned(),
                            n => format!("objections 1 to {n} are"),
                        }
                    ));
                };
                if let Some(r) = &target.ruling {
                    let how = if r.upheld { "upheld" } else { "dismissed" };
                    return refuse(format!(
                        "objection {objection} was already {how} by {}",
                        r.by
                    ));
                }
                Ok(ApprovalEvent::Ruling {
                    objection: *objection,
                    upheld: *upheld,
                    reason: non_empty(reason, "the reason for the ruling")?,
                })
            }
            Step::Correct { text } => {
                needs_chair("correct the draft")?;
                if state.drafts.is_empty() {
                    return refuse(
                        "circulate the draft first: corrections are listed in the annex of the next draft",
                    );
                }
                Ok(ApprovalEvent::Correction {
                    text: non_empty(text, "the correction")?,
                })
            }
            Step::Approve => {
                needs_chair("approve the minutes")?;
                self.approve(now, state)
            }
            Step::Sign { armored } => self.sign(actor, state, armored),
        }
    }

    fn circulate(
        &self,
        now: DateTime<Utc>,
        state: &ApprovalState,
    ) -> Result<ApprovalEvent, ApprovalError> {
        let id = &self.agenda.meeting.id;
        if let Some(last) = state.last_draft() {
            if let Some(o) = state.unruled() {
                return refuse(format!(
                    "objection {} is not ruled on: uphold or dismiss it before circulating again",
                    o.number
                ));
            }
            if state.upheld().is_none() {
                return refuse(format!(
                    "draft {} is circulated and no objection to it was upheld: a new draft is circulated only to correct an upheld objection",
                    last.number
                ));
            }
            if !state
                .corrections
                .iter()
                .any(|c| c.after_draft == last.number)
            {
                return refuse(format!(
                    "an objection to draft {} was upheld: record the correction first (plenary approval WS {id} correct TEXT…)",
                    last.number
                ));
            }
        }
        let number = u32::try_from(state.drafts.len() + 1).unwrap_or(u32::MAX);
        let zone = self.workspace.charter.alliance.timezone;
        let date = day_in(now, zone);
        let veto_days = self
            .workspace
            .charter
            .body(&self.agenda.meeting.body)
            .and_then(|b| b.veto_days);
        let circulation = Circulation {
            draft: number,
            circulated: date,
            timezone: zone.name().to_owned(),
            veto_days,
            objections_until: veto_days.map(|d| last_day(date, d)),
            window_ends: veto_days.map(|d| window_end(date, d, zone)),
            corrections: state
                .corrections
                .iter()
                .map(|c| CorrectionRow {
                    to_draft: c.after_draft,
                    text: c.text.clone(),
                })
                .collect(),
        };
        let (minutes, _) = for_meeting(self.workspace, self.agenda, now)?;
        let (md, json) = render(&minutes, &circulation);
        let root = &self.workspace.root;
        Ok(ApprovalEvent::Circulated {
            draft: number,
            markdown: store(root, &format!("{id}.draft-{number}.md"), &md)?,
            json: store(root, &format!("{id}.draft-{number}.json"), &json)?,
            date,
            timezone: circulation.timezone,
            veto_days,
            window_ends: circulation.window_ends,
        })
    }

    fn approve(
        &self,
        now: DateTime<Utc>,
        state: &ApprovalState,
    ) -> Result<ApprovalEvent, ApprovalError> {
        let id = &self.agenda.meeting.id;
        let Some(draft) = state.last_draft() else {
            return refuse(format!(
                "the minutes of {id} have not been circulated: circulate the draft first"
            ));
        };
        if let Some(o) = state.unruled() {
            return refuse(format!(
                "objection {} by {} is not ruled on: uphold or dismiss it first",
                o.number, o.member
            ));
        }
        if let Some(o) = state.upheld() {
            return refuse(format!(
                "objection {} to draft {} was upheld: record the correction and circulate a corrected draft",
                o.number, draft.number
            ));
        }
        let vote = self.approving_vote()?;
        let window_over = draft.window_ends.is_some_and(|end| now >= end);
        if vote.is_none() && !window_over {
            return match (draft.window_ends, draft.veto_days) {
                (Some(end), Some(days)) => refuse(format!(
                    "the veto window of draft {} is open until the end of {} ({}), {} UTC: the minutes stand approved only after it, or by a minutes-approval vote",
                    draft.number,
                    last_day(draft.date, days),
                    draft.timezone,
                    end.format("%Y-%m-%d %H:%M")
                )),
                _ => refuse(format!(
                    "the {} sets no [bodies.minutes] veto_days: these minutes are approved by a `minutes-approval` item (approves = \"{id}\") passed at a later meeting",
                    self.body_name()
                )),
            };
        }
        let root = &self.workspace.root;
        let text = |bytes: Vec<u8>, file: &str| {
            String::from_utf8(bytes)
                .map_err(|_| ApprovalError::refused(format!("records/{file} is not UTF-8 text")))
        };
        let md = text(read_checked(root, &draft.markdown)?, &draft.markdown.file)?;
        let json = text(read_checked(root, &draft.json)?, &draft.json.file)?;
        let markdown = store(root, &format!("{id}.approved.md"), &md)?;
        let json = store(root, &format!("{id}.approved.json"), &json)?;
        let anchor = state
            .anchor
            .as_ref()
            .ok_or_else(|| ApprovalError::refused("the approval record has no anchor"))?;
        let text = statement(
            id,
            anchor.seq,
            &anchor.sha256,
            &markdown.sha256,
            &json.sha256,
        );
        Ok(ApprovalEvent::Approved {
            date: day_in(now, self.workspace.charter.alliance.timezone),
            vote,
            statement: store(root, &format!("{id}.statement"), &text)?,
            markdown,
            json,
        })
    }

    fn sign(
        &self,
        actor: &Actor,
        state: &ApprovalState,
        armored: &str,
    ) -> Result<ApprovalEvent, ApprovalError> {
        let id = &self.agenda.meeting.id;
        let Some(text) = super::statement_of(id, state) else {
            return refuse(format!(
                "the minutes of {id} are not approved yet: there is nothing to sign"
            ));
        };
        let verified = verify(armored, text.as_bytes())?;
        let Some((member, delegate)) = holder(&self.workspace.charter, &verified.key) else {
            return Err(super::SignatureError::UnknownKey(verified.fingerprint).into());
        };
        if let Actor::Delegate { person, .. } = actor
            && *person != delegate.name
        {
            return refuse(format!(
                "this signature was made with the key of {}: each person adds their own signature",
                delegate.name
            ));
        }
        if let Some(s) = state
            .signatures
            .iter()
            .find(|s| s.person == delegate.name || s.public_key == verified.openssh)
        {
            return refuse(format!(
                "{} has already signed the minutes of {id} (line {} of the approval record)",
                s.person, s.line
            ));
        }
        let n = state.signatures.len() + 1;
        let file = format!("{id}.sig/{n}-{}.sig", slug(&delegate.name));
        Ok(ApprovalEvent::Signed {
            person: delegate.name.clone(),
            member: member.to_owned(),
            role: delegate.role,
            public_key: verified.openssh,
            fingerprint: verified.fingerprint,
            signature: store(&self.workspace.root, &file, armored)?,
        })
    }

    fn body_name(&self) -> String {
        self.workspace
            .charter
            .body(&self.agenda.meeting.body)
            .map_or_else(|| self.agenda.meeting.body.clone(), |b| b.name.clone())
    }
}
