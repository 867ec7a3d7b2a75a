//! A written procedure recorded through `Meeting` on files (SPEC 9):
//! the early close when the result can no longer change and not one reply
//! earlier, the deadline, extensions, withdrawal, who may reply, rankings,
//! every rule at the deadline, and replay under frozen terms.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::super::*;
use crate::agenda::DeadlineSpec;
use crate::meeting::{Actor, Meeting, MeetingError, MeetingState, ReplyChoice};
use crate::vote::MajorityRule;
use crate::workspace::Workspace;

// Recording through `Meeting`, on files: a board of four (m0 chair,
// weight 2; m1, m2, m3 weight 1), rule absolute, deadline 14 May 2027 in
// Brussels (21:59:59 UTC is its last second).

const CHARTER: &str = r#"
[alliance]
id = "a"
name = "Alliance"
timezone = "Europe/Brussels"

[[members]]
id = "m0"
name = "Member 0"
kind = "university"
country = "BE"
timezone = "Europe/Brussels"
weight = 2
  [[members.delegates]]
  name = "Chair Zero"
  role = "chair"

[[members]]
id = "m1"
name = "Member 1"
kind = "university"
country = "AU"
timezone = "Australia/Sydney"
  [[members.delegates]]
  name = "Rep One"

[[members]]
id = "m2"
name = "Member 2"
kind = "university"
country = "NP"
timezone = "Asia/Kathmandu"

[[members]]
id = "m3"
name = "Member 3"
kind = "university"
country = "DE"
timezone = "Europe/Berlin"

[[bodies]]
id = "board"
name = "Board"
members = ["*"]
chair = "m0"
quorum = "1/2"
  [bodies.rules]
  default = "simple"
  grants = "absolute"
  [bodies.written]
  rule = "grants"
"#;

const AGENDA: &str = r#"
[meeting]
id = "w"
body = "board"
title = "Seed grants by written procedure"
kind = "written"
deadline = 2027-05-14

[[items]]
id = "call"
title = "Seed-grant call"
kind = "decision"
"#;

fn files(agenda: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("charter.toml"), CHARTER).unwrap();
    std::fs::write(dir.path().join("w.toml"), agenda).unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    (dir, ws)
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn reply(member: &str, choice: ReplyChoice) -> Event {
    Event::Reply {
        item: "call".into(),
        member: member.into(),
        answer: Answer::Choice(choice),
        via: Some("e-mail".into()),
    }
}

fn close() -> Event {
    Event::ProcedureClosed {
        early: false,
        why: String::new(),
        reason: None,
        outcomes: BTreeMap::new(),
    }
}

fn record(ws: &Workspace, now: DateTime<Utc>, event: Event) -> Result<MeetingState, MeetingError> {
    let meeting = Meeting::new(ws, ws.agenda("w").unwrap())?;
    meeting
        .record("secretariat", now, vec![event])
        .map(|(_, state)| state)
}

const EARLY: &str = "2027-05-10T09:00:00Z";

#[test]
fn early_close_once_the_result_cannot_change_and_not_one_reply_earlier() {
    let (_dir, ws) = files(AGENDA);
    record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
    // Absolute: yes must exceed half of 5. m0 (2) yes is not enough yet.
    record(&ws, at(EARLY), reply("m0", ReplyChoice::Yes)).unwrap();
    let refused = record(&ws, at(EARLY), close()).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("`call` could still pass or fail"),
        "{refused}"
    );
    let state = record(&ws, at(EARLY), reply("m1", ReplyChoice::Yes)).unwrap();
    assert!(state.written().unwrap().end.is_none());
    let state = record(&ws, at(EARLY), close()).unwrap();
    let Some(End::Closed { early, why, .. }) = &state.written().unwrap().end else {
        panic!("closed");
    };
    assert!(early);
    assert_eq!(
        why,
        "no remaining reply can change the outcome: `call` passes whatever the 2 members yet to reply (m2, m3) reply"
    );
    let Some(crate::meeting::ItemOutcome::Decision(outcome)) = &state.item("call").unwrap().outcome
    else {
        panic!("a recorded decision");
    };
    assert!(outcome.passed);
    assert_eq!(outcome.rule, MajorityRule::Absolute);
    assert_eq!(outcome.yes.weight, 3);
    // Closed: nothing more.
    let after = record(&ws, at(EARLY), reply("m2", ReplyChoice::No)).unwrap_err();
    assert!(after.to_string().contains("closed"), "{after}");
}

#[test]
fn replies_stop_at_the_deadline_and_the_outcome_is_final_there() {
    let (_dir, ws) = files(AGENDA);
    record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
    record(
        &ws,
        at("2027-05-14T21:59:00Z"),
        reply("m2", ReplyChoice::Yes),
    )
    .unwrap();
    let late = record(
        &ws,
        at("2027-05-14T22:00:00Z"),
        reply("m3", ReplyChoice::Yes),
    )
    .unwrap_err();
    assert!(
        late.to_string().contains("has passed: no more replies"),
        "{late}"
    );
    // Before the deadline the outcome could still change; after, it is final.
    assert!(record(&ws, at("2027-05-14T21:59:30Z"), close()).is_err());
    let state = record(&ws, at("2027-05-15T08:00:00Z"), close()).unwrap();
    let Some(End::Closed { early, why, .. }) = &state.written().unwrap().end else {
        panic!("closed");
    };
    assert!(!early);
    assert_eq!(why, "the deadline passed (2027-05-14 21:59 UTC)");
    let Some(crate::meeting::ItemOutcome::Decision(outcome)) = &state.item("call").unwrap().outcome
    else {
        panic!("a recorded decision");
    };
    // One member of weight 1 replied: no quorum.
    assert!(!outcome.passed);
    assert!(!outcome.quorum.met);
}

#[test]
fn extend_before_the_deadline_to_a_later_one_and_withdraw() {
    let (_dir, ws) = files(AGENDA);
    record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
    let brussels = chrono_tz::Europe::Brussels;
    let later = DeadlineSpec::parse("2027-05-21").unwrap().resolve(brussels);
    let earlier = DeadlineSpec::parse("2027-05-12").unwrap().resolve(brussels);
    let extend = |deadline, reason: &str| Event::DeadlineExtended {
        deadline,
        reason: reason.into(),
    };
    let refused = record(&ws, at(EARLY), extend(earlier, "why not")).unwrap_err();
    assert!(refused.to_string().contains("is not later"), "{refused}");
    assert!(
        record(&ws, at(EARLY), extend(later, " ")).is_err(),
        "a reason"
    );
    let state = record(
        &ws,
        at(EARLY),
        extend(later, "members asked for a week more"),
    )
    .unwrap();
    let w = state.written().unwrap();
    assert_eq!(w.deadline, Some(later));
    assert_eq!(w.extensions.len(), 1);
    // A reply after the first deadline now counts.
    record(
        &ws,
        at("2027-05-17T10:00:00Z"),
        reply("m3", ReplyChoice::No),
    )
    .unwrap();
    // After the deadline in force: no extension, no withdrawal.
    let past = at("2027-05-22T00:00:00Z");
    let even_later = DeadlineSpec::parse("2027-05-28").unwrap().resolve(brussels);
    assert!(record(&ws, past, extend(even_later, "too late")).is_err());
    let withdraw = |reason: &str| Event::ProcedureWithdrawn {
        reason: reason.into(),
    };
    assert!(record(&ws, past, withdraw("too late")).is_err());
    let state = record(
        &ws,
        at("2027-05-18T10:00:00Z"),
        withdraw("the call is redrafted"),
    )
    .unwrap();
    assert!(state.closed);
    assert!(matches!(
        &state.written().unwrap().end,
        Some(End::Withdrawn { reason, .. }) if reason == "the call is redrafted"
    ));
}

#[test]
fn a_reply_is_final_and_fits_its_item() {
    let (_dir, ws) = files(AGENDA);
    let early = at(EARLY);
    let not_open = record(&ws, early, reply("m1", ReplyChoice::Yes)).unwrap_err();
    assert!(not_open.to_string().contains("not open yet"), "{not_open}");
    record(&ws, early, Event::ProcedureOpened { deadline: None }).unwrap();
    record(&ws, early, reply("m1", ReplyChoice::Yes)).unwrap();
    let again = record(&ws, early, reply("m1", ReplyChoice::No)).unwrap_err();
    assert!(again.to_string().contains("a reply is final"), "{again}");
    let ballot = Event::Reply {
        item: "call".into(),
        member: "m2".into(),
        answer: Answer::Ranking(vec!["a".into()]),
        via: Some("letter".into()),
    };
    assert!(record(&ws, early, ballot).is_err());
    // A meeting's events have no place in a written procedure.
    let present = record(
        &ws,
        early,
        Event::Present {
            member: "m2".into(),
            delegate: None,
        },
    )
    .unwrap_err();
    assert!(
        present.to_string().contains("written procedure"),
        "{present}"
    );
}

#[test]
fn members_reply_for_themselves_and_the_secretariat_with_evidence() {
    let (_dir, ws) = files(AGENDA);
    let meeting = Meeting::new(&ws, ws.agenda("w").unwrap()).unwrap();
    let early = at(EARLY);
    meeting
        .record(
            "secretariat",
            early,
            vec![Event::ProcedureOpened { deadline: None }],
        )
        .unwrap();
    let own = |member: &str, via: Option<&str>| Event::Reply {
        item: "call".into(),
        member: member.into(),
        answer: Answer::Choice(ReplyChoice::Yes),
        via: via.map(str::to_owned),
    };
    let rep = Actor::delegate(&ws.charter, "m1", "Rep One").unwrap();
    let as_rep =
        |event: Event| meeting.record_as(&rep, early, |_| Ok::<_, MeetingError>(vec![event]));
    let other = as_rep(own("m2", None)).unwrap_err();
    assert_eq!(
        other.to_string(),
        "Rep One may not reply for `m2`: a delegate of `m1` replies for `m1` only (a written procedure has no proxies)"
    );
    assert!(
        as_rep(own("m1", Some("e-mail"))).is_err(),
        "evidence is the secretariat's"
    );
    assert!(
        as_rep(Event::ProcedureWithdrawn {
            reason: "no".into()
        })
        .is_err()
    );
    as_rep(own("m1", None)).unwrap();
    let without = meeting
        .record("secretariat", early, vec![own("m2", None)])
        .unwrap_err();
    assert!(without.to_string().contains("--via"), "{without}");
    meeting
        .record(
            "secretariat",
            early,
            vec![own("m2", Some("letter of 3 May"))],
        )
        .unwrap();
    // The chair member's chair delegate runs the procedure.
    let chair = Actor::delegate(&ws.charter, "m0", "Chair Zero").unwrap();
    let withdraw = Event::ProcedureWithdrawn {
        reason: "redrafted".into(),
    };
    meeting
        .record_as(&chair, early, |_| Ok::<_, MeetingError>(vec![withdraw]))
        .unwrap();
}

#[test]
fn replay_keeps_the_frozen_deadline_and_rule_after_the_agenda_is_edited() {
    let (dir, ws) = files(AGENDA);
    record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
    record(&ws, at(EARLY), reply("m1", ReplyChoice::Yes)).unwrap();
    drop(ws);
    let edited = AGENDA.replace("2027-05-14", "2027-05-01");
    std::fs::write(dir.path().join("w.toml"), edited).unwrap();
    let charter = CHARTER.replace("rule = \"grants\"", "rule = \"default\"");
    std::fs::write(dir.path().join("charter.toml"), charter).unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    let meeting = Meeting::new(&ws, ws.agenda("w").unwrap()).unwrap();
    let (state, _) = meeting.load().unwrap();
    let w = state.written().unwrap();
    assert_eq!(w.deadline.unwrap().at, at("2027-05-14T22:00:00Z"));
    let ctx = state.context(*meeting.context());
    assert_eq!(ctx.body.written.rule.as_deref(), Some("grants"));
    // A reply after the edited (earlier) deadline still counts.
    record(
        &ws,
        at("2027-05-10T10:00:00Z"),
        reply("m2", ReplyChoice::Yes),
    )
    .unwrap();
}

const RANKING: &str = r#"
[meeting]
id = "w"
body = "board"
title = "Themes by written procedure"
kind = "written"
deadline = 2027-05-14

[[items]]
id = "themes"
title = "Themes"
kind = "ranking"
method = "schulze"
options = ["water", "health", "energy"]
"#;

const PRIORITIES: &str = r#"
[[priorities]]
id = "water"
name = "Water"

[[priorities]]
id = "health"
name = "Health"

[[priorities]]
id = "energy"
name = "Energy"
"#;

fn ranking_files(silence: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let charter = format!("{CHARTER}{PRIORITIES}").replace(
        "  rule = \"grants\"\n",
        &format!("  rule = \"grants\"\n  silence = \"{silence}\"\n"),
    );
    std::fs::write(dir.path().join("charter.toml"), charter).unwrap();
    std::fs::write(dir.path().join("w.toml"), RANKING).unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    (dir, ws)
}

fn ballot(member: &str, options: &[&str]) -> Event {
    Event::Reply {
        item: "themes".into(),
        member: member.into(),
        answer: Answer::Ranking(options.iter().map(|o| (*o).to_owned()).collect()),
        via: Some("e-mail".into()),
    }
}

#[test]
fn a_ranking_takes_ballots_and_closes_early_only_once_everyone_replied() {
    let (_dir, ws) = ranking_files("none");
    let early = at(EARLY);
    record(&ws, early, Event::ProcedureOpened { deadline: None }).unwrap();
    let yes = Event::Reply {
        item: "themes".into(),
        member: "m0".into(),
        answer: Answer::Choice(ReplyChoice::Yes),
        via: Some("e-mail".into()),
    };
    let refused = record(&ws, early, yes).unwrap_err();
    assert!(refused.to_string().contains("is a ranking"), "{refused}");
    assert!(record(&ws, early, ballot("m0", &["water", "nowhere"])).is_err());
    record(&ws, early, ballot("m0", &["water", "health"])).unwrap();
    record(&ws, early, ballot("m1", &["health", "water"])).unwrap();
    let abstain = Event::Reply {
        item: "themes".into(),
        member: "m2".into(),
        answer: Answer::Choice(ReplyChoice::Abstain),
        via: Some("e-mail".into()),
    };
    record(&ws, early, abstain).unwrap();
    let open = record(&ws, early, close()).unwrap_err();
    assert!(
        open.to_string()
            .contains("`themes` is a ranking, fixed before the deadline only once every member has replied (not yet: m3)"),
        "{open}"
    );
    record(&ws, early, ballot("m3", &["water"])).unwrap();
    let state = record(&ws, early, close()).unwrap();
    let Some(crate::meeting::ItemOutcome::Ranking(r)) = &state.item("themes").unwrap().outcome
    else {
        panic!("a recorded ranking");
    };
    assert!(r.quorum.met);
    assert_eq!(r.adopted, ["water"]);
    assert_eq!(r.not_voted, ["m2"], "abstained: present, no ballot");
}

#[test]
fn with_consent_silence_counts_present_without_a_ballot_on_a_ranking() {
    let (_dir, ws) = ranking_files("consent");
    record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
    record(&ws, at(EARLY), ballot("m1", &["energy"])).unwrap();
    let state = record(&ws, at("2027-05-15T00:00:00Z"), close()).unwrap();
    let Some(crate::meeting::ItemOutcome::Ranking(r)) = &state.item("themes").unwrap().outcome
    else {
        panic!("a recorded ranking");
    };
    // Everyone counts as present (quorum met); one ballot decides.
    assert!(r.quorum.met);
    assert_eq!(r.quorum.present, 5);
    assert_eq!(r.adopted, ["energy"]);
    assert_eq!(r.not_voted, ["m0", "m2", "m3"]);
}

/// Recorded at the deadline, for every rule and both silences: m0 (2,
/// chair) yes, m1 no, m2 abstains, m3 stays silent; 5 votes in all.
#[test]
fn the_outcome_recorded_at_the_deadline_for_every_rule_with_silence_both_ways() {
    let cases = [
        ("simple", "none", true),
        ("absolute", "none", false),
        ("two-thirds", "none", true),
        ("unanimous", "none", false),
        ("consensus", "none", false),
        ("double", "none", false),
        ("simple", "consent", true),
        ("absolute", "consent", true),
        ("two-thirds", "consent", true),
        ("unanimous", "consent", false),
        ("consensus", "consent", false),
        ("double", "consent", true),
    ];
    for (rule, silence, passed) in cases {
        let dir = tempfile::tempdir().unwrap();
        let charter = CHARTER
            .replace("grants = \"absolute\"", &format!("grants = \"{rule}\""))
            .replace(
                "  rule = \"grants\"\n",
                &format!("  rule = \"grants\"\n  silence = \"{silence}\"\n"),
            );
        std::fs::write(dir.path().join("charter.toml"), charter).unwrap();
        std::fs::write(dir.path().join("w.toml"), AGENDA).unwrap();
        let ws = Workspace::load(dir.path()).unwrap();
        record(&ws, at(EARLY), Event::ProcedureOpened { deadline: None }).unwrap();
        for (member, choice) in [
            ("m0", ReplyChoice::Yes),
            ("m1", ReplyChoice::No),
            ("m2", ReplyChoice::Abstain),
        ] {
            record(&ws, at(EARLY), reply(member, choice)).unwrap();
        }
        let state = record(&ws, at("2027-05-14T22:00:00Z"), close()).unwrap();
        let Some(crate::meeting::ItemOutcome::Decision(o)) = &state.item("call").unwrap().outcome
        else {
            panic!("a recorded decision");
        };
        assert_eq!(
            o.passed,
            passed,
            "{rule} with silence {silence}: {}",
            o.summary()
        );
        assert_eq!(o.rule.name(), rule);
        let present = if silence == "consent" { 5 } else { 4 };
        assert_eq!(o.quorum.present, present, "{rule} {silence}");
    }
}

#[test]
fn a_meeting_takes_no_written_procedures_events() {
    let (_dir, ws) = crate::test_support::example_copy();
    let meeting = Meeting::new(&ws, ws.agenda("2027-03-steering").unwrap()).unwrap();
    let refused = meeting
        .record(
            "secretariat",
            at(EARLY),
            vec![Event::ProcedureOpened { deadline: None }],
        )
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "`procedure-opened` belongs to a written procedure; `2027-03-steering` is a meeting (its agenda has no `kind = \"written\"`)"
    );
    assert!(!meeting.journal().path().exists(), "nothing written");
}

/// A meeting's terms are written as before procedures existed (no `kind`,
/// `deadline` or `written` keys), so a journal written earlier reads the
/// same; a procedure's terms carry all three.
#[test]
fn terms_without_procedure_keys_read_as_a_meetings() {
    let ws = Workspace::load(&crate::test_support::example_root()).unwrap();
    let march = ws.agenda("2027-03-steering").unwrap();
    let ctx = Context::new(&ws.charter, march).unwrap();
    let mut terms = crate::meeting::Terms::take(&ctx, "c", "a");
    // The example's steering body has a [bodies.written]: a charter
    // without it gives no `written` key.
    terms.body.written = crate::charter::WrittenRules::default();
    let json = serde_json::to_value(&terms).unwrap();
    assert!(json["meeting"].get("kind").is_none());
    assert!(json["meeting"].get("deadline").is_none());
    assert!(json["body"].get("written").is_none());
    let back: crate::meeting::Terms = serde_json::from_value(json).unwrap();
    assert_eq!(back.meeting.kind, crate::agenda::MeetingKind::Meeting);
    let may = ws.agenda("2027-05-steering-seed-grants").unwrap();
    let ctx = Context::new(&ws.charter, may).unwrap();
    let json = serde_json::to_value(crate::meeting::Terms::take(&ctx, "c", "a")).unwrap();
    assert_eq!(json["meeting"]["kind"], "written");
    assert_eq!(json["meeting"]["deadline"]["at"], "2027-05-14T22:00:00Z");
    assert_eq!(json["meeting"]["deadline"]["date"], "2027-05-14");
    assert_eq!(json["body"]["written"]["rule"], "urgent");
}
