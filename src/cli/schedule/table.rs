//! The readable tables of `plenary schedule` (100 columns): ranked slots
//! and alternatives, a series with its burden, the ledger.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use rustc_hash::FxHashMap;

use plenary::charter::{Body, Charter};
use plenary::duration::format_minutes;
use plenary::schedule::{
    Anchor, Burden, Ledger, Note, Participant, Ranking, Search, Series, SeriesPlan, Slot,
    format_span,
};

const LEGEND: &str = "Local times per member; * = outside working hours, with the minutes \
outside;\nn = minutes in the member's night.\n";

const COLUMNS: &str = "start - end (UTC)";

fn rfc3339(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn ranking(charter: &Charter, body_name: &str, search: &Search, ranking: &Ranking) -> String {
    let mut out = String::new();
    let slots = &ranking.slots;
    let members = slots
        .first()
        .or(ranking.alternatives.first())
        .map_or(0, |s| s.participants.len());
    let _ = writeln!(
        out,
        "{body_name}: {members} members, {} meetings, starts every {} (UTC-aligned)",
        format_minutes(search.duration_minutes),
        format_minutes(search.step_minutes)
    );
    let _ = writeln!(out, "{}", range_line(charter, search.from, search.to));
    let _ = writeln!(
        out,
        "Ranked by: most inside hours, then least night, then least pain, then earliest."
    );
    let _ = writeln!(out, "{LEGEND}");
    let _ = writeln!(out, "  #  {COLUMNS:<28}   inside  outside  night  pain");
    for (rank, slot) in slots.iter().enumerate() {
        slot_block(&mut out, &format!("{:>3}", rank + 1), slot);
    }
    if slots.is_empty() {
        out.push_str("(no slot asked for: --top 0)\n");
    }
    let _ = writeln!(
        out,
        "\nAlternatives: the best slot of each distinct time of day (who is outside differs)"
    );
    let _ = writeln!(
        out,
        "  #  {COLUMNS:<28}   inside  outside  night  pain  outside hours"
    );
    for (i, slot) in ranking.alternatives.iter().enumerate() {
        let out_members: Vec<&str> = slot.outside_members().collect();
        let _ = writeln!(
            out,
            "{:>3}  {} {}",
            format!("a{}", i + 1),
            slot_line(slot),
            if out_members.is_empty() {
                "nobody".to_owned()
            } else {
                out_members.join(" ")
            }
        );
    }
    notes(&mut out, &ranking.notes);
    out
}

fn notes(out: &mut String, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nNotes:");
    for n in notes {
        let _ = writeln!(out, "  - {n}");
    }
}

pub fn series(
    charter: &Charter,
    body_name: &str,
    series: &Series,
    plan: &SeriesPlan,
    written: &[PathBuf],
) -> String {
    let mut out = String::new();
    let members = plan.burden.len();
    let _ = writeln!(
        out,
        "{body_name}: {members} members, a series of {} meetings of {}, one every {}",
        series.count,
        format_minutes(series.duration_minutes),
        format_span(series.every_minutes)
    );
    let _ = writeln!(out, "{}", range_line(charter, series.from, series.to));
    let _ = writeln!(out, "{}", anchor_note(series));
    let _ = writeln!(
        out,
        "Each meeting leaves at most {} more member{} outside hours than the best slot of its \
         period;\nwithin that the burden (outside + night meetings, from the ledger on) is \
         spread,\nthen night and pain kept low.",
        series.tolerance,
        if series.tolerance == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "{LEGEND}");
    let _ = writeln!(
        out,
        "  #  {COLUMNS:<28}   inside  outside  night  pain  (best of its period: outside)"
    );
    for o in &plan.occurrences {
        slot_block(&mut out, &format!("{:>3}", o.number), &o.slot);
        let _ = writeln!(
            out,
            "     best possible in its period: {} outside",
            o.best_outside
        );
    }
    if !plan.constraints.is_empty() {
        let _ = writeln!(out, "\nWhere geography leaves no choice:");
        for c in &plan.constraints {
            let _ = writeln!(out, "  - {c}");
        }
    }
    let _ = writeln!(
        out,
        "\nBurden per member: held (the ledger) and planned; night = any minute in the member's night"
    );
    let width = plan
        .burden
        .iter()
        .map(|b| b.member.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "  {:<width$}  {:<22} {:>19}   {:>19}",
        "", "", "held", "planned"
    );
    let _ = writeln!(
        out,
        "  {:<width$}  {:<22} inside outside night   inside outside night",
        "member", "zone"
    );
    for (b, h) in plan.burden.iter().zip(&plan.held) {
        let _ = writeln!(
            out,
            "  {:<width$}  {:<22} {:>6} {:>7} {:>5}   {:>6} {:>7} {:>5}",
            b.member,
            b.timezone.name(),
            h.inside,
            h.outside,
            h.night,
            b.inside,
            b.outside,
            b.night
        );
    }
    let _ = writeln!(
        out,
        "\nMost out-of-hours meetings for one member: {}; highest burden (held + planned): {};\n\
         total night {} minutes; total pain {} minutes.",
        plan.max_outside, plan.max_burden, plan.total_night_minutes, plan.total_pain_minutes
    );
    notes(&mut out, &plan.notes);
    if !written.is_empty() {
        let _ = writeln!(out, "\nAgendas written:");
        for p in written {
            let _ = writeln!(out, "  {}", p.display());
        }
    }
    out
}

pub fn ledger(charter: &Charter, body: Option<&Body>, ledger: &Ledger) -> String {
    let mut out = String::new();
    let scope = body.map_or("every body".to_owned(), |b| b.name.clone());
    let _ = writeln!(
        out,
        "Burden ledger of the meetings held ({scope}): {} meeting{}, counted at their frozen start",
        ledger.meetings.len(),
        if ledger.meetings.len() == 1 { "" } else { "s" }
    );
    for m in &ledger.meetings {
        let local = m.start.with_timezone(&charter.alliance.timezone);
        let _ = writeln!(
            out,
            "  {:<28} {}  {} UTC ({} {})",
            m.meeting,
            m.body,
            m.start.format("%Y-%m-%d %H:%M"),
            local.format("%H:%M"),
            charter.alliance.timezone.name()
        );
    }
    if ledger.burden.is_empty() {
        out.push_str("\nNo meeting has been held yet: every member starts at zero.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "\n  {:<12}  {:<22} inside outside night burden",
        "member", "zone"
    );
    for b in &ledger.burden {
        burden_row(&mut out, b);
    }
    out
}

fn burden_row(out: &mut String, b: &Burden) {
    let _ = writeln!(
        out,
        "  {:<12}  {:<22} {:>6} {:>7} {:>5} {:>6}",
        b.member,
        b.timezone.name(),
        b.inside,
        b.outside,
        b.night,
        b.weight()
    );
}

fn range_line(charter: &Charter, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let zone = charter.alliance.timezone;
    format!(
        "Range: {} to {} {}\n       ({} to {})",
        from.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
        to.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
        zone.name(),
        rfc3339(&from),
        rfc3339(&to)
    )
}

fn anchor_note(series: &Series) -> String {
    let every = format_span(series.every_minutes);
    match series.anchor {
        Anchor::Utc => format!(
            "Periods of {every} are laid out in UTC: across a DST change they keep their UTC times,\n\
             so on the clocks of zones that change they start an hour earlier or later."
        ),
        Anchor::Zone(zone) => format!(
            "Periods of {every} repeat at the same wall-clock date and time in {}: across its DST\n\
             changes they keep their local times there and move by an hour in UTC.",
            zone.name()
        ),
    }
}

/// `Mon 2027-03-15 13:00 - 14:30        5        2      0  3h`
fn slot_line(slot: &Slot) -> String {
    format!(
        "{} - {}   {:>6}  {:>7}  {:>5}  {:<5}",
        slot.start.format("%a %Y-%m-%d %H:%M"),
        slot.end.format("%H:%M"),
        slot.inside,
        slot.outside,
        slot.night_minutes,
        format_minutes(slot.pain_minutes)
    )
}

/// One line for the slot, then its participants two to a line, then its
/// holidays.
fn slot_block(out: &mut String, label: &str, slot: &Slot) {
    let _ = writeln!(out, "{label}  {}", slot_line(slot).trim_end());
    let width = slot
        .participants
        .iter()
        .map(|p| p.member.len())
        .max()
        .unwrap_or(0)
        .clamp(6, 12);
    // Members of one zone live the slot at the same local times: each
    // zone's times are formatted once per slot, not once per member
    // (thousands of cells, a few dozen zones).
    let mut times: FxHashMap<Tz, String> = FxHashMap::default();
    for pair in slot.participants.chunks(2) {
        out.push_str("     ");
        let line = out.len();
        for (i, p) in pair.iter().enumerate() {
            if i > 0 {
                out.push_str("   ");
            }
            let times = times.entry(p.timezone).or_insert_with(|| local_times(p));
            participant_cell(out, p, width, times);
        }
        let kept = out[line..].trim_end().len();
        out.truncate(line + kept);
        out.push('\n');
    }
    let holidays: Vec<String> = slot
        .participants
        .iter()
        .filter_map(|p| p.holiday.map(|h| format!("{} {h}", p.member)))
        .collect();
    if !holidays.is_empty() {
        let _ = writeln!(out, "     holiday: {}", holidays.join("; "));
    }
}

/// `Tue 13:45-15:15   +05:45`: the participant's local start and end,
/// the days the end is later, and the offset.
fn local_times(p: &Participant) -> String {
    let days = (p.local_end.date_naive() - p.local_start.date_naive()).num_days();
    let next = if days > 0 {
        format!("+{days}")
    } else {
        String::new()
    };
    format!(
        "{}-{}{next:<2} {}",
        p.local_start.format("%a %H:%M"),
        p.local_end.format("%H:%M"),
        p.local_start.format("%:z"),
    )
}

/// Writes one participant's cell (`times` from [`local_times`]), padded to
/// its full width.
fn participant_cell(out: &mut String, p: &Participant, width: usize, times: &str) {
    let id = match p.member.char_indices().nth(width) {
        Some((at, _)) => &p.member[..at],
        None => p.member.as_str(),
    };
    out.push(if p.inside_hours { ' ' } else { '*' });
    out.push_str(id);
    pad(out, width.saturating_sub(id.chars().count()));
    out.push(' ');
    out.push_str(times);
    out.push(' ');
    // Pain and night are ASCII, so bytes count columns.
    let pain = out.len();
    if !p.inside_hours {
        out.push_str(&format_minutes(p.pain_minutes));
    }
    pad(out, (pain + 5).saturating_sub(out.len()));
    out.push(' ');
    let night = out.len();
    if p.night_minutes > 0 {
        let _ = write!(out, "n{}", p.night_minutes);
    }
    pad(out, (night + 4).saturating_sub(out.len()));
}

/// `n` spaces.
fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
