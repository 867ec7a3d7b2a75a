//! `plenary approval`: circulating the draft minutes of a closed meeting,
//! objections within the veto window (days of the alliance's zone,
//! Brussels), rulings, corrected drafts, approval when the window ends or
//! by a minutes-approval vote at the next meeting (docs/approval.md).

mod approval;
mod common;

use approval::{MARCH, Ws};

/// 25 March 2027 ends at 23:00 UTC in Brussels (still winter time).
const LAST_MINUTE: &str = "2027-03-25T22:59:00Z";
const AFTER_THE_WINDOW: &str = "2027-03-25T23:01:00Z";

#[test]
fn an_objection_at_2359_in_brussels_counts_and_one_at_0001_is_refused() {
    let ws = Ws::closed(Some(10));
    let run = ws.approves("2027-03-15T09:00:00Z", "circulate");
    assert!(
        run.stdout
            .contains("#1 anchored to 2027-03-steering line 15"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("objections until the end of 2027-03-25, Europe/Brussels"),
        "{}",
        run.stdout
    );
    let draft = std::fs::read_to_string(ws.record_file("2027-03-steering.draft-1.md")).unwrap();
    assert!(draft.contains("Draft 1, circulated on 2027-03-15. Members may object until the end of 2027-03-25 (Europe/Brussels)"), "{draft}");
    ws.approves(
        LAST_MINUTE,
        "object budget-2027 uct The vote figures are wrong",
    );
    ws.refused(
        AFTER_THE_WINDOW,
        "object general iisc Too late",
        "the veto window of draft 1 closed at the end of 2027-03-25 (Europe/Brussels), 2027-03-25 23:00 UTC",
    );
    // Approval waits for the ruling, and the ruling for nobody.
    ws.refused(
        AFTER_THE_WINDOW,
        "approve",
        "objection 1 by uct is not ruled on",
    );
    let run = ws.approves(
        AFTER_THE_WINDOW,
        "dismiss 1 The roll call shows the figures",
    );
    assert!(
        run.stdout
            .contains("objection 1 dismissed: The roll call shows the figures")
    );
    let run = ws.approves(AFTER_THE_WINDOW, "approve");
    assert!(
        run.stdout
            .contains("now approved on 2027-03-26 (the veto window ended)"),
        "{}",
        run.stdout
    );
    // The approved files are the draft's bytes.
    for ext in ["md", "json"] {
        assert_eq!(
            std::fs::read(ws.record_file(&format!("{MARCH}.approved.{ext}"))).unwrap(),
            std::fs::read(ws.record_file(&format!("{MARCH}.draft-1.{ext}"))).unwrap()
        );
    }
    ws.refused(
        AFTER_THE_WINDOW,
        "correct Too late",
        "were approved on 2027-03-26",
    );
    let run = ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn approval_is_refused_while_the_window_is_open_and_after_an_upheld_objection() {
    let ws = Ws::closed(Some(10));
    ws.refused(
        "2027-03-11T09:00:00Z",
        "approve",
        "have not been circulated",
    );
    ws.refused(
        "2027-03-11T09:00:00Z",
        "object general uct x",
        "have not been circulated yet",
    );
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    ws.refused(
        LAST_MINUTE,
        "approve",
        "the veto window of draft 1 is open until the end of 2027-03-25 (Europe/Brussels), 2027-03-25 23:00 UTC",
    );
    ws.refused(LAST_MINUTE, "object nosuch uct x", "no item `nosuch`");
    ws.refused(
        LAST_MINUTE,
        "object general kyoto x",
        "`kyoto` is not a member of the Steering Committee",
    );
    ws.approves(
        "2027-03-20T09:00:00Z",
        "object minutes uct Our vote is missing",
    );
    ws.approves("2027-03-21T09:00:00Z", "uphold 1 UCT voted yes");
    ws.refused(
        "2027-03-21T09:00:00Z",
        "dismiss 1 no",
        "objection 1 was already upheld",
    );
    ws.refused(
        AFTER_THE_WINDOW,
        "approve",
        "objection 1 to draft 1 was upheld",
    );
    ws.refused(
        "2027-03-22T09:00:00Z",
        "circulate",
        "record the correction first",
    );
    ws.approves("2027-03-22T09:00:00Z", "correct Item 1: UCT voted yes");
    let run = ws.approves("2027-03-22T09:00:00Z", "circulate");
    assert!(
        run.stdout.contains("draft 2 circulated on 2027-03-22"),
        "{}",
        run.stdout
    );
    let draft = std::fs::read_to_string(ws.record_file("2027-03-steering.draft-2.md")).unwrap();
    assert!(
        draft.contains(
            "### Corrections to earlier drafts\n\n1. To draft 1: Item 1: UCT voted yes\n"
        ),
        "{draft}"
    );
    let json = std::fs::read_to_string(ws.record_file("2027-03-steering.draft-2.json")).unwrap();
    assert!(json.contains("\"to_draft\": 1"), "{json}");
    // The new window runs to the end of 1 April (summer time: 22:00 UTC).
    ws.refused(
        "2027-04-01T21:59:00Z",
        "approve",
        "open until the end of 2027-04-01",
    );
    ws.approves("2027-04-01T22:01:00Z", "approve");
    // The first draft stays as it was circulated.
    assert!(ws.record_file("2027-03-steering.draft-1.md").is_file());
}

#[test]
fn a_draft_is_never_circulated_twice_without_an_upheld_objection_nor_before_the_close() {
    let ws = Ws::closed(Some(3));
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    ws.refused(
        "2027-03-16T09:00:00Z",
        "circulate",
        "no objection to it was upheld",
    );
    let open = Ws {
        dir: common::example_copy(),
    };
    open.record(MARCH, "2027-03-10T14:00:00Z", "present eth");
    let run = open.approval("2027-03-15T09:00:00Z", "circulate");
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("is not closed"), "{}", run.stderr);
    assert!(!open.record_file("2027-03-steering.approval.jsonl").exists());
    // Bad words are usage errors or refusals, never a panic.
    assert_eq!(ws.approval("2027-03-16T09:00:00Z", "adjourn").code, Some(1));
    assert_eq!(
        ws.approval("2027-03-16T09:00:00Z", "uphold x why").code,
        Some(1)
    );
    assert_eq!(
        ws.run("2027-03-16T09:00:00Z", &["approval", ".", MARCH])
            .code,
        Some(2)
    );
}

#[test]
fn without_a_veto_window_the_next_meeting_approves_the_minutes_by_vote() {
    let ws = Ws::closed(None);
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    ws.refused(
        "2027-06-01T09:00:00Z",
        "approve",
        "sets no [bodies.minutes] veto_days: these minutes are approved by a `minutes-approval` item",
    );
    // The example's September agenda approves the March minutes by vote.
    let september = std::fs::read_to_string(ws.path("2027-09-steering.toml")).unwrap();
    assert!(september.contains("kind = \"minutes-approval\"\napproves = \"2027-03-steering\""));
    let run = ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    ws.record(
        "2027-09-steering",
        "2027-09-08T14:00:00Z",
        "present eth ceps uct iisc unsw usp columbia , open minutes , motion minutes Approve the March minutes , vote minutes eth=no ceps=no uct=no , close minutes",
    );
    // A motion that failed approves nothing.
    ws.refused("2027-09-08T15:00:00Z", "approve", "veto_days");
    ws.record(
        "2027-09-steering",
        "2027-09-08T15:00:00Z",
        "reopen minutes Wrong motion , withdraw minutes Put again , motion minutes Approve the March minutes as circulated , vote minutes eth=yes ceps=yes uct=yes , close minutes",
    );
    let run = ws.approves("2027-09-08T15:10:00Z", "approve");
    assert!(
        run.stdout
            .contains("approved on 2027-09-08 (by the vote on 2027-09-steering/minutes)"),
        "{}",
        run.stdout
    );
}

#[test]
fn approves_belongs_to_minutes_approval_items_only() {
    let ws = Ws::closed(None);
    ws.edit("2027-09-steering.toml", |t| {
        t.replacen(
            "rule = \"budget\"\nminutes = 15",
            "rule = \"budget\"\napproves = \"2027-03-steering\"\nminutes = 15",
            1,
        )
    });
    let run = ws.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "2027-09-steering.toml:32:12: `approves` applies only to minutes-approval items"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_in_bodies_minutes_is_an_error() {
    let ws = Ws {
        dir: common::example_copy(),
    };
    ws.edit("charter.toml", |t| {
        t.replacen("  veto_days = 10\n", "  veto_days = 10\n  vetoes = 1\n", 1)
    });
    let run = ws.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("charter.toml:314:3: unknown key `vetoes` (did you mean `veto_days`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn veto_days_is_a_number_of_days_from_1_to_90() {
    let ws = Ws {
        dir: common::example_copy(),
    };
    ws.edit("charter.toml", |t| {
        t.replacen("  veto_days = 10\n", "  veto_days = 91\n", 1)
    });
    let run = ws.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("`veto_days` must be a whole number of days from 1 to 90, not 91"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_approved_meetings_minutes_are_its_stored_files() {
    let ws = Ws::approved(10);
    for (format, ext) in [("md", "md"), ("json", "json")] {
        let run = ws.run(
            "2030-01-01T00:00:00Z",
            &["minutes", ".", MARCH, "--format", format, "-o", "-"],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let stored =
            std::fs::read_to_string(ws.record_file(&format!("{MARCH}.approved.{ext}"))).unwrap();
        assert_eq!(run.stdout, stored);
    }
    let run = ws.run(
        "2030-01-01T00:00:00Z",
        &["minutes", ".", MARCH, "--format", "html", "-o", "-"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("Approval of these minutes"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_reports_an_edited_approval_record_and_a_missing_draft() {
    let ws = Ws::closed(Some(10));
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    ws.approves(
        "2027-03-16T09:00:00Z",
        "object general uct Apologies missing",
    );
    let run = ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    std::fs::remove_file(ws.record_file(&format!("{MARCH}.draft-1.json"))).unwrap();
    let run = ws.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!(
            "./records/{MARCH}.approval.jsonl:2:1: ./records/{MARCH}.draft-1.json is missing"
        )),
        "{}",
        run.stderr
    );
    ws.edit(&format!("records/{MARCH}.approval.jsonl"), |t| {
        t.replace("Apologies missing", "Apologies lost")
    });
    let run = ws.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains(&format!("./records/{MARCH}.approval.jsonl:")),
        "{}",
        run.stderr
    );
    // A refused step leaves the record as it is.
    assert_eq!(
        ws.approval("2027-03-17T09:00:00Z", "correct x").code,
        Some(1)
    );
}

#[test]
fn without_a_window_objections_are_taken_until_approval() {
    let ws = Ws::closed(None);
    let run = ws.approves("2027-03-15T09:00:00Z", "circulate");
    assert!(
        run.stdout.contains("approval by a minutes-approval vote"),
        "{}",
        run.stdout
    );
    ws.approves(
        "2027-08-30T09:00:00Z",
        "object general columbia Our apologies are missing",
    );
    let draft = std::fs::read_to_string(ws.record_file(&format!("{MARCH}.draft-1.md"))).unwrap();
    assert!(draft.contains("The body sets no veto window"), "{draft}");
}

#[test]
fn no_step_is_recorded_once_the_closed_journal_was_changed() {
    use sha2::{Digest as _, Sha256};
    let hash = |b: &[u8]| -> String {
        Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    let ws = Ws::closed(Some(10));
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    // Rewritten with recomputed hashes: the chain holds, the anchor does not.
    let path = ws.record_file(&format!("{MARCH}.jsonl"));
    let journal = std::fs::read_to_string(&path).unwrap();
    let mut prev = "0".repeat(64);
    let mut out = String::new();
    for (i, line) in journal.lines().enumerate() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        value["prev"] = serde_json::Value::String(prev.clone());
        if i == 3 {
            value["by"] = serde_json::Value::String("Someone else".into());
        }
        let text = serde_json::to_string(&value).unwrap();
        prev = hash(text.as_bytes());
        out.push_str(&text);
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    std::fs::write(
        ws.record_file(&format!("{MARCH}.head")),
        format!("15 {prev}\n"),
    )
    .unwrap();
    let before = std::fs::read(ws.record_file(&format!("{MARCH}.approval.jsonl"))).unwrap();
    ws.refused(
        "2027-03-16T09:00:00Z",
        "object general uct x",
        "no longer ends at line 15 with the SHA-256 the approval record anchors",
    );
    assert_eq!(
        std::fs::read(ws.record_file(&format!("{MARCH}.approval.jsonl"))).unwrap(),
        before
    );
}

#[test]
fn a_line_beyond_the_approval_records_head_is_a_note_and_never_counted() {
    let ws = Ws::closed(Some(10));
    ws.approves("2027-03-15T09:00:00Z", "circulate");
    let path = ws.record_file(&format!("{MARCH}.approval.jsonl"));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"seq\":3,\"half a line");
    std::fs::write(&path, text).unwrap();
    let run = ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "./records/{MARCH}.approval.jsonl:3:1: note: line 3"
        )),
        "{}",
        run.stderr
    );
    // The next step sets it aside and goes on from the head.
    let run = ws.approves(
        "2027-03-16T09:00:00Z",
        "object general uct Missing apologies",
    );
    assert!(run.stdout.contains("#3 objection by uct"), "{}", run.stdout);
    assert!(ws.record_file(&format!("{MARCH}.approval.torn")).is_file());
}

#[test]
fn the_minutes_of_the_approving_meeting_show_the_vote_as_a_decision() {
    // The example's September item `minutes` approves the March minutes.
    let ws = Ws::closed(None);
    ws.record(
        "2027-09-steering",
        "2027-09-08T14:00:00Z",
        "present eth ceps uct iisc unsw usp columbia , open minutes , motion minutes Approve the March minutes , vote minutes eth=yes ceps=yes uct=yes , close minutes",
    );
    let run = ws.run(
        "2027-09-08T15:00:00Z",
        &["minutes", ".", "2027-09-steering", "-o", "-"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("*Minutes approval · "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Approve the March minutes"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("passed"), "{}", run.stdout);
}
