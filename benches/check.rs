//! `plenary check` on large generated charters (issue 12): the time and
//! the peak memory must grow in proportion to the input, so each case runs
//! at two sizes, the second twice the first.
//!
//! - `members`: a valid charter with N members, one body listing all of
//!   them and one `["*"]` body (45,000 members took 16.5 s when ids were
//!   looked up in lists).
//! - `unknown-zones`: N members, each with its own unknown time zone, so
//!   that nothing is cached (30,000 took 280 s when every error searched
//!   every zone for a suggestion and counted lines from the file's start).
//! - `one-line`: N members as inline tables on a single line, each with an
//!   unknown zone (38,000 were killed at 23.5 GB when every error kept a
//!   copy of the line).
//!
//! Each measured run is the whole check: read and validate the workspace,
//! then print the report (to a sink) exactly as `plenary check` does.
//! After the timings, each case runs once more in a fresh process of this
//! benchmark, which prints its peak resident memory (`VmHWM`).
//!
//! Run with `cargo bench --bench check` (add `-- --measurement-time 3`
//! for a quick look).

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use criterion::{BenchmarkId, Criterion};
use plenary::files::write_report;
use plenary::review::check_journals;
use plenary::workspace::{Workspace, WorkspaceError};

/// The cases and their two sizes.
const CASES: [(&str, [usize; 2]); 3] = [
    ("members", [22_500, 45_000]),
    ("unknown-zones", [15_000, 30_000]),
    ("one-line", [19_000, 38_000]),
];

/// Set in the child process that measures one case's memory.
const MEMORY_CASE: &str = "PLENARY_BENCH_MEMORY_CASE";

const ALLIANCE: &str =
    "[alliance]\nid = \"big\"\nname = \"Big Alliance\"\ntimezone = \"Europe/Brussels\"\n\n";

fn charter(case: &str, n: usize) -> String {
    let mut text = String::new();
    match case {
        "members" => {
            text.push_str(ALLIANCE);
            for i in 0..n {
                text.push_str(&format!(
                    "[[members]]\nid=\"m{i}\"\nname=\"M\"\nkind=\"funder\"\ncountry=\"ZA\"\ntimezone=\"UTC\"\n"
                ));
            }
            let ids: Vec<String> = (0..n).map(|i| format!("\"m{i}\"")).collect();
            for (id, members) in [("all", ids.join(", ")), ("star", "\"*\"".to_owned())] {
                text.push_str(&format!(
                    "[[bodies]]\nid = \"{id}\"\nname = \"Body\"\nmembers = [{members}]\nchair = \"m0\"\nquorum = \"1/2\"\nrules = {{ default = \"simple\" }}\n"
                ));
            }
        }
        "unknown-zones" => {
            text.push_str(ALLIANCE);
            for i in 0..n {
                text.push_str(&format!(
                    "[[members]]\nid=\"m{i}\"\nname=\"M\"\nkind=\"funder\"\ncountry=\"ZA\"\ntimezone=\"Africa/Johannesbur{i}\"\n"
                ));
            }
        }
        "one-line" => {
            let members: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{{id = \"m{i}\", name = \"M\", kind = \"funder\", country = \"ZA\", timezone = \"Mars/X\"}}"
                    )
                })
                .collect();
            text.push_str(&format!("members = [{}]\n", members.join(", ")));
            text.push_str(ALLIANCE);
        }
        other => panic!("no case {other}"),
    }
    assert!(
        text.len() as u64 <= plenary::files::MAX_FILE_BYTES,
        "{case} {n}: too big"
    );
    text
}

/// The whole of `plenary check` but the process: load, check the journals
/// of a valid workspace, print every problem.
fn check(root: &Path) -> usize {
    let mut out = std::io::sink();
    match Workspace::load(root) {
        Ok(ws) => {
            let problems = check_journals(&ws);
            write_report(&mut out, &problems).expect("sink");
            ws.charter.members.len()
        }
        Err(WorkspaceError::Invalid(diagnostics)) => {
            write_report(&mut out, &diagnostics).expect("sink");
            diagnostics.len()
        }
        Err(e) => panic!("{e}"),
    }
}

fn workspace(case: &str, n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charter.toml"), charter(case, n)).expect("write");
    dir
}

fn timings(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (case, sizes) in CASES {
        for n in sizes {
            let dir = workspace(case, n);
            let bytes = std::fs::metadata(dir.path().join("charter.toml"))
                .map(|m| m.len())
                .unwrap_or(0);
            group.throughput(criterion::Throughput::Bytes(bytes));
            group.bench_with_input(BenchmarkId::new(case, n), &n, |b, _| {
                b.iter(|| black_box(check(dir.path())));
            });
        }
    }
    group.finish();
}

/// Runs each case once per size in a fresh process and prints its peak
/// resident memory next to the input size.
fn memory() {
    let me = std::env::current_exe().expect("own path");
    println!("\npeak memory of one check, in a fresh process:");
    for (case, sizes) in CASES {
        for n in sizes {
            let out = Command::new(&me)
                .env(MEMORY_CASE, format!("{case}:{n}"))
                .output()
                .expect("child runs");
            print!("{}", String::from_utf8_lossy(&out.stdout));
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

/// In the child: generate, check once, report `VmHWM` from /proc.
fn measure_memory(spec: &str) {
    let (case, n) = spec.split_once(':').expect("case:n");
    let n: usize = n.parse().expect("size");
    let dir = workspace(case, n);
    let bytes = std::fs::metadata(dir.path().join("charter.toml"))
        .map(|m| m.len())
        .unwrap_or(0);
    // The generated text is gone by now; the baseline is this process.
    let before = peak_kib();
    let problems = check(dir.path());
    let after = peak_kib();
    println!(
        "  check/{case}/{n}: input {:.1} MiB, {problems} members or problems, peak RSS {:.1} MiB (process before: {:.1} MiB)",
        bytes as f64 / 1048576.0,
        after as f64 / 1024.0,
        before as f64 / 1024.0
    );
}

/// The process's peak resident set size in KiB (0 where /proc is missing).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    if let Ok(spec) = std::env::var(MEMORY_CASE) {
        measure_memory(&spec);
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    timings(&mut criterion);
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once as a smoke test.
    if !std::env::args().any(|a| a == "--test") {
        memory();
    }
}
