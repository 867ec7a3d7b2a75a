//! Instant-runoff voting, sequential for several seats (see the module
//! docs of [`super`] for the exact rules and tie-breaks).

use std::cmp::Ordering;

use super::order::{Ordered, names};
use super::profile::Profile;
use super::result::{Figures, IrvRound, IrvRun, OptionMap};

/// One run per seat, each without the earlier winners.
pub(super) fn irv(profile: &Profile, seats: usize, options: &[String]) -> (Ordered, Figures) {
    let mut excluded = vec![false; profile.n];
    let mut tiers: Vec<Vec<usize>> = Vec::new();
    let mut runs = Vec::new();
    let mut notes = Vec::new();
    for seat in 1..=seats {
        let Some(run) = count(profile, &excluded, options) else {
            break;
        };
        let prefix = if seats > 1 {
            format!("seat {seat}: ")
        } else {
            String::new()
        };
        notes.extend(run.notes.iter().map(|n| format!("{prefix}{n}")));
        excluded[run.winner] = true;
        runs.push(IrvRun {
            seat,
            winner: options[run.winner].clone(),
            rounds: run.rounds,
        });
        if seat == seats {
            tiers.extend(run.tiers);
        } else {
            tiers.push(vec![run.winner]);
        }
    }
    let ordered = Ordered {
        tiers,
        tie_broken: !notes.is_empty(),
        tie_break: (!notes.is_empty()).then(|| notes.join("; ")),
    };
    (ordered, Figures::Irv { runs })
}

struct Run {
    winner: usize,
    tiers: Vec<Vec<usize>>,
    rounds: Vec<IrvRound>,
    notes: Vec<String>,
}

/// One instant-runoff count over the options not `excluded`.
fn count(profile: &Profile, excluded: &[bool], options: &[String]) -> Option<Run> {
    let mut continuing: Vec<bool> = excluded.iter().map(|e| !e).collect();
    let mut history: Vec<Vec<u64>> = Vec::new();
    let mut rounds = Vec::new();
    let mut eliminated: Vec<Vec<usize>> = Vec::new();
    let mut notes = Vec::new();
    loop {
        let (counts, exhausted) = first_choices(profile, &continuing);
        let cont: Vec<usize> = (0..profile.n).filter(|&o| continuing[o]).collect();
        let total: u128 = cont.iter().map(|&o| u128::from(counts[o])).sum();
        rounds.push(IrvRound {
            counts: OptionMap(
                cont.iter()
                    .map(|&o| (options[o].clone(), counts[o]))
                    .collect(),
            ),
            exhausted,
            eliminated: Vec::new(),
        });
        history.push(counts);
        let counts = &history[history.len() - 1];
        let max = cont.iter().map(|&o| counts[o]).max()?;
        let min = cont.iter().map(|&o| counts[o]).min()?;
        let all_level = min == max;
        if cont.len() == 1
            || 2 * u128::from(max) > total
            || all_level && (cont.len() == 2 || total == 0)
        {
            break;
        }
        let out: Vec<usize> = if min == 0 {
            // Nobody's vote moves when an option without votes goes.
            cont.iter().copied().filter(|&o| counts[o] == 0).collect()
        } else {
            let mut lowest: Vec<usize> =
                cont.iter().copied().filter(|&o| counts[o] == min).collect();
            lowest.sort_by(|&a, &b| backwards(&history, a, b));
            let worst = lowest[lowest.len() - 1];
            if lowest.len() > 1 {
                notes.push(elimination_note(&history, &lowest, min, options));
            }
            vec![worst]
        };
        for &o in &out {
            continuing[o] = false;
        }
        if let Some(round) = rounds.last_mut() {
            round.eliminated = out.iter().map(|&o| options[o].clone()).collect();
        }
        eliminated.push(out);
    }
    let last = history.last()?;
    let mut cont: Vec<usize> = (0..profile.n).filter(|&o| continuing[o]).collect();
    cont.sort_by(|&a, &b| {
        last[b]
            .cmp(&last[a])
            .then_with(|| backwards(&history, a, b))
    });
    let mut tiers: Vec<Vec<usize>> = cont
        .chunk_by(|&a, &b| last[a] == last[b])
        .map(<[usize]>::to_vec)
        .collect();
    if let Some(top) = tiers.first().filter(|t| t.len() > 1) {
        notes.push(top_note(&history, top, options));
    }
    let winner = *tiers.first()?.first()?;
    tiers.extend(eliminated.into_iter().rev());
    Some(Run {
        winner,
        tiers,
        rounds,
        notes,
    })
}

/// Weight of ballots per highest continuing option, and exhausted weight.
fn first_choices(profile: &Profile, continuing: &[bool]) -> (Vec<u64>, u64) {
    let mut counts = vec![0u64; profile.n];
    let mut exhausted = 0u64;
    for (ranking, w) in profile.rankings() {
        match ranking.iter().find(|&&o| continuing[o]) {
            Some(&o) => counts[o] = counts[o].saturating_add(w),
            None => exhausted = exhausted.saturating_add(w),
        }
    }
    (counts, exhausted)
}

/// Better first: more votes in the latest round where the two differ, then
/// earlier in the option list.
fn backwards(history: &[Vec<u64>], a: usize, b: usize) -> Ordering {
    history
        .iter()
        .rev()
        .map(|c| c[b].cmp(&c[a]))
        .find(|o| o.is_ne())
        .unwrap_or_else(|| a.cmp(&b))
}

/// The reason the last of `sorted` (best first) lost against the one
/// before it.
fn decided_by(history: &[Vec<u64>], sorted: &[usize], options: &[String], more: bool) -> String {
    let (Some(&worse), Some(&better)) = (sorted.last(), sorted.iter().rev().nth(1)) else {
        return String::new();
    };
    let round = history.iter().rposition(|c| c[worse] != c[better]);
    match round {
        Some(r) => {
            let c = &history[r];
            let (a, b) = if more {
                (better, worse)
            } else {
                (worse, better)
            };
            format!(
                "having {} votes in round {} ({} {}, {} {})",
                if more { "more" } else { "fewer" },
                r + 1,
                options[a],
                c[a],
                options[b],
                c[b]
            )
        }
        None if more => "being listed earlier among the options".to_owned(),
        None => "being listed later among the options".to_owned(),
    }
}

fn elimination_note(
    history: &[Vec<u64>],
    lowest: &[usize],
    min: u64,
    options: &[String],
) -> String {
    let worst = lowest.last().map_or("", |&o| options[o].as_str());
    format!(
        "round {}: {} tied for fewest votes ({min}); {worst} eliminated, {}",
        history.len(),
        names(options, lowest),
        decided_by(history, lowest, options, false)
    )
}

fn top_note(history: &[Vec<u64>], top: &[usize], options: &[String]) -> String {
    let votes = history.last().map_or(0, |c| c[top[0]]);
    let pair = &top[..2.min(top.len())];
    format!(
        "{} level at {votes} in the final round; {} placed first, {}",
        names(options, top),
        options[top[0]],
        decided_by(history, pair, options, true)
    )
}
