//! `plenary check` for journals: every journal of a workspace verified and
//! replayed, every problem a diagnostic at its line and column; lines
//! beyond a head, and what a crash left behind, are notes.
//!
//! It reviews the meetings' journals and the action register's together,
//! so it sits above both `meeting` and `actions` (which builds on
//! `meeting`); neither of them knows about it.

use std::path::{Path, PathBuf};

use crate::actions::{Register, RegisterError};
use crate::approval;
use crate::files::regular::not_regular;
use crate::files::{Diagnostic, TEMP_PREFIX, TEMP_SUFFIX};
use chrono::{DateTime, Utc};

use crate::agenda::Agenda;
use crate::meeting::{
    Contents, Journal, JournalError, Meeting, MeetingError, REGISTER, Record, check_drift,
};
use crate::workspace::Workspace;

/// What `check` found in a workspace's journals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalReview {
    /// Problems: tampering (edited, removed or moved lines), events that do
    /// not fit the agenda, journals without an agenda, links and special
    /// files in `records/`. Any of them fails the check.
    pub problems: Vec<Diagnostic>,
    /// Not failures: lines beyond a head (never acknowledged, never
    /// counted) and temporary files left by a crash. Each message starts
    /// with `note: `.
    pub notes: Vec<Diagnostic>,
}

/// The problems in the workspace's journals (see [`review_journals`]).
pub fn check_journals(workspace: &Workspace) -> Vec<Diagnostic> {
    review_journals(workspace).problems
}

/// Every journal of the workspace verified and replayed: its problems and
/// its notes.
pub fn review_journals(workspace: &Workspace) -> JournalReview {
    review_workspace(workspace).0
}

/// What `plenary check` says of the records, reading each journal once:
/// the journals' review, and the notes on meetings whose files changed
/// since their terms were frozen ([`crate::meeting::check_drift`]).
pub fn review_workspace(workspace: &Workspace) -> (JournalReview, Vec<Diagnostic>) {
    let mut review = JournalReview::default();
    let mut read = Vec::new();
    let mut all_read = true;
    let mut approval_notes = Vec::new();
    for agenda in &workspace.agendas {
        let meeting = match Meeting::new(workspace, agenda) {
            Ok(m) => m,
            Err(e) => {
                all_read = false;
                review
                    .problems
                    .push(Diagnostic::whole_file(&workspace.root, e.to_string()));
                continue;
            }
        };
        let journal = meeting.journal();
        match meeting.load() {
            Ok((state, contents)) => {
                let approval = approval::review(workspace, agenda, Some(&contents));
                // A signed meeting's lines beyond its head are not a crash's
                // leftovers: the approval review reports them as changes.
                if approval.state.is_none() {
                    review.notes.extend(uncommitted(journal, &contents));
                }
                if let Some(record) = &approval.contents {
                    let journal = Journal::for_meeting(
                        &workspace.root,
                        &approval::record_stem(&agenda.meeting.id),
                    );
                    review.notes.extend(uncommitted(&journal, record));
                }
                review.problems.extend(approval.problems);
                approval_notes.extend(approval.notes);
                read.push((agenda, state, contents.records));
            }
            Err(e) => {
                all_read = false;
                review.problems.push(meeting_problem(journal, e));
                review
                    .problems
                    .extend(approval::review(workspace, agenda, None).problems);
            }
        }
    }
    let meetings = all_read.then(|| read.iter().map(|(a, _, r)| (*a, r.as_slice())));
    review_register(workspace, meetings, &mut review);
    for orphan in orphan_journals(workspace) {
        review.problems.push(Diagnostic::whole_file(
            &orphan,
            "this journal has no agenda: its meeting's <meeting-id>.toml is missing",
        ));
    }
    review_files(&workspace.root.join("records"), &mut review);
    // A link found by the scan is also what its journal's read refused.
    review.problems.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
    review.problems.dedup();
    let mut drift = check_drift(workspace, read.iter().map(|(a, s, _)| (*a, s)));
    drift.extend(approval_notes);
    (review, drift)
}

fn meeting_problem(journal: &Journal, e: MeetingError) -> Diagnostic {
    match e {
        MeetingError::Journal(e) => journal_problem(&e),
        MeetingError::Replay { seq, error, .. } => at(
            journal.path(),
            usize::try_from(seq).unwrap_or(usize::MAX),
            1,
            format!("this event does not fit the agenda and charter: {error}"),
        ),
        e => Diagnostic::whole_file(journal.path(), e.to_string()),
    }
}

/// The register's own journal verified, and replayed over the items the
/// meetings created (`meetings`: each agenda's records, when every
/// meeting's journal could be read; a broken one is reported above, and
/// the register's changes cannot be judged without it).
fn review_register<'r>(
    workspace: &Workspace,
    meetings: Option<impl Iterator<Item = (&'r Agenda, &'r [Record])>>,
    review: &mut JournalReview,
) {
    let journal = Journal::register(&workspace.root);
    let contents = match journal.read() {
        Ok(contents) => contents,
        Err(e) => return review.problems.push(journal_problem(&e)),
    };
    let Some(meetings) = meetings else {
        return;
    };
    let register = Register::created(workspace, meetings, DateTime::<Utc>::MAX_UTC)
        .with_changes(workspace, &contents.records);
    match register {
        Ok(_) => review.notes.extend(uncommitted(&journal, &contents)),
        Err(RegisterError::Replay { seq, message, .. }) => review.problems.push(at(
            journal.path(),
            usize::try_from(seq).unwrap_or(usize::MAX),
            1,
            format!("this action update does not fit the workspace: {message}"),
        )),
        Err(e) => review
            .problems
            .push(at(journal.path(), 1, 1, e.to_string())),
    }
}

fn journal_problem(e: &JournalError) -> Diagnostic {
    at(e.path(), e.line().unwrap_or(1), e.column(), e.detail())
}

/// The note for lines beyond the head, if there are any.
fn uncommitted(journal: &Journal, contents: &Contents) -> Option<Diagnostic> {
    let torn = contents.torn.as_ref()?;
    let lines = if torn.lines == 1 {
        format!("line {} ({} bytes) lies", torn.line, torn.bytes)
    } else {
        format!(
            "lines {}-{} ({} lines, {} bytes) lie",
            torn.line,
            torn.line + torn.lines - 1,
            torn.lines,
            torn.bytes
        )
    };
    Some(at(
        journal.path(),
        torn.line,
        1,
        format!(
            "note: {lines} beyond the commit point ({} names line {}): never acknowledged, not counted; plenary was stopped while recording them, or they were added by hand. The next recorded event moves them to {}",
            journal.head_path().display(),
            contents.records.len(),
            journal.torn_path().display()
        ),
    ))
}

fn at(path: &Path, line: usize, column: usize, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line,
        column,
        message,
        excerpt: None,
    }
}

/// Links and special files in `records/` are problems (plenary never
/// follows or writes them); temporary files a crash left are notes.
fn review_files(records: &Path, review: &mut JournalReview) {
    match records.symlink_metadata() {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => {
            review.problems.push(Diagnostic::whole_file(
                records,
                not_regular(meta.file_type()).to_string(),
            ));
            return;
        }
        Err(_) => return,
    }
    let Ok(entries) = std::fs::read_dir(records) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !kind.is_file() && !kind.is_dir() {
            review
                .problems
                .push(Diagnostic::whole_file(&path, not_regular(kind).to_string()));
        } else if kind.is_file() && name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            review.notes.push(Diagnostic::whole_file(
                &path,
                "note: a temporary file left by a crash; the next recorded event removes it",
            ));
        }
    }
}

fn orphan_journals(workspace: &Workspace) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(workspace.root.join("records")) else {
        return Vec::new();
    };
    let mut orphans: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter(|p| {
            p.file_stem().and_then(|s| s.to_str()).is_none_or(|stem| {
                let meeting = approval::meeting_of_record(stem).unwrap_or(stem);
                stem != REGISTER && workspace.agenda(meeting).is_none()
            })
        })
        .collect();
    orphans.sort();
    orphans
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::example_copy as workspace;

    #[test]
    fn a_workspace_without_records_reviews_clean() {
        let (_dir, ws) = workspace();
        assert_eq!(review_journals(&ws), JournalReview::default());
    }

    #[test]
    fn an_approval_record_belongs_to_its_meeting_and_is_no_orphan() {
        let (_dir, ws) = workspace();
        let records = ws.root.join("records");
        std::fs::create_dir(&records).unwrap();
        std::fs::write(records.join("2027-03-steering.approval.jsonl"), "").unwrap();
        std::fs::write(records.join("2030-01-steering.approval.jsonl"), "").unwrap();
        let review = review_journals(&ws);
        assert_eq!(review.problems.len(), 1, "{:?}", review.problems);
        assert!(
            review.problems[0]
                .path
                .ends_with("2030-01-steering.approval.jsonl")
        );
        assert!(review.problems[0].message.contains("has no agenda"));
    }

    #[test]
    fn a_journal_without_an_agenda_and_a_crash_leftover_are_reported() {
        let (_dir, ws) = workspace();
        let records = ws.root.join("records");
        std::fs::create_dir(&records).unwrap();
        std::fs::write(records.join("2030-01-steering.jsonl"), "").unwrap();
        let temp = format!("{TEMP_PREFIX}x{TEMP_SUFFIX}");
        std::fs::write(records.join(&temp), "").unwrap();
        let review = review_journals(&ws);
        assert_eq!(review.problems.len(), 1, "{:?}", review.problems);
        assert!(review.problems[0].message.contains("has no agenda"));
        assert_eq!(check_journals(&ws), review.problems);
        assert_eq!(review.notes.len(), 1, "{:?}", review.notes);
        assert!(
            review.notes[0]
                .message
                .starts_with("note: a temporary file")
        );
    }
}
