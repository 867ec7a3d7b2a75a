//! Exact fractions for quorum requirements such as `"1/2"` or `"2/3"`.
//!
//! Quorum is a legal threshold: a rounding error in a float could turn a
//! quorate meeting into an inquorate one, so every comparison here is done
//! in integers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A fraction between 0 and 1 inclusive, written `"num/den"` in charters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fraction {
    num: u32,
    den: u32,
}

/// Why a text or a pair of integers is not a usable fraction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FractionError {
    /// The text is not of the form `"num/den"` with unsigned integers.
    #[error("`{0}` is not a fraction such as \"1/2\" or \"2/3\"")]
    Malformed(String),
    /// A zero denominator has no meaning.
    #[error("a fraction cannot have a zero denominator")]
    ZeroDenominator,
    /// A quorum cannot ask for more than everybody.
    #[error("{num}/{den} is more than one")]
    MoreThanOne {
        /// The numerator given.
        num: u32,
        /// The denominator given.
        den: u32,
    },
}

impl Fraction {
    /// One half, the most common quorum.
    pub const HALF: Fraction = Fraction { num: 1, den: 2 };

    /// Builds `num/den`, refusing a zero denominator and values above one.
    pub fn new(num: u32, den: u32) -> Result<Self, FractionError> {
        if den == 0 {
            return Err(FractionError::ZeroDenominator);
        }
        if num > den {
            return Err(FractionError::MoreThanOne { num, den });
        }
        Ok(Self { num, den })
    }

    /// The numerator as written (not reduced, so minutes echo the charter).
    pub fn numerator(self) -> u32 {
        self.num
    }

    /// The denominator as written.
    pub fn denominator(self) -> u32 {
        self.den
    }

    /// Whether `part >= self x whole`, exactly.
    pub fn is_reached(self, part: u64, whole: u64) -> bool {
        u128::from(part) * u128::from(self.den) >= u128::from(self.num) * u128::from(whole)
    }

    /// The smallest whole number `x` with `x >= self x whole`, i.e. the
    /// figure minutes quote as "needed".
    pub fn threshold(self, whole: u64) -> u64 {
        let product = u128::from(self.num) * u128::from(whole);
        let den = u128::from(self.den);
        // num <= den, so the quotient never exceeds `whole` and fits in u64.
        u64::try_from(product.div_ceil(den)).unwrap_or(whole)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl FromStr for Fraction {
    type Err = FractionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || FractionError::Malformed(text.to_owned());
        let (num, den) = text.split_once('/').ok_or_else(malformed)?;
        let parse = |s: &str| s.trim().parse::<u32>().map_err(|_| malformed());
        Fraction::new(parse(num)?, parse(den)?)
    }
}

impl TryFrom<String> for Fraction {
    type Error = FractionError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Fraction> for String {
    fn from(fraction: Fraction) -> Self {
        fraction.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        type Parsed = Result<(u32, u32), FractionError>;
        let cases: &[(&str, Parsed)] = &[
            ("1/2", Ok((1, 2))),
            (" 2 / 3 ", Ok((2, 3))),
            ("0/1", Ok((0, 1))),
            ("1/1", Ok((1, 1))),
            ("3/2", Err(FractionError::MoreThanOne { num: 3, den: 2 })),
            ("1/0", Err(FractionError::ZeroDenominator)),
            ("0.5", Err(FractionError::Malformed("0.5".into()))),
            ("-1/2", Err(FractionError::Malformed("-1/2".into()))),
            ("", Err(FractionError::Malformed(String::new()))),
        ];
        for (text, want) in cases {
            let got = text
                .parse::<Fraction>()
                .map(|f| (f.numerator(), f.denominator()));
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn thresholds_are_exact() {
        // (fraction, whole, threshold): ceilings of exact products.
        let cases = [
            ("1/2", 7, 4),
            ("1/2", 8, 4),
            ("2/3", 9, 6),
            ("2/3", 10, 7),
            ("0/1", 10, 0),
            ("1/1", 10, 10),
            ("1/3", 0, 0),
        ];
        for (text, whole, want) in cases {
            let f: Fraction = text.parse().unwrap();
            assert_eq!(f.threshold(whole), want, "{text} of {whole}");
            assert!(f.is_reached(want, whole));
            if want > 0 {
                assert!(!f.is_reached(want - 1, whole));
            }
        }
    }

    #[test]
    fn serde_round_trip_as_text() {
        let f: Fraction = serde_json::from_str("\"2/3\"").unwrap();
        assert_eq!(serde_json::to_string(&f).unwrap(), "\"2/3\"");
        assert!(serde_json::from_str::<Fraction>("\"4/3\"").is_err());
    }
}
