//! The `charter.toml` format as serde reads it: every key of SPEC 1.1, no
//! others, with spans kept on the values that validation may complain about.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::model::{CastingVote, DelegateRole, MemberKind, MemberStatus, ProgrammeKind};
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
}
