//! Small text formats shared by the screens.

use chrono::{DateTime, Offset, TimeZone};
use ratatui::style::Style;

use super::theme::Theme;
use crate::actions::ActionItem;
use crate::charter::{Body, Member, MemberStatus, Metric, ProgrammeKind};
use crate::schedule::Availability;

/// Text from a file or a journal as drawn: control characters escaped
/// (`\u{1b}`, `\n`), so that a name shows what it holds, on one line.
/// (ratatui itself drops control characters; escaping makes them seen.)
pub fn shown(text: &str) -> String {
    crate::text::escape_control(text).into_owned()
}

/// A UTC offset as `+05:45`.
pub fn offset<Tz: TimeZone>(local: &DateTime<Tz>) -> String {
    let seconds = local.offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The city part of a zone name, as people say it: `Sao Paulo`.
pub fn city(zone: chrono_tz::Tz) -> String {
    zone.name()
        .rsplit('/')
        .next()
        .unwrap_or(zone.name())
        .replace('_', " ")
}

/// When an action item falls due, as its owner reads it: the last minute
/// of the due day in the owner's zone, `Thu 1 Apr 23:59 NZDT`.
pub fn local_due(item: &ActionItem) -> String {
    let last_minute = (item.due_at() - chrono::Duration::minutes(1)).with_timezone(&item.timezone);
    // `UTC-03:00` where the tz database has only `-03`, as the exports.
    format!(
        "{} {}",
        last_minute.format("%a %-d %b %H:%M"),
        crate::export::zone_label(&last_minute)
    )
}

/// The style for a member's situation.
pub fn availability_style(a: Availability, theme: &Theme) -> Style {
    match a {
        Availability::Working => theme.working,
        Availability::OffHours => theme.off_hours,
        Availability::Night => theme.night,
        Availability::DayOff => theme.day_off,
    }
}

/// How a member votes: its weight, or its non-voting status.
pub fn voting(m: &Member) -> String {
    match m.status {
        MemberStatus::Full => m.weight.to_string(),
        MemberStatus::Associate => "assoc".to_owned(),
        MemberStatus::Observer => "obs".to_owned(),
    }
}

/// A metric as people read it: `2,400,000`, `0.62`.
pub fn metric(value: Metric) -> String {
    match value {
        Metric::Integer(n) => thousands(n),
        Metric::Decimal(x) => x.to_string(),
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A programme kind in a few words.
pub fn programme_kind_short(kind: ProgrammeKind) -> &'static str {
    match kind {
        ProgrammeKind::JointResearchCentre => "joint research centre",
        ProgrammeKind::Exchange => "exchange",
        ProgrammeKind::Grant => "grant",
        ProgrammeKind::Publication => "publication",
        ProgrammeKind::Training => "training",
    }
}

/// A body's rules, default first: `default simple`, `budget two-thirds`.
pub fn rules_summary(body: &Body) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    if let Some(default) = body.rules.get("default") {
        rules.push(format!("default {}", default.name()));
    }
    rules.extend(
        body.rules
            .iter()
            .filter(|(k, _)| *k != "default")
            .map(|(k, r)| format!("{k} {}", r.name())),
    );
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn offsets_with_minutes() {
        let t = Utc.with_ymd_and_hms(2027, 3, 10, 14, 0, 0).unwrap();
        for (zone, expected) in [
            ("Asia/Kathmandu", "+05:45"),
            ("America/St_Johns", "-03:30"),
            ("Pacific/Chatham", "+13:45"),
            ("UTC", "+00:00"),
        ] {
            let tz: chrono_tz::Tz = zone.parse().unwrap();
            assert_eq!(offset(&t.with_timezone(&tz)), expected, "{zone}");
        }
    }

    #[test]
    fn due_dates_read_in_the_owners_zone() {
        let item = ActionItem {
            id: "m/1".into(),
            text: "t".into(),
            owner: "auckland".into(),
            delegate: None,
            due: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
            timezone: chrono_tz::Pacific::Auckland,
            status: crate::meeting::ActionStatus::Open,
            meeting: "m".into(),
            body: "b".into(),
            item: None,
            created: Utc.with_ymd_and_hms(2027, 3, 10, 14, 0, 0).unwrap(),
            created_by: "s".into(),
            history: vec![],
        };
        assert_eq!(local_due(&item), "Thu 1 Apr 23:59 NZDT");
    }

    #[test]
    fn metrics_read_well() {
        assert_eq!(metric(Metric::Integer(2_400_000)), "2,400,000");
        assert_eq!(metric(Metric::Integer(41)), "41");
        assert_eq!(metric(Metric::Integer(-1500)), "-1,500");
        assert_eq!(metric(Metric::Decimal(0.62)), "0.62");
    }
}
