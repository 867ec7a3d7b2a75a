//! The minutes as Markdown (CommonMark with GitHub pipe tables): the
//! default export, and the source of the HTML one. Layout in
//! `docs/minutes.md`; every user-written text goes through `escape`.

use chrono_tz::Tz;

use super::escape::{block, inline};
use super::model::{
    AttendanceRow, DecisionMinutes, DecisionOutcome, ItemMinutes, ItemStatus, Minutes, Presence,
    RankingMinutes, RollCallVote,
};
use super::when;
use crate::vote::decision::Choice;
use crate::vote::ranked::Marks;

/// The minutes as a Markdown document.
pub fn markdown(m: &Minutes) -> String {
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

/// A Markdown document being written, one block at a time.
#[derive(Default)]
struct Out(String);

impl Out {
    /// A block followed by a blank line.
    fn para(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push_str("\n\n");
    }

    /// A list of lines forming one block.
    fn list(&mut self, lines: &[String]) {
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
    fn table(&mut self, head: &[&str], right: &[bool], rows: &[Vec<String>]) {
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
fn code(id: &str) -> String {
    if id.is_empty() || id.contains(['`', '|', '\n', '\r']) {
        inline(id)
    } else {
        format!("`{id}`")
    }
}

/// `Full Name (`id`)`.
fn named(name: &str, id: &str) -> String {
    format!("{} ({})", inline(name), code(id))
}

fn member_name(m: &Minutes, id: &str) -> String {
    m.attendance
        .members
        .iter()
        .find(|r| r.member == id)
        .map_or_else(|| code(id), |r| named(&r.name, id))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
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
        format!("**Chair:** {}", named(&info.chair.name, &info.chair.id)),
    ];
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
    lines.push(format!(
        "**Generated:** {} by plenary",
        when::full(&m.generated_at, zone)
    ));
    out.list(&lines);
}

fn presence(m: &Minutes, row: &AttendanceRow, zone: Option<Tz>) -> String {
    match row.presence {
        Presence::InPerson => "in person".to_owned(),
        Presence::Proxy => match &row.proxy_holder {
            Some(holder) => format!("by proxy, held by {}", member_name(m, holder)),
            None => "by proxy".to_owned(),
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
            vec![
                named(&row.name, &row.member),
                inline(&row.status),
                row.weight.to_string(),
                presence(m, row, zone),
            ]
        })
        .collect();
    out.table(
        &["Member", "Status", "Weight", "Present"],
        &[false, false, true, false],
        &rows,
    );
    let present = a.in_person + a.by_proxy;
    out.para(&format!(
        "{present} of {} present ({} in person, {} by proxy), {} absent. Present voting weight: {} of {}.",
        plural(a.members.len() as u64, "member", "members"),
        a.in_person,
        a.by_proxy,
        a.absent,
        a.voting_weight_present,
        a.voting_weight_total
    ));
    let q = &a.quorum;
    out.para(&format!(
        "**Quorum** at the end of the record: {}: {}.",
        q.sentence,
        if q.met { "met" } else { "**not met**" }
    ));
}

fn item_section(out: &mut Out, m: &Minutes, item: &ItemMinutes, zone: Option<Tz>) {
    out.para(&format!("## {}. {}", item.number, inline(&item.title)));
    let mut meta = vec![capitalised(&inline(&item.kind))];
    if let Some(box_minutes) = item.time_box_minutes {
        meta.push(format!("time box {box_minutes} min"));
    }
    match item.status {
        ItemStatus::NotOpened => meta.push("not opened".to_owned()),
        ItemStatus::Open | ItemStatus::Closed => {
            if let Some(at) = &item.opened_at {
                meta.push(format!("opened {}", when::time(at, zone)));
            }
            match &item.closed_at {
                Some(at) => meta.push(format!("closed {}", when::time(at, zone))),
                None => meta.push("still open".to_owned()),
            }
        }
    }
    out.para(&format!("*{}*", meta.join(" · ")));
    if let Some(description) = &item.description {
        out.para(&block(description, ""));
    }
    if item.status == ItemStatus::NotOpened {
        out.para("Not taken up: this item was never opened.");
    }
    if let Some(d) = &item.decision {
        decision(out, m, d);
    }
    if let Some(r) = &item.ranking {
        ranking(out, r);
    }
    if !item.notes.is_empty() {
        out.para("**Notes**");
        notes(out, &item.notes);
    }
}

fn notes(out: &mut Out, notes: &[String]) {
    let lines: Vec<String> = notes.iter().map(|n| block(n, "  ")).collect();
    out.list(&lines);
}

fn decision(out: &mut Out, m: &Minutes, d: &DecisionMinutes) {
    match &d.motion {
        Some(motion) => out.para(&format!("**Motion:** {}", block(motion, ""))),
        None => out.para("**Motion:** none was put."),
    }
    let rule = match d.rule {
        Some(rule) => format!("{} = {}", code(&d.rule_key), rule.name()),
        None => format!("{} (not a rule of this body)", code(&d.rule_key)),
    };
    out.para(&format!("**Rule:** {rule}"));
    match &d.outcome {
        Some(o) => outcome(out, m, o),
        None => out.para(&format!(
            "**Outcome:** none: {}.",
            inline(d.no_outcome.as_deref().unwrap_or("no outcome"))
        )),
    }
    if !d.roll_call.is_empty() {
        out.para("**Roll call**");
        let rows: Vec<Vec<String>> = d
            .roll_call
            .iter()
            .map(|r| {
                let vote = match r.vote {
                    RollCallVote::Yes => "yes",
                    RollCallVote::No => "no",
                    RollCallVote::Abstain => "abstain",
                    RollCallVote::Recused => "recused",
                    RollCallVote::NotVoted => "did not vote",
                    RollCallVote::Absent => "absent",
                };
                let vote = match &r.proxy_holder {
                    Some(h) => format!("{vote} (by proxy, held by {})", member_name(m, h)),
                    None => vote.to_owned(),
                };
                vec![named(&r.name, &r.member), r.weight.to_string(), vote]
            })
            .collect();
        out.table(&["Member", "Weight", "Vote"], &[false, true, false], &rows);
    }
}

fn outcome(out: &mut Out, m: &Minutes, o: &DecisionOutcome) {
    let rows = vec![
        vec![
            "Yes".to_owned(),
            o.yes.weight.to_string(),
            o.yes.members.to_string(),
        ],
        vec![
            "No".to_owned(),
            o.no.weight.to_string(),
            o.no.members.to_string(),
        ],
        vec![
            "Abstain".to_owned(),
            o.abstain.weight.to_string(),
            o.abstain.members.to_string(),
        ],
        vec![
            "Recused".to_owned(),
            o.recused.weight.to_string(),
            o.recused.members.to_string(),
        ],
        vec![
            "Not voted".to_owned(),
            o.not_voted.weight.to_string(),
            o.not_voted.members.to_string(),
        ],
        vec![
            "Present".to_owned(),
            format!("{} of {}", o.present.weight, o.total.weight),
            format!("{} of {}", o.present.members, o.total.members),
        ],
    ];
    out.table(&["Votes", "Weight", "Members"], &[false, true, true], &rows);
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| member_name(m, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![format!(
        "**Quorum:** {}: {}",
        o.quorum.sentence,
        if o.quorum.met { "met" } else { "**not met**" }
    )];
    if !o.recused.ids.is_empty() {
        lines.push(format!("**Recused:** {}", names(&o.recused.ids)));
    }
    if !o.not_voted.ids.is_empty() {
        lines.push(format!("**Did not vote:** {}", names(&o.not_voted.ids)));
    }
    if let Some(choice) = o.casting_vote {
        let choice = match choice {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        };
        lines.push(format!(
            "**Casting vote:** the chair's vote ({choice}) decided the tie"
        ));
    }
    let verdict = match (o.is_final, o.passed) {
        (true, true) => "**Passed**".to_owned(),
        (true, false) => "**Not passed**".to_owned(),
        (false, true) => "**Provisional** (the item is still open): passing so far".to_owned(),
        (false, false) => "**Provisional** (the item is still open): not passing so far".to_owned(),
    };
    lines.push(format!(
        "**Outcome:** {verdict}. {}.",
        capitalised(&inline(&o.explanation))
    ));
    lines.push(format!("**Result:** {}", inline(&o.summary)));
    out.list(&lines);
}

fn option_name(r: &RankingMinutes, id: &str) -> String {
    r.options
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| code(id), |o| named(&o.name, &o.id))
}

fn ranking(out: &mut Out, r: &RankingMinutes) {
    let mut lines = vec![format!(
        "**Method:** {}, {}",
        r.method,
        plural(r.seats, "seat", "seats")
    )];
    match &r.result {
        Some(result) => {
            lines.push(format!(
                "**Ballots:** {}, total weight {}",
                result.ballots, result.weight
            ));
            let winners: Vec<String> = result.winners.iter().map(|w| option_name(r, w)).collect();
            let label = if result.is_final {
                "**Adopted:**"
            } else {
                "**Leading** (provisional, the item is still open):"
            };
            lines.push(format!("{label} {}", winners.join(", ")));
            if let Some(sentence) = &result.tie_break {
                lines.push(format!("**Tie-break:** {}", block(sentence, "  ")));
            } else if result.tie_broken {
                lines.push("**Tie-break:** a tie was broken".to_owned());
            }
            out.list(&lines);
            let mut rank = 1;
            let rows: Vec<Vec<String>> = result
                .ranking
                .iter()
                .map(|tier| {
                    let names: Vec<String> = tier.iter().map(|o| option_name(r, o)).collect();
                    let tied = if tier.len() > 1 { " (tied)" } else { "" };
                    let row = vec![rank.to_string(), format!("{}{tied}", names.join(", "))];
                    rank += tier.len();
                    row
                })
                .collect();
            out.table(&["Rank", "Option"], &[true, false], &rows);
        }
        None => {
            lines.push(format!(
                "**Result:** none: {}.",
                inline(r.no_result.as_deref().unwrap_or("no result"))
            ));
            out.list(&lines);
        }
    }
    if !r.ballots.is_empty() {
        out.para("**Ballots**");
        let rows: Vec<Vec<String>> = r
            .ballots
            .iter()
            .map(|b| {
                let marks = match &b.marks {
                    Marks::Ranking(list) => list.join(" > "),
                    Marks::Approve(list) => format!("approves {}", list.join(", ")),
                    Marks::Scores(scores) => scores
                        .iter()
                        .map(|(o, s)| format!("{o} = {s}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                let marks = if marks.is_empty() {
                    "(empty)".to_owned()
                } else {
                    inline(&marks)
                };
                vec![named(&b.name, &b.member), b.weight.to_string(), marks]
            })
            .collect();
        out.table(
            &["Member", "Weight", "Ballot"],
            &[false, true, false],
            &rows,
        );
    }
}
