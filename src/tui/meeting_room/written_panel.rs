//! The meeting room showing a written procedure (SPEC 9): the deadline in
//! the alliance's zone and the viewer's, the items with their provisional
//! (or recorded) outcome, who has and has not replied on the selected
//! item, and the outcome's figures. It only lays out what the domain
//! computed (`meeting::written`, `agenda::Deadline`).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::{Focus, Loaded, MeetingRoom};
use crate::agenda::Item;
use crate::meeting::written::{End, WrittenState, provisional};
use crate::meeting::{Context, ItemOutcome};
use crate::tui::theme::Theme;
use crate::vote::decision::Reason;

/// What the written procedure's room draws from.
pub struct WrittenView<'a> {
    /// The room: selections and focus.
    pub room: &'a MeetingRoom,
    /// The procedure's terms.
    pub ctx: &'a Context<'a>,
    /// Its journal as replayed.
    pub loaded: &'a Loaded,
    /// The person looking (a delegate over SSH), if any.
    pub viewer: Option<&'a str>,
    /// Now, from the injected clock.
    pub now: DateTime<Utc>,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for &WrittenView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let members = self.ctx.charter.members_of(self.ctx.body).count();
        let items = self.ctx.agenda.items.len();
        let rows = u16::try_from(members.max(items)).unwrap_or(u16::MAX);
        let middle = rows
            .saturating_add(2)
            .min(area.height.saturating_sub(9).max(3));
        let [head, top, bottom] = Layout::vertical([
            Constraint::Length(5),
            Constraint::Length(middle),
            Constraint::Min(0),
        ])
        .areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(top);
        self.render_head(head, buf);
        self.render_items(left, buf);
        self.render_replies(right, buf);
        self.render_outcome(bottom, buf);
    }
}

impl WrittenView<'_> {
    /// The procedure's state, borrowed: this runs in the draw path.
    fn written(&self) -> &WrittenState {
        static NONE: std::sync::LazyLock<WrittenState> =
            std::sync::LazyLock::new(WrittenState::default);
        self.loaded.state.written().unwrap_or(&NONE)
    }

    fn voters(&self) -> Vec<&crate::charter::Member> {
        self.ctx
            .charter
            .members_of(self.ctx.body)
            .filter(|m| m.voting_weight() > 0)
            .collect()
    }

    fn item(&self) -> Option<&Item> {
        self.ctx.agenda.items.get(self.room.selected_item())
    }

    /// The zone of the viewer's member, from the charter's delegates.
    fn viewer_zone(&self) -> Option<Tz> {
        let person = self.viewer?;
        self.ctx
            .charter
            .members
            .iter()
            .find(|m| m.delegates.iter().any(|d| d.name == person))
            .map(|m| m.timezone)
    }

    fn render_head(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let w = self.written();
        let tz = self.ctx.charter.alliance.timezone;
        let deadline = w.deadline.or_else(|| {
            self.loaded
                .state
                .frozen()
                .and_then(|f| f.terms().meeting.deadline)
                .or_else(|| self.ctx.agenda.meeting.deadline.map(|d| d.resolve(tz)))
        });
        let closes = deadline.map_or_else(String::new, |d| d.closes(tz, self.viewer_zone()));
        let replied = self
            .voters()
            .iter()
            .filter(|m| w.replies.values().any(|r| r.contains_key(&m.id)))
            .count();
        let status = match &w.end {
            Some(End::Withdrawn { reason, .. }) => format!("withdrawn: {reason}"),
            Some(End::Closed { early: true, .. }) => "closed early: outcome fixed".to_owned(),
            Some(End::Closed { .. }) => "closed: outcome fixed".to_owned(),
            None if w.opened_at.is_none() => "not open for replies yet".to_owned(),
            None if w.past_deadline(self.now) => {
                "deadline passed: the outcome is final; close records it".to_owned()
            }
            None => format!("open · {replied} of {} replied", self.voters().len()),
        };
        let body = self.ctx.body;
        let rule = body.written.rule.as_deref().map_or_else(
            || "each item's rule".to_owned(),
            |r| match body.rules.get(r) {
                Some(rule) => format!("rule {r} ({})", rule.name()),
                None => format!("rule {r}"),
            },
        );
        let lines = vec![
            Line::from(Span::styled(self.ctx.agenda.meeting.title.clone(), t.title)),
            Line::from(vec![
                Span::raw(closes),
                Span::styled(format!(" · {status}"), t.muted),
            ]),
            Line::from(Span::styled(
                format!(
                    "{rule} · silence: {} · quorum {} of {}",
                    body.written.silence.name(),
                    body.quorum,
                    match body.quorum_basis {
                        crate::vote::QuorumBasis::Weight => "weight",
                        crate::vote::QuorumBasis::Members => "members",
                    }
                ),
                t.muted,
            )),
        ];
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(
                " Written procedure · {} ",
                self.ctx.agenda.meeting.id
            )))
            .render(area, buf);
    }

    fn render_items(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let focused = self.room.focus() == Focus::Agenda;
        let rows: Vec<Row> = self
            .ctx
            .agenda
            .items
            .iter()
            .map(|item| {
                let verdict = match provisional(self.ctx, &self.loaded.state, item) {
                    Some(Ok(ItemOutcome::Decision(o))) if o.passed => "passes",
                    Some(Ok(ItemOutcome::Decision(_))) => "fails",
                    Some(Ok(ItemOutcome::Ranking(_))) => "ranked",
                    _ => "",
                };
                Row::new(vec![Cell::from(item.id.clone()), Cell::from(verdict)])
            })
            .collect();
        let mut state = TableState::default().with_selected(Some(self.room.selected_item()));
        StatefulWidget::render(
            Table::new(rows, [Constraint::Min(10), Constraint::Length(7)])
                .row_highlight_style(if focused { t.selected } else { t.header })
                .block(Block::bordered().title(" Items ").border_style(if focused {
                    t.border_focused
                } else {
                    t.border
                })),
            area,
            buf,
            &mut state,
        );
    }

    fn render_replies(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let w = self.written();
        let focused = self.room.focus() == Focus::RollCall;
        let item = self.item().map(|i| i.id.clone()).unwrap_or_default();
        let tz = self.ctx.charter.alliance.timezone;
        let voters = self.voters();
        // Every member of the body, in the roll call's order (the rows the
        // selection moves over); only voting members reply.
        let members: Vec<&crate::charter::Member> =
            self.ctx.charter.members_of(self.ctx.body).collect();
        let rows: Vec<Row> = members
            .iter()
            .map(|m| match w.reply(&item, &m.id) {
                _ if m.voting_weight() == 0 => Row::new(vec![
                    Cell::from(m.id.clone()),
                    Cell::from("0"),
                    Cell::from(Span::styled("—", t.muted)),
                    Cell::from(Span::styled("does not vote", t.muted)),
                ]),
                Some(r) => Row::new(vec![
                    Cell::from(m.id.clone()),
                    Cell::from(m.weight.to_string()),
                    Cell::from(r.answer.describe()),
                    Cell::from(format!(
                        "{}{}",
                        r.at.with_timezone(&tz).format("%-d %b %H:%M"),
                        r.via
                            .as_ref()
                            .map_or_else(String::new, |v| format!(" via {v}"))
                    )),
                ]),
                None => Row::new(vec![
                    Cell::from(m.id.clone()),
                    Cell::from(m.weight.to_string()),
                    Cell::from(Span::styled("—", t.muted)),
                    Cell::from(Span::styled("no reply yet", t.muted)),
                ]),
            })
            .collect();
        let replied = voters
            .iter()
            .filter(|m| w.reply(&item, &m.id).is_some())
            .count();
        // A member's delegate sees its own row selected; the secretariat
        // the row it moves to.
        let selected = self
            .room
            .selected_member()
            .min(members.len().saturating_sub(1));
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(
            Table::new(
                rows,
                [
                    Constraint::Length(9),
                    Constraint::Length(2),
                    Constraint::Length(8),
                    Constraint::Min(8),
                ],
            )
            .row_highlight_style(if focused { t.selected } else { t.header })
            .block(
                Block::bordered()
                    .title(format!(" Replies · {replied} of {} ", voters.len()))
                    .border_style(if focused { t.border_focused } else { t.border }),
            ),
            area,
            buf,
            &mut state,
        );
    }

    fn render_outcome(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let Some(item) = self.item() else {
            return;
        };
        let recorded = self
            .loaded
            .state
            .item(&item.id)
            .is_some_and(|s| s.outcome.is_some());
        let heading = if recorded {
            "Outcome"
        } else {
            "So far, if nobody else replies"
        };
        let mut lines = vec![Line::from(Span::styled(item.title.clone(), t.header))];
        let withdrawn = matches!(self.written().end, Some(End::Withdrawn { .. }));
        match provisional(self.ctx, &self.loaded.state, item) {
            _ if withdrawn => lines.push(Line::from("Withdrawn: nothing is decided.")),
            Some(Ok(ItemOutcome::Decision(o))) => {
                lines.push(Line::from(format!("{heading}: {}", o.summary())));
                // Replies are still coming in: the quorum is not missed yet.
                let why = if !recorded && o.reason == Reason::NoQuorum {
                    format!("no quorum yet: {}", o.quorum_sentence())
                } else {
                    o.explanation()
                };
                lines.push(Line::from(Span::styled(why, t.muted)));
                if o.reason != Reason::NoQuorum {
                    lines.push(Line::from(Span::styled(
                        format!("quorum: {}", o.quorum_sentence()),
                        t.muted,
                    )));
                }
            }
            Some(Ok(ItemOutcome::Ranking(r))) => {
                lines.push(Line::from(format!("{heading}: {}", r.summary())));
            }
            Some(Err(e)) => lines.push(Line::from(Span::styled(e, t.warning))),
            None => {}
        }
        if let Some(End::Closed { why, .. }) = &self.written().end {
            lines.push(Line::from(Span::styled(why.clone(), t.muted)));
        }
        if let Some(text) = &item.description {
            lines.push(Line::from(Span::styled(text.clone(), t.muted)));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", item.id)))
            .render(area, buf);
    }
}
