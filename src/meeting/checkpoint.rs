//! A meeting's checkpoint, `.plenary/<meeting-id>.checkpoint`: the state
//! replayed from its journal, with the journal's [`Tip`] it was replayed
//! at, so that an append need not read, verify and replay every line
//! before it (docs/recording.md, "Checkpoints").
//!
//! It is a cache, never the record: the first line is a header naming the
//! tip and the SHA-256 of the rest, the rest is the state as JSON. It is
//! used only while the journal's head, length and file identity are all
//! the tip's and the state's digest holds; anything else (no checkpoint, a
//! torn or edited one, a journal appended to, cut or rewritten by anyone
//! but plenary, a `git checkout`) sends the append back to reading the
//! whole journal, which writes a new checkpoint. `plenary check` and every
//! process that opens the workspace (the terminal, `plenary serve`) still
//! verify each journal in full, and never read a checkpoint.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::journal::{Append, MAX_JOURNAL_BYTES, Tip, hash_line};
use super::state::MeetingState;
use crate::files::regular::read_regular;
use crate::files::{private_folder, replace_cache};

/// The version of the layout below; another one is not read.
const FORMAT: u32 = 1;

/// The checkpoint's first line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    checkpoint: u32,
    meeting: String,
    tip: Tip,
    state_sha256: String,
}

/// Where the checkpoint of `meeting` lives.
pub fn path(root: &Path, meeting: &str) -> PathBuf {
    root.join(".plenary").join(format!("{meeting}.checkpoint"))
}

/// The state the checkpoint of `meeting` holds, when it is whole and the
/// journal under `append` is still exactly as it was when the state was
/// replayed (then `append` goes on from it without reading the journal).
pub(super) fn load(root: &Path, meeting: &str, append: &mut Append) -> Option<MeetingState> {
    // The folder itself must not be a link (the file is opened without
    // following one).
    let folder = root.join(".plenary");
    if !folder.symlink_metadata().is_ok_and(|m| m.is_dir()) {
        return None;
    }
    let bytes = read_regular(&path(root, meeting), 2 * MAX_JOURNAL_BYTES).ok()??;
    let end = bytes.iter().position(|b| *b == b'\n')?;
    let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
    let body = &bytes[end + 1..];
    let fits = header.checkpoint == FORMAT
        && header.meeting == meeting
        && append.fits(&header.tip)
        && hash_line(body) == header.state_sha256;
    if !fits {
        return None;
    }
    let state: MeetingState = serde_json::from_slice(body).ok()?;
    // Only a meeting with frozen terms is judged by its journal alone.
    state.frozen()?;
    append.trust(&header.tip).then_some(state)
}

/// Writes the checkpoint of `meeting`: `state`, replayed up to `tip`. Only
/// for a meeting with frozen terms (before them, or in a journal written
/// before terms were frozen, the state depends on the files as they are
/// now). Not synced: a checkpoint lost in a crash costs one full read.
pub(super) fn save(
    root: &Path,
    meeting: &str,
    tip: &Tip,
    state: &MeetingState,
) -> Result<(), String> {
    if state.frozen().is_none() {
        return Ok(());
    }
    private_folder(root).map_err(|e| format!("{}: {e}", root.join(".plenary").display()))?;
    let body = serde_json::to_vec(state).map_err(|e| e.to_string())?;
    let header = Header {
        checkpoint: FORMAT,
        meeting: meeting.to_owned(),
        tip: tip.clone(),
        state_sha256: hash_line(&body),
    };
    let mut bytes = serde_json::to_vec(&header).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    bytes.extend_from_slice(&body);
    replace_cache(&path(root, meeting), &bytes).map_err(|e| e.to_string())
}
