//! Why a schedule request cannot be answered. Every variant is a problem
//! with the request itself (exit 1 at the command line), never a bug.

use chrono::{DateTime, Utc};

use crate::duration::format_minutes;

/// A duration as people say it: `4w`, `2d`, else like `1h30m`.
pub fn format_span(minutes: u32) -> String {
    const DAY: u32 = 24 * 60;
    match minutes {
        0 => format_minutes(0),
        m if m % (7 * DAY) == 0 => format!("{}w", m / (7 * DAY)),
        m if m % DAY == 0 => format!("{}d", m / DAY),
        m => format_minutes(m),
    }
}

/// A schedule request that cannot be answered, in the user's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The body has no members, so there is nobody to schedule for.
    #[error("the body has no members to schedule for")]
    NoMembers,
    /// A meeting must last at least a minute.
    #[error("the meeting duration must be at least one minute")]
    ZeroDuration,
    /// The step between candidate starts must be at least a minute.
    #[error("the step must be at least one minute")]
    ZeroStep,
    /// Candidate starts are aligned in UTC, so the step must divide a day.
    #[error(
        "the step {} does not divide 24 hours; use one of 5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h",
        format_minutes(*.0)
    )]
    StepNotDividingDay(u32),
    /// `to` is not after `from`.
    #[error("the range is empty: it ends ({to}) before or when it starts ({from})")]
    EmptyRange {
        /// Start of the range.
        from: DateTime<Utc>,
        /// End of the range.
        to: DateTime<Utc>,
    },
    /// The meeting does not fit in the range at all.
    #[error(
        "a {} meeting does not fit in the range, which lasts {}",
        format_span(*duration_minutes),
        format_span(*range_minutes)
    )]
    DurationLongerThanRange {
        /// The meeting's length.
        duration_minutes: u32,
        /// The range's length.
        range_minutes: u32,
    },
    /// The meeting fits in the range, but no start aligned to the step does.
    #[error(
        "no start aligned to the {} step (counted from 00:00 UTC) leaves room for the meeting in the range",
        format_minutes(*step_minutes)
    )]
    NoAlignedStart {
        /// The step.
        step_minutes: u32,
    },
    /// So many candidates that evaluating them would take unreasonably long.
    #[error(
        "the range holds {candidates} candidate starts, more than the {limit} allowed; narrow it or use a longer step"
    )]
    TooManyCandidates {
        /// How many there would be.
        candidates: u64,
        /// The limit.
        limit: u64,
    },
    /// The range reaches past the time-zone tables.
    #[error(
        "the time-zone tables cover dates up to the end of {last_year} only: end the range by \
         {last_year}-12-31"
    )]
    BeyondZoneTables {
        /// The last year covered.
        last_year: i32,
    },
    /// More ranked slots than one request may ask for.
    #[error("--top {asked} asks for more than the {limit} slots one request may list")]
    TooManySlots {
        /// How many were asked for.
        asked: usize,
        /// The limit.
        limit: usize,
    },
    /// More meetings than one series may hold.
    #[error("--count {asked} asks for more than the {limit} meetings one series may hold")]
    TooManyMeetings {
        /// How many were asked for.
        asked: usize,
        /// The limit.
        limit: usize,
    },
    /// A date or instant that is neither `YYYY-MM-DD` nor RFC 3339.
    #[error("`{0}` is neither a date (2027-03-08) nor an RFC 3339 instant (2027-03-08T14:00:00Z)")]
    MalformedDate(String),
    /// A series needs at least one meeting.
    #[error("a series needs --count of at least 1")]
    ZeroCount,
    /// A series whose period is shorter than a meeting.
    #[error(
        "a series every {} cannot hold {} meetings",
        format_span(*every_minutes),
        format_minutes(*duration_minutes)
    )]
    EveryShorterThanDuration {
        /// The period.
        every_minutes: u32,
        /// The meeting's length.
        duration_minutes: u32,
    },
    /// Not every occurrence of the series fits before the end of the range.
    #[error(
        "only {fits} of the {count} meetings (one every {}) fit in the range; extend --to or lower --count",
        format_span(*every_minutes)
    )]
    SeriesBeyondRange {
        /// Meetings asked for.
        count: usize,
        /// Meetings that fit.
        fits: usize,
        /// The period.
        every_minutes: u32,
    },
}
