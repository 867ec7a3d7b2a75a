//! The item in front of the meeting: a decision's motion, live weighted
//! tally and, once closed, its outcome with the figures behind it; a
//! ranking's ballots and live result; any item's notes.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::Loaded;
use super::actions_panel::action_line;
use crate::actions::ActionItem;
use crate::agenda::{Item, ItemKind};
use crate::meeting::{Context, ItemState, decide_item, rank_item, still_to_vote};
use crate::tui::format::shown;
use crate::tui::theme::Theme;

/// Draws `item` (the open item, else the selected one) into `area`, with
/// the action items agreed on it.
#[allow(clippy::too_many_arguments)]
pub fn render(
    ctx: &Context,
    loaded: &Loaded,
    item: &Item,
    actions: &[&ActionItem],
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let empty = ItemState::default();
    let state = loaded.state.item(&item.id).unwrap_or(&empty);
    let where_ = if state.closed {
        "closed"
    } else if state.opened {
        "open"
    } else {
        "not opened"
    };
    let rule = match item.kind {
        ItemKind::Decision => {
            let key = item.rule.as_deref().unwrap_or("default");
            let name = ctx.body.rules.get(key).map_or("no such rule", |r| r.name());
            format!(" · rule {key} ({name})")
        }
        ItemKind::Ranking => item.ranking.as_ref().map_or(String::new(), |r| {
            format!(" · {} · {} seat(s)", r.method.name(), r.seats)
        }),
        _ => String::new(),
    };
    let block = Block::bordered()
        .title(format!(
            " {} · {}{rule} · {where_} ",
            item.id,
            item.kind.name()
        ))
        .border_style(theme.border);
    let mut lines = vec![Line::from(Span::styled(shown(&item.title), theme.header))];
    if let Some(torn) = &loaded.torn {
        lines.push(Line::from(Span::styled(
            format!(
                "The journal's line {} was cut short by a crash; the events before it are kept.",
                torn.line
            ),
            theme.warning,
        )));
    }
    match item.kind {
        ItemKind::Decision => decision_lines(ctx, loaded, item, state, theme, &mut lines),
        ItemKind::Ranking => ranking_lines(ctx, loaded, item, state, theme, &mut lines),
        _ => {
            if let Some(d) = &item.description {
                lines.extend(
                    d.lines()
                        .map(|l| Line::from(Span::styled(shown(l), theme.muted))),
                );
            }
        }
    }
    for note in &state.notes {
        lines.push(Line::from(vec![
            Span::styled("Note: ", theme.muted),
            Span::raw(shown(note)),
        ]));
    }
    for action in actions {
        let mut line = action_line(action, now, theme);
        line.spans.insert(0, Span::styled("Action ", theme.key));
        lines.push(line);
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn decision_lines(
    ctx: &Context,
    loaded: &Loaded,
    item: &Item,
    state: &ItemState,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    match &state.motion {
        Some(motion) => lines.push(Line::from(vec![
            Span::styled("Motion: ", theme.key),
            Span::raw(shown(motion)),
        ])),
        None if state.closed => lines.push(Line::from("No motion was put.")),
        None => {
            lines.push(Line::from(Span::styled(
                "No motion yet: open the item and press t to put one.",
                theme.muted,
            )));
            return;
        }
    }
    let outcome = match decide_item(ctx, &loaded.state, item) {
        Some(Ok(outcome)) => outcome,
        Some(Err(e)) => {
            lines.push(Line::from(Span::styled(e.to_string(), theme.warning)));
            return;
        }
        None => return,
    };
    if state.closed {
        let (word, style) = if outcome.passed {
            ("ADOPTED ", theme.working)
        } else {
            ("NOT ADOPTED ", theme.warning)
        };
        lines.push(Line::from(vec![
            Span::styled(word, style),
            Span::raw(outcome.summary()),
        ]));
        lines.push(Line::from(format!("Because {}.", outcome.explanation())));
        lines.push(Line::from(format!(
            "Quorum: {}.",
            outcome.quorum_sentence()
        )));
        return;
    }
    let count = |c: crate::vote::decision::Count| format!("{} ({})", c.weight, c.members);
    lines.push(Line::from(vec![
        Span::styled(format!("Yes {}", count(outcome.yes)), theme.working),
        Span::raw(" · "),
        Span::styled(format!("No {}", count(outcome.no)), theme.warning),
        Span::raw(format!(" · Abstain {}", count(outcome.abstain))),
        Span::styled(
            format!(" · not voted {}", outcome.not_voted.len()),
            theme.muted,
        ),
    ]));
    let (word, style) = if outcome.passed {
        ("would pass", theme.working)
    } else {
        ("would fail", theme.warning)
    };
    lines.push(Line::from(vec![
        Span::raw(format!(
            "Needs {} ({}) → ",
            outcome.threshold.describe(),
            outcome.rule.name()
        )),
        Span::styled(word, style),
        Span::raw(format!(": {}", outcome.explanation())),
    ]));
    lines.push(Line::from(Span::styled(
        format!("Quorum: {}", outcome.quorum_sentence()),
        theme.muted,
    )));
}

fn ranking_lines(
    ctx: &Context,
    loaded: &Loaded,
    item: &Item,
    state: &ItemState,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let missing = still_to_vote(ctx, &loaded.state, item);
    let mut ballots = format!("Ballots: {}", state.ballots.len());
    if !state.closed && !missing.is_empty() {
        ballots.push_str(&format!(" · still to vote: {}", missing.join(", ")));
    }
    lines.push(Line::from(ballots));
    if state.ballots.is_empty() {
        if !state.closed {
            lines.push(Line::from(Span::styled(
                "Select a member and press b to enter its ballot.",
                theme.muted,
            )));
        }
        return;
    }
    match rank_item(ctx, &loaded.state, item) {
        Some(Ok(outcome)) => {
            let result = &outcome.result;
            let label = if state.closed {
                "Result: "
            } else {
                "Leading: "
            };
            lines.push(Line::from(vec![
                Span::styled(label, theme.key),
                Span::styled(result.winners.join(", "), theme.working),
                Span::raw(format!(" (weight {})", result.weight)),
            ]));
            if !outcome.quorum.met {
                lines.push(Line::from(Span::styled(outcome.summary(), theme.warning)));
            }
            let tiers: Vec<String> = result
                .ranking
                .iter()
                .enumerate()
                .map(|(n, tier)| format!("{}. {}", n + 1, tier.join(" = ")))
                .collect();
            lines.push(Line::from(format!("Ranking: {}", tiers.join("  "))));
            if let Some(tie) = &result.details.tie_break {
                lines.push(Line::from(Span::styled(tie.clone(), theme.off_hours)));
            }
        }
        Some(Err(e)) => lines.push(Line::from(Span::styled(e.to_string(), theme.warning))),
        None => {}
    }
}
