//! The approval's rules for people acting as themselves (over `plenary
//! serve`): whose objection a delegate may record, who rules, and that a
//! signer adds only their own signature. The command line's flows are in
//! `tests/approval_cli.rs` and `tests/signature_cli.rs`.

use chrono::{DateTime, Utc};
use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey};

use super::*;
use crate::meeting::{Actor, Meeting};
use crate::test_support::{example_copy, example_root};

const MARCH: &str = "2027-03-steering";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// The example with a 10-day window, March recorded and closed.
fn closed() -> (tempfile::TempDir, Workspace) {
    let (dir, mut ws) = example_copy();
    for body in &mut ws.charter.bodies {
        body.veto_days = Some(10);
    }
    let agenda = ws.agenda(MARCH).unwrap();
    let meeting = Meeting::new(&ws, agenda).unwrap();
    meeting
        .record(
            "secretary",
            at("2027-03-10T14:00:00Z"),
            vec![
                Event::Present {
                    member: "eth".into(),
                    delegate: None,
                },
                Event::MeetingClosed,
            ],
        )
        .unwrap();
    (dir, ws)
}

fn delegate(ws: &Workspace, member: &str, person: &str) -> Actor {
    Actor::delegate(&ws.charter, member, person).unwrap()
}

#[test]
fn a_delegate_objects_for_their_own_member_and_only_the_chair_or_secretary_rules() {
    let (_dir, ws) = closed();
    let approval = Approval::new(&ws, ws.agenda(MARCH).unwrap());
    let secretary = delegate(&ws, "ceps", "Dr. Sophie Vandenberghe");
    approval
        .record(&secretary, at("2027-03-15T09:00:00Z"), &Step::Circulate)
        .unwrap();
    let object = |member: &str| Step::Object {
        item: "general".into(),
        member: member.into(),
        reason: "Our apologies are missing".into(),
    };
    let van_wyk = delegate(&ws, "uct", "Dr. Pieter van Wyk");
    let now = at("2027-03-16T09:00:00Z");
    let refused = approval.record(&van_wyk, now, &object("eth")).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("a delegate objects for their own member"),
        "{refused}"
    );
    let (_, state) = approval.record(&van_wyk, now, &object("uct")).unwrap();
    assert_eq!(state.objections[0].by, "Dr. Pieter van Wyk");
    let rule = Step::Rule {
        objection: 1,
        upheld: false,
        reason: "They were sent late".into(),
    };
    let refused = approval.record(&van_wyk, now, &rule).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("the chair and the secretary run the approval")
    );
    // The chair of the body's chair member rules; another member's chair does not.
    let nkosi = delegate(&ws, "uct", "Prof. Thandi Nkosi");
    assert!(approval.record(&nkosi, now, &rule).is_err());
    let baumann = delegate(&ws, "eth", "Prof. Lukas Baumann");
    let (_, state) = approval.record(&baumann, now, &rule).unwrap();
    assert_eq!(
        state.objections[0].ruling.as_ref().unwrap().by,
        "Prof. Lukas Baumann"
    );
}

#[test]
fn a_signer_over_serve_adds_only_their_own_signature() {
    let (_dir, ws) = closed();
    let approval = Approval::new(&ws, ws.agenda(MARCH).unwrap());
    let secretariat = Actor::secretariat("secretary");
    approval
        .record(&secretariat, at("2027-03-15T09:00:00Z"), &Step::Circulate)
        .unwrap();
    let (_, state) = approval
        .record(&secretariat, at("2027-04-01T09:00:00Z"), &Step::Approve)
        .unwrap();
    let text = statement_of(MARCH, &state).unwrap();
    let key = std::fs::read_to_string(example_root().join("demo-keys/vandenberghe")).unwrap();
    let key = PrivateKey::from_openssh(key).unwrap();
    let armored = key
        .sign(NAMESPACE, HashAlg::Sha512, text.as_bytes())
        .unwrap()
        .to_pem(LineEnding::LF)
        .unwrap();
    let sign = Step::Sign { armored };
    let baumann = delegate(&ws, "eth", "Prof. Lukas Baumann");
    let now = at("2027-04-02T09:00:00Z");
    let refused = approval.record(&baumann, now, &sign).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("made with the key of Dr. Sophie Vandenberghe"),
        "{refused}"
    );
    let secretary = delegate(&ws, "ceps", "Dr. Sophie Vandenberghe");
    let (records, state) = approval.record(&secretary, now, &sign).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        state.signatures[0].role,
        crate::charter::DelegateRole::Secretary
    );
    assert_eq!(
        Stage::of(&state).describe(),
        "approved on 2027-04-01 (the veto window ended)"
    );
    let signers =
        std::fs::read_to_string(ws.root.join("records/2027-03-steering.allowed_signers")).unwrap();
    assert!(signers.contains("\ndr-sophie-vandenberghe namespaces=\"plenary\" ssh-ed25519 AAAA"));
}

#[test]
fn approval_steps_never_go_into_a_meetings_journal() {
    let (_dir, ws) = example_copy();
    let meeting = Meeting::new(&ws, ws.agenda(MARCH).unwrap()).unwrap();
    let step = Event::Approval(Box::new(ApprovalEvent::Correction { text: "x".into() }));
    let e = meeting
        .record("secretary", at("2027-03-10T14:00:00Z"), vec![step.clone()])
        .unwrap_err();
    assert!(e.to_string().contains("plenary approval"), "{e}");
    // Each step is one flat line, `"event":"approval","step":…`.
    let line = serde_json::to_string(&step).unwrap();
    assert_eq!(
        line,
        r#"{"event":"approval","step":"correction","text":"x"}"#
    );
    assert_eq!(serde_json::from_str::<Event>(&line).unwrap(), step);
}

#[test]
fn meeting_ids_cannot_collide_with_approval_records() {
    assert_eq!(record_stem(MARCH), "2027-03-steering.approval");
    assert_eq!(meeting_of_record("2027-03-steering.approval"), Some(MARCH));
    assert_eq!(meeting_of_record(MARCH), None);
}

#[test]
fn a_minutes_approval_without_approves_approves_the_bodys_previous_meeting() {
    let (_dir, mut ws) = example_copy();
    // Unscheduled, it follows nothing; scheduled, it follows March (the
    // June General Assembly is another body's).
    assert!(vote::previous_meeting(&ws, ws.agenda("2027-09-steering").unwrap()).is_none());
    let september = ws
        .agendas
        .iter_mut()
        .find(|a| a.meeting.id == "2027-09-steering")
        .unwrap();
    september.meeting.start = Some(at("2027-09-08T14:00:00Z"));
    let previous = vote::previous_meeting(&ws, ws.agenda("2027-09-steering").unwrap());
    assert_eq!(previous.map(|a| a.meeting.id.as_str()), Some(MARCH));
}
