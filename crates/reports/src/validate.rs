//! The entry point: layer 1 (shape), then layer 2 (business rules).

use chrono::{DateTime, Utc};

use crate::issue::Sink;
use crate::{rules, shape, Validation};

/// Validates a report against the current time.
pub fn validate(json: &serde_json::Value) -> Validation {
    validate_at(json, Utc::now())
}

/// Validates a report as of `now`, so tests and replays are reproducible.
pub fn validate_at(json: &serde_json::Value, now: DateTime<Utc>) -> Validation {
    let report = match shape::parse(json) {
        Ok(report) => report,
        Err(issue) => {
            return Validation {
                errors: vec![issue],
                ..Validation::default()
            }
        }
    };
    let mut sink = Sink::default();
    rules::check(&report, now, &mut sink);
    Validation {
        errors: sink.errors,
        warnings: sink.warnings,
        report: Some(report),
    }
}
