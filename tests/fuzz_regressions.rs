//! Fuzzing findings stay fixed (issue 12, scope 7). Every file under
//! `tests/fixtures/fuzz/<target>/` is an input that once crashed (or is
//! worth keeping) and is run through exactly what the fuzz target `<target>`
//! does, from `fuzz/src/lib.rs`. The committed example files go through the
//! same paths, so the harness itself is tested without `cargo fuzz`.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_entry;

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_committed_finding_runs_without_a_panic() {
    let mut ran = 0;
    for (target, run) in fuzz_entry::TARGETS {
        let dir = root().join("tests/fixtures/fuzz").join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let data = std::fs::read(&path).expect("finding");
            eprintln!("{target}: {}", path.display());
            run(&data);
            ran += 1;
        }
    }
    eprintln!("{ran} findings replayed");
}

#[test]
fn the_targets_accept_the_files_they_are_seeded_with() {
    let example = root().join("agendas/gcra");
    let read = |p: &Path| std::fs::read(p).expect("example file");
    fuzz_entry::charter(&read(&example.join("charter.toml")));
    fuzz_entry::agenda(&read(&example.join("2027-03-steering.toml")));
    fuzz_entry::ballots(&read(&root().join("agendas/ballots/priorities-2027.toml")));
    fuzz_entry::journal(b"");
    fuzz_entry::journal(b"{\"event\":\"present\",\"member\":\"eth\"}\nnot json\n");
}
