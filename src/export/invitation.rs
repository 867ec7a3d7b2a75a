//! The meeting invitation as iCalendar (RFC 5545, SPEC 5).
//!
//! Times are written in UTC, which every calendar client converts to its
//! user's zone; the description repeats the local time of every member so a
//! reader in Sydney sees at a glance that the meeting is at night there
//! (and on which day it ends), and gives each item's description and, for
//! a decision, the majority it needs (docs/invitations.md).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use icalendar::{Attendee, Calendar, Component, Event, EventLike, Property, Role};

use crate::agenda::Agenda;
use crate::charter::{Charter, DelegateRole, MemberStatus};
use crate::vote::MajorityRule;

use super::zone_label::zone_label;

/// Why an invitation cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvitationError {
    /// The agenda has no `start` yet.
    #[error("meeting `{0}` has no start time yet: schedule it first (set `start` in its agenda)")]
    NotScheduled(String),
    /// A written procedure has no meeting to invite to.
    #[error(
        "`{0}` is a written procedure: there is no meeting to invite to; members reply by its deadline (docs/written.md)"
    )]
    Written(String),
    /// Nobody can be named as the organizer.
    #[error(
        "the charter names no delegate with role \"secretary\" and an e-mail address to organise the meeting"
    )]
    NoOrganizer,
    /// The agenda's body is not in the charter.
    #[error("meeting `{meeting}` is for body `{body}`, which the charter does not define")]
    UnknownBody {
        /// The meeting.
        meeting: String,
        /// The body it names.
        body: String,
    },
}

/// The `.ics` text inviting the delegates of the meeting's body.
///
/// `now` becomes DTSTAMP and, in minutes since 2020, SEQUENCE: a later
/// export of the same meeting (say after it was rescheduled) carries a
/// higher sequence, so calendar clients replace the old event instead of
/// keeping both. UID is stable per meeting.
pub fn invitation(
    charter: &Charter,
    agenda: &Agenda,
    now: DateTime<Utc>,
) -> Result<String, InvitationError> {
    invitation_with_host_key(charter, agenda, now, None)
}

/// [`invitation`], naming in its description the SHA-256 fingerprint of
/// the `plenary serve` host key members will see when they connect.
pub fn invitation_with_host_key(
    charter: &Charter,
    agenda: &Agenda,
    now: DateTime<Utc>,
    host_key: Option<&str>,
) -> Result<String, InvitationError> {
    let meeting = &agenda.meeting;
    if meeting.kind == crate::agenda::MeetingKind::Written {
        return Err(InvitationError::Written(meeting.id.clone()));
    }
    let start = meeting
        .start
        .ok_or_else(|| InvitationError::NotScheduled(meeting.id.clone()))?;
    let end = start + Duration::minutes(i64::from(meeting.duration_minutes));
    let body = charter
        .body(&meeting.body)
        .ok_or_else(|| InvitationError::UnknownBody {
            meeting: meeting.id.clone(),
            body: meeting.body.clone(),
        })?;
    let (organizer_name, organizer_email) =
        organizer(charter, &body.members).ok_or(InvitationError::NoOrganizer)?;

    let mut event = Event::new();
    event
        .uid(&format!("{}@{}.plenary", meeting.id, charter.alliance.id))
        .timestamp(now)
        .sequence(sequence(now))
        .summary(&shown(&meeting.title))
        .description(&with_host_key(
            description(charter, agenda, start, end),
            host_key,
        ))
        .starts(start)
        .ends(end);
    if let Some(location) = &meeting.location {
        event.location(&shown(location));
    }
    event.append_property(
        Property::new("ORGANIZER", format!("mailto:{organizer_email}"))
            .add_parameter("CN", &shown(organizer_name))
            .done(),
    );
    let mut seen: Vec<&str> = Vec::new();
    for member in charter.members_of(body) {
        for delegate in &member.delegates {
            let Some(email) = delegate.email.as_deref() else {
                continue;
            };
            if seen.contains(&email) {
                continue;
            }
            seen.push(email);
            let role = if member.id == body.chair && delegate.role == DelegateRole::Chair {
                Role::Chair
            } else if member.status == MemberStatus::Observer
                || delegate.role == DelegateRole::Observer
            {
                Role::OptParticipant
            } else {
                Role::ReqParticipant
            };
            event.attendee(
                Attendee::new(format!("mailto:{email}"))
                    .cn(shown(&delegate.name))
                    .role(role)
                    .rsvp(true),
            );
        }
    }

    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//plenary//plenary//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "REQUEST"))
        .push(event.done());
    Ok(super::ics::refold(&calendar.done().to_string()))
}

/// The organizer: a secretary of one of the body's members if there is one,
/// else any secretary of the alliance.
fn organizer<'a>(charter: &'a Charter, body_members: &[String]) -> Option<(&'a str, &'a str)> {
    let secretaries = |in_body: bool| {
        charter
            .members
            .iter()
            .filter(move |m| body_members.contains(&m.id) == in_body)
            .flat_map(|m| &m.delegates)
            .filter(|d| d.role == DelegateRole::Secretary)
            .find_map(|d| d.email.as_deref().map(|e| (d.name.as_str(), e)))
    };
    secretaries(true).or_else(|| secretaries(false))
}

/// A name or title from the files as written into the calendar: control
/// characters escaped (iCalendar escapes line breaks in values, but an
/// escape sequence would reach whatever shows the file).
fn shown(text: &str) -> String {
    crate::text::escape_control(text).into_owned()
}

fn sequence(now: DateTime<Utc>) -> u32 {
    const EPOCH_2020: i64 = 1_577_836_800;
    u32::try_from((now.timestamp() - EPOCH_2020).max(0) / 60).unwrap_or(u32::MAX)
}

/// The description: the meeting's time in the alliance's zone and in UTC,
/// the agenda (each item's kind, time box, majority rule for a decision,
/// and its description), then every member's local time.
fn description(
    charter: &Charter,
    agenda: &Agenda,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> String {
    let zone = charter.alliance.timezone;
    let body = charter.body(&agenda.meeting.body);
    let mut text = format!(
        "{}\n{} ({}), {} to {} UTC{}\n\nAgenda\n",
        shown(&agenda.meeting.title),
        local_span(start, end, zone, "%a %-d %b %Y %H:%M"),
        zone.name(),
        start.format("%H:%M"),
        end.format("%H:%M"),
        next_day(start.date_naive(), end.date_naive()),
    );
    for (n, item) in agenda.items.iter().enumerate() {
        let minutes = item
            .minutes
            .map(|m| format!(", {m} min"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{}. {} ({}{minutes})\n",
            n + 1,
            shown(&item.title),
            item.kind.name()
        ));
        let rule = item
            .rule
            .as_deref()
            .and_then(|key| Some((key, *body?.rules.get(key)?)));
        if let Some((key, rule)) = rule {
            text.push_str(&format!(
                "   Majority: {} (the body's `{key}` rule), {}\n",
                rule.name(),
                majority_words(rule)
            ));
        }
        for line in item.description.iter().flat_map(|d| d.lines()) {
            text.push_str(&format!("   {}\n", shown(line.trim_end())));
        }
    }
    text.push_str("\nLocal times\n");
    if let Some(body) = body {
        for member in charter.members_of(body) {
            text.push_str(&format!(
                "{}: {}\n",
                shown(&member.name),
                local_span(start, end, member.timezone, "%a %-d %b %H:%M")
            ));
        }
    }
    text
}

/// `Wed 10 Mar 23:00 to 00:30 (+1 day) AEDT`: the start in `zone` as
/// `start_format`, the end's time, a mark when the end falls on a later
/// day there, and the zone's abbreviation at the end.
fn local_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz, start_format: &str) -> String {
    let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
    format!(
        "{} to {}{} {}",
        s.format(start_format),
        e.format("%H:%M"),
        next_day(s.date_naive(), e.date_naive()),
        zone_label(&e)
    )
}

/// ` (+1 day)` when `end` is a later day than `start`, else nothing.
fn next_day(start: NaiveDate, end: NaiveDate) -> String {
    match (end - start).num_days() {
        days if days <= 0 => String::new(),
        1 => " (+1 day)".to_owned(),
        days => format!(" (+{days} days)"),
    }
}

/// What a majority rule asks for, in a reader's words (SPEC 3.1).
fn majority_words(rule: MajorityRule) -> &'static str {
    match rule {
        MajorityRule::Simple => "more yes than no; abstentions do not count",
        MajorityRule::Absolute => "yes from more than half of the body's total voting weight",
        MajorityRule::TwoThirds => "yes from at least two thirds of the votes cast for and against",
        MajorityRule::Unanimous => "every present voting member in favour, no abstention",
        MajorityRule::Consensus => "no objection among the present voting members",
        MajorityRule::Double => "a majority of the members and a majority of the weight",
    }
}

/// The description, with how to check the server when there is one.
fn with_host_key(mut text: String, host_key: Option<&str>) -> String {
    if let Some(fingerprint) = host_key {
        text.push_str(&format!(
            "\n\nJoin live over SSH (plenary serve): the server's host key is {fingerprint}; connect only if ssh shows this fingerprint."
        ));
    }
    text
}
