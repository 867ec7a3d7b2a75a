//! The approval part of the minutes screen (docs/approval.md): where the
//! minutes stand (draft, circulated, approved with signers and
//! fingerprints), an objection typed by a member's delegate, and a
//! signature pasted by its signer. Recording is the domain's
//! ([`Approval::record`], under the workspace's lock, as the session's own
//! person); this only collects the words.

use crate::agenda::Agenda;
use crate::approval::{Approval, MAX_SIGNATURE_BYTES, Stage, Step, sha256, statement_of};
use crate::meeting::Actor;
use crate::tui::action::Action;
use crate::tui::app::Status;
use crate::tui::meeting_room::{Env, TextInput};
use crate::workspace::Workspace;

/// What the screen shows of the approval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalPanel {
    /// Lines: the stage, then the signers.
    pub lines: Vec<String>,
    /// The statement to sign and its SHA-256, once approved.
    pub statement: Option<(String, String)>,
    /// Whether a draft is circulated and not yet approved: objections
    /// may be typed.
    pub open_to_objections: bool,
}

impl ApprovalPanel {
    /// The approval of `agenda`'s meeting as its record stands; nothing
    /// for a meeting not closed and never circulated (there is nothing to
    /// approve yet).
    pub fn load(workspace: &Workspace, agenda: &Agenda, closed: bool) -> Self {
        let id = &agenda.meeting.id;
        let state = match Approval::new(workspace, agenda).load() {
            Ok(state) => state,
            Err(e) => {
                return Self {
                    lines: vec![format!("Approval: the record cannot be read: {e}")],
                    ..Self::default()
                };
            }
        };
        if !closed && state.anchor.is_none() {
            return Self::default();
        }
        let mut stage = format!("Approval: {}", Stage::of(&state).describe());
        let open = state
            .objections
            .iter()
            .filter(|o| o.ruling.is_none())
            .count();
        if !state.objections.is_empty() {
            stage.push_str(&format!(
                " · {} objection{}, {open} not ruled on",
                state.objections.len(),
                if state.objections.len() == 1 { "" } else { "s" }
            ));
        }
        let mut lines = vec![stage];
        let signed: Vec<String> = state
            .signatures
            .iter()
            .map(|s| format!("{} ({}) {}", s.person, s.member, s.fingerprint))
            .collect();
        if state.approved.is_some() {
            let mut line = match signed.is_empty() {
                true => "Signed by: nobody yet".to_owned(),
                false => format!("Signed by: {}", signed.join(" · ")),
            };
            let awaited: Vec<String> = Approval::new(workspace, agenda)
                .awaited_signers(&state)
                .into_iter()
                .map(|(member, person)| format!("{person} ({member})"))
                .collect();
            if !awaited.is_empty() {
                line.push_str(&format!(" · awaiting {}", awaited.join(", ")));
            }
            lines.push(line);
        }
        let statement = statement_of(id, &state).map(|text| {
            let digest = sha256(text.as_bytes());
            (text, digest)
        });
        Self {
            lines,
            open_to_objections: !state.drafts.is_empty() && state.approved.is_none(),
            statement,
        }
    }
}

/// What the approval part is collecting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ApprovalMode {
    /// Nothing: the preview scrolls.
    #[default]
    Normal,
    /// An objection: `ITEM REASON…` (the secretariat: `MEMBER ITEM REASON…`).
    Object(TextInput),
    /// A pasted armored signature, kept with its line breaks.
    Sign(String),
}

impl ApprovalMode {
    /// Whether keys and pastes go into a field.
    pub fn is_typing(&self) -> bool {
        !matches!(self, Self::Normal)
    }
}

/// The step an objection's words ask for, for `actor`.
fn objection(actor: &Actor, text: &str) -> Result<Step, String> {
    let mut words = text.split_whitespace();
    let member = match actor {
        Actor::Delegate { member, .. } => member.clone(),
        Actor::Secretariat { .. } => words.next().ok_or("type MEMBER ITEM REASON…")?.to_owned(),
    };
    let item = words
        .next()
        .ok_or("type ITEM REASON… (ITEM: an item id or general)")?;
    let reason: Vec<&str> = words.collect();
    Ok(Step::Object {
        item: item.to_owned(),
        member,
        reason: reason.join(" "),
    })
}

/// Applies `action` to the field of `mode`; records on Enter. Returns the
/// mode to go on in and what to say.
pub fn update(
    mode: ApprovalMode,
    action: Action,
    env: &Env,
    agenda: &Agenda,
) -> (ApprovalMode, Option<Status>) {
    let say = |text: String, is_error: bool| Some(Status { text, is_error });
    match (mode, action) {
        (_, Action::Cancel) => (ApprovalMode::Normal, None),
        (ApprovalMode::Object(input), Action::Submit) => {
            let step = match objection(env.actor, input.text()) {
                Ok(step) => step,
                Err(e) => return (ApprovalMode::Object(input), say(e, true)),
            };
            match record(env, agenda, &step) {
                Ok(text) => (ApprovalMode::Normal, say(text, false)),
                Err(e) => (ApprovalMode::Object(input), say(e, true)),
            }
        }
        (ApprovalMode::Object(mut input), other) => {
            input.update(other);
            (ApprovalMode::Object(input), None)
        }
        (ApprovalMode::Sign(text), Action::Submit) => {
            let step = Step::Sign {
                armored: text.clone(),
            };
            match record(env, agenda, &step) {
                Ok(done) => (ApprovalMode::Normal, say(done, false)),
                Err(e) => (ApprovalMode::Sign(text), say(e, true)),
            }
        }
        (ApprovalMode::Sign(mut text), Action::Type(c)) => {
            push(&mut text, &c.to_string());
            (ApprovalMode::Sign(text), None)
        }
        (ApprovalMode::Sign(mut text), Action::DeleteBack) => {
            text.pop();
            (ApprovalMode::Sign(text), None)
        }
        (mode, _) => (mode, None),
    }
}

/// Adds pasted or typed text to a signature field, within the size a
/// signature may have.
pub fn push(field: &mut String, text: &str) {
    for c in text.chars() {
        if field.len() + c.len_utf8() > MAX_SIGNATURE_BYTES as usize {
            break;
        }
        if c == '\n' || !c.is_control() {
            field.push(c);
        }
    }
}

fn record(env: &Env, agenda: &Agenda, step: &Step) -> Result<String, String> {
    if !env.may_record() {
        return Err(crate::tui::meeting_room::TOO_FAST.to_owned());
    }
    let approval = Approval::new(env.workspace, agenda);
    let (records, _) = approval
        .record(env.actor, env.now, step)
        .map_err(|e| format!("Not recorded: {e}"))?;
    Ok(records
        .last()
        .map_or_else(String::new, |r| format!("Recorded: {}", r.event.describe())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delegates_objection_is_for_their_own_member() {
        let delegate = Actor::Delegate {
            person: "Dr. Pieter van Wyk".into(),
            member: "uct".into(),
            role: crate::charter::DelegateRole::Representative,
        };
        assert_eq!(
            objection(&delegate, "budget-2027 Our vote is missing"),
            Ok(Step::Object {
                item: "budget-2027".into(),
                member: "uct".into(),
                reason: "Our vote is missing".into(),
            })
        );
        let secretariat = Actor::secretariat("s");
        assert!(matches!(
            objection(&secretariat, "uct general Late"),
            Ok(Step::Object { member, .. }) if member == "uct"
        ));
        assert!(objection(&secretariat, "").is_err());
    }

    #[test]
    fn a_pasted_signature_keeps_its_lines_and_its_bound() {
        let mut field = String::new();
        push(&mut field, "-----BEGIN SSH SIGNATURE-----\nU1NI\x1b\n");
        assert_eq!(field, "-----BEGIN SSH SIGNATURE-----\nU1NI\n");
        push(&mut field, &"A".repeat(100_000));
        assert_eq!(field.len(), MAX_SIGNATURE_BYTES as usize);
    }
}
