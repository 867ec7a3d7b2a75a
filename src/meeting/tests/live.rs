//! What the front ends show while a meeting runs, computed once here: the
//! quorum of the moment and when each item was opened and closed.

use chrono::Duration;

use super::*;

/// `minutes` minutes after the test's start.
fn at(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

/// Applies each event at its minute; each must be accepted.
#[track_caller]
fn run_at(ctx: &Context, events: &[(i64, Event)]) -> MeetingState {
    let mut state = MeetingState::default();
    for (minute, event) in events {
        if let Err(e) = state.apply_at(event, at(*minute), ctx) {
            panic!("{} refused: {e}", event.describe());
        }
    }
    state
}

fn reopen(item: &str) -> Event {
    Event::Reopen {
        item: item.into(),
        reason: "closed too early".into(),
    }
}

#[test]
fn quorum_now_counts_the_room_as_it_is() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    // eth 3, ceps 1, uct 1, iisc 1, unsw 2: 8 of 11, 6 needed.
    let q = quorum_now(&c, &run(&c, &roll()));
    assert_eq!((q.present, q.required, q.met), (8, 6, true));
    // eth and unsw leave: 3.
    let q = quorum_now(&c, &run(&c, &with(roll(), [absent("eth"), absent("unsw")])));
    assert_eq!((q.present, q.required, q.met), (3, 6, false));
    // A proxy counts as present.
    let q = quorum_now(&c, &run(&c, &with(roll(), [proxy("usp", "eth")])));
    assert_eq!(q.present, 9);
    // Nobody yet.
    let q = quorum_now(&c, &MeetingState::default());
    assert_eq!((q.present, q.met), (0, false));
}

#[test]
fn an_item_keeps_when_it_was_opened_and_closed() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let opened = run_at(&c, &[(0, present("eth")), (5, open("minutes"))]);
    let s = &opened.items["minutes"];
    assert_eq!((s.opened_at, s.closed_at), (Some(at(5)), None));

    let closed = run_at(
        &c,
        &[
            (5, open("minutes")),
            (20, close("minutes")),
            (21, open("aob")),
        ],
    );
    let s = &closed.items["minutes"];
    assert_eq!((s.opened_at, s.closed_at), (Some(at(5)), Some(at(20))));
    assert_eq!(closed.items["aob"].opened_at, Some(at(21)));
}

#[test]
fn a_reopened_item_has_the_times_of_its_last_opening() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let mut events = vec![
        (5, open("minutes")),
        (20, close("minutes")),
        (30, reopen("minutes")),
    ];
    let s = &run_at(&c, &events).items["minutes"];
    assert_eq!((s.opened_at, s.closed_at), (Some(at(30)), None));
    events.push((40, close("minutes")));
    let s = &run_at(&c, &events).items["minutes"];
    assert_eq!((s.opened_at, s.closed_at), (Some(at(30)), Some(at(40))));
}

#[test]
fn replay_takes_the_times_from_the_records() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let records: Vec<Record> = [(5, open("minutes")), (20, close("minutes"))]
        .into_iter()
        .enumerate()
        .map(|(n, (minute, event))| Record {
            seq: n as u64 + 1,
            at: at(minute),
            by: "Secretary".into(),
            prev: GENESIS.into(),
            event,
        })
        .collect();
    let state = MeetingState::replay(&records, &c).unwrap();
    let s = &state.items["minutes"];
    assert_eq!((s.opened_at, s.closed_at), (Some(at(5)), Some(at(20))));
    // An event applied without a time leaves the times unknown.
    let untimed = run(&c, &[open("minutes")]);
    assert_eq!(untimed.items["minutes"].opened_at, None);
}
