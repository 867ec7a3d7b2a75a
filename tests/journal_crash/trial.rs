//! The crash trial at scale: one pass through the scripted meeting
//! (`script`), one `plenary record` process per step, [`KILLS`] of them
//! sent SIGKILL at a pseudo-random moment, the meeting resumed after each.
//! A quarter of the kills come while a second recorder runs, a quarter
//! while the killed process has an uncommitted tail to set aside (injected
//! just before it starts), and every multi-page chain is killed too.
//!
//! After every kill:
//!
//! - the journal verifies, and what was committed before is unchanged;
//! - the killed command's events are all committed or none (a chain is
//!   all or nothing), in one run of lines, and an attempt that committed
//!   nothing never shows up later (no uncommitted event is ever kept);
//! - the journal's first event, and no other, is the `terms` event, written
//!   by whichever run committed first, before its own events and with them
//!   (all or nothing too);
//! - every `#N ...` line any process printed is committed at `N`, by it
//!   (`#1 terms frozen: ...` included: it is acknowledged like the rest);
//! - `.torn` never holds the same line twice.
//!
//! At the end every step is committed exactly once, in order, after the
//! terms, and `plenary check` passes with nothing to note.

use std::collections::{BTreeMap, HashSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use plenary::meeting::{Event, Journal, Record};

use crate::script::{self, Step};

/// How many processes are killed (counting only real SIGKILL deaths).
pub const KILLS: usize = 100;

/// At most this many kills of one step; its next attempt runs to the end.
const KILLS_PER_STEP: usize = 3;

const MEETING: &str = "2027-03-steering";

/// A small deterministic generator (64-bit LCG, Knuth's constants).
pub struct Lcg(pub u64);

impl Lcg {
    /// A number in `0..bound`.
    pub fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

/// What the trial saw, printed with `--nocapture`.
#[derive(Debug, Default)]
pub struct Stats {
    /// Processes started.
    pub runs: usize,
    /// Processes that died of SIGKILL.
    pub kills: usize,
    /// … of which during a multi-page chain.
    pub chain_kills: usize,
    /// … of which with a second recorder running.
    pub concurrent_kills: usize,
    /// … of which with an uncommitted tail to set aside.
    pub repair_kills: usize,
    /// Kills whose command had committed all its events (the kill came
    /// after the head moved).
    pub committed_when_killed: usize,
    /// Kills after which lines lay beyond the head.
    pub tails_left: usize,
    /// Kills that came too late (the process had finished).
    pub late: usize,
    /// Events committed at the end (the terms included).
    pub events: usize,
    /// `#N` acknowledgements checked (`#1 terms frozen` included).
    pub acknowledged: usize,
}

/// How a killed run is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Alone,
    WithSecondRecorder,
    DuringRepair,
}

struct Trial<'a> {
    root: &'a Path,
    journal: Journal,
    rng: Lcg,
    /// What is committed, as last read.
    committed: Vec<Record>,
    /// Tags of attempts that committed nothing: never to be seen again.
    dead: HashSet<String>,
    /// Markers of injected tails.
    injected: Vec<String>,
    /// How long an unkilled run takes (a moving average).
    typical: Duration,
    stats: Stats,
}

/// Runs the trial in the workspace at `root` (a copy of the example).
pub fn run(root: &Path) -> Stats {
    let steps = script::meeting();
    let mut trial = Trial {
        root,
        journal: Journal::for_meeting(root, MEETING),
        rng: Lcg(0x2027_0310_dead_beef),
        committed: Vec::new(),
        dead: HashSet::new(),
        injected: Vec::new(),
        typical: Duration::from_millis(30),
        stats: Stats::default(),
    };
    let last = steps.len() - 1;
    let mut i = 0;
    let mut attempt = 0;
    let mut extras = 0;
    while i < steps.len() {
        let done = if i == last && trial.stats.kills < KILLS {
            // The script is at its end with kills to go: a note first.
            let step = Step::extra(extras);
            let tag = format!("x{extras}a{attempt}");
            let done = trial.run(&step, &tag, attempt < KILLS_PER_STEP);
            extras += usize::from(done);
            done
        } else {
            let kill = i < last && trial.kill_now(&steps[i], last - i, attempt);
            let done = trial.run(&steps[i], &format!("s{i}a{attempt}"), kill);
            i += usize::from(done);
            done
        };
        attempt = if done { 0 } else { attempt + 1 };
    }
    trial.finish(&steps, extras);
    trial.stats
}

impl Step {
    fn extra(n: usize) -> Self {
        Self {
            words: vec!["note".to_owned(), format!("extra-{n}")],
            events: 1,
            chain: false,
        }
    }
}

impl Trial<'_> {
    fn kill_now(&mut self, step: &Step, steps_left: usize, attempt: usize) -> bool {
        let left = KILLS.saturating_sub(self.stats.kills);
        if left == 0 || attempt >= KILLS_PER_STEP {
            return false;
        }
        // Every chain is killed; other steps often enough that the kills
        // are spread over the whole meeting, with room for late ones.
        step.chain || self.rng.next(steps_left as u64) < (left as u64 * 3 / 2).max(1)
    }

    fn run(&mut self, step: &Step, tag: &str, kill: bool) -> bool {
        if kill {
            self.killed(step, tag)
        } else {
            self.clean(step, tag);
            true
        }
    }

    fn spawn(&self, tag: &str, words: &[String]) -> Child {
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(["record", "--by", tag])
            .arg(self.root)
            .arg(MEETING)
            .args(words)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// A run that is not killed: it succeeds and commits all its events.
    fn clean(&mut self, step: &Step, tag: &str) {
        self.stats.runs += 1;
        let start = Instant::now();
        let output = self.spawn(tag, &step.words).wait_with_output().unwrap();
        self.typical = (self.typical * 7 + start.elapsed()) / 8;
        assert!(
            output.status.success(),
            "{tag} {:?}: {}",
            step.words.first(),
            String::from_utf8_lossy(&output.stderr)
        );
        let committed = self.verify(&[(tag, &output, step.events)], tag);
        assert_eq!(committed, vec![true], "{tag}");
    }

    /// A run sent SIGKILL; whether its events are committed.
    fn killed(&mut self, step: &Step, tag: &str) -> bool {
        let kind = match self.stats.kills % 4 {
            1 => Kind::WithSecondRecorder,
            3 => Kind::DuringRepair,
            _ => Kind::Alone,
        };
        let mut had_tail = self.journal.read().unwrap().torn.is_some();
        if kind == Kind::DuringRepair {
            self.inject_tail();
            had_tail = true;
        }
        let second_tag = format!("second-{}", self.stats.runs);
        let second = (kind == Kind::WithSecondRecorder)
            .then(|| self.spawn(&second_tag, &["note".to_owned(), second_tag.clone()]));
        self.stats.runs += 1 + usize::from(second.is_some());
        let mut child = self.spawn(tag, &step.words);
        let window = self.typical.as_micros() as u64 * 13 / 10;
        std::thread::sleep(Duration::from_micros(self.rng.next(window.max(1))));
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        let second = second.map(|s| s.wait_with_output().unwrap());
        if let Some(second) = &second {
            assert!(
                second.status.success(),
                "the second recorder failed: {}",
                String::from_utf8_lossy(&second.stderr)
            );
        }
        let died = output.status.signal() == Some(9);
        if died {
            self.stats.kills += 1;
            self.stats.chain_kills += usize::from(step.chain);
            self.stats.concurrent_kills += usize::from(second.is_some());
            self.stats.repair_kills += usize::from(had_tail);
        } else {
            self.stats.late += 1;
            assert!(
                output.status.success(),
                "{tag}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let mut runs = vec![(tag, &output, step.events)];
        if let Some(second) = &second {
            runs.push((second_tag.as_str(), second, 1));
        }
        let committed = self.verify(&runs, tag);
        assert!(
            second.is_none() || committed[1],
            "{second_tag} succeeded but is not committed"
        );
        if died {
            self.stats.committed_when_killed += usize::from(committed[0]);
            if self.journal.read().unwrap().torn.is_some() {
                self.stats.tails_left += 1;
            }
            if self.stats.kills.is_multiple_of(10) {
                self.check(false);
            }
        }
        committed[0]
    }

    /// Appends lines beyond the head, as a crash or a forger leaves them.
    fn inject_tail(&mut self) {
        use std::io::Write;
        let marker = format!("inject-{}", self.injected.len());
        let line = format!(
            "{{\"seq\":999999,\"marker\":\"{marker}\",\"pad\":\"{}\"}}\n",
            "z".repeat(2000)
        );
        let mut tail = line.repeat(3);
        tail.push_str(&line[..40]);
        std::fs::OpenOptions::new()
            .append(true)
            .open(self.journal.path())
            .unwrap()
            .write_all(tail.as_bytes())
            .unwrap();
        self.injected.push(marker);
    }

    /// The invariants, after runs that ended (killed or not); returns, for
    /// each run, whether its events are committed.
    fn verify(&mut self, runs: &[(&str, &Output, usize)], context: &str) -> Vec<bool> {
        let contents = self
            .journal
            .read()
            .unwrap_or_else(|e| panic!("{context}: the journal does not verify: {e}"));
        let records = contents.records;
        assert!(
            records.starts_with(&self.committed),
            "{context}: committed events changed"
        );
        let new = &records[self.committed.len()..];
        if let Some(r) = new.iter().find(|r| self.dead.contains(&r.by)) {
            panic!(
                "{context}: #{} by {}, never committed, was kept",
                r.seq, r.by
            );
        }
        let terms: Vec<u64> = records
            .iter()
            .filter(|r| matches!(r.event, Event::Terms { .. }))
            .map(|r| r.seq)
            .collect();
        let expected: &[u64] = if records.is_empty() { &[] } else { &[1] };
        assert_eq!(terms, expected, "{context}: the terms event, at seq 1 only");
        let mut committed = Vec::new();
        for (tag, output, events) in runs {
            let own: Vec<&Record> = new.iter().filter(|r| r.by == *tag).collect();
            // The first append of the meeting writes the terms before its
            // events, in the same all-or-nothing append.
            let wrote_terms = own
                .first()
                .is_some_and(|r| matches!(r.event, Event::Terms { .. }));
            let count = own.len() - usize::from(wrote_terms);
            assert!(
                (own.is_empty() || count == *events) && (count > 0 || !wrote_terms),
                "{context}: {count} of the {events} events of {tag} were kept (terms: {wrote_terms})"
            );
            assert!(
                own.windows(2).all(|w| w[1].seq == w[0].seq + 1),
                "{context}: the lines of {tag} are not one run"
            );
            let stdout = String::from_utf8_lossy(&output.stdout);
            for line in stdout.lines().filter(|l| l.starts_with('#')) {
                let Some((seq, description)) = line[1..].split_once(' ') else {
                    continue; // cut off by the kill mid-line
                };
                let seq: usize = seq.parse().unwrap();
                let record = records
                    .get(seq - 1)
                    .unwrap_or_else(|| panic!("{context}: {tag} acknowledged #{seq}, lost"));
                assert_eq!(
                    (record.by.as_str(), record.event.describe().as_str()),
                    (*tag, description),
                    "{context}: #{seq}"
                );
                self.stats.acknowledged += 1;
            }
            if own.is_empty() {
                self.dead.insert((*tag).to_owned());
            }
            committed.push(!own.is_empty());
        }
        self.committed = records;
        self.torn_has_no_line_twice(context);
        committed
    }

    /// `.torn` never gets the same line twice, nor an injected tail twice.
    fn torn_has_no_line_twice(&self, context: &str) {
        let Ok(torn) = std::fs::read(self.journal.torn_path()) else {
            return;
        };
        let text = String::from_utf8_lossy(&torn);
        let mut seen = BTreeMap::new();
        for line in text.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let (Some(by), Some(seq)) = (value["by"].as_str(), value["seq"].as_u64()) {
                *seen.entry((by.to_owned(), seq)).or_insert(0) += 1;
            }
        }
        if let Some(((by, seq), n)) = seen.iter().find(|(_, n)| **n > 1) {
            panic!("{context}: .torn holds #{seq} by {by} {n} times");
        }
        for marker in &self.injected {
            let n = text.matches(&format!("\"marker\":\"{marker}\"")).count();
            assert!(
                n == 0 || n == 4,
                "{context}: {marker} is {n} times in .torn"
            );
        }
    }

    fn check(&self, quiet: bool) {
        let output = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("check")
            .arg(self.root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "check: {stderr}");
        if quiet {
            assert_eq!(stderr, "", "nothing left to note");
        }
    }

    fn finish(&mut self, steps: &[Step], extras: usize) {
        // Every step committed exactly once, in order, all its events
        // together; the extra notes before the closing step.
        let mut order: Vec<String> = Vec::new();
        for record in &self.committed {
            let step = record.by.split_once('a').map(|(step, _)| step.to_owned());
            if let Some(step) = step.filter(|_| !record.by.starts_with("second-"))
                && order.last() != Some(&step)
            {
                order.push(step);
            }
        }
        let mut expected: Vec<String> = (0..steps.len() - 1).map(|i| format!("s{i}")).collect();
        expected.extend((0..extras).map(|x| format!("x{x}")));
        expected.push(format!("s{}", steps.len() - 1));
        assert_eq!(order, expected, "every step committed once, in order");
        let seconds: HashSet<&str> = self
            .committed
            .iter()
            .filter(|r| r.by.starts_with("second-"))
            .map(|r| r.by.as_str())
            .collect();
        let events: usize = steps.iter().map(|s| s.events).sum::<usize>() + extras;
        assert!(
            matches!(self.committed[0].event, Event::Terms { .. }),
            "the terms first"
        );
        assert_eq!(self.committed.len(), 1 + events + seconds.len());
        self.stats.events = self.committed.len();
        let torn = std::fs::read_to_string(self.journal.torn_path()).unwrap_or_default();
        for marker in &self.injected {
            let n = torn.matches(&format!("\"marker\":\"{marker}\"")).count();
            assert_eq!(n, 4, "{marker} set aside once");
        }
        self.check(true);
    }
}
