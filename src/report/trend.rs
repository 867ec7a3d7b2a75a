//! A programme's metrics over one series of periods, for the dashboard and
//! the report's text charts: the values in time, the latest against its
//! target, and the change from the period before.

use std::collections::BTreeSet;

use crate::charter::{Metric, Period, PeriodLength, Programme};

/// One metric over one series (years, halves or quarters).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    /// The metric's name.
    pub metric: String,
    /// `(period, value)` of every report of the series with this metric, in time.
    pub values: Vec<(Period, Metric)>,
    /// The target of the latest period with a value, if one was agreed.
    pub target: Option<Metric>,
    /// The latest value minus the value of the period just before it, when
    /// both were reported (rounded to 9 decimal places).
    pub change: Option<f64>,
}

/// The latest period of a programme's first series, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    /// The latest period of the series.
    pub period: Period,
    /// Metrics that rose, fell or stayed the same since the period before.
    pub up: usize,
    /// See `up`.
    pub down: usize,
    /// See `up`.
    pub flat: usize,
    /// Targets of that period reached (a value at or above its target).
    pub met: usize,
    /// Targets of that period with a value to compare.
    pub targets: usize,
}

/// `now - before`, rounded so that 0.62 - 0.6 reads 0.02.
pub fn difference(now: Metric, before: Metric) -> f64 {
    ((now.as_f64() - before.as_f64()) * 1e9).round() / 1e9
}

/// A change with its sign: `+3`, `-0.02`, `+150,000`, `±0`.
pub fn signed(change: f64) -> String {
    if change == 0.0 {
        return "±0".to_owned();
    }
    // Whole changes of counts are far below 2^53: the conversion is exact.
    let text = if change.fract() == 0.0 && change.abs() < 1e15 {
        super::render::number(super::Number::Integer(change as i64))
    } else {
        change.to_string()
    };
    if change > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// Every metric of `programme` over the series of `length`, by name.
pub fn series(programme: &Programme, length: PeriodLength) -> Vec<MetricSeries> {
    let reports: Vec<_> = programme.series(length).collect();
    let names: BTreeSet<&String> = reports.iter().flat_map(|r| r.metrics.keys()).collect();
    names
        .into_iter()
        .map(|name| {
            let values: Vec<(Period, Metric)> = reports
                .iter()
                .filter_map(|r| r.metrics.get(name).map(|v| (r.period, *v)))
                .collect();
            let latest = values.last().copied();
            let find = |p: Period| reports.iter().find(|r| r.period == p);
            let target = latest.and_then(|(p, _)| find(p)?.targets.get(name).copied());
            let change = latest.and_then(|(p, now)| {
                let before = find(p.previous())?.metrics.get(name)?;
                Some(difference(now, *before))
            });
            MetricSeries {
                metric: name.clone(),
                values,
                target,
                change,
            }
        })
        .collect()
}

/// The latest period of the programme's first series (years before
/// halves before quarters) against the one before it; none without reports.
pub fn trend(programme: &Programme) -> Option<Trend> {
    let length = programme.reports.first()?.period.length;
    let latest = programme.series(length).last()?;
    let previous = programme
        .series(length)
        .find(|r| r.period == latest.period.previous());
    let mut trend = Trend {
        period: latest.period,
        up: 0,
        down: 0,
        flat: 0,
        met: 0,
        targets: 0,
    };
    for (name, now) in &latest.metrics {
        if let Some(before) = previous.and_then(|r| r.metrics.get(name)) {
            match difference(*now, *before) {
                d if d > 0.0 => trend.up += 1,
                d if d < 0.0 => trend.down += 1,
                _ => trend.flat += 1,
            }
        }
        if let Some(target) = latest.targets.get(name) {
            trend.targets += 1;
            trend.met += usize::from(now.as_f64() >= target.as_f64());
        }
    }
    Some(trend)
}

/// Values as a line of block characters, the lowest `▁` and the highest
/// `█` (a line of text is too short for bars from zero to show change).
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| {
            let share = if high > low {
                (v - low) / (high - low)
            } else {
                1.0
            };
            // share is in [0, 1], so the index is in 0..=7.
            BARS[(share * 7.0).round() as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn example(id: &str) -> Programme {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/gcra");
        let ws = Workspace::load(&root).unwrap();
        ws.charter
            .programmes
            .into_iter()
            .find(|p| p.id == id)
            .unwrap()
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed(7.0), "+7");
        assert_eq!(signed(150_000.0), "+150,000");
        assert_eq!(signed(-0.02), "-0.02");
        assert_eq!(signed(0.0), "±0");
    }

    #[test]
    fn a_sparkline_spans_lowest_to_highest() {
        assert_eq!(sparkline(&[31.0, 38.0, 41.0]), "▁▆█");
        assert_eq!(sparkline(&[5.0, 5.0]), "██");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn series_keep_years_and_halves_apart() {
        let exchange = example("early-career-exchange");
        let years = series(&exchange, PeriodLength::Year);
        let students = years
            .iter()
            .find(|s| s.metric == "students_exchanged")
            .unwrap();
        assert_eq!(students.values.len(), 3);
        assert_eq!(students.target, Some(Metric::Integer(70)));
        assert_eq!(students.change, Some(7.0));
        let halves = series(&exchange, PeriodLength::Half);
        let students = halves
            .iter()
            .find(|s| s.metric == "students_exchanged")
            .unwrap();
        // 29 + 35 is not 64's business: the halves are their own series.
        assert_eq!(students.values.len(), 2);
        assert_eq!(students.change, Some(6.0));
        assert!(series(&exchange, PeriodLength::Quarter).is_empty());
    }

    #[test]
    fn the_trend_counts_changes_and_targets_met() {
        let water = example("joint-centre-water");
        let trend = trend(&water).unwrap();
        assert_eq!(trend.period.to_string(), "2027");
        assert_eq!((trend.up, trend.down, trend.flat), (4, 0, 0));
        // publications 41 of 45 (missed), funding 2,400,000 of 2,400,000 (met).
        assert_eq!((trend.met, trend.targets), (1, 2));
    }
}
