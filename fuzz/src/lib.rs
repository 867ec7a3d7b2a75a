//! What each fuzz target does with its bytes: the library calls the
//! command line makes on a file of that kind, then every rendering of the
//! result (diagnostics, the report, the tally, the minutes, the invitation).
//! None of these may panic (SPEC 1.3).
//!
//! Shared by the fuzz targets in `fuzz_targets/` and by the main crate's
//! `tests/fuzz_regressions.rs`, which includes this file and replays every
//! input committed under `tests/fixtures/fuzz/<target>/`: a crash found by
//! the fuzzer becomes such a file and stays fixed. This file uses only
//! `plenary` and `serde_json`, so that both can compile it.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use plenary::agenda::{Agenda, load_agenda};
use plenary::charter::{Charter, References, load_charter};
// The bundled example, which agendas and journals are read against.
use plenary::example::{AGENDAS, CHARTER};
use plenary::export::invitation;
use plenary::export::minutes::{Minutes, html, json, markdown};
use plenary::files::{Diagnostic, SourceFile, write_report};
use plenary::meeting::{Context, MeetingState, hash_line, verify};

/// What a fuzz target does with one input.
pub type Target = fn(&[u8]);

/// The names the fuzz targets go by, as `cargo fuzz run NAME` and the
/// folders of `tests/fixtures/fuzz/` name them.
pub const TARGETS: [(&str, Target); 4] = [
    ("charter", charter),
    ("agenda", agenda),
    ("ballots", ballots),
    ("journal", journal),
];

struct Example {
    charter: Charter,
    references: References,
    agendas: Vec<Agenda>,
}

fn example() -> &'static Example {
    static EXAMPLE: OnceLock<Example> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let load = load_charter(&SourceFile::new("charter.toml", CHARTER));
        let charter = load.charter.expect("the example charter is valid");
        let agendas = AGENDAS
            .iter()
            .map(|(name, text)| {
                load_agenda(&SourceFile::new(*name, *text), &load.references)
                    .0
                    .expect("the example agendas are valid")
            })
            .collect();
        Example {
            charter,
            references: load.references,
            agendas,
        }
    })
}

/// Bytes as the readers see a file: UTF-8, or the valid prefix (the
/// reader reports the first bad byte; what matters here is what follows).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Every way a list of problems is printed.
fn render(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let _ = d.to_string();
    }
    let mut sink = Vec::new();
    let _ = write_report(&mut sink, diagnostics);
}

/// A `charter.toml`: validated, its problems printed; the example's
/// agendas are then checked against whatever of it could be read.
pub fn charter(data: &[u8]) {
    let load = load_charter(&SourceFile::new("charter.toml", text(data)));
    render(&load.diagnostics);
    for (name, agenda) in AGENDAS {
        let (_, problems) = load_agenda(&SourceFile::new(name, agenda), &load.references);
        render(&problems);
    }
    if let Some(charter) = &load.charter {
        for (name, agenda) in AGENDAS {
            if let (Some(agenda), _) = load_agenda(&SourceFile::new(name, agenda), &load.references)
            {
                exports(charter, &agenda);
            }
        }
    }
}

/// An agenda file, checked against the example charter and against an
/// unknown one; a valid agenda is exported (minutes with nothing recorded,
/// the invitation).
pub fn agenda(data: &[u8]) {
    let file = SourceFile::new("2027-03-steering.toml", text(data));
    let (valid, problems) = load_agenda(&file, &example().references);
    render(&problems);
    let (_, problems) = load_agenda(&file, &References::default());
    render(&problems);
    if let Some(agenda) = valid {
        exports(&example().charter, &agenda);
    }
}

fn exports(charter: &Charter, agenda: &Agenda) {
    let _ = invitation(charter, agenda, now());
    let Some(ctx) = Context::new(charter, agenda) else {
        return;
    };
    if let Ok(state) = MeetingState::replay(&[], &ctx) {
        minutes(charter, agenda, &state, &Default::default());
    }
}

fn minutes(
    charter: &Charter,
    agenda: &Agenda,
    state: &MeetingState,
    contents: &plenary::meeting::Contents,
) {
    if let Ok(m) = Minutes::build(charter, agenda, state, contents, now()) {
        let _ = markdown(&m);
        let _ = html(&m);
        let _ = json(&m);
    }
}

/// A ballot file for `plenary tally`: read, and when valid, tallied.
pub fn ballots(data: &[u8]) {
    match plenary::ballots::load_ballots(&SourceFile::new("ballots.toml", text(data))) {
        Err(problems) => render(&problems),
        Ok(counted) => {
            if let Ok(result) = plenary::vote::ranked::tally_box(&counted.ballots, counted.seats) {
                let _ = serde_json::to_string(&result);
            }
        }
    }
}

/// A meeting journal: verified as it is, and again with every line that
/// is a JSON object renumbered and re-chained (so that mutations get past
/// the hash chain and reach the replay); whatever verifies is replayed
/// against each of the example's meetings, and its minutes are built.
pub fn journal(data: &[u8]) {
    let path = Path::new("records/2027-03-steering.jsonl");
    replay(verify(path, data));
    replay(verify(path, &rechain(data)));
}

fn replay(verified: Result<plenary::meeting::Contents, plenary::meeting::JournalError>) {
    let contents = match verified {
        Ok(contents) => contents,
        Err(e) => {
            let _ = (e.to_string(), e.line());
            return;
        }
    };
    let example = example();
    for agenda in &example.agendas {
        let Some(ctx) = Context::new(&example.charter, agenda) else {
            continue;
        };
        match MeetingState::replay(&contents.records, &ctx) {
            Ok(state) => minutes(&example.charter, agenda, &state, &contents),
            Err((seq, error)) => {
                let _ = (seq, error.to_string());
            }
        }
    }
}

/// The JSON-object lines of `data` with `seq` and `prev` set as a writer
/// would have set them.
fn rechain(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 64);
    let mut prev = plenary::meeting::GENESIS.to_owned();
    let mut seq = 0u64;
    for line in data.split(|b| *b == b'\n') {
        let Ok(serde_json::Value::Object(mut record)) = serde_json::from_slice(line) else {
            continue;
        };
        seq += 1;
        record.insert("seq".into(), seq.into());
        record.insert("prev".into(), prev.clone().into());
        let Ok(line) = serde_json::to_vec(&record) else {
            continue;
        };
        prev = hash_line(&line);
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    out
}

/// A fixed "now" (2027-03-10 15:00 UTC), so that a finding replays the
/// same way every time.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_804_690_800, 0).unwrap_or_default()
}
