//! The scripted meeting of the crash trial: the example's March steering
//! meeting from roll call to close, about 500 events, as `plenary record`
//! steps (one event, a few, or a multi-page chain of long notes). Every
//! step is valid after the ones before it, and none is a no-op (plenary
//! refuses those, "nothing recorded"): each member is marked present once,
//! the proxy is given once, and every vote or ballot change really changes
//! something. A step is repeated only when its killed attempt committed
//! nothing, so no rule refuses a step on its second try. The meeting's
//! first append (the first step's, or a second recorder's that beat it)
//! also writes the `terms` event (seq 1), which `Step::events` does not
//! count.

/// One `plenary record` command.
pub struct Step {
    /// The event words.
    pub words: Vec<String>,
    /// How many events it records.
    pub events: usize,
    /// Whether its lines span several pages (a write a kill can cut).
    pub chain: bool,
}

impl Step {
    fn one(text: &str) -> Self {
        Self::many(text, 1)
    }

    fn many(text: &str, events: usize) -> Self {
        Self {
            words: text.split(' ').map(str::to_owned).collect(),
            events,
            chain: false,
        }
    }

    /// `note …`, `count` long notes in one append.
    fn chain(tag: &str, count: usize) -> Self {
        let mut words = Vec::new();
        for i in 0..count {
            if i > 0 {
                words.push(",".to_owned());
            }
            words.push("note".to_owned());
            words.push(format!("{tag}-{i}"));
            // ~300 bytes a line: 40 lines are three pages and more.
            words.push("lorem-ipsum-dolor-sit-amet ".repeat(10).trim().to_owned());
        }
        Self {
            words,
            events: count,
            chain: true,
        }
    }
}

/// The voting members present (UNSW by proxy); Columbia is absent.
const VOTERS: [&str; 6] = ["eth", "ceps", "uct", "iisc", "usp", "unsw"];

/// The whole meeting, in order. The last step closes it.
pub fn meeting() -> Vec<Step> {
    let mut steps = vec![Step::many(
        "present eth ceps uct iisc usp , proxy unsw eth",
        6,
    )];
    let mut n = 0;
    let mut notes = |steps: &mut Vec<Step>, count: usize| {
        for _ in 0..count {
            n += 1;
            steps.push(Step::one(&format!("note remark-{n}")));
        }
    };
    decision(&mut steps, "minutes", 30);
    notes(&mut steps, 30);
    discussion(&mut steps, "secretariat-report", 2);
    decision(&mut steps, "budget-2027", 60);
    discussion(&mut steps, "programme-review", 2);
    ranking(&mut steps, 24);
    discussion(&mut steps, "ga-preparation", 1);
    notes(&mut steps, 30);
    discussion(&mut steps, "aob", 1);
    notes(&mut steps, 35);
    steps.push(Step::one("close-meeting"));
    steps
}

/// Open, motion, every vote, `changes` vote changes (one member at a
/// time, each to a new choice), a note, close.
fn decision(steps: &mut Vec<Step>, item: &str, changes: usize) {
    steps.push(Step::many(
        &format!("open {item} , motion {item} Approve {item}"),
        2,
    ));
    let mut choices = ["yes", "yes", "no", "yes", "abstain", "yes"];
    let pairs: Vec<String> = VOTERS
        .iter()
        .zip(choices)
        .map(|(m, c)| format!("{m}={c}"))
        .collect();
    steps.push(Step::many(
        &format!("vote {item} {}", pairs.join(" ")),
        VOTERS.len(),
    ));
    for i in 0..changes {
        let who = i % VOTERS.len();
        let next = match choices[who] {
            "yes" => "no",
            "no" => "abstain",
            _ => "yes",
        };
        choices[who] = next;
        steps.push(Step::one(&format!("change {item} {} {next}", VOTERS[who])));
    }
    steps.push(Step::many(&format!("note {item} done , close {item}"), 2));
}

/// Open, `chains` multi-page chains of 40 notes with single notes between
/// them, close.
fn discussion(steps: &mut Vec<Step>, item: &str, chains: usize) {
    steps.push(Step::one(&format!("open {item}")));
    for c in 0..chains {
        steps.push(Step::one(&format!("note {item} before chain {c}")));
        steps.push(Step::chain(&format!("{item}-chain-{c}"), 40));
    }
    steps.push(Step::one(&format!("close {item}")));
}

/// The ranking item: every voter's ballot, then `changes` ballot changes
/// alternating between two rankings.
fn ranking(steps: &mut Vec<Step>, changes: usize) {
    let item = "priorities-2027";
    let first = "climate-adaptation public-health ocean-systems";
    let second = "ocean-systems energy-transition food-security";
    steps.push(Step::one(&format!("open {item}")));
    for voter in VOTERS {
        steps.push(Step::one(&format!("ballot {item} {voter} {first}")));
    }
    let mut current = [first; 6];
    for i in 0..changes {
        let who = i % VOTERS.len();
        current[who] = if current[who] == first { second } else { first };
        steps.push(Step::one(&format!(
            "change-ballot {item} {} {}",
            VOTERS[who], current[who]
        )));
    }
    steps.push(Step::one(&format!("close {item}")));
}
