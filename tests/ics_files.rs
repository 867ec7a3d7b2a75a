//! Every iCalendar file plenary writes (`plenary invite`, `plenary actions
//! --format ics`) passes a strict line checker (RFC 5545, 3.1): CRLF line
//! ends, no line longer than 75 octets with a continuation's leading space
//! counted, no line break inside a UTF-8 character, and unfolding gives
//! back whole content lines.

mod common;

use std::process::Command;

use common::Run;

/// Long texts with characters of two, three and four octets, so that a
/// fold falls inside one unless the folding takes care.
const LONG: &str = "Circulate the revised seed-grant call to São Paulo, Zürich and 北京 \
    partners – with the budget annex 📎 and the data-sharing agreement, before the \
    Steering Committee's next meeting in Brussels";

fn plenary(root: &std::path::Path, args: &[&str]) -> String {
    let run = Run::of(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .current_dir(root)
            .env("PLENARY_NOW", "2027-03-10T15:00:00Z")
            .env("PLENARY_BY", "Dr. Sophie Vandenberghe")
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

/// Fails unless `ics` is well-formed line by line.
#[track_caller]
fn assert_strict_lines(name: &str, ics: &[u8]) {
    assert!(ics.ends_with(b"\r\n"), "{name}: ends with CRLF");
    // Every piece before a LF ends in CR; after the last LF there is nothing.
    let pieces: Vec<&[u8]> = ics.split(|&b| b == b'\n').collect();
    for (n, line) in pieces[..pieces.len() - 1].iter().enumerate() {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("{name}:{}: a bare LF", n + 1));
        assert!(!line.contains(&b'\r'), "{name}:{}: a bare CR", n + 1);
        assert!(
            line.len() <= 75,
            "{name}:{}: {} octets: {}",
            n + 1,
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "{name}:{}: a UTF-8 character is split: {line:?}",
            n + 1
        );
        assert!(!line.is_empty(), "{name}:{}: an empty line", n + 1);
    }
    // Unfolded, every content line is NAME[;PARAMS]:VALUE.
    let text = std::str::from_utf8(ics).unwrap().replace("\r\n ", "");
    for line in text.trim_end().split("\r\n") {
        let name_end = line.find([':', ';']).unwrap_or(0);
        assert!(
            name_end > 0
                && line[..name_end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{name}: not a content line: {line}"
        );
    }
}

#[test]
fn every_ics_plenary_writes_has_strict_lines() {
    let dir = common::example_copy();
    let root = dir.path();
    // A long title and description in an agenda that is scheduled.
    let agenda = root.join("2027-06-general-assembly.toml");
    let text = std::fs::read_to_string(&agenda).unwrap();
    let text = text.replacen(
        "[[items]]\n",
        &format!("[[items]]\nid = \"long\"\ntitle = \"{LONG}\"\nkind = \"discussion\"\ndescription = \"{LONG}\"\n\n[[items]]\n"),
        1,
    );
    std::fs::write(&agenda, text).unwrap();
    let mut files = Vec::new();
    for meeting in ["2027-03-steering", "2027-06-general-assembly"] {
        files.push((
            meeting.to_owned(),
            plenary(root, &["invite", ".", meeting, "-o", "-"]),
        ));
    }
    let longer = LONG.repeat(3);
    // `SUMMARY:` and 142 characters: 150 octets, which a folder that
    // allows 75 octets after a continuation's space splits into 75 + 76.
    let exact = "x".repeat(142);
    let record = [
        "record",
        ".",
        "2027-03-steering",
        "action",
        "eth",
        "2027-04-01",
        LONG,
        ",",
        "action",
        "usp",
        "2027-04-30",
        &longer,
        ",",
        "action",
        "uct",
        "2027-05-31",
        &exact,
    ];
    plenary(root, &record);
    plenary(
        root,
        &[
            "action",
            ".",
            "2027-03-steering/1",
            "done",
            ",",
            "note",
            LONG,
        ],
    );
    files.push((
        "actions".to_owned(),
        plenary(
            root,
            &["actions", ".", "--status", "all", "--format", "ics"],
        ),
    ));
    for (name, ics) in &files {
        assert_strict_lines(name, ics.as_bytes());
    }
    // The long texts are there, whole, once unfolded.
    let unfolded = files[2].1.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!("SUMMARY:{}", LONG.replace(',', "\\,"))),
        "{unfolded}"
    );
}
