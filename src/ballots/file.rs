//! The serde shape of a ballot written inline, `ballots = [{ … }]`, with
//! every value's position kept so that a problem can be pointed at. (The
//! `[[ballots]]` tables are read from the parser's events: `tables`.)

use serde::Deserialize;
use toml::Spanned;

/// One `[[ballots]]` table as written. The marks are all optional here so
/// that a missing or extra kind is reported in our words, not serde's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotFile {
    /// Who cast it (optional, for the record).
    pub voter: Option<Spanned<String>>,
    /// Signed so that `weight = -1` is reported as such.
    pub weight: Option<Spanned<i64>>,
    /// Ranked methods: option ids, best first.
    pub ranking: Option<Spanned<Vec<Spanned<String>>>>,
    /// Approval: the approved option ids.
    pub approve: Option<Spanned<Vec<Spanned<String>>>>,
    /// Score: option id to score. A list of pairs keeps the keys' spans and
    /// the order written.
    pub scores: Option<Spanned<ScoresFile>>,
}

/// A `scores = { a = 5, b = 3 }` table, keys and values with positions.
#[derive(Debug)]
pub struct ScoresFile(pub Vec<(Spanned<String>, Spanned<i64>)>);

impl<'de> Deserialize<'de> for ScoresFile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ScoresFile;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of scores, e.g. { a = 5, b = 3 }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ScoresFile, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(ScoresFile(entries))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}
