//! The minutes screen (SPEC 5 and 7): a scrollable preview of a meeting's
//! Markdown minutes, and writing them as Markdown, HTML or JSON to
//! `minutes/<meeting-id>.<ext>` in the workspace.
//!
//! It owns which meeting, the scroll position and a pending "replace?"
//! question. The minutes themselves come from [`crate::export::minutes`]
//! (built from the journal, as `plenary minutes` builds them) and are
//! written with [`write_atomic`]; it renders nothing of its own.

mod approval;
mod render;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use approval::{ApprovalMode, ApprovalPanel};
pub use render::render;

use super::action::Action;
use super::app::Status;
use super::meeting_room::{Env, TextInput};
use crate::agenda::Agenda;
use crate::approval::{approved_minutes, record_stem};
use crate::export::minutes::{Minutes, MinutesFormat, for_meeting, markdown, output_path};
use crate::files::{WriteError, write_atomic};
use crate::meeting::Journal;
use crate::workspace::Workspace;

/// Columns moved by ←/→.
const COLUMN_STEP: usize = 8;

/// The minutes screen: which meeting, its preview, where it is scrolled,
/// and the format waiting for a "replace?" answer.
#[derive(Debug, Clone, Default)]
pub struct MinutesScreen {
    meeting: usize,
    preview: Option<Result<Vec<String>, String>>,
    scroll: usize,
    column: usize,
    pending: Option<MinutesFormat>,
    approval: ApprovalPanel,
    mode: ApprovalMode,
    /// The approval record's head when the screen was made: another
    /// session's step moves it.
    approval_head: Option<(u64, String)>,
}

/// The minutes of `agenda`'s meeting as its journal and the action
/// register stand, made at `now` by the loader `plenary minutes` uses (a
/// torn last line is left out, as there).
fn build(workspace: &Workspace, agenda: &Agenda, now: DateTime<Utc>) -> Result<Minutes, String> {
    for_meeting(workspace, agenda, now)
        .map(|(minutes, _torn)| minutes)
        .map_err(|e| e.to_string())
}

impl MinutesScreen {
    /// The agenda of the meeting shown.
    pub fn agenda<'a>(&self, workspace: &'a Workspace) -> Option<&'a Agenda> {
        workspace.agendas.get(self.meeting)
    }

    /// Whether a meeting has been chosen and its minutes made.
    pub fn is_open(&self) -> bool {
        self.preview.is_some()
    }

    /// The Markdown minutes, line by line, once made.
    pub fn lines(&self) -> &[String] {
        match &self.preview {
            Some(Ok(lines)) => lines,
            _ => &[],
        }
    }

    /// Why the minutes could not be made.
    pub fn error(&self) -> Option<&str> {
        self.preview
            .as_ref()
            .and_then(|p| p.as_ref().err())
            .map(String::as_str)
    }

    /// The first line and first column shown.
    pub fn scroll(&self) -> (usize, usize) {
        (self.scroll, self.column)
    }

    /// Where the minutes stand in their approval.
    pub fn approval(&self) -> &ApprovalPanel {
        &self.approval
    }

    /// What the approval part is collecting.
    pub fn mode(&self) -> &ApprovalMode {
        &self.mode
    }

    /// Adds pasted text to the signature field, line breaks kept; false
    /// when no signature is being pasted.
    pub fn paste_signature(&mut self, text: &str) -> bool {
        match &mut self.mode {
            ApprovalMode::Sign(field) => {
                approval::push(field, text);
                true
            }
            _ => false,
        }
    }

    /// The format whose file exists, waiting for "replace?".
    pub fn pending(&self) -> Option<MinutesFormat> {
        self.pending
    }

    /// Where `format` is written: [`output_path`] of the meeting shown.
    pub fn path(&self, workspace: &Workspace, format: MinutesFormat) -> Option<PathBuf> {
        self.agenda(workspace)
            .map(|a| output_path(&workspace.root, &a.meeting.id, format))
    }

    /// Points the screen at meeting number `index` (wrapping) and makes its
    /// minutes.
    pub fn select_meeting(&mut self, index: usize, workspace: &Workspace, now: DateTime<Utc>) {
        let count = workspace.agendas.len().max(1);
        *self = Self {
            meeting: index % count,
            ..Self::default()
        };
        self.reload(workspace, now);
    }

    /// Makes the minutes afresh from the journal, keeping the scroll.
    pub fn reload(&mut self, workspace: &Workspace, now: DateTime<Utc>) {
        // Approved minutes are of a closed meeting; otherwise the minutes
        // say whether it is.
        let mut closed = true;
        self.preview = Some(match self.agenda(workspace) {
            None => Err("This workspace has no agendas.".to_owned()),
            // Approved minutes are the stored files, as `plenary minutes`
            // writes them.
            Some(agenda) => match approved_minutes(workspace, agenda, MinutesFormat::Markdown) {
                Ok(Some(text)) => Ok(text.lines().map(str::to_owned).collect()),
                Err(e) => Err(e.to_string()),
                Ok(None) => build(workspace, agenda, now).map(|m| {
                    closed = !m.draft;
                    markdown(&m).lines().map(str::to_owned).collect()
                }),
            },
        });
        self.approval = self
            .agenda(workspace)
            .map(|a| ApprovalPanel::load(workspace, a, closed))
            .unwrap_or_default();
        self.approval_head = self.approval_head(workspace);
        self.scroll = self.scroll.min(self.lines().len().saturating_sub(1));
    }

    fn approval_head(&self, workspace: &Workspace) -> Option<(u64, String)> {
        let id = &self.agenda(workspace)?.meeting.id;
        Journal::for_meeting(&workspace.root, &record_stem(id))
            .committed_head()
            .ok()
    }

    /// Makes the screen again when another session (or `plenary
    /// approval`) recorded an approval step since it was made, unless a
    /// field is being typed into; returns whether it did. Costs a read of
    /// the record's head (under a hundred bytes).
    pub fn refresh(&mut self, workspace: &Workspace, now: DateTime<Utc>) -> bool {
        if !self.is_open() || self.mode.is_typing() {
            return false;
        }
        if self.approval_head(workspace) == self.approval_head {
            return false;
        }
        self.reload(workspace, now);
        true
    }

    /// Applies one action, `page` being the rows the preview shows;
    /// returns what to say in the status line.
    pub fn update(&mut self, action: Action, env: Env, page: usize) -> Option<Status> {
        if let Some(agenda) = self.agenda(env.workspace) {
            let asked = match action {
                Action::ObjectMinutes => Some(ApprovalMode::Object(TextInput::default())),
                Action::SignMinutes if self.approval.statement.is_some() => {
                    Some(ApprovalMode::Sign(String::new()))
                }
                Action::SignMinutes => {
                    return failure(
                        "Nothing to sign: these minutes are not approved yet".to_owned(),
                    );
                }
                _ => None,
            };
            if let Some(mode) = asked {
                self.mode = mode;
                return None;
            }
            if self.mode.is_typing() {
                let mode = std::mem::take(&mut self.mode);
                let (mode, status) = approval::update(mode, action, &env, agenda);
                self.mode = mode;
                if status.as_ref().is_some_and(|s| !s.is_error) {
                    self.reload(env.workspace, env.now);
                }
                return status;
            }
        }
        let page = page.max(1);
        let last = self.lines().len().saturating_sub(page);
        let widest = self
            .lines()
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(last),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll = (self.scroll + page).min(last),
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = last,
            Action::ScrollLeft => self.column = self.column.saturating_sub(COLUMN_STEP),
            Action::ScrollRight => {
                self.column = (self.column + COLUMN_STEP).min(widest.saturating_sub(COLUMN_STEP))
            }
            Action::NextMeeting => self.select_meeting(self.meeting + 1, env.workspace, env.now),
            Action::PreviousMeeting => {
                let count = env.workspace.agendas.len().max(1);
                self.select_meeting(self.meeting + count - 1, env.workspace, env.now);
            }
            Action::ExportMarkdown => return self.write(MinutesFormat::Markdown, env, false),
            Action::ExportHtml => return self.write(MinutesFormat::Html, env, false),
            Action::ExportJson => return self.write(MinutesFormat::Json, env, false),
            _ => {}
        }
        None
    }

    /// Writes the minutes in `format` (replacing an existing file only
    /// with `force`). An existing file without `force` leaves the format
    /// pending, for the app to ask "replace?".
    pub fn write(&mut self, format: MinutesFormat, env: Env, force: bool) -> Option<Status> {
        self.pending = None;
        let (Some(agenda), Some(path)) =
            (self.agenda(env.workspace), self.path(env.workspace, format))
        else {
            return failure("This workspace has no agendas".to_owned());
        };
        // Approved minutes are written as stored, as `plenary minutes` does.
        let (text, draft) = match approved_minutes(env.workspace, agenda, format) {
            Ok(Some(text)) => (text, false),
            Err(e) => return failure(format!("Not written: {e}")),
            Ok(None) => match build(env.workspace, agenda, env.now) {
                Ok(m) => (format.render(&m), m.draft),
                Err(e) => return failure(format!("Not written: {e}")),
            },
        };
        match write_atomic(&path, &text, force) {
            Ok(()) => {
                let draft = if draft { " (draft)" } else { "" };
                Some(Status {
                    text: format!("Wrote {}{draft}", path.display()),
                    is_error: false,
                })
            }
            Err(WriteError::Exists(_)) => {
                self.pending = Some(format);
                None
            }
            Err(e) => failure(format!("Not written: {e}")),
        }
    }
}

fn failure(text: String) -> Option<Status> {
    Some(Status {
        text,
        is_error: true,
    })
}
