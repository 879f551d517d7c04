//! The business-rule cases of `fixtures/rule_cases.json`: one edit of a
//! valid fixture per rule, with the exact issues it must raise. The reports
//! crate checks them against the validator; the web crate sends the same
//! cases through the API, so both layers are held to one table.

#![allow(dead_code)]

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct RuleCase {
    pub rule: String,
    pub fixture: String,
    pub edits: Vec<Edit>,
    pub errors: Vec<(String, String)>,
    #[serde(default)]
    pub warnings: Vec<(String, String)>,
    /// Why the case cannot happen through the API, when it cannot.
    #[serde(default)]
    pub api: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Edit {
    Set {
        set: String,
        value: Value,
    },
    Text {
        set: String,
        text: String,
        times: usize,
    },
    Copies {
        set: String,
        copies_of: String,
        times: usize,
    },
    Remove {
        remove: String,
    },
}

pub fn fixtures_dir() -> String {
    format!("{}/../reports/tests/fixtures", env!("CARGO_MANIFEST_DIR"))
}

pub fn load_fixture(name: &str) -> Value {
    let path = format!("{}/{name}.json", fixtures_dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn rule_cases() -> Vec<RuleCase> {
    let path = format!("{}/rule_cases.json", fixtures_dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

impl RuleCase {
    /// The fixture with the case's edits applied.
    pub fn report(&self) -> Value {
        let mut report = load_fixture(&self.fixture);
        for edit in &self.edits {
            match edit {
                Edit::Set { set, value } => put(&mut report, set, value.clone()),
                Edit::Text { set, text, times } => {
                    put(&mut report, set, text.repeat(*times).into())
                }
                Edit::Copies {
                    set,
                    copies_of,
                    times,
                } => {
                    let item = report.pointer(copies_of).cloned().unwrap_or(Value::Null);
                    put(&mut report, set, Value::Array(vec![item; *times]));
                }
                Edit::Remove { remove } => take(&mut report, remove),
            }
        }
        report
    }
}

fn put(json: &mut Value, pointer: &str, value: Value) {
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

fn take(json: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match json.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(key);
        }
        _ => panic!("no object at {parent}"),
    }
}
