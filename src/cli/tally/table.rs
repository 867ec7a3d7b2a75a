//! The readable form of a tally: what a secretary reads out and a sceptical
//! member checks. The ranking with each option's figure, the winners, how a
//! tie was broken, then the evidence: the pairwise matrix for Condorcet
//! methods, the rounds for instant-runoff.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use plenary::vote::ranked::{Figures, IrvRun, Method, OptionMap, RankingResult};

/// The whole table, ending with a newline.
pub fn render(r: &RankingResult) -> String {
    let mut out = String::new();
    let seats = r.winners.len();
    let _ = writeln!(out, "{}", headline(r.method));
    let _ = writeln!(
        out,
        "{} ballot{}, total weight {}; {seats} seat{}",
        r.ballots,
        plural(r.ballots),
        r.weight,
        plural(seats)
    );
    out.push('\n');
    ranking(&mut out, r);
    let elected: Vec<Cow<str>> = r.winners.iter().map(|w| shown(w)).collect();
    let _ = writeln!(out, "\nElected: {}", elected.join(", "));
    if let Some(how) = &r.details.tie_break {
        let _ = writeln!(out, "Tie broken: {}.", shown(how));
    }
    match &r.details.figures {
        Figures::Schulze {
            pairwise,
            strongest_paths,
        } => {
            let order = ranked_options(r);
            out.push_str("\nPairwise preferences (weight preferring the row to the column):\n");
            matrix(&mut out, &order, pairwise);
            out.push_str("\nStrongest beat-paths (on margins; row beats column when its path is stronger):\n");
            matrix(&mut out, &order, strongest_paths);
        }
        Figures::Copeland { pairwise, .. } => {
            out.push_str("\nPairwise preferences (weight preferring the row to the column):\n");
            matrix(&mut out, &ranked_options(r), pairwise);
        }
        Figures::Irv { runs } => {
            for run in runs {
                rounds(&mut out, run, runs.len() > 1);
            }
        }
        Figures::Points { .. } => {}
    }
    out
}

fn headline(method: Method) -> &'static str {
    match method {
        Method::Plurality => "Plurality: most first preferences",
        Method::Approval => "Approval: most approvals",
        Method::Borda => "Borda count: n-1 points for a first place down to 0 for the last",
        Method::Irv => "Instant-runoff: the option with the fewest votes is eliminated each round",
        Method::Schulze => "Schulze: strongest beat-paths on pairwise margins",
        Method::Copeland => "Copeland: pairwise wins minus pairwise losses",
        Method::Score => "Score: highest total of the 0-10 scores",
    }
}

/// Tiers numbered by place; options sharing a tier share its place, marked
/// `=`. Winners are marked with their seat.
fn ranking(out: &mut String, r: &RankingResult) {
    let (label, figures) = figures(r);
    let names: Vec<&String> = r.ranking.iter().flatten().collect();
    let width = |texts: &mut dyn Iterator<Item = &str>| texts.map(|t| t.chars().count()).max();
    let name_w = names
        .iter()
        .map(|n| shown(n).chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let fig_w = width(&mut figures.values().map(|f| f.0.as_str()))
        .unwrap_or(0)
        .max(label.len());
    let note_w = width(&mut figures.values().map(|f| f.1.as_str())).unwrap_or(0);
    let _ = writeln!(
        out,
        "{:>5}  {:<name_w$}  {:>fig_w$}",
        "place", "option", label
    );
    let mut place = 1;
    let mut seat = 0;
    for tier in &r.ranking {
        let mark = if tier.len() > 1 {
            format!("{place}=")
        } else {
            place.to_string()
        };
        for option in tier {
            let (figure, note) = figures
                .get(option.as_str())
                .map_or(("", ""), |(f, n)| (f.as_str(), n.as_str()));
            let elected = if r.winners.get(seat) == Some(option) {
                seat += 1;
                if r.winners.len() == 1 {
                    "elected".to_owned()
                } else {
                    format!("elected, seat {seat}")
                }
            } else {
                String::new()
            };
            let option = shown(option);
            let mut line = format!("{mark:>5}  {option:<name_w$}  {figure:>fig_w$}");
            if note_w > 0 {
                let _ = write!(line, "  {note:<note_w$}");
            }
            let _ = write!(line, "  {elected}");
            let _ = writeln!(out, "{}", line.trim_end());
        }
        place += tier.len();
    }
}

/// Each option's figure as the method counts it, and a note beside it.
type Cells<'a> = HashMap<&'a str, (String, String)>;

/// The column label and each option's figure.
fn figures(r: &RankingResult) -> (&'static str, Cells<'_>) {
    match &r.details.figures {
        Figures::Points { points } => {
            let label = match r.method {
                Method::Plurality => "first preferences",
                Method::Approval => "approvals",
                Method::Score => "total score",
                _ => "Borda points",
            };
            (label, each(points, |p| (p.to_string(), String::new())))
        }
        Figures::Schulze {
            strongest_paths, ..
        } => {
            // How many options each one beats by beat-path: the figure the
            // Schulze order is made of.
            let beats = strongest_paths
                .0
                .iter()
                .map(|(x, row)| {
                    let n = row
                        .0
                        .iter()
                        .filter(|(y, p)| {
                            let back = strongest_paths
                                .get(y)
                                .and_then(|r| r.get(x))
                                .copied()
                                .unwrap_or(0);
                            *p > back
                        })
                        .count();
                    (x.as_str(), (n.to_string(), String::new()))
                })
                .collect();
            ("options beaten", beats)
        }
        Figures::Copeland { copeland, .. } => (
            "score",
            each(copeland, |c| {
                let note = format!("{} won, {} lost, {} level", c.wins, c.losses, c.ties);
                let score = if c.score == 0 {
                    "0".to_owned()
                } else {
                    format!("{:+}", c.score)
                };
                (score, note)
            }),
        ),
        Figures::Irv { runs } => ("votes", irv_counts(runs)),
    }
}

fn each<T>(map: &OptionMap<T>, show: impl Fn(&T) -> (String, String)) -> Cells<'_> {
    map.0.iter().map(|(o, v)| (o.as_str(), show(v))).collect()
}

/// An option's votes in the last round it took part in, in the run that
/// placed it: its own run for an earlier seat's winner, the last run for
/// everyone else. Options never counted keep an empty cell.
fn irv_counts(runs: &[IrvRun]) -> Cells<'_> {
    let mut out = HashMap::new();
    let Some(last) = runs.last() else {
        return out;
    };
    for run in runs {
        let earlier_winner = run.seat != last.seat;
        for (i, round) in run.rounds.iter().enumerate() {
            for (option, count) in &round.counts.0 {
                if earlier_winner && *option != run.winner {
                    continue;
                }
                let note = if round.eliminated.contains(option) {
                    format!("eliminated in round {}", i + 1)
                } else if earlier_winner {
                    format!("final round, seat {}", run.seat)
                } else {
                    "final round".to_owned()
                };
                out.insert(option.as_str(), (count.to_string(), note));
            }
        }
    }
    out
}

/// Options best first, for matrices that read as "upper right = wins".
fn ranked_options(r: &RankingResult) -> Vec<&str> {
    r.ranking.iter().flatten().map(String::as_str).collect()
}

/// A square matrix with numbered rows and columns, so long option names do
/// not widen every column.
fn matrix(out: &mut String, order: &[&str], cells: &OptionMap<OptionMap<u64>>) {
    let value = |x: &str, y: &str| cells.get(x).and_then(|row| row.get(y)).copied();
    let widest = order
        .iter()
        .flat_map(|x| order.iter().filter_map(move |y| value(x, y)))
        .map(|v| v.to_string().len())
        .max()
        .unwrap_or(1);
    let cell_w = widest.max(order.len().to_string().len()) + 2;
    let index_w = order.len().to_string().len();
    let name_w = order
        .iter()
        .map(|n| shown(n).chars().count())
        .max()
        .unwrap_or(0);
    let mut head = format!("  {:index_w$}  {:name_w$}", "", "");
    for i in 1..=order.len() {
        let _ = write!(head, "{i:>cell_w$}");
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for (i, x) in order.iter().enumerate() {
        let mut line = format!("  {:>index_w$}  {:<name_w$}", i + 1, shown(x));
        for y in order {
            let cell = if x == y {
                "-".to_owned()
            } else {
                value(x, y).map_or_else(String::new, |v| v.to_string())
            };
            let _ = write!(line, "{cell:>cell_w$}");
        }
        let _ = writeln!(out, "{line}");
    }
}

/// The count round by round: options in the first round's order, a blank
/// once eliminated, then the exhausted weight and who went out.
fn rounds(out: &mut String, run: &IrvRun, several: bool) {
    let seat = if several {
        format!(" for seat {}", run.seat)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "\nRounds{seat} (votes per option; blank once eliminated):"
    );
    let Some(first) = run.rounds.first() else {
        return;
    };
    let names: Vec<&str> = first.counts.0.iter().map(|(o, _)| o.as_str()).collect();
    let name_w = names
        .iter()
        .map(|n| shown(n).chars().count())
        .chain(["exhausted".len()])
        .max()
        .unwrap_or(0);
    let widest = run
        .rounds
        .iter()
        .flat_map(|r| r.counts.0.iter().map(|(_, c)| *c).chain([r.exhausted]))
        .map(|c| c.to_string().len())
        .max()
        .unwrap_or(1);
    let cell_w = widest.max(run.rounds.len().to_string().len()) + 2;
    let mut head = format!("  {:name_w$}", "");
    for i in 1..=run.rounds.len() {
        let _ = write!(head, "{i:>cell_w$}");
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for name in &names {
        let mut line = format!("  {:<name_w$}", shown(name));
        for round in &run.rounds {
            let cell = round
                .counts
                .get(name)
                .map_or_else(String::new, u64::to_string);
            let _ = write!(line, "{cell:>cell_w$}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let mut line = format!("  {:<name_w$}", "exhausted");
    for round in &run.rounds {
        let _ = write!(line, "{:>cell_w$}", round.exhausted);
    }
    let _ = writeln!(out, "{line}");
    for (i, round) in run.rounds.iter().enumerate() {
        if !round.eliminated.is_empty() {
            let _ = writeln!(
                out,
                "  round {}: {} eliminated",
                i + 1,
                shown(&round.eliminated.join(", "))
            );
        }
    }
    let _ = writeln!(out, "  {} wins", shown(&run.winner));
}

/// An option name (or text quoting them) as printed: control characters
/// escaped, so that a name cannot drive the terminal or break a row.
fn shown(name: &str) -> Cow<'_, str> {
    plenary::text::escape_control(name)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
