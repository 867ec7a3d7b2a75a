//! The item in front of the meeting: a decision's motion, live weighted
//! tally and, once closed, its outcome with the figures behind it; a
//! ranking's ballots and live result; any item's notes.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::actions_panel::action_line;
use super::{Loaded, MeetingRoom};
use crate::actions::ActionItem;
use crate::agenda::{Item, ItemKind};
use crate::meeting::{Context, ItemState, decide_item, rank_item, still_to_vote};
use crate::tui::action::Action;
use crate::tui::format::shown;
use crate::tui::keymap::{MEETING, keys_for};
use crate::tui::theme::Theme;

/// What the item panel draws in one frame: `item` (the open item, else the
/// selected one) with the action items agreed on it, then the notes on the
/// meeting as a whole, scrolled down by `scroll` lines.
pub struct ItemView<'a> {
    /// The terms the meeting is judged by.
    pub ctx: &'a Context<'a>,
    /// The meeting as its journal says.
    pub loaded: &'a Loaded,
    /// The item shown.
    pub item: &'a Item,
    /// The action items agreed on it.
    pub actions: &'a [&'a ActionItem],
    /// Now, from the injected clock.
    pub now: DateTime<Utc>,
    /// The styles.
    pub theme: &'a Theme,
    /// Lines scrolled off the top (`PgDn`), at most until the last line
    /// is at the bottom.
    pub scroll: u16,
    /// Told how far the panel can scroll at this size.
    pub room: &'a MeetingRoom,
}

impl Widget for &ItemView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ctx, loaded, item, theme) = (self.ctx, self.loaded, self.item, self.theme);
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
            ItemKind::Decision | ItemKind::MinutesApproval => {
                let key = item.rule.as_deref().unwrap_or("default");
                let name = ctx.body.rules.get(key).map_or("no such rule", |r| r.name());
                format!(" · rule {key} ({name})")
            }
            ItemKind::Ranking => item.ranking.as_ref().map_or(String::new(), |r| {
                format!(" · {} · {} seat(s)", r.method.name(), r.seats)
            }),
            _ => String::new(),
        };
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
        // Every kind of item shows what the agenda says about it: a
        // decision is voted on with its background in view.
        if let Some(d) = &item.description {
            lines.extend(
                d.lines()
                    .map(|l| Line::from(Span::styled(shown(l), theme.muted))),
            );
        }
        match item.kind {
            ItemKind::Decision | ItemKind::MinutesApproval => {
                decision_lines(ctx, loaded, item, state, theme, &mut lines)
            }
            ItemKind::Ranking => ranking_lines(ctx, loaded, item, state, theme, &mut lines),
            _ => {}
        }
        for note in &state.notes {
            lines.push(Line::from(vec![
                Span::styled("Note: ", theme.muted),
                Span::raw(shown(note)),
            ]));
        }
        for action in self.actions {
            let mut line = action_line(action, self.now, theme);
            line.spans.insert(0, Span::styled("Action ", theme.key));
            lines.push(line);
        }
        for note in &loaded.state.notes {
            lines.push(Line::from(vec![
                Span::styled("Meeting note: ", theme.muted),
                Span::raw(shown(note)),
            ]));
        }
        let mut block = Block::bordered()
            .title(format!(
                " {} · {}{rule} · {where_} ",
                item.id,
                item.kind.name()
            ))
            .border_style(theme.border);
        let inner = block.inner(area);
        let total = wrapped_height(&lines, inner.width);
        let last = total.saturating_sub(inner.height);
        self.room.set_item_last(last);
        let scroll = self.scroll.min(last);
        let (up, down) = (
            keys_for(MEETING, Action::PageUp),
            keys_for(MEETING, Action::PageDown),
        );
        let more = match (scroll > 0, total > scroll.saturating_add(inner.height)) {
            (true, true) => Some(format!(" more: {up} {down} ")),
            (true, false) => Some(format!(" more above: {up} ")),
            (false, true) => Some(format!(" more below: {down} ")),
            (false, false) => None,
        };
        if let Some(more) = more {
            block = block.title_bottom(Line::from(Span::styled(more, theme.key)).left_aligned());
        }
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0))
            .render(area, buf);
    }
}

/// How many rows `lines` take wrapped at `width` (a word wrapped early can
/// take one more; the panel then says there is more when there is not).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
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
            let put = keys_for(MEETING, Action::EditMotion);
            let hint = if state.opened {
                format!("No motion yet: press {put} to put one.")
            } else {
                let open = keys_for(MEETING, Action::OpenItem);
                format!("No motion yet: open the item ({open}) and press {put} to put one.")
            };
            lines.push(Line::from(Span::styled(hint, theme.muted)));
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
            format!(
                " · not voted {}",
                members_and_weight(ctx, &outcome.not_voted)
            ),
            theme.muted,
        ),
    ]));
    if !outcome.recused.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "Recused {}: {}",
                members_and_weight(ctx, &outcome.recused),
                outcome.recused.join(", ")
            ),
            theme.muted,
        )));
    }
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

/// "3 members, weight 4": how many of the body's members `ids` are, and
/// their voting weight, so a count is never mistaken for the other.
fn members_and_weight(ctx: &Context, ids: &[String]) -> String {
    let weight: u64 = ctx
        .charter
        .members_of(ctx.body)
        .filter(|m| ids.contains(&m.id))
        .map(|m| u64::from(m.voting_weight()))
        .sum();
    let noun = if ids.len() == 1 { "member" } else { "members" };
    format!("{} {noun}, weight {weight}", ids.len())
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
            let ballot = keys_for(MEETING, Action::EditBallot);
            lines.push(Line::from(Span::styled(
                format!("Select a member and press {ballot} to enter its ballot."),
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
