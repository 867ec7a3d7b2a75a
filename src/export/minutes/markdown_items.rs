//! The agenda items in the Markdown minutes: one section each, with the
//! decision's figures, outcome and roll call, or the ranking's tiers and
//! ballots, and the item's notes.

use chrono_tz::Tz;

use super::escape::{block, inline};
use super::markdown::{Out, capitalised, code, member_name, named, notes, plural};
use super::model::{
    DecisionMinutes, DecisionOutcome, ItemMinutes, ItemStatus, Minutes, RankingMinutes,
    RollCallVote,
};
use super::when;
use crate::vote::decision::Choice;
use crate::vote::ranked::Marks;

pub(super) fn item_section(out: &mut Out, m: &Minutes, item: &ItemMinutes, zone: Option<Tz>) {
    out.para(&format!("## {}. {}", item.number, inline(&item.title)));
    let mut meta = vec![capitalised(&inline(&item.kind.replace('-', " ")))];
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
        ranking(out, m, r);
    }
    if !item.notes.is_empty() {
        out.para("**Notes**");
        notes(out, &item.notes);
    }
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
    if let Some(majority) = &d.majority {
        out.para(&format!("**Majority needed:** {}.", inline(majority)));
    }
    match &d.outcome {
        Some(o) => {
            outcome(out, m, o);
            if !d.left_after_voting.is_empty() {
                let names: Vec<String> = d
                    .left_after_voting
                    .iter()
                    .map(|id| member_name(m, id))
                    .collect();
                out.para(&format!(
                    "*Present* counts {} who voted and left before the item closed: a vote stands once cast, so the figure is higher than the roll call at the close.",
                    names.join(", ")
                ));
            }
        }
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

fn ranking(out: &mut Out, m: &Minutes, r: &RankingMinutes) {
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
            let q = &result.quorum;
            lines.push(format!(
                "**Quorum:** {}: {}",
                q.sentence,
                if q.met { "met" } else { "**not met**" }
            ));
            let winners: Vec<String> = result.winners.iter().map(|w| option_name(r, w)).collect();
            if q.met {
                let label = if result.is_final {
                    "**Adopted:**"
                } else {
                    "**Leading** (provisional, the item is still open):"
                };
                lines.push(format!("{label} {}", winners.join(", ")));
            } else {
                lines.push(format!(
                    "**Adopted:** nothing, for want of a quorum ({}). The ballots would have placed first: {}",
                    q.sentence,
                    winners.join(", ")
                ));
            }
            if !result.not_voted.is_empty() {
                let names: Vec<String> = result
                    .not_voted
                    .iter()
                    .map(|id| member_name(m, id))
                    .collect();
                lines.push(format!("**Cast no ballot:** {}", names.join(", ")));
            }
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
