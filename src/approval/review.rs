//! Checking a meeting's approval record and everything it pins, for
//! `plenary check` and `plenary verify`: the meeting's journal still ends
//! at the anchored line with the anchored hash (no truncation, rewound
//! head, appended line or rewrite), every stored file has its pinned
//! digest, and every signature file is there, unchanged, and verifies
//! over the statement with its pinned key. A key the charter lists for a
//! signer now that differs from the pinned one is a note (keys rotate; the
//! signature stands), at the charter's line.

use std::path::Path;

use crate::agenda::Agenda;
use crate::files::Diagnostic;
use crate::meeting::{Contents, Journal, StoredFile};
use crate::workspace::{CHARTER_FILE, Workspace};

use super::signature::{fingerprint, listed_key, verify};
use super::state::{ApprovalState, Signature};
use super::statement::first_difference;
use super::stored::{path, read, sha256};
use super::{Approval, ApprovalError, statement_of};

/// One signature as checked now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerCheck {
    /// The signature as pinned in the approval record.
    pub signature: Signature,
    /// Whether its file is there, unchanged, and verifies over the
    /// statement with the pinned key; else why not.
    pub verifies: Result<(), String>,
    /// The fingerprint of the key the charter lists for the signer now
    /// (none when it lists none).
    pub charter_now: Option<String>,
}

impl SignerCheck {
    /// Whether the charter still lists the pinned key for the signer.
    pub fn matches_now(&self) -> bool {
        self.charter_now.as_deref() == Some(self.signature.fingerprint.as_str())
    }
}

/// What checking one meeting's approval found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalReview {
    /// The approval record replayed (none when it cannot be read, or the
    /// meeting has none).
    pub state: Option<ApprovalState>,
    /// Failures: changes to the anchored journal, stored files or
    /// signatures, and a record that cannot be read.
    pub problems: Vec<Diagnostic>,
    /// Keys swapped in the charter after signing, each starting `note: `.
    pub notes: Vec<Diagnostic>,
    /// Every signature, checked.
    pub signers: Vec<SignerCheck>,
    /// The approval record as read, when it could be (for the note on
    /// lines beyond its head).
    pub contents: Option<Contents>,
}

fn at(path: &Path, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        line: line.max(1),
        column: 1,
        message,
        excerpt: None,
    }
}

fn line(seq: u64) -> usize {
    usize::try_from(seq).unwrap_or(usize::MAX)
}

/// Checks the approval record of `agenda`'s meeting, against the
/// meeting's journal as read and verified (`meeting`: its contents; none
/// when it could not be read, which is reported on its own).
pub fn review(
    workspace: &Workspace,
    agenda: &Agenda,
    meeting: Option<&Contents>,
) -> ApprovalReview {
    let approval = Approval::new(workspace, agenda);
    let record = approval.journal().path().to_owned();
    let mut review = ApprovalReview::default();
    let loaded = approval
        .journal()
        .read()
        .map_err(ApprovalError::from)
        .and_then(|contents| {
            let state = approval.replay(&contents.records)?;
            review.contents = Some(contents);
            Ok(state)
        });
    let state = match loaded {
        Ok(state) => state,
        Err(ApprovalError::Journal(e)) => {
            review
                .problems
                .push(at(e.path(), e.line().unwrap_or(1), e.detail()));
            return review;
        }
        Err(ApprovalError::Replay { seq, message, .. }) => {
            review.problems.push(at(&record, line(seq), message));
            return review;
        }
        Err(e) => {
            review.problems.push(at(&record, 1, e.to_string()));
            return review;
        }
    };
    if state.anchor.is_none() {
        return review;
    }
    let root = &workspace.root;
    let id = &agenda.meeting.id;
    if let Some(contents) = meeting {
        anchored(
            &Journal::for_meeting(root, id),
            &record,
            &state,
            contents,
            &mut review.problems,
        );
    }
    let mut files = Files {
        root,
        record: &record,
        problems: &mut review.problems,
    };
    for d in &state.drafts {
        files.check(&d.markdown, d.line, None);
        files.check(&d.json, d.line, None);
    }
    if let (Some(approved), Some(last)) = (&state.approved, state.last_draft()) {
        let draft_md = read(&path(root, &last.markdown.file)).ok().flatten();
        let draft_json = read(&path(root, &last.json.file)).ok().flatten();
        files.check(&approved.markdown, approved.line, draft_md.as_deref());
        files.check(&approved.json, approved.line, draft_json.as_deref());
        if let Some(text) = statement_of(id, &state) {
            if sha256(text.as_bytes()) != approved.statement.sha256 {
                files.problems.push(at(
                    &record,
                    line(approved.line),
                    "the statement's digest does not match the anchor and the approved files' digests: the approval record was rewritten".to_owned(),
                ));
            }
            files.check(&approved.statement, approved.line, Some(text.as_bytes()));
            for s in &state.signatures {
                let check = signer(workspace, &record, s, &text, &mut review);
                review.signers.push(check);
            }
        }
    }
    review.state = Some(state);
    review
}

/// The problems of a meeting journal that no longer ends where the
/// approval record anchors it.
fn anchored(
    journal: &Journal,
    record: &Path,
    state: &ApprovalState,
    contents: &Contents,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(anchor) = &state.anchor else {
        return;
    };
    let len = contents.records.len() as u64;
    let anchored = format!(
        "the approval record ({}:{}) anchors line {} with SHA-256 {}",
        record.display(),
        anchor.line,
        anchor.seq,
        anchor.sha256.get(..12).unwrap_or(&anchor.sha256)
    );
    let path = journal.path();
    if len < anchor.seq {
        if contents.torn.is_some() {
            problems.push(at(
                journal.head_path(),
                1,
                format!(
                    "the head names line {len}, but {anchored}: the head was rewound after the minutes were approved"
                ),
            ));
        } else {
            problems.push(at(
                path,
                line(len + 1),
                format!(
                    "the journal ends at line {len}, but {anchored}: it was truncated after the minutes were approved"
                ),
            ));
        }
        return;
    }
    let hash_of = |seq: u64| match usize::try_from(seq).ok() {
        Some(_) if seq == len => Some(contents.last_hash().to_owned()),
        Some(i) => contents.records.get(i).map(|r| r.prev.clone()),
        None => None,
    };
    if hash_of(anchor.seq).as_deref() != Some(anchor.sha256.as_str()) {
        problems.push(at(
            path,
            line(anchor.seq),
            format!(
                "this line is not the one {anchored}: the journal was rewritten after the minutes were approved"
            ),
        ));
    }
    if len > anchor.seq {
        problems.push(at(
            path,
            line(anchor.seq + 1),
            format!(
                "lines {}-{len} were appended after the closing line that {anchored}",
                anchor.seq + 1
            ),
        ));
    } else if let Some(torn) = &contents.torn {
        problems.push(at(
            path,
            torn.line,
            format!("lines were appended after the closing line that {anchored}"),
        ));
    }
}

struct Files<'a> {
    root: &'a Path,
    record: &'a Path,
    problems: &'a mut Vec<Diagnostic>,
}

impl Files<'_> {
    /// A stored file missing or changed; `expected`, when known, its
    /// right bytes, to name the first changed line.
    fn check(&mut self, stored: &StoredFile, seq: u64, expected: Option<&[u8]>) {
        let file = path(self.root, &stored.file);
        match read(&file) {
            Ok(Some(bytes)) if sha256(&bytes) == stored.sha256 => {}
            Ok(Some(bytes)) => {
                let first = expected
                    .filter(|e| sha256(e) == stored.sha256)
                    .and_then(|e| first_difference(e, &bytes))
                    .unwrap_or(1);
                self.problems.push(at(
                    &file,
                    first,
                    format!(
                        "changed after it was stored: its SHA-256 is {}, the approval record ({}:{seq}) pins {}",
                        short(&sha256(&bytes)),
                        self.record.display(),
                        short(&stored.sha256)
                    ),
                ));
            }
            Ok(None) => self.problems.push(at(
                self.record,
                line(seq),
                format!(
                    "{} is missing: this line of the approval record stores it",
                    file.display()
                ),
            )),
            Err(e) => self.problems.push(at(&file, 1, e.to_string())),
        }
    }
}

fn short(hex: &str) -> &str {
    hex.get(..12).unwrap_or(hex)
}

/// One signature checked: its file, its verification with the pinned key,
/// and the key the charter lists now.
fn signer(
    workspace: &Workspace,
    record: &Path,
    s: &Signature,
    statement: &str,
    review: &mut ApprovalReview,
) -> SignerCheck {
    let file = path(&workspace.root, &s.signature.file);
    let read = read(&file);
    // A missing file is reported where the record lists it; any other
    // problem at the file itself.
    let (at_path, at_line) = match read {
        Ok(None) => (record.to_owned(), line(s.line)),
        _ => (file.clone(), 1),
    };
    let verifies = match read {
        Ok(None) => Err(format!(
            "the signature file {} listed here is missing",
            file.display()
        )),
        Err(e) => Err(e.to_string()),
        Ok(Some(bytes)) => check_signature(&bytes, s, statement),
    };
    if let Err(message) = &verifies {
        review.problems.push(at(
            &at_path,
            at_line,
            format!("signature of {} ({}): {message}", s.person, s.member),
        ));
    }
    let delegate = workspace
        .charter
        .member(&s.member)
        .and_then(|m| m.delegates.iter().find(|d| d.name == s.person));
    let charter_now = delegate.and_then(listed_key).map(|k| fingerprint(&k));
    let check = SignerCheck {
        signature: s.clone(),
        verifies,
        charter_now,
    };
    if !check.matches_now() {
        let charter = workspace.root.join(CHARTER_FILE);
        let wanted = delegate
            .and_then(|d| d.ssh_key.as_deref())
            .map(|k| k.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| format!("\"{}\"", s.person));
        let now = check
            .charter_now
            .as_deref()
            .map_or_else(|| "no key".to_owned(), |f| format!("the key {f}"));
        review.notes.push(at(
            &charter,
            charter_line(&charter, &wanted),
            format!(
                "note: the charter now lists {now} for {} ({}), not the key {} pinned when they signed ({}:{}); the signature still verifies with the pinned key",
                s.person,
                s.member,
                s.fingerprint,
                record.display(),
                s.line
            ),
        ));
    }
    check
}

/// Whether a signature file's bytes verify over the statement with the
/// pinned key and are the bytes pinned.
fn check_signature(bytes: &[u8], s: &Signature, statement: &str) -> Result<(), String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "the signature file is not text".to_owned())?;
    let verified = verify(text, statement.as_bytes()).map_err(|e| e.to_string())?;
    if verified.openssh != s.public_key {
        return Err(format!(
            "made with the key {}, not the key {} pinned for {} when they signed",
            verified.fingerprint, s.fingerprint, s.person
        ));
    }
    if sha256(bytes) != s.signature.sha256 {
        return Err(
            "changed after it was added (it still verifies, but these are not the bytes pinned)"
                .to_owned(),
        );
    }
    Ok(())
}

/// The first line of the charter that holds `text`, else 1.
fn charter_line(charter: &Path, text: &str) -> usize {
    read(charter)
        .ok()
        .flatten()
        .and_then(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .position(|l| l.contains(text))
        })
        .map_or(1, |i| i + 1)
}
