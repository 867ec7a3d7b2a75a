//! Decision rules as tables: (body, presence, recusals, votes, rule) -> outcome.
//!
//! Notation, to keep each row on one line:
//! - body: `"a=3 b c"` is member `a` with weight 3, `b` and `c` with weight 1;
//! - present: `"a b>a"` is `a` in person and `b` by a proxy held by `a`;
//! - votes: `"a+ b- c0"` is yes, no, abstain;
//! - setup: `"q=2/3 heads chair=a"`; defaults are `q=1/2`, by weight, no
//!   casting vote.

use super::*;
use MajorityRule::*;

fn parse(
    body: &str,
    present: &str,
    recused: &str,
    votes: &str,
    rule: MajorityRule,
    setup: &str,
) -> Decision {
    let voters = body
        .split_whitespace()
        .map(|v| match v.split_once('=') {
            Some((m, w)) => Voter::new(m, w.parse().unwrap()),
            None => Voter::new(v, 1),
        })
        .collect();
    let mut d = Decision::new(voters, rule);
    for p in present.split_whitespace() {
        // A body's notation is accepted as "everybody present in person".
        let p = p.split('=').next().unwrap_or(p);
        let (member, attendance) = match p.split_once('>') {
            Some((m, h)) => (m, Attendance::Proxy { holder: h.into() }),
            None => (p, Attendance::InPerson),
        };
        d.attendance.insert(member.into(), attendance);
    }
    d.recused = recused.split_whitespace().map(String::from).collect();
    for v in votes.split_whitespace() {
        let (member, mark) = v.split_at(v.len() - 1);
        let choice = match mark {
            "+" => Choice::Yes,
            "-" => Choice::No,
            _ => Choice::Abstain,
        };
        d.votes.insert(member.into(), choice);
    }
    for s in setup.split_whitespace() {
        if let Some(q) = s.strip_prefix("q=") {
            d.quorum = q.parse().unwrap();
        } else if let Some(c) = s.strip_prefix("chair=") {
            d.casting_vote = Some(c.into());
        } else if s == "heads" {
            d.quorum_basis = QuorumBasis::Members;
        }
    }
    d
}

fn names(members: &[&str]) -> Vec<String> {
    members.iter().map(|m| m.to_string()).collect()
}

fn objection(members: &[&str]) -> Reason {
    Reason::Objection {
        members: names(members),
    }
}

fn not_unanimous(members: &[&str]) -> Reason {
    Reason::NotUnanimous {
        members: names(members),
    }
}

fn tie(why: TieFailure) -> Reason {
    Reason::TieFailed { why }
}

fn chair(member: &str) -> Reason {
    Reason::TieBrokenByChair {
        chair: member.into(),
    }
}

fn split(heads: bool, weight: bool) -> Reason {
    Reason::SplitMajority { heads, weight }
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    MajorityRule,
    &'static str,
    bool,
    Reason,
);

#[rustfmt::skip]
fn table() -> Vec<Row> {
    use Reason::{Failed, NoQuorum, NoneInFavour, Passed};
    use TieFailure::*;
    vec![
        // name                           body           present        recused votes                rule       setup               passed reason
        ("simple passes",                 "a b c",       "a b c",       "",     "a+ b+ c-",          Simple,    "",                 true,  Passed),
        ("simple fails",                  "a b c",       "a b c",       "",     "a+ b- c-",          Simple,    "",                 false, Failed),
        ("simple ignores abstentions",    "a b c",       "a b c",       "",     "a+ b0 c0",          Simple,    "",                 true,  Passed),
        ("simple by weight",              "a=3 b c",     "a b c",       "",     "a+ b- c-",          Simple,    "",                 true,  Passed),
        ("tie without casting vote",      "a b c",       "a b c",       "",     "a+ b- c0",          Simple,    "",                 false, tie(NoCastingVote)),
        ("tie, chair voted yes",          "a b c",       "a b c",       "",     "a+ b- c0",          Simple,    "chair=a",          true,  chair("a")),
        ("weighted tie, chair yes",       "a=2 b c d",   "a b c d",     "",     "a+ b- c- d0",       Simple,    "chair=a",          true,  chair("a")),
        ("tie, chair voted no",           "a b c",       "a b c",       "",     "a+ b- c0",          Simple,    "chair=b",          false, tie(ChairAgainst)),
        ("tie, chair abstained",          "a b c",       "a b c",       "",     "a+ b- c0",          Simple,    "chair=c",          false, tie(ChairAbstained)),
        ("tie, chair silent",             "a b c",       "a b c",       "",     "a+ b-",             Simple,    "chair=c",          false, tie(ChairAbstained)),
        ("tie, chair recused",            "a b c",       "a b c",       "c",    "a+ b-",             Simple,    "chair=c",          false, tie(ChairRecused)),
        ("tie, chair absent",             "a b c",       "a b",         "",     "a+ b-",             Simple,    "chair=c",          false, tie(ChairAbsent)),
        ("tie, chair only by proxy",      "a b c d",     "a b c>a d",   "",     "a+ b- c+ d-",       Simple,    "chair=c",          false, tie(ChairAbsent)),
        ("tie, chair not a voter",        "a b c",       "a b c",       "",     "a+ b-",             Simple,    "chair=x",          false, tie(ChairNotVoter)),
        ("nothing cast is a tie",         "a b",         "a b",         "",     "a0 b0",             Simple,    "",                 false, tie(NoCastingVote)),
        ("absolute: exact half fails",    "a b c d",     "a b c d",     "",     "a+ b+ c-",          Absolute,  "",                 false, Failed),
        ("absolute: over half passes",    "a b c d",     "a b c d",     "",     "a+ b+ c+",          Absolute,  "",                 true,  Passed),
        ("absolute counts the absent",    "a=2 b c d e", "a b c",       "",     "a+ b+ c-",          Absolute,  "",                 false, Failed),
        ("absolute, odd total",           "a b c",       "a b c",       "",     "a+ b+ c0",          Absolute,  "",                 true,  Passed),
        ("two-thirds exactly",            "a b c",       "a b c",       "",     "a+ b+ c-",          TwoThirds, "",                 true,  Passed),
        ("two-thirds exactly, weighted",  "a=200 b=100", "a b",         "",     "a+ b-",             TwoThirds, "",                 true,  Passed),
        ("one short of two-thirds",       "a=199 b=101", "a b",         "",     "a+ b-",             TwoThirds, "",                 false, Failed),
        ("two-thirds ignores abstention", "a b c d e",   "a b c d e",   "",     "a+ b+ c- d0 e0",    TwoThirds, "",                 true,  Passed),
        ("two-thirds with nothing cast",  "a b c",       "a b c",       "",     "a0 b0 c0",          TwoThirds, "",                 false, NoneInFavour),
        ("unanimous",                     "a b c",       "a b c",       "",     "a+ b+ c+",          Unanimous, "",                 true,  Passed),
        ("unanimous blocked by a no",     "a b c",       "a b c",       "",     "a+ b- c0",          Unanimous, "",                 false, objection(&["b"])),
        ("unanimous missed by abstainer", "a b c",       "a b c",       "",     "a+ b+ c0",          Unanimous, "",                 false, not_unanimous(&["c"])),
        ("unanimous missed by silence",   "a b c",       "a b c",       "",     "a+ b+",             Unanimous, "",                 false, not_unanimous(&["c"])),
        ("unanimous ignores the recused", "a b c",       "a b c",       "c",    "a+ b+",             Unanimous, "",                 true,  Passed),
        ("unanimous ignores the absent",  "a b c",       "a b",         "",     "a+ b+",             Unanimous, "",                 true,  Passed),
        ("unanimous with all recused",    "a b",         "a b",         "a b",  "",                  Unanimous, "",                 false, NoneInFavour),
        ("consensus with stand-asides",   "a b c",       "a b c",       "",     "a+ b0 c0",          Consensus, "",                 true,  Passed),
        ("consensus, silence stands by",  "a b c",       "a b c",       "",     "a+",                Consensus, "",                 true,  Passed),
        ("consensus blocked",             "a b c",       "a b c",       "",     "a+ b+ c-",          Consensus, "",                 false, objection(&["c"])),
        ("consensus, all stand aside",    "a b c",       "a b c",       "",     "a0 b0 c0",          Consensus, "",                 false, NoneInFavour),
        ("double majority",               "a=3 b c d",   "a b c d",     "",     "a+ b+ c-",          Double,    "",                 true,  Passed),
        ("double: weight only",           "a=5 b c d",   "a b c d",     "",     "a+ b- c-",          Double,    "",                 false, split(false, true)),
        ("double: heads only",            "a=5 b c d",   "a b c d",     "",     "a- b+ c+",          Double,    "",                 false, split(true, false)),
        ("double: neither",               "a=5 b c d",   "a b c d",     "",     "a- b- c+",          Double,    "",                 false, Failed),
        ("double: level heads",           "a=3 b",       "a b",         "",     "a+ b-",             Double,    "",                 false, split(false, true)),
        ("no quorum, nothing passes",     "a b c d",     "a",           "",     "a+",                Simple,    "",                 false, NoQuorum),
        ("no quorum, even unanimous",     "a b c d",     "a",           "",     "a+",                Unanimous, "",                 false, NoQuorum),
        ("quorum exactly met",            "a b c d",     "a b",         "",     "a+",                Simple,    "",                 true,  Passed),
        ("quorum by weight met",          "a=5 b c d",   "a",           "",     "a+",                Simple,    "",                 true,  Passed),
        ("quorum by heads missed",        "a=5 b c d",   "a",           "",     "a+",                Simple,    "heads",            false, NoQuorum),
        ("quorum by weight missed",       "a=5 b c d",   "b c d",       "",     "b+",                Simple,    "",                 false, NoQuorum),
        ("quorum by heads met",           "a=5 b c d",   "b c d",       "",     "b+",                Simple,    "heads",            true,  Passed),
        ("2/3 of 7 needs 5: met",         "a b c d e f g", "a b c d e", "",     "a+",                Simple,    "q=2/3",            true,  Passed),
        ("2/3 of 7 needs 5: missed",      "a b c d e f g", "a b c d",   "",     "a+",                Simple,    "q=2/3",            false, NoQuorum),
        ("recused member is present",     "a b c d",     "a b",         "b",    "a+",                Simple,    "",                 true,  Passed),
        ("proxy counts for quorum",       "a b c d",     "a b>a",       "",     "a+ b+",             Simple,    "",                 true,  Passed),
        ("proxy votes count",             "a b=2 c",     "a b>a c",     "",     "a+ b- c+",          Simple,    "chair=a",          true,  chair("a")),
        ("zero quorum",                   "a b c",       "",            "",     "",                  Simple,    "q=0/1",            false, tie(NoCastingVote)),
    ]
}

#[test]
fn decision_table() {
    for (name, body, present, recused, votes, rule, setup, passed, reason) in table() {
        let d = parse(body, present, recused, votes, rule, setup);
        let outcome = decide(&d).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            (outcome.passed, &outcome.reason),
            (passed, &reason),
            "{name}"
        );
        assert_eq!(outcome.rule, rule, "{name}");
    }
}

#[test]
fn outcome_carries_every_figure() {
    let d = parse(
        "a=3 b=2 c d e",
        "a b c>a d",
        "d",
        "a+ b- c0",
        Simple,
        "q=1/2 chair=a",
    );
    let o = decide(&d).unwrap();
    assert_eq!(
        o.total,
        Count {
            weight: 8,
            members: 5
        }
    );
    assert_eq!(
        o.present,
        Count {
            weight: 7,
            members: 4
        }
    );
    assert_eq!(
        o.by_proxy,
        Count {
            weight: 1,
            members: 1
        }
    );
    assert_eq!(
        o.quorum,
        QuorumFigures {
            basis: QuorumBasis::Weight,
            fraction: "1/2".parse().unwrap(),
            required: 4,
            present: 7,
            met: true
        }
    );
    assert_eq!(
        (o.yes, o.no, o.abstain),
        (
            Count {
                weight: 3,
                members: 1
            },
            Count {
                weight: 2,
                members: 1
            },
            Count {
                weight: 1,
                members: 1
            }
        )
    );
    assert_eq!(o.recused, names(&["d"]));
    assert!(o.not_voted.is_empty());
    assert_eq!(o.threshold, Threshold::YesAbove { weight: 2 });
    assert_eq!(o.casting_vote, None);
    assert!(o.passed);
}

#[test]
fn thresholds_per_rule() {
    // (body, votes, rule) -> threshold; everybody present.
    let cases = [
        (
            "a b c d e",
            "a+ b-",
            Simple,
            Threshold::YesAbove { weight: 1 },
        ),
        (
            "a b c d e",
            "a+ b-",
            Absolute,
            Threshold::YesAbove { weight: 2 },
        ),
        (
            "a b c d e",
            "a+ b- c- d+",
            TwoThirds,
            Threshold::YesAtLeast { weight: 3 },
        ),
        (
            "a b c d e",
            "a0",
            TwoThirds,
            Threshold::YesAtLeast { weight: 1 },
        ),
        (
            "a=2 b c d e",
            "a- b- c+",
            Double,
            Threshold::YesAboveHeadsAndWeight {
                heads: 2,
                weight: 3,
            },
        ),
        (
            "a b c d e",
            "a+",
            Unanimous,
            Threshold::AllInFavour { members: 5 },
        ),
        ("a b c d e", "a+", Consensus, Threshold::NoObjection),
    ];
    for (body, votes, rule, want) in cases {
        let d = parse(body, body, "", votes, rule, "");
        assert_eq!(decide(&d).unwrap().threshold, want, "{rule:?}");
    }
}

#[test]
fn casting_vote_is_reported() {
    let d = parse("a b c", "a b c", "", "a+ b- c0", Simple, "chair=a");
    assert_eq!(decide(&d).unwrap().casting_vote, Some(Choice::Yes));
}

#[test]
fn invalid_inputs_are_rejected() {
    let e = |s: &str| s.to_string();
    #[rustfmt::skip]
    let cases = [
        ("a b c", "a b",     "",  "c+",    DecisionError::Absent(e("c"))),
        ("a b c", "a b",     "b", "b-",    DecisionError::Recused(e("b"))),
        ("a b c", "a b",     "",  "x+",    DecisionError::NotAVoter(e("x"))),
        ("a b c", "a x",     "",  "",      DecisionError::NotAVoter(e("x"))),
        ("a b c", "a b",     "x", "",      DecisionError::NotAVoter(e("x"))),
        ("a b c", "a b>b",   "",  "",      DecisionError::ProxyToSelf(e("b"))),
        ("a b c", "a b>c",   "",  "",      DecisionError::ProxyHolderAbsent { member: e("b"), holder: e("c") }),
        ("a b c", "a b>a c>b", "", "",     DecisionError::ProxyHolderAbsent { member: e("c"), holder: e("b") }),
        ("a b a", "a",       "",  "",      DecisionError::DuplicateVoter(e("a"))),
        ("",      "",        "",  "",      DecisionError::NoVoters),
    ];
    for (body, present, recused, votes, want) in cases {
        let d = parse(body, present, recused, votes, Simple, "");
        assert_eq!(decide(&d), Err(want.clone()), "{want}");
    }
}

#[test]
fn check_vote_before_recording() {
    let d = parse("a b c d", "a b>a c", "c", "", Simple, "");
    assert_eq!(d.check_vote("a"), Ok(()));
    assert_eq!(d.check_vote("b"), Ok(()));
    assert_eq!(d.check_vote("c"), Err(DecisionError::Recused("c".into())));
    assert_eq!(d.check_vote("d"), Err(DecisionError::Absent("d".into())));
}

#[test]
fn proxy_limits() {
    let d = parse("a b c d", "a b>a c>a d", "", "", Simple, "");
    assert_eq!(proxies_held(&d.attendance).get("a"), Some(&2));
    assert_eq!(check_proxies(&d.attendance, 2), Ok(()));
    assert_eq!(
        check_proxies(&d.attendance, 1),
        Err(DecisionError::TooManyProxies {
            holder: "a".into(),
            held: 2,
            max: 1
        })
    );
}

#[test]
fn outcome_serializes_for_minutes() {
    let d = parse("a b c", "a b c", "", "a+ b- c0", Simple, "chair=a");
    let json = serde_json::to_value(decide(&d).unwrap()).unwrap();
    assert_eq!(
        json["reason"],
        serde_json::json!({"kind": "tie-broken-by-chair", "chair": "a"})
    );
    assert_eq!(json["rule"], "simple");
    assert_eq!(json["quorum"]["fraction"], "1/2");
}

#[test]
fn live_quorum_before_any_motion() {
    let d = parse("a=3 b c d", "b c>b", "", "", Simple, "q=1/2 heads");
    let q = d.quorum_figures();
    assert_eq!((q.present, q.required, q.met), (2, 2, true));
}
