//! The `charter.toml` format as serde reads it: every key of SPEC 1.1, no
//! others, with spans kept on the values that validation may complain about.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::model::{CastingVote, DelegateRole, MemberKind, MemberStatus, ProgrammeKind, Silence};
use crate::vote::decision::QuorumBasis;

/// The top-level keys of a charter, in the order the SPEC lists them.
pub const SECTIONS: [&str; 6] = [
    "alliance",
    "defaults",
    "members",
    "bodies",
    "priorities",
    "programmes",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllianceFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub timezone: Spanned<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultsFile {
    pub working_hours: Option<Spanned<String>>,
    pub working_days: Option<Spanned<Vec<Spanned<String>>>>,
    pub night: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: MemberKind,
    pub country: Spanned<String>,
    pub timezone: Spanned<String>,
    #[serde(default)]
    pub status: MemberStatus,
    pub weight: Option<Spanned<i64>>,
    pub working_hours: Option<Spanned<String>>,
    pub working_days: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub blackout: Vec<Spanned<Datetime>>,
    pub holidays: Option<Spanned<String>>,
    pub night: Option<Spanned<String>>,
    #[serde(default)]
    pub delegates: Vec<DelegateFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelegateFile {
    pub name: Spanned<String>,
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub role: DelegateRole,
    pub ssh_key: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub members: Spanned<Vec<Spanned<String>>>,
    pub chair: Spanned<String>,
    pub quorum: Spanned<String>,
    #[serde(default)]
    pub quorum_basis: QuorumBasis,
    #[serde(default)]
    pub casting_vote: CastingVote,
    pub max_proxies: Option<Spanned<i64>>,
    pub rules: Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
    pub written: Option<WrittenFile>,
    pub minutes: Option<BodyMinutesFile>,
}

/// `[bodies.written]`: how the body decides by written procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenFile {
    pub rule: Option<Spanned<String>>,
    #[serde(default)]
    pub silence: Silence,
}

/// `[bodies.minutes]`: how a body's draft minutes are approved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyMinutesFile {
    pub veto_days: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFile {
    pub id: Spanned<String>,
    pub kind: ProgrammeKind,
    pub name: Spanned<String>,
    pub lead: Spanned<String>,
    #[serde(default)]
    pub metrics: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    pub reports: Vec<Spanned<ReportFile>>,
}

/// One `[[programmes.reports]]` element: `period`, an optional `targets`
/// table, and every other key a metric. Read by hand because serde's
/// `flatten` would lose the spans that errors point at.
#[derive(Debug)]
pub struct ReportFile {
    pub period: Option<Spanned<String>>,
    pub metrics: Vec<(Spanned<String>, Spanned<toml::Value>)>,
    pub targets: Option<Spanned<TargetsFile>>,
}

/// A `[programmes.reports.targets]` table: `set_by` and metric targets.
#[derive(Debug)]
pub struct TargetsFile {
    pub set_by: Option<Spanned<String>>,
    pub metrics: Vec<(Spanned<String>, Spanned<toml::Value>)>,
}

impl<'de> Deserialize<'de> for ReportFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ReportFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table with `period` and metrics")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ReportFile, A::Error> {
                let mut report = ReportFile {
                    period: None,
                    metrics: Vec::new(),
                    targets: None,
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "period" => report.period = Some(map.next_value()?),
                        "targets" => report.targets = Some(map.next_value()?),
                        _ => report.metrics.push((key, map.next_value()?)),
                    }
                }
                Ok(report)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl<'de> Deserialize<'de> for TargetsFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TargetsFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of metric targets, with an optional `set_by`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TargetsFile, A::Error> {
                let mut targets = TargetsFile {
                    set_by: None,
                    metrics: Vec::new(),
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "set_by" => targets.set_by = Some(map.next_value()?),
                        _ => targets.metrics.push((key, map.next_value()?)),
                    }
                }
                Ok(targets)
            }
        }
        d.deserialize_map(Visit)
    }
}
