//! `plenary minutes` as a real process (SPEC 5, 6): a whole steering meeting
//! of the example alliance is recorded with `plenary record` under a fixed
//! clock, then exported as Markdown (parsed back with pulldown-cmark), HTML
//! (parsed with an HTML5 parser) and JSON (read back into the model). Also:
//! drafts, an empty journal, a tampered journal, no-clobber and `--force`,
//! atomic writes and usage errors.
//!
//! Every test works on a private copy of `agendas/gcra`.

mod common;

use common::Run;

use std::path::PathBuf;
use std::process::Command;

use plenary::export::minutes::{Minutes, json};
use plenary::meeting::hash_line;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

const STEERING: &str = "2027-03-steering";
const NOW: &str = "2027-03-10T17:00:00Z";

/// The agenda items of the steering meeting, as their headings read.
const HEADINGS: [&str; 7] = [
    "1. Approval of the February minutes",
    "2. Report of the secretariat",
    "3. Revised 2027 budget and seed-grant envelope",
    "4. Mid-term review of the joint research centres",
    "5. Research priorities 2027-2029",
    "6. Preparation of the June General Assembly",
    "7. Any other business",
];

/// The meeting: (clock, `plenary record` words). Columbia is absent, UNSW
/// is represented by ETH; the GA preparation is never opened.
const MEETING: &[(&str, &str)] = &[
    (
        "2027-03-10T14:00:00Z",
        "present eth ceps uct iisc usp , proxy unsw eth",
    ),
    (
        "2027-03-10T14:02:00Z",
        "open minutes , motion minutes Approve the minutes of the February meeting",
    ),
    (
        "2027-03-10T14:04:00Z",
        "vote minutes eth=yes ceps=yes uct=yes iisc=yes usp=abstain unsw=yes , close minutes",
    ),
    (
        "2027-03-10T14:06:00Z",
        "open secretariat-report , note The 2026 annual report goes to print in April. , close secretariat-report",
    ),
    (
        "2027-03-10T14:15:00Z",
        "open budget-2027 , recuse budget-2027 uct , motion budget-2027 Approve the revised 2027 budget | seed grants EUR 1.5m",
    ),
    (
        "2027-03-10T14:31:00Z",
        "vote budget-2027 eth=yes ceps=yes iisc=no usp=yes unsw=yes , close budget-2027",
    ),
    (
        "2027-03-10T14:35:00Z",
        "open programme-review , note Panel of *three* <script>alert(1)</script> reviewers , close programme-review",
    ),
    ("2027-03-10T14:50:00Z", "open priorities-2027"),
    (
        "2027-03-10T14:55:00Z",
        "ballot priorities-2027 eth climate-adaptation public-health ocean-systems energy-transition food-security , ballot priorities-2027 ceps public-health climate-adaptation food-security , ballot priorities-2027 uct climate-adaptation food-security public-health",
    ),
    (
        "2027-03-10T14:58:00Z",
        "ballot priorities-2027 iisc public-health climate-adaptation , ballot priorities-2027 usp food-security climate-adaptation public-health , ballot priorities-2027 unsw ocean-systems climate-adaptation public-health , close priorities-2027",
    ),
    (
        "2027-03-10T15:20:00Z",
        "open aob , note Next meeting in June. , close aob , note Thanks to the secretariat. , close-meeting",
    ),
];

/// A private copy of the example workspace.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = common::example_copy();
        Self { dir }
    }

    /// The example with the whole steering meeting recorded.
    fn recorded() -> Self {
        let ws = Self::new();
        for (at, words) in MEETING {
            ws.record(at, words);
        }
        ws
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn plenary_at(&self, now: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .env("PLENARY_NOW", now)
            .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
            .output()
            .unwrap();
        Run::of(output)
    }

    #[track_caller]
    fn record(&self, at: &str, words: &str) {
        let mut args = vec!["record", self.root(), STEERING];
        args.extend(words.split_whitespace());
        let run = self.plenary_at(at, &args);
        assert_eq!(run.code, Some(0), "`{words}`: {}", run.stderr);
    }

    /// `plenary minutes WORKSPACE STEERING ARGS...` at [`NOW`].
    fn minutes(&self, args: &[&str]) -> Run {
        let mut all = vec!["minutes", self.root(), STEERING];
        all.extend(args);
        self.plenary_at(NOW, &all)
    }

    /// Exports in `format` to stdout, which must succeed.
    #[track_caller]
    fn export(&self, format: &str) -> String {
        let run = self.minutes(&["--format", format, "-o", "-"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(run.stderr, "");
        run.stdout
    }

    /// Names in the folder `minutes/`.
    fn minutes_folder(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path("minutes"))
            .map(|dir| {
                dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

/// The Markdown's level-2 headings and, for each, its text with table
/// cells ended by ` | ` and lines by `\n`.
fn sections(markdown: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_heading = true;
                sections.push((String::new(), String::new()));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => in_heading = false,
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the minutes: {h}"),
            Event::Text(t) | Event::Code(t) => {
                if let Some((heading, body)) = sections.last_mut() {
                    if in_heading { heading } else { body }.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push_str(" | ");
                }
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead | TagEnd::Paragraph | TagEnd::Item)
            | Event::SoftBreak
            | Event::HardBreak => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push('\n');
                }
            }
            _ => {}
        }
    }
    sections
}

/// The keys of the outermost object of pretty-printed JSON, in order.
fn keys(pretty: &str) -> Vec<&str> {
    pretty
        .lines()
        .filter_map(|line| line.strip_prefix("  \""))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

fn section<'a>(sections: &'a [(String, String)], heading: &str) -> &'a str {
    sections
        .iter()
        .find(|(h, _)| h == heading)
        .map(|(_, body)| body.as_str())
        .unwrap_or_else(|| panic!("no section `{heading}`"))
}

#[test]
fn markdown_minutes_have_every_item_and_every_decision_figure() {
    let ws = Workspace::recorded();
    let run = ws.minutes(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let path = ws.path("minutes/2027-03-steering.md");
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    let markdown = std::fs::read_to_string(&path).unwrap();
    assert!(markdown.starts_with("# Minutes: Steering Committee, March 2027\n"));
    assert!(!markdown.contains("DRAFT"));
    // The people (SPEC 3.3) and the moment the minutes speak for: the
    // close, not the clock of the export.
    for expected in [
        "\n- **Chair:** Prof. Lukas Baumann for ETH Zurich (`eth`)\n",
        "\n- **Minutes taken by:** Dr. Sophie Vandenberghe\n",
        "\n- **Journal:** `records/2027-03-steering.jsonl`, 44 events, ",
        "\n- **Terms:** as frozen when recording began (charter SHA-256 `",
        "\n- **As at:** the close of the meeting, Wed 10 Mar 2027 16:20 CET (15:20 UTC)\n",
    ] {
        assert!(markdown.contains(expected), "`{expected}` in:\n{markdown}");
    }
    assert!(
        !markdown.contains("17:00 UTC"),
        "the export's clock is not in the minutes"
    );

    let sections = sections(&markdown);
    let headings: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
    for heading in HEADINGS {
        assert!(headings.contains(&heading), "{heading} in {headings:?}");
    }

    let attendance = section(&sections, "Attendance");
    assert!(attendance.contains("Member | Attending | Status | Weight | Present | "));
    assert!(attendance.contains("ETH Zurich (eth) | Dr. Anna Keller | full | 3 | in person | "));
    assert!(
        attendance
            .contains("UNSW Sydney (unsw) |  | full | 2 | by proxy, held by ETH Zurich (eth) | ")
    );
    assert!(attendance.contains("Columbia Climate School (columbia) |  | full | 2 | absent | "));
    assert!(attendance.contains("6 of 7 members present (5 in person, 1 by proxy), 1 absent (0 with apologies). Present voting weight: 9 of 11."));
    assert!(attendance.contains(
        "Quorum at the end of the record: 9 of 11 voting weight present, 6 needed (1/2): met."
    ));

    let minutes = section(&sections, HEADINGS[0]);
    for expected in [
        "Motion: Approve the minutes of the February meeting",
        "Rule: default = simple",
        "Majority needed: a simple majority of the votes cast for and against (abstentions do not count): yes 8 against no 0, more yes than no needed.",
        "Yes | 8 | 5 | \nNo | 0 | 0 | \nAbstain | 1 | 1 | ",
        "Quorum: 9 of 11 voting weight present, 6 needed (1/2): met",
        "Outcome: Passed. The rule's majority was reached: yes 8 against no 0, yes above 0.",
        "Result: passed (simple): yes 8, no 0, abstain 1; needed yes above 0",
        "University of São Paulo (usp) | 1 | abstain | ",
        "UNSW Sydney (unsw) | 2 | yes (by proxy, held by ETH Zurich (eth)) | ",
    ] {
        assert!(minutes.contains(expected), "`{expected}` in:\n{minutes}");
    }

    let budget = section(&sections, HEADINGS[2]);
    for expected in [
        "Motion: Approve the revised 2027 budget | seed grants EUR 1.5m",
        "Rule: budget = two-thirds",
        "Majority needed: two-thirds of the votes cast for and against: yes 7 of 8, yes at least 6 needed.",
        "Yes | 7 | 4 | \nNo | 1 | 1 | \nAbstain | 0 | 0 | \nRecused | 1 | 1 | ",
        "Recused: University of Cape Town (uct)",
        "Outcome: Passed. The rule's majority was reached: yes 7 against no 1, yes at least 6.",
        "Result: passed (two-thirds): yes 7, no 1, abstain 0; needed yes at least 6",
        "University of Cape Town (uct) | 1 | recused | ",
    ] {
        assert!(budget.contains(expected), "`{expected}` in:\n{budget}");
    }

    let review = section(&sections, HEADINGS[3]);
    assert!(review.contains("Panel of *three* <script>alert(1)</script> reviewers"));

    let ranking = section(&sections, HEADINGS[4]);
    for expected in [
        "Method: schulze, 2 seats",
        "Ballots: 6, total weight 9",
        "Quorum: 9 of 11 voting weight present, 6 needed (1/2): met",
        "Adopted: Climate adaptation (climate-adaptation), Climate and public health (public-health)",
        "1 | Climate adaptation (climate-adaptation) | ",
        "ETH Zurich (eth) | 3 | climate-adaptation > public-health > ocean-systems > energy-transition > food-security | ",
    ] {
        assert!(ranking.contains(expected), "`{expected}` in:\n{ranking}");
    }

    let ga = section(&sections, HEADINGS[5]);
    assert!(ga.contains("Not taken up: this item was never opened."));
    assert!(section(&sections, "Notes on the meeting").contains("Thanks to the secretariat."));

    // The Schulze item's pairwise table is annexed: weight preferring the
    // row's option to the column's.
    let annex = section(
        &sections,
        "Annex: pairwise table, item 5. Research priorities 2027-2029",
    );
    for expected in [
        "climate-adaptation | – | 7 | 7 | 9 | 8 | ",
        "public-health | 2 | – | 7 | 9 | 7 | ",
        "energy-transition | 0 | 0 | 0 | – | 3 | ",
        "food-security | 1 | 2 | 3 | 3 | – | ",
    ] {
        assert!(annex.contains(expected), "`{expected}` in:\n{annex}");
    }

    insta::assert_snapshot!("steering_minutes_markdown", markdown);
}

#[test]
fn html_minutes_are_one_well_formed_self_contained_page() {
    let ws = Workspace::recorded();
    let page = ws.export("html");
    let doc = scraper::Html::parse_document(&page);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));

    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let title: Vec<String> = doc
        .select(&select("head > title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(title, ["Minutes: Steering Committee, March 2027"]);
    assert_eq!(doc.select(&select("meta[charset]")).count(), 1);
    assert_eq!(doc.select(&select("head > style")).count(), 1);
    assert!(page.contains("@media print"));
    for external in ["script", "link", "img", "iframe", "object", "embed"] {
        assert_eq!(doc.select(&select(external)).count(), 0, "<{external}>");
    }
    for element in doc.select(&select("[src], [href]")) {
        for attribute in ["src", "href"] {
            let value = element.value().attr(attribute).unwrap_or_default();
            assert!(
                !value.starts_with("http://") && !value.starts_with("https://"),
                "{attribute}={value}"
            );
        }
    }
    assert!(!page.contains("http://") && !page.contains("https://"));

    let h2: Vec<String> = doc
        .select(&select("h2"))
        .map(|h| h.text().collect())
        .collect();
    for heading in HEADINGS {
        assert!(h2.iter().any(|h| h == heading), "{heading} in {h2:?}");
    }
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("Panel of *three* <script>alert(1)</script> reviewers"));
    assert!(text.contains("Approve the revised 2027 budget | seed grants EUR 1.5m"));
    assert!(doc.select(&select("table")).count() >= 5);
}

#[test]
fn json_minutes_round_trip_and_carry_the_documented_keys() {
    let ws = Workspace::recorded();
    let text = ws.export("json");
    let minutes: Minutes = serde_json::from_str(&text).unwrap();
    assert_eq!(json(&minutes), text, "re-serialized identically");

    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        keys(&text),
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
    assert_eq!(value["draft"], false);
    // As at the close (15:20 UTC), not the export's clock (17:00 UTC).
    assert_eq!(value["as_of"]["utc"], "2027-03-10T15:20:00Z");
    assert_eq!(value["as_of"]["local"], "2027-03-10T16:20:00+01:00");
    assert_eq!(value["terms"]["frozen"], true);
    // The SHA-256 of a whole file (`hash_line` hashes the bytes it is given).
    let sha256 = |relative: &str| hash_line(&std::fs::read(ws.path(relative)).unwrap());
    assert_eq!(value["terms"]["charter_sha256"], sha256("charter.toml"));
    assert_eq!(
        value["terms"]["agenda_sha256"],
        sha256("2027-03-steering.toml")
    );
    assert_eq!(value["guests"], serde_json::json!([]));
    assert_eq!(value["corrections"], serde_json::json!([]));
    assert_eq!(value["meeting"]["timezone"], "Europe/Brussels");
    assert_eq!(value["meeting"]["chair_person"], "Prof. Lukas Baumann");
    assert_eq!(value["meeting"]["minute_taker"], "Dr. Sophie Vandenberghe");
    assert_eq!(value["journal"]["events"], 44);
    assert_eq!(
        value["journal"]["recorded_by"],
        serde_json::json!(["Dr. Sophie Vandenberghe"])
    );
    assert_eq!(
        value["attendance"]["quorum"]["sentence"],
        "9 of 11 voting weight present, 6 needed (1/2)"
    );
    assert_eq!(value["attendance"]["voting_weight_present"], 9);
    assert_eq!(
        value["attendance"]["members"][1]["delegate"],
        "Dr. Anna Keller"
    );
    assert_eq!(
        value["attendance"]["members"][4]["delegate"],
        serde_json::Value::Null
    );

    // The last hash is the journal's own: the hash of its last line and
    // the one in its head file.
    let journal = std::fs::read(ws.path("records/2027-03-steering.jsonl")).unwrap();
    let last_line = journal
        .trim_ascii_end()
        .rsplit(|b| *b == b'\n')
        .next()
        .unwrap();
    assert_eq!(minutes.journal.last_hash, hash_line(last_line));
    let head = std::fs::read_to_string(ws.path("records/2027-03-steering.head")).unwrap();
    assert!(head.contains(&minutes.journal.last_hash), "{head}");

    let budget = &value["items"][2];
    assert_eq!(
        keys(&serde_json::to_string_pretty(&minutes.items[2]).unwrap()),
        [
            "number",
            "id",
            "title",
            "kind",
            "description",
            "time_box_minutes",
            "status",
            "opened_at",
            "closed_at",
            "decision",
            "ranking",
            "notes"
        ]
    );
    assert_eq!(budget["status"], "closed");
    let decision = &budget["decision"];
    assert_eq!(decision["rule_key"], "budget");
    assert_eq!(decision["rule"], "two-thirds");
    let outcome = &decision["outcome"];
    assert_eq!(outcome["final"], true);
    assert_eq!(outcome["passed"], true);
    assert_eq!(
        outcome["yes"],
        serde_json::json!({"weight": 7, "members": 4})
    );
    assert_eq!(
        outcome["no"],
        serde_json::json!({"weight": 1, "members": 1})
    );
    assert_eq!(outcome["recused"]["ids"], serde_json::json!(["uct"]));
    assert_eq!(outcome["quorum"]["met"], true);
    assert_eq!(outcome["threshold"], "yes at least 6");
    assert_eq!(
        decision["majority"],
        "two-thirds of the votes cast for and against: yes 7 of 8, yes at least 6 needed"
    );

    let ranking = &value["items"][4]["ranking"];
    assert_eq!(ranking["method"], "schulze");
    assert_eq!(
        ranking["result"]["winners"],
        serde_json::json!(["climate-adaptation", "public-health"])
    );
    assert_eq!(ranking["ballots"][0]["member"], "ceps");
    assert!(ranking["ballots"][0]["ranking"].is_array());
    assert_eq!(value["items"][5]["status"], "not-opened");
    assert_eq!(value["items"][5]["decision"], serde_json::Value::Null);
}

#[test]
fn an_existing_file_is_left_alone_without_force_and_replaced_atomically_with_it() {
    let ws = Workspace::recorded();
    let path = ws.path("minutes/2027-03-steering.md");
    let first = ws.minutes(&[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let before = std::fs::read(&path).unwrap();

    for format_args in [&[][..], &["--format", "md"][..]] {
        let again = ws.plenary_at(
            "2027-03-11T09:00:00Z",
            &[&["minutes", ws.root(), STEERING], format_args].concat(),
        );
        assert_eq!(again.code, Some(1), "{again:?}");
        assert_eq!(again.stdout, "");
        assert!(
            again
                .stderr
                .contains("already exists; use --force to replace it"),
            "{}",
            again.stderr
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "untouched");
        assert_eq!(
            ws.minutes_folder(),
            ["2027-03-steering.md"],
            "no temporary file left"
        );
    }

    // With --force the file is replaced, by a rename (a new file, not the
    // old one rewritten): a hand edit is gone, and since the minutes of a
    // closed meeting are the same bytes on every export (SPEC 3.3), a day
    // later they are the first export's again.
    std::fs::write(&path, "edited by hand\n").unwrap();
    let inode = |p: &std::path::Path| {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata(p).unwrap().ino()
    };
    let edited_inode = inode(&path);
    let forced = ws.plenary_at(
        "2027-03-11T09:00:00Z",
        &["minutes", ws.root(), STEERING, "--force"],
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_ne!(inode(&path), edited_inode, "replaced by a rename");
    assert_eq!(ws.minutes_folder(), ["2027-03-steering.md"]);

    // A write that fails (the target is a folder) leaves nothing behind.
    std::fs::create_dir_all(ws.path("minutes/taken.html/inside")).unwrap();
    let target = ws.path("minutes/taken.html");
    let failed = ws.minutes(&[
        "--format",
        "html",
        "--force",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(failed.code, Some(1), "{failed:?}");
    assert!(
        failed.stderr.contains("the minutes were not written"),
        "{}",
        failed.stderr
    );
    assert_eq!(ws.minutes_folder(), ["2027-03-steering.md", "taken.html"]);

    // Each format has its own default file.
    for (format, name) in [
        ("html", "2027-03-steering.html"),
        ("json", "2027-03-steering.json"),
    ] {
        let run = ws.minutes(&["--format", format]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(
            run.stdout,
            format!("{}\n", ws.path(&format!("minutes/{name}")).display())
        );
    }
}

#[test]
fn an_open_meeting_exports_as_a_draft() {
    let ws = Workspace::new();
    for (at, words) in &MEETING[..5] {
        ws.record(at, words);
    }
    let markdown = ws.export("md");
    assert!(markdown.starts_with(
        "# Minutes: Steering Committee, March 2027 (DRAFT)\n\n> **DRAFT**: the meeting has not been closed."
    ));
    assert!(
        markdown
            .contains("*Decision · time box 20 min · opened 15:15 CET (14:15 UTC) · still open*")
    );
    assert!(markdown.contains("**Closed:** not yet (draft)"));
    let page = ws.export("html");
    assert!(page.contains("<title>Minutes: Steering Committee, March 2027 (DRAFT)</title>"));
    assert!(page.contains("<body class=\"draft\">"));
    let value: serde_json::Value = serde_json::from_str(&ws.export("json")).unwrap();
    assert_eq!(value["draft"], true);
    assert_eq!(value["items"][2]["status"], "open");
    assert_eq!(value["items"][2]["decision"]["outcome"]["final"], false);
}

#[test]
fn a_meeting_with_no_journal_says_nothing_was_recorded() {
    let ws = Workspace::new();
    let markdown = ws.export("md");
    assert!(markdown.contains("(DRAFT)"));
    assert!(markdown.contains("**Nothing has been recorded for this meeting yet.**"));
    assert!(!ws.path("records").exists(), "exporting records nothing");
}

#[test]
fn a_tampered_journal_is_refused_and_nothing_is_written() {
    let ws = Workspace::recorded();
    let journal = ws.path("records/2027-03-steering.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(
        &journal,
        text.replacen("\"choice\":\"no\"", "\"choice\":\"yes\"", 1),
    )
    .unwrap();
    let run = ws.minutes(&[]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .starts_with("plenary: the minutes were not written: the journal cannot be trusted"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2027-03-steering.jsonl"),
        "{}",
        run.stderr
    );
    assert!(ws.minutes_folder().is_empty());
}

#[test]
fn usage_errors_exit_2_and_invalid_input_exits_1() {
    let ws = Workspace::new();
    for args in [
        &["minutes"][..],
        &["minutes", ws.root(), STEERING, "--format", "pdf"][..],
        &["minutes", ws.root(), STEERING, "--bogus"][..],
        &["minutes", ws.root(), STEERING, "extra"][..],
    ] {
        let run = ws.plenary_at(NOW, args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "");
    }
    let unknown = ws.plenary_at(NOW, &["minutes", ws.root(), "2031-01-nothing"]);
    assert_eq!(unknown.code, Some(1), "{unknown:?}");
    assert!(unknown.stderr.contains("no meeting `2031-01-nothing`"));

    let help = ws.plenary_at(NOW, &["minutes", "--help"]);
    assert_eq!(help.code, Some(0));
    assert!(
        help.stdout
            .contains("plenary minutes agendas/gcra 2027-03-steering --format html")
    );
}
