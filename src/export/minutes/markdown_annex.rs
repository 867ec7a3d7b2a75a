//! The annexes at the end of the Markdown minutes: the figures behind each
//! ranking (the pairwise table of Schulze and Copeland, the rounds of an
//! instant-runoff count) and the corrections made while the meeting was
//! open.

use super::escape::inline;
use super::markdown::{Out, code};
use super::model::{ItemMinutes, Minutes};
use crate::vote::ranked::{Figures, OptionMap};

/// Every annex the minutes need, each only when it has something to say.
pub(super) fn annexes(out: &mut Out, m: &Minutes) {
    for item in &m.items {
        ranking_figures(out, item);
    }
    if !m.corrections.is_empty() {
        out.para("## Annex: corrections and amendments");
        out.para("The original lines stay in the journal; these events changed what they count for.");
        let lines: Vec<String> = m
            .corrections
            .iter()
            .map(|c| format!("#{}: {}", c.seq, inline(&c.text)))
            .collect();
        out.list(&lines);
    }
}

fn ranking_figures(out: &mut Out, item: &ItemMinutes) {
    let Some(result) = item.ranking.as_ref().and_then(|r| r.result.as_ref()) else {
        return;
    };
    match &result.details.figures {
        Figures::Schulze { pairwise, .. } | Figures::Copeland { pairwise, .. } => {
            out.para(&format!(
                "## Annex: pairwise table, item {}. {}",
                item.number,
                inline(&item.title)
            ));
            out.para("Each cell is the weight of the ballots preferring the row's option to the column's.");
            pairwise_table(out, pairwise);
        }
        Figures::Irv { runs } => {
            out.para(&format!(
                "## Annex: counting rounds, item {}. {}",
                item.number,
                inline(&item.title)
            ));
            for run in runs {
                out.para(&format!("**Seat {}**, won by {}", run.seat, code(&run.winner)));
                let rows: Vec<Vec<String>> = run
                    .rounds
                    .iter()
                    .enumerate()
                    .map(|(i, round)| {
                        let counts: Vec<String> = round
                            .counts
                            .0
                            .iter()
                            .map(|(o, n)| format!("{} {n}", code(o)))
                            .collect();
                        let eliminated: Vec<String> =
                            round.eliminated.iter().map(|o| code(o)).collect();
                        vec![
                            (i + 1).to_string(),
                            counts.join(", "),
                            round.exhausted.to_string(),
                            eliminated.join(", "),
                        ]
                    })
                    .collect();
                out.table(
                    &["Round", "Votes", "Exhausted", "Eliminated"],
                    &[true, false, true, false],
                    &rows,
                );
            }
        }
        Figures::Points { .. } => {}
    }
}

fn pairwise_table(out: &mut Out, pairwise: &OptionMap<OptionMap<u64>>) {
    let options: Vec<&str> = pairwise.0.iter().map(|(o, _)| o.as_str()).collect();
    let mut head = vec![String::new()];
    head.extend(options.iter().map(|o| code(o)));
    let rows: Vec<Vec<String>> = pairwise
        .0
        .iter()
        .map(|(row, cells)| {
            let mut line = vec![code(row)];
            line.extend(options.iter().map(|col| {
                cells
                    .get(col)
                    .map_or_else(|| "–".to_owned(), ToString::to_string)
            }));
            line
        })
        .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let right: Vec<bool> = (0..head.len()).map(|i| i > 0).collect();
    out.table(&head, &right, &rows);
}
