//! The alliance dashboard: members with their local time now and the
//! burden the meetings held put on them (the ledger), bodies with their
//! rules, programmes with their metrics.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, List, ListItem, ListState, Row, StatefulWidget, Table, TableState, Widget,
};

use super::action::Action;
use super::format::{
    availability_style, metric, offset, programme_kind_short, rules_summary, shown, voting,
};
use super::theme::Theme;
use crate::charter::{Body, Charter, Member, Programme};
use crate::hub::Snapshot;
use crate::pending::{self, Awaiting};
use crate::schedule::{Ledger, availability_at};
use crate::workspace::Workspace;

/// The three panels of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// The member institutions.
    #[default]
    Members,
    /// The decision-making bodies.
    Bodies,
    /// The joint programmes.
    Programmes,
}

impl Panel {
    const ALL: [Self; 3] = [Self::Members, Self::Bodies, Self::Programmes];

    fn index(self) -> usize {
        self as usize
    }
}

/// Which panel has focus and which row each panel has selected.
#[derive(Debug, Clone, Default)]
pub struct DashboardState {
    /// The panel that receives movement keys.
    pub focus: Panel,
    selected: [usize; 3],
    /// The burden of the meetings held, read when the dashboard is shown.
    ledger: Ledger,
    /// Open written procedures and minutes awaiting approval, read then too.
    awaiting: Vec<Awaiting>,
}

/// Rows a page key moves.
const PAGE: usize = 10;

impl DashboardState {
    /// The selected row of `panel`.
    pub fn selected(&self, panel: Panel) -> usize {
        self.selected[panel.index()]
    }

    /// Takes the ledger of the meetings held and what awaits between
    /// meetings, as `snapshot` has them.
    pub fn load(&mut self, snapshot: &Snapshot) {
        let (held, _) = snapshot.held();
        let ws = snapshot.workspace();
        self.ledger = Ledger::of(&ws.charter.members, held, None);
        self.awaiting = pending::awaiting(ws, |a| {
            match snapshot.meeting(&a.meeting.id).map(|v| v.as_ref()) {
                Some(Ok(loaded)) => Some(&loaded.state),
                _ => None,
            }
        });
    }

    /// Applies a movement action.
    pub fn update(&mut self, action: Action, workspace: &Workspace) {
        let c = &workspace.charter;
        let rows = match self.focus {
            Panel::Members => c.members.len(),
            Panel::Bodies => c.bodies.len(),
            Panel::Programmes => c.programmes.len(),
        };
        let last = rows.saturating_sub(1);
        let at = &mut self.selected[self.focus.index()];
        match action {
            Action::NextPanel => self.focus = Panel::ALL[(self.focus.index() + 1) % 3],
            Action::PreviousPanel => self.focus = Panel::ALL[(self.focus.index() + 2) % 3],
            Action::Up => *at = at.saturating_sub(1),
            Action::Down => *at = (*at + 1).min(last),
            Action::PageUp => *at = at.saturating_sub(PAGE),
            Action::PageDown => *at = (*at + PAGE).min(last),
            Action::First => *at = 0,
            Action::Last => *at = last,
            _ => {}
        }
    }
}

/// Draws the dashboard into `area`; `viewer` is the zone of the person
/// looking (a delegate's member's), for the deadlines between meetings.
pub fn render(
    state: &DashboardState,
    charter: &Charter,
    now: DateTime<Utc>,
    viewer: Option<Tz>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let member_rows = u16::try_from(charter.members.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    // The lists below keep ten rows where there is room; on a short
    // terminal the two halves share it, so the members table still shows
    // members, not only its header.
    let lower_rows = 10.min(area.height.saturating_sub(1) / 2);
    let [heading, members, lower] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(member_rows),
        Constraint::Min(lower_rows),
    ])
    .areas(area);
    render_heading(charter, theme, heading, buf);
    let [bodies, programmes] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(lower);
    render_members(state, charter, now, theme, members, buf);
    let width = |area: Rect| usize::from(area.width.saturating_sub(3));
    // An item taller than its panel would not be drawn at all: on a short
    // terminal each shows only its first lines.
    let rows = |area: Rect| usize::from(area.height.saturating_sub(2)).max(1);
    let body_items = charter
        .bodies
        .iter()
        .map(|b| {
            let waiting = awaiting_lines(&state.awaiting, b, now, charter, viewer);
            body_item(b, charter, waiting, theme, (width(bodies), rows(bodies)))
        })
        .collect();
    render_list(
        state,
        Panel::Bodies,
        "Bodies",
        body_items,
        theme,
        bodies,
        buf,
    );
    let programme_items = charter
        .programmes
        .iter()
        .map(|p| programme_item(p, charter, theme, (width(programmes), rows(programmes))))
        .collect();
    render_list(
        state,
        Panel::Programmes,
        "Programmes",
        programme_items,
        theme,
        programmes,
        buf,
    );
}

/// The alliance in one line: who it is and how far it spans.
fn render_heading(charter: &Charter, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let zones: std::collections::BTreeSet<&str> =
        charter.members.iter().map(|m| m.timezone.name()).collect();
    let name = shown(&charter.alliance.name);
    let (id, members, zones) = (&charter.alliance.id, charter.members.len(), zones.len());
    // The longest that fits, so that nothing is cut mid-word.
    let rest = [
        format!(
            " ({id}) · {members} members in {zones} time zones · secretariat in {}",
            charter.alliance.timezone.name()
        ),
        format!(" ({id}) · {members} members in {zones} time zones"),
        format!(" · {members} members · {zones} zones"),
    ];
    let room = usize::from(area.width).saturating_sub(name.chars().count());
    let rest = rest
        .iter()
        .find(|r| r.chars().count() <= room)
        .map_or("", String::as_str);
    Line::from(vec![
        Span::styled(name.clone(), theme.header),
        Span::styled(rest.to_owned(), theme.muted),
    ])
    .render(area, buf);
}

fn panel_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    Block::bordered().title(title).border_style(style)
}

fn render_members(
    state: &DashboardState,
    charter: &Charter,
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let wide = area.width >= 110;
    // Narrow: the zone's name goes (its offset and local time stay), so
    // that members' names keep room.
    let narrow = area.width < 72;
    let mut header = vec!["Member", "Time zone", "UTC", "Local", "Now", "Vote"];
    let mut widths = vec![
        Constraint::Fill(1),
        Constraint::Length(19),
        Constraint::Length(6),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    if narrow {
        header.remove(1);
        widths.remove(1);
    }
    if wide {
        header.splice(1..1, ["Kind", "Ctry"]);
        widths.splice(1..1, [Constraint::Length(16), Constraint::Length(4)]);
        header.extend(["Hours", "Held"]);
        widths.extend([Constraint::Length(11), Constraint::Length(7)]);
    }
    let rows = charter
        .members
        .iter()
        .map(|m| member_row(m, now, theme, (wide, narrow), &state.ledger));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .row_highlight_style(if state.focus == Panel::Members {
            theme.selected
        } else {
            Default::default()
        })
        .block(panel_block(
            format!(
                " Members ({}) · {} ",
                charter.members.len(),
                ledger_summary(&state.ledger)
            ),
            state.focus == Panel::Members,
            theme,
        ));
    let mut table_state = TableState::default().with_selected(Some(state.selected(Panel::Members)));
    StatefulWidget::render(table, area, buf, &mut table_state);
}

/// The ledger in a few words: how many meetings were held and who carries
/// the most (out-of-hours plus night meetings).
fn ledger_summary(ledger: &Ledger) -> String {
    let most = ledger
        .burden
        .iter()
        .filter(|b| b.weight() > 0)
        .max_by_key(|b| b.weight());
    match (ledger.meetings.len(), most) {
        (0, _) => "ledger: no meeting held yet".to_owned(),
        (n, None) => format!("ledger: {n} held, nobody outside hours"),
        (n, Some(b)) => format!(
            "ledger: {n} held, most burdened {} ({} outside, {} at night)",
            b.member, b.outside, b.night
        ),
    }
}

fn member_row<'a>(
    m: &'a Member,
    now: DateTime<Utc>,
    theme: &Theme,
    (wide, narrow): (bool, bool),
    ledger: &Ledger,
) -> Row<'a> {
    let local = now.with_timezone(&m.timezone);
    let availability = availability_at(m, now);
    let mut cells = vec![
        Line::from(shown(&m.name)),
        Line::from(m.timezone.name()),
        Line::from(offset(&local)),
        Line::from(local.format("%a %H:%M").to_string()),
        Line::from(Span::styled(
            format!("● {}", availability.short_label()),
            availability_style(availability, theme),
        )),
        Line::from(voting(m)),
    ];
    if narrow {
        cells.remove(1);
    }
    if wide {
        cells.splice(
            1..1,
            [Line::from(m.kind.name()), Line::from(m.country.as_str())],
        );
        cells.push(Line::from(m.working_hours.to_string()));
        // Held meetings outside its hours / at night, from the ledger.
        cells.push(Line::from(ledger.of_member(&m.id).map_or_else(
            || "-".to_owned(),
            |b| format!("{}/{}", b.outside, b.night),
        )));
    }
    Row::new(cells)
}

/// One of the list panels (bodies, programmes): its items, a title with
/// the count, and the selection highlighted while it has focus.
fn render_list<'a>(
    state: &DashboardState,
    panel: Panel,
    title: &str,
    items: Vec<ListItem<'a>>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let focused = state.focus == panel;
    let count = items.len();
    let list = List::new(items)
        .highlight_style(if focused {
            theme.selected
        } else {
            Default::default()
        })
        .block(panel_block(format!(" {title} ({count}) "), focused, theme));
    let mut list_state = ListState::default().with_selected(Some(state.selected(panel)));
    StatefulWidget::render(list, area, buf, &mut list_state);
}

/// A body's item: its name, size and rules, in `width` columns and at most
/// `rows` lines.
fn body_item<'a>(
    b: &'a Body,
    charter: &'a Charter,
    waiting: Vec<Vec<String>>,
    theme: &Theme,
    (width, rows): (usize, usize),
) -> ListItem<'a> {
    let chair = charter
        .member(&b.chair)
        .map_or(b.chair.as_str(), |m| m.name.as_str());
    let weight: u32 = charter.members_of(b).map(Member::voting_weight).sum();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(shown(&b.name), theme.header),
            Span::styled(format!(" {}", b.id), theme.muted),
        ]),
        Line::from(format!(
            " {} members · weight {weight} · quorum {} by {}",
            b.members.len(),
            b.quorum,
            match b.quorum_basis {
                crate::vote::decision::QuorumBasis::Weight => "weight",
                crate::vote::decision::QuorumBasis::Members => "members",
            }
        )),
        Line::from(format!(" chair {chair}")),
    ];
    // What awaits comes before the rules: on a short panel it is what the
    // secretariat has to act on.
    for parts in &waiting {
        let marked = wrap(parts, width.saturating_sub(2))
            .enumerate()
            .map(|(n, l)| {
                if n == 0 {
                    format!(" ▸{l}")
                } else {
                    format!("  {l}")
                }
            });
        lines.extend(marked.map(|l| Line::from(Span::styled(l, theme.warning))));
    }
    lines.extend(wrap(&rules_summary(b), width).map(|l| Line::from(Span::styled(l, theme.muted))));
    lines.truncate(rows);
    ListItem::new(lines)
}

/// What awaits `body` between meetings: for each procedure or minutes,
/// the parts of its lines (its id, then what it waits for).
fn awaiting_lines(
    awaiting: &[Awaiting],
    body: &Body,
    now: DateTime<Utc>,
    charter: &Charter,
    viewer: Option<Tz>,
) -> Vec<Vec<String>> {
    awaiting
        .iter()
        .filter(|a| a.body == body.id)
        .map(|a| {
            let what = a.describe(now, charter.alliance.timezone, viewer);
            std::iter::once(a.meeting.clone())
                .chain(what.split(" · ").map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Breaks `parts` joined by " · " into lines of at most `width` characters,
/// each indented by one space, breaking only between parts.
fn wrap(parts: &[String], width: usize) -> impl Iterator<Item = String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 3 + part.chars().count() <= width => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(format!(" {part}")),
        }
    }
    lines.into_iter()
}

/// ` 2027 ↑4 ↓0 =1 · 1/2 targets met`: metrics up, down and the same since
/// the period before, in signs and counts so that the trend reads without
/// colour and fits a panel at 80 columns.
fn trend_text(t: &crate::report::Trend) -> String {
    let mut text = format!(" {} ↑{} ↓{} ={}", t.period, t.up, t.down, t.flat);
    if t.targets > 0 {
        text.push_str(&format!(" · {}/{} targets met", t.met, t.targets));
    }
    text
}

/// A programme's item: its name, lead, trend and figures, in `width`
/// columns and at most `rows` lines.
fn programme_item<'a>(
    p: &'a Programme,
    charter: &'a Charter,
    theme: &Theme,
    (width, rows): (usize, usize),
) -> ListItem<'a> {
    let lead = charter
        .member(&p.lead)
        .map_or(p.lead.as_str(), |m| m.name.as_str());
    let figures: Vec<String> = p
        .metrics
        .iter()
        .map(|(k, v)| format!("{} {}", k.replace('_', " "), metric(*v)))
        .collect();
    let mut lines = vec![
        Line::from(Span::styled(shown(&p.name), theme.header)),
        Line::from(format!(" {} · lead {lead}", programme_kind_short(p.kind))),
    ];
    if let Some(t) = crate::report::trend(p) {
        lines.push(Line::from(trend_text(&t)));
    }
    lines.extend(wrap(&figures, width).map(|l| Line::from(Span::styled(l, theme.muted))));
    lines.truncate(rows);
    ListItem::new(lines)
}
