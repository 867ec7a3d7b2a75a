//! `plenary check` for journals: every journal of a workspace verified and
//! replayed, every problem a diagnostic with its line.

use std::path::{Path, PathBuf};

use super::{Meeting, MeetingError};
use crate::files::Diagnostic;
use crate::workspace::Workspace;

/// Problems in the workspace's journals: tampering (edited, removed or
/// moved lines), events that do not fit the agenda, a torn last line, and
/// journals without an agenda.
pub fn check_journals(workspace: &Workspace) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for agenda in &workspace.agendas {
        let meeting = match Meeting::new(workspace, agenda) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Diagnostic::whole_file(&workspace.root, e.to_string()));
                continue;
            }
        };
        let path = meeting.journal().path().to_owned();
        match meeting.load() {
            Ok((_, contents)) => {
                if let Some(torn) = contents.torn {
                    problems.push(at_line(
                        &path,
                        torn.line,
                        format!(
                            "line {} is incomplete ({} bytes): plenary stopped while writing it, so it was never acknowledged; the {} events before it are intact, and the next recorded event sets the fragment aside in {}",
                            torn.line,
                            torn.bytes,
                            contents.records.len(),
                            path.with_extension("torn").display()
                        ),
                    ));
                }
            }
            Err(MeetingError::Journal(e)) => {
                let line = e.line().unwrap_or(1);
                let message = e.to_string();
                // The error names the path itself; keep only what follows it.
                let message = message
                    .strip_prefix(&format!("{}:{line}: ", path.display()))
                    .or_else(|| message.strip_prefix(&format!("{}: ", path.display())))
                    .unwrap_or(&message)
                    .to_owned();
                problems.push(at_line(&path, line, message));
            }
            Err(MeetingError::Replay { seq, error, .. }) => {
                problems.push(at_line(
                    &path,
                    usize::try_from(seq).unwrap_or(usize::MAX),
                    format!("this event does not fit the agenda and charter: {error}"),
                ));
            }
            Err(e) => problems.push(Diagnostic::whole_file(&path, e.to_string())),
        }
    }
    if let Err(e) = crate::actions::Register::load(workspace) {
        // Meeting journals were reported above; this adds the register's own.
        if !matches!(e, crate::actions::RegisterError::Meeting(_)) {
            let path = super::Journal::register(&workspace.root).path().to_owned();
            let line = match &e {
                crate::actions::RegisterError::Journal(j) => j.line().unwrap_or(1),
                crate::actions::RegisterError::Replay { seq, .. } => {
                    usize::try_from(*seq).unwrap_or(1)
                }
                _ => 1,
            };
            problems.push(at_line(&path, line, e.to_string()));
        }
    }
    for orphan in orphan_journals(workspace) {
        problems.push(Diagnostic::whole_file(
            &orphan,
            "this journal has no agenda: its meeting's <meeting-id>.toml is missing",
        ));
    }
    problems
}

fn at_line(path: &Path, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line,
        column: 1,
        message,
        excerpt: None,
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
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_none_or(|stem| stem != super::REGISTER && workspace.agenda(stem).is_none())
        })
        .collect();
    orphans.sort();
    orphans
}
