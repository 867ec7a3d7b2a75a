//! Counting a written procedure (SPEC 9) without files: outcomes for
//! every rule with silence both ways, and the early close exactly when no
//! remaining reply can change the outcome, against a brute-force
//! enumeration of every way the remaining members can reply.

use std::collections::BTreeMap;

use chrono::DateTime;
use proptest::prelude::*;

use super::super::*;
use crate::agenda::{Agenda, DeadlineSpec, Item, ItemKind, Meeting as AgendaMeeting};
use crate::charter::{
    Alliance, Body, CastingVote, Charter, Member, MemberKind, MemberStatus, Silence, WorkingDays,
    WorkingHours, WrittenRules,
};
use crate::meeting::ReplyChoice;
use crate::vote::decision::QuorumBasis;
use crate::vote::{Fraction, MajorityRule, decide};

const RULES: [MajorityRule; 6] = [
    MajorityRule::Simple,
    MajorityRule::Absolute,
    MajorityRule::TwoThirds,
    MajorityRule::Unanimous,
    MajorityRule::Consensus,
    MajorityRule::Double,
];

/// What the counting tests vary.
#[derive(Debug, Clone)]
struct Setup {
    weights: Vec<u32>,
    rule: MajorityRule,
    silence: Silence,
    quorum: Fraction,
    basis: QuorumBasis,
    casting: CastingVote,
}

fn member(i: usize, weight: u32) -> Member {
    Member {
        id: format!("m{i}"),
        name: format!("Member {i}"),
        kind: MemberKind::University,
        country: "DE".into(),
        timezone: chrono_tz::Europe::Berlin,
        status: MemberStatus::Full,
        weight,
        working_hours: WorkingHours::default(),
        working_days: WorkingDays::weekdays(),
        blackout: Vec::new(),
        delegates: Vec::new(),
    }
}

/// A body of members `m0`, `m1`… (chair `m0`) and a written procedure
/// with one decision item `motion`.
fn charter_and_agenda(s: &Setup) -> (Charter, Agenda) {
    let members: Vec<Member> = s
        .weights
        .iter()
        .enumerate()
        .map(|(i, w)| member(i, *w))
        .collect();
    let body = Body {
        id: "board".into(),
        name: "Board".into(),
        members: members.iter().map(|m| m.id.clone()).collect(),
        chair: "m0".into(),
        quorum: s.quorum,
        quorum_basis: s.basis,
        casting_vote: s.casting,
        max_proxies: 1,
        rules: BTreeMap::from([("default".to_owned(), s.rule)]),
        written: WrittenRules {
            rule: None,
            silence: s.silence,
        },
        veto_days: None,
    };
    let charter = Charter {
        alliance: Alliance {
            id: "a".into(),
            name: "A".into(),
            timezone: chrono_tz::Europe::Berlin,
        },
        members,
        bodies: vec![body],
        priorities: Vec::new(),
        programmes: Vec::new(),
    };
    let agenda = Agenda {
        meeting: AgendaMeeting {
            id: "w".into(),
            body: "board".into(),
            title: "W".into(),
            start: None,
            duration_minutes: 0,
            location: None,
            kind: MeetingKind::Written,
            deadline: Some(DeadlineSpec::Date(
                chrono::NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            )),
        },
        items: vec![Item {
            id: "motion".into(),
            title: "Motion".into(),
            kind: ItemKind::Decision,
            description: None,
            rule: Some("default".into()),
            minutes: None,
            ranking: None,
            approves: None,
        }],
    };
    (charter, agenda)
}

fn replies(given: &[(usize, ReplyChoice)]) -> WrittenState {
    let mut w = WrittenState::default();
    for (n, (i, choice)) in given.iter().enumerate() {
        w.replies.entry("motion".into()).or_default().insert(
            format!("m{i}"),
            Reply {
                seq: n as u64 + 2,
                at: DateTime::UNIX_EPOCH,
                answer: Answer::Choice(*choice),
                via: None,
            },
        );
    }
    w
}

fn passes(ctx: &Context, w: &WrittenState) -> bool {
    let item = &ctx.agenda.items[0];
    decide(&written_decision(ctx, w, item).unwrap())
        .unwrap()
        .passed
}

const CHOICES: [Option<ReplyChoice>; 5] = [
    None,
    Some(ReplyChoice::Yes),
    Some(ReplyChoice::No),
    Some(ReplyChoice::Abstain),
    Some(ReplyChoice::Recuse),
];

/// Brute force: whether every way the members without a reply can still
/// reply (or not) gives the same result.
fn cannot_change(ctx: &Context, given: &[(usize, ReplyChoice)], n: usize) -> bool {
    let remaining: Vec<usize> = (0..n)
        .filter(|i| !given.iter().any(|(g, _)| g == i))
        .collect();
    let mut results = std::collections::BTreeSet::new();
    for code in 0..5usize.pow(remaining.len() as u32) {
        let mut all = given.to_vec();
        let mut c = code;
        for i in &remaining {
            if let Some(choice) = CHOICES[c % 5] {
                all.push((*i, choice));
            }
            c /= 5;
        }
        results.insert(passes(ctx, &replies(&all)));
    }
    results.len() == 1
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        prop::collection::vec(1u32..4, 1..6),
        0usize..6,
        any::<bool>(),
        prop::sample::select(vec![(1, 2), (2, 3), (1, 3), (1, 1)]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(weights, rule, consent, (num, den), heads, chair)| Setup {
            weights,
            rule: RULES[rule],
            silence: if consent {
                Silence::Consent
            } else {
                Silence::None
            },
            quorum: Fraction::new(num, den).unwrap(),
            basis: if heads {
                QuorumBasis::Members
            } else {
                QuorumBasis::Weight
            },
            casting: if chair {
                CastingVote::Chair
            } else {
                CastingVote::None
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The early close is allowed exactly when no remaining reply can
    /// change the outcome, for every rule and both silences.
    #[test]
    fn early_close_exactly_when_no_reply_can_change_it(
        s in setup(),
        picks in prop::collection::vec((0usize..6, 0usize..4), 0..6),
    ) {
        let n = s.weights.len();
        let mut given: Vec<(usize, ReplyChoice)> = Vec::new();
        for (i, c) in picks {
            if i < n && !given.iter().any(|(g, _)| *g == i) {
                given.push((i, CHOICES[c + 1].unwrap()));
            }
        }
        let (charter, agenda) = charter_and_agenda(&s);
        let ctx = Context::new(&charter, &agenda).unwrap();
        let w = replies(&given);
        let fixed = matches!(settled(&ctx, &w), Settled::Yes(_));
        prop_assert_eq!(fixed, cannot_change(&ctx, &given, n), "{:?} {:?}", s, given);
    }
}

/// Weights, rule, silence, replies, and whether the motion passes.
type Case<'a> = (
    &'a [u32],
    MajorityRule,
    Silence,
    &'a [(usize, ReplyChoice)],
    bool,
);

/// A table of (weights, rule, silence, replies) -> passed at the deadline,
/// every member not listed silent. Chair m0, quorum 1/2 of weight,
/// casting vote of the chair.
#[test]
fn outcomes_at_the_deadline_for_every_rule_and_silence() {
    use ReplyChoice::{Abstain, No, Recuse, Yes};
    let cases: &[Case] = &[
        // simple: yes > no among the replies; silence consent adds yes.
        (
            &[1, 1, 1, 1],
            MajorityRule::Simple,
            Silence::None,
            &[(1, Yes), (2, No), (3, Yes)],
            true,
        ),
        (
            &[1, 1, 1, 1],
            MajorityRule::Simple,
            Silence::None,
            &[(1, Yes)],
            false,
        ), // no quorum
        (
            &[1, 1, 1, 1],
            MajorityRule::Simple,
            Silence::Consent,
            &[(1, No)],
            true,
        ),
        (
            &[1, 1, 1, 1],
            MajorityRule::Simple,
            Silence::None,
            &[(0, No), (1, Yes), (2, No), (3, Yes)],
            false,
        ), // chair's tie
        // absolute: yes > half of all weight, replied or not.
        (
            &[2, 1, 1, 1],
            MajorityRule::Absolute,
            Silence::None,
            &[(0, Yes), (1, Yes), (2, No)],
            true,
        ),
        (
            &[2, 1, 1, 1],
            MajorityRule::Absolute,
            Silence::None,
            &[(0, Yes), (2, No), (3, Abstain)],
            false,
        ),
        (
            &[2, 1, 1, 1],
            MajorityRule::Absolute,
            Silence::Consent,
            &[(2, No), (3, No)],
            true,
        ),
        // two-thirds of yes + no.
        (
            &[1, 1, 1],
            MajorityRule::TwoThirds,
            Silence::None,
            &[(0, Yes), (1, Yes), (2, No)],
            true,
        ),
        (
            &[1, 1, 1, 1],
            MajorityRule::TwoThirds,
            Silence::None,
            &[(0, Yes), (1, No)],
            false,
        ),
        (
            &[1, 1, 1, 1],
            MajorityRule::TwoThirds,
            Silence::Consent,
            &[(1, No)],
            true,
        ),
        // unanimous: an abstention breaks it; silence none is absence.
        (
            &[1, 1, 1],
            MajorityRule::Unanimous,
            Silence::None,
            &[(0, Yes), (1, Yes)],
            true,
        ),
        (
            &[1, 1, 1],
            MajorityRule::Unanimous,
            Silence::None,
            &[(0, Yes), (1, Abstain)],
            false,
        ),
        (
            &[1, 1, 1],
            MajorityRule::Unanimous,
            Silence::Consent,
            &[(0, Yes)],
            true,
        ),
        // consensus: nobody objects, abstaining and recusal stand aside.
        (
            &[1, 1, 1],
            MajorityRule::Consensus,
            Silence::None,
            &[(0, Yes), (1, Abstain), (2, Recuse)],
            true,
        ),
        (
            &[1, 1, 1],
            MajorityRule::Consensus,
            Silence::Consent,
            &[(2, No)],
            false,
        ),
        // double: heads and weight.
        (
            &[3, 1, 1],
            MajorityRule::Double,
            Silence::None,
            &[(0, Yes), (1, No), (2, No)],
            false,
        ),
        (
            &[3, 1, 1],
            MajorityRule::Double,
            Silence::Consent,
            &[(1, No)],
            true,
        ),
        (
            &[3, 1, 1, 1],
            MajorityRule::Double,
            Silence::None,
            &[(0, Yes), (1, Yes), (2, No)],
            true,
        ),
    ];
    for (weights, rule, silence, given, expected) in cases {
        let s = Setup {
            weights: weights.to_vec(),
            rule: *rule,
            silence: *silence,
            quorum: Fraction::HALF,
            basis: QuorumBasis::Weight,
            casting: CastingVote::Chair,
        };
        let (charter, agenda) = charter_and_agenda(&s);
        let ctx = Context::new(&charter, &agenda).unwrap();
        assert_eq!(
            passes(&ctx, &replies(given)),
            *expected,
            "{weights:?} {rule:?} {silence:?} {given:?}"
        );
    }
}

/// A body of 40 equal members, 21 of whom replied yes under the absolute
/// rule: the 19 others cannot change it, and the check says so quickly.
#[test]
fn a_large_body_is_settled_by_counting_its_members_together() {
    let s = Setup {
        weights: vec![1; 40],
        rule: MajorityRule::Absolute,
        silence: Silence::None,
        quorum: Fraction::HALF,
        basis: QuorumBasis::Weight,
        casting: CastingVote::Chair,
    };
    let (charter, agenda) = charter_and_agenda(&s);
    let ctx = Context::new(&charter, &agenda).unwrap();
    let yes: Vec<(usize, ReplyChoice)> = (0..21).map(|i| (i, ReplyChoice::Yes)).collect();
    let started = std::time::Instant::now();
    assert!(matches!(settled(&ctx, &replies(&yes)), Settled::Yes(_)));
    let fewer = &yes[..20];
    assert!(matches!(settled(&ctx, &replies(fewer)), Settled::No(_)));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
