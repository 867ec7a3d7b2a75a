//! The SPEC 3 rules as the journal replays them, on the example alliance
//! (`agendas/gcra`): which events `MeetingState::apply` accepts and which
//! it refuses (leaving the state untouched), replay against recording, and
//! the decision figures of a recorded steering meeting.
//!
//! Steering weights: eth 3 (chair), ceps 1, uct 1, iisc 1, unsw 2, usp 1,
//! columbia 2; total 11, quorum 1/2 of weight (6), at most one proxy each,
//! casting vote of the chair. `budget-2027` needs two-thirds.

use chrono::{DateTime, Utc};

use super::*;
use crate::vote::decision::{Attendance, Choice, Reason, Threshold, TieFailure};
use crate::vote::ranked::Marks;
use crate::workspace::Workspace;

mod checkpoint;
mod live;

const STEERING: &str = "2027-03-steering";
const GA: &str = "2027-06-general-assembly";

use crate::test_support::example_root;

/// The example workspace, read only: these tests never write into it.
fn example() -> Workspace {
    Workspace::load(&example_root()).expect("the example workspace is valid")
}

fn ctx<'a>(ws: &'a Workspace, meeting: &str) -> Context<'a> {
    let agenda = ws.agenda(meeting).expect("meeting in the example");
    Context::new(&ws.charter, agenda).expect("body in the charter")
}

fn now() -> DateTime<Utc> {
    "2027-03-10T14:00:00Z".parse().unwrap()
}

// Short event constructors, so that a test reads like the minutes.

fn present(member: &str) -> Event {
    Event::Present {
        member: member.into(),
        delegate: None,
    }
}
fn absent(member: &str) -> Event {
    Event::Absent {
        member: member.into(),
    }
}
fn proxy(member: &str, holder: &str) -> Event {
    Event::Proxy {
        member: member.into(),
        holder: holder.into(),
    }
}
fn open(item: &str) -> Event {
    Event::ItemOpened { item: item.into() }
}
fn close(item: &str) -> Event {
    Event::ItemClosed {
        item: item.into(),
        outcome: None,
    }
}
fn motion(item: &str) -> Event {
    Event::Motion {
        item: item.into(),
        text: format!("Approve {item}"),
    }
}
fn vote(item: &str, member: &str, choice: Choice) -> Event {
    Event::Vote {
        item: item.into(),
        member: member.into(),
        choice,
        change: false,
    }
}
fn change(item: &str, member: &str, choice: Choice) -> Event {
    Event::Vote {
        item: item.into(),
        member: member.into(),
        choice,
        change: true,
    }
}
fn recuse(item: &str, member: &str) -> Event {
    Event::Recusal {
        item: item.into(),
        member: member.into(),
    }
}
fn ballot(item: &str, member: &str, ranking: &[&str], change: bool) -> Event {
    Event::Ballot {
        item: item.into(),
        member: member.into(),
        marks: Marks::Ranking(ranking.iter().map(|s| (*s).to_owned()).collect()),
        change,
    }
}
fn note(item: Option<&str>, text: &str) -> Event {
    Event::Note {
        item: item.map(str::to_owned),
        text: text.into(),
    }
}

use Choice::{Abstain, No, Yes};

/// Applies `events` in order; each must be accepted.
#[track_caller]
fn run(ctx: &Context, events: &[Event]) -> MeetingState {
    let mut state = MeetingState::default();
    for (i, event) in events.iter().enumerate() {
        if let Err(e) = state.apply(event, ctx) {
            panic!("event {i} ({}) refused: {e}", event.describe());
        }
    }
    state
}

/// Applies `setup` (all accepted), then `event`, which must be refused
/// without touching the state; returns why.
#[track_caller]
fn refused(ctx: &Context, setup: &[Event], event: Event) -> RecordError {
    let mut state = run(ctx, setup);
    let before = state.clone();
    let error = state
        .apply(&event, ctx)
        .expect_err(&format!("`{}` should be refused", event.describe()));
    assert_eq!(
        state, before,
        "a refused event must leave the state as it was"
    );
    error
}

/// The roll of a quorate steering meeting: eth, ceps, uct, iisc, unsw in
/// person (8 of 11).
fn roll() -> Vec<Event> {
    ["eth", "ceps", "uct", "iisc", "unsw"].map(present).to_vec()
}

fn with(mut events: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
    events.extend(more);
    events
}

// ---------------------------------------------------------------------------
// Attendance and proxies
// ---------------------------------------------------------------------------

#[test]
fn attendance_in_person_and_leaving() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &[present("eth"), present("uct"), absent("uct")]);
    assert_eq!(state.attendance.len(), 1);
    assert_eq!(state.attendance["eth"], Attendance::InPerson);
    assert_eq!(state.events, 3);
}

#[test]
fn attendance_only_for_members_of_the_body() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    // nus is a full member of the alliance but not on the steering committee.
    for member in ["nus", "nobody"] {
        let e = refused(&c, &[], present(member));
        assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
        let e = refused(&c, &[], absent(member));
        assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
    }
    // Observers and associates attend the General Assembly.
    let ga = ctx(&ws, GA);
    run(
        &ga,
        &[present("qnrf"), present("munich-re"), present("icimod")],
    );
}

#[test]
fn a_proxy_needs_a_present_voting_holder_within_max_proxies() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &with(roll(), [proxy("usp", "eth")]));
    assert_eq!(
        state.attendance["usp"],
        Attendance::Proxy {
            holder: "eth".into()
        }
    );
    // max_proxies = 1: eth cannot hold a second, uct still can.
    let e = refused(
        &c,
        &with(roll(), [proxy("usp", "eth")]),
        proxy("columbia", "eth"),
    );
    assert!(
        matches!(&e, RecordError::Proxy(m) if m.contains("at most 1")),
        "{e}"
    );
    run(
        &c,
        &with(roll(), [proxy("usp", "eth"), proxy("columbia", "uct")]),
    );

    // The holder must be there in person.
    let e = refused(&c, &[present("eth")], proxy("usp", "columbia"));
    assert!(
        matches!(&e, RecordError::Proxy(m) if m.contains("present in person")),
        "{e}"
    );
    // ... and not merely represented itself (no chains).
    let e = refused(
        &c,
        &with(roll(), [proxy("usp", "eth")]),
        proxy("columbia", "usp"),
    );
    assert!(
        matches!(&e, RecordError::Proxy(m) if m.contains("present in person")),
        "{e}"
    );
    // Nobody holds its own proxy.
    let e = refused(&c, &roll(), proxy("eth", "eth"));
    assert!(
        matches!(&e, RecordError::Proxy(m) if m.contains("own proxy")),
        "{e}"
    );
    // A member in the room is not represented.
    let e = refused(&c, &roll(), proxy("uct", "eth"));
    assert!(
        matches!(&e, RecordError::Proxy(m) if m.contains("mark it absent")),
        "{e}"
    );
    // Both sides must be members of the body.
    let e = refused(&c, &roll(), proxy("nus", "eth"));
    assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
    let e = refused(&c, &roll(), proxy("usp", "nus"));
    assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
}

#[test]
fn non_voting_members_neither_give_nor_hold_proxies() {
    let ws = example();
    let c = ctx(&ws, GA);
    let setup = [present("uct"), present("qnrf"), present("icimod")];
    for (member, holder, who) in [
        ("qnrf", "uct", "qnrf"),
        ("munich-re", "uct", "munich-re"),
        ("eth", "icimod", "icimod"),
    ] {
        let e = refused(&c, &setup, proxy(member, holder));
        assert!(
            matches!(&e, RecordError::NotVoting { member, .. } if member == who),
            "{e}"
        );
    }
}

#[test]
fn a_proxy_lapses_when_its_holder_leaves() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &with(roll(), [proxy("usp", "eth"), absent("eth")]));
    assert!(!state.attendance.contains_key("usp"));
    assert!(!state.attendance.contains_key("eth"));
    // A represented member who arrives is present in person.
    let state = run(&c, &with(roll(), [proxy("usp", "eth"), present("usp")]));
    assert_eq!(state.attendance["usp"], Attendance::InPerson);
}

// ---------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------

#[test]
fn items_open_and_close_one_at_a_time() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &[open("minutes")]);
    assert_eq!(state.current.as_deref(), Some("minutes"));
    let state = run(&c, &[open("minutes"), close("minutes"), open("aob")]);
    assert_eq!(state.current.as_deref(), Some("aob"));
    assert!(state.items["minutes"].closed && state.items["minutes"].opened);

    let e = refused(&c, &[open("minutes")], open("aob"));
    assert_eq!(e, RecordError::OtherItemOpen("minutes".into()));
    let e = refused(&c, &[], open("budget"));
    assert!(
        matches!(&e, RecordError::UnknownItem { item, known } if item == "budget" && known.contains("budget-2027")),
        "{e}"
    );
    let e = refused(&c, &[], close("minutes"));
    assert_eq!(e, RecordError::NotOpen("minutes".into()));
    let e = refused(&c, &[open("minutes")], close("aob"));
    assert_eq!(e, RecordError::NotOpen("aob".into()));
    let done = [open("minutes"), close("minutes")];
    assert_eq!(
        refused(&c, &done, open("minutes")),
        RecordError::ItemClosed("minutes".into())
    );
    assert_eq!(
        refused(&c, &done, close("minutes")),
        RecordError::ItemClosed("minutes".into())
    );
}

#[test]
fn a_motion_only_on_an_open_decision_item_before_any_vote() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    for item in ["secretariat-report", "programme-review", "priorities-2027"] {
        let e = refused(&c, &[open(item)], motion(item));
        assert!(
            matches!(
                &e,
                RecordError::WrongKind {
                    needed: "decision",
                    ..
                }
            ),
            "{e}"
        );
    }
    assert_eq!(
        refused(&c, &[], motion("minutes")),
        RecordError::NotOpen("minutes".into())
    );
    let e = refused(
        &c,
        &[open("minutes")],
        Event::Motion {
            item: "minutes".into(),
            text: "  ".into(),
        },
    );
    assert_eq!(e, RecordError::EmptyText);
    // Reworded before the first vote: the last wording stands.
    let reworded = Event::Motion {
        item: "minutes".into(),
        text: "Approve the February minutes as amended".into(),
    };
    let state = run(
        &c,
        &with(
            roll(),
            [open("minutes"), motion("minutes"), reworded.clone()],
        ),
    );
    assert_eq!(
        state.items["minutes"].motion.as_deref(),
        Some("Approve the February minutes as amended")
    );
    let voted = with(
        roll(),
        [
            open("minutes"),
            motion("minutes"),
            vote("minutes", "uct", Yes),
        ],
    );
    assert_eq!(
        refused(&c, &voted, reworded),
        RecordError::VotingStarted("minutes".into())
    );
}

// ---------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------

fn minutes_open() -> Vec<Event> {
    with(
        roll(),
        [proxy("usp", "eth"), open("minutes"), motion("minutes")],
    )
}

#[test]
fn present_full_members_vote_in_person_or_by_proxy() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(
        &c,
        &with(
            minutes_open(),
            [
                vote("minutes", "uct", Yes),
                vote("minutes", "usp", No),
                vote("minutes", "eth", Abstain),
            ],
        ),
    );
    let votes = &state.items["minutes"].votes;
    assert_eq!(votes.len(), 3);
    assert_eq!(
        (votes["uct"], votes["usp"], votes["eth"]),
        (Yes, No, Abstain)
    );
}

#[test]
fn a_vote_needs_an_open_decision_item_with_a_motion() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let e = refused(
        &c,
        &with(roll(), [open("minutes")]),
        vote("minutes", "uct", Yes),
    );
    assert_eq!(e, RecordError::NoMotion("minutes".into()));
    assert_eq!(
        refused(&c, &roll(), vote("minutes", "uct", Yes)),
        RecordError::NotOpen("minutes".into())
    );
    let closed = with(minutes_open(), [close("minutes")]);
    assert_eq!(
        refused(&c, &closed, vote("minutes", "uct", Yes)),
        RecordError::ItemClosed("minutes".into())
    );
    let other = with(minutes_open(), [close("minutes"), open("budget-2027")]);
    assert_eq!(
        refused(&c, &other, vote("minutes", "uct", Yes)),
        RecordError::ItemClosed("minutes".into())
    );
    let e = refused(
        &c,
        &with(roll(), [open("priorities-2027")]),
        vote("priorities-2027", "uct", Yes),
    );
    assert!(
        matches!(&e, RecordError::WrongKind { what: "a vote", .. }),
        "{e}"
    );
    let e = refused(&c, &minutes_open(), vote("nope", "uct", Yes));
    assert!(matches!(&e, RecordError::UnknownItem { .. }), "{e}");
}

#[test]
fn only_present_full_members_of_the_body_vote() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    // columbia is on the committee but not in the room.
    assert_eq!(
        refused(&c, &minutes_open(), vote("minutes", "columbia", Yes)),
        RecordError::NotPresent("columbia".into())
    );
    let e = refused(&c, &minutes_open(), vote("minutes", "nus", Yes));
    assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
    // A member who left votes no more.
    let left = with(minutes_open(), [absent("uct")]);
    assert_eq!(
        refused(&c, &left, vote("minutes", "uct", Yes)),
        RecordError::NotPresent("uct".into())
    );
}

#[test]
fn observers_and_associates_do_not_vote() {
    let ws = example();
    let c = ctx(&ws, GA);
    let setup = [
        present("uct"),
        present("qnrf"),
        present("munich-re"),
        present("icimod"),
        open("minutes"),
        motion("minutes"),
    ];
    for (member, status) in [
        ("qnrf", "observer"),
        ("munich-re", "associate"),
        ("icimod", "associate"),
    ] {
        let e = refused(&c, &setup, vote("minutes", member, Yes));
        assert_eq!(
            e,
            RecordError::NotVoting {
                member: member.into(),
                status
            }
        );
        assert!(e.to_string().contains("only full members"), "{e}");
    }
    run(&c, &with(setup.to_vec(), [vote("minutes", "uct", Yes)]));
}

#[test]
fn a_second_vote_must_be_a_change() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let voted = with(minutes_open(), [vote("minutes", "uct", No)]);
    let e = refused(&c, &voted, vote("minutes", "uct", Yes));
    assert_eq!(
        e,
        RecordError::AlreadyVoted {
            member: "uct".into(),
            item: "minutes".into()
        }
    );
    let state = run(&c, &with(voted, [change("minutes", "uct", Yes)]));
    assert_eq!(state.items["minutes"].votes["uct"], Yes);
    let e = refused(&c, &minutes_open(), change("minutes", "uct", Yes));
    assert_eq!(
        e,
        RecordError::NothingToChange {
            member: "uct".into(),
            item: "minutes".into()
        }
    );
}

#[test]
fn a_recused_member_does_not_vote_and_recusal_comes_first() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let recused = with(minutes_open(), [recuse("minutes", "uct")]);
    let state = run(&c, &recused);
    assert!(state.items["minutes"].recused.contains("uct"));
    for event in [vote("minutes", "uct", Yes), change("minutes", "uct", Yes)] {
        let e = refused(&c, &recused, event);
        assert!(matches!(e, RecordError::Recused { .. }), "{e}");
    }
    let voted = with(minutes_open(), [vote("minutes", "uct", Yes)]);
    let e = refused(&c, &voted, recuse("minutes", "uct"));
    assert!(matches!(e, RecordError::RecusalAfterVote { .. }), "{e}");
    assert_eq!(
        refused(&c, &roll(), recuse("minutes", "uct")),
        RecordError::NotOpen("minutes".into())
    );
    let e = refused(&c, &minutes_open(), recuse("minutes", "nus"));
    assert!(matches!(e, RecordError::NotInBody { .. }), "{e}");
}

// ---------------------------------------------------------------------------
// Ranking ballots
// ---------------------------------------------------------------------------

const OPTIONS: [&str; 5] = [
    "climate-adaptation",
    "public-health",
    "ocean-systems",
    "energy-transition",
    "food-security",
];

fn priorities_open() -> Vec<Event> {
    with(roll(), [open("priorities-2027")])
}

#[test]
fn ballots_use_the_item_options_once_each() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(
        &c,
        &with(
            priorities_open(),
            [ballot("priorities-2027", "uct", &OPTIONS[..3], false)],
        ),
    );
    assert!(state.items["priorities-2027"].ballots.contains_key("uct"));

    let e = refused(
        &c,
        &priorities_open(),
        ballot(
            "priorities-2027",
            "uct",
            &["climate-adaptation", "digital-transformation"],
            false,
        ),
    );
    assert!(
        matches!(&e, RecordError::Ballot(m) if m.contains("unknown option `digital-transformation`")),
        "{e}"
    );
    let e = refused(
        &c,
        &priorities_open(),
        ballot(
            "priorities-2027",
            "uct",
            &["public-health", "public-health"],
            false,
        ),
    );
    assert!(
        matches!(&e, RecordError::Ballot(m) if m.contains("twice")),
        "{e}"
    );
    let e = refused(
        &c,
        &with(roll(), [open("minutes")]),
        ballot("minutes", "uct", &OPTIONS, false),
    );
    assert!(
        matches!(
            &e,
            RecordError::WrongKind {
                needed: "ranking",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        refused(
            &c,
            &roll(),
            ballot("priorities-2027", "uct", &OPTIONS, false)
        ),
        RecordError::NotOpen("priorities-2027".into())
    );
    assert_eq!(
        refused(
            &c,
            &priorities_open(),
            ballot("priorities-2027", "usp", &OPTIONS, false)
        ),
        RecordError::NotPresent("usp".into())
    );
}

#[test]
fn a_second_ballot_must_be_a_change() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let cast = with(
        priorities_open(),
        [ballot("priorities-2027", "uct", &OPTIONS, false)],
    );
    let e = refused(
        &c,
        &cast,
        ballot("priorities-2027", "uct", &OPTIONS[1..], false),
    );
    assert!(matches!(e, RecordError::AlreadyVoted { .. }), "{e}");
    let state = run(
        &c,
        &with(
            cast.clone(),
            [ballot("priorities-2027", "uct", &OPTIONS[1..], true)],
        ),
    );
    assert_eq!(
        state.items["priorities-2027"].ballots["uct"],
        Marks::Ranking(OPTIONS[1..].iter().map(|s| (*s).to_owned()).collect())
    );
    let e = refused(
        &c,
        &priorities_open(),
        ballot("priorities-2027", "uct", &OPTIONS, true),
    );
    assert!(matches!(e, RecordError::NothingToChange { .. }), "{e}");
    let e = refused(&c, &cast, recuse("priorities-2027", "uct"));
    assert!(matches!(e, RecordError::RecusalAfterVote { .. }), "{e}");
}

// ---------------------------------------------------------------------------
// Notes and the end of the meeting
// ---------------------------------------------------------------------------

#[test]
fn notes_on_the_meeting_or_an_item() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(
        &c,
        &[
            note(None, "Apologies from usp"),
            note(Some("aob"), "Next meeting in September"),
        ],
    );
    assert_eq!(state.notes, ["Apologies from usp"]);
    assert_eq!(state.items["aob"].notes, ["Next meeting in September"]);
    assert_eq!(refused(&c, &[], note(None, " ")), RecordError::EmptyText);
    let e = refused(&c, &[], note(Some("nope"), "text"));
    assert!(matches!(e, RecordError::UnknownItem { .. }), "{e}");
}

#[test]
fn the_meeting_closes_with_no_item_open_and_then_takes_nothing() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let e = refused(&c, &[open("aob")], Event::MeetingClosed);
    assert_eq!(e, RecordError::CloseWithOpenItem("aob".into()));
    let closed = [open("aob"), close("aob"), Event::MeetingClosed];
    assert!(run(&c, &closed).closed);
    for event in [
        present("eth"),
        absent("eth"),
        open("minutes"),
        note(None, "late"),
        Event::MeetingClosed,
    ] {
        assert_eq!(refused(&c, &closed, event), RecordError::MeetingClosed);
    }
}

// ---------------------------------------------------------------------------
// Replay and recording
// ---------------------------------------------------------------------------

/// A whole steering meeting: roll, proxy, every item, votes with a change
/// and a recusal, ranking ballots, notes, close.
fn whole_meeting() -> Vec<Event> {
    with(
        roll(),
        [
            proxy("usp", "eth"),
            note(None, "columbia sent apologies"),
            open("minutes"),
            motion("minutes"),
            vote("minutes", "eth", Yes),
            vote("minutes", "uct", No),
            vote("minutes", "ceps", Yes),
            change("minutes", "uct", Yes),
            close("minutes"),
            open("secretariat-report"),
            note(Some("secretariat-report"), "Annual report due in April"),
            close("secretariat-report"),
            open("budget-2027"),
            recuse("budget-2027", "unsw"),
            motion("budget-2027"),
            vote("budget-2027", "eth", Yes),
            vote("budget-2027", "usp", Yes),
            vote("budget-2027", "ceps", No),
            vote("budget-2027", "iisc", Abstain),
            close("budget-2027"),
            open("priorities-2027"),
            ballot(
                "priorities-2027",
                "eth",
                &["ocean-systems", "climate-adaptation"],
                false,
            ),
            ballot(
                "priorities-2027",
                "uct",
                &["public-health", "food-security"],
                false,
            ),
            ballot(
                "priorities-2027",
                "unsw",
                &["ocean-systems", "public-health"],
                false,
            ),
            close("priorities-2027"),
            Event::MeetingClosed,
        ],
    )
}

use crate::test_support::example_copy as temp_workspace;

#[test]
fn replay_equals_the_state_built_event_by_event() {
    let (_dir, ws) = temp_workspace();
    let agenda = ws.agenda(STEERING).unwrap();
    let meeting = Meeting::new(&ws, agenda).unwrap();
    let events = whole_meeting();

    // Built event by event, recorded in batches of varying size.
    // Recorded in batches of varying size, then applied one by one as
    // recorded: the first append writes the terms first, and each close
    // carries its outcome.
    let mut live = MeetingState::default();
    let mut recorded_after = MeetingState::default();
    for (n, batch) in events.chunks(3).enumerate() {
        let (records, after) = meeting.record("Secretary", now(), batch.to_vec()).unwrap();
        let first = usize::from(n == 0);
        assert_eq!(records.len(), batch.len() + first);
        assert_eq!(records[first].seq, (n * 3 + 2) as u64);
        for record in &records {
            live.apply_at(&record.event, record.at, meeting.context())
                .unwrap();
        }
        recorded_after = after;
    }
    assert_eq!(
        recorded_after, live,
        "record returns the state after its events"
    );

    let (loaded, contents) = meeting.load().unwrap();
    assert_eq!(loaded, live);
    assert_eq!(contents.torn, None);
    let replayed = MeetingState::replay(&contents.records, meeting.context()).unwrap();
    assert_eq!(replayed, live);
    assert_eq!(replayed.events, events.len() as u64 + 1);
    assert!(matches!(contents.records[0].event, Event::Terms { .. }));
    let on_disk: Vec<Event> = contents.records[1..]
        .iter()
        .map(|r| match &r.event {
            Event::ItemClosed { item, outcome } => {
                let decided =
                    ["minutes", "budget-2027", "priorities-2027"].contains(&item.as_str());
                assert_eq!(outcome.is_some(), decided, "{item} closes with its outcome");
                Event::ItemClosed {
                    item: item.clone(),
                    outcome: None,
                }
            }
            other => other.clone(),
        })
        .collect();
    assert_eq!(on_disk, events);
    assert!(
        contents
            .records
            .iter()
            .all(|r| r.by == "Secretary" && r.at == now())
    );
}

#[test]
fn a_refused_batch_writes_nothing() {
    let (_dir, ws) = temp_workspace();
    let meeting = Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    meeting.record("s", now(), roll()).unwrap();
    let path = meeting.journal().path().to_owned();
    let before = std::fs::read(&path).unwrap();
    // The third event is refused: none of the three is written.
    let err = meeting
        .record(
            "s",
            now(),
            vec![
                open("minutes"),
                motion("minutes"),
                vote("minutes", "usp", Yes),
            ],
        )
        .unwrap_err();
    assert!(
        matches!(err, MeetingError::Rule(RecordError::NotPresent(_))),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The terms and the five events of the roll call.
    assert_eq!(meeting.load().unwrap().0.events, 6);
}

#[test]
fn replay_names_the_first_event_that_breaks_the_rules() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let records: Vec<Record> = [present("eth"), vote("minutes", "eth", Yes)]
        .into_iter()
        .enumerate()
        .map(|(i, event)| Record {
            seq: i as u64 + 1,
            at: now(),
            by: "s".into(),
            prev: GENESIS.into(),
            event,
        })
        .collect();
    let (seq, error) = MeetingState::replay(&records, &c).unwrap_err();
    assert_eq!((seq, error), (2, RecordError::NotOpen("minutes".into())));
}

// ---------------------------------------------------------------------------
// Outcomes of a recorded steering meeting
// ---------------------------------------------------------------------------

/// The outcome of `item` after `events`.
#[track_caller]
fn outcome(events: &[Event], item: &str) -> crate::vote::Outcome {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, events);
    let item = c.agenda.items.iter().find(|i| i.id == item).unwrap();
    decide_item(&c, &state, item)
        .expect("a decision item")
        .expect("decidable")
}

fn budget_vote(votes: &[(&str, Choice)]) -> Vec<Event> {
    let everyone = ["eth", "ceps", "uct", "iisc", "unsw", "usp", "columbia"].map(present);
    let mut events = with(
        everyone.to_vec(),
        [open("budget-2027"), motion("budget-2027")],
    );
    events.extend(votes.iter().map(|(m, c)| vote("budget-2027", m, *c)));
    events.push(close("budget-2027"));
    events
}

#[test]
fn two_thirds_passes_at_exactly_two_thirds() {
    // yes eth 3 + unsw 2 + ceps 1 = 6, no columbia 2 + uct 1 = 3: 6 >= 2/3 x 9.
    let o = outcome(
        &budget_vote(&[
            ("eth", Yes),
            ("unsw", Yes),
            ("ceps", Yes),
            ("columbia", No),
            ("uct", No),
            ("iisc", Abstain),
        ]),
        "budget-2027",
    );
    assert!(o.passed, "{}", o.summary());
    assert_eq!(o.reason, Reason::Passed);
    assert_eq!((o.yes.weight, o.no.weight, o.abstain.weight), (6, 3, 1));
    assert_eq!(o.threshold, Threshold::YesAtLeast { weight: 6 });
    assert_eq!(
        o.summary(),
        "passed (two-thirds): yes 6, no 3, abstain 1; needed yes at least 6"
    );
    assert_eq!(
        (o.present.weight, o.total.weight, o.quorum.required),
        (11, 11, 6)
    );
    assert_eq!(o.not_voted, ["usp"]);
}

#[test]
fn two_thirds_fails_just_below() {
    // One more no weight: yes 6 of 10 is under two-thirds (7 needed).
    let o = outcome(
        &budget_vote(&[
            ("eth", Yes),
            ("unsw", Yes),
            ("ceps", Yes),
            ("columbia", No),
            ("uct", No),
            ("iisc", No),
        ]),
        "budget-2027",
    );
    assert!(!o.passed);
    assert_eq!(o.reason, Reason::Failed);
    assert_eq!(o.threshold, Threshold::YesAtLeast { weight: 7 });
    // yes 5 against no 3 misses too (6 needed).
    let o = outcome(
        &budget_vote(&[("eth", Yes), ("unsw", Yes), ("columbia", No), ("uct", No)]),
        "budget-2027",
    );
    assert!(!o.passed);
    assert_eq!(o.threshold, Threshold::YesAtLeast { weight: 6 });
}

#[test]
fn a_tie_is_broken_by_the_chairs_casting_vote() {
    let tie = |chair: Choice| {
        with(
            roll(),
            [
                present("columbia"),
                open("minutes"),
                motion("minutes"),
                vote("minutes", "eth", chair),
                vote("minutes", "ceps", if chair == Yes { Yes } else { No }),
                vote("minutes", "unsw", if chair == Yes { No } else { Yes }),
                vote("minutes", "columbia", if chair == Yes { No } else { Yes }),
                close("minutes"),
            ],
        )
    };
    // eth 3 + ceps 1 = 4 against unsw 2 + columbia 2 = 4.
    let o = outcome(&tie(Yes), "minutes");
    assert!(o.passed, "{}", o.summary());
    assert_eq!((o.yes.weight, o.no.weight), (4, 4));
    assert_eq!(
        o.reason,
        Reason::TieBrokenByChair {
            chair: "eth".into()
        }
    );
    assert_eq!(o.casting_vote, Some(Yes));
    let o = outcome(&tie(No), "minutes");
    assert!(!o.passed);
    assert_eq!((o.yes.weight, o.no.weight), (4, 4));
    assert_eq!(
        o.reason,
        Reason::TieFailed {
            why: TieFailure::ChairAgainst
        }
    );
}

#[test]
fn without_quorum_nothing_passes() {
    // eth 3 + ceps 1 + uct 1 = 5 of 11; 6 needed.
    let events = [
        present("eth"),
        present("ceps"),
        present("uct"),
        open("minutes"),
        motion("minutes"),
        vote("minutes", "eth", Yes),
        vote("minutes", "ceps", Yes),
        vote("minutes", "uct", Yes),
        close("minutes"),
    ];
    let o = outcome(&events, "minutes");
    assert!(!o.passed);
    assert_eq!(o.reason, Reason::NoQuorum);
    assert_eq!(
        (o.quorum.present, o.quorum.required, o.quorum.met),
        (5, 6, false)
    );
    assert_eq!(
        o.quorum_sentence(),
        "5 of 11 voting weight present, 6 needed (1/2)"
    );
    // A proxy for usp makes it 6: quorate, and the same votes pass.
    let mut quorate = events.to_vec();
    quorate.insert(3, proxy("usp", "uct"));
    let o = outcome(&quorate, "minutes");
    assert!(o.passed && o.quorum.met, "{}", o.summary());
    assert_eq!((o.by_proxy.weight, o.present.weight), (1, 6));
}

#[test]
fn a_member_who_voted_then_left_still_counts() {
    // eth 3 + unsw 2 + ceps 1 = 6: exactly quorate; ceps votes and leaves
    // before the item closes.
    let events = [
        present("eth"),
        present("unsw"),
        present("ceps"),
        open("minutes"),
        motion("minutes"),
        vote("minutes", "ceps", Yes),
        absent("ceps"),
        vote("minutes", "unsw", No),
        close("minutes"),
    ];
    let o = outcome(&events, "minutes");
    assert!(o.quorum.met, "{}", o.quorum_sentence());
    assert_eq!(o.present.weight, 6);
    assert_eq!((o.yes.weight, o.no.weight), (1, 2));
    assert!(!o.passed);
    assert_eq!(o.not_voted, ["eth"]);
}

#[test]
fn the_outcome_is_fixed_when_the_item_closes() {
    // Members leaving after the close change nothing.
    let mut events = budget_vote(&[
        ("eth", Yes),
        ("unsw", Yes),
        ("ceps", Yes),
        ("columbia", No),
        ("uct", No),
    ]);
    let fixed = outcome(&events, "budget-2027");
    events.extend(["eth", "unsw", "ceps", "iisc"].map(absent));
    assert_eq!(outcome(&events, "budget-2027"), fixed);
    assert!(fixed.passed);
}

#[test]
fn a_recused_member_counts_present_but_casts_no_vote() {
    let events = with(
        roll(),
        [
            open("budget-2027"),
            recuse("budget-2027", "unsw"),
            motion("budget-2027"),
            vote("budget-2027", "eth", Yes),
            vote("budget-2027", "uct", No),
            close("budget-2027"),
        ],
    );
    let o = outcome(&events, "budget-2027");
    assert_eq!(o.recused, ["unsw"]);
    assert_eq!(o.present.weight, 8);
    assert!(o.passed, "{}", o.summary());
    assert_eq!(o.not_voted, ["ceps", "iisc"]);
}

#[test]
fn the_ranking_result_comes_from_the_ballots() {
    let ws = example();
    let c = ctx(&ws, STEERING);
    let state = run(&c, &whole_meeting());
    let item = c
        .agenda
        .items
        .iter()
        .find(|i| i.id == "priorities-2027")
        .unwrap();
    let result = rank_item(&c, &state, item).unwrap().unwrap();
    // eth (3) and unsw (2) put ocean-systems first; uct (1) public-health.
    assert_eq!(result.result.winners[0], "ocean-systems");
    assert_eq!(result.result.winners.len(), 2);
    assert_eq!((result.result.ballots, result.result.weight), (3, 6));
    // Not a decision item: no decision.
    assert!(decide_item(&c, &state, item).is_none());
}

#[test]
fn record_with_decides_against_the_state_on_disk() {
    let (_dir, ws) = temp_workspace();
    let meeting = super::Meeting::new(&ws, ws.agenda(STEERING).unwrap()).unwrap();
    // Another session opens an item after this one last looked.
    meeting.record("other", now(), vec![open("aob")]).unwrap();
    let (records, state) = meeting
        .record_with("me", now(), |state| {
            Ok::<_, super::MeetingError>(vec![note(
                state.current.as_deref(),
                "seen under the lock",
            )])
        })
        .unwrap();
    assert_eq!(records[0].event, note(Some("aob"), "seen under the lock"));
    assert_eq!(
        state.items["aob"].notes,
        vec!["seen under the lock".to_owned()]
    );
}
