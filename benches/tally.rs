//! `plenary tally` on large ballot files (issue 13): 100,000 ballots as
//! `[[ballots]]` tables and 1,000,000 as CSV, 10 options, Schulze.
//!
//! - `tally/toml_100k` and `tally/csv_1m`: reading, checking and counting
//!   the file (`plenary::ballots::read_ballots`) and the tally, in process;
//! - `process/…`: the whole `plenary tally FILE --format json` as a fresh
//!   process, and `cat FILE` beside it as the floor (reading the file and
//!   starting a process); after criterion, each is run again to print the
//!   median ratio to `cat` and the peak memory of the process.
//!
//! Ballots are drawn from 1,000 distinct rankings (3 to 10 of the options,
//! in a random order) with weights 1 to 5, by a fixed xorshift sequence:
//! real ballots repeat themselves, and the CSV's memory is meant to follow
//! the distinct rankings, not the ballots.
//!
//! Run with `cargo bench --bench tally`; figures are in benches/README.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use plenary::ballots::read_ballots;
use plenary::vote::ranked::tally_box;

const OPTIONS: usize = 10;

/// A fixed xorshift sequence, so every run reads the same files.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `count` ballots as (weight, ranking of option positions).
fn ballots(count: usize) -> Vec<(usize, Vec<usize>)> {
    let mut rng = Xorshift(0x2545_f491_4f6c_dd1d);
    let pool: Vec<Vec<usize>> = (0..1_000)
        .map(|_| {
            let mut order: Vec<usize> = (0..OPTIONS).collect();
            for i in (1..OPTIONS).rev() {
                order.swap(i, rng.below(i + 1));
            }
            order.truncate(3 + rng.below(OPTIONS - 2));
            order
        })
        .collect();
    (0..count)
        .map(|_| (1 + rng.below(5), pool[rng.below(pool.len())].clone()))
        .collect()
}

fn head() -> String {
    let ids: Vec<String> = (0..OPTIONS).map(|o| format!("\"o{o}\"")).collect();
    format!("method = \"schulze\"\noptions = [{}]\n", ids.join(", "))
}

/// Writes `ballots.toml` (100,000 ballots), and `contest.toml` naming
/// `votes.csv` (1,000,000 ballots), into `dir`.
fn write_files(dir: &Path) {
    let mut toml = head();
    for (weight, ranking) in ballots(100_000) {
        let ids: Vec<String> = ranking.iter().map(|o| format!("\"o{o}\"")).collect();
        toml.push_str(&format!(
            "\n[[ballots]]\nweight = {weight}\nranking = [{}]\n",
            ids.join(", ")
        ));
    }
    std::fs::write(dir.join("ballots.toml"), toml).expect("write");
    let ranks: Vec<String> = (1..=OPTIONS).map(|k| k.to_string()).collect();
    let mut csv = format!("weight,{}\n", ranks.join(","));
    for (weight, ranking) in ballots(1_000_000) {
        let cells: Vec<String> = (0..OPTIONS)
            .map(|k| ranking.get(k).map(|o| format!("o{o}")).unwrap_or_default())
            .collect();
        csv.push_str(&format!("{weight},{}\n", cells.join(",")));
    }
    std::fs::write(dir.join("votes.csv"), csv).expect("write");
    let contest = head() + "ballots_csv = \"votes.csv\"\n";
    std::fs::write(dir.join("contest.toml"), contest).expect("write");
}

fn parse_and_tally(path: &Path) -> usize {
    let counted = read_ballots(path).expect("valid ballots");
    tally_box(&counted.ballots, counted.seats)
        .expect("tallies")
        .ballots
}

/// `plenary tally FILE --format json`, and `cat` of the file it reads.
fn commands(dir: &Path) -> [(&'static str, Command, PathBuf); 4] {
    let plenary = |file: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_plenary"));
        c.args(["tally", file, "--format", "json"]).current_dir(dir);
        c
    };
    let cat = |file: &str| {
        let mut c = Command::new("cat");
        c.arg(file).current_dir(dir);
        c
    };
    [
        (
            "plenary_toml_100k",
            plenary("ballots.toml"),
            dir.join("ballots.toml"),
        ),
        (
            "cat_toml_100k",
            cat("ballots.toml"),
            dir.join("ballots.toml"),
        ),
        (
            "plenary_csv_1m",
            plenary("contest.toml"),
            dir.join("votes.csv"),
        ),
        ("cat_csv_1m", cat("votes.csv"), dir.join("votes.csv")),
    ]
}

fn run(command: &mut Command) {
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success(), "{command:?} failed");
}

fn timings(c: &mut Criterion, dir: &Path) {
    let mut group = c.benchmark_group("tally");
    group.sample_size(10);
    let toml = dir.join("ballots.toml");
    let csv = dir.join("contest.toml");
    assert_eq!(parse_and_tally(&toml), 100_000);
    assert_eq!(parse_and_tally(&csv), 1_000_000);
    group.bench_function("toml_100k", |b| {
        b.iter(|| parse_and_tally(black_box(&toml)))
    });
    group.bench_function("csv_1m", |b| b.iter(|| parse_and_tally(black_box(&csv))));
    group.finish();
    let mut group = c.benchmark_group("process");
    group.sample_size(10);
    for (name, mut command, _) in commands(dir) {
        group.bench_function(name, |b| b.iter(|| run(&mut command)));
    }
    group.finish();
}

/// The median of `runs` wall times of `command`, and its peak resident
/// memory in KiB.
fn measure(command: &mut Command, runs: usize) -> (Duration, u64) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run(command);
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], peak_kib(command))
}

/// Peak resident memory of one run: GNU time's `%M` where it is installed,
/// otherwise the child's `VmHWM` read from /proc while it runs (which can
/// miss growth in its last millisecond).
fn peak_kib(command: &Command) -> u64 {
    let program = command.get_program();
    let args: Vec<_> = command.get_args().collect();
    let dir = command.get_current_dir().unwrap_or(Path::new("."));
    if Path::new("/usr/bin/time").exists() {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(program)
            .args(&args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .output()
            .expect("time runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        return stderr
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
    }
    let mut child = Command::new(program)
        .args(&args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .spawn()
        .expect("spawns");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().expect("waits").is_none() {
        let hwm = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        });
        peak = peak.max(hwm.unwrap_or(0));
        std::thread::sleep(Duration::from_millis(1));
    }
    peak
}

fn report(dir: &Path) {
    println!("\nwhole process, median of 11 runs (peak memory of one run):");
    let mut plenary = Duration::ZERO;
    for (name, mut command, file) in commands(dir) {
        let (median, kib) = measure(&mut command, 11);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(1);
        let mib = kib as f64 / 1024.0;
        let file_mib = size as f64 / 1_048_576.0;
        if name.starts_with("cat") {
            println!(
                "  {name}: {:.1} ms, peak {mib:.1} MiB; plenary / cat = {:.1}",
                median.as_secs_f64() * 1e3,
                plenary.as_secs_f64() / median.as_secs_f64()
            );
        } else {
            plenary = median;
            println!(
                "  {name}: {:.1} ms, peak {mib:.1} MiB for a {file_mib:.1} MiB file ({:.1}x the file)",
                median.as_secs_f64() * 1e3,
                mib / file_mib
            );
        }
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path());
    timings(c, dir.path());
    // `cargo test --benches` runs each benchmark once as a smoke test.
    if !std::env::args().any(|a| a == "--test") {
        report(dir.path());
    }
}

criterion_group!(tally_benches, benches);
criterion_main!(tally_benches);
