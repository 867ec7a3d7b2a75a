//! What changed in the files since a meeting froze its terms (SPEC 3.3).
//! Charters evolve, so a change is a note, not an error: the record keeps
//! what was. Each note points at the changed key in today's file.

use std::path::Path;

use super::terms::{Terms, TermsItem, TermsMember};
use super::{Meeting, MeetingState, Stage};
use crate::agenda::Agenda;
use crate::files::{Diagnostic, Step, locate};
use crate::workspace::{CHARTER_FILE, Workspace};

/// One difference between a meeting's frozen terms and today's files.
struct Change<'a> {
    agenda_file: bool,
    path: Vec<Step<'a>>,
    what: String,
    was: String,
    now: String,
}

/// Notes for every meeting whose frozen terms differ from today's files,
/// and for every closed meeting whose journal has no terms, from states
/// already replayed: each agenda with its meeting's state (those whose
/// journal could not be read are left out; the review reports them).
pub fn check_drift<'s>(
    workspace: &Workspace,
    states: impl IntoIterator<Item = (&'s Agenda, &'s MeetingState)>,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let charter_path = workspace.root.join(CHARTER_FILE);
    let charter_text = read(&charter_path);
    for (agenda, state) in states {
        let Ok(meeting) = Meeting::new(workspace, agenda) else {
            continue;
        };
        let id = &agenda.meeting.id;
        let stage = if state.closed {
            Stage::Closed
        } else {
            Stage::InProgress
        };
        let Some(frozen) = state.frozen() else {
            if state.closed {
                notes.push(Diagnostic::whole_file(
                    meeting.journal().path(),
                    format!(
                        "note: terms not frozen: `{id}` was closed before plenary recorded a meeting's terms, so its minutes are read with today's charter and agenda"
                    ),
                ));
            }
            continue;
        };
        let now = meeting.terms_now();
        let agenda_path = workspace.root.join(format!("{id}.toml"));
        let agenda_text = read(&agenda_path);
        for change in changes(frozen.terms(), &now) {
            let (path, text) = if change.agenda_file {
                (agenda_path.as_path(), agenda_text.as_str())
            } else {
                (charter_path.as_path(), charter_text.as_str())
            };
            let held = match stage {
                Stage::Closed => "was held",
                _ => "is being held",
            };
            let message = format!(
                "note: `{id}` {held} with {} = {}; the file now says {}; the record keeps {}",
                change.what, change.was, change.now, change.was
            );
            notes.push(match locate(text, &change.path) {
                Some(span) => Diagnostic::at_span(path, text, span, message),
                None => Diagnostic::whole_file(path, message),
            });
        }
    }
    notes
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Every difference that matters to the record, frozen `was` against `now`.
fn changes<'a>(was: &'a Terms, now: &Terms) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    let mut push = |agenda_file, path: Vec<Step<'a>>, what: String, was: String, now: String| {
        if was != now {
            out.push(Change {
                agenda_file,
                path,
                what,
                was,
                now,
            });
        }
    };
    let alliance = |key| vec![Step::Key("alliance"), Step::Key(key)];
    push(
        false,
        alliance("name"),
        "alliance name".into(),
        quote(&was.alliance.name),
        quote(&now.alliance.name),
    );
    push(
        false,
        alliance("timezone"),
        "alliance time zone".into(),
        was.alliance.timezone.name().into(),
        now.alliance.timezone.name().into(),
    );
    let meeting = |key| vec![Step::Key("meeting"), Step::Key(key)];
    push(
        true,
        meeting("title"),
        "title".into(),
        quote(&was.meeting.title),
        quote(&now.meeting.title),
    );
    push(
        true,
        meeting("start"),
        "start".into(),
        opt(was.meeting.start.map(|s| s.to_rfc3339())),
        opt(now.meeting.start.map(|s| s.to_rfc3339())),
    );
    push(
        true,
        meeting("duration"),
        "duration".into(),
        format!("{} min", was.meeting.duration_minutes),
        format!("{} min", now.meeting.duration_minutes),
    );
    push(
        true,
        meeting("location"),
        "location".into(),
        opt(was.meeting.location.clone()),
        opt(now.meeting.location.clone()),
    );
    push(
        true,
        meeting("kind"),
        "kind".into(),
        json(&was.meeting.kind),
        json(&now.meeting.kind),
    );
    let deadline = |d: Option<crate::agenda::Deadline>| {
        opt(d.map(|d| match d.date {
            Some(date) => date.to_string(),
            None => d.at.to_rfc3339(),
        }))
    };
    push(
        true,
        meeting("deadline"),
        "deadline".into(),
        deadline(was.meeting.deadline),
        deadline(now.meeting.deadline),
    );
    let (b, nb) = (&was.body, &now.body);
    let body = |key| vec![Step::Key("bodies"), Step::Id(&b.id), Step::Key(key)];
    let written = |key| {
        vec![
            Step::Key("bodies"),
            Step::Id(&b.id),
            Step::Key("written"),
            Step::Key(key),
        ]
    };
    push(
        false,
        written("rule"),
        "written procedure's rule".into(),
        opt(b.written.rule.clone()),
        opt(nb.written.rule.clone()),
    );
    push(
        false,
        written("silence"),
        "written procedure's silence".into(),
        b.written.silence.name().into(),
        nb.written.silence.name().into(),
    );
    push(
        false,
        body("name"),
        "body name".into(),
        quote(&b.name),
        quote(&nb.name),
    );
    push(
        false,
        body("members"),
        "the body's members".into(),
        b.members.join(", "),
        nb.members.join(", "),
    );
    push(
        false,
        body("chair"),
        "chair".into(),
        b.chair.clone(),
        nb.chair.clone(),
    );
    push(
        false,
        body("quorum"),
        "quorum".into(),
        b.quorum.to_string(),
        nb.quorum.to_string(),
    );
    push(
        false,
        body("quorum_basis"),
        "quorum basis".into(),
        json(&b.quorum_basis),
        json(&nb.quorum_basis),
    );
    push(
        false,
        body("casting_vote"),
        "casting vote".into(),
        json(&b.casting_vote),
        json(&nb.casting_vote),
    );
    push(
        false,
        body("max_proxies"),
        "max_proxies".into(),
        b.max_proxies.to_string(),
        nb.max_proxies.to_string(),
    );
    for (key, rule) in &b.rules {
        push(
            false,
            vec![
                Step::Key("bodies"),
                Step::Id(&b.id),
                Step::Key("rules"),
                Step::Key(key),
            ],
            format!("rule `{key}`"),
            rule.name().into(),
            nb.rules
                .get(key)
                .map_or("no such rule".into(), |r| r.name().into()),
        );
    }
    for m in was.members.iter().filter(|m| b.members.contains(&m.id)) {
        member_changes(m, now.member(&m.id), &mut push);
    }
    for item in &was.items {
        item_changes(item, now.item(&item.id), &mut push);
    }
    out
}

type Push<'p, 'a> = dyn FnMut(bool, Vec<Step<'a>>, String, String, String) + 'p;

fn member_changes<'a>(m: &'a TermsMember, now: Option<&TermsMember>, push: &mut Push<'_, 'a>) {
    let at = |key| vec![Step::Key("members"), Step::Id(&m.id), Step::Key(key)];
    let Some(n) = now else {
        push(
            false,
            vec![Step::Key("members")],
            format!("member `{}`", m.id),
            quote(&m.name),
            "no such member".into(),
        );
        return;
    };
    let id = &m.id;
    push(
        false,
        at("name"),
        format!("name for `{id}`"),
        quote(&m.name),
        quote(&n.name),
    );
    push(
        false,
        at("status"),
        format!("status for `{id}`"),
        m.status.name().into(),
        n.status.name().into(),
    );
    push(
        false,
        at("weight"),
        format!("weight for `{id}`"),
        m.weight.to_string(),
        n.weight.to_string(),
    );
    push(
        false,
        at("timezone"),
        format!("time zone for `{id}`"),
        m.timezone.name().into(),
        n.timezone.name().into(),
    );
    let people = |t: &TermsMember| {
        t.delegates
            .iter()
            .map(|d| format!("{} ({})", d.name, json(&d.role)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    push(
        false,
        at("delegates"),
        format!("delegates for `{id}`"),
        people(m),
        people(n),
    );
}

fn item_changes<'a>(i: &'a TermsItem, now: Option<&TermsItem>, push: &mut Push<'_, 'a>) {
    let at = |key| vec![Step::Key("items"), Step::Id(&i.id), Step::Key(key)];
    let id = &i.id;
    let Some(n) = now else {
        push(
            true,
            vec![Step::Key("items")],
            format!("item `{id}`"),
            quote(&i.title),
            "no such item".into(),
        );
        return;
    };
    push(
        true,
        at("title"),
        format!("title for `{id}`"),
        quote(&i.title),
        quote(&n.title),
    );
    push(
        true,
        at("description"),
        format!("description for `{id}`"),
        opt(i.description.clone()),
        opt(n.description.clone()),
    );
    push(
        true,
        at("kind"),
        format!("kind for `{id}`"),
        i.kind.name().into(),
        n.kind.name().into(),
    );
    push(
        true,
        at("rule"),
        format!("rule for `{id}`"),
        i.rule.clone().unwrap_or_else(|| "default".into()),
        n.rule.clone().unwrap_or_else(|| "default".into()),
    );
    push(
        true,
        at("method"),
        format!("method for `{id}`"),
        opt(i.method.map(|m| m.to_string())),
        opt(n.method.map(|m| m.to_string())),
    );
    let options = |t: &TermsItem| {
        t.options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for option in &i.options {
        let name = n
            .options
            .iter()
            .find(|o| o.id == option.id)
            .map_or_else(|| quote(&option.name), |o| quote(&o.name));
        push(
            false,
            vec![
                Step::Key("priorities"),
                Step::Id(&option.id),
                Step::Key("name"),
            ],
            format!("the name of option `{}`", option.id),
            quote(&option.name),
            name,
        );
    }
    push(
        true,
        at("options"),
        format!("options for `{id}`"),
        options(i),
        options(n),
    );
    push(
        true,
        at("seats"),
        format!("seats for `{id}`"),
        opt(i.seats.map(|s| s.to_string())),
        opt(n.seats.map(|s| s.to_string())),
    );
}

fn quote(text: &str) -> String {
    format!("\"{text}\"")
}

fn opt(value: Option<String>) -> String {
    value.unwrap_or_else(|| "none".into())
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
