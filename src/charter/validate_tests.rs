//! One test per validation rule of `charter.toml`: a small text in, the
//! exact `(line, column, message)` of every problem out. Positions are
//! counted by hand against the texts below.

use super::load_charter;
use crate::files::{SourceFile, sort};

/// A minimal valid charter. Line numbers used by the tests:
///  2 alliance id, 3 name, 4 timezone; members uct (6-11) and eth (13-18);
/// body steering (20-26); priorities water (28-30), health (32-34);
/// programme water-centre (36-41). Text appended with [`with`] starts on line 42.
const BASE: &str = r#"[alliance]
id = "mini"
name = "Mini Alliance"
timezone = "Europe/Brussels"

[[members]]
id = "uct"
name = "University of Cape Town"
kind = "university"
country = "ZA"
timezone = "Africa/Johannesburg"

[[members]]
id = "eth"
name = "ETH Zurich"
kind = "university"
country = "CH"
timezone = "Europe/Zurich"

[[bodies]]
id = "steering"
name = "Steering Committee"
members = ["uct", "eth"]
chair = "eth"
quorum = "1/2"
rules = { default = "simple", budget = "two-thirds" }

[[priorities]]
id = "water"
name = "Water"

[[priorities]]
id = "health"
name = "Health"

[[programmes]]
id = "water-centre"
kind = "joint-research-centre"
name = "Water Centre"
lead = "uct"
metrics = { publications = 41, share = 0.5 }
"#;

/// A third member, an observer, appended at line 42 (id on 43 ... status on 48).
const OBSERVER: &str = r#"[[members]]
id = "obs"
name = "Observer Institute"
kind = "policy-institute"
country = "NZ"
timezone = "Pacific/Auckland"
status = "observer"
"#;

/// Every problem in `text`, sorted by position.
fn problems(text: &str) -> Vec<(usize, usize, String)> {
    let mut diagnostics = load_charter(&SourceFile::new("charter.toml", text)).diagnostics;
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
    assert_eq!(problems(text), expected, "in:\n{text}");
}

/// `BASE` with the one occurrence of `from` replaced by `to`.
#[track_caller]
fn edit(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "`{from}` must occur once");
    BASE.replacen(from, to, 1)
}

/// `BASE` followed by `extra`, whose first line is line 42.
fn with(extra: &str) -> String {
    format!("{BASE}{extra}")
}

/// The observer member with one line replaced.
#[track_caller]
fn observer(from: &str, to: &str) -> String {
    assert_eq!(
        OBSERVER.matches(from).count(),
        1,
        "`{from}` must occur once"
    );
    with(&OBSERVER.replacen(from, to, 1))
}

#[test]
fn the_base_charter_is_valid() {
    let load = load_charter(&SourceFile::new("charter.toml", BASE));
    assert_eq!(load.diagnostics, vec![]);
    let charter = load.charter.expect("valid");
    assert_eq!(charter.members.len(), 2);
    assert_eq!(charter.bodies[0].members, ["uct", "eth"]);
    assert!(load.references.complete);
    assert!(load.references.bodies["steering"].contains("budget"));
    let load = load_charter(&SourceFile::new("charter.toml", with(OBSERVER)));
    assert_eq!(load.diagnostics, vec![]);
}

// ---- ids and names -------------------------------------------------------

#[test]
fn ids_must_be_lower_case_letters_digits_and_dashes() {
    check(
        &edit(r#"id = "mini""#, r#"id = "Mini Alliance""#),
        &[(
            2,
            6,
            "`Mini Alliance` is not a valid alliance id: use lower-case letters, digits and `-`",
        )],
    );
    check(
        &observer(r#"id = "obs""#, r#"id = "obs_1""#),
        &[(
            43,
            6,
            "`obs_1` is not a valid member id: use lower-case letters, digits and `-`",
        )],
    );
    check(
        &edit(r#"id = "steering""#, r#"id = "Steering""#),
        &[(
            21,
            6,
            "`Steering` is not a valid body id: use lower-case letters, digits and `-`",
        )],
    );
    check(
        &edit(r#"id = "water""#, r#"id = """#),
        &[(
            29,
            6,
            "`` is not a valid priority id: use lower-case letters, digits and `-`",
        )],
    );
    check(
        &edit(r#"id = "water-centre""#, r#"id = "water centre""#),
        &[(
            37,
            6,
            "`water centre` is not a valid programme id: use lower-case letters, digits and `-`",
        )],
    );
}

#[test]
fn names_must_not_be_blank() {
    check(
        &edit(r#"name = "Mini Alliance""#, r#"name = "  ""#),
        &[(3, 8, "`name` must not be empty")],
    );
    check(
        &edit(r#"name = "ETH Zurich""#, r#"name = """#),
        &[(15, 8, "`name` must not be empty")],
    );
    check(
        &edit(r#"name = "Steering Committee""#, r#"name = "	""#),
        &[(22, 8, "`name` must not be empty")],
    );
    check(
        &edit(r#"name = "Health""#, r#"name = """#),
        &[(34, 8, "`name` must not be empty")],
    );
    check(
        &edit(r#"name = "Water Centre""#, r#"name = " ""#),
        &[(39, 8, "`name` must not be empty")],
    );
}

#[test]
fn duplicate_ids_point_at_the_second_and_name_the_first_line() {
    check(
        &observer(r#"id = "obs""#, r#"id = "eth""#),
        &[(
            43,
            6,
            "duplicate member id `eth` (first defined on line 14)",
        )],
    );
    check(
        &with(
            "[[bodies]]\nid = \"steering\"\nname = \"Again\"\nmembers = [\"*\"]\nchair = \"eth\"\nquorum = \"1/2\"\nrules = { default = \"simple\" }\n",
        ),
        &[(
            43,
            6,
            "duplicate body id `steering` (first defined on line 21)",
        )],
    );
    check(
        &with("[[priorities]]\nid = \"health\"\nname = \"Health again\"\n"),
        &[(
            43,
            6,
            "duplicate priority id `health` (first defined on line 33)",
        )],
    );
    check(
        &with(
            "[[programmes]]\nid = \"water-centre\"\nkind = \"grant\"\nname = \"Grant\"\nlead = \"eth\"\n",
        ),
        &[(
            43,
            6,
            "duplicate programme id `water-centre` (first defined on line 37)",
        )],
    );
}

// ---- members ---------------------------------------------------------------

#[test]
fn unknown_time_zones_suggest_the_closest_name() {
    check(
        &edit(
            r#"timezone = "Europe/Brussels""#,
            r#"timezone = "Europe/Brusels""#,
        ),
        &[(
            4,
            12,
            "unknown time zone `Europe/Brusels`; did you mean `Europe/Brussels`?",
        )],
    );
    check(
        &edit(
            r#"timezone = "Africa/Johannesburg""#,
            r#"timezone = "Johannesburg""#,
        ),
        &[(
            11,
            12,
            "unknown time zone `Johannesburg`; did you mean `Africa/Johannesburg`?",
        )],
    );
    check(
        &edit(
            r#"timezone = "Europe/Zurich""#,
            r#"timezone = "Mars/Olympus""#,
        ),
        &[(18, 12, "unknown time zone `Mars/Olympus`")],
    );
}

#[test]
fn countries_are_iso_alpha_2_codes() {
    for bad in ["UK", "za", "ZAF"] {
        let message =
            format!("`{bad}` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)");
        check(
            &edit(r#"country = "ZA""#, &format!(r#"country = "{bad}""#)),
            &[(10, 11, &message)],
        );
    }
}

#[test]
fn working_hours_are_checked_in_defaults_and_members() {
    let member = |hours: &str| {
        edit(
            "timezone = \"Africa/Johannesburg\"\n",
            &format!("timezone = \"Africa/Johannesburg\"\nworking_hours = \"{hours}\"\n"),
        )
    };
    check(
        &member("9-17"),
        &[(12, 17, "working hours `9-17` must look like `09:00-17:00`")],
    );
    check(
        &member("17:00-09:00"),
        &[(
            12,
            17,
            "working hours `17:00-09:00` must start before they end (overnight shifts are not supported)",
        )],
    );
    check(
        &member("08:00-24:30"),
        &[(
            12,
            17,
            "`24:30` in working hours `08:00-24:30` is not a time of day (00:00 to 23:59)",
        )],
    );
    // [defaults] is inserted as lines 6-7, so the value is on line 7.
    check(
        &edit(
            "\n[[members]]\nid = \"uct\"",
            "\n[defaults]\nworking_hours = \"09:00 to 17:00\"\n\n[[members]]\nid = \"uct\"",
        ),
        &[(
            7,
            17,
            "working hours `09:00 to 17:00` must look like `09:00-17:00`",
        )],
    );
}

#[test]
fn working_days_must_be_known_distinct_and_not_empty() {
    let member = |days: &str| {
        edit(
            "timezone = \"Europe/Zurich\"\n",
            &format!("timezone = \"Europe/Zurich\"\nworking_days = {days}\n"),
        )
    };
    check(
        &member(r#"["Mon", "Funday"]"#),
        &[(
            19,
            24,
            "unknown day `Funday`; use Mon, Tue, Wed, Thu, Fri, Sat or Sun",
        )],
    );
    check(
        &member(r#"["Mon", "Tue", "mon"]"#),
        &[(19, 31, "`mon` is listed twice")],
    );
    check(
        &member("[]"),
        &[(19, 16, "`working_days` must list at least one day")],
    );
    check(
        &edit(
            "\n[[members]]\nid = \"uct\"",
            "\n[defaults]\nworking_days = [\"Sat\", \"Sun\", \"Sat\"]\n\n[[members]]\nid = \"uct\"",
        ),
        &[(7, 31, "`Sat` is listed twice")],
    );
}

#[test]
fn weights_are_positive_whole_numbers() {
    for (weight, column) in [("0", 10), ("-2", 10)] {
        let message = format!("`weight` must be a positive whole number, not {weight}");
        check(
            &observer("status = \"observer\"", &format!("weight = {weight}")),
            &[(48, column, &message)],
        );
    }
    check(
        &observer("status = \"observer\"", "weight = 2.5"),
        &[(
            48,
            10,
            "invalid type: floating point `2.5`, expected a whole number",
        )],
    );
}

#[test]
fn blackout_days_are_plain_dates() {
    check(
        &observer(
            "status = \"observer\"",
            "blackout = [2026-12-24, 2026-12-25T09:00:00, 07:30:00]",
        ),
        &[
            (
                48,
                25,
                "`2026-12-25T09:00:00` must be a plain date such as 2026-12-24",
            ),
            (48, 46, "`07:30:00` must be a plain date such as 2026-12-24"),
        ],
    );
}

#[test]
fn delegates_need_a_name_a_real_email_and_a_real_ssh_key() {
    let delegate = |lines: &str| with(&format!("{OBSERVER}\n  [[members.delegates]]\n{lines}"));
    // The delegate header is line 50; its keys follow from line 51.
    check(
        &delegate("  name = \"\"\n  email = \"nobody\"\n"),
        &[
            (51, 10, "`name` must not be empty"),
            (52, 11, "`nobody` is not an e-mail address"),
        ],
    );
    for bad in ["a@b", "a b@example.org", "@example.org", "a@@example.org"] {
        let message = format!("`{bad}` is not an e-mail address");
        check(
            &delegate(&format!("  name = \"A\"\n  email = \"{bad}\"\n")),
            &[(52, 11, &message)],
        );
    }
    check(
        &delegate("  name = \"A\"\n  ssh_key = \"ssh-dss AAAAB3NzaC1kc3MAAACBAP\"\n"),
        &[(
            52,
            13,
            "`ssh_key` must be an OpenSSH public key such as `ssh-ed25519 AAAA... name`; `ssh-dss` is not a key type",
        )],
    );
    check(
        &delegate("  name = \"A\"\n  ssh_key = \"ssh-ed25519 AAAA\"\n"),
        &[(52, 13, "`ssh_key` has no valid key data after its type")],
    );
    check(
        &delegate(
            "  name = \"A\"\n  ssh_key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG a@b\"\n  role = \"chair\"\n",
        ),
        &[],
    );
    check(
        &delegate("  name = \"A\"\n  role = \"boss\"\n"),
        &[(
            52,
            10,
            "unknown value `boss`, expected one of `representative`, `secretary`, `chair`, `observer`",
        )],
    );
}

// ---- bodies ----------------------------------------------------------------

#[test]
fn body_members_must_be_known_distinct_and_present() {
    check(
        &edit(
            r#"members = ["uct", "eth"]"#,
            r#"members = ["uct", "ethz"]"#,
        ),
        &[
            (23, 19, "unknown member `ethz`"),
            (24, 9, "the chair `eth` is not a member of this body"),
        ],
    );
    check(
        &edit(
            r#"members = ["uct", "eth"]"#,
            r#"members = ["eth", "uct", "eth"]"#,
        ),
        &[(23, 26, "member `eth` is listed twice")],
    );
    check(
        &edit(r#"members = ["uct", "eth"]"#, "members = []"),
        &[
            (
                23,
                11,
                "a body needs at least one member (or [\"*\"] for all)",
            ),
            (24, 9, "the chair `eth` is not a member of this body"),
        ],
    );
}

#[test]
fn a_body_needs_a_voting_member() {
    let text = with(OBSERVER).replace(
        "members = [\"uct\", \"eth\"]\nchair = \"eth\"",
        "members = [\"obs\"]\nchair = \"obs\"",
    );
    check(
        &text,
        &[(23, 11, "a body needs at least one full (voting) member")],
    );
    // An associate with weight 3 still has no vote.
    let text = observer(
        "status = \"observer\"",
        "status = \"associate\"\nweight = 3",
    )
    .replace(
        "members = [\"uct\", \"eth\"]\nchair = \"eth\"",
        "members = [\"obs\"]\nchair = \"obs\"",
    );
    check(
        &text,
        &[(23, 11, "a body needs at least one full (voting) member")],
    );
}

#[test]
fn the_chair_must_be_a_known_member_of_the_body() {
    check(
        &edit(r#"chair = "eth""#, r#"chair = "ucl""#),
        &[(24, 9, "unknown member `ucl`")],
    );
    check(
        &with(OBSERVER).replace(r#"chair = "eth""#, r#"chair = "obs""#),
        &[(24, 9, "the chair `obs` is not a member of this body")],
    );
    // With ["*"] every member is in the body, the observer included.
    let all = with(OBSERVER)
        .replace(r#"members = ["uct", "eth"]"#, r#"members = ["*"]"#)
        .replace(r#"chair = "eth""#, r#"chair = "obs""#);
    check(&all, &[]);
}

#[test]
fn quorum_is_a_fraction_above_zero_and_at_most_one() {
    for (quorum, message) in [
        (
            "half",
            "quorum `half` must be a fraction such as `1/2` or `2/3`",
        ),
        (
            "1/x",
            "quorum `1/x` must be a fraction such as `1/2` or `2/3`",
        ),
        (
            "-1/2",
            "quorum `-1/2` must be a fraction such as `1/2` or `2/3`",
        ),
        ("0/3", "quorum `0/3` must be more than 0 and at most 1"),
        ("1/0", "quorum `1/0` must be more than 0 and at most 1"),
        ("3/2", "quorum `3/2` must be more than 0 and at most 1"),
    ] {
        check(
            &edit(r#"quorum = "1/2""#, &format!(r#"quorum = "{quorum}""#)),
            &[(25, 10, message)],
        );
    }
    check(
        &edit(r#"quorum = "1/2""#, "quorum = 0.5"),
        &[(
            25,
            10,
            "invalid type: floating point `0.5`, expected a string",
        )],
    );
}

#[test]
fn rules_have_known_values_valid_names_and_a_default() {
    let rules = |table: &str| {
        edit(
            r#"rules = { default = "simple", budget = "two-thirds" }"#,
            table,
        )
    };
    check(
        &rules(r#"rules = { default = "simple", budget = "supermajority" }"#),
        &[(
            26,
            40,
            "unknown majority rule `supermajority`, expected one of `simple`, `absolute`, `two-thirds`, `unanimous`, `consensus`, `double`",
        )],
    );
    check(
        &rules(r#"rules = { budget = "two-thirds" }"#),
        &[(26, 9, "[bodies.rules] needs a `default` rule")],
    );
    check(
        &rules(r#"rules = { default = "simple", Big_Budget = "absolute" }"#),
        &[(
            26,
            31,
            "`Big_Budget` is not a valid rule id: use lower-case letters, digits and `-`",
        )],
    );
    check(
        &edit(
            "rules = { default = \"simple\", budget = \"two-thirds\" }\n",
            "",
        ),
        &[(20, 1, "missing key `rules`")],
    );
}

#[test]
fn max_proxies_is_zero_or_more() {
    let proxies = |n: &str| {
        edit(
            r#"quorum = "1/2""#,
            &format!("quorum = \"1/2\"\nmax_proxies = {n}"),
        )
    };
    check(&proxies("0"), &[]);
    check(
        &proxies("-1"),
        &[(
            26,
            15,
            "`max_proxies` must be zero or a positive whole number, not -1",
        )],
    );
    check(
        &proxies("5000000000"),
        &[(
            26,
            15,
            "`max_proxies` must be zero or a positive whole number, not 5000000000",
        )],
    );
}

#[test]
fn body_enums_reject_unknown_values() {
    check(
        &edit(
            r#"quorum = "1/2""#,
            "quorum = \"1/2\"\nquorum_basis = \"heads\"",
        ),
        &[(
            26,
            16,
            "unknown value `heads`, expected `weight` or `members`",
        )],
    );
}

// ---- programmes ------------------------------------------------------------

#[test]
fn programme_leads_are_members_and_metrics_are_numbers() {
    check(
        &edit(r#"lead = "uct""#, r#"lead = "mit""#),
        &[(40, 8, "unknown member `mit`")],
    );
    check(
        &edit(
            "metrics = { publications = 41, share = 0.5 }",
            "metrics = { publications = \"many\", share = nan, open = true }",
        ),
        &[
            (
                41,
                28,
                "metric `publications` must be a number, not a string",
            ),
            (41, 44, "metric `share` must be a finite number, not NaN"),
            (41, 56, "metric `open` must be a number, not a boolean"),
        ],
    );
    check(
        &edit(r#"kind = "joint-research-centre""#, r#"kind = "centre""#),
        &[(
            38,
            8,
            "unknown value `centre`, expected one of `joint-research-centre`, `exchange`, `grant`, `publication`, `training`",
        )],
    );
}

// ---- the shape of the file -------------------------------------------------

#[test]
fn unknown_keys_are_reported_at_every_level() {
    check(
        &format!("motto = \"Together\"\n{BASE}"),
        &[(
            1,
            1,
            "unknown key `motto`, expected one of `alliance`, `defaults`, `members`, `bodies`, `priorities`, `programmes`",
        )],
    );
    check(
        &edit(
            r#"name = "Mini Alliance""#,
            "name = \"Mini Alliance\"\nfounded = 2020",
        ),
        &[(
            4,
            1,
            "unknown key `founded`, expected one of `id`, `name`, `timezone`",
        )],
    );
    check(
        &observer(
            "status = \"observer\"",
            "status = \"observer\"\ncolour = \"red\"",
        ),
        &[(
            49,
            1,
            "unknown key `colour`, expected one of `id`, `name`, `kind`, `country`, `timezone`, `status`, `weight`, `working_hours`, `working_days`, `blackout`, `holidays`, `night`, `delegates`",
        )],
    );
    check(
        &with(&format!(
            "{OBSERVER}[[members.delegates]]\nname = \"A\"\nphone = \"+1\"\n"
        )),
        &[(
            51,
            1,
            "unknown key `phone`, expected one of `name`, `email`, `role`, `ssh_key`",
        )],
    );
}

#[test]
fn missing_keys_are_reported_at_their_table() {
    check(
        &edit("country = \"ZA\"\n", ""),
        &[(6, 1, "missing key `country`")],
    );
    check(
        &edit("timezone = \"Europe/Brussels\"\n", ""),
        &[(1, 1, "missing key `timezone`")],
    );
    check(
        &edit("chair = \"eth\"\n", ""),
        &[(20, 1, "missing key `chair`")],
    );
}

#[test]
fn wrong_types_say_what_was_expected() {
    check(
        &edit(r#"name = "ETH Zurich""#, "name = 7"),
        &[(15, 8, "invalid type: integer `7`, expected a string")],
    );
    check(
        &edit(r#"members = ["uct", "eth"]"#, r#"members = "uct, eth""#),
        &[(
            23,
            11,
            "invalid type: string \"uct, eth\", expected an array",
        )],
    );
    check(
        &edit("[alliance]\n", "alliance = 3\n[alliances]\n"),
        &[
            (1, 12, "invalid type: integer `3`, expected a table"),
            (
                2,
                2,
                "unknown key `alliances` (did you mean `alliance`?), expected one of `alliance`, `defaults`, `members`, `bodies`, `priorities`, `programmes`",
            ),
        ],
    );
    check(
        &edit(
            "kind = \"university\"\ncountry = \"CH\"",
            "kind = \"college\"\ncountry = \"CH\"",
        ),
        &[(
            16,
            8,
            "unknown value `college`, expected one of `university`, `research-centre`, `policy-institute`, `industry`, `funder`",
        )],
    );
}

#[test]
fn empty_and_incomplete_charters() {
    check(
        "",
        &[(
            1,
            1,
            "the charter is empty: it needs at least an [alliance] table and [[members]]",
        )],
    );
    check(
        "# only a comment\n",
        &[(
            1,
            1,
            "the charter is empty: it needs at least an [alliance] table and [[members]]",
        )],
    );
    check(
        &BASE.replacen(
            "[alliance]\nid = \"mini\"\nname = \"Mini Alliance\"\ntimezone = \"Europe/Brussels\"\n",
            "",
            1,
        ),
        &[(1, 1, "missing [alliance] table (id, name, timezone)")],
    );
    check(
        "[alliance]\nid = \"x\"\nname = \"X\"\ntimezone = \"UTC\"\n",
        &[(
            1,
            1,
            "missing [[members]]: a charter needs at least one member",
        )],
    );
}

#[test]
fn a_syntax_error_is_reported_alone() {
    // What follows a syntax error is not checked: the parser's recovery
    // would report the type of `name` against a half-read string.
    check(
        "[alliance]\nid = \"mini\nname = 3\ntimezone = \"UTC\"\n",
        &[(2, 11, "invalid basic string, expected `\"`")],
    );
}

#[test]
fn a_duplicate_key_is_named() {
    check(
        &edit("[[bodies]]\n", "[[bodies]]\nid = \"steering\"\n"),
        &[(22, 1, "duplicate key `id`")],
    );
}

// ---- problems do not cascade ------------------------------------------------

#[test]
fn a_member_that_does_not_read_is_not_also_unknown() {
    // uct's country is not a string; the body and programme naming uct are fine.
    check(
        &edit(r#"country = "ZA""#, "country = 710"),
        &[(10, 11, "invalid type: integer `710`, expected a string")],
    );
}

#[test]
fn a_body_that_does_not_read_makes_references_incomplete() {
    let load = load_charter(&SourceFile::new(
        "charter.toml",
        edit(r#"quorum = "1/2""#, "quorum = 1"),
    ));
    assert_eq!(load.diagnostics.len(), 1);
    assert!(!load.references.complete);
    let load = load_charter(&SourceFile::new(
        "charter.toml",
        edit(r#"quorum = "1/2""#, r#"quorum = "2""#),
    ));
    assert!(load.references.complete, "a body that reads is still known");
    assert!(load.references.bodies.contains_key("steering"));
}

#[test]
fn every_problem_in_the_file_is_reported() {
    let text = edit(r#"country = "ZA""#, r#"country = "EU""#)
        .replace(
            r#"timezone = "Europe/Zurich""#,
            r#"timezone = "Europe/Zurik""#,
        )
        .replace(r#"chair = "eth""#, r#"chair = "ucl""#)
        .replace(r#"lead = "uct""#, r#"lead = "ucx""#);
    check(
        &text,
        &[
            (
                10,
                11,
                "`EU` is not an ISO 3166-1 alpha-2 country code (e.g. `ZA`, `CH`, `AU`)",
            ),
            (
                18,
                12,
                "unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?",
            ),
            (24, 9, "unknown member `ucl`"),
            (40, 8, "unknown member `ucx`"),
        ],
    );
}

// ---- bounded work (issue 12) -------------------------------------------------

/// `n` observers, each with the time zone `zone(i)`.
fn members_with_zones(n: usize, zone: impl Fn(usize) -> String) -> String {
    let mut text = BASE.to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "[[members]]\nid = \"m{i}\"\nname = \"M\"\nkind = \"funder\"\ncountry = \"ZA\"\ntimezone = \"{}\"\nstatus = \"observer\"\n",
            zone(i)
        ));
    }
    text
}

#[test]
fn a_repeated_unknown_zone_is_suggested_for_every_time() {
    let found = problems(&members_with_zones(500, |_| "Europe/Zurik".to_owned()));
    assert_eq!(found.len(), 500);
    assert!(
        found
            .iter()
            .all(|(_, _, m)| m == "unknown time zone `Europe/Zurik`; did you mean `Europe/Zurich`?"),
        "{found:?}"
    );
}

#[test]
fn only_the_first_distinct_unknown_zones_get_a_suggestion() {
    let limit = crate::files::SHOWN_PER_FILE;
    let found = problems(&members_with_zones(limit + 50, |i| {
        format!("Europe/Zurik{i}")
    }));
    assert_eq!(found.len(), limit + 50);
    let suggested = found
        .iter()
        .filter(|(_, _, m)| m.contains("did you mean"))
        .count();
    assert_eq!(suggested, limit);
    // In file order: the first ones are the ones suggested.
    assert!(
        found[limit - 1].2.contains("did you mean"),
        "{:?}",
        found[limit - 1]
    );
    assert_eq!(
        found[limit].2,
        format!("unknown time zone `Europe/Zurik{limit}`")
    );
}

#[test]
fn a_body_of_thousands_is_checked_by_lookup_not_by_scanning() {
    // 20,000 members listed in one body, one of them twice and one unknown:
    // the quadratic version took seconds here, this one milliseconds.
    let n = 20_000;
    let mut text = members_with_zones(n, |_| "UTC".to_owned());
    let mut ids: Vec<String> = (0..n).map(|i| format!("\"m{i}\"")).collect();
    ids.push("\"m7\"".to_owned());
    ids.push("\"nobody\"".to_owned());
    text.push_str(&format!(
        "[[bodies]]\nid = \"all\"\nname = \"All\"\nmembers = [{}]\nchair = \"m1\"\nquorum = \"1/2\"\nrules = {{ default = \"simple\" }}\n",
        ids.join(", ")
    ));
    let found: Vec<String> = problems(&text).into_iter().map(|(_, _, m)| m).collect();
    assert_eq!(
        found,
        ["member `m7` is listed twice", "unknown member `nobody`",]
    );
}

/// Two yearly reports for the base programme, from line 42: periods on
/// lines 43 and 47, targets tables on 45 and 50.
const REPORTS: &str = r#"[[programmes.reports]]
period = "2025"
publications = 30
[programmes.reports.targets]
publications = 25
[[programmes.reports]]
period = "2026"
publications = 41
share = 0.5
[programmes.reports.targets]
set_by = "march/budget"
publications = 40
"#;

/// `REPORTS` with the one occurrence of `from` replaced by `to`, after `BASE`.
#[track_caller]
fn reports(from: &str, to: &str) -> String {
    assert_eq!(REPORTS.matches(from).count(), 1, "`{from}` must occur once");
    with(&REPORTS.replacen(from, to, 1))
}

#[test]
fn reports_are_read_sorted_with_targets_and_set_by() {
    let load = load_charter(&SourceFile::new("charter.toml", with(REPORTS)));
    assert!(load.diagnostics.is_empty(), "{:?}", load.diagnostics);
    let charter = load.charter.unwrap();
    let programme = &charter.programmes[0];
    let periods: Vec<String> = programme
        .reports
        .iter()
        .map(|r| r.period.to_string())
        .collect();
    assert_eq!(periods, ["2025", "2026"]);
    let latest = &programme.reports[1];
    assert_eq!(
        latest.metrics["publications"],
        crate::charter::Metric::Integer(41)
    );
    assert_eq!(
        latest.targets["publications"],
        crate::charter::Metric::Integer(40)
    );
    let set_by = latest.set_by.as_ref().unwrap();
    assert_eq!(
        (set_by.meeting.as_str(), set_by.item.as_str()),
        ("march", "budget")
    );
    assert!(programme.reports[0].set_by.is_none());
    // The undated snapshot is still there, untouched.
    assert_eq!(programme.metrics.len(), 2);
}

#[test]
fn report_periods_must_be_well_formed() {
    let message = "period `2026-H3` must be a year such as `2026`, a half such as `2026-H1` or a quarter such as `2026-Q3`";
    check(
        &reports("period = \"2026\"", "period = \"2026-H3\""),
        &[(48, 10, message)],
    );
    check(
        &reports("period = \"2025\"\n", ""),
        &[(
            42,
            1,
            "a [[programmes.reports]] entry needs a `period` such as \"2026\"",
        )],
    );
}

#[test]
fn report_periods_are_unique_per_programme() {
    check(
        &reports("period = \"2026\"", "period = \"2025\""),
        &[(
            48,
            10,
            "period `2025` is reported twice for this programme (first on line 43)",
        )],
    );
    // A year and its half are separate series, not a duplicate.
    assert!(problems(&reports("period = \"2026\"", "period = \"2025-H1\"")).is_empty());
}

#[test]
fn report_numbers_must_be_finite() {
    check(
        &reports("publications = 41", "publications = inf"),
        &[(
            49,
            16,
            "metric `publications` must be a finite number, not inf",
        )],
    );
    check(
        &reports("publications = 40", "publications = \"forty\""),
        &[(
            53,
            16,
            "metric `publications` must be a number, not a string",
        )],
    );
}

#[test]
fn a_misspelt_metric_suggests_the_name_used_in_other_periods() {
    check(
        &reports("publications = 30", "publicatons = 30"),
        &[(
            44,
            1,
            "metric `publicatons` appears in no other period of this programme (did you mean `publications`?)",
        )],
    );
    // A figure measured for the first time, like no other name, is fine.
    assert!(problems(&reports("share = 0.5", "share = 0.5\nrepositories = 3")).is_empty());
}

#[test]
fn targets_name_metrics_the_programme_reports() {
    check(
        &reports("publications = 25", "publicatons = 25"),
        &[(
            46,
            1,
            "target for `publicatons`, a metric this programme never reports (did you mean `publications`?)",
        )],
    );
}

#[test]
fn set_by_names_a_meeting_and_an_item() {
    check(
        &reports("\"march/budget\"", "\"march\""),
        &[(
            52,
            10,
            "`set_by` must name a meeting and an item as `MEETING/ITEM`, such as `2027-03-steering/budget-2027`, not `march`",
        )],
    );
}

// ---- [bodies.written] (SPEC 9) ---------------------------------------------

#[test]
fn a_body_may_say_how_it_decides_by_written_procedure() {
    use crate::charter::{Silence, WrittenRules};
    let rules = "rules = { default = \"simple\", budget = \"two-thirds\" }";
    let text = edit(
        rules,
        &format!("{rules}\nwritten = {{ rule = \"budget\", silence = \"consent\" }}"),
    );
    check(&text, &[]);
    let charter = load_charter(&SourceFile::new("charter.toml", &text))
        .charter
        .unwrap();
    assert_eq!(
        charter.bodies[0].written,
        WrittenRules {
            rule: Some("budget".into()),
            silence: Silence::Consent,
        }
    );
    check(
        &edit(
            rules,
            &format!("{rules}\nwritten = {{ rule = \"urgent\" }}"),
        ),
        &[(
            27,
            20,
            "[bodies.written] `rule` must be a key of this body's [bodies.rules]: `urgent` is not one of `budget`, `default`",
        )],
    );
    check(
        &edit(
            rules,
            &format!("{rules}\nwritten = {{ silence = \"yes\" }}"),
        ),
        &[(27, 23, "unknown value `yes`, expected `consent` or `none`")],
    );
    check(
        &edit(rules, &format!("{rules}\nwritten = {{ days = 3 }}")),
        &[(27, 13, "unknown key `days`, expected `rule` or `silence`")],
    );
}
