//! A written procedure from the command line (SPEC 9, docs/written.md),
//! on a private copy of the example alliance: the May 2027 steering
//! procedure on the seed-grant call (rule `urgent` = absolute majority of
//! all 11 votes, silence is not consent, deadline the end of 14 May in
//! Brussels). Every refusal exits 1 and leaves the journal's bytes as they
//! were. Time is set with `PLENARY_NOW`.
//!
//! Steering weights: eth 3 (chair), ceps 1, uct 1, iisc 1, unsw 2, usp 1,
//! columbia 2.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::Run;

const ID: &str = "2027-05-steering-seed-grants";
const EARLY: &str = "2027-05-03T09:00:00Z";

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Self {
            dir: common::example_copy(),
        }
    }

    /// The example with the alliance in `zone` and the procedure's
    /// deadline `deadline`.
    fn in_zone(zone: &str, deadline: &str) -> Self {
        let ws = Self::new();
        let charter = ws.dir.path().join("charter.toml");
        let text = std::fs::read_to_string(&charter).unwrap();
        let text = text.replacen(
            "timezone = \"Europe/Brussels\"",
            &format!("timezone = \"{zone}\""),
            1,
        );
        std::fs::write(&charter, text).unwrap();
        let agenda = ws.dir.path().join(format!("{ID}.toml"));
        let text = std::fs::read_to_string(&agenda).unwrap();
        std::fs::write(
            &agenda,
            text.replace("deadline = 2027-05-14", &format!("deadline = {deadline}")),
        )
        .unwrap();
        ws
    }

    fn journal(&self) -> PathBuf {
        self.dir.path().join(format!("records/{ID}.jsonl"))
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.journal()).unwrap_or_default()
    }

    /// `plenary record WS ID WORDS...` at `now`.
    fn record(&self, now: &str, words: &[&str]) -> Run {
        Run::of(
            Command::new(env!("CARGO_BIN_EXE_plenary"))
                .arg("record")
                .arg(self.dir.path())
                .arg(ID)
                .args(words)
                .env("PLENARY_NOW", now)
                .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
                .output()
                .unwrap(),
        )
    }

    #[track_caller]
    fn ok(&self, now: &str, words: &[&str]) -> String {
        let run = self.record(now, words);
        assert_eq!(run.code, Some(0), "{words:?}: {}", run.stderr);
        run.stdout
    }

    /// A refusal: exit 1, the message, and nothing written.
    #[track_caller]
    fn refused(&self, now: &str, words: &[&str]) -> String {
        let before = self.bytes();
        let run = self.record(now, words);
        assert_eq!(run.code, Some(1), "{words:?} was accepted: {}", run.stdout);
        assert_eq!(self.bytes(), before, "{words:?} wrote to the journal");
        run.stderr
    }
}

#[test]
fn the_example_procedure_closes_early_once_it_cannot_change_and_not_one_reply_earlier() {
    let ws = Workspace::new();
    let out = ws.ok(EARLY, &["open-procedure"]);
    let (terms, rest) = out.split_once('\n').unwrap();
    assert!(
        terms.starts_with("#1 terms frozen: 7 members, 1 items"),
        "{terms}"
    );
    assert_eq!(
        rest,
        "#2 procedure opened, deadline 2027-05-14 21:59 UTC\n  closes Fri 14 May 23:59 CEST\n"
    );
    let without = ws.refused(EARLY, &["reply", "eth", "yes"]);
    assert!(without.contains("without its evidence"), "{without}");
    let wrong = ws.refused(EARLY, &["reply", "eth", "maybe", "--via", "email"]);
    assert!(wrong.contains("`maybe` is not a reply"), "{wrong}");
    let meeting = ws.refused(EARLY, &["present", "eth"]);
    assert!(
        meeting.contains("unknown event `present` in a written procedure"),
        "{meeting}"
    );
    let out = ws.ok(
        EARLY,
        &[
            "reply",
            "eth",
            "yes",
            "--via",
            "email 2027-05-03",
            ",",
            "reply",
            "seed-call-2027",
            "unsw",
            "yes",
            "--via",
            "letter",
        ],
    );
    assert_eq!(
        out,
        "#3 reply seed-call-2027 eth yes (via email 2027-05-03)\n#4 reply seed-call-2027 unsw yes (via letter)\n  seed-call-2027 so far, if nobody else replies: not passed (absolute): yes 5, no 0, abstain 0; needed yes above 5\n"
    );
    let again = ws.refused(EARLY, &["reply", "eth", "no", "--via", "phone"]);
    assert!(again.contains("a reply is final"), "{again}");
    // 5 of 11 say yes: the five others could still make it or not.
    let early = ws.refused(EARLY, &["close"]);
    assert!(
        early.contains("`seed-call-2027` could still pass or fail: the 5 members yet to reply (ceps, uct, iisc, usp, columbia) may reply"),
        "{early}"
    );
    ws.ok(EARLY, &["reply", "uct", "yes", "--via", "email 2027-05-04"]);
    let out = ws.ok(EARLY, &["close", "a majority of all votes is in"]);
    assert!(
        out.starts_with("#6 procedure closed early: no remaining reply can change the outcome: `seed-call-2027` passes whatever the 4 members yet to reply (ceps, iisc, usp, columbia) reply\n  seed-call-2027: passed (absolute)"),
        "{out}"
    );
    let after = ws.refused(EARLY, &["reply", "iisc", "no", "--via", "email"]);
    assert!(after.contains("closed"), "{after}");
}

#[test]
fn at_the_deadline_the_outcome_is_final_and_replies_stop() {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    ws.ok(EARLY, &["reply", "eth", "yes", "--via", "email"]);
    let refused = ws.refused("2027-05-14T21:59:00Z", &["close"]);
    assert!(refused.contains("can still change"), "{refused}");
    let late = ws.refused(
        "2027-05-14T22:00:00Z",
        &["reply", "uct", "yes", "--via", "email"],
    );
    assert!(
        late.contains("the deadline (2027-05-14 21:59 UTC) has passed: no more replies are taken"),
        "{late}"
    );
    let out = ws.ok("2027-05-15T08:00:00Z", &["close"]);
    assert_eq!(
        out,
        "#4 procedure closed: the deadline passed (2027-05-14 21:59 UTC)\n  seed-call-2027: not passed (absolute): yes 3, no 0, abstain 0; needed yes above 5\n  there was no quorum: 3 of 11 voting weight present, 6 needed (1/2)\n"
    );
}

#[test]
fn extend_before_the_deadline_to_a_later_one_and_withdraw() {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    let earlier = ws.refused(EARLY, &["extend", "2027-05-10", "sooner"]);
    assert!(
        earlier.contains("is not later than the deadline in force"),
        "{earlier}"
    );
    let reasonless = ws.refused(EARLY, &["extend", "2027-05-21"]);
    assert!(
        reasonless.contains("usage: extend DEADLINE REASON..."),
        "{reasonless}"
    );
    let bad = ws.refused(EARLY, &["extend", "next-friday", "why"]);
    assert!(bad.contains("is not a deadline"), "{bad}");
    let out = ws.ok(
        EARLY,
        &[
            "extend",
            "2027-05-21",
            "several",
            "members",
            "asked",
            "for",
            "a",
            "week",
        ],
    );
    assert_eq!(
        out,
        "#3 deadline extended to 2027-05-21 21:59 UTC: several members asked for a week\n  closes Fri 21 May 23:59 CEST\n"
    );
    // After the first deadline, a reply still counts until the new one.
    ws.ok(
        "2027-05-18T10:00:00Z",
        &["reply", "eth", "no", "--via", "email"],
    );
    let past = "2027-05-21T22:00:00Z";
    let too_late = ws.refused(past, &["extend", "2027-05-28", "more"]);
    assert!(
        too_late.contains("a deadline is extended before it passes"),
        "{too_late}"
    );
    let no_withdraw = ws.refused(past, &["withdraw", "redrafted"]);
    assert!(no_withdraw.contains("record `close`"), "{no_withdraw}");
    let out = ws.ok(
        "2027-05-19T10:00:00Z",
        &["withdraw", "the call is redrafted"],
    );
    assert_eq!(out, "#5 procedure withdrawn: the call is redrafted\n");
    let late = ws.refused(
        "2027-05-19T10:00:00Z",
        &["reply", "uct", "yes", "--via", "email"],
    );
    assert!(
        late.contains("the written procedure has ended (closed or withdrawn)"),
        "{late}"
    );
}

/// (alliance zone, deadline date, the instant it ends): a reply one minute
/// before that instant counts, one minute after is refused. Berlin changes
/// its clocks on 28 March and 31 October 2027, Sydney on 4 April and
/// 3 October 2027; Kathmandu is UTC+05:45.
#[test]
fn a_reply_one_minute_before_the_deadline_counts_and_one_minute_after_is_refused_in_every_zone() {
    let cases = [
        (
            "Europe/Berlin",
            "2027-03-28",
            "2027-03-28T21:59:00Z",
            "2027-03-28T22:01:00Z",
        ),
        (
            "Europe/Berlin",
            "2027-10-31",
            "2027-10-31T22:59:00Z",
            "2027-10-31T23:01:00Z",
        ),
        (
            "Australia/Sydney",
            "2027-04-04",
            "2027-04-04T13:59:00Z",
            "2027-04-04T14:01:00Z",
        ),
        (
            "Australia/Sydney",
            "2027-10-03",
            "2027-10-03T12:59:00Z",
            "2027-10-03T13:01:00Z",
        ),
        (
            "Asia/Kathmandu",
            "2027-05-14",
            "2027-05-14T18:14:00Z",
            "2027-05-14T18:16:00Z",
        ),
    ];
    for (zone, deadline, before, after) in cases {
        let ws = Workspace::in_zone(zone, deadline);
        ws.ok("2027-03-01T00:00:00Z", &["open-procedure"]);
        ws.ok(before, &["reply", "eth", "yes", "--via", "email"]);
        let late = ws.refused(after, &["reply", "uct", "yes", "--via", "email"]);
        assert!(late.contains("has passed"), "{zone}: {late}");
    }
}

#[test]
fn a_written_procedure_is_checked_like_every_agenda() {
    let ws = Workspace::new();
    let agenda = ws.dir.path().join(format!("{ID}.toml"));
    let text = std::fs::read_to_string(&agenda).unwrap();
    std::fs::write(
        &agenda,
        text.replace("deadline = 2027-05-14", "start = 2027-05-14T10:00:00Z"),
    )
    .unwrap();
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("check")
            .arg(ws.dir.path())
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!(
            "{ID}.toml:13:9: a written procedure has no `start`: members reply until its `deadline`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a written procedure needs a `deadline`"),
        "{}",
        run.stderr
    );
}

impl Workspace {
    /// `plenary minutes WS ID --format FORMAT -o -` at `now`.
    fn minutes(&self, now: &str, format: &str) -> String {
        let run = Run::of(
            Command::new(env!("CARGO_BIN_EXE_plenary"))
                .arg("minutes")
                .arg(self.dir.path())
                .args([ID, "--format", format, "-o", "-"])
                .env("PLENARY_NOW", now)
                .output()
                .unwrap(),
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        run.stdout
    }
}

/// The example procedure with an extension, replies received otherwise
/// and a ranking-free single decision, closed at the deadline.
fn held() -> Workspace {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    ws.ok(
        "2027-05-04T10:00:00Z",
        &["reply", "eth", "yes", "--via", "email 2027-05-04"],
    );
    ws.ok(
        "2027-05-06T10:00:00Z",
        &[
            "extend",
            "2027-05-21",
            "members",
            "asked",
            "for",
            "a",
            "week",
        ],
    );
    ws.ok(
        "2027-05-07T10:00:00Z",
        &[
            "reply",
            "unsw",
            "yes",
            "--via",
            "letter of 6 May",
            ",",
            "reply",
            "ceps",
            "abstain",
            "--via",
            "call",
        ],
    );
    ws.ok(
        "2027-05-20T23:30:00Z",
        &["reply", "columbia", "yes", "--via", "email"],
    );
    ws.ok("2027-05-22T08:00:00Z", &["close"]);
    ws
}

#[test]
fn the_minutes_are_the_procedures_record_and_the_same_bytes_on_every_export() {
    let ws = held();
    let md = ws.minutes("2027-05-22T08:00:00Z", "md");
    assert_eq!(md, ws.minutes("2030-01-01T00:00:00Z", "md"));
    for format in ["html", "json"] {
        assert_eq!(
            ws.minutes("2027-05-22T08:00:00Z", format),
            ws.minutes("2030-01-01T00:00:00Z", format)
        );
    }
    // The hash of the last line changes with the example's files.
    let hash = md.split("last hash `").nth(1).unwrap().get(..64).unwrap();
    insta::assert_snapshot!("written_minutes_markdown", md.replace(hash, "HASH"));
}

#[test]
fn the_json_minutes_carry_every_reply_and_the_recorded_outcome() {
    let ws = held();
    let json: serde_json::Value =
        serde_json::from_str(&ws.minutes("2027-05-22T08:00:00Z", "json")).unwrap();
    let w = &json["written"];
    assert_eq!(w["status"], "closed");
    assert_eq!(w["silence"], "none");
    assert_eq!(w["rule"], "urgent");
    assert_eq!(w["deadline_set"]["date"], "2027-05-14");
    assert_eq!(w["deadline"]["at"]["utc"], "2027-05-21T22:00:00Z");
    assert_eq!(w["extensions"][0]["reason"], "members asked for a week");
    let item = &w["items"][0];
    assert_eq!(item["id"], "seed-call-2027");
    assert_eq!(item["provisional"], false);
    let replies: Vec<(&str, &str)> = item["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["member"]["id"].as_str().unwrap(),
                r["via"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        replies,
        [
            ("eth", "email 2027-05-04"),
            ("unsw", "letter of 6 May"),
            ("ceps", "call"),
            ("columbia", "email")
        ]
    );
    let silent: Vec<&str> = item["not_replied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["member"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(silent, ["uct", "iisc", "usp"]);
    let outcome = &item["outcome"]["decision"];
    assert_eq!(outcome["passed"], true);
    assert_eq!(outcome["rule"], "absolute");
    assert_eq!(outcome["yes"]["weight"], 7);
    assert_eq!(outcome["quorum"]["present"], 8);
    assert_eq!(w["end"]["kind"], "closed");
    assert_eq!(w["end"]["early"], false);
    assert_eq!(json["draft"], false);
}

#[test]
fn an_edit_after_the_procedure_began_is_noted_at_its_key_and_the_record_keeps_what_was() {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    let agenda = ws.dir.path().join(format!("{ID}.toml"));
    let text = std::fs::read_to_string(&agenda).unwrap();
    std::fs::write(
        &agenda,
        text.replace("deadline = 2027-05-14", "deadline = 2027-05-07"),
    )
    .unwrap();
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("check")
            .arg(ws.dir.path())
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{ID}.toml:13:12: note: `{ID}` is being held with deadline = 2027-05-14; the file now says 2027-05-07; the record keeps 2027-05-14"
        )),
        "{}",
        run.stderr
    );
    // The frozen deadline still rules: a reply on 10 May counts.
    ws.ok(
        "2027-05-10T10:00:00Z",
        &["reply", "eth", "yes", "--via", "email"],
    );
}

#[test]
fn a_reply_recorded_in_error_is_voided_with_a_reason_and_the_member_replies_again() {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    ws.ok(EARLY, &["reply", "uct", "no", "--via", "email"]);
    let reasonless = ws.refused(EARLY, &["void", "3"]);
    assert!(
        reasonless.contains("usage: void SEQ REASON..."),
        "{reasonless}"
    );
    let not_a_reply = ws.refused(EARLY, &["void", "2", "oops"]);
    assert!(
        not_a_reply.contains("event #2 is not a reply that still counts"),
        "{not_a_reply}"
    );
    let out = ws.ok(EARLY, &["void", "3", "the e-mail was from iisc, not uct"]);
    assert_eq!(out, "#4 void #3: the e-mail was from iisc, not uct\n");
    ws.ok(
        EARLY,
        &[
            "reply", "iisc", "no", "--via", "email", ",", "reply", "uct", "yes", "--via", "phone",
        ],
    );
    // After the deadline the replies as they stood are final.
    let late = ws.refused("2027-05-15T00:00:00Z", &["void", "6", "changed its mind"]);
    assert!(late.contains("are final"), "{late}");
    let md = ws.minutes("2027-05-15T00:00:00Z", "md");
    assert!(
        md.contains("## Corrections\n\n- #4 (Mon 3 May 2027 11:00 CEST (09:00 UTC)): the reply #3 of `uct` on `seed-call-2027` (no) no longer counts: the e-mail was from iisc, not uct\n"),
        "{md}"
    );
}

#[test]
fn record_help_lists_the_written_procedures_events() {
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["record", "--help"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0));
    for line in [
        "In a written procedure (agenda `kind = \"written\"`, docs/written.md):",
        "  open-procedure                 start taking replies until the deadline",
        "  reply [ITEM] MEMBER CHOICE [--via TEXT]",
        "  extend DEADLINE REASON...",
        "  withdraw REASON...             withdraw the procedure: nothing is decided",
        "  close [REASON...]              fix the outcome: after the deadline, or once no reply can change it",
        "  void SEQ REASON...             a reply recorded in error no longer counts (before the deadline)",
        "  plenary record agendas/gcra 2027-05-steering-seed-grants reply uct yes --via \"email 2027-05-03\"",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_reply_names_its_item_when_the_procedure_has_several() {
    let ws = Workspace::new();
    let agenda = ws.dir.path().join(format!("{ID}.toml"));
    let mut text = std::fs::read_to_string(&agenda).unwrap();
    text.push_str(
        "\n[[items]]\nid = \"seed-jury\"\ntitle = \"The seed-grant jury\"\nkind = \"decision\"\n",
    );
    std::fs::write(&agenda, text).unwrap();
    ws.ok(EARLY, &["open-procedure"]);
    let unnamed = ws.refused(EARLY, &["reply", "eth", "yes", "--via", "email"]);
    assert!(
        unnamed.contains(
            "name the item first: this procedure has 2 items (seed-call-2027, seed-jury)"
        ),
        "{unnamed}"
    );
    let out = ws.ok(EARLY, &["reply", "seed-jury", "eth", "r", "--via", "email"]);
    assert!(
        out.starts_with("#3 reply seed-jury eth recuse (via email)\n"),
        "{out}"
    );
    let no_evidence = ws.refused(EARLY, &["reply", "seed-jury", "uct", "yes", "--via"]);
    assert!(
        no_evidence.contains("--via needs the evidence"),
        "{no_evidence}"
    );
}

#[test]
fn there_is_no_invitation_to_a_written_procedure() {
    let ws = Workspace::new();
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("invite")
            .arg(ws.dir.path())
            .args([ID, "-o", "-"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("is a written procedure: there is no meeting to invite to"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_meeting_refuses_a_written_procedures_events() {
    let ws = Workspace::new();
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("record")
            .arg(ws.dir.path())
            .args(["2027-03-steering", "open-procedure"])
            .env("PLENARY_NOW", EARLY)
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "`open-procedure` belongs to a written procedure; `2027-03-steering` is a meeting"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !ws.dir
            .path()
            .join("records/2027-03-steering.jsonl")
            .exists()
    );
}

#[test]
fn the_draft_minutes_of_an_open_procedure_say_the_quorum_is_not_met_yet() {
    let ws = Workspace::new();
    ws.ok(EARLY, &["open-procedure"]);
    ws.ok(EARLY, &["reply", "ceps", "yes", "--via", "email"]);
    let md = ws.minutes(EARLY, "md");
    assert!(
        md.contains("**So far, if nobody else replies:** not passed (absolute)"),
        "{md}"
    );
    assert!(
        md.contains("No quorum yet: 1 of 11 voting weight present, 6 needed (1/2)."),
        "{md}"
    );
    assert!(!md.contains("There was no quorum"), "{md}");
}
