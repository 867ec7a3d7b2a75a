//! A workspace: one folder holding an alliance's charter and agendas
//! (SPEC 1), loaded and validated as a whole.

use std::path::{Path, PathBuf};

use crate::agenda::{Agenda, load_agenda};
use crate::charter::{Charter, load_charter};
use crate::files::{Diagnostic, SourceFile, did_you_mean, read_source, sort};

/// The name of the charter file in every workspace.
pub const CHARTER_FILE: &str = "charter.toml";

/// A valid workspace: its charter and every agenda.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder.
    pub root: PathBuf,
    /// The alliance's charter.
    pub charter: Charter,
    /// Every agenda, ordered by meeting id.
    pub agendas: Vec<Agenda>,
    /// SHA-256 (hex) of the charter's text and of each agenda's, by meeting
    /// id: what a meeting's frozen terms name as their source.
    pub digests: Digests,
}

/// The SHA-256 of each file the workspace was loaded from.
#[derive(Debug, Clone, Default)]
pub struct Digests {
    /// Of `charter.toml`.
    pub charter: String,
    /// Of each agenda, by meeting id.
    pub agendas: std::collections::BTreeMap<String, String>,
}

/// Why a workspace could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The folder has no charter, so it is not a workspace.
    #[error(
        "{path}: not a plenary workspace (no {CHARTER_FILE} in this folder); `plenary init {path}` makes one",
        path = .0.display()
    )]
    NoCharter(PathBuf),
    /// The folder itself could not be listed.
    #[error("{}: cannot read the folder: {source}", path.display())]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Files were read but have problems; all of them, sorted.
    #[error("{} problem{} found", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Diagnostic>),
}

impl Workspace {
    /// Loads and validates every file of the workspace at `root`.
    pub fn load(root: &Path) -> Result<Self, WorkspaceError> {
        let charter_path = root.join(CHARTER_FILE);
        // Whatever is there is read (and refused, if it is a link or a
        // special file); only nothing at all means "not a workspace".
        if charter_path.symlink_metadata().is_err() {
            return Err(WorkspaceError::NoCharter(root.to_owned()));
        }
        let mut diagnostics = Vec::new();
        let mut digests = Digests::default();
        let mut charter_file = None;
        let charter_load = match read_source(&charter_path) {
            Ok(file) => {
                digests.charter = crate::meeting::hash_line(file.text.as_bytes());
                let load = load_charter(&file);
                charter_file = Some(file);
                load
            }
            Err(d) => {
                diagnostics.push(d);
                crate::charter::CharterLoad {
                    charter: None,
                    references: Default::default(),
                    diagnostics: Vec::new(),
                }
            }
        };
        diagnostics.extend(charter_load.diagnostics);
        let mut agendas = Vec::new();
        let paths = agenda_paths(root)?;
        // A meeting id is its agenda's file stem, so a `set_by` naming an
        // agenda that exists but does not read is not reported as unknown.
        let stems: Vec<String> = paths
            .iter()
            .filter_map(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        for path in paths {
            match read_source(&path) {
                Ok(file) => {
                    let (agenda, problems) = load_agenda(&file, &charter_load.references);
                    diagnostics.extend(problems);
                    if let Some(agenda) = &agenda {
                        digests.agendas.insert(
                            agenda.meeting.id.clone(),
                            crate::meeting::hash_line(file.text.as_bytes()),
                        );
                    }
                    agendas.extend(agenda);
                }
                Err(d) => diagnostics.push(d),
            }
        }
        if let (Some(charter), Some(file)) = (&charter_load.charter, &charter_file) {
            diagnostics.extend(unknown_set_by(charter, &agendas, &stems, file));
        }
        match charter_load.charter {
            Some(charter) if diagnostics.is_empty() => Ok(Self {
                root: root.to_owned(),
                charter,
                agendas,
                digests,
            }),
            _ => {
                sort(&mut diagnostics);
                Err(WorkspaceError::Invalid(diagnostics))
            }
        }
    }

    /// The agenda of the meeting with this id.
    pub fn agenda(&self, meeting: &str) -> Option<&Agenda> {
        self.agendas.iter().find(|a| a.meeting.id == meeting)
    }
}

/// Every report's `set_by` that names a meeting without an agenda file here
/// (`stems`), or an item its agenda does not have, with the closest id
/// suggested. An agenda that did not read has its own problems reported.
fn unknown_set_by(
    charter: &Charter,
    agendas: &[Agenda],
    stems: &[String],
    file: &SourceFile,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let reports = charter.programmes.iter().flat_map(|p| &p.reports);
    for set_by in reports.filter_map(|r| r.set_by.as_ref()) {
        let span = set_by.span.clone();
        match agendas.iter().find(|a| a.meeting.id == set_by.meeting) {
            None if stems.contains(&set_by.meeting) => {}
            None => {
                let hint = did_you_mean(
                    &set_by.meeting,
                    agendas.iter().map(|a| a.meeting.id.as_str()),
                );
                problems.push(file.error(
                    span,
                    format!(
                        "`set_by` names meeting `{}`, which has no agenda in this workspace{hint}",
                        set_by.meeting
                    ),
                ));
            }
            Some(agenda) if !agenda.items.iter().any(|i| i.id == set_by.item) => {
                let hint = did_you_mean(&set_by.item, agenda.items.iter().map(|i| i.id.as_str()));
                problems.push(file.error(
                    span,
                    format!(
                        "`set_by` names item `{}`, which the agenda of `{}` does not have{hint}",
                        set_by.item, set_by.meeting
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    problems
}

/// Every `*.toml` directly in `root` other than the charter (and not a
/// folder), by name.
fn agenda_paths(root: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    let unreadable = |source| WorkspaceError::Unreadable {
        path: root.to_owned(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(root).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        // A link or special file named `*.toml` is kept, so that reading it
        // reports it instead of skipping it silently.
        let is_agenda = path.extension().is_some_and(|e| e == "toml")
            && path.file_name().is_some_and(|n| n != CHARTER_FILE)
            && entry.file_type().is_ok_and(|t| !t.is_dir());
        if is_agenda {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}
