//! Explanations: every score is the clamped sum of its features'
//! `value × weight`, so a decision can be replayed and audited.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One piece of evidence that moved a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// Stable identifier, e.g. `name`, `identifier_match`, `dob_year_conflict`.
    pub name: String,
    /// What was measured: a similarity, or 1.0 for a fact that holds.
    pub value: f32,
    /// Its effect: the score is the sum of `value × weight`, clamped to [0, 1].
    pub weight: f32,
    /// Human-readable account of what was compared.
    pub detail: String,
}

impl Feature {
    pub fn new(name: &str, value: f32, weight: f32, detail: impl Into<String>) -> Feature {
        Feature {
            name: name.to_string(),
            value: round(value),
            weight: round(weight),
            detail: detail.into(),
        }
    }

    pub fn contribution(&self) -> f32 {
        self.value * self.weight
    }
}

/// Four decimals: explanations should not show float noise, and stored
/// results compare equal across platforms.
pub fn round(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// Re-derives a score from its features.
pub fn replay(features: &[Feature]) -> f32 {
    features
        .iter()
        .map(Feature::contribution)
        .sum::<f32>()
        .clamp(0.0, 1.0)
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<22} {:>7.4} × {:>7.4}  {}",
            self.name, self.value, self.weight, self.detail
        )
    }
}
