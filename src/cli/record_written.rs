//! `plenary record` in a written procedure (SPEC 9, docs/written.md): the
//! words of `open-procedure`, `reply`, `extend`, `withdraw`, `close` and
//! `note` turned into events, and what is printed after them. The rules
//! are the domain's (`plenary::meeting::written`); this only reads words.

use anyhow::{Context as _, bail};
use plenary::agenda::{DeadlineSpec, ItemKind};
use plenary::meeting::written::provisional;
use plenary::meeting::{Answer, Context, Event, ItemOutcome, MeetingState, ReplyChoice};
use plenary::vote::decision::Reason;
use plenary::vote::ranked::BallotKind;

use super::record::parse_marks;

/// Turns the event words into events, in order.
pub fn parse(words: &[String], ctx: &Context) -> anyhow::Result<Vec<Event>> {
    let mut events = Vec::new();
    for group in words.split(|w| w == ",") {
        let Some((verb, rest)) = group.split_first() else {
            continue;
        };
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        let event =
            parse_one(verb, &rest, ctx).with_context(|| format!("in `{}`", group.join(" ")))?;
        events.push(event);
    }
    if events.is_empty() {
        bail!("no event given");
    }
    Ok(events)
}

fn parse_one(verb: &str, rest: &[&str], ctx: &Context) -> anyhow::Result<Event> {
    let need = |n: usize, usage: &str| -> anyhow::Result<()> {
        if rest.len() < n {
            bail!("usage: {usage}");
        }
        Ok(())
    };
    Ok(match verb {
        "open-procedure" => Event::ProcedureOpened { deadline: None },
        "reply" => parse_reply(rest, ctx)?,
        "extend" => {
            need(2, "extend DEADLINE REASON...")?;
            let spec = DeadlineSpec::parse(rest[0]).map_err(anyhow::Error::msg)?;
            Event::DeadlineExtended {
                deadline: spec.resolve(ctx.charter.alliance.timezone),
                reason: rest[1..].join(" "),
            }
        }
        "withdraw" => {
            need(
                1,
                "withdraw REASON... (in a written procedure, it withdraws the procedure)",
            )?;
            Event::ProcedureWithdrawn {
                reason: rest.join(" "),
            }
        }
        "close" => Event::ProcedureClosed {
            early: false,
            why: String::new(),
            reason: (!rest.is_empty()).then(|| rest.join(" ")),
            outcomes: Default::default(),
        },
        "void" => {
            need(2, "void SEQ REASON...")?;
            let target = rest[0]
                .trim_start_matches('#')
                .parse::<u64>()
                .with_context(|| format!("`{}` is not an event number such as 12", rest[0]))?;
            Event::Void {
                target,
                reason: rest[1..].join(" "),
            }
        }
        "note" => {
            need(1, "note TEXT...")?;
            Event::Note {
                item: None,
                text: rest.join(" "),
            }
        }
        other => bail!(
            "unknown event `{other}` in a written procedure; its events are open-procedure, reply, extend, withdraw, close, void, note"
        ),
    })
}

/// `reply [ITEM] MEMBER CHOICE... [--via TEXT]`.
fn parse_reply(rest: &[&str], ctx: &Context) -> anyhow::Result<Event> {
    const USAGE: &str = "usage: reply [ITEM] MEMBER CHOICE [--via TEXT]";
    let (words, via) = match rest.iter().position(|w| *w == "--via") {
        Some(at) => {
            let evidence = rest[at + 1..].join(" ");
            if evidence.trim().is_empty() {
                bail!("--via needs the evidence, e.g. --via \"email 2027-05-03\"");
            }
            (&rest[..at], Some(evidence))
        }
        None => (rest, None),
    };
    let items = &ctx.agenda.items;
    let (item, words) = match words.split_first() {
        Some((first, more)) if items.iter().any(|i| i.id == *first) => {
            (items.iter().find(|i| i.id == *first), more)
        }
        _ if items.len() == 1 => (items.first(), words),
        _ => {
            let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
            bail!(
                "name the item first: this procedure has {} items ({}); {USAGE}",
                ids.len(),
                ids.join(", ")
            )
        }
    };
    let item = item.context(USAGE)?;
    let Some((member, choice)) = words.split_first() else {
        bail!(USAGE);
    };
    if choice.is_empty() {
        bail!(USAGE);
    }
    let word = match choice {
        [word] => Some(reply_choice(word)),
        _ => None,
    };
    let answer = match (item.kind, word) {
        (ItemKind::Ranking, Some(Some(c @ (ReplyChoice::Abstain | ReplyChoice::Recuse)))) => {
            Answer::Choice(c)
        }
        (ItemKind::Ranking, _) => {
            let kind = item
                .ranking
                .as_ref()
                .map_or(BallotKind::Ranking, |r| r.method.ballot_kind());
            Answer::from_marks(parse_marks(kind, choice)?)
        }
        (_, Some(Some(c))) => Answer::Choice(c),
        (_, Some(None)) => bail!(
            "`{}` is not a reply: use yes, no, abstain or recuse (or y, n, a, r)",
            choice[0]
        ),
        (_, None) => bail!("a reply on a decision is one word: yes, no, abstain or recuse"),
    };
    Ok(Event::Reply {
        item: item.id.clone(),
        member: (*member).to_owned(),
        answer,
        via,
    })
}

fn reply_choice(word: &str) -> Option<ReplyChoice> {
    match word.to_ascii_lowercase().as_str() {
        "yes" | "y" => Some(ReplyChoice::Yes),
        "no" | "n" => Some(ReplyChoice::No),
        "abstain" | "a" => Some(ReplyChoice::Abstain),
        "recuse" | "r" => Some(ReplyChoice::Recuse),
        _ => None,
    }
}

/// What `plenary record` prints after a written procedure's events: the
/// deadline in the alliance's zone after it opens or moves, each replied
/// item's provisional outcome after the replies, every outcome after the
/// close.
pub fn report(ctx: &Context, state: &MeetingState, events: &[&Event]) {
    let mut replied: Vec<&str> = Vec::new();
    for event in events {
        match event {
            Event::Reply { item, .. } if !replied.contains(&item.as_str()) => replied.push(item),
            _ => report_one(ctx, state, event),
        }
    }
    for item in replied {
        if let Some(it) = ctx.agenda.items.iter().find(|i| i.id == item)
            && let Some(Ok(outcome)) = provisional(ctx, state, it)
        {
            println!(
                "  {item} so far, if nobody else replies: {}",
                summary(&outcome)
            );
        }
    }
}

fn report_one(ctx: &Context, state: &MeetingState, event: &Event) {
    let tz = ctx.charter.alliance.timezone;
    let deadline = state.written().and_then(|w| w.deadline);
    match event {
        Event::ProcedureOpened { .. } | Event::DeadlineExtended { .. } => {
            if let Some(d) = deadline {
                println!("  {}", d.closes(tz, None));
            }
        }
        Event::ProcedureClosed { outcomes, .. } => {
            for (item, outcome) in outcomes {
                println!("  {item}: {}", summary(outcome));
                match outcome {
                    // Without quorum the explanation is the quorum sentence itself.
                    ItemOutcome::Decision(o) if o.reason == Reason::NoQuorum => {
                        println!("  {}", o.explanation());
                    }
                    ItemOutcome::Decision(o) => {
                        println!("  {}; quorum: {}", o.explanation(), o.quorum_sentence());
                    }
                    ItemOutcome::Ranking(_) => {}
                }
            }
        }
        _ => {}
    }
}

fn summary(outcome: &ItemOutcome) -> String {
    match outcome {
        ItemOutcome::Decision(o) => o.summary(),
        ItemOutcome::Ranking(r) => r.summary(),
    }
}
