//! The checkpoint an append goes on from (issue 13): used exactly while it
//! fits the journal, and whatever happens to the files in between, a
//! recording returns (and leaves behind) the state a full replay gives.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::meeting::checkpoint;

fn checkpoint_of(root: &Path) -> PathBuf {
    checkpoint::path(root, STEERING)
}

/// The state a checkpoint file holds (its second part).
fn saved_state(root: &Path) -> MeetingState {
    let bytes = std::fs::read(checkpoint_of(root)).expect("a checkpoint");
    let end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .expect("a header line");
    serde_json::from_slice(&bytes[end + 1..]).expect("a state")
}

/// Rewrites the checkpoint's state with `change` applied, with a digest
/// that fits: a checkpoint forged by someone who knows the format.
fn forge(root: &Path, change: impl FnOnce(&mut MeetingState)) {
    let path = checkpoint_of(root);
    let bytes = std::fs::read(&path).unwrap();
    let end = bytes.iter().position(|b| *b == b'\n').unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&bytes[..end]).unwrap();
    let mut state: MeetingState = serde_json::from_slice(&bytes[end + 1..]).unwrap();
    change(&mut state);
    let body = serde_json::to_vec(&state).unwrap();
    header["state_sha256"] = hash_line(&body).into();
    let mut out = serde_json::to_vec(&header).unwrap();
    out.push(b'\n');
    out.extend_from_slice(&body);
    std::fs::write(&path, out).unwrap();
}

#[test]
fn a_recording_leaves_the_replayed_state_behind_out_of_git() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    let (_, after) = meeting.record("s", now(), roll()).unwrap();
    let (loaded, _) = meeting.load().unwrap();
    assert_eq!(after, loaded);
    assert_eq!(saved_state(dir.path()), loaded);
    let ignore = std::fs::read_to_string(dir.path().join(".plenary/.gitignore")).unwrap();
    assert_eq!(ignore, "*\n");
}

#[test]
fn a_fitting_checkpoint_is_gone_on_from_without_reading_the_journal() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    // A state no replay gives, with a digest that fits: the append trusts
    // it, which shows it did not replay the journal...
    forge(dir.path(), |s| {
        s.notes.push("only in the checkpoint".into())
    });
    let (_, after) = meeting
        .record("s", now(), vec![note(None, "recorded")])
        .unwrap();
    assert_eq!(after.notes, ["only in the checkpoint", "recorded"]);
    // ...while readers go by the journal alone.
    let (loaded, _) = meeting.load().unwrap();
    assert_eq!(loaded.notes, ["recorded"]);
}

#[test]
fn a_state_known_at_the_tip_is_gone_on_from_and_only_there() {
    let (_dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    let actor = Actor::secretariat("s");
    let first = meeting
        .record_from(&actor, now(), None, |_| Ok::<_, MeetingError>(roll()))
        .unwrap();
    let tip = first.tip.expect("written");
    let mut known = first.state.clone();
    known.notes.push("only in memory".into());
    let second = meeting
        .record_from(&actor, now(), Some((&tip, &known)), |_| {
            Ok::<_, MeetingError>(vec![note(None, "n")])
        })
        .unwrap();
    assert_eq!(second.state.notes, ["only in memory", "n"]);
    // At the old tip the journal has moved on: the known state is not used
    // (the checkpoint the second recording left is).
    let third = meeting
        .record_from(&actor, now(), Some((&tip, &known)), |_| {
            Ok::<_, MeetingError>(vec![note(None, "m")])
        })
        .unwrap();
    assert_eq!(third.state.notes, ["only in memory", "n", "m"]);
}

/// A way to spoil a checkpoint's bytes.
type Spoil = Box<dyn Fn(&mut Vec<u8>)>;

#[test]
fn a_checkpoint_that_does_not_fit_is_not_used() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    let path = checkpoint_of(dir.path());
    let replace = |from: &str, to: &str| -> Spoil {
        let (from, to) = (from.to_owned(), to.to_owned());
        Box::new(move |b| {
            let text = String::from_utf8(b.clone()).unwrap();
            assert!(text.contains(&from));
            *b = text.replacen(&from, &to, 1).into_bytes();
        })
    };
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "a state that is not the digest's",
            replace("\"eth\":", "\"uth\":"),
        ),
        (
            "another meeting's",
            replace(STEERING, "2027-06-general-assembly"),
        ),
        (
            "another format",
            replace("\"checkpoint\":1", "\"checkpoint\":2"),
        ),
        ("another line", replace("\"seq\":", "\"seq\":1")),
        ("cut short", Box::new(|b| b.truncate(b.len() / 2))),
        ("empty", Box::new(Vec::clear)),
    ];
    for (what, spoil) in cases {
        // A note only the checkpoint has: were it used, the note would show.
        forge(dir.path(), |s| {
            s.notes.push("only in the checkpoint".into())
        });
        let mut bytes = std::fs::read(&path).unwrap();
        spoil(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        let (_, after) = meeting.record("s", now(), vec![note(None, what)]).unwrap();
        let (loaded, _) = meeting.load().unwrap();
        assert_eq!(after, loaded, "{what}: the state replayed from the journal");
        assert_eq!(saved_state(dir.path()), loaded, "{what}: a new checkpoint");
    }
}

#[test]
fn an_edit_in_place_of_the_same_length_sends_the_append_back_to_the_chain() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    meeting
        .record("s", now(), vec![note(None, "Point one")])
        .unwrap();
    let journal = meeting.journal().path().to_owned();
    let tip = std::fs::metadata(&journal).unwrap();
    let mut bytes = std::fs::read(&journal).unwrap();
    let at = bytes.windows(9).position(|w| w == b"Point one").unwrap();
    bytes[at..at + 9].copy_from_slice(b"Point two");
    // Written in place (same inode, same length); again until the file's
    // change time has moved on from plenary's own write, which a clock
    // tick of a few milliseconds may hide.
    for _ in 0..200 {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&journal)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
            .unwrap();
        let now_meta = std::fs::metadata(&journal).unwrap();
        use std::os::unix::fs::MetadataExt;
        if (now_meta.ctime(), now_meta.ctime_nsec()) != (tip.ctime(), tip.ctime_nsec()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(checkpoint_of(dir.path()).exists());
    let error = meeting
        .record("s", now(), vec![note(None, "after the edit")])
        .unwrap_err();
    assert!(
        error.to_string().contains("was changed") || error.to_string().contains("hash"),
        "{error}"
    );
}

#[test]
fn a_linked_private_folder_is_neither_written_nor_read() {
    let (dir, ws) = temp_workspace();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".plenary")).unwrap();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    meeting.record("s", now(), vec![note(None, "n")]).unwrap();
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    let (loaded, _) = meeting.load().unwrap();
    assert_eq!(loaded.notes, ["n"]);
}

/// What can happen to the files between two recordings.
#[derive(Debug, Clone)]
enum Step {
    /// Record the next `n` events of the whole meeting.
    Record(usize),
    /// The journal and head as they were `k` recordings ago (a `git
    /// checkout`, a backup restored): the meeting goes on from there.
    Restore(usize),
    /// Lines appended behind plenary's back.
    Append,
    /// The checkpoint removed.
    Delete,
    /// The checkpoint's state changed without fixing its digest.
    Spoil,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1usize..6).prop_map(Step::Record),
        1 => (1usize..4).prop_map(Step::Restore),
        1 => Just(Step::Append),
        1 => Just(Step::Delete),
        1 => Just(Step::Spoil),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever happens to the files, each recording returns the state a
    /// full replay of the journal gives, and leaves that state behind.
    #[test]
    fn every_recording_ends_where_a_full_replay_does(steps in prop::collection::vec(step(), 1..14)) {
        let (dir, ws) = temp_workspace();
        let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
        let events = whole_meeting();
        let journal = meeting.journal().path().to_owned();
        let head = meeting.journal().head_path().to_owned();
        // After each recording: how far into the meeting, and the files.
        let mut saved: Vec<(usize, Vec<u8>, Vec<u8>)> = Vec::new();
        let mut next = 0;
        for step in steps {
            match step {
                Step::Record(n) if next < events.len() => {
                    let batch = events[next..(next + n).min(events.len())].to_vec();
                    next += batch.len();
                    let (_, after) = meeting.record("s", now(), batch).unwrap();
                    let (loaded, contents) = meeting.load().unwrap();
                    prop_assert_eq!(&after, &loaded);
                    prop_assert_eq!(saved_state(dir.path()), loaded);
                    prop_assert_eq!(contents.torn, None);
                    saved.push((next, std::fs::read(&journal).unwrap(), std::fs::read(&head).unwrap()));
                }
                Step::Record(_) => {}
                Step::Restore(k) if saved.len() > k => {
                    let (at, bytes, line) = saved[saved.len() - 1 - k].clone();
                    std::fs::write(&journal, bytes).unwrap();
                    std::fs::write(&head, line).unwrap();
                    saved.truncate(saved.len() - k);
                    next = at;
                }
                Step::Restore(_) => {}
                Step::Append if journal.exists() => {
                    let mut f = std::fs::OpenOptions::new().append(true).open(&journal).unwrap();
                    std::io::Write::write_all(&mut f, b"{\"seq\":999}\n").unwrap();
                }
                Step::Append => {}
                Step::Delete => {
                    let _ = std::fs::remove_file(checkpoint_of(dir.path()));
                }
                Step::Spoil => {
                    let path = checkpoint_of(dir.path());
                    if let Ok(mut bytes) = std::fs::read(&path)
                        && let Some(at) = bytes.windows(6).position(|w| w == b"\"eth\":")
                    {
                        bytes[at + 1] = b'u';
                        std::fs::write(&path, bytes).unwrap();
                    }
                }
            }
        }
    }
}

#[test]
fn lines_added_behind_plenarys_back_are_set_aside_as_without_a_checkpoint() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    let journal = meeting.journal().path().to_owned();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"seq\":999}\n").unwrap();
    assert!(checkpoint_of(dir.path()).exists());
    let (_, after) = meeting.record("s", now(), vec![note(None, "n")]).unwrap();
    let (loaded, contents) = meeting.load().unwrap();
    assert_eq!(after, loaded);
    assert_eq!(contents.torn, None);
    let torn = std::fs::read_to_string(meeting.journal().torn_path()).unwrap();
    assert!(torn.contains("{\"seq\":999}"), "{torn}");
}

#[test]
fn every_kind_of_entry_is_kept_as_recorded() {
    let (dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    let text =
        "tab\there, \"quoted\"\nnew line, \u{00fc}n\u{00ef}c\u{00f8}d\u{00e9}  double  spaces ";
    let events = whole_meeting();
    // Up to just before the ranking closes: its ballots are still entries.
    let until = events
        .iter()
        .position(|e| matches!(e, Event::ItemClosed { item, .. } if item == "priorities-2027"))
        .unwrap();
    meeting
        .record("s", now(), events[..until].to_vec())
        .unwrap();
    meeting
        .record("s", now(), vec![note(Some("priorities-2027"), text)])
        .unwrap();
    let (loaded, _) = meeting.load().unwrap();
    let ranking = loaded.item("priorities-2027").unwrap();
    assert!(!ranking.ballots.is_empty() && ranking.notes.iter().any(|n| n == text));
    assert!(loaded.items.values().any(|i| !i.votes.is_empty()));
    assert!(loaded.items.values().any(|i| !i.recused.is_empty()));
    assert_eq!(saved_state(dir.path()), loaded);
}
