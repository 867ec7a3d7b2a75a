//! The roll call: one row per member of the body with its standing, weight,
//! attendance and its vote on the open item, and the live quorum gauge.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState, Widget};

use super::{Focus, MeetingRoom, Mode};
use crate::agenda::ItemKind;
use crate::charter::{Member, MemberStatus};
use crate::meeting::{Context, ItemState, MeetingState, quorum_now};
use crate::tui::theme::Theme;
use crate::vote::QuorumBasis;
use crate::vote::decision::{Choice, QuorumFigures};

/// Draws the roll call into `area`.
pub fn render(
    room: &MeetingRoom,
    ctx: &Context,
    state: &MeetingState,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let members: Vec<&Member> = ctx.charter.members_of(ctx.body).collect();
    let present = members
        .iter()
        .filter(|m| state.attendance.contains_key(&m.id))
        .count();
    let focused = room.focus() == Focus::RollCall;
    let block = Block::bordered()
        .title(format!(
            " Roll call · {present} of {} present ",
            members.len()
        ))
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    block.render(area, buf);
    let [table_area, gauge] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    render_table(room, ctx, state, &members, theme, table_area, buf);
    render_gauge(&quorum_now(ctx, state), theme, gauge, buf);
}

fn render_table(
    room: &MeetingRoom,
    ctx: &Context,
    state: &MeetingState,
    members: &[&Member],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    // The votes on the item the room is about: the open one, else the
    // selected one (a closed item keeps showing who voted how).
    let current = room
        .shown_item(ctx.agenda)
        .and_then(|item| Some(item).zip(state.item(&item.id)));
    // Who was there for the item: at its close, else now.
    let present_for = |s: &ItemState, member: &str| {
        s.attendance_at_close
            .as_ref()
            .unwrap_or(&state.attendance)
            .contains_key(member)
    };
    let giving = match room.mode() {
        Mode::Proxy(member) => Some(member.as_str()),
        _ => None,
    };
    let rows = members.iter().map(|m| {
        let attendance = match state.attendance.get(&m.id) {
            None => Span::styled("absent", theme.muted),
            Some(crate::vote::decision::Attendance::InPerson) => {
                Span::styled("present", theme.working)
            }
            Some(crate::vote::decision::Attendance::Proxy { holder }) => {
                Span::styled(format!("proxy→{holder}"), theme.off_hours)
            }
        };
        let on_item = match current {
            _ if m.voting_weight() == 0 => Span::raw(""),
            Some((_, s)) if s.recused.contains(&m.id) => Span::styled("recused", theme.muted),
            Some((item, s)) if item.kind.is_decision() => match s.votes.get(&m.id) {
                Some(Choice::Yes) => Span::styled("yes", theme.working),
                Some(Choice::No) => Span::styled("no", theme.warning),
                Some(Choice::Abstain) => Span::styled("abstain", theme.off_hours),
                None if s.motion.is_some() && present_for(s, &m.id) => {
                    Span::styled("·", theme.muted)
                }
                None => Span::raw(""),
            },
            Some((item, s)) if item.kind == ItemKind::Ranking => {
                if s.ballots.contains_key(&m.id) {
                    Span::styled("ballot ✓", theme.working)
                } else if !present_for(s, &m.id) {
                    Span::raw("")
                } else {
                    Span::styled("·", theme.muted)
                }
            }
            _ => Span::raw(""),
        };
        let marker = if giving == Some(m.id.as_str()) {
            "⇢"
        } else {
            " "
        };
        let mut cells = vec![Cell::from(format!("{marker}{}", m.id))];
        if area.width >= 60 {
            cells.push(Cell::from(crate::tui::format::shown(&m.name)));
        }
        if area.width >= NARROW {
            cells.push(Cell::from(status_word(m.status)));
        }
        cells.extend([
            // Only full members vote, so only their weight counts.
            Cell::from(match m.voting_weight() {
                0 => " –".to_owned(),
                w => format!("{w:>2}"),
            }),
            Cell::from(attendance),
            Cell::from(on_item),
        ]);
        Row::new(cells)
    });
    let mut widths = vec![Constraint::Length(10)];
    let mut header = vec!["member"];
    if area.width >= 60 {
        widths.push(Constraint::Fill(1));
        header.push("name");
    }
    if area.width >= NARROW {
        widths.extend([Constraint::Length(5), Constraint::Length(2)]);
        widths.extend([Constraint::Length(12), Constraint::Length(8)]);
        header.extend(["", "wt", "attendance", "vote"]);
    } else {
        // Every member's row whole, without its standing (the weight
        // says whether it votes).
        widths = vec![Constraint::Length(9), Constraint::Length(2)];
        widths.extend([Constraint::Fill(1), Constraint::Length(8)]);
        header.extend(["wt", "attendance", "vote"]);
    }
    let focused = room.focus() == Focus::RollCall;
    let mut table = Table::new(rows, widths);
    // On a short terminal the members come before the column names.
    if usize::from(area.height) > members.len() {
        table = table.header(Row::new(header).style(theme.header));
    }
    let table = table.row_highlight_style(if focused { theme.selected } else { theme.muted });
    let mut table_state = TableState::default().with_selected(Some(room.selected_member()));
    StatefulWidget::render(table, area, buf, &mut table_state);
}

/// Below this many columns the roll call leaves out each member's
/// standing, so that the id, weight, attendance and vote fit whole.
const NARROW: u16 = 42;

fn status_word(status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Full => "full",
        MemberStatus::Associate => "assoc",
        MemberStatus::Observer => "obs",
    }
}

/// Width of the gauge's bar, in cells.
const BAR: u64 = 12;

fn render_gauge(q: &QuorumFigures, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let unit = match q.basis {
        QuorumBasis::Weight => "weight",
        QuorumBasis::Members => "members",
    };
    // The bar spans twice the requirement, so its middle is the quorum line.
    let scale = (q.required * 2).max(1);
    let filled = (q.present.min(scale) * BAR).div_ceil(scale);
    let style = if q.met { theme.working } else { theme.warning };
    let bar: String = (0..BAR)
        .map(|i| if i < filled { '█' } else { '░' })
        .collect();
    let verdict = if q.met { "met" } else { "NOT met" };
    let figures = format!(" {}/{} {unit} ", q.present, q.required);
    let label = "Quorum ";
    // A narrow panel loses the bar before the figures and the verdict.
    let whole = label.len() + BAR as usize + figures.chars().count() + verdict.len();
    let bar = match usize::from(area.width) >= whole {
        true => bar,
        false => String::new(),
    };
    Line::from(vec![
        Span::styled(label, theme.header),
        Span::styled(bar, style),
        Span::raw(figures),
        Span::styled(verdict, style),
    ])
    .render(area, buf);
}
