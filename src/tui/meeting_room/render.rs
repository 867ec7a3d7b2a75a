//! The meeting room's layout: agenda left, roll call right, the item below,
//! and the ballot editor or text input over them while one is in use.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::{BallotEditor, Loaded, MeetingRoom, Mode, TextInput, TextPurpose};
use super::{actions_panel, agenda_panel, item_panel, roll_call};
use crate::tui::action::Action;
use crate::tui::keymap::{BALLOT_APPROVAL, BALLOT_RANKING, BALLOT_SCORE, keys_for};
use crate::tui::theme::Theme;
use crate::vote::ranked::BallotKind;
use crate::workspace::Workspace;

/// Draws the meeting room into `area`. `voter` is the person whose vote
/// receipt is shown (a delegate over SSH), if any.
pub fn render(
    room: &MeetingRoom,
    workspace: &Workspace,
    voter: Option<&str>,
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut notice = |text: String, style| {
        Paragraph::new(Span::styled(text, style))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Meeting room "))
            .render(area, buf);
    };
    let Some(agenda) = room.agenda(workspace) else {
        return notice(
            "This workspace has no agendas: add a <meeting-id>.toml to hold a meeting.".into(),
            theme.muted,
        );
    };
    if let Some(e) = room.error() {
        return notice(
            format!(
                "The journal of {} cannot be used: {e}\nNothing can be recorded until it is repaired; run plenary check. m/M shows another meeting.",
                agenda.meeting.id
            ),
            theme.warning,
        );
    }
    let (Some(loaded), Some(ctx)) = (room.loaded(), room.context(workspace)) else {
        return notice(
            format!(
                "The meeting's body `{}` is not in the charter.",
                agenda.meeting.body
            ),
            theme.warning,
        );
    };
    if room.is_written(workspace) {
        let view = super::written_panel::WrittenView {
            room,
            ctx: &ctx,
            loaded,
            viewer: voter,
            now,
            theme,
        };
        view.render(area, buf);
        match room.mode() {
            Mode::Text(purpose, input) => render_input(purpose, input, theme, area, buf),
            Mode::Ballot(editor) => render_ballot(editor, theme, area, buf),
            _ => {}
        }
        return;
    }
    let members = ctx.charter.members_of(ctx.body).count();
    let rows = u16::try_from(members.max(agenda.items.len() + 1)).unwrap_or(u16::MAX);
    // The top panels take at most three fifths, so a large body leaves the
    // item its tally; a short terminal (60x16) gives the roll call all but
    // four rows, so that a committee's rows fit (its header then goes).
    let most = match area.height < SHORT {
        true => area.height.saturating_sub(4),
        false => area.height / 5 * 3,
    };
    let top_height = rows.saturating_add(4).min(most);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(top);
    let own = room.own_actions(workspace);
    let carried = room.carried_over(workspace);
    let counts = (own.len(), carried.len());
    let agenda_view = agenda_panel::AgendaView {
        room,
        ctx: &ctx,
        loaded,
        now,
        theme,
        actions: counts,
    };
    agenda_view.render(left, buf);
    roll_call::render(room, &ctx, &loaded.state, theme, right, buf);
    if room.shows_action_list() {
        let error = room.register_error();
        actions_panel::render_list(&own, &carried, error, now, theme, bottom, buf);
    } else if let Some(item) = room.shown_item(agenda) {
        let on_item: Vec<_> = own
            .iter()
            .copied()
            .filter(|a| a.item.as_deref() == Some(item.id.as_str()))
            .collect();
        let view = item_panel::ItemView {
            ctx: &ctx,
            loaded,
            item,
            actions: &on_item,
            now,
            theme,
            scroll: room.item_scroll(),
            room,
        };
        view.render(bottom, buf);
    }
    let live = render_live(room, now, theme, bottom, buf);
    if let (Some(person), Some(item)) = (voter, room.shown_item(agenda)) {
        render_receipt(loaded, &item.id, person, live, theme, bottom, buf);
    }
    match room.mode() {
        Mode::Text(purpose, input) => render_input(purpose, input, theme, bottom, buf),
        Mode::Ballot(editor) => render_ballot(editor, theme, bottom, buf),
        Mode::NewAction(form) => actions_panel::render_form(form, workspace, theme, bottom, buf),
        Mode::Normal | Mode::Proxy(_) => {}
    }
}

/// Below this many rows the room counts as short.
const SHORT: u16 = 20;

/// "live · updated 12s ago" at the right of the bottom panel's lower border:
/// how fresh the record shown is; its count moving every second also shows
/// that the connection is alive. Left out where the border is too short.
/// Returns the columns it took.
fn render_live(
    room: &MeetingRoom,
    now: DateTime<Utc>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let Some(text) = room.live(now) else {
        return 0;
    };
    let text = format!(" {text} ");
    let width = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    if area.height < 2 || area.width < width.saturating_add(4) {
        return 0;
    }
    buf.set_string(
        area.right() - width - 1,
        area.bottom() - 1,
        text,
        theme.muted,
    );
    width
}

/// The receipt of `person`'s last vote on `item` at the left of the
/// bottom panel's lower border: `#42 vote budget uct yes · sha256 3f9a…`,
/// the hash as long as the border has room for (at least 8 digits).
fn render_receipt(
    loaded: &Loaded,
    item: &str,
    person: &str,
    taken: u16,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let Some(receipt) = loaded.receipt(item, person) else {
        return;
    };
    if area.height < 2 {
        return;
    }
    let room = usize::from(area.width.saturating_sub(taken + 3));
    let digits = |head: &str| room.saturating_sub(head.chars().count() + 1);
    // A long ballot's description gives way to the hash.
    let mut head = format!(" receipt #{} {} · sha256 ", receipt.seq, receipt.what);
    if digits(&head) < 16 {
        head = format!(" receipt #{} · sha256 ", receipt.seq);
    }
    let digits = digits(&head);
    if digits < 8 {
        return;
    }
    let hash = match receipt.hash.len() <= digits {
        true => receipt.hash.to_owned(),
        false => format!("{}…", &receipt.hash[..digits - 1]),
    };
    buf.set_string(
        area.x + 1,
        area.bottom() - 1,
        format!("{head}{hash} "),
        theme.header,
    );
}

/// A box of `height` rows at the top of `area`, cleared; returns its inside.
pub fn popup(area: Rect, height: u16, title: String, theme: &Theme, buf: &mut Buffer) -> Rect {
    let rect = Rect {
        height: height.min(area.height),
        ..area
    };
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border_focused);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

fn render_input(
    purpose: &TextPurpose,
    input: &TextInput,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let title = match purpose {
        TextPurpose::Motion(item) => format!(" Motion on {item} "),
        TextPurpose::Note(Some(item)) => format!(" Note on {item} "),
        TextPurpose::Note(None) => " Note on the meeting ".to_owned(),
        TextPurpose::Withdraw(item) => {
            format!(" Withdraw the motion on {item}: reason (optional) ")
        }
        TextPurpose::Reopen(item) => format!(" Reopen {item}: reason "),
        TextPurpose::Void(seq, what) => format!(" Void #{seq} ({what}): reason "),
        TextPurpose::Evidence(reply) => format!(" {}: received how? ", reply.describe()),
        TextPurpose::WithdrawProcedure => " Withdraw the procedure: reason ".to_owned(),
        TextPurpose::Extend(_) => " Extend: new deadline (YYYY-MM-DD) and reason ".to_owned(),
    };
    let inner = popup(area, 3, title, theme, buf);
    input_line(input, inner.width, theme).render(inner, buf);
}

/// `input` as one line of `width` cells with its cursor shown; a text
/// longer than the box shows its end, so the cursor stays in view.
pub fn input_line(input: &TextInput, width: u16, theme: &Theme) -> Line<'static> {
    let width = usize::from(width.saturating_sub(1)).max(1);
    let chars: Vec<char> = input.text().chars().collect();
    let start = input.cursor().saturating_sub(width);
    let before: String = chars
        .iter()
        .skip(start)
        .take(input.cursor() - start)
        .collect();
    let at: String = chars
        .get(input.cursor())
        .map_or(" ".to_owned(), char::to_string);
    let after: String = chars.iter().skip(input.cursor() + 1).collect();
    Line::from(vec![
        Span::raw(before),
        Span::styled(at, theme.selected),
        Span::raw(after),
    ])
}

fn render_ballot(editor: &BallotEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let how = match editor.kind() {
        BallotKind::Ranking => format!(
            "best first · {}/{} move · {} leaves out",
            keys_for(BALLOT_RANKING, Action::MoveOptionUp),
            keys_for(BALLOT_RANKING, Action::MoveOptionDown),
            keys_for(BALLOT_RANKING, Action::LeaveOut)
        ),
        BallotKind::Approve => format!(
            "{} approves",
            keys_for(BALLOT_APPROVAL, Action::ToggleApproval)
        ),
        BallotKind::Scores => format!(
            "{}, {} {} score",
            keys_for(BALLOT_SCORE, Action::SetScore(0)),
            keys_for(BALLOT_SCORE, Action::ScoreUp),
            keys_for(BALLOT_SCORE, Action::ScoreDown)
        ),
    };
    let rows = u16::try_from(editor.rows().count()).unwrap_or(u16::MAX);
    let title = format!(
        " Ballot of {} on {} · {how} ",
        editor.member(),
        editor.item()
    );
    let inner = popup(area, rows.saturating_add(2), title, theme, buf);
    let lines: Vec<Line> = editor
        .rows()
        .enumerate()
        .map(|(n, (option, mark))| {
            let mark = match editor.kind() {
                BallotKind::Ranking if mark > 0 => format!("{:>2}.", n + 1),
                BallotKind::Ranking => " — ".to_owned(),
                BallotKind::Approve if mark > 0 => "[x]".to_owned(),
                BallotKind::Approve => "[ ]".to_owned(),
                BallotKind::Scores => format!("{mark:>3}"),
            };
            let line = Line::from(format!(" {mark} {option}"));
            if n == editor.cursor() {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    let scroll = u16::try_from(editor.cursor())
        .unwrap_or(u16::MAX)
        .saturating_add(1)
        .saturating_sub(inner.height);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
}
