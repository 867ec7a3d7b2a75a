//! The majority rules a body may require for a kind of decision.

use serde::Deserialize;

/// How many votes a decision needs to pass (SPEC 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MajorityRule {
    /// Yes outweighs no; abstentions do not count.
    Simple,
    /// Yes is more than half of the body's total voting weight.
    Absolute,
    /// Yes is at least two thirds of yes plus no.
    TwoThirds,
    /// No "no" and no abstention among present voters, and at least one yes.
    Unanimous,
    /// No "no" among present voters; abstaining is standing aside.
    Consensus,
    /// A majority of heads and a majority of weight.
    Double,
}

impl MajorityRule {
    /// The name used in charters and minutes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Simple => "simple",
            Self::Absolute => "absolute",
            Self::TwoThirds => "two-thirds",
            Self::Unanimous => "unanimous",
            Self::Consensus => "consensus",
            Self::Double => "double",
        }
    }
}
