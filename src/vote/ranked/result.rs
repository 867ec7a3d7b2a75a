//! The result of a tally, shaped as `plenary tally --format json` prints it.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::Method;

/// A tally's result (SPEC 3.2). Serializes to
/// `{"method", "winners", "ranking", "tie_broken", "ballots", "weight", "details"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingResult {
    /// The method used.
    pub method: Method,
    /// The first `seats` options after any tie-break.
    pub winners: Vec<String>,
    /// Tiers, best first; options that tie share a tier, listed in
    /// tie-break order.
    pub ranking: Vec<Vec<String>>,
    /// Whether a tie had to be broken to decide the winners.
    pub tie_broken: bool,
    /// Number of ballots counted.
    pub ballots: usize,
    /// Their total weight.
    pub weight: u64,
    /// Method-specific figures.
    pub details: Details,
}

/// The figures behind a result, and how a tie was broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// Method-specific figures, flattened into the `details` object.
    #[serde(flatten)]
    pub figures: Figures,
    /// A sentence for the minutes saying how a tie was broken, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<String>,
}

/// Method-specific figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figures {
    /// Plurality (first preferences), approval (approvals), Borda (points)
    /// and score (weighted score totals).
    Points {
        /// The count per option.
        points: OptionMap<u64>,
    },
    /// Instant-runoff: one run per seat.
    Irv {
        /// Runs in seat order; later runs exclude earlier winners.
        runs: Vec<IrvRun>,
    },
    /// Schulze.
    Schulze {
        /// `pairwise[x][y]`: weight preferring x to y.
        pairwise: OptionMap<OptionMap<u64>>,
        /// `strongest_paths[x][y]`: the strongest beat-path from x to y,
        /// on margins.
        strongest_paths: OptionMap<OptionMap<u64>>,
    },
    /// Copeland.
    Copeland {
        /// `pairwise[x][y]`: weight preferring x to y.
        pairwise: OptionMap<OptionMap<u64>>,
        /// Pairwise wins, losses and ties per option.
        copeland: OptionMap<CopelandScore>,
    },
}

/// An option's pairwise record under Copeland.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopelandScore {
    /// Contests won.
    pub wins: u32,
    /// Contests lost.
    pub losses: u32,
    /// Contests level.
    pub ties: u32,
    /// Wins minus losses.
    pub score: i64,
}

/// One instant-runoff count, electing one seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrvRun {
    /// The seat (1-based) this run filled.
    pub seat: usize,
    /// Its winner.
    pub winner: String,
    /// The rounds, first to last.
    pub rounds: Vec<IrvRound>,
}

/// One round of an instant-runoff count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrvRound {
    /// Weight of ballots whose highest continuing preference is each option.
    pub counts: OptionMap<u64>,
    /// Weight of ballots ranking no continuing option.
    pub exhausted: u64,
    /// Options eliminated after this round (several only when they all had
    /// no votes); empty in the last round.
    pub eliminated: Vec<String>,
}

/// Per-option figures in option order; serializes as a JSON object whose
/// keys keep that order, so the minutes list options as the agenda does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionMap<T>(pub Vec<(String, T)>);

impl<T> OptionMap<T> {
    /// The figure for option `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(o, _)| o == id).map(|(_, v)| v)
    }

    pub(super) fn new(options: &[String], values: impl IntoIterator<Item = T>) -> Self {
        Self(options.iter().cloned().zip(values).collect())
    }
}

impl<T: Serialize> Serialize for OptionMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OptionMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for InOrder<T> {
            type Value = OptionMap<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of per-option figures")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OptionMap(entries))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// A square matrix over the options as nested maps, without the diagonal.
pub(super) fn matrix(options: &[String], cells: &[u64]) -> OptionMap<OptionMap<u64>> {
    let n = options.len();
    OptionMap(
        options
            .iter()
            .enumerate()
            .map(|(x, name)| {
                let row = (0..n)
                    .filter(|&y| y != x)
                    .map(|y| (options[y].clone(), cells[x * n + y]))
                    .collect();
                (name.clone(), OptionMap(row))
            })
            .collect(),
    )
}
