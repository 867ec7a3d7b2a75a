//! `plenary record` as a real process (SPEC 3, 6): a whole steering meeting
//! of the example alliance recorded from the command line, the lines it
//! prints (`#N ...` per event, the frozen terms first (SPEC 3.3), the
//! outcome on each close), and every
//! refusal: exit 1 with a clear message and the journal's bytes unchanged;
//! usage errors exit 2.
//!
//! Every test works on a private copy of `agendas/gcra`.

mod common;

use common::Run;

use std::path::PathBuf;
use std::process::Command;

use plenary::meeting::hash_line;

const STEERING: &str = "2027-03-steering";
const GA: &str = "2027-06-general-assembly";

/// A private copy of the example workspace.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = common::example_copy();
        Self { dir }
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn journal(&self, meeting: &str) -> PathBuf {
        self.dir.path().join(format!("records/{meeting}.jsonl"))
    }

    /// The journal's bytes (empty when there is none yet).
    fn bytes(&self, meeting: &str) -> Vec<u8> {
        std::fs::read(self.journal(meeting)).unwrap_or_default()
    }

    /// Runs `plenary ARGS...` under a fixed clock.
    fn plenary(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .env("PLENARY_NOW", "2027-03-10T14:00:00Z")
            .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
            .output()
            .unwrap();
        Run::of(output)
    }

    /// `plenary record WORKSPACE MEETING WORDS...` (words split on spaces).
    fn record(&self, meeting: &str, words: &str) -> Run {
        let mut args = vec!["record", self.root(), meeting];
        args.extend(words.split_whitespace());
        self.plenary(&args)
    }

    /// Records `words`, which must succeed and print exactly `expected`.
    #[track_caller]
    fn records(&self, meeting: &str, words: &str, expected: &str) {
        let run = self.record(meeting, words);
        assert_eq!(run.code, Some(0), "`{words}`: {}", run.stderr);
        assert_eq!(run.stdout, expected, "`{words}`");
        assert_eq!(run.stderr, "", "`{words}`");
    }

    /// Records `words`, which must be refused with exit 1, a message
    /// containing `message`, and nothing written; returns the message.
    #[track_caller]
    fn refuses(&self, meeting: &str, words: &str, message: &str) -> String {
        let before = self.bytes(meeting);
        let run = self.record(meeting, words);
        assert_eq!(run.code, Some(1), "`{words}` should fail: {run:?}");
        assert_eq!(run.stdout, "", "`{words}` prints nothing on stdout");
        assert!(
            run.stderr.starts_with("plenary: ") && run.stderr.contains(message),
            "`{words}`: expected `{message}` in:\n{}",
            run.stderr
        );
        assert_eq!(
            self.bytes(meeting),
            before,
            "`{words}` must not write anything"
        );
        run.stderr
    }

    /// The `#1 terms frozen: ...` line that the first append prints: the
    /// body's size, the agenda's, and the first 12 hex digits of the
    /// SHA-256 of the charter and agenda files as they are now.
    fn terms_line(&self, meeting: &str, members: usize, items: usize) -> String {
        let short = |file: &str| {
            let bytes = std::fs::read(self.dir.path().join(file)).unwrap();
            hash_line(&bytes)[..12].to_owned()
        };
        format!(
            "#1 terms frozen: {members} members, {items} items, charter {}, agenda {}\n",
            short("charter.toml"),
            short(&format!("{meeting}.toml"))
        )
    }

    #[track_caller]
    fn check_passes(&self) {
        let run = self.plenary(&["check", self.root()]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(
            run.stdout.ends_with("4 agendas: all valid\n"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_whole_steering_meeting_from_the_command_line() {
    let ws = Workspace::new();
    let terms = ws.terms_line(STEERING, 7, 7);
    let first = format!(
        "{terms}#2 present eth\n#3 present ceps\n#4 present uct\n#5 present iisc\n#6 present unsw\n#7 proxy usp held by eth\n"
    );
    let steps: &[(&str, &str)] = &[
        ("present eth ceps uct iisc unsw , proxy usp eth", &first),
        (
            "note columbia sent apologies",
            "#8 note: columbia sent apologies\n",
        ),
        (
            "open minutes , motion minutes Approve the February minutes",
            "#9 open minutes\n#10 motion minutes: Approve the February minutes\n",
        ),
        (
            "vote minutes eth=yes ceps=yes uct=no iisc=abstain unsw=yes usp=yes",
            "#11 vote minutes eth yes\n#12 vote minutes ceps yes\n#13 vote minutes uct no\n#14 vote minutes iisc abstain\n#15 vote minutes unsw yes\n#16 vote minutes usp yes\n",
        ),
        (
            "change minutes uct yes",
            "#17 vote minutes uct yes (changed)\n",
        ),
        (
            "close minutes",
            "#18 close minutes\n  passed (simple): yes 8, no 0, abstain 1; needed yes above 0\n  the rule's majority was reached: yes 8 against no 0, yes above 0; quorum: 9 of 11 voting weight present, 6 needed (1/2)\n",
        ),
        (
            "open secretariat-report , note Annual report due in April , close secretariat-report",
            "#19 open secretariat-report\n#20 note on secretariat-report: Annual report due in April\n#21 close secretariat-report\n",
        ),
        (
            "open budget-2027 , recuse budget-2027 unsw , motion budget-2027 Raise the seed-grant envelope to EUR 1.5m",
            "#22 open budget-2027\n#23 recusal budget-2027 unsw\n#24 motion budget-2027: Raise the seed-grant envelope to EUR 1.5m\n",
        ),
        ("vote budget-2027 eth yes", "#25 vote budget-2027 eth yes\n"),
        (
            "vote budget-2027 ceps=no uct=y iisc=n usp=YES",
            "#26 vote budget-2027 ceps no\n#27 vote budget-2027 uct yes\n#28 vote budget-2027 iisc no\n#29 vote budget-2027 usp yes\n",
        ),
        // Two-thirds of yes 5 + no 2 is 4.67: yes 5 is enough.
        (
            "close budget-2027",
            "#30 close budget-2027\n  passed (two-thirds): yes 5, no 2, abstain 0; needed yes at least 5\n  the rule's majority was reached: yes 5 against no 2, yes at least 5; quorum: 9 of 11 voting weight present, 6 needed (1/2)\n",
        ),
        (
            "open programme-review , note Both centres on track , close programme-review",
            "#31 open programme-review\n#32 note on programme-review: Both centres on track\n#33 close programme-review\n",
        ),
        (
            "open priorities-2027 , ballot priorities-2027 eth ocean-systems climate-adaptation public-health , ballot priorities-2027 uct public-health food-security climate-adaptation , ballot priorities-2027 unsw ocean-systems public-health",
            "#34 open priorities-2027\n#35 ballot priorities-2027 eth: ocean-systems > climate-adaptation > public-health\n#36 ballot priorities-2027 uct: public-health > food-security > climate-adaptation\n#37 ballot priorities-2027 unsw: ocean-systems > public-health\n",
        ),
        (
            "ballot priorities-2027 ceps public-health climate-adaptation , ballot priorities-2027 iisc food-security public-health , change-ballot priorities-2027 iisc public-health food-security",
            "#38 ballot priorities-2027 ceps: public-health > climate-adaptation\n#39 ballot priorities-2027 iisc: food-security > public-health\n#40 ballot priorities-2027 iisc: public-health > food-security (changed)\n",
        ),
        // Weighted: ocean-systems beats public-health 5 to 3, public-health
        // beats every other option, climate-adaptation beats food-security
        // 4 to 2, food-security beats energy-transition 2 to 0. With quorum
        // (9 of 11 present) the two seats are adopted.
        (
            "close priorities-2027",
            "#41 close priorities-2027\n  schulze adopted: ocean-systems, public-health\n  ranking: ocean-systems > public-health > climate-adaptation > food-security > energy-transition\n",
        ),
        (
            "open ga-preparation , close ga-preparation , open aob , note Next meeting on 8 September , close aob , close-meeting",
            "#42 open ga-preparation\n#43 close ga-preparation\n#44 open aob\n#45 note on aob: Next meeting on 8 September\n#46 close aob\n#47 meeting closed\n",
        ),
    ];
    for (words, expected) in steps {
        ws.records(STEERING, words, expected);
    }
    ws.check_passes();

    // Every line is on disk, by the recorder, at the fixed time.
    let journal = std::fs::read_to_string(ws.journal(STEERING)).unwrap();
    assert_eq!(journal.lines().count(), 47);
    assert!(
        journal
            .lines()
            .all(|l| l.contains(r#""at":"2027-03-10T14:00:00Z","by":"Dr. Sophie Vandenberghe""#))
    );
    let head =
        std::fs::read_to_string(ws.dir.path().join(format!("records/{STEERING}.head"))).unwrap();
    assert!(head.starts_with("47 "), "{head}");

    ws.refuses(STEERING, "note too late", "the meeting is closed");
}

#[test]
fn by_names_the_recorder() {
    let ws = Workspace::new();
    let run = ws.plenary(&[
        "record",
        "--by",
        "Marc Dujardin",
        ws.root(),
        STEERING,
        "present",
        "ceps",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let journal = std::fs::read_to_string(ws.journal(STEERING)).unwrap();
    assert!(journal.contains(r#""by":"Marc Dujardin""#), "{journal}");
}

/// A steering meeting in progress: `minutes` decided, `budget-2027` open
/// with a motion and eth's vote; unsw's proxy is held by eth.
fn in_progress() -> Workspace {
    let ws = Workspace::new();
    ws.record(STEERING, "present eth ceps uct iisc , proxy unsw eth");
    ws.record(
        STEERING,
        "open minutes , motion minutes Approve , vote minutes eth yes , close minutes",
    );
    let run = ws.record(
        STEERING,
        "open budget-2027 , motion budget-2027 Approve , vote budget-2027 eth yes",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    ws
}

#[test]
fn an_unknown_member_is_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "present nobody",
        "`nobody` is not a member of Steering Committee",
    );
    // A member of the alliance, but not of this body.
    ws.refuses(
        STEERING,
        "present nus",
        "`nus` is not a member of Steering Committee",
    );
    ws.refuses(
        STEERING,
        "vote budget-2027 nobody yes",
        "`nobody` is not a member",
    );
}

#[test]
fn observers_and_associates_cannot_vote() {
    let ws = Workspace::new();
    ws.records(
        GA,
        "present uct qnrf munich-re icimod , open minutes , motion minutes Approve the 2026 minutes",
        &format!(
            "{}#2 present uct\n#3 present qnrf\n#4 present munich-re\n#5 present icimod\n#6 open minutes\n#7 motion minutes: Approve the 2026 minutes\n",
            ws.terms_line(GA, 14, 9)
        ),
    );
    ws.refuses(
        GA,
        "vote minutes qnrf yes",
        "`qnrf` is observer and does not vote; only full members do",
    );
    ws.refuses(
        GA,
        "vote minutes munich-re yes",
        "`munich-re` is associate and does not vote",
    );
    ws.refuses(
        GA,
        "vote minutes icimod=no",
        "`icimod` is associate and does not vote",
    );
    ws.records(GA, "vote minutes uct yes", "#8 vote minutes uct yes\n");
}

#[test]
fn a_vote_on_a_closed_item_is_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "vote minutes ceps yes",
        "item `minutes` is closed",
    );
    ws.refuses(STEERING, "open minutes", "item `budget-2027` is still open");
}

#[test]
fn a_second_vote_needs_change() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "vote budget-2027 eth no",
        "`eth` has already voted on `budget-2027`; record it as a change",
    );
    ws.refuses(
        STEERING,
        "change budget-2027 ceps no",
        "`ceps` has not voted on `budget-2027` yet",
    );
    let before = ws.bytes(STEERING).len();
    ws.records(
        STEERING,
        "change budget-2027 eth no",
        "#14 vote budget-2027 eth no (changed)\n",
    );
    assert!(ws.bytes(STEERING).len() > before);
}

#[test]
fn a_proxy_beyond_max_proxies_is_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "proxy usp eth",
        "`eth` cannot hold one more proxy: that would make 2, and this body allows at most 1",
    );
    ws.refuses(
        STEERING,
        "proxy usp columbia",
        "the proxy holder `columbia` must be present in person",
    );
    ws.records(STEERING, "proxy usp ceps", "#14 proxy usp held by ceps\n");
}

#[test]
fn an_unknown_item_is_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "vote budget ceps yes",
        "there is no item `budget` on the agenda (items: minutes, secretariat-report, budget-2027",
    );
    ws.refuses(
        STEERING,
        "ballot priorities ceps ocean-systems",
        "there is no ranking item `priorities`",
    );
}

#[test]
fn an_unknown_event_is_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "adjourn",
        "unknown event `adjourn`; events are present, absent, apologies, guest, proxy, open, close, motion, vote, change, recuse, ballot, change-ballot, note, action, withdraw, reopen, void, amend, close-meeting",
    );
    ws.refuses(
        STEERING,
        "present ceps , adjourn",
        "in `adjourn`: unknown event",
    );
}

#[test]
fn malformed_choices_and_arguments_are_refused() {
    let ws = in_progress();
    ws.refuses(
        STEERING,
        "vote budget-2027 ceps maybe",
        "`maybe` is not a vote: use yes, no or abstain",
    );
    ws.refuses(
        STEERING,
        "vote budget-2027 ceps=yes uct",
        "`uct` is not MEMBER=CHOICE",
    );
    ws.refuses(
        STEERING,
        "vote budget-2027",
        "usage: vote ITEM MEMBER CHOICE",
    );
    ws.refuses(STEERING, "proxy usp", "usage: proxy MEMBER HOLDER");
    ws.refuses(STEERING, "motion budget-2027", "usage: motion ITEM TEXT");
}

#[test]
fn closing_a_decision_without_quorum_says_so_once() {
    let ws = Workspace::new();
    ws.records(
        STEERING,
        "present eth uct , open minutes , close minutes",
        &format!(
            "{}#2 present eth\n#3 present uct\n#4 open minutes\n#5 close minutes\n  not passed (simple): yes 0, no 0, abstain 0; needed yes above 0\n  there was no quorum: 4 of 11 voting weight present, 6 needed (1/2)\n",
            ws.terms_line(STEERING, 7, 7)
        ),
    );
    // With quorum, the reason and then the quorum figures.
    ws.records(
        STEERING,
        "present ceps iisc unsw usp , open budget-2027 , close budget-2027",
        "#6 present ceps\n#7 present iisc\n#8 present unsw\n#9 present usp\n#10 open budget-2027\n#11 close budget-2027\n  not passed (two-thirds): yes 0, no 0, abstain 0; needed yes at least 1\n  nobody voted in favour; quorum: 9 of 11 voting weight present, 6 needed (1/2)\n",
    );
}

#[test]
fn an_impossible_due_date_is_named_as_such() {
    let ws = in_progress();
    let message = ws.refuses(
        STEERING,
        "action uct 2027-04-31 Circulate the audit",
        "`2027-04-31` is not a due date: April 2027 has no day 31 (it has 30 days)",
    );
    assert!(!message.contains("out of range"), "{message}");
    ws.refuses(
        STEERING,
        "action uct 31/04/2027 Circulate the audit",
        "`31/04/2027` is not a due date: write it YYYY-MM-DD, e.g. 2027-04-01",
    );
}

#[test]
fn a_chain_with_an_invalid_third_event_writes_none_of_them() {
    let ws = in_progress();
    // columbia is not in the room.
    ws.refuses(
        STEERING,
        "vote budget-2027 ceps yes , vote budget-2027 uct no , vote budget-2027 columbia yes",
        "`columbia` is not present",
    );
    ws.refuses(
        STEERING,
        "vote budget-2027 ceps=yes uct=no columbia=yes",
        "`columbia` is not present",
    );
    // The same chain fails in parsing too when its third event is garbled.
    ws.refuses(
        STEERING,
        "present usp , note hi , vote budget-2027 usp perhaps",
        "`perhaps` is not a vote",
    );
}

#[test]
fn an_unknown_meeting_is_refused() {
    let ws = Workspace::new();
    let run = ws.record("2027-99-nope", "present eth");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("no meeting `2027-99-nope`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the meetings are: 2027-03-steering"),
        "{}",
        run.stderr
    );
    assert!(!ws.dir.path().join("records").exists(), "nothing written");
}

#[test]
fn usage_errors_exit_2() {
    let ws = Workspace::new();
    for args in [
        vec!["record"],
        vec!["record", ws.root()],
        vec!["record", ws.root(), STEERING],
        vec!["record", ws.root(), STEERING, ","],
        vec!["record", "--by"],
    ] {
        let run = ws.plenary(&args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(!run.stderr.is_empty());
    }
    assert!(!ws.dir.path().join("records").exists(), "nothing written");
}

#[test]
fn help_shows_an_example() {
    let ws = Workspace::new();
    let run = ws.plenary(&["record", "--help"]);
    assert_eq!(run.code, Some(0));
    assert!(
        run.stdout
            .contains("plenary record agendas/gcra 2027-03-steering"),
        "{}",
        run.stdout
    );
}
