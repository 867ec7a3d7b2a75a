//! Turning per-option figures into tiers, winners and a tie-break sentence.

use std::fmt::Display;

/// A secondary figure consulted, highest first, before the option order.
pub(super) struct Secondary<'a> {
    /// What the minutes call it, e.g. "Borda points".
    pub name: &'static str,
    /// One value per option.
    pub values: &'a [u64],
}

/// Options in tiers, each tier already in tie-break order.
pub(super) struct Ordered {
    pub tiers: Vec<Vec<usize>>,
    pub tie_broken: bool,
    pub tie_break: Option<String>,
}

/// Orders options by `primary` (higher is better): equal primaries share a
/// tier, then [`settle`] orders each tier and breaks a straddling tie.
pub(super) fn order<K: Ord + Copy + Display>(
    label: &str,
    primary: &[K],
    secondary: Option<Secondary<'_>>,
    seats: usize,
    options: &[String],
) -> Ordered {
    let mut sorted: Vec<usize> = (0..primary.len()).collect();
    sorted.sort_by(|&a, &b| primary[b].cmp(&primary[a]).then(a.cmp(&b)));
    let tiers: Vec<Vec<usize>> = sorted
        .chunk_by(|&a, &b| primary[a] == primary[b])
        .map(<[usize]>::to_vec)
        .collect();
    let tied = |tier: &[usize], _place: usize| {
        format!(
            "{} tied on {label} ({})",
            names(options, tier),
            primary[tier[0]]
        )
    };
    settle(tiers, tied, secondary, seats, options)
}

/// Takes tiers already built by a method's definition (best first) and
/// orders each one by the secondary figure (higher first), then by the
/// option order (earlier first). A tie counts as broken only when a tier
/// straddles the last seat; `tied(tier, place)` then says why the tier's
/// options are level (`place` is the tier's first place, from 1).
pub(super) fn settle(
    mut tiers: Vec<Vec<usize>>,
    tied: impl Fn(&[usize], usize) -> String,
    secondary: Option<Secondary<'_>>,
    seats: usize,
    options: &[String],
) -> Ordered {
    let second = |o: usize| secondary.as_ref().map_or(0, |s| s.values[o]);
    for tier in &mut tiers {
        tier.sort_by(|&a, &b| second(b).cmp(&second(a)).then(a.cmp(&b)));
    }
    let mut start = 0;
    let mut tie_break = None;
    for tier in &tiers {
        let elected = seats.saturating_sub(start);
        if elected > 0 && elected < tier.len() {
            let why = tied(tier, start + 1);
            tie_break = Some(explain(why, tier, elected, secondary.as_ref(), options));
        }
        start += tier.len();
    }
    Ordered {
        tiers,
        tie_broken: tie_break.is_some(),
        tie_break,
    }
}

/// "a and b tied on first preferences (5); ordered by Borda points (a 9,
/// b 7); a is elected".
fn explain(
    tied: String,
    tier: &[usize],
    elected: usize,
    secondary: Option<&Secondary<'_>>,
    options: &[String],
) -> String {
    let by_order = "their order in the options list (earlier first)";
    let criterion = match secondary {
        Some(s) => {
            let figures: Vec<String> = tier
                .iter()
                .map(|&o| format!("{} {}", options[o], s.values[o]))
                .collect();
            let mut c = format!("ordered by {} ({})", s.name, figures.join(", "));
            if s.values[tier[elected - 1]] == s.values[tier[elected]] {
                c.push_str(", then by ");
                c.push_str(by_order);
            }
            c
        }
        None => format!("ordered by {by_order}"),
    };
    let verb = if elected == 1 { "is" } else { "are" };
    format!(
        "{tied}; {criterion}; {} {verb} elected",
        names(options, &tier[..elected])
    )
}

/// "a", "a and b", "a, b and c".
pub(super) fn names(options: &[String], list: &[usize]) -> String {
    let names: Vec<&str> = list.iter().map(|&o| options[o].as_str()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
