//! `plenary sign` and `plenary verify`: the approved March minutes signed
//! with real `ssh-keygen -Y sign` signatures on keys made for the test and
//! listed in the charter, checked in-process and by `ssh-keygen -Y
//! verify`; then every later change `plenary check` must report with its
//! file and line (docs/approval.md).

mod approval;
mod common;

use std::path::PathBuf;

use approval::{MARCH, Ws, keygen, public, ssh_sign};
use sha2::{Digest as _, Sha256};

const LATER: &str = "2027-04-02T09:00:00Z";
const BAUMANN_SIG: &str = "2027-03-steering.sig/1-prof-lukas-baumann.sig";

/// March approved and signed by the chair (ETH's Prof. Lukas Baumann)
/// with a key made here; the key folder is kept with the workspace.
struct Signed {
    ws: Ws,
    keys: tempfile::TempDir,
    key: PathBuf,
}

fn signed() -> Signed {
    let ws = Ws::approved(10);
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "chair");
    ws.set_key("demo-baumann", &public(&key));
    let run = ws.run(LATER, &["sign", ".", MARCH, "--key", key.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("#4 signed by Prof. Lukas Baumann (eth), SHA256:"),
        "{}",
        run.stdout
    );
    Signed { ws, keys, key }
}

fn hash(line: &[u8]) -> String {
    Sha256::digest(line)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Fails unless `plenary check` fails with `message` at `at` (`path:line:1`).
#[track_caller]
fn reported(ws: &Ws, at: &str, message: &str) {
    let run = ws.check();
    assert_eq!(run.code, Some(1), "check passed: {}", run.stdout);
    let wanted = format!("./records/{at}:1: ");
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&wanted))
        .unwrap_or_else(|| panic!("nothing at {wanted}:\n{}", run.stderr));
    assert!(line.contains(message), "{line}");
}

#[test]
fn a_signature_made_with_ssh_keygen_verifies_in_plenary_and_in_openssh() {
    let s = signed();
    let ws = &s.ws;
    let run = ws.run(LATER, &["verify", ".", MARCH]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    for expected in [
        "2027-03-steering: approved on 2027-04-01 (the veto window ended)",
        "signed by Prof. Lukas Baumann (eth, chair) key SHA256:",
        "signature verifies: yes",
        "key matched the charter when signed: yes",
        "key matches the charter now: yes",
        "awaiting the signature of Dr. Sophie Vandenberghe (ceps)",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    assert!(ws.openssh_verifies("prof-lukas-baumann", BAUMANN_SIG));
    assert!(!ws.openssh_verifies("dr-sophie-vandenberghe", BAUMANN_SIG));
    let stored = std::fs::read_to_string(ws.record_file(BAUMANN_SIG)).unwrap();
    assert!(stored.starts_with("-----BEGIN SSH SIGNATURE-----"));
    let run = ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // One signature per person.
    let again = ws.run(
        LATER,
        &["sign", ".", MARCH, "--key", s.key.to_str().unwrap()],
    );
    assert_eq!(again.code, Some(1));
    assert!(
        again.stderr.contains("has already signed"),
        "{}",
        again.stderr
    );
    // Without --key or --add: the statement and how to sign it.
    let run = ws.run(LATER, &["sign", ".", MARCH]);
    assert!(
        run.stdout
            .starts_with("plenary approval v1\nmeeting 2027-03-steering\njournal-seq 15\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("ssh-keygen -Y sign -n plenary -f KEY"));
}

#[test]
fn a_signature_by_a_key_nobody_holds_or_over_other_bytes_is_refused() {
    let s = signed();
    let ws = &s.ws;
    let stranger = keygen(s.keys.path(), "stranger");
    let statement = std::fs::read(ws.record_file(&format!("{MARCH}.statement"))).unwrap();
    let sig = s.keys.path().join("stranger.sig");
    std::fs::write(&sig, ssh_sign(&stranger, &statement)).unwrap();
    let run = ws.run(LATER, &["sign", ".", MARCH, "--add", sig.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("is not any delegate's ssh_key in charter.toml"),
        "{}",
        run.stderr
    );
    let secretary = keygen(s.keys.path(), "secretary");
    ws.set_key("demo-vandenberghe", &public(&secretary));
    let tampered = String::from_utf8(statement.clone())
        .unwrap()
        .replace("journal-seq 15", "journal-seq 14");
    std::fs::write(&sig, ssh_sign(&secretary, tampered.as_bytes())).unwrap();
    let run = ws.run(LATER, &["sign", ".", MARCH, "--add", sig.to_str().unwrap()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("does not verify over this meeting's statement"),
        "{}",
        run.stderr
    );
    // `--as` names whose signature it must be.
    std::fs::write(&sig, ssh_sign(&secretary, &statement)).unwrap();
    let run = ws.run(
        LATER,
        &[
            "sign",
            ".",
            MARCH,
            "--add",
            sig.to_str().unwrap(),
            "--as",
            "Prof. Lukas Baumann",
        ],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("of Dr. Sophie Vandenberghe, not of Prof. Lukas Baumann"),
        "{}",
        run.stderr
    );
    let run = ws.run(LATER, &["sign", ".", MARCH, "--add", sig.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(ws.openssh_verifies(
        "dr-sophie-vandenberghe",
        "2027-03-steering.sig/2-dr-sophie-vandenberghe.sig"
    ));
    let run = ws.run(LATER, &["verify", ".", MARCH]);
    assert!(!run.stdout.contains("awaiting"), "{}", run.stdout);
}

#[test]
fn check_reports_a_signature_file_replaced_by_one_with_another_key() {
    let s = signed();
    let other = keygen(s.keys.path(), "other");
    let statement = std::fs::read(s.ws.record_file(&format!("{MARCH}.statement"))).unwrap();
    std::fs::write(s.ws.record_file(BAUMANN_SIG), ssh_sign(&other, &statement)).unwrap();
    reported(
        &s.ws,
        &format!("{BAUMANN_SIG}:1"),
        "signature of Prof. Lukas Baumann (eth): made with the key SHA256:",
    );
    assert_eq!(s.ws.run(LATER, &["verify", ".", MARCH]).code, Some(1));
}

#[test]
fn check_reports_a_tampered_statement_and_a_signature_over_it() {
    let s = signed();
    let file = format!("{MARCH}.statement");
    s.ws.edit(&format!("records/{file}"), |t| {
        t.replace("journal-seq 15", "journal-seq 16")
    });
    reported(&s.ws, &format!("{file}:3"), "changed after it was stored");
    let tampered = std::fs::read(s.ws.record_file(&file)).unwrap();
    std::fs::write(s.ws.record_file(BAUMANN_SIG), ssh_sign(&s.key, &tampered)).unwrap();
    reported(
        &s.ws,
        &format!("{BAUMANN_SIG}:1"),
        "does not verify over this meeting's statement",
    );
}

#[test]
fn check_reports_a_truncated_journal() {
    let s = signed();
    let journal = s.ws.record_file(&format!("{MARCH}.jsonl"));
    let text = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&journal, format!("{}\n", lines[..14].join("\n"))).unwrap();
    std::fs::write(
        s.ws.record_file(&format!("{MARCH}.head")),
        format!("14 {}\n", hash(lines[13].as_bytes())),
    )
    .unwrap();
    reported(
        &s.ws,
        &format!("{MARCH}.jsonl:15"),
        "the journal ends at line 14, but the approval record",
    );
}

#[test]
fn check_reports_a_rewound_head() {
    let s = signed();
    let journal = std::fs::read_to_string(s.ws.record_file(&format!("{MARCH}.jsonl"))).unwrap();
    let line14 = journal.lines().nth(13).unwrap();
    std::fs::write(
        s.ws.record_file(&format!("{MARCH}.head")),
        format!("14 {}\n", hash(line14.as_bytes())),
    )
    .unwrap();
    reported(
        &s.ws,
        &format!("{MARCH}.head:1"),
        "the head was rewound after the minutes were approved",
    );
}

#[test]
fn check_reports_an_appended_line_committed_or_not() {
    let s = signed();
    let path = s.ws.record_file(&format!("{MARCH}.jsonl"));
    let journal = std::fs::read_to_string(&path).unwrap();
    let last = hash(journal.lines().last().unwrap().as_bytes());
    let line = format!(
        r#"{{"seq":16,"at":"2027-04-02T09:00:00.000Z","by":"x","prev":"{last}","event":"note","text":"added later"}}"#
    );
    std::fs::write(&path, format!("{journal}{line}\n")).unwrap();
    // Beyond the head: never counted, but after a signature it is a change.
    reported(
        &s.ws,
        &format!("{MARCH}.jsonl:16"),
        "lines were appended after the closing line",
    );
    std::fs::write(
        s.ws.record_file(&format!("{MARCH}.head")),
        format!("16 {}\n", hash(line.as_bytes())),
    )
    .unwrap();
    let run = s.ws.check();
    assert!(
        run.stderr
            .contains(&format!("./records/{MARCH}.jsonl:16:1: ")),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_a_journal_rewritten_with_recomputed_hashes() {
    let s = signed();
    let path = s.ws.record_file(&format!("{MARCH}.jsonl"));
    let journal = std::fs::read_to_string(&path).unwrap();
    let mut prev = "0".repeat(64);
    let mut out = String::new();
    for (i, line) in journal.lines().enumerate() {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        value["prev"] = serde_json::Value::String(prev.clone());
        if i == 3 {
            value["by"] = serde_json::Value::String("Someone else".into());
        }
        let text = serde_json::to_string(&value).unwrap();
        prev = hash(text.as_bytes());
        out.push_str(&text);
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    std::fs::write(
        s.ws.record_file(&format!("{MARCH}.head")),
        format!("15 {prev}\n"),
    )
    .unwrap();
    reported(
        &s.ws,
        &format!("{MARCH}.jsonl:15"),
        "the journal was rewritten after the minutes were approved",
    );
}

#[test]
fn check_reports_an_edited_approved_file() {
    let s = signed();
    let file = format!("{MARCH}.approved.md");
    let text = std::fs::read_to_string(s.ws.record_file(&file)).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("Approve the February minutes"))
        .unwrap()
        + 1;
    s.ws.edit(&format!("records/{file}"), |t| {
        t.replace(
            "Approve the February minutes",
            "Approve the January minutes",
        )
    });
    reported(
        &s.ws,
        &format!("{file}:{line}"),
        "changed after it was stored",
    );
    let run = s.ws.run(LATER, &["minutes", ".", MARCH, "-o", "-"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("no longer the one the approval record pins"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_a_deleted_signature_file() {
    let s = signed();
    std::fs::remove_file(s.ws.record_file(BAUMANN_SIG)).unwrap();
    reported(
        &s.ws,
        &format!("{MARCH}.approval.jsonl:4"),
        "listed here is missing",
    );
}

#[test]
fn a_key_swapped_in_the_charter_after_signing_is_a_note_and_an_error_with_strict() {
    let s = signed();
    let next = keygen(s.keys.path(), "rotated");
    s.ws.set_key("demo-baumann", &public(&next));
    let run = s.ws.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let charter = std::fs::read_to_string(s.ws.path("charter.toml")).unwrap();
    let line = charter
        .lines()
        .position(|l| l.contains("demo-baumann"))
        .unwrap()
        + 1;
    let at = format!("./charter.toml:{line}:1: note: the charter now lists the key SHA256:");
    assert!(run.stderr.contains(&at), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the signature still verifies with the pinned key")
    );
    let strict = s.ws.run(LATER, &["check", ".", "--strict"]);
    assert_eq!(strict.code, Some(1));
    let run = s.ws.run(LATER, &["verify", ".", MARCH]);
    assert!(
        run.stdout
            .contains("key matches the charter now: NO (the charter now lists SHA256:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("signature verifies: yes"));
}

#[test]
fn the_demo_keys_sign_the_examples_march_minutes() {
    let ws = Ws::approved(10);
    let keys = ws.path("demo-keys");
    std::fs::create_dir(&keys).unwrap();
    for name in ["baumann", "vandenberghe"] {
        let from = common::example().join("demo-keys").join(name);
        std::fs::copy(&from, keys.join(name)).unwrap();
        std::fs::copy(from.with_extension("pub"), keys.join(format!("{name}.pub"))).unwrap();
        approval::chmod_600(&keys.join(name));
        let run = ws.run(
            LATER,
            &["sign", ".", MARCH, "--key", &format!("demo-keys/{name}")],
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let run = ws.run(LATER, &["verify", ".", MARCH]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("signed by Prof. Lukas Baumann (eth, chair) key SHA256:oBLeejSphHdUKyae2+0C4f6DYXNdXqtBLgPAF/09RBg"), "{}", run.stdout);
    assert!(run.stdout.contains("signed by Dr. Sophie Vandenberghe (ceps, secretary) key SHA256:YcoOlO3QTjlHQbEb1Z+rjdwAkVMf03KJ3+a9mrQ/4f4"));
    assert!(!run.stdout.contains("awaiting"));
    assert!(ws.openssh_verifies(
        "dr-sophie-vandenberghe",
        "2027-03-steering.sig/2-dr-sophie-vandenberghe.sig"
    ));
    assert_eq!(ws.check().code, Some(0));
}

#[test]
fn a_public_key_file_signs_with_the_private_key_in_ssh_agent() {
    let ws = Ws::approved(10);
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "agent-held");
    ws.set_key("demo-baumann", &public(&key));
    let socket = keys.path().join("agent.sock");
    let mut agent = std::process::Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("ssh-agent runs");
    for _ in 0..100 {
        if socket.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let added = std::process::Command::new("ssh-add")
        .arg(&key)
        .env("SSH_AUTH_SOCK", &socket)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("ssh-add runs");
    assert!(added.success());
    // Only the public half is left on disk: the agent signs.
    std::fs::remove_file(&key).unwrap();
    let out = assert_cmd::Command::cargo_bin("plenary")
        .unwrap()
        .current_dir(ws.root())
        .args(["sign", ".", MARCH, "--key"])
        .arg(key.with_extension("pub"))
        .env("SSH_AUTH_SOCK", &socket)
        .env("PLENARY_NOW", LATER)
        .output()
        .unwrap();
    let _ = agent.kill();
    let _ = agent.wait();
    let run = common::Run::of(out);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(ws.openssh_verifies("prof-lukas-baumann", BAUMANN_SIG));
}

#[test]
fn a_link_in_place_of_the_signatures_folder_is_never_followed() {
    let ws = Ws::approved(10);
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), ws.record_file(&format!("{MARCH}.sig"))).unwrap();
    let keys = tempfile::tempdir().unwrap();
    let key = keygen(keys.path(), "chair");
    ws.set_key("demo-baumann", &public(&key));
    let run = ws.run(LATER, &["sign", ".", MARCH, "--key", key.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}
