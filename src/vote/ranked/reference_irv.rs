//! Instant-runoff read straight from docs/tally.md, for the property tests
//! (see `reference.rs`): rounds of first continuing preferences, the
//! fewest eliminated (all options without votes together), ties for
//! elimination broken backwards round by round, sequential for more seats.

use super::reference::{Expected, Raw};

/// Sequential IRV: one count per seat, each without the earlier winners;
/// the earlier winners one tier each, then the last count's tiers. Tiers
/// are compared as sets (the docs order only the top of a count).
pub(super) fn irv(n: usize, seats: usize, raw: &[Raw]) -> Expected {
    let mut out = vec![false; n];
    let mut tiers = Vec::new();
    let mut winners = Vec::new();
    let mut tie_broken = false;
    for seat in 1..=seats {
        let run = count(n, raw, &out);
        tie_broken |= run.tie_broken;
        winners.push(run.winner);
        out[run.winner] = true;
        if seat == seats {
            tiers.extend(run.tiers);
        } else {
            tiers.push(vec![run.winner]);
        }
    }
    Expected {
        tiers,
        winners,
        tie_broken,
        strongest: None,
    }
}

struct Run {
    winner: usize,
    tiers: Vec<Vec<usize>>,
    tie_broken: bool,
}

fn count(n: usize, raw: &[Raw], out: &[bool]) -> Run {
    let mut continuing: Vec<usize> = (0..n).filter(|&o| !out[o]).collect();
    let mut rounds: Vec<Vec<u64>> = Vec::new();
    let mut gone: Vec<Vec<usize>> = Vec::new();
    let mut tie_broken = false;
    loop {
        let mut votes = vec![0u64; n];
        let in_count: Vec<bool> = (0..n).map(|o| continuing.contains(&o)).collect();
        for (w, ranking) in raw {
            if let Some(&o) = ranking.iter().find(|&&o| in_count[o]) {
                votes[o] += u64::from(*w);
            }
        }
        let counted: u64 = continuing.iter().map(|&o| votes[o]).sum();
        let most = continuing.iter().map(|&o| votes[o]).max().unwrap_or(0);
        let fewest = continuing.iter().map(|&o| votes[o]).min().unwrap_or(0);
        rounds.push(votes.clone());
        let majority = 2 * most > counted;
        let level = most == fewest;
        let last_two_level = continuing.len() == 2 && level;
        let all_exhausted = counted == 0;
        if continuing.len() == 1 || majority || last_two_level || all_exhausted {
            break;
        }
        let eliminated = if fewest == 0 {
            continuing
                .iter()
                .copied()
                .filter(|&o| votes[o] == 0)
                .collect()
        } else {
            let tied: Vec<usize> = continuing
                .iter()
                .copied()
                .filter(|&o| votes[o] == fewest)
                .collect();
            tie_broken |= tied.len() > 1;
            vec![backwards(&rounds, tied, false)]
        };
        continuing.retain(|o| !eliminated.contains(o));
        gone.push(eliminated);
    }
    let last = rounds.last().cloned().unwrap_or_default();
    let mut figures: Vec<u64> = continuing.iter().map(|&o| last[o]).collect();
    figures.sort_unstable_by(|a, b| b.cmp(a));
    figures.dedup();
    let mut tiers: Vec<Vec<usize>> = figures
        .iter()
        .map(|&f| {
            continuing
                .iter()
                .copied()
                .filter(|&o| last[o] == f)
                .collect()
        })
        .collect();
    let top = tiers[0].clone();
    tie_broken |= top.len() > 1;
    let winner = backwards(&rounds, top, true);
    tiers[0].retain(|&o| o != winner);
    tiers[0].insert(0, winner);
    tiers.extend(gone.into_iter().rev());
    Run {
        winner,
        tiers,
        tie_broken,
    }
}

/// Among `tied`, going back round by round, keep those with the fewest
/// (`most`: the most) votes until one is left; if several never differ,
/// the later (`most`: the earlier) in the option list.
fn backwards(rounds: &[Vec<u64>], mut tied: Vec<usize>, most: bool) -> usize {
    for votes in rounds.iter().rev() {
        let pick = if most {
            tied.iter().map(|&o| votes[o]).max()
        } else {
            tied.iter().map(|&o| votes[o]).min()
        };
        tied.retain(|&o| Some(votes[o]) == pick);
    }
    if most { tied[0] } else { tied[tied.len() - 1] }
}
