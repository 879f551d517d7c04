//! Shareholding percentages as registers and lists print them: "50",
//! "50.5%", "25-50%", ">50", "at least 25", "less than 10".
//!
//! A stated range is kept as its bounds. The rules use the lower bound:
//! a stake is only counted for as much as the data proves, so "25-50%"
//! counts as 25% and "<10" as 0%. ">50" is "strictly more than 50", which
//! is recorded as the smallest share above 50% the resolution allows, so
//! that it reaches the EU's "more than 50%" as well as OFAC's "50% or more".

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::OwnershipError;

/// A share of a company in millionths (100% = 1 000 000): integer sums make
/// "exactly 50%" exact, which floating point would not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Share(pub u32);

impl Share {
    pub const WHOLE: Share = Share(1_000_000);
    pub const HALF: Share = Share(500_000);
    /// One unit is 0.0001 percentage points.
    const PER_PERCENT: u32 = 10_000;

    pub fn from_percent(percent: f64) -> Option<Share> {
        if !(0.0..=100.0).contains(&percent) {
            return None;
        }
        // Floor, so that rounding never lifts a stake over a threshold.
        Some(Share(
            (percent * f64::from(Self::PER_PERCENT) + 1e-6).floor() as u32,
        ))
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / f64::from(Self::PER_PERCENT)
    }

    pub fn fraction(self) -> f64 {
        f64::from(self.0) / f64::from(Self::WHOLE.0)
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_percent(self.percent()))
    }
}

/// "50", "33.3333", "0.5": a percentage without trailing zeros.
pub fn format_percent(percent: f64) -> String {
    let text = format!("{percent:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A stated holding: the bounds it is known to lie between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Percentage {
    pub low: Share,
    pub high: Share,
}

impl Serialize for Share {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.percent())
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let percent = f64::deserialize(deserializer)?;
        Share::from_percent(percent).ok_or_else(|| serde::de::Error::custom("outside 0..=100"))
    }
}

const ABOVE: [&str; 6] = [
    "more than",
    "over",
    "above",
    "greater than",
    ">",
    "exceeding",
];
const AT_LEAST: [&str; 4] = ["at least", ">=", "≥", "min"];
const BELOW: [&str; 7] = ["less than", "under", "below", "up to", "<=", "≤", "<"];

impl Percentage {
    pub fn exact(share: Share) -> Percentage {
        Percentage {
            low: share,
            high: share,
        }
    }

    pub fn parse(text: &str) -> Result<Percentage, OwnershipError> {
        let invalid = |reason| OwnershipError::InvalidPercentage {
            value: text.to_string(),
            reason,
        };
        let lower = text.trim().to_lowercase();
        let body = lower.trim_end_matches('%').trim();
        if body.is_empty() {
            return Err(invalid("empty"));
        }
        if let Some(rest) = strip_any(body, &AT_LEAST) {
            let low = share(rest).ok_or_else(|| invalid("not a number in 0..=100"))?;
            return Ok(Percentage {
                low,
                high: Share::WHOLE,
            });
        }
        if let Some(rest) = strip_any(body, &ABOVE) {
            let bound = share(rest).ok_or_else(|| invalid("not a number in 0..=100"))?;
            if bound >= Share::WHOLE {
                return Err(invalid("nothing is more than 100%"));
            }
            return Ok(Percentage {
                low: Share(bound.0 + 1),
                high: Share::WHOLE,
            });
        }
        if let Some(rest) = strip_any(body, &BELOW) {
            let high = share(rest).ok_or_else(|| invalid("not a number in 0..=100"))?;
            return Ok(Percentage {
                low: Share(0),
                high,
            });
        }
        if let Some((a, b)) = split_range(body) {
            let (low, high) = match (share(a), share(b)) {
                (Some(low), Some(high)) => (low, high),
                _ => return Err(invalid("range bounds must be numbers in 0..=100")),
            };
            if low > high {
                return Err(invalid("range lower bound above upper bound"));
            }
            return Ok(Percentage { low, high });
        }
        share(body)
            .map(Percentage::exact)
            .ok_or_else(|| invalid("not a number in 0..=100"))
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low == self.high {
            write!(f, "{}%", self.low)
        } else {
            write!(f, "{}-{}%", self.low, self.high)
        }
    }
}

fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .map(|rest| rest.trim().trim_end_matches('%').trim())
}

fn split_range(text: &str) -> Option<(&str, &str)> {
    for separator in [" to ", "–", "—", "-"] {
        if let Some((a, b)) = text.split_once(separator) {
            let a = a.trim().trim_end_matches('%').trim();
            return Some((a, b.trim()));
        }
    }
    None
}

fn share(text: &str) -> Option<Share> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    text.parse::<f64>().ok().and_then(Share::from_percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> (f64, f64) {
        let p = Percentage::parse(text).unwrap();
        (p.low.percent(), p.high.percent())
    }

    #[test]
    fn parses_register_shapes() {
        assert_eq!(bounds("50"), (50.0, 50.0));
        assert_eq!(bounds("50.5%"), (50.5, 50.5));
        assert_eq!(bounds("33,3333"), (33.3333, 33.3333));
        assert_eq!(bounds("25-50%"), (25.0, 50.0));
        assert_eq!(bounds("25% - 50%"), (25.0, 50.0));
        assert_eq!(bounds(">50"), (50.0001, 100.0));
        assert_eq!(bounds("more than 50%"), (50.0001, 100.0));
        assert_eq!(bounds(">=50"), (50.0, 100.0));
        assert_eq!(bounds("at least 25"), (25.0, 100.0));
        assert_eq!(bounds("<10"), (0.0, 10.0));
        assert_eq!(bounds("up to 10%"), (0.0, 10.0));
        assert_eq!(bounds("100"), (100.0, 100.0));
    }

    #[test]
    fn rejects_nonsense() {
        for text in ["", "150", "-5", "abc", "50-25", ">100", "1e3"] {
            assert!(Percentage::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn extra_digits_round_down() {
        assert_eq!(Share::from_percent(49.99999), Some(Share(499_999)));
        assert_eq!(format_percent(33.3333), "33.3333");
        assert_eq!(Share::HALF.to_string(), "50");
    }
}
