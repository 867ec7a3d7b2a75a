//! A written procedure's record as Markdown (docs/written.md): the
//! proposal, the deadline and its extensions, the rule and silence, every
//! reply with its time and evidence, who did not reply, each outcome with
//! its figures, and how the procedure ended. Fixed by the journal alone.

use chrono_tz::Tz;

use super::escape::{block, inline};
use super::markdown::{Out, capitalised, code, named, notes};
use super::model::Minutes;
use super::when;
use super::written::{WrittenItem, WrittenMinutes};
use crate::meeting::ItemOutcome;
use crate::vote::decision::Reason;

/// The written procedure's record as a Markdown document.
pub fn document(m: &Minutes, w: &WrittenMinutes) -> String {
    let zone = when::zone(&m.meeting.timezone);
    let mut out = Out::default();
    let info = &m.meeting;
    let draft = if m.draft { " (DRAFT)" } else { "" };
    out.para(&format!(
        "# Written procedure: {}{draft}",
        inline(&info.title)
    ));
    if m.draft {
        out.para(
            "> **DRAFT**: the procedure is not closed. This record is not final and may change.",
        );
    }
    let mut lines = vec![
        format!(
            "**Procedure:** {}, {} of the {}",
            code(&info.id),
            named(&info.body.name, &info.body.id),
            named(&info.alliance.name, &info.alliance.id)
        ),
        format!(
            "**Opened:** {}",
            w.opened_at
                .as_ref()
                .map_or_else(|| "not yet".to_owned(), |at| when::full(at, zone))
        ),
        format!("**Deadline:** {}", inline(&w.deadline_set.text)),
    ];
    for e in &w.extensions {
        lines.push(format!(
            "**Extended** (#{}, {}) to {}: {}",
            e.seq,
            when::full(&e.at, zone),
            inline(&e.to.text),
            inline(&e.reason)
        ));
    }
    lines.push(format!(
        "**Rule:** {}",
        match &w.rule {
            Some(rule) => format!("{} for every item (`[bodies.written]`)", code(rule)),
            None => "each item's own rule".to_owned(),
        }
    ));
    lines.push(format!(
        "**Silence:** {}",
        match w.silence.as_str() {
            "consent" => "consent: a member that does not reply counts as present and voting yes",
            _ => "none: a member that does not reply is absent",
        }
    ));
    lines.push(format!(
        "**Journal:** `{}`, {} events, last hash `{}`",
        inline(&m.journal.path),
        m.journal.events,
        m.journal.last_hash
    ));
    out.list(&lines);
    for item in &w.items {
        item_section(&mut out, item, zone);
    }
    if !w.voided.is_empty() {
        out.para("## Corrections");
        let lines: Vec<String> = w
            .voided
            .iter()
            .map(|v| {
                format!(
                    "#{} ({}): the reply #{} of {} on {} ({}) no longer counts: {}",
                    v.seq,
                    when::full(&v.at, zone),
                    v.target,
                    code(&v.member),
                    code(&v.item),
                    inline(&v.reply),
                    inline(&v.reason)
                )
            })
            .collect();
        out.list(&lines);
    }
    if !m.notes.is_empty() {
        out.para("## Notes");
        notes(&mut out, &m.notes);
    }
    out.para("---");
    out.para(&match &w.end {
        Some(end) if end.kind == "withdrawn" => format!(
            "*The procedure was withdrawn at {}: {}. Nothing was decided.*",
            when::full(&end.at, zone),
            inline(&end.why)
        ),
        Some(end) => {
            let words = end.reason.as_ref().map_or_else(String::new, |r| {
                format!(" The secretariat noted: {}.", inline(r))
            });
            format!(
                "*The procedure was closed{} at {}: {}.{words}*",
                if end.early { " early" } else { "" },
                when::full(&end.at, zone),
                inline(&end.why)
            )
        }
        None => {
            "*DRAFT: the procedure has not been closed; this record may still change.*".to_owned()
        }
    });
    out.into_text()
}

fn item_section(out: &mut Out, item: &WrittenItem, zone: Option<Tz>) {
    out.para(&format!("## {} ({})", inline(&item.title), code(&item.id)));
    if let Some(text) = &item.description {
        out.para(&format!("**Proposal:** {}", block(text, "")));
    }
    if let Some(rule) = &item.rule {
        out.para(&format!("Decided by rule {}.", code(rule)));
    }
    if item.replies.is_empty() {
        out.para("No replies were received.");
    } else {
        let rows: Vec<Vec<String>> = item
            .replies
            .iter()
            .map(|r| {
                vec![
                    named(&r.member.name, &r.member.id),
                    r.weight.to_string(),
                    inline(&r.reply),
                    when::full(&r.at, zone),
                    match &r.via {
                        Some(via) => format!("recorded by {} via {}", inline(&r.by), inline(via)),
                        None => format!("{} (own reply)", inline(&r.by)),
                    },
                ]
            })
            .collect();
        out.table(
            &["Member", "Weight", "Reply", "Received", "How"],
            &[false, true, false, false, false],
            &rows,
        );
    }
    if !item.not_replied.is_empty() {
        let names: Vec<String> = item
            .not_replied
            .iter()
            .map(|s| format!("{} ({})", named(&s.member.name, &s.member.id), s.weight))
            .collect();
        out.para(&format!(
            "**Did not reply** (counted as {}): {}.",
            item.not_replied[0].counted_as,
            names.join(", ")
        ));
    }
    let provisional = if item.provisional {
        "So far, if nobody else replies"
    } else {
        "Outcome"
    };
    match &item.outcome {
        Some(ItemOutcome::Decision(o)) => {
            out.para(&format!("**{provisional}:** {}.", o.summary()));
            if o.reason == Reason::NoQuorum && item.provisional {
                out.para(&format!("No quorum yet: {}.", o.quorum_sentence()));
            } else if o.reason == Reason::NoQuorum {
                out.para(&format!("{}.", capitalised(&o.explanation())));
            } else {
                out.para(&format!(
                    "{}; quorum: {}.",
                    capitalised(&o.explanation()),
                    o.quorum_sentence()
                ));
            }
        }
        Some(ItemOutcome::Ranking(r)) => {
            out.para(&format!("**{provisional}:** {}.", r.summary()));
            let tiers: Vec<String> = r.result.ranking.iter().map(|t| t.join(" = ")).collect();
            out.para(&format!("Ranking: {}.", inline(&tiers.join(" > "))));
        }
        None => {}
    }
}
