#![allow(dead_code)]

pub mod rule_cases;

use chrono::{DateTime, Utc};
use meldpunt_reports::{validate_at, Validation};
use serde_json::Value;

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-29T12:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Sets `value` at `pointer`, creating the last key of an object if needed.
pub fn set(json: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match json.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_string(), value);
        }
        Some(Value::Array(items)) => {
            let index: usize = key.parse().unwrap_or_else(|_| panic!("bad index {key}"));
            items[index] = value;
        }
        _ => panic!("no parent at {pointer}"),
    }
}

pub fn remove(json: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match json.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(key);
        }
        _ => panic!("no object at {parent}"),
    }
}

pub fn check(json: &Value) -> Validation {
    validate_at(json, now())
}

pub fn errors(json: &Value) -> Vec<(String, &'static str)> {
    check(json)
        .errors
        .into_iter()
        .map(|i| (i.pointer, i.code))
        .collect()
}

pub fn warnings(json: &Value) -> Vec<(String, &'static str)> {
    check(json)
        .warnings
        .into_iter()
        .map(|i| (i.pointer, i.code))
        .collect()
}
