//! The meeting invitation as iCalendar (RFC 5545, SPEC 5).
//!
//! Times are written in UTC, which every calendar client converts to its
//! user's zone; the description repeats the local time of every member so a
//! reader in Sydney sees at a glance that the meeting is at night there.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Attendee, Calendar, Component, Event, EventLike, Property, Role};

use crate::agenda::Agenda;
use crate::charter::{Charter, DelegateRole, MemberStatus};

/// Why an invitation cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvitationError {
    /// The agenda has no `start` yet.
    #[error("meeting `{0}` has no start time yet: schedule it first (set `start` in its agenda)")]
    NotScheduled(String),
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

fn description(
    charter: &Charter,
    agenda: &Agenda,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> String {
    let zone = charter.alliance.timezone;
    let (ls, le) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let mut text = format!(
        "{}\n{} to {} ({}), {} to {} UTC\n\nAgenda\n",
        shown(&agenda.meeting.title),
        ls.format("%a %-d %b %Y %H:%M"),
        le.format("%H:%M %Z"),
        zone.name(),
        start.format("%H:%M"),
        end.format("%H:%M"),
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
    }
    text.push_str("\nLocal times\n");
    if let Some(body) = charter.body(&agenda.meeting.body) {
        for member in charter.members_of(body) {
            let (s, e) = (
                start.with_timezone(&member.timezone),
                end.with_timezone(&member.timezone),
            );
            text.push_str(&format!(
                "{}: {} to {}\n",
                shown(&member.name),
                s.format("%a %-d %b %H:%M"),
                e.format("%H:%M %Z")
            ));
        }
    }
    text
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
