//! Minutes of meetings recorded in memory on the example alliance
//! (`agendas/gcra`, steering: eth 3 (chair), ceps 1, uct 1, iisc 1, unsw 2,
//! usp 1, columbia 2; quorum half of 11; casting vote of the chair).

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use pulldown_cmark::{Event as Md, Parser};

use super::*;
use crate::meeting::{Context, Event, GENESIS, MeetingState, Record, hash_line, verify};
use crate::vote::decision::Choice;
use crate::workspace::Workspace;

const STEERING: &str = "2027-03-steering";

fn example() -> Workspace {
    Workspace::load(&crate::test_support::example_root()).expect("the example workspace is valid")
}

fn start() -> DateTime<Utc> {
    "2027-03-10T14:00:00Z".parse().unwrap()
}

/// Chains `events` into records one minute apart and builds the minutes.
fn minutes(events: Vec<Event>) -> Minutes {
    let ws = example();
    let agenda = ws.agenda(STEERING).unwrap();
    let ctx = Context::new(&ws.charter, agenda).unwrap();
    let mut prev = GENESIS.to_owned();
    let mut journal = Vec::new();
    for (i, event) in events.into_iter().enumerate() {
        let record = Record {
            seq: i as u64 + 1,
            at: start() + Duration::minutes(i as i64),
            by: "Dr. Sophie Vandenberghe".into(),
            prev: prev.clone(),
            event,
        };
        let line = serde_json::to_vec(&record).unwrap();
        prev = hash_line(&line);
        journal.extend(line);
        journal.push(b'\n');
    }
    let contents = verify(Path::new("records/2027-03-steering.jsonl"), &journal).unwrap();
    let state = MeetingState::replay(&contents.records, &ctx).expect("the events fit the rules");
    let now = start() + Duration::hours(2);
    Minutes::build(&ws.charter, agenda, &state, &contents, now).unwrap()
}

fn present(members: &[&str]) -> Vec<Event> {
    members
        .iter()
        .map(|m| Event::Present {
            member: (*m).into(),
            delegate: None,
        })
        .collect()
}

fn decide(item: &str, motion: &str, votes: &[(&str, Choice)]) -> Vec<Event> {
    let mut events = vec![
        Event::ItemOpened { item: item.into() },
        Event::Motion {
            item: item.into(),
            text: motion.into(),
        },
    ];
    events.extend(votes.iter().map(|(m, c)| Event::Vote {
        item: item.into(),
        member: (*m).into(),
        choice: *c,
        change: false,
    }));
    events.push(Event::ItemClosed {
        item: item.into(),
        outcome: None,
    });
    events
}

fn note(item: Option<&str>, text: &str) -> Event {
    Event::Note {
        item: item.map(Into::into),
        text: text.into(),
    }
}

/// Every raw HTML event pulldown-cmark finds in the Markdown.
fn raw_html(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Md::Html(h) | Md::InlineHtml(h) => Some(h.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn user_text_is_escaped_in_markdown_and_html() {
    let mut events = present(&["eth", "uct", "unsw", "ceps"]);
    events.push(Event::ItemOpened {
        item: "minutes".into(),
    });
    events.push(Event::Motion {
        item: "minutes".into(),
        text: "Approve | amend\n# not a heading".into(),
    });
    events.push(note(
        Some("minutes"),
        "<script>alert('x')</script> and *stars*\n- not a list",
    ));
    events.push(Event::ItemClosed {
        item: "minutes".into(),
        outcome: None,
    });
    events.push(note(None, "a | b <b>bold</b>"));
    let m = minutes(events);
    let md = markdown(&m);
    assert!(
        md.contains("**Motion:** Approve \\| amend\\\n\\# not a heading"),
        "{md}"
    );
    assert!(
        md.contains("- \\<script>alert('x')\\</script> and \\*stars\\*\\\n  \\- not a list"),
        "{md}"
    );
    assert!(md.contains("- a \\| b \\<b>bold\\</b>"), "{md}");
    assert!(raw_html(&md).is_empty(), "{:?}", raw_html(&md));

    let page = html(&m);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt; and *stars*<br />"));
    assert!(
        page.contains("Approve | amend<br />\n# not a heading"),
        "{page}"
    );
}

#[test]
fn raw_html_in_the_markdown_is_shown_as_text_in_html() {
    let mut m = minutes(present(&["eth"]));
    // A title that bypassed escaping (say, JSON edited by hand) is still text.
    m.meeting.title = "Steering <img src=x onerror=alert(1)>".into();
    let page = html(&m);
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains(
            "<title>Minutes: Steering &lt;img src=x onerror=alert(1)&gt; (DRAFT)</title>"
        )
    );
}

#[test]
fn pipes_and_newlines_stay_inside_their_table_cell() {
    let mut m = minutes(present(&["eth"]));
    let eth = m
        .attendance
        .members
        .iter()
        .position(|r| r.member == "eth")
        .unwrap();
    m.attendance.members[eth].name = "ETH | Zurich\nSwitzerland".into();
    let md = markdown(&m);
    let row = md
        .lines()
        .find(|l| l.contains("ETH \\| Zurich"))
        .expect("the row is there");
    assert_eq!(
        row,
        "| ETH \\| Zurich Switzerland (`eth`) | Dr. Anna Keller | full | 3 | in person |"
    );
}

#[test]
fn an_open_meeting_is_a_draft_in_title_banner_and_footer() {
    let m = minutes(present(&["eth", "uct"]));
    assert!(m.draft);
    let md = markdown(&m);
    assert!(md.starts_with("# Minutes: Steering Committee, March 2027 (DRAFT)\n\n> **DRAFT**"));
    assert!(md.contains("**Closed:** not yet (draft)"));
    assert!(
        md.trim_end()
            .ends_with("*DRAFT: the meeting has not been closed; these minutes may still change.*")
    );
    assert!(html(&m).contains("<title>Minutes: Steering Committee, March 2027 (DRAFT)</title>"));

    let mut events = present(&["eth", "uct"]);
    events.push(Event::MeetingClosed);
    let closed = minutes(events);
    assert!(!closed.draft);
    let md = markdown(&closed);
    assert!(!md.contains("DRAFT"), "{md}");
    assert!(md.contains("*The meeting was closed at Wed 10 Mar 2027 15:02 CET (14:02 UTC).*"));
}

#[test]
fn nothing_recorded_says_so() {
    let m = minutes(Vec::new());
    assert_eq!(m.journal.events, 0);
    assert_eq!(m.journal.last_hash, GENESIS);
    let md = markdown(&m);
    assert!(md.contains("**Nothing has been recorded for this meeting yet.**"));
    assert!(md.contains("**Recorded:** nothing yet"));
    assert!(md.contains(
        "0 of 7 members present (0 in person, 0 by proxy), 7 absent (0 with apologies)."
    ));
    assert_eq!(
        md.matches("Not taken up: this item was never opened.")
            .count(),
        7
    );
}

#[test]
fn an_item_never_opened_says_so_and_has_no_figures() {
    let mut events = present(&["eth", "uct", "unsw"]);
    events.extend(decide("minutes", "Approve", &[("eth", Choice::Yes)]));
    let m = minutes(events);
    let budget = m.items.iter().find(|i| i.id == "budget-2027").unwrap();
    assert_eq!(budget.status, ItemStatus::NotOpened);
    assert!(budget.decision.is_none());
    let md = markdown(&m);
    let section = md
        .split("## 3. Revised 2027 budget")
        .nth(1)
        .and_then(|s| s.split("## 4.").next())
        .unwrap();
    assert!(
        section.contains("*Decision · time box 20 min · not opened*"),
        "{section}"
    );
    assert!(section.contains("Not taken up: this item was never opened."));
    assert!(!section.contains("**Outcome:**"));
}

#[test]
fn a_tie_broken_by_the_chair_is_explained() {
    // eth 3 yes against unsw 2 + ceps 1 no: level at 3.
    let mut events = present(&["eth", "unsw", "ceps", "uct"]);
    events.extend(decide(
        "minutes",
        "Approve the February minutes",
        &[
            ("eth", Choice::Yes),
            ("unsw", Choice::No),
            ("ceps", Choice::No),
            ("uct", Choice::Abstain),
        ],
    ));
    let m = minutes(events);
    let o = m.items[0]
        .decision
        .as_ref()
        .unwrap()
        .outcome
        .as_ref()
        .unwrap();
    assert!(o.passed && o.is_final);
    assert_eq!(o.reason, "tie-broken-by-chair");
    let md = markdown(&m);
    assert!(md.contains("**Rule:** `default` = simple"), "{md}");
    assert!(md.contains("| Yes | 3 | 1 |\n| No | 3 | 2 |\n| Abstain | 1 | 1 |"));
    assert!(md.contains("**Casting vote:** the chair's vote (yes) decided the tie"));
    assert!(md.contains(
        "**Outcome:** **Passed**. The vote was tied; the chair (eth) broke the tie in favour."
    ));
    assert!(md.contains("| ETH Zurich (`eth`) | 3 | yes |"));
    assert!(md.contains("| Columbia Climate School (`columbia`) | 2 | absent |"));
}

#[test]
fn without_quorum_nothing_passes_and_the_minutes_say_why() {
    // 2 of 11 present, 6 needed.
    let mut events = present(&["ceps", "uct"]);
    events.extend(decide(
        "minutes",
        "Approve",
        &[("ceps", Choice::Yes), ("uct", Choice::Yes)],
    ));
    let m = minutes(events);
    let md = markdown(&m);
    assert!(
        md.contains("**Quorum:** 2 of 11 voting weight present, 6 needed (1/2): **not met**"),
        "{md}"
    );
    assert!(md.contains(
        "**Outcome:** **Not passed**. There was no quorum: 2 of 11 voting weight present, 6 needed (1/2)."
    ));
    assert!(md.contains("**Quorum** at the end of the record: 2 of 11 voting weight present, 6 needed (1/2): **not met**."));
}

#[test]
fn proxies_recusals_and_early_leavers_appear_in_attendance_and_roll_call() {
    let mut events = present(&["eth", "uct", "iisc", "ceps"]);
    events.push(Event::Proxy {
        member: "unsw".into(),
        holder: "eth".into(),
    });
    events.push(Event::ItemOpened {
        item: "budget-2027".into(),
    });
    events.push(Event::Recusal {
        item: "budget-2027".into(),
        member: "uct".into(),
    });
    events.push(Event::Motion {
        item: "budget-2027".into(),
        text: "Approve the revised 2027 budget".into(),
    });
    for (m, c) in [
        ("eth", Choice::Yes),
        ("unsw", Choice::Yes),
        ("iisc", Choice::No),
    ] {
        events.push(Event::Vote {
            item: "budget-2027".into(),
            member: m.into(),
            choice: c,
            change: false,
        });
    }
    events.push(Event::ItemClosed {
        item: "budget-2027".into(),
        outcome: None,
    });
    events.push(Event::Absent {
        member: "iisc".into(),
    });
    let m = minutes(events);
    let md = markdown(&m);
    assert!(
        md.contains(
            "| UNSW Sydney (`unsw`) |  | full | 2 | by proxy, held by ETH Zurich (`eth`) |"
        ),
        "{md}"
    );
    let iisc = md
        .lines()
        .find(|l| l.contains("(`iisc`) |  | full"))
        .unwrap();
    assert_eq!(
        iisc,
        "| Indian Institute of Science, Bengaluru (`iisc`) |  | full | 1 | absent (left at 15:12 CET (14:12 UTC)) |"
    );
    assert!(md.contains("**Rule:** `budget` = two-thirds"));
    assert!(md.contains("| Recused | 1 | 1 |"));
    assert!(md.contains("**Recused:** University of Cape Town (`uct`)"));
    assert!(md.contains("**Did not vote:** Centre for European Policy Studies (`ceps`)"));
    assert!(
        md.contains("| UNSW Sydney (`unsw`) | 2 | yes (by proxy, held by ETH Zurich (`eth`)) |")
    );
    assert!(md.contains(
        "**Result:** passed (two-thirds): yes 5, no 1, abstain 0; needed yes at least 4"
    ));
}

#[test]
fn a_ranking_lists_method_ballots_tiers_and_winners() {
    // Quorum (6 of 11) is met: a ranking needs it as a decision does.
    let mut events = present(&["eth", "uct", "unsw"]);
    events.push(Event::ItemOpened {
        item: "priorities-2027".into(),
    });
    for member in ["eth", "uct"] {
        events.push(Event::Ballot {
            item: "priorities-2027".into(),
            member: member.into(),
            marks: crate::vote::ranked::Marks::Ranking(vec![
                "ocean-systems".into(),
                "climate-adaptation".into(),
            ]),
            change: false,
        });
    }
    let m = minutes(events);
    let md = markdown(&m);
    assert!(md.contains("**Method:** schulze, 2 seats"), "{md}");
    assert!(md.contains("**Ballots:** 2, total weight 4"));
    assert!(md.contains("**Leading** (provisional, the item is still open): Ocean and coastal systems (`ocean-systems`), Climate adaptation (`climate-adaptation`)"));
    assert!(md.contains("| 1 | Ocean and coastal systems (`ocean-systems`) |"));
    assert!(md.contains("| 3 | Climate and public health (`public-health`), Just energy transition (`energy-transition`), Food and water security (`food-security`) (tied) |"), "{md}");
    assert!(md.contains("| ETH Zurich (`eth`) | 3 | ocean-systems > climate-adaptation |"));
}

#[test]
fn json_round_trips_and_keeps_its_key_order() {
    let mut events = present(&["eth", "uct", "unsw"]);
    events.extend(decide("minutes", "Approve", &[("eth", Choice::Yes)]));
    events.push(note(None, "Thanks to the secretariat."));
    events.push(Event::MeetingClosed);
    let m = minutes(events);
    let text = json(&m);
    let back: Minutes = serde_json::from_str(&text).unwrap();
    assert_eq!(back, m);
    assert_eq!(json(&back), text);
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "draft",
            "as_of",
            "terms",
            "meeting",
            "journal",
            "attendance",
            "items",
            "notes",
            "guests",
            "corrections",
            "actions"
        ]
    );
}

#[test]
fn a_tie_broken_for_the_last_seat_is_explained() {
    // Ocean first; adaptation and health level for the second seat.
    let mut events = present(&["eth", "uct", "ceps", "iisc"]);
    events.push(Event::ItemOpened {
        item: "priorities-2027".into(),
    });
    for (member, first) in [
        ("eth", "ocean-systems"),
        ("uct", "climate-adaptation"),
        ("ceps", "public-health"),
    ] {
        events.push(Event::Ballot {
            item: "priorities-2027".into(),
            member: member.into(),
            marks: crate::vote::ranked::Marks::Ranking(vec![first.into()]),
            change: false,
        });
    }
    events.push(Event::ItemClosed {
        item: "priorities-2027".into(),
        outcome: None,
    });
    let m = minutes(events);
    let result = m.items[4]
        .ranking
        .as_ref()
        .unwrap()
        .result
        .as_ref()
        .unwrap();
    assert!(result.tie_broken && result.is_final);
    let sentence = result.tie_break.as_deref().unwrap();
    let md = markdown(&m);
    assert!(
        md.contains(&format!("- **Tie-break:** {}", escape::inline(sentence))),
        "{md}"
    );
    assert!(md.contains("| 2 | Climate adaptation (`climate-adaptation`), Climate and public health (`public-health`) (tied) |"), "{md}");
    assert!(md.contains("- **Adopted:** Ocean and coastal systems (`ocean-systems`), Climate adaptation (`climate-adaptation`)"));
}

#[test]
fn agreed_action_items_are_listed_with_their_due_time() {
    let mut events = present(&["eth", "uct"]);
    events.push(Event::ActionCreated {
        text: "Circulate the revised call | with annex".into(),
        owner: "uct".into(),
        delegate: None,
        due: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
        item: None,
    });
    let m = minutes(events);
    assert_eq!(m.actions.agreed.len(), 1);
    let row = &m.actions.agreed[0];
    assert_eq!(row.id, "2027-03-steering/1");
    assert_eq!(row.timezone, "Africa/Johannesburg");
    // 1 April ends at midnight in Johannesburg (UTC+2): 22:00 UTC that day.
    assert_eq!(row.due_at.utc.to_rfc3339(), "2027-04-01T22:00:00+00:00");
    let md = markdown(&m);
    assert!(md.contains("## Action items"), "{md}");
    assert!(
        md.contains("Circulate the revised call \\| with annex"),
        "{md}"
    );
    assert!(
        md.contains("2027-04-01 (end of day, Africa/Johannesburg)"),
        "{md}"
    );
}

#[test]
fn an_item_shows_when_it_was_last_opened_and_closed() {
    // Minute 0-2 present, 3 open, 4 motion, 5 vote, 6 close.
    let mut events = present(&["eth", "uct", "unsw"]);
    events.extend(decide("minutes", "Approve", &[("eth", Choice::Yes)]));
    let m = minutes(events.clone());
    let item = &m.items[0];
    let minute = |n: i64| Some(start() + Duration::minutes(n));
    assert_eq!(item.opened_at.as_ref().map(|t| t.utc), minute(3));
    assert_eq!(item.closed_at.as_ref().map(|t| t.utc), minute(6));
    // Reopened at minute 7: still open, from then on; closed again at 8.
    events.push(Event::Reopen {
        item: "minutes".into(),
        reason: "closed too early".into(),
    });
    let m = minutes(events.clone());
    let item = &m.items[0];
    assert_eq!(item.opened_at.as_ref().map(|t| t.utc), minute(7));
    assert_eq!(item.closed_at, None);
    let md = markdown(&m);
    assert!(
        md.contains("opened 15:07 CET (14:07 UTC) · still open"),
        "{md}"
    );
    events.push(Event::ItemClosed {
        item: "minutes".into(),
        outcome: None,
    });
    let item = &minutes(events).items[0];
    assert_eq!(item.opened_at.as_ref().map(|t| t.utc), minute(7));
    assert_eq!(item.closed_at.as_ref().map(|t| t.utc), minute(8));
}
