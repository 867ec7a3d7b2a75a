//! Reading `data/holidays.tsv` (its format is described at the top of
//! `scripts/gen_holidays.py`). The table is generated, but a damaged line
//! is skipped rather than trusted or panicked on; a test checks that the
//! bundled table has none.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::{Calendar, CalendarId, Entry, Holiday, Table};

/// Where the next calendar's block starts at or after `from`: the start of
/// a line `@\tCODE\t...` (the end of `data` when there is none). An `@`
/// is rare elsewhere, so this skips along at the speed of `memchr`.
fn next_calendar(data: &str, from: usize) -> usize {
    let bytes = data.as_bytes();
    let mut at = from;
    while let Some(i) = data[at..].find('@') {
        let i = at + i;
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if line_start && bytes.get(i + 1) == Some(&b'\t') {
            return i;
        }
        at = i + 1;
    }
    data.len()
}

/// The index of every calendar in `data`. Only the header and each
/// calendar's first lines (its `@` line and the `=` aliases the generator
/// writes right after it) are read: a calendar's holiday lines, nearly all
/// of the table, are left for [`calendar`], so that loading a charter that
/// names two calendars does not walk the other nine hundred.
pub(super) fn index(data: &'static str) -> Table {
    let mut t = Table {
        source: "",
        years: (0, -1),
        entries: Vec::new(),
        by_code: HashMap::new(),
        calendars: Vec::new(),
    };
    let mut at = next_calendar(data, 0);
    for line in data[..at].lines() {
        if let Some(comment) = line.strip_prefix("# Source: ") {
            t.source = comment.split(", default").next().unwrap_or(comment);
        } else if let Some(("years", years)) = line.split_once('\t')
            && let Some((first, last)) = years.split_once('\t')
        {
            t.years = (first.parse().unwrap_or(0), last.parse().unwrap_or(-1));
        }
    }
    while at < data.len() {
        let next = next_calendar(data, at + 1);
        let block = &data[at..next];
        at = next;
        let (head, mut body) = block.split_once('\n').unwrap_or((block, ""));
        let fields: Vec<&'static str> = head.split('\t').collect();
        let ["@", code, first, last, name] = fields.as_slice() else {
            continue;
        };
        let mut aliases = Vec::new();
        while let Some(rest) = body.strip_prefix("=\t") {
            let (alias, after) = rest.split_once('\n').unwrap_or((rest, ""));
            if !alias.contains('\t') {
                aliases.push(alias);
            }
            body = after;
        }
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
            aliases,
            body,
            country,
        });
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
    for line in e.lines() {
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
        for line in e.lines() {
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
