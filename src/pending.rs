//! What awaits the alliance between meetings (SPEC 9): written procedures
//! still taking replies (or past their deadline and not yet closed), and
//! minutes of closed meetings not yet approved, or approved and not yet
//! signed by everyone who must sign. Worked out once here from the
//! replayed states and the approval records; the dashboard and `plenary
//! actions` only lay it out.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::agenda::{Agenda, Deadline, ItemKind, MeetingKind};
use crate::approval::{Approval, Stage};
use crate::meeting::{Context, MeetingState};
use crate::workspace::Workspace;

/// One thing waiting between meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaiting {
    /// The meeting (or written procedure) id.
    pub meeting: String,
    /// Its body's id.
    pub body: String,
    /// Its title.
    pub title: String,
    /// What it waits for.
    pub what: Waiting,
}

/// What an [`Awaiting`] waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Waiting {
    /// A written procedure that is open.
    Replies {
        /// Its deadline in force.
        deadline: Deadline,
        /// Voting members that replied on every item.
        replied: usize,
        /// Voting members of the body.
        members: usize,
    },
    /// Minutes that are not approved, or approved and not fully signed.
    Minutes {
        /// Where the approval stands, in words (`circulated on …`).
        stage: String,
        /// The end of the open veto window, if one is open.
        window_ends: Option<DateTime<Utc>>,
        /// Who must still sign the approved minutes.
        unsigned: Vec<String>,
    },
}

impl Awaiting {
    /// The deadline that matters, if any: a procedure's, or the end of a
    /// veto window.
    pub fn due(&self) -> Option<DateTime<Utc>> {
        match &self.what {
            Waiting::Replies { deadline, .. } => Some(deadline.at),
            Waiting::Minutes { window_ends, .. } => *window_ends,
        }
    }

    /// What it waits for in a line, the times in the alliance's zone and
    /// the viewer's: `3 of 12 replied · closes Fri 14 May 23:59 CEST =
    /// Sat 15 May 07:59 AEST`, `minutes circulated on 2027-03-15 (…)`.
    pub fn describe(&self, now: DateTime<Utc>, alliance: Tz, viewer: Option<Tz>) -> String {
        match &self.what {
            Waiting::Replies {
                deadline,
                replied,
                members,
            } => {
                let when = if now >= deadline.at {
                    format!(
                        "deadline passed {}: its outcome is final, to be closed",
                        deadline.in_zone(alliance)
                    )
                } else {
                    deadline.closes(alliance, viewer)
                };
                format!("written procedure · {replied} of {members} replied · {when}")
            }
            Waiting::Minutes {
                stage,
                window_ends,
                unsigned,
            } => {
                let mut line = format!("minutes {stage}");
                if let Some(end) = window_ends.filter(|end| now < *end) {
                    // The window's last minute, as a procedure's deadline
                    // is shown: where the viewer is too.
                    let last = Deadline {
                        at: end,
                        date: Some(
                            (end - chrono::Duration::minutes(1))
                                .with_timezone(&alliance)
                                .date_naive(),
                        ),
                    };
                    let here = last.in_zone(alliance);
                    line.push_str(&format!(" · objections until {here}"));
                    if let Some(there) = viewer.map(|tz| last.in_zone(tz)).filter(|t| *t != here) {
                        line.push_str(&format!(" = {there}"));
                    }
                }
                if let Some(end) = window_ends.filter(|end| now >= *end) {
                    let t = end.with_timezone(&alliance);
                    line.push_str(&format!(
                        " · window over since {}: to be approved",
                        t.format("%a %-d %b %H:%M")
                    ));
                }
                if !unsigned.is_empty() {
                    line.push_str(&format!(" · to sign: {}", unsigned.join(", ")));
                }
                line
            }
        }
    }
}

/// Everything awaiting in `workspace`, in agenda order: `state_of` gives a
/// meeting's replayed state (from a hub's snapshot, or read from disk);
/// a meeting without one (its journal unreadable: `plenary check` says
/// why) is left out.
pub fn awaiting<'s>(
    workspace: &Workspace,
    state_of: impl Fn(&Agenda) -> Option<&'s MeetingState>,
) -> Vec<Awaiting> {
    let mut found = Vec::new();
    for agenda in &workspace.agendas {
        let Some(state) = state_of(agenda) else {
            continue;
        };
        let what = match agenda.meeting.kind {
            MeetingKind::Written => procedure(workspace, agenda, state),
            MeetingKind::Meeting => minutes(workspace, agenda, state),
        };
        if let Some(what) = what {
            found.push(Awaiting {
                meeting: agenda.meeting.id.clone(),
                body: agenda.meeting.body.clone(),
                title: agenda.meeting.title.clone(),
                what,
            });
        }
    }
    found
}

/// An opened written procedure that has not ended.
fn procedure(workspace: &Workspace, agenda: &Agenda, state: &MeetingState) -> Option<Waiting> {
    let w = state.written()?;
    w.opened_at?;
    if w.end.is_some() {
        return None;
    }
    let deadline = w.deadline?;
    let live = Context::new(&workspace.charter, agenda)?;
    let ctx = state.context(live);
    let voting: Vec<&str> = ctx
        .charter
        .members_of(ctx.body)
        .filter(|m| m.voting_weight() > 0)
        .map(|m| m.id.as_str())
        .collect();
    let items: Vec<&str> = ctx
        .agenda
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Information && i.kind != ItemKind::Discussion)
        .map(|i| i.id.as_str())
        .collect();
    let replied = voting
        .iter()
        .filter(|m| items.iter().all(|i| w.reply(i, m).is_some()))
        .count();
    Some(Waiting::Replies {
        deadline,
        replied,
        members: voting.len(),
    })
}

/// A closed meeting's minutes, unless approved and signed by all who must.
fn minutes(workspace: &Workspace, agenda: &Agenda, state: &MeetingState) -> Option<Waiting> {
    if !state.closed {
        return None;
    }
    let approval = Approval::new(workspace, agenda);
    // An unreadable approval record is `plenary check`'s to report.
    let record = approval.load().ok()?;
    let stage = Stage::of(&record);
    let window_ends = match &stage {
        Stage::Circulated { draft } => draft.window_ends,
        _ => None,
    };
    let unsigned = match &stage {
        Stage::Approved { .. } => approval
            .awaited_signers(&record)
            .into_iter()
            .map(|(_, person)| person)
            .collect(),
        _ => Vec::new(),
    };
    if matches!(stage, Stage::Approved { .. }) && unsigned.is_empty() {
        return None;
    }
    Some(Waiting::Minutes {
        stage: stage.describe(),
        window_ends,
        unsigned,
    })
}
