//! The hub on private copies of the example alliance: one writer's events
//! are published to every subscriber at once, what another process writes
//! is taken at the next disk check (and only once), refusals change
//! nothing, receipts name the line's real hash, and files that stop
//! loading keep the workspace as it was.

use chrono::{DateTime, Utc};

use super::*;
use crate::actions::ActionUpdate;
use crate::meeting::{ActionStatus, Actor, Event, Journal, hash_line};
use crate::workspace::Workspace;

const MARCH: &str = "2027-03-steering";

fn now() -> DateTime<Utc> {
    "2027-03-10T14:00:00Z".parse().unwrap()
}

fn copy() -> tempfile::TempDir {
    crate::test_support::example_copy().0
}

fn hub(dir: &tempfile::TempDir) -> Arc<Hub> {
    Hub::new(Workspace::load(dir.path()).unwrap())
}

fn secretary() -> Actor {
    Actor::secretariat("Secretariat")
}

fn present(member: &str) -> Event {
    Event::Present {
        member: member.into(),
        delegate: None,
    }
}

fn loaded(hub: &Hub) -> Loaded {
    match hub.snapshot().meeting(MARCH).unwrap().as_ref() {
        Ok(l) => l.clone(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_recorded_event_is_published_to_every_subscriber() {
    let dir = copy();
    let hub = hub(&dir);
    let mut a = hub.subscribe();
    let b = hub.subscribe();
    let before = hub.generation();
    assert!(hub.snapshot().held().0.is_empty(), "nothing held yet");
    let records = hub
        .record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    // Its first event freezes its terms: it now counts as held.
    let snapshot = hub.snapshot();
    let held = &snapshot.held().0;
    assert!(held.iter().any(|h| h.meeting == MARCH), "{held:?}");
    // The terms are frozen first, then the event asked for.
    assert_eq!(records.len(), 2);
    assert!(a.has_changed().unwrap() && b.has_changed().unwrap());
    assert_eq!(*a.borrow_and_update(), before + 1);
    let l = loaded(&hub);
    assert_eq!(l.records.len(), 2);
    assert!(l.state.attendance.contains_key("eth"));
    // What the hub holds is what the disk says.
    let on_disk = Journal::for_meeting(dir.path(), MARCH).read().unwrap();
    assert!(l.records == on_disk.records);
    assert_eq!(on_disk.last_hash(), l.head_hash);
    // Its own write is not read back as someone else's.
    assert!(!hub.check_disk());
}

#[test]
fn a_refusal_publishes_nothing() {
    let dir = copy();
    let hub = hub(&dir);
    let before = hub.generation();
    let refused = hub.record(MARCH, &secretary(), now(), vec![present("nobody")]);
    assert!(refused.is_err());
    assert_eq!(hub.generation(), before);
    assert!(loaded(&hub).records.is_empty());
    assert!(matches!(
        hub.record("no-such-meeting", &secretary(), now(), vec![present("eth")]),
        Err(HubError::NoMeeting(_))
    ));
}

#[test]
fn another_process_is_seen_at_the_next_check_and_only_once() {
    let dir = copy();
    let hub = hub(&dir);
    let sub = hub.subscribe();
    assert!(!hub.check_disk(), "nothing changed yet");
    // Another process: its own workspace, its own journal handle.
    let ws = Workspace::load(dir.path()).unwrap();
    let agenda = ws.agenda(MARCH).unwrap();
    crate::meeting::Meeting::new(&ws, agenda)
        .unwrap()
        .record("Elsewhere", now(), vec![present("uct")])
        .unwrap();
    assert!(!sub.has_changed().unwrap());
    assert!(hub.check_disk());
    assert!(sub.has_changed().unwrap());
    assert!(loaded(&hub).state.attendance.contains_key("uct"));
    assert!(!hub.check_disk(), "read once");
    // The hub's next write follows the other process's lines.
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    let l = loaded(&hub);
    assert_eq!(l.records.len(), 3);
    assert_eq!(
        l.records,
        Journal::for_meeting(dir.path(), MARCH)
            .read()
            .unwrap()
            .records
    );
}

#[test]
fn a_write_by_another_process_between_two_of_ours_is_not_lost() {
    let dir = copy();
    let hub = hub(&dir);
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    crate::meeting::Meeting::new(&ws, ws.agenda(MARCH).unwrap())
        .unwrap()
        .record("Elsewhere", now(), vec![present("uct")])
        .unwrap();
    // No disk check in between: the append itself sees the other line.
    hub.record(MARCH, &secretary(), now(), vec![present("iisc")])
        .unwrap();
    let l = loaded(&hub);
    assert_eq!(l.records.len(), 4);
    for member in ["eth", "uct", "iisc"] {
        assert!(l.state.attendance.contains_key(member), "{member}");
    }
}

#[test]
fn the_receipt_is_the_hash_of_the_line_on_disk() {
    let dir = copy();
    let hub = hub(&dir);
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    hub.record(MARCH, &secretary(), now(), vec![present("uct")])
        .unwrap();
    let l = loaded(&hub);
    let text = std::fs::read_to_string(dir.path().join("records/2027-03-steering.jsonl")).unwrap();
    for (i, line) in text.lines().enumerate() {
        let seq = i as u64 + 1;
        assert_eq!(l.line_hash(seq), Some(hash_line(line.as_bytes()).as_str()));
    }
    assert_eq!(l.line_hash(0), None);
    assert_eq!(l.line_hash(4), None);
}

#[test]
fn the_register_follows_the_meetings_and_its_own_journal() {
    let dir = copy();
    let hub = hub(&dir);
    hub.record(
        MARCH,
        &secretary(),
        now(),
        vec![Event::ActionCreated {
            text: "Circulate the budget".into(),
            owner: "eth".into(),
            delegate: None,
            due: "2027-04-01".parse().unwrap(),
            item: None,
        }],
    )
    .unwrap();
    let snapshot = hub.snapshot();
    let register = snapshot.register().as_ref().as_ref().unwrap();
    let id = register.items()[0].id.clone();
    assert_eq!(id, "2027-03-steering/1");
    let update = ActionUpdate {
        action: id.clone(),
        status: Some(ActionStatus::Done),
        ..ActionUpdate::default()
    };
    // Only the secretariat keeps the register.
    let delegate = Actor::delegate(
        &Workspace::load(dir.path()).unwrap().charter,
        "uct",
        "Dr. Pieter van Wyk",
    )
    .unwrap();
    assert!(
        hub.update_register(&delegate, now(), update.clone())
            .is_err()
    );
    hub.update_register(&secretary(), now(), update).unwrap();
    let snapshot = hub.snapshot();
    let register = snapshot.register().as_ref().as_ref().unwrap();
    assert_eq!(register.get(&id).unwrap().status, ActionStatus::Done);
    // The same as building it from the disk.
    let from_disk = crate::actions::Register::load(&Workspace::load(dir.path()).unwrap()).unwrap();
    assert_eq!(register, &from_disk);
    assert!(!hub.check_disk());
}

#[test]
fn an_edited_charter_is_taken_and_a_broken_one_is_not() {
    let dir = copy();
    let hub = hub(&dir);
    let path = dir.path().join("charter.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replacen("name = \"", "name = \"Renamed ", 1);
    // A different size, so the change shows even within one clock tick.
    std::fs::write(&path, &renamed).unwrap();
    assert!(hub.check_disk());
    let name = hub.snapshot().workspace().charter.alliance.name.clone();
    assert!(name.starts_with("Renamed "), "{name}");
    std::fs::write(&path, "this is not toml [").unwrap();
    assert!(hub.check_disk());
    let snapshot = hub.snapshot();
    assert!(snapshot.problem().is_some_and(|p| p.contains("problem")));
    assert_eq!(snapshot.workspace().charter.alliance.name, name);
    // Still recording against the workspace it has.
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
}

#[test]
fn the_disk_watch_picks_up_other_processes_by_itself() {
    let dir = copy();
    let hub = hub(&dir);
    let mut sub = hub.subscribe();
    let _watch = hub.watch_disk(std::time::Duration::from_millis(10));
    let ws = Workspace::load(dir.path()).unwrap();
    crate::meeting::Meeting::new(&ws, ws.agenda(MARCH).unwrap())
        .unwrap()
        .record("Elsewhere", now(), vec![present("uct")])
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    // A look between the append's lines and its head sees the lines as
    // not yet committed (a change, but no new event); the next sees them.
    let seen = runtime.block_on(async {
        tokio::time::timeout(std::time::Duration::from_secs(10), async {
            while !loaded(&hub).state.attendance.contains_key("uct") {
                sub.changed().await.unwrap();
            }
        })
        .await
    });
    assert!(
        seen.is_ok(),
        "the watch published the other process's event"
    );
}

#[test]
fn lines_without_a_head_are_taken_as_a_torn_tail_only_at_a_second_look() {
    use std::io::Write as _;
    let dir = copy();
    let hub = hub(&dir);
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    // What an append looks like between its lines and its head, or what a
    // crash leaves.
    let path = dir.path().join("records/2027-03-steering.jsonl");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(b"{\"seq\":3,\"half a line").unwrap();
    drop(file);
    assert!(!hub.check_disk(), "perhaps an append in flight: not yet");
    assert!(loaded(&hub).torn.is_none());
    assert!(hub.check_disk(), "still there: a torn tail");
    let l = loaded(&hub);
    assert!(l.torn.is_some());
    assert_eq!(l.records.len(), 2, "never counted");
}

#[test]
fn the_hub_goes_on_from_its_own_state_while_the_journal_is_as_it_left_it() {
    let dir = copy();
    let hub = hub(&dir);
    hub.record(MARCH, &secretary(), now(), vec![present("eth")])
        .unwrap();
    // A checkpoint that says otherwise is not read while the hub's own
    // state fits the journal...
    let checkpoint = crate::meeting::checkpoint::path(dir.path(), MARCH);
    std::fs::write(&checkpoint, "not a checkpoint\n").unwrap();
    hub.record(MARCH, &secretary(), now(), vec![present("ceps")])
        .unwrap();
    let after = loaded(&hub);
    let state = after.state;
    assert!(state.attendance.contains_key("eth") && state.attendance.contains_key("ceps"));
    assert!(after.tip.is_some(), "the next append may go on from memory");
    // ...and the hub's state is not used once another process has written.
    let ws = Workspace::load(dir.path()).unwrap();
    Meeting::new(&ws, ws.agenda(MARCH).unwrap())
        .unwrap()
        .record("other", now(), vec![present("uct")])
        .unwrap();
    hub.record(MARCH, &secretary(), now(), vec![present("iisc")])
        .unwrap();
    let after = loaded(&hub);
    assert!(after.tip.is_none(), "read again, after the other process");
    let state = after.state;
    let present: Vec<_> = state.attendance.keys().map(String::as_str).collect();
    assert_eq!(present, ["ceps", "eth", "iisc", "uct"]);
    let (on_disk, _) = Meeting::new(&ws, ws.agenda(MARCH).unwrap())
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(state, on_disk);
}

/// A written procedure over the hub (SPEC 8, 9): a member's delegate
/// replies for its own member, and is refused, under the journal's lock,
/// for another; nothing is published for the refusal.
#[test]
fn a_delegate_replies_in_a_written_procedure_for_its_own_member_only() {
    use crate::meeting::{Answer, ReplyChoice};
    const MAY: &str = "2027-05-steering-seed-grants";
    let dir = copy();
    let hub = hub(&dir);
    let at: DateTime<Utc> = "2027-05-03T09:00:00Z".parse().unwrap();
    hub.record(
        MAY,
        &secretary(),
        at,
        vec![Event::ProcedureOpened { deadline: None }],
    )
    .unwrap();
    let charter = &hub.snapshot().workspace().charter.clone();
    let rep = Actor::delegate(charter, "uct", "Dr. Pieter van Wyk").unwrap();
    let reply = |member: &str| Event::Reply {
        item: "seed-call-2027".into(),
        member: member.into(),
        answer: Answer::Choice(ReplyChoice::Yes),
        via: None,
    };
    let before = hub.generation();
    let refused = hub.record(MAY, &rep, at, vec![reply("iisc")]).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("may not reply for `iisc`: a delegate of `uct` replies for `uct` only"),
        "{refused}"
    );
    assert_eq!(hub.generation(), before);
    let records = hub.record(MAY, &rep, at, vec![reply("uct")]).unwrap();
    assert_eq!(records[0].by, "Dr. Pieter van Wyk");
    let snapshot = hub.snapshot();
    let Some(Ok(loaded)) = snapshot.meeting(MAY).map(|m| m.as_ref()) else {
        panic!("the procedure loads");
    };
    let written = loaded.state.written().unwrap();
    assert!(written.reply("seed-call-2027", "uct").is_some());
    assert!(written.reply("seed-call-2027", "iisc").is_none());
}
