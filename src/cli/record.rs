//! `plenary record [WORKSPACE] MEETING EVENT...`: headless recording, the
//! same events and rules as the meeting room.
//!
//! Grammar (several events may be chained with `,` as a separate word):
//!
//! ```text
//! present MEMBER[/DELEGATE]...   attend in person (DELEGATE: who attends for
//!                                it; default its representative)
//! absent MEMBER...               not (or no longer) there; proxies they held lapse
//! apologies MEMBER [DELEGATE...] absent with apologies (sent by DELEGATE)
//! guest NAME [AFFILIATION...]    a guest (quote a NAME with spaces)
//! proxy MEMBER HOLDER            MEMBER is represented by HOLDER
//! open ITEM | close ITEM         agenda items, one at a time
//! motion ITEM TEXT...            the motion put on a decision item
//! vote ITEM MEMBER CHOICE        CHOICE: yes|no|abstain (or y|n|a);
//! vote ITEM MEMBER=CHOICE...     several members at once
//! change ITEM MEMBER CHOICE      replace a vote already cast
//! recuse ITEM MEMBER...          conflict of interest: no vote on ITEM
//! ballot ITEM MEMBER OPTION...   ranking best first; approval: the approved
//!                                options; score: OPTION=SCORE...
//! change-ballot ITEM MEMBER ...  replace a ballot already cast
//! note TEXT...                   on the open item, else on the meeting
//! action OWNER[/DELEGATE] DUE TEXT...
//!                                an action item (DUE: YYYY-MM-DD, end of
//!                                that day in the owner's zone), on the open item
//! withdraw ITEM [REASON...]      withdraw the motion on the open item
//! reopen ITEM REASON...          open again an item closed by mistake
//! void SEQ REASON...             a vote, ballot, recusal or note on the
//!                                open item no longer counts
//! amend rule ITEM RULE           the meeting agrees another rule for ITEM
//! amend add ITEM KIND TITLE...   the meeting adds an item (KIND:
//!                                information, discussion or decision)
//! close-meeting                  nothing can be recorded after it
//! ```
//!
//! In a written procedure (an agenda with `kind = "written"`, see
//! docs/written.md):
//!
//! ```text
//! open-procedure                 start taking replies until the deadline
//! reply [ITEM] MEMBER CHOICE [--via TEXT]
//!                                a member's reply, final once recorded:
//!                                yes|no|abstain|recuse on a decision; on a
//!                                ranking the options as for `ballot` (or
//!                                abstain|recuse); ITEM may be left out when
//!                                there is one item; --via: how a reply
//!                                received otherwise came (required here)
//! extend DEADLINE REASON...      a later deadline (YYYY-MM-DD: the end of that
//!                                day in the alliance's zone; or RFC 3339)
//! withdraw REASON...             withdraw the procedure: nothing is decided
//! close [REASON...]              fix the outcome: after the deadline, or
//!                                before it once no reply can change it
//! void SEQ REASON...             a reply recorded in error no longer counts
//!                                (before the deadline; the member may reply again)
//! note TEXT...                   a note for the record
//! ```
//!
//! The journal's first event, `terms`, is written automatically: the
//! charter's and agenda's terms as they are at that moment.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use plenary::agenda::{ItemKind, MeetingKind};
use plenary::meeting::{
    Amendment, Event, Meeting, MeetingState, TermsItem, decide_item, rank_item,
};
use plenary::vote::decision::{Choice, Reason};
use plenary::vote::ranked::{BallotKind, Marks};

/// Arguments of `plenary record`.
#[derive(Debug, clap::Args)]
#[command(trailing_var_arg = true)]
pub struct Args {
    /// Who is recording (default: $PLENARY_BY, else $USER).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// The workspace folder (optional, default `.`), the meeting id, then the events listed below.
    // One list of words, not three arguments: whether the first word is the
    // workspace is known only by looking for its charter.
    #[arg(value_name = "WORDS", required = true, num_args = 1.., allow_hyphen_values = true)]
    words: Vec<std::ffi::OsString>,
}

/// Records the events, or explains why not (nothing written).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (root, rest) = super::workspace_arg::leading_workspace(&args.words)?;
    // A missing meeting or event is a usage error (exit 2), like a missing
    // argument; an event that does not parse or fit is invalid input (1).
    let Some((meeting_id, words)) = rest.split_first() else {
        return Ok(usage(
            "name the meeting and at least one event, e.g. `plenary record ws 2027-03-steering present uct`",
        ));
    };
    if words.iter().all(|w| w == ",") {
        return Ok(usage(
            "name at least one event after the meeting, e.g. `present uct`; see `plenary record --help`",
        ));
    }
    let ws = match super::check::load(&root)? {
        Ok(ws) => ws,
        Err(code) => return Ok(code),
    };
    let agenda = super::find_agenda(&ws, meeting_id)?;
    let meeting = Meeting::new(&ws, agenda)?;
    let by = plenary::recorder::recorder(args.by);
    let clock = plenary::clock::from_env().map_err(anyhow::Error::msg)?;
    // The words are read against the meeting as it is under the journal's
    // lock, so a note goes to the item that is really open then, and
    // against its frozen agenda.
    let (records, after) = meeting.record_with(&by, clock.now(), |state| {
        let ctx = state.context(*meeting.context());
        if ctx.agenda.meeting.kind == MeetingKind::Written {
            return super::record_written::parse(words, &ctx);
        }
        parse(words, state, ctx.agenda)
    })?;
    for record in &records {
        println!("#{} {}", record.seq, record.event.describe());
        if let Event::ItemClosed { item, .. } = &record.event {
            report_result(&meeting, &after, item);
        }
    }
    let ctx = after.context(*meeting.context());
    if ctx.agenda.meeting.kind == MeetingKind::Written {
        let events: Vec<&Event> = records.iter().map(|r| &r.event).collect();
        super::record_written::report(&ctx, &after, &events);
    }
    Ok(ExitCode::SUCCESS)
}

fn usage(message: &str) -> ExitCode {
    eprintln!("plenary: {message}");
    ExitCode::from(2)
}

fn report_result(meeting: &Meeting, state: &MeetingState, item_id: &str) {
    let ctx = &state.context(*meeting.context());
    let Some(item) = ctx.agenda.items.iter().find(|i| i.id == item_id) else {
        return;
    };
    match (decide_item(ctx, state, item), rank_item(ctx, state, item)) {
        (Some(Ok(outcome)), _) => {
            println!("  {}", outcome.summary());
            // Without quorum the explanation is the quorum sentence itself.
            if outcome.reason == Reason::NoQuorum {
                println!("  {}", outcome.explanation());
            } else {
                println!(
                    "  {}; quorum: {}",
                    outcome.explanation(),
                    outcome.quorum_sentence()
                );
            }
        }
        (_, Some(Ok(outcome))) => {
            println!("  {}", outcome.summary());
            let tiers: Vec<String> = outcome
                .result
                .ranking
                .iter()
                .map(|tier| tier.join(" = "))
                .collect();
            println!("  ranking: {}", tiers.join(" > "));
        }
        (Some(Err(e)), _) => println!("  no outcome: {e}"),
        (_, Some(Err(e))) => println!("  no result: {e}"),
        _ => {}
    }
}

/// Turns the event words into events, in order.
fn parse(
    words: &[String],
    state: &MeetingState,
    agenda: &plenary::agenda::Agenda,
) -> anyhow::Result<Vec<Event>> {
    let mut events = Vec::new();
    // A note goes on the item open at that point of the chain, which an
    // earlier `open` or `close` in the same command may have changed.
    let mut current = state.current.clone();
    for group in words.split(|w| w == ",") {
        let Some((verb, rest)) = group.split_first() else {
            continue;
        };
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        let parsed = parse_one(verb, &rest, current.as_deref(), agenda)
            .with_context(|| format!("in `{}`", group.join(" ")))?;
        for event in &parsed {
            match event {
                Event::ItemOpened { item } => current = Some(item.clone()),
                Event::ItemClosed { .. } => current = None,
                _ => {}
            }
        }
        events.extend(parsed);
    }
    if events.is_empty() {
        bail!("no event given");
    }
    Ok(events)
}

fn parse_one(
    verb: &str,
    rest: &[&str],
    current: Option<&str>,
    agenda: &plenary::agenda::Agenda,
) -> anyhow::Result<Vec<Event>> {
    let owned = |s: &str| s.to_owned();
    let need = |n: usize, usage: &str| -> anyhow::Result<()> {
        if rest.len() < n {
            bail!("usage: {usage}");
        }
        Ok(())
    };
    let events = match verb {
        "present" => {
            need(1, "present MEMBER[/DELEGATE]...")?;
            rest.iter()
                .map(|m| match m.split_once('/') {
                    Some((member, delegate)) => Event::Present {
                        member: owned(member),
                        delegate: Some(owned(delegate)),
                    },
                    None => Event::Present {
                        member: owned(m),
                        delegate: None,
                    },
                })
                .collect()
        }
        "absent" => {
            need(1, "absent MEMBER...")?;
            rest.iter()
                .map(|m| Event::Absent { member: owned(m) })
                .collect()
        }
        "apologies" => {
            need(1, "apologies MEMBER [DELEGATE...]")?;
            vec![Event::Apologies {
                member: owned(rest[0]),
                delegate: (rest.len() > 1).then(|| rest[1..].join(" ")),
            }]
        }
        "guest" => {
            need(1, "guest NAME [AFFILIATION...]")?;
            vec![Event::Guest {
                name: owned(rest[0]),
                affiliation: (rest.len() > 1).then(|| rest[1..].join(" ")),
            }]
        }
        "withdraw" => {
            need(1, "withdraw ITEM [REASON...]")?;
            vec![Event::Withdraw {
                item: owned(rest[0]),
                reason: (rest.len() > 1).then(|| rest[1..].join(" ")),
            }]
        }
        "reopen" => {
            need(2, "reopen ITEM REASON...")?;
            vec![Event::Reopen {
                item: owned(rest[0]),
                reason: rest[1..].join(" "),
            }]
        }
        "void" => {
            need(2, "void SEQ REASON...")?;
            let target = rest[0]
                .trim_start_matches('#')
                .parse::<u64>()
                .with_context(|| format!("`{}` is not an event number such as 12", rest[0]))?;
            vec![Event::Void {
                target,
                reason: rest[1..].join(" "),
            }]
        }
        "amend" => vec![parse_amendment(rest)?],
        "proxy" => {
            need(2, "proxy MEMBER HOLDER")?;
            vec![Event::Proxy {
                member: owned(rest[0]),
                holder: owned(rest[1]),
            }]
        }
        "open" => {
            need(1, "open ITEM")?;
            vec![Event::ItemOpened {
                item: owned(rest[0]),
            }]
        }
        "close" => {
            need(1, "close ITEM")?;
            vec![Event::ItemClosed {
                item: owned(rest[0]),
                outcome: None,
            }]
        }
        "motion" => {
            need(2, "motion ITEM TEXT...")?;
            vec![Event::Motion {
                item: owned(rest[0]),
                text: rest[1..].join(" "),
            }]
        }
        "vote" | "change" => {
            need(
                2,
                &format!("{verb} ITEM MEMBER CHOICE, or {verb} ITEM MEMBER=CHOICE..."),
            )?;
            let item = rest[0];
            let pairs: Vec<(&str, &str)> = if rest.len() == 3 && !rest[1].contains('=') {
                vec![(rest[1], rest[2])]
            } else {
                rest[1..]
                    .iter()
                    .map(|p| {
                        p.split_once('=')
                            .with_context(|| format!("`{p}` is not MEMBER=CHOICE"))
                    })
                    .collect::<anyhow::Result<_>>()?
            };
            pairs
                .into_iter()
                .map(|(member, choice)| {
                    Ok(Event::Vote {
                        item: owned(item),
                        member: owned(member),
                        choice: parse_choice(choice)?,
                        change: verb == "change",
                    })
                })
                .collect::<anyhow::Result<_>>()?
        }
        "recuse" => {
            need(2, "recuse ITEM MEMBER...")?;
            rest[1..]
                .iter()
                .map(|m| Event::Recusal {
                    item: owned(rest[0]),
                    member: owned(m),
                })
                .collect()
        }
        "ballot" | "change-ballot" => {
            need(2, &format!("{verb} ITEM MEMBER OPTION..."))?;
            let item = agenda
                .items
                .iter()
                .find(|i| i.id == rest[0] && i.kind == ItemKind::Ranking)
                .with_context(|| format!("there is no ranking item `{}` on the agenda", rest[0]))?;
            let kind = item
                .ranking
                .as_ref()
                .map_or(BallotKind::Ranking, |r| r.method.ballot_kind());
            vec![Event::Ballot {
                item: owned(rest[0]),
                member: owned(rest[1]),
                marks: parse_marks(kind, &rest[2..])?,
                change: verb == "change-ballot",
            }]
        }
        "note" => {
            need(1, "note TEXT...")?;
            vec![Event::Note {
                item: current.map(str::to_owned),
                text: rest.join(" "),
            }]
        }
        "close-meeting" => vec![Event::MeetingClosed],
        "action" => {
            need(3, "action OWNER[/DELEGATE] DUE TEXT...")?;
            let (owner, delegate) = match rest[0].split_once('/') {
                Some((owner, delegate)) => (owner, Some(delegate.to_owned())),
                None => (rest[0], None),
            };
            let due = plenary::actions::parse_due(rest[1])?;
            vec![Event::ActionCreated {
                text: rest[2..].join(" "),
                owner: owned(owner),
                delegate,
                due,
                item: current.map(str::to_owned),
            }]
        }
        "open-procedure" | "reply" | "extend" => bail!(
            "`{verb}` belongs to a written procedure; `{}` is a meeting (its agenda has no `kind = \"written\"`)",
            agenda.meeting.id
        ),
        other => bail!(
            "unknown event `{other}`; events are present, absent, apologies, guest, proxy, open, close, motion, vote, change, recuse, ballot, change-ballot, note, action, withdraw, reopen, void, amend, close-meeting"
        ),
    };
    Ok(events)
}

/// `amend rule ITEM RULE` or `amend add ITEM KIND TITLE...`.
fn parse_amendment(rest: &[&str]) -> anyhow::Result<Event> {
    const USAGE: &str = "usage: amend rule ITEM RULE, or amend add ITEM KIND TITLE...";
    let amendment = match rest {
        ["rule", item, rule] => Amendment::Rule {
            item: (*item).to_owned(),
            rule: (*rule).to_owned(),
        },
        ["add", id, kind, title @ ..] if !title.is_empty() => {
            let kind = match *kind {
                "information" => ItemKind::Information,
                "discussion" => ItemKind::Discussion,
                "decision" => ItemKind::Decision,
                other => bail!(
                    "`{other}` is not a kind of item that can be added: use information, discussion or decision"
                ),
            };
            Amendment::AddItem {
                item: Box::new(TermsItem {
                    id: (*id).to_owned(),
                    title: title.join(" "),
                    description: None,
                    kind,
                    rule: None,
                    minutes: None,
                    method: None,
                    options: Vec::new(),
                    seats: None,
                    approves: None,
                }),
            }
        }
        _ => bail!(USAGE),
    };
    Ok(Event::Amend { amendment })
}

fn parse_choice(word: &str) -> anyhow::Result<Choice> {
    match word.to_ascii_lowercase().as_str() {
        "yes" | "y" => Ok(Choice::Yes),
        "no" | "n" => Ok(Choice::No),
        "abstain" | "a" => Ok(Choice::Abstain),
        other => bail!("`{other}` is not a vote: use yes, no or abstain"),
    }
}

pub(super) fn parse_marks(kind: BallotKind, words: &[&str]) -> anyhow::Result<Marks> {
    let list = || words.iter().map(|w| (*w).to_owned()).collect();
    Ok(match kind {
        BallotKind::Ranking => Marks::Ranking(list()),
        BallotKind::Approve => Marks::Approve(list()),
        BallotKind::Scores => Marks::Scores(
            words
                .iter()
                .map(|w| {
                    let (option, score) = w
                        .split_once('=')
                        .with_context(|| format!("`{w}` is not OPTION=SCORE"))?;
                    let score: i64 = score
                        .parse()
                        .with_context(|| format!("`{score}` is not a whole number"))?;
                    Ok((option.to_owned(), score))
                })
                .collect::<anyhow::Result<BTreeMap<_, _>>>()?,
        ),
    })
}
