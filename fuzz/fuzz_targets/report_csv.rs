#![no_main]
//! Feeds arbitrary bytes to the CSV frozen-asset return reader: it must return
//! a report JSON or an error, never panic or hang; what it returns goes
//! through validation.

use libfuzzer_sys::fuzz_target;
use meldpunt_reports::{returns_csv, validate};

fuzz_target!(|data: &[u8]| {
    let defaults = serde_json::json!({
        "reporter": {"name": "Fuzz Bank N.V.", "sector": "bank"},
        "detected_at": "2026-09-30T17:00:00Z"
    });
    if let Ok(json) = returns_csv::parse(data, "fuzz.csv", &defaults) {
        let _ = validate(&json).status();
    }
});
