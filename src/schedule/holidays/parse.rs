//! Reading `data/holidays.tsv` (its format is described at the top of
//! `scripts/gen_holidays.py`). The table is generated, but a damaged line
//! is skipped rather than trusted or panicked on; a test checks that the
//! bundled table has none.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::{Calendar, CalendarId, Entry, Holiday, Table};

/// The index of every calendar in `data`.
pub(super) fn index(data: &'static str) -> Table {
    let mut t = Table {
        source: "",
        years: (0, -1),
        entries: Vec::new(),
        by_code: HashMap::new(),
        calendars: Vec::new(),
    };
    for line in data.lines() {
        if let Some(comment) = line.strip_prefix("# Source: ") {
            t.source = comment.split(", default").next().unwrap_or(comment);
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        match fields.as_slice() {
            ["years", first, last] => {
                t.years = (first.parse().unwrap_or(0), last.parse().unwrap_or(-1));
            }
            ["@", code, first, last, name] => {
                let country = code
                    .split_once('-')
                    .and_then(|(c, _)| t.by_code.get(c))
                    .map(|id| usize::from(id.0));
                let Ok(id) = u16::try_from(t.entries.len()) else {
                    break;
                };
                t.by_code.insert(code.to_uppercase(), CalendarId(id));
                t.entries.push(Entry {
                    code,
                    name,
                    first: first.parse().unwrap_or(0),
                    last: last.parse().unwrap_or(-1),
                    aliases: Vec::new(),
                    lines: Vec::new(),
                    country,
                });
            }
            ["=", alias] => {
                if let Some(e) = t.entries.last_mut() {
                    e.aliases.push(alias);
                }
            }
            [_, _] => {
                if let Some(e) = t.entries.last_mut() {
                    e.lines.push(line);
                }
            }
            _ => {}
        }
    }
    t.calendars = (0..t.entries.len()).map(|_| OnceLock::new()).collect();
    t
}

/// Calendar `i` of `t`: its country's holidays (for a subdivision) with its
/// own lines applied.
pub(super) fn calendar(t: &Table, i: usize) -> Calendar {
    let e = &t.entries[i];
    let mut holidays = match e.country {
        Some(c) if c != i => CalendarId(c as u16).calendar().holidays.clone(),
        _ => Vec::new(),
    };
    let mut removed = Vec::new();
    for line in &e.lines {
        let Some((name, tokens)) = line.split_once('\t') else {
            continue;
        };
        let mut year = None;
        for token in tokens.split(' ') {
            let Some(d) = date(token, e.first, e.last, &mut year) else {
                continue;
            };
            for (date, estimated, remove) in d {
                let h = Holiday {
                    date,
                    name,
                    estimated,
                };
                if remove {
                    removed.push(h)
                } else {
                    holidays.push(h)
                }
            }
        }
    }
    holidays.retain(|h| !removed.iter().any(|r| r.date == h.date && r.name == h.name));
    holidays.sort_by(|a, b| (a.date, a.name).cmp(&(b.date, b.name)));
    holidays.dedup_by(|a, b| a.date == b.date && a.name == b.name);
    Calendar {
        code: e.code,
        name: e.name,
        first_year: e.first,
        last_year: e.last,
        holidays,
    }
}

/// The dates one token stands for, each `(date, estimated, removed)`;
/// `year` carries the previous token's year for `MMDD` tokens.
fn date(
    token: &str,
    first: i32,
    last: i32,
    year: &mut Option<i32>,
) -> Option<Vec<(NaiveDate, bool, bool)>> {
    let (removed, token) = match token.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, token),
    };
    let (estimated, token) = match token.strip_prefix('~') {
        Some(t) => (true, t),
        None => (false, token),
    };
    let number = |s: &str| -> Option<u32> {
        (s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty())
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(md) = token.strip_prefix('*') {
        let (m, d) = (number(md.get(..2)?)?, number(md.get(2..)?)?);
        return Some(
            (first..=last)
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .map(|day| (day, estimated, removed))
                .collect(),
        );
    }
    let (y, md) = match token.len() {
        8 => (i32::try_from(number(&token[..4])?).ok()?, &token[4..]),
        4 => ((*year)? + 1, token),
        _ => return None,
    };
    let day = NaiveDate::from_ymd_opt(y, number(md.get(..2)?)?, number(md.get(2..)?)?)?;
    *year = Some(y);
    Some(vec![(day, estimated, removed)])
}

/// Tokens of the bundled table that do not read, for the test that keeps
/// the table clean.
#[cfg(test)]
pub(super) fn damaged(t: &Table) -> Vec<String> {
    let mut bad = Vec::new();
    for e in &t.entries {
        for line in &e.lines {
            let Some((_, tokens)) = line.split_once('\t') else {
                bad.push(format!("{}: {line}", e.code));
                continue;
            };
            let mut year = None;
            for token in tokens.split(' ') {
                if date(token, e.first, e.last, &mut year).is_none() {
                    bad.push(format!("{}: {token}", e.code));
                }
            }
        }
    }
    bad
}
