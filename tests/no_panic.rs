//! SPEC 1.3: no input, however malformed, makes plenary panic. Random text
//! and random damage to the real example files go through every reader:
//! charters, agendas, ballot files, journals and durations.

mod common;

use std::path::Path;

use plenary::agenda::load_agenda;
use plenary::ballots::load_ballots;
use plenary::charter::{References, load_charter};
use plenary::files::SourceFile;
use plenary::meeting::verify;
use proptest::prelude::*;

fn example(name: &str) -> String {
    std::fs::read_to_string(common::example().join(name)).expect("example file")
}

/// The example text damaged at one place: a range cut out, or replaced by
/// `insert`.
fn damage(text: &str, at: usize, len: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    chars[..at]
        .iter()
        .chain(insert.chars().collect::<Vec<_>>().iter())
        .chain(chars[end..].iter())
        .collect()
}

/// Everything a reader may be fed: printable text, TOML punctuation and
/// the odd control character.
fn noise() -> impl Strategy<Value = String> {
    prop::string::string_regex(r#"[\x00-\x7f\u{feff}é"'=\[\]{}.,#\n\r\t ]{0,40}"#).expect("regex")
}

fn read_everything(text: &str) {
    let charter = load_charter(&SourceFile::new("charter.toml", text));
    let _ = load_agenda(
        &SourceFile::new("2027-03-steering.toml", text),
        &charter.references,
    );
    let _ = load_agenda(
        &SourceFile::new("2027-03-steering.toml", text),
        &References::default(),
    );
    let _ = load_ballots(&SourceFile::new("ballots.toml", text));
    let _ = verify(Path::new("records/m.jsonl"), text.as_bytes());
    for diagnostic in charter.diagnostics {
        // Rendering a diagnostic (line, caret) must not panic either.
        let _ = diagnostic.to_string();
    }
    let _ = plenary::duration::parse_minutes(text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_text_never_panics(text in noise()) {
        read_everything(&text);
    }

    #[test]
    fn a_damaged_charter_never_panics(at in 0usize..20_000, len in 0usize..60, insert in noise()) {
        read_everything(&damage(&example("charter.toml"), at, len, &insert));
    }

    #[test]
    fn a_damaged_agenda_never_panics(at in 0usize..5_000, len in 0usize..60, insert in noise()) {
        read_everything(&damage(&example("2027-03-steering.toml"), at, len, &insert));
    }

    #[test]
    fn a_damaged_ballot_file_never_panics(at in 0usize..5_000, len in 0usize..60, insert in noise()) {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/ballots/priorities-2027.toml"),
        )
        .expect("ballot file");
        read_everything(&damage(&text, at, len, &insert));
    }
}

/// A real journal of a few events, to damage.
fn journal() -> (tempfile::TempDir, String) {
    use plenary::meeting::{Event, Meeting};
    let dir = common::example_copy();
    let ws = plenary::workspace::Workspace::load(dir.path()).expect("workspace");
    let meeting =
        Meeting::new(&ws, ws.agenda("2027-03-steering").expect("agenda")).expect("meeting");
    let events = vec![
        Event::Present {
            member: "eth".into(),
            delegate: None,
        },
        Event::ItemOpened {
            item: "minutes".into(),
        },
        Event::Motion {
            item: "minutes".into(),
            text: "Approve".into(),
        },
        Event::Vote {
            item: "minutes".into(),
            member: "eth".into(),
            choice: plenary::vote::decision::Choice::Yes,
            change: false,
        },
    ];
    let now = "2027-03-10T14:00:00Z".parse().expect("instant");
    meeting.record("tester", now, events).expect("recorded");
    let text = std::fs::read_to_string(meeting.journal().path()).expect("journal");
    (dir, text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_damaged_journal_never_panics(at in 0usize..2_000, len in 0usize..40, insert in noise()) {
        let (dir, text) = journal();
        let damaged = damage(&text, at, len, &insert);
        let ws = plenary::workspace::Workspace::load(dir.path()).expect("workspace");
        let agenda = ws.agenda("2027-03-steering").expect("agenda");
        let ctx = plenary::meeting::Context::new(&ws.charter, agenda).expect("context");
        if let Ok(contents) = verify(Path::new("records/m.jsonl"), damaged.as_bytes()) {
            let _ = plenary::meeting::MeetingState::replay(&contents.records, &ctx);
        }
    }
}
