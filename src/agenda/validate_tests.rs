//! One test per validation rule of an agenda: a small text in, the exact
//! `(line, column, message)` of every problem out. Positions are counted by
//! hand against the texts below.

use std::collections::{BTreeMap, BTreeSet};

use super::load_agenda;
use crate::agenda::ItemKind;
use crate::charter::References;
use crate::files::{SourceFile, sort};

/// A valid agenda for `m.toml`. Lines: meeting 1-6 (id 2, body 3, title 4,
/// start 5, duration 6); decision item 8-13 (id 9, title 10, kind 11,
/// rule 12, minutes 13); ranking item 15-21 (id 16, title 17, kind 18,
/// method 19, options 20, seats 21).
const BASE: &str = r#"[meeting]
id = "m"
body = "steering"
title = "March"
start = 2027-03-10T14:00:00Z
duration = "90m"

[[items]]
id = "budget"
title = "Budget"
kind = "decision"
rule = "budget"
minutes = 10

[[items]]
id = "themes"
title = "Themes"
kind = "ranking"
method = "schulze"
options = ["water", "health"]
seats = 1
"#;

/// What the charter offers: body `steering` with rules `default` and
/// `budget`, priorities `water`, `health` and `energy`.
fn refs() -> References {
    References {
        bodies: BTreeMap::from([(
            "steering".to_owned(),
            BTreeSet::from(["default".to_owned(), "budget".to_owned()]),
        )]),
        priorities: ["water", "health", "energy"].map(str::to_owned).into(),
        complete: true,
    }
}

fn problems_with(text: &str, refs: &References) -> Vec<(usize, usize, String)> {
    let (_, mut diagnostics) = load_agenda(&SourceFile::new("m.toml", text), refs);
    sort(&mut diagnostics);
    diagnostics
        .into_iter()
        .map(|d| (d.line, d.column, d.message))
        .collect()
}

#[track_caller]
fn check(text: &str, expected: &[(usize, usize, &str)]) {
    let expected: Vec<(usize, usize, String)> = expected
        .iter()
        .map(|(l, c, m)| (*l, *c, (*m).to_owned()))
        .collect();
    assert_eq!(problems_with(text, &refs()), expected, "in:\n{text}");
}

/// `BASE` with each `(from, to)` applied; each `from` must occur once.
#[track_caller]
fn edit(changes: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in changes {
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn the_base_agenda_is_valid() {
    let (agenda, diagnostics) = load_agenda(&SourceFile::new("m.toml", BASE), &refs());
    assert_eq!(diagnostics, vec![]);
    let agenda = agenda.expect("valid");
    assert_eq!(agenda.meeting.duration_minutes, 90);
    assert_eq!(
        agenda.meeting.start.map(|t| t.to_rfc3339()),
        Some("2027-03-10T14:00:00+00:00".to_owned())
    );
    assert_eq!(agenda.items[0].kind, ItemKind::Decision);
    assert_eq!(agenda.items[0].rule.as_deref(), Some("budget"));
    let ranking = agenda.items[1].ranking.as_ref().expect("ranking");
    assert_eq!((ranking.method.name(), ranking.seats), ("schulze", 1));
}

#[test]
fn defaults_and_offsets() {
    let text = edit(&[
        ("rule = \"budget\"\n", ""),
        ("method = \"schulze\"\n", ""),
        ("seats = 1\n", ""),
        ("14:00:00Z", "15:30:00+01:30"),
    ]);
    let (agenda, diagnostics) = load_agenda(&SourceFile::new("m.toml", text), &refs());
    assert_eq!(diagnostics, vec![]);
    let agenda = agenda.expect("valid");
    assert_eq!(
        agenda.meeting.start.map(|t| t.to_rfc3339()),
        Some("2027-03-10T14:00:00+00:00".to_owned())
    );
    assert_eq!(agenda.items[0].rule.as_deref(), Some("default"));
    let ranking = agenda.items[1].ranking.as_ref().expect("ranking");
    assert_eq!((ranking.method.name(), ranking.seats), ("schulze", 1));
}

// ---- [meeting] ---------------------------------------------------------------

#[test]
fn the_meeting_id_must_equal_the_file_stem() {
    check(
        &edit(&[(r#"id = "m""#, r#"id = "n""#)]),
        &[(2, 6, "meeting id `n` must equal the file name `m`")],
    );
    check(
        &edit(&[(r#"id = "m""#, r#"id = "M""#)]),
        &[(
            2,
            6,
            "`M` is not a valid meeting id: use lower-case letters, digits and `-`",
        )],
    );
}

#[test]
fn the_body_must_be_in_the_charter() {
    let text = edit(&[(r#"body = "steering""#, r#"body = "board""#)]);
    check(
        &text,
        &[(3, 8, "unknown body `board`; the bodies are `steering`")],
    );
    // A charter that did not read cannot say which bodies exist.
    let unsure = References {
        complete: false,
        ..References::default()
    };
    assert_eq!(problems_with(&text, &unsure), vec![]);
}

#[test]
fn titles_must_not_be_blank() {
    check(
        &edit(&[(r#"title = "March""#, r#"title = " ""#)]),
        &[(4, 9, "`title` must not be empty")],
    );
    check(
        &edit(&[(r#"title = "Budget""#, r#"title = """#)]),
        &[(10, 9, "`title` must not be empty")],
    );
}

#[test]
fn start_is_a_datetime_with_an_offset() {
    check(
        &edit(&[("14:00:00Z", "14:00:00")]),
        &[(
            5,
            9,
            "`start` 2027-03-10T14:00:00 needs a UTC offset, e.g. `2027-03-10T14:00:00Z` or `2027-03-10T14:00:00+01:00`",
        )],
    );
    check(
        &edit(&[("start = 2027-03-10T14:00:00Z", "start = 2027-03-10")]),
        &[(
            5,
            9,
            "`start` 2027-03-10 must be a date and time with a UTC offset, e.g. `2027-03-10T14:00:00Z`",
        )],
    );
    check(
        &edit(&[(
            "start = 2027-03-10T14:00:00Z",
            "start = \"2027-03-10 14:00\"",
        )]),
        &[(
            5,
            9,
            "invalid type: string \"2027-03-10 14:00\", expected a TOML datetime",
        )],
    );
}

#[test]
fn duration_is_positive_and_at_most_a_day() {
    for (duration, message) in [
        (
            "ninety",
            "duration `ninety` must look like `90m`, `2h`, `1h30m` or `4w`",
        ),
        ("0m", "`duration` must be longer than zero"),
        ("25h", "`duration` must be at most 24h"),
        ("1d1m", "`duration` must be at most 24h"),
    ] {
        check(
            &edit(&[(
                r#"duration = "90m""#,
                &format!(r#"duration = "{duration}""#),
            )]),
            &[(6, 12, message)],
        );
    }
    check(&edit(&[(r#"duration = "90m""#, r#"duration = "1d""#)]), &[]);
    check(
        &edit(&[(r#"duration = "90m""#, "duration = 90")]),
        &[(6, 12, "invalid type: integer `90`, expected a string")],
    );
}

#[test]
fn a_missing_meeting_table_is_reported_alongside_other_problems() {
    let items = &BASE[BASE.find("[[items]]").expect("items")..];
    let missing = "missing [meeting] table (id, body, title, duration)";
    // Without [meeting] the items start on line 1: kind is on line 3.
    check(items, &[(1, 1, missing)]);
    check(
        &items.replacen(r#"kind = "decision""#, r#"kind = "vote""#, 1),
        &[
            (1, 1, missing),
            (
                4,
                8,
                "unknown value `vote`, expected one of `information`, `discussion`, `decision`, `ranking`, `minutes-approval`",
            ),
        ],
    );
    check("", &[(1, 1, missing)]);
    check(
        "meeting = \"m\"\n",
        &[(1, 11, "invalid type: string \"m\", expected a table")],
    );
}

// ---- items ---------------------------------------------------------------------

#[test]
fn item_ids_are_valid_and_unique() {
    check(
        &edit(&[(r#"id = "themes""#, r#"id = "budget""#)]),
        &[(
            16,
            6,
            "duplicate item id `budget` (first defined on line 9)",
        )],
    );
    check(
        &edit(&[(r#"id = "budget""#, r#"id = "Budget 2027""#)]),
        &[(
            9,
            6,
            "`Budget 2027` is not a valid item id: use lower-case letters, digits and `-`",
        )],
    );
}

#[test]
fn rules_belong_to_decisions_and_to_the_body() {
    check(
        &edit(&[(r#"kind = "decision""#, r#"kind = "discussion""#)]),
        &[(
            12,
            8,
            "`rule` applies only to decision items; this one is `discussion`",
        )],
    );
    check(
        &edit(&[(r#"rule = "budget""#, r#"rule = "budgt""#)]),
        &[(
            12,
            8,
            "unknown rule `budgt` (did you mean `budget`?) for this body; its rules are `budget`, `default`",
        )],
    );
    // Still checked when [meeting] has a problem of its own.
    check(
        &edit(&[
            (r#"rule = "budget""#, r#"rule = "budgt""#),
            (r#"duration = "90m""#, r#"duration = "0m""#),
        ]),
        &[
            (6, 12, "`duration` must be longer than zero"),
            (
                12,
                8,
                "unknown rule `budgt` (did you mean `budget`?) for this body; its rules are `budget`, `default`",
            ),
        ],
    );
}

#[test]
fn ranking_keys_belong_to_ranking_items() {
    check(
        &edit(&[(r#"kind = "ranking""#, r#"kind = "information""#)]),
        &[
            (
                19,
                10,
                "`method` applies only to ranking items; this one is `information`",
            ),
            (
                20,
                11,
                "`options` applies only to ranking items; this one is `information`",
            ),
            (
                21,
                9,
                "`seats` applies only to ranking items; this one is `information`",
            ),
        ],
    );
}

#[test]
fn misspelt_names_get_the_closest_valid_one() {
    check(
        &edit(&[(r#"body = "steering""#, r#"body = "stearing""#)]),
        &[(
            3,
            8,
            "unknown body `stearing` (did you mean `steering`?); the bodies are `steering`",
        )],
    );
    check(
        &edit(&[(r#"rule = "budget""#, r#"rule = "budjet""#)]),
        &[(
            12,
            8,
            "unknown rule `budjet` (did you mean `budget`?) for this body; its rules are `budget`, `default`",
        )],
    );
    check(
        &edit(&[(r#"kind = "decision""#, r#"kind = "info""#)]),
        &[(
            11,
            8,
            "unknown value `info` (did you mean `information`?), expected one of `information`, `discussion`, `decision`, `ranking`, `minutes-approval`",
        )],
    );
    check(
        &edit(&[(
            r#"options = ["water", "health"]"#,
            r#"options = ["water", "enrgy"]"#,
        )]),
        &[(20, 21, "unknown priority `enrgy` (did you mean `energy`?)")],
    );
    check(
        &edit(&[(r#"method = "schulze""#, r#"method = "shulze""#)]),
        &[(
            19,
            10,
            "unknown ranking method `shulze` (did you mean `schulze`?), expected one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
        )],
    );
    check(
        &edit(&[(r#"title = "Budget""#, r#"titel = "Budget""#)]),
        &[(
            10,
            1,
            "unknown key `titel` (did you mean `title`?), expected one of `id`, `title`, `kind`, `description`, `rule`, `minutes`, `method`, `options`, `seats`, `approves`",
        )],
    );
}

#[test]
fn time_boxes_fit_the_meeting() {
    // 10 minutes in the base; 80 more fill the 90 exactly.
    let full = edit(&[("seats = 1", "seats = 1\nminutes = 80")]);
    check(&full, &[]);
    check(
        &edit(&[("seats = 1", "seats = 1\nminutes = 405")]),
        &[(
            6,
            12,
            "the items' time boxes add up to 415 minutes, 325 more than the meeting's 90; lengthen `duration` or shorten the items' `minutes`",
        )],
    );
}

#[test]
fn ranking_methods_are_known() {
    check(
        &edit(&[(r#"method = "schulze""#, r#"method = "condorcet""#)]),
        &[(
            19,
            10,
            "unknown ranking method `condorcet`, expected one of `plurality`, `approval`, `borda`, `irv`, `schulze`, `copeland`, `score`",
        )],
    );
}

#[test]
fn options_are_known_distinct_priorities_at_least_two() {
    let options = |list: &str| edit(&[(r#"options = ["water", "health"]"#, list)]);
    check(
        &options(r#"options = ["water", "wind"]"#),
        &[(20, 21, "unknown priority `wind`")],
    );
    check(
        &options(r#"options = ["water", "health", "water"]"#),
        &[(20, 31, "option `water` is listed twice")],
    );
    check(
        &options(r#"options = ["water"]"#),
        &[(20, 11, "a ranking needs at least two options")],
    );
    check(
        &options(""),
        &[(
            18,
            8,
            "a ranking item needs `options`, a list of priority ids",
        )],
    );
    // Unknown priorities are not blamed when the charter did not read.
    let unsure = References {
        complete: false,
        ..refs()
    };
    assert_eq!(
        problems_with(&options(r#"options = ["water", "wind"]"#), &unsure),
        vec![]
    );
}

#[test]
fn seats_fit_the_options() {
    let seats = |n: &str| edit(&[("seats = 1", &format!("seats = {n}"))]);
    check(&seats("2"), &[]);
    check(
        &seats("3"),
        &[(21, 9, "`seats` is 3 but there are only 2 options")],
    );
    check(
        &seats("0"),
        &[(21, 9, "`seats` must be a positive whole number, not 0")],
    );
    check(
        &edit(&[
            ("seats = 1", "seats = 2"),
            (r#"options = ["water", "health"]"#, r#"options = ["water"]"#),
        ]),
        &[
            (20, 11, "a ranking needs at least two options"),
            (21, 9, "`seats` is 2 but there is only 1 option"),
        ],
    );
}

#[test]
fn minutes_are_positive() {
    for n in ["0", "-5"] {
        let message = format!("`minutes` must be a positive whole number, not {n}");
        check(
            &edit(&[("minutes = 10", &format!("minutes = {n}"))]),
            &[(13, 11, &message)],
        );
    }
    check(
        &edit(&[("minutes = 10", "minutes = \"ten\"")]),
        &[(
            13,
            11,
            "invalid type: string \"ten\", expected a whole number",
        )],
    );
}

// ---- the shape of the file -------------------------------------------------------

#[test]
fn unknown_keys_are_reported_at_every_level() {
    check(
        &format!("chair = \"eth\"\n{BASE}"),
        &[(
            1,
            1,
            "unknown key `chair`, expected one of `meeting`, `items`",
        )],
    );
    check(
        &edit(&[(r#"title = "March""#, "title = \"March\"\nroom = \"B1\"")]),
        &[(
            5,
            1,
            "unknown key `room`, expected one of `id`, `body`, `title`, `start`, `duration`, `location`, `kind`, `deadline`",
        )],
    );
    check(
        &edit(&[("minutes = 10", "minutes = 10\nowner = \"eth\"")]),
        &[(
            14,
            1,
            "unknown key `owner`, expected one of `id`, `title`, `kind`, `description`, `rule`, `minutes`, `method`, `options`, `seats`, `approves`",
        )],
    );
}

#[test]
fn missing_keys_are_reported_at_their_table() {
    check(
        &edit(&[("duration = \"90m\"\n", "")]),
        &[(1, 1, "missing key `duration`")],
    );
    check(
        &edit(&[("kind = \"ranking\"\n", "")]),
        &[(15, 1, "missing key `kind`")],
    );
}

#[test]
fn items_must_be_an_array_of_tables() {
    let meeting = &BASE[..BASE.find("[[items]]").expect("items")];
    check(
        &format!("items = [1, 2]\n{meeting}"),
        &[
            (1, 10, "invalid type: integer `1`, expected a table"),
            (1, 13, "invalid type: integer `2`, expected a table"),
        ],
    );
    check(
        &format!("items = 3\n{meeting}"),
        &[(
            1,
            9,
            "`items` must be an array of tables, written [[items]]",
        )],
    );
}

#[test]
fn every_problem_in_the_file_is_reported() {
    let text = edit(&[
        (r#"id = "m""#, r#"id = "march""#),
        (r#"body = "steering""#, r#"body = "board""#),
        ("14:00:00Z", "14:00:00"),
        (
            r#"options = ["water", "health"]"#,
            r#"options = ["water", "soil"]"#,
        ),
        ("seats = 1", "seats = 3"),
    ]);
    check(
        &text,
        &[
            (2, 6, "meeting id `march` must equal the file name `m`"),
            (3, 8, "unknown body `board`; the bodies are `steering`"),
            (
                5,
                9,
                "`start` 2027-03-10T14:00:00 needs a UTC offset, e.g. `2027-03-10T14:00:00Z` or `2027-03-10T14:00:00+01:00`",
            ),
            (20, 21, "unknown priority `soil`"),
            (21, 9, "`seats` is 3 but there are only 2 options"),
        ],
    );
}

// ---- written procedures (SPEC 9) --------------------------------------------------

/// A written procedure: `kind` on line 5, `deadline` on line 6; its items
/// as in `BASE`, from line 8.
fn written(deadline: &str) -> String {
    edit(&[(
        "start = 2027-03-10T14:00:00Z\nduration = \"90m\"",
        &format!("kind = \"written\"\ndeadline = {deadline}"),
    )])
}

#[test]
fn a_written_procedure_has_a_date_or_an_instant_as_its_deadline() {
    use crate::agenda::{DeadlineSpec, MeetingKind};
    for deadline in ["2027-05-14", "2027-05-14T17:00:00+02:00"] {
        let text = written(deadline);
        check(&text, &[]);
        let (agenda, _) = load_agenda(&SourceFile::new("m.toml", &text), &refs());
        let meeting = agenda.unwrap().meeting;
        assert_eq!(meeting.kind, MeetingKind::Written);
        assert_eq!(
            meeting.deadline,
            Some(DeadlineSpec::parse(deadline).unwrap())
        );
    }
    check(
        &written("2027-05-14T17:00:00"),
        &[(
            6,
            12,
            "`deadline` 2027-05-14T17:00:00 needs a UTC offset, e.g. `2027-05-14T17:00:00Z` or `2027-05-14T17:00:00+01:00`",
        )],
    );
    check(
        &edit(&[(
            "start = 2027-03-10T14:00:00Z\nduration = \"90m\"",
            "kind = \"written\"",
        )]),
        &[(
            1,
            1,
            "a written procedure needs a `deadline`: a date (the end of that day in the alliance's zone) or a date and time with an offset",
        )],
    );
}

#[test]
fn a_written_procedure_has_no_start_and_only_decisions_and_rankings() {
    let with_start = written("2027-05-14").replace(
        "kind = \"written\"",
        "kind = \"written\"\nstart = 2027-05-01T10:00:00Z",
    );
    check(
        &with_start,
        &[(
            6,
            9,
            "a written procedure has no `start`: members reply until its `deadline`",
        )],
    );
    let info = written("2027-05-14")
        .replace("kind = \"decision\"", "kind = \"information\"")
        .replace("rule = \"budget\"\n", "");
    check(
        &info,
        &[(
            11,
            8,
            "a written procedure asks members to decide: its items are `decision` or `ranking`, not `information`",
        )],
    );
    let none = written("2027-05-14");
    let none = &none[..none.find("[[items]]").unwrap()];
    check(
        none,
        &[(
            1,
            1,
            "a written procedure needs at least one [[items]] of kind `decision` or `ranking`",
        )],
    );
    check(
        &edit(&[(
            "duration = \"90m\"",
            "duration = \"90m\"\ndeadline = 2027-05-14",
        )]),
        &[(
            7,
            12,
            "`deadline` applies only to a written procedure (`kind = \"written\"`); a meeting has a `start`",
        )],
    );
}
