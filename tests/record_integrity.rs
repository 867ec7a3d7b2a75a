//! The record stands as agreed (SPEC 3.3), through the real binary: a
//! meeting's terms are frozen in its journal, so no later edit of the
//! charter or the agenda changes its outcomes or its minutes; `check`
//! names every such edit at its `path:line:col` without failing (unless
//! `--strict`); minutes of a closed meeting are the same bytes on every
//! export; rankings need quorum; attendance names people; corrections
//! leave an audit trail; events that change nothing are refused.

mod common;

use common::Run;

use std::path::{Path, PathBuf};
use std::process::Command;

const STEERING: &str = "2027-03-steering";

/// A private copy of the example workspace.
struct Ws {
    dir: tempfile::TempDir,
}

impl Ws {
    fn new() -> Self {
        Self {
            dir: common::example_copy(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    /// `plenary ARGS...` at `now`.
    fn at(&self, now: &str, args: &[&str]) -> Run {
        Run::of(
            Command::new(env!("CARGO_BIN_EXE_plenary"))
                .args(args)
                .env("PLENARY_NOW", now)
                .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
                .output()
                .unwrap(),
        )
    }

    /// `plenary record WS 2027-03-steering WORDS...`; `"quoted words"`
    /// stay one argument.
    fn record(&self, words: &str) -> Run {
        let mut args = vec!["record".to_owned(), self.root().to_owned(), STEERING.to_owned()];
        args.extend(split(words));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.at("2027-03-10T14:30:00Z", &args)
    }

    #[track_caller]
    fn records(&self, words: &str) -> String {
        let run = self.record(words);
        assert_eq!(run.code, Some(0), "`{words}`: {}", run.stderr);
        run.stdout
    }

    /// Refused with exit 1, `message` in the error, the journal unchanged.
    #[track_caller]
    fn refuses(&self, words: &str, message: &str) {
        let journal = self.path(&format!("records/{STEERING}.jsonl"));
        let before = std::fs::read(&journal).unwrap_or_default();
        let run = self.record(words);
        assert_eq!(run.code, Some(1), "`{words}` should be refused: {run:?}");
        assert!(run.stderr.contains(message), "`{words}`: {}", run.stderr);
        assert_eq!(std::fs::read(&journal).unwrap_or_default(), before);
    }

    /// The minutes in each format, exported to fresh files named `tag`.
    fn export(&self, tag: &str) -> Vec<Vec<u8>> {
        ["md", "html", "json"]
            .iter()
            .map(|format| {
                let out = self.path(&format!("{tag}.{format}"));
                let run = self.at(
                    // A later clock: nothing in the minutes may depend on it.
                    if tag == "before" {
                        "2027-03-11T09:00:00Z"
                    } else {
                        "2028-06-01T12:34:56Z"
                    },
                    &[
                        "minutes",
                        self.root(),
                        STEERING,
                        "--format",
                        format,
                        "-o",
                        out.to_str().unwrap(),
                    ],
                );
                assert_eq!(run.code, Some(0), "{}", run.stderr);
                std::fs::read(out).unwrap()
            })
            .collect()
    }

    /// Replaces `old` by `new` (which must occur once) in `file`; returns
    /// the 1-based line and column of `value` inside `new` after the edit.
    #[track_caller]
    fn edit(&self, file: &str, old: &str, new: &str, value: &str) -> (usize, usize) {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(old).count(), 1, "`{old}` once in {file}");
        let text = text.replace(old, new);
        std::fs::write(&path, &text).unwrap();
        let at = text.find(new).unwrap() + new.find(value).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    fn check(&self, strict: bool) -> Run {
        let mut args = vec!["check", self.root()];
        if strict {
            args.push("--strict");
        }
        self.at("2027-03-11T09:00:00Z", &args)
    }
}

fn split(words: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in words.split('"').enumerate() {
        if i % 2 == 1 {
            out.push(part.to_owned());
        } else {
            out.extend(part.split_whitespace().map(str::to_owned));
        }
    }
    out
}

/// A whole meeting: attendance with a delegate, apologies and a guest; a
/// two-thirds budget vote; a Schulze ranking; an action item; closed.
fn hold_meeting(ws: &Ws) {
    ws.records(r#"present eth ceps "uct/Prof. Thandi Nkosi" iisc usp , proxy unsw eth , apologies columbia Daniel Okafor , guest "Dr. Jane Roe" World Bank"#);
    ws.records("open budget-2027 , motion budget-2027 Adopt the revised budget , vote budget-2027 eth=yes ceps=yes uct=no iisc=yes usp=yes unsw=yes , close budget-2027");
    ws.records("open priorities-2027 , ballot priorities-2027 eth ocean-systems climate-adaptation , ballot priorities-2027 uct public-health food-security , ballot priorities-2027 unsw ocean-systems public-health , close priorities-2027");
    ws.records("action uct 2027-04-28 Circulate the revised budget , close-meeting");
}

/// (file, old text, new text, the changed value, the note's wording).
const EDITS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "charter.toml",
        "# Hosts two joint centres and the exchange programme.\nweight = 3",
        "# Hosts two joint centres and the exchange programme.\nweight = 1",
        "1",
        "weight for `eth` = 3; the file now says 1; the record keeps 3",
    ),
    (
        "charter.toml",
        "status = \"full\"\n# Hosts two",
        "status = \"associate\"\n# Hosts two",
        "\"associate\"",
        "status for `eth` = full; the file now says associate",
    ),
    (
        "charter.toml",
        "\"usp\", \"columbia\"]\nchair = \"eth\"",
        "\"usp\", \"columbia\"]\nchair = \"ceps\"",
        "\"ceps\"",
        "chair = eth; the file now says ceps",
    ),
    (
        "charter.toml",
        "chair = \"eth\"\nquorum = \"1/2\"",
        "chair = \"eth\"\nquorum = \"2/3\"",
        "\"2/3\"",
        "quorum = 1/2; the file now says 2/3",
    ),
    (
        "2027-03-steering.toml",
        "rule = \"budget\"",
        "rule = \"charter-amendment\"",
        "\"charter-amendment\"",
        "rule for `budget-2027` = budget; the file now says charter-amendment",
    ),
    (
        "2027-03-steering.toml",
        "method = \"schulze\"",
        "method = \"borda\"",
        "\"borda\"",
        "method for `priorities-2027` = schulze; the file now says borda",
    ),
    (
        "2027-03-steering.toml",
        "options = [\"climate-adaptation\", \"public-health\", \"ocean-systems\", \"energy-transition\", \"food-security\"]",
        "options = [\"climate-adaptation\", \"public-health\", \"ocean-systems\", \"energy-transition\"]",
        "[",
        "the file now says climate-adaptation, public-health, ocean-systems, energy-transition;",
    ),
    (
        "2027-03-steering.toml",
        "seats = 2",
        "seats = 1",
        "1",
        "seats for `priorities-2027` = 2; the file now says 1",
    ),
    (
        "charter.toml",
        "name = \"ETH Zurich\"",
        "name = \"ETH Zürich\"",
        "\"ETH Zürich\"",
        "name for `eth` = \"ETH Zurich\"; the file now says \"ETH Zürich\"",
    ),
];

#[test]
fn no_edit_of_the_files_changes_a_held_meetings_minutes_and_check_names_each() {
    for (file, old, new, value, wording) in EDITS {
        let ws = Ws::new();
        hold_meeting(&ws);
        assert_eq!(ws.check(false).code, Some(0));
        let before = ws.export("before");
        let (line, column) = ws.edit(file, old, new, value);
        // The register moves on too; the minutes keep the item as agreed.
        let run = ws.at(
            "2027-04-02T08:00:00Z",
            &["action", ws.root(), "2027-03-steering/1", "due", "2027-05-20"],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(ws.export("after"), before, "minutes changed after editing {file}: {new}");

        let check = ws.check(false);
        assert_eq!(check.code, Some(0), "{}", check.stderr);
        let at = format!("{}:{line}:{column}: note: `2027-03-steering` was held with ", ws.path(file).display());
        let note = check
            .stderr
            .lines()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("no note at {at} for {new}:\n{}", check.stderr));
        assert!(note.contains(wording), "{note}");
        assert!(check.stdout.contains("all valid ("), "{}", check.stdout);
        let strict = ws.check(true);
        assert_eq!(strict.code, Some(1), "--strict fails on drift: {strict:?}");
        assert!(strict.stderr.contains(&at));
    }
}

#[test]
fn an_open_meeting_is_judged_by_its_frozen_terms() {
    let ws = Ws::new();
    ws.records("present eth ceps uct iisc usp , proxy unsw eth");
    ws.records("open budget-2027 , motion budget-2027 Adopt , vote budget-2027 eth=yes ceps=yes uct=no iisc=yes usp=yes unsw=yes");
    // Mid-meeting someone makes the budget unanimous and eth a single vote.
    ws.edit("2027-03-steering.toml", "rule = \"budget\"", "rule = \"charter-amendment\"", "\"charter");
    ws.edit(
        "charter.toml",
        "programme.\nweight = 3",
        "programme.\nweight = 1",
        "1",
    );
    let out = ws.records("close budget-2027");
    assert!(
        out.contains("passed (two-thirds): yes 8, no 1, abstain 0; needed yes at least 6"),
        "{out}"
    );
    let check = ws.check(false);
    assert!(check.stderr.contains("`2027-03-steering` is being held with rule for `budget-2027` = budget"), "{}", check.stderr);
}

#[test]
fn the_first_event_freezes_the_terms_and_outcomes_are_recorded_at_close() {
    let ws = Ws::new();
    let out = ws.records("present eth ceps uct iisc");
    assert!(out.starts_with("#1 terms frozen: 7 members, 7 items, charter "), "{out}");
    assert!(out.contains("#2 present eth\n"));
    ws.records("open minutes , motion minutes Approve , vote minutes eth=yes ceps=no , close minutes");
    let journal = std::fs::read_to_string(ws.path("records/2027-03-steering.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    assert_eq!(first["event"], "terms");
    assert_eq!(first["terms"]["body"]["rules"]["budget"], "two-thirds");
    let eth = first["terms"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "eth")
        .unwrap();
    assert_eq!((eth["weight"].as_u64(), eth["status"].as_str()), (Some(3), Some("full")));
    assert_eq!(first["terms"]["charter_sha256"].as_str().map(str::len), Some(64));
    let close: serde_json::Value = serde_json::from_str(journal.lines().last().unwrap()).unwrap();
    assert_eq!(close["event"], "item-closed");
    assert_eq!(close["outcome"]["decision"]["passed"], true);
    assert_eq!(close["outcome"]["decision"]["yes"]["weight"], 3);
}

/// Writes a journal as plenary wrote it before terms were frozen.
fn legacy_journal(ws: &Ws, events: &[&str]) {
    use plenary::meeting::{GENESIS, hash_line};
    let mut prev = GENESIS.to_owned();
    let mut text = String::new();
    for (i, event) in events.iter().enumerate() {
        let line = format!(
            r#"{{"seq":{},"at":"2027-03-10T14:0{i}:00Z","by":"Secretary","prev":"{prev}",{event}}}"#,
            i + 1
        );
        prev = hash_line(line.as_bytes());
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::create_dir_all(ws.path("records")).unwrap();
    std::fs::write(ws.path("records/2027-03-steering.jsonl"), text).unwrap();
    std::fs::write(
        ws.path("records/2027-03-steering.head"),
        format!("{} {prev}\n", events.len()),
    )
    .unwrap();
}

#[test]
fn a_closed_journal_without_terms_is_read_with_the_files_and_noted() {
    let ws = Ws::new();
    legacy_journal(
        &ws,
        &[
            r#""event":"present","member":"eth""#,
            r#""event":"present","member":"uct""#,
            r#""event":"meeting-closed""#,
        ],
    );
    let check = ws.check(false);
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(check.stderr.contains("note: terms not frozen"), "{}", check.stderr);
    let run = ws.at("2027-03-11T09:00:00Z", &["minutes", ws.root(), STEERING, "-o", "-"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("**Terms:** not frozen"), "{}", run.stdout);
}

#[test]
fn an_open_journal_without_terms_gets_them_on_its_next_append() {
    let ws = Ws::new();
    legacy_journal(
        &ws,
        &[
            r#""event":"present","member":"eth""#,
            r#""event":"present","member":"uct""#,
        ],
    );
    let out = ws.records("present ceps");
    assert!(out.starts_with("#3 terms frozen"), "{out}");
    assert!(out.contains("#4 present ceps"), "{out}");
    assert_eq!(ws.check(false).code, Some(0));
}

#[test]
fn a_ranking_without_quorum_adopts_nothing() {
    let ws = Ws::new();
    // eth (3) and uct (1): 4 of 11, 6 needed.
    ws.records("present eth uct , open priorities-2027 , ballot priorities-2027 eth ocean-systems");
    let out = ws.records("close priorities-2027");
    assert!(
        out.contains("nothing adopted: no quorum: 4 voting weight present, 6 needed (1/2)"),
        "{out}"
    );
    let md = ws.at("2027-03-11T09:00:00Z", &["minutes", ws.root(), STEERING, "-o", "-"]).stdout;
    assert!(md.contains("**Adopted:** nothing, for want of a quorum (4 of 11 voting weight present, 6 needed (1/2))"), "{md}");
    assert!(md.contains("**Cast no ballot:** University of Cape Town (`uct`)"), "{md}");
    let json = ws.at("2027-03-11T09:00:00Z", &["minutes", ws.root(), STEERING, "--format", "json", "-o", "-"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let result = &doc["items"][4]["ranking"]["result"];
    assert_eq!(result["adopted"], serde_json::json!([]));
    assert_eq!(result["quorum"]["met"], false);
    assert_eq!(result["winners"][0], "ocean-systems");
}

#[test]
fn attendance_names_the_people_apologies_and_guests() {
    let ws = Ws::new();
    hold_meeting(&ws);
    let md = ws.at("2027-03-11T09:00:00Z", &["minutes", ws.root(), STEERING, "-o", "-"]).stdout;
    assert!(md.contains("| University of Cape Town (`uct`) | Prof. Thandi Nkosi | full | 1 | in person |"), "{md}");
    // Without a name, the representative attends.
    assert!(md.contains("| ETH Zurich (`eth`) | Dr. Anna Keller | full | 3 | in person |"), "{md}");
    assert!(md.contains("| Columbia Climate School (`columbia`) |  | full | 2 | apologies (sent by Daniel Okafor) |"), "{md}");
    assert!(md.contains("**Guests:** Dr. Jane Roe (World Bank)."), "{md}");
    assert!(md.contains("- **Chair:** Prof. Lukas Baumann for ETH Zurich (`eth`)"), "{md}");
    assert!(md.contains("- **Minutes taken by:** Dr. Sophie Vandenberghe"), "{md}");
    assert!(md.contains("1 absent (1 with apologies)"), "{md}");
    let ws = Ws::new();
    ws.refuses("present ceps/Nobody", "`Nobody` is not a delegate of `ceps`");
    ws.refuses("apologies ceps Nobody", "`Nobody` is not a delegate of `ceps`");
    ws.records("apologies ceps");
    ws.refuses("apologies ceps", "`ceps` has already sent apologies: nothing recorded");
}

#[test]
fn corrections_are_recorded_and_listed_with_their_reasons() {
    let ws = Ws::new();
    ws.records("present eth ceps uct iisc usp , proxy unsw eth");
    let out = ws.records("open budget-2027 , motion budget-2027 Adopt , vote budget-2027 eth=yes uct=no");
    // #1 terms, #2-6 present, #7 proxy, #8 open, #9 motion, #10 eth, #11 uct.
    assert!(out.contains("#11 vote budget-2027 uct no"), "{out}");
    ws.records("void 11 the vote was for usp , vote budget-2027 usp=no uct=yes");
    ws.records("withdraw budget-2027 wording to be fixed , motion budget-2027 Adopt the revised budget");
    ws.records("vote budget-2027 eth=yes ceps=yes uct=yes iisc=yes usp=yes unsw=yes , close budget-2027");
    ws.refuses("reopen budget-2027 the chair had not called the vote , amend rule budget-2027 default", "voting on `budget-2027` has started");
    ws.records("reopen budget-2027 closed before the chair called the vote , withdraw budget-2027 , amend rule budget-2027 default , motion budget-2027 Adopt the revised budget as amended , vote budget-2027 eth=yes uct=no , close budget-2027");
    ws.records("amend add travel-policy information Travel policy update , close-meeting");
    let md = ws.at("2027-03-11T09:00:00Z", &["minutes", ws.root(), STEERING, "-o", "-"]).stdout;
    assert!(md.contains("## Annex: corrections and amendments"), "{md}");
    assert!(md.contains("Event #11 (vote budget-2027 uct no) was voided: the vote was for usp."), "{md}");
    assert!(md.contains("The motion on budget-2027 (\"Adopt\") was withdrawn after 3 votes: wording to be fixed; its votes lapsed."), "{md}");
    assert!(md.contains("Item budget-2027 was reopened: closed before the chair called the vote. Its earlier outcome, now superseded: passed (two-thirds)"), "{md}");
    assert!(md.contains("The meeting agreed: budget-2027 is decided by rule default."), "{md}");
    assert!(md.contains("## 8. Travel policy update"), "{md}");
    // The second close counts under the amended rule.
    assert!(md.contains("**Rule:** `default` = simple"), "{md}");
    // After close-meeting nothing more is written.
    ws.refuses("note too late", "the meeting is closed");
}

#[test]
fn corrections_are_refused_where_they_do_not_apply() {
    let ws = Ws::new();
    ws.records("present eth ceps uct iisc , open budget-2027");
    ws.refuses("withdraw budget-2027", "no motion has been put on `budget-2027`");
    ws.refuses("reopen budget-2027 because", "item `budget-2027` is not closed");
    ws.refuses("void 2 wrong", "event #2 is not a vote, ballot, recusal or note");
    ws.refuses("void 999 wrong", "event #999 is not a vote");
    ws.records("motion budget-2027 Adopt , vote budget-2027 eth=yes");
    ws.refuses("void 8", "usage: void SEQ REASON");
    ws.records("void 8 wrong member");
    ws.refuses("void 8 again", "event #8 is already void");
    ws.records("vote budget-2027 eth=yes , close budget-2027");
    ws.refuses("void 10 after the close", "belongs to `budget-2027`, which is closed: reopen the item first");
    ws.refuses("amend rule budget-2027 nope", "the body has no rule `nope`");
    ws.refuses("amend add budget-2027 information Again", "there is already an item `budget-2027`");
    ws.refuses("amend add poll ranking A poll", "`ranking` is not a kind of item that can be added");
}

#[test]
fn events_that_change_nothing_are_refused() {
    let ws = Ws::new();
    ws.records("present eth ceps uct iisc , proxy unsw eth , open budget-2027 , motion budget-2027 Adopt , vote budget-2027 eth=yes , recuse budget-2027 ceps");
    ws.refuses("change budget-2027 eth yes", "`eth` already voted yes on `budget-2027`: nothing recorded");
    ws.refuses("present eth", "`eth` is already present: nothing recorded");
    ws.refuses("recuse budget-2027 ceps", "`ceps` is already recused on `budget-2027`: nothing recorded");
    ws.refuses("absent usp", "`usp` is not present or represented, so marking it absent changes nothing");
    ws.refuses("proxy unsw eth", "`eth` already holds `unsw`'s proxy: nothing recorded");
    ws.refuses("motion budget-2027 Adopt", "voting on `budget-2027` has started");
    // A real change is still a change.
    let out = ws.records("change budget-2027 eth no");
    assert!(out.contains("vote budget-2027 eth no (changed)"), "{out}");
}

#[test]
fn a_held_meeting_is_neither_rescheduled_nor_invited_to() {
    let ws = Ws::new();
    let run = ws.at("2027-03-01T09:00:00Z", &["invite", ws.root(), STEERING, "-o", "-"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    ws.records("present eth");
    let run = ws.at("2027-03-01T09:00:00Z", &["invite", ws.root(), STEERING, "-o", "-"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("meeting `2027-03-steering` has started"), "{}", run.stderr);
    ws.records("close-meeting");
    let run = ws.at("2027-03-01T09:00:00Z", &["invite", ws.root(), STEERING]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("has been held and closed"), "{}", run.stderr);
    assert!(!Path::new(&ws.path("minutes/2027-03-steering.ics")).exists());
}
