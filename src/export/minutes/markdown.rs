//! The minutes as Markdown (CommonMark with GitHub pipe tables): the
//! default export, and the source of the HTML one. Layout in
//! `docs/minutes.md`; every user-written text goes through `escape`.

use chrono_tz::Tz;

use super::escape::{block, inline};
use super::markdown_items::item_section;
use super::model::{AttendanceRow, Minutes, Presence};
use super::when;

/// The minutes as a Markdown document.
pub fn markdown(m: &Minutes) -> String {
    if let Some(w) = &m.written {
        return super::markdown_written::document(m, w);
    }
    let zone = when::zone(&m.meeting.timezone);
    let mut out = Out::default();
    header(&mut out, m, zone);
    attendance(&mut out, m);
    for item in &m.items {
        item_section(&mut out, m, item, zone);
    }
    if !m.notes.is_empty() {
        out.para("## Notes on the meeting");
        notes(&mut out, &m.notes);
    }
    actions(&mut out, m);
    super::markdown_annex::annexes(&mut out, m);
    out.para("---");
    match &m.meeting.closed_at {
        Some(at) => out.para(&format!(
            "*The meeting was closed at {}.*",
            when::full(at, zone)
        )),
        None => {
            out.para("*DRAFT: the meeting has not been closed; these minutes may still change.*")
        }
    }
    out.0
}

/// The action items agreed, then those carried over; both tables give the
/// due date in the owner's zone, which is where "due" is meant.
fn actions(out: &mut Out, m: &Minutes) {
    let rows = |list: &[super::model::ActionRow], with_meeting: bool| -> Vec<Vec<String>> {
        list.iter()
            .map(|a| {
                let owner = match &a.delegate {
                    Some(d) => format!("{} ({})", named(&a.owner.name, &a.owner.id), inline(d)),
                    None => named(&a.owner.name, &a.owner.id),
                };
                // The due date is a day where the owner works: shown as
                // that day, not as the next midnight in another zone.
                let due = format!("{} (end of day, {})", a.due, inline(&a.timezone));
                let status = if a.overdue {
                    format!("**{} (overdue)**", a.status)
                } else {
                    a.status.clone()
                };
                let mut row = vec![code(&a.id), inline(&a.text), owner, due, status];
                if with_meeting {
                    row.insert(1, code(&a.meeting));
                }
                row
            })
            .collect()
    };
    if m.actions.agreed.is_empty() && m.actions.carried_over.is_empty() {
        return;
    }
    out.para("## Action items");
    if m.actions.agreed.is_empty() {
        out.para("No action items were agreed in this meeting.");
    } else {
        out.table(
            &["Id", "Action", "Owner", "Due (owner's zone)", "Status"],
            &[false; 5],
            &rows(&m.actions.agreed, false),
        );
    }
    if !m.actions.carried_over.is_empty() {
        out.para("### Carried over from earlier meetings");
        out.table(
            &[
                "Id",
                "Meeting",
                "Action",
                "Owner",
                "Due (owner's zone)",
                "Status",
            ],
            &[false; 6],
            &rows(&m.actions.carried_over, true),
        );
    }
}

/// A Markdown document being written, one block at a time.
#[derive(Default)]
pub(super) struct Out(String);

impl Out {
    /// The document written so far.
    pub(super) fn into_text(self) -> String {
        self.0
    }

    /// A block followed by a blank line.
    pub(super) fn para(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push_str("\n\n");
    }

    /// A list of lines forming one block.
    pub(super) fn list(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        for line in lines {
            self.0.push_str("- ");
            self.0.push_str(line);
            self.0.push('\n');
        }
        self.0.push('\n');
    }

    /// A pipe table; `right` marks right-aligned (numeric) columns. Cells
    /// must already be escaped.
    pub(super) fn table(&mut self, head: &[&str], right: &[bool], rows: &[Vec<String>]) {
        let row = |cells: &mut dyn Iterator<Item = String>| {
            let cells: Vec<String> = cells.collect();
            format!("| {} |\n", cells.join(" | "))
        };
        self.0
            .push_str(&row(&mut head.iter().map(|h| (*h).to_owned())));
        self.0.push_str(&row(&mut (0..head.len()).map(|i| {
            if right.get(i).copied().unwrap_or(false) {
                "---:".to_owned()
            } else {
                "---".to_owned()
            }
        })));
        for cells in rows {
            self.0.push_str(&row(&mut cells.iter().cloned()));
        }
        self.0.push('\n');
    }
}

/// An id as code, unless it holds characters a code span cannot carry.
pub(super) fn code(id: &str) -> String {
    if id.is_empty() || id.contains(['`', '|', '\n', '\r']) {
        inline(id)
    } else {
        format!("`{id}`")
    }
}

/// `Full Name (`id`)`.
pub(super) fn named(name: &str, id: &str) -> String {
    format!("{} ({})", inline(name), code(id))
}

pub(super) fn member_name(m: &Minutes, id: &str) -> String {
    m.attendance
        .members
        .iter()
        .find(|r| r.member == id)
        .map_or_else(|| code(id), |r| named(&r.name, id))
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn header(out: &mut Out, m: &Minutes, zone: Option<Tz>) {
    let info = &m.meeting;
    let draft = if m.draft { " (DRAFT)" } else { "" };
    out.para(&format!("# Minutes: {}{draft}", inline(&info.title)));
    if m.draft {
        out.para(
            "> **DRAFT**: the meeting has not been closed. These minutes are not final and may change.",
        );
    }
    if m.journal.events == 0 {
        out.para("**Nothing has been recorded for this meeting yet.**");
    }
    let mut lines = vec![
        format!(
            "**Meeting:** {}, {} of the {}",
            code(&info.id),
            named(&info.body.name, &info.body.id),
            named(&info.alliance.name, &info.alliance.id)
        ),
        match &info.chair_person {
            Some(person) => format!(
                "**Chair:** {} for {}",
                inline(person),
                named(&info.chair.name, &info.chair.id)
            ),
            None => format!("**Chair:** {}", named(&info.chair.name, &info.chair.id)),
        },
    ];
    if let Some(taker) = &info.minute_taker {
        lines.push(format!("**Minutes taken by:** {}", inline(taker)));
    }
    lines.push(match (&info.scheduled_start, &info.scheduled_end) {
        (Some(start), Some(end)) => format!(
            "**Scheduled:** {} to {}, {} min",
            when::full(start, zone),
            when::time(end, zone),
            info.duration_minutes
        ),
        _ => format!(
            "**Scheduled:** not yet ({} min planned)",
            info.duration_minutes
        ),
    });
    if let Some(location) = &info.location {
        lines.push(format!("**Location:** {}", inline(location)));
    }
    lines.push(match (&info.first_event, &info.last_event) {
        (Some(first), Some(last)) => {
            let last_text = if when::same_day(first, last.utc, zone) {
                when::time(last, zone)
            } else {
                when::full(last, zone)
            };
            format!("**Recorded:** {} to {last_text}", when::full(first, zone))
        }
        _ => "**Recorded:** nothing yet".to_owned(),
    });
    lines.push(match &info.closed_at {
        Some(at) => format!("**Closed:** {}", when::full(at, zone)),
        None => "**Closed:** not yet (draft)".to_owned(),
    });
    if !m.journal.recorded_by.is_empty() {
        let by: Vec<String> = m.journal.recorded_by.iter().map(|b| inline(b)).collect();
        lines.push(format!("**Recorded by:** {}", by.join(", ")));
    }
    lines.push(format!(
        "**Journal:** {}, {}, last line's SHA-256 {}",
        code(&m.journal.path),
        plural(m.journal.events, "event", "events"),
        code(&m.journal.last_hash)
    ));
    lines.push(format!(
        "**Times:** {}, with UTC in brackets",
        inline(&info.timezone)
    ));
    lines.push(match (&m.terms.charter_sha256, &m.terms.agenda_sha256) {
        (Some(charter), Some(agenda)) => format!(
            "**Terms:** as frozen when recording began (charter SHA-256 {}, agenda {})",
            code(charter.get(..12).unwrap_or(charter)),
            code(agenda.get(..12).unwrap_or(agenda))
        ),
        _ => "**Terms:** not frozen (the journal predates frozen terms): read with the charter and agenda as they are now".to_owned(),
    });
    lines.push(if m.draft {
        format!("**As at:** {} (draft)", when::full(&m.as_of, zone))
    } else {
        format!(
            "**As at:** the close of the meeting, {}",
            when::full(&m.as_of, zone)
        )
    });
    out.list(&lines);
}

fn presence(m: &Minutes, row: &AttendanceRow, zone: Option<Tz>) -> String {
    match row.presence {
        Presence::InPerson => "in person".to_owned(),
        Presence::Proxy => match &row.proxy_holder {
            Some(holder) => format!("by proxy, held by {}", member_name(m, holder)),
            None => "by proxy".to_owned(),
        },
        Presence::Apologies => match (&row.delegate, &row.left_at) {
            (_, Some(at)) => format!("apologies (left at {})", when::time(at, zone)),
            (Some(by), None) => format!("apologies (sent by {})", inline(by)),
            (None, None) => "apologies".to_owned(),
        },
        Presence::Absent => match &row.left_at {
            Some(at) => format!("absent (left at {})", when::time(at, zone)),
            None => "absent".to_owned(),
        },
    }
}

fn attendance(out: &mut Out, m: &Minutes) {
    let zone = when::zone(&m.meeting.timezone);
    let a = &m.attendance;
    out.para("## Attendance");
    let rows: Vec<Vec<String>> = a
        .members
        .iter()
        .map(|row| {
            let person = match (row.presence, &row.delegate) {
                (Presence::InPerson, Some(d)) => inline(d),
                _ => String::new(),
            };
            vec![
                named(&row.name, &row.member),
                person,
                inline(&row.status),
                row.weight.to_string(),
                presence(m, row, zone),
            ]
        })
        .collect();
    out.table(
        &["Member", "Attending", "Status", "Weight", "Present"],
        &[false, false, false, true, false],
        &rows,
    );
    let present = a.in_person + a.by_proxy;
    out.para(&format!(
        "{present} of {} present ({} in person, {} by proxy), {} absent ({} with apologies). Present voting weight: {} of {}.",
        plural(a.members.len() as u64, "member", "members"),
        a.in_person,
        a.by_proxy,
        a.absent,
        a.apologies,
        a.voting_weight_present,
        a.voting_weight_total
    ));
    if !m.guests.is_empty() {
        let guests: Vec<String> = m
            .guests
            .iter()
            .map(|g| match &g.affiliation {
                Some(a) => format!("{} ({})", inline(&g.name), inline(a)),
                None => inline(&g.name),
            })
            .collect();
        out.para(&format!("**Guests:** {}.", guests.join(", ")));
    }
    let q = &a.quorum;
    out.para(&format!(
        "**Quorum** at the end of the record: {}: {}.",
        q.sentence,
        if q.met { "met" } else { "**not met**" }
    ));
}

/// Notes as a list, line breaks kept.
pub(super) fn notes(out: &mut Out, notes: &[String]) {
    let lines: Vec<String> = notes.iter().map(|n| block(n, "  ")).collect();
    out.list(&lines);
}
