//! The JSON documents of `plenary schedule` (SPEC 6): slots with their
//! participants, alternatives and notes; a series with its burden; the
//! ledger.

use std::path::PathBuf;

use chrono::{DateTime, SecondsFormat, TimeZone};
use serde::Serialize;

use plenary::schedule::{
    Burden, Ledger, Occurrence, Participant, Ranking, Series, SeriesPlan, Slot,
};

#[derive(Serialize)]
pub struct Head {
    pub body: String,
    pub duration_minutes: u32,
    pub step_minutes: u32,
}

#[derive(Serialize)]
pub struct RankingJson {
    #[serde(flatten)]
    head: Head,
    slots: Vec<SlotJson>,
    alternatives: Vec<SlotJson>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SlotJson {
    start: String,
    end: String,
    inside: usize,
    outside: usize,
    pain_minutes: u32,
    night_minutes: u32,
    outside_members: Vec<String>,
    participants: Vec<ParticipantJson>,
}

#[derive(Serialize)]
struct ParticipantJson {
    member: String,
    timezone: &'static str,
    local_start: String,
    local_end: String,
    inside_hours: bool,
    pain_minutes: u32,
    night_minutes: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    holiday: Option<HolidayJson>,
}

#[derive(Serialize)]
struct HolidayJson {
    name: &'static str,
    calendar: &'static str,
    date: String,
    estimated: bool,
}

#[derive(Serialize)]
pub struct SeriesJson {
    #[serde(flatten)]
    head: Head,
    every_minutes: u32,
    count: usize,
    anchor: &'static str,
    tolerance: u32,
    max_outside: u32,
    max_burden: u32,
    total_night_minutes: u64,
    total_pain_minutes: u64,
    slots: Vec<SlotJson>,
    series: Vec<OccurrenceJson>,
    burden: Vec<BurdenJson>,
    held: Vec<BurdenJson>,
    constraints: Vec<String>,
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agendas_written: Vec<String>,
}

#[derive(Serialize)]
struct OccurrenceJson {
    occurrence: usize,
    window_start: String,
    window_end: String,
    best_outside: usize,
    slot: SlotJson,
}

#[derive(Serialize)]
struct BurdenJson {
    member: String,
    timezone: &'static str,
    inside: u32,
    outside: u32,
    night: u32,
}

#[derive(Serialize)]
pub struct LedgerJson {
    meetings: Vec<HeldJson>,
    burden: Vec<BurdenJson>,
}

#[derive(Serialize)]
struct HeldJson {
    meeting: String,
    body: String,
    start: String,
    duration_minutes: u32,
}

fn rfc3339<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl From<&Slot> for SlotJson {
    fn from(slot: &Slot) -> Self {
        Self {
            start: rfc3339(&slot.start),
            end: rfc3339(&slot.end),
            inside: slot.inside,
            outside: slot.outside,
            pain_minutes: slot.pain_minutes,
            night_minutes: slot.night_minutes,
            outside_members: slot.outside_members().map(str::to_owned).collect(),
            participants: slot
                .participants
                .iter()
                .map(ParticipantJson::from)
                .collect(),
        }
    }
}

impl From<&Participant> for ParticipantJson {
    fn from(p: &Participant) -> Self {
        Self {
            member: p.member.clone(),
            timezone: p.timezone.name(),
            local_start: p.local_start.to_rfc3339_opts(SecondsFormat::Secs, false),
            local_end: p.local_end.to_rfc3339_opts(SecondsFormat::Secs, false),
            inside_hours: p.inside_hours,
            pain_minutes: p.pain_minutes,
            night_minutes: p.night_minutes,
            holiday: p.holiday.map(|h| HolidayJson {
                name: h.name,
                calendar: h.calendar,
                date: h.date.to_string(),
                estimated: h.estimated,
            }),
        }
    }
}

impl From<&Burden> for BurdenJson {
    fn from(b: &Burden) -> Self {
        Self {
            member: b.member.clone(),
            timezone: b.timezone.name(),
            inside: b.inside,
            outside: b.outside,
            night: b.night,
        }
    }
}

impl From<&Occurrence> for OccurrenceJson {
    fn from(o: &Occurrence) -> Self {
        Self {
            occurrence: o.number,
            window_start: rfc3339(&o.window_start),
            window_end: rfc3339(&o.window_end),
            best_outside: o.best_outside,
            slot: SlotJson::from(&o.slot),
        }
    }
}

pub fn ranking(head: Head, ranking: &Ranking) -> RankingJson {
    RankingJson {
        head,
        slots: ranking.slots.iter().map(SlotJson::from).collect(),
        alternatives: ranking.alternatives.iter().map(SlotJson::from).collect(),
        notes: ranking.notes.iter().map(ToString::to_string).collect(),
    }
}

pub fn series(head: Head, series: &Series, plan: &SeriesPlan, written: &[PathBuf]) -> SeriesJson {
    SeriesJson {
        head,
        every_minutes: series.every_minutes,
        count: series.count,
        anchor: series.anchor.name(),
        tolerance: series.tolerance,
        max_outside: plan.max_outside,
        max_burden: plan.max_burden,
        total_night_minutes: plan.total_night_minutes,
        total_pain_minutes: plan.total_pain_minutes,
        slots: plan
            .occurrences
            .iter()
            .map(|o| SlotJson::from(&o.slot))
            .collect(),
        series: plan.occurrences.iter().map(OccurrenceJson::from).collect(),
        burden: plan.burden.iter().map(BurdenJson::from).collect(),
        held: plan.held.iter().map(BurdenJson::from).collect(),
        constraints: plan.constraints.iter().map(ToString::to_string).collect(),
        notes: plan.notes.iter().map(ToString::to_string).collect(),
        agendas_written: written.iter().map(|p| p.display().to_string()).collect(),
    }
}

pub fn ledger(ledger: &Ledger) -> LedgerJson {
    LedgerJson {
        meetings: ledger
            .meetings
            .iter()
            .map(|m| HeldJson {
                meeting: m.meeting.clone(),
                body: m.body.clone(),
                start: rfc3339(&m.start),
                duration_minutes: m.duration_minutes,
            })
            .collect(),
        burden: ledger.burden.iter().map(BurdenJson::from).collect(),
    }
}
