//! What the front ends show while a meeting runs, computed once here: the
//! quorum of the moment, when each item was opened and closed, and who is
//! still to vote.

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

fn item<'a>(ctx: &Context<'a>, id: &str) -> &'a crate::agenda::Item {
    ctx.agenda
        .items
        .iter()
        .find(|i| i.id == id)
        .expect("item in the agenda")
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

#[test]
fn still_to_vote_on_a_decision_is_who_is_present_and_has_not_voted() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let budget = item(&c, "budget-2027");
    let events = with(
        roll(),
        [
            proxy("usp", "eth"),
            open("budget-2027"),
            recuse("budget-2027", "unsw"),
            motion("budget-2027"),
            vote("budget-2027", "eth", Yes),
            vote("budget-2027", "ceps", No),
        ],
    );
    let state = run(&c, &events);
    // unsw is recused; usp is there by proxy; columbia is absent.
    assert_eq!(still_to_vote(&c, &state, budget), ["iisc", "uct", "usp"]);
    // It is the decision's own "did not vote".
    let outcome = decide_item(&c, &state, budget).unwrap().unwrap();
    assert_eq!(outcome.not_voted, still_to_vote(&c, &state, budget));

    // Once closed, the room at the close counts: leaving changes nothing.
    let closed = run(
        &c,
        &with(
            events,
            [close("budget-2027"), absent("iisc"), absent("uct")],
        ),
    );
    assert_eq!(still_to_vote(&c, &closed, budget), ["iisc", "uct", "usp"]);
}

#[test]
fn still_to_vote_on_a_ranking_is_who_cast_no_ballot() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let priorities = item(&c, "priorities-2027");
    let events = with(
        priorities_open(),
        [
            ballot(
                "priorities-2027",
                "eth",
                &["ocean-systems", "public-health"],
                false,
            ),
            ballot(
                "priorities-2027",
                "unsw",
                &["public-health", "ocean-systems"],
                false,
            ),
            // A ballot stands when its member leaves.
            absent("unsw"),
        ],
    );
    let state = run(&c, &events);
    assert_eq!(
        still_to_vote(&c, &state, priorities),
        ["ceps", "iisc", "uct"]
    );
    // The minutes' "cast no ballot" is the same list.
    let outcome = rank_item(&c, &state, priorities).unwrap().unwrap();
    assert_eq!(outcome.not_voted, still_to_vote(&c, &state, priorities));
}

#[test]
fn nobody_is_still_to_vote_on_an_item_without_a_vote() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &with(roll(), [open("aob")]));
    assert!(still_to_vote(&c, &state, item(&c, "aob")).is_empty());
}
