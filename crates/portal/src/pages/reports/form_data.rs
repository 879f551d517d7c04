//! What a report form holds: the raw text of every input, keyed by the
//! JSON Pointer of the value it becomes, and how many rows each repeatable
//! part shows. It is built from a posted form or from report JSON (a draft,
//! a fixture, a screening hit), and turned into report JSON for the desk.

use std::collections::{BTreeMap, BTreeSet};

use meldpunt_reports::Issue;
use serde_json::{Map, Number, Value};

use super::model::{opened_rows, Input, Node, REPORT, WHISTLEBLOWER};

/// Rows one repeatable part may show; more is not a form but a file, and
/// files go through the upload page.
pub const MAX_ROWS: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormData {
    pub report_type: String,
    values: BTreeMap<String, Vec<String>>,
    rows: BTreeMap<String, usize>,
}

impl FormData {
    /// An empty form of `report_type`, the parts it needs opened.
    pub fn new(report_type: &str) -> FormData {
        let mut data = FormData {
            report_type: report_type.to_string(),
            ..FormData::default()
        };
        for key in opened_rows(report_type) {
            data.rows.insert(format!("/{key}"), 1);
        }
        data
    }

    /// From posted pairs: `/pointer` = value, `rows:/pointer` = count.
    /// Rows are at least as many as the values posted need.
    pub fn from_pairs(report_type: &str, pairs: &[(String, String)]) -> FormData {
        let mut data = FormData {
            report_type: report_type.to_string(),
            ..FormData::default()
        };
        for (name, value) in pairs {
            if let Some(pointer) = name.strip_prefix("rows:") {
                if let Ok(n) = value.trim().parse::<usize>() {
                    data.rows.insert(pointer.to_string(), n.min(MAX_ROWS));
                }
            } else if name.starts_with('/') {
                data.values
                    .entry(name.clone())
                    .or_default()
                    .push(value.clone());
            }
        }
        data.rows_for_values();
        data
    }

    fn rows_for_values(&mut self) {
        let mut needed: Vec<(String, usize)> = Vec::new();
        for pointer in self.values.keys() {
            let tokens: Vec<&str> = pointer.split('/').collect();
            for (i, token) in tokens.iter().enumerate().skip(1) {
                if let Ok(index) = token.parse::<usize>() {
                    needed.push((tokens[..i].join("/"), index + 1));
                }
            }
        }
        for (array, n) in needed {
            let rows = self.rows.entry(array).or_insert(0);
            *rows = (*rows).max(n.min(MAX_ROWS));
        }
    }

    /// From report JSON, e.g. a draft or a stored report.
    pub fn from_json(report_type: &str, json: &Value) -> FormData {
        let mut data = FormData {
            report_type: report_type.to_string(),
            ..FormData::default()
        };
        data.read_nodes(REPORT, "", json);
        data
    }

    fn read_nodes(&mut self, nodes: &[Node], pointer: &str, json: &Value) {
        for node in nodes {
            match node {
                Node::Field { key, input, .. } => {
                    if let Some(value) = json.get(key) {
                        let texts = texts_of(*input, value);
                        self.values.insert(format!("{pointer}/{key}"), texts);
                    }
                }
                Node::Object { key, children, .. } => {
                    if let Some(value) = json.get(key).filter(|v| v.is_object()) {
                        self.read_nodes(children, &format!("{pointer}/{key}"), value);
                    }
                }
                Node::Rows { key, item } => {
                    let Some(items) = json.get(key).and_then(Value::as_array) else {
                        continue;
                    };
                    let array = format!("{pointer}/{key}");
                    let shown = items.len().min(MAX_ROWS);
                    self.rows.insert(array.clone(), shown);
                    for (i, value) in items.iter().take(shown).enumerate() {
                        self.read_nodes(item, &format!("{array}/{i}"), value);
                    }
                }
            }
        }
    }

    /// The input's text (the first, for a single-valued input).
    pub fn value(&self, pointer: &str) -> &str {
        self.values
            .get(pointer)
            .and_then(|v| v.first())
            .map_or("", String::as_str)
    }

    pub fn values(&self, pointer: &str) -> &[String] {
        self.values.get(pointer).map_or(&[], Vec::as_slice)
    }

    pub fn set(&mut self, pointer: &str, value: &str) {
        self.values
            .insert(pointer.to_string(), vec![value.to_string()]);
    }

    pub fn rows(&self, array: &str) -> usize {
        self.rows.get(array).copied().unwrap_or(0)
    }

    pub fn row_counts(&self) -> impl Iterator<Item = (&String, &usize)> {
        self.rows.iter()
    }

    pub fn add_row(&mut self, array: &str) {
        let rows = self.rows.entry(array.to_string()).or_insert(0);
        *rows = (*rows + 1).min(MAX_ROWS);
    }

    /// Removes row `index` of `array`; the rows after it move up.
    pub fn remove_row(&mut self, array: &str, index: usize) {
        let rows = self.rows(array);
        if index >= rows {
            return;
        }
        let prefix = format!("{array}/");
        self.values = shift(std::mem::take(&mut self.values), &prefix, index);
        self.rows = shift(std::mem::take(&mut self.rows), &prefix, index);
        self.rows.insert(array.to_string(), rows - 1);
    }

    /// The report JSON, and the problems found while reading the inputs:
    /// a required value left empty, a number that is not one. They carry
    /// the codes and messages the API's shape check gives for the same
    /// JSON, which stops at the first; the form shows them all at once.
    pub fn to_json(&self) -> (Value, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut report = self.build(REPORT, "", &mut issues);
        let envelope = report
            .entry("envelope")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(envelope) = envelope.as_object_mut() {
            envelope.insert(
                "report_type".to_string(),
                Value::String(self.report_type.clone()),
            );
            if self.report_type == WHISTLEBLOWER {
                envelope.remove("reporter");
            }
        }
        if self.report_type == WHISTLEBLOWER {
            issues.retain(|i| !i.pointer.starts_with("/envelope/reporter"));
        }
        (Value::Object(report), issues)
    }

    fn build(&self, nodes: &[Node], pointer: &str, issues: &mut Vec<Issue>) -> Map<String, Value> {
        let mut object = Map::new();
        for node in nodes {
            match node {
                Node::Field {
                    key,
                    input,
                    required,
                } => {
                    let at = format!("{pointer}/{key}");
                    match json_of(*input, self.values(&at), &at, issues) {
                        Some(value) => {
                            object.insert(key.to_string(), value);
                        }
                        None if *required && matches!(input, Input::Lines) => {
                            object.insert(key.to_string(), Value::Array(Vec::new()));
                        }
                        None if *required => issues.push(missing(&at, key)),
                        None => {}
                    }
                }
                Node::Object {
                    key,
                    required,
                    children,
                } => {
                    let at = format!("{pointer}/{key}");
                    let mut inner = Vec::new();
                    let built = self.build(children, &at, &mut inner);
                    if *required || !built.is_empty() {
                        object.insert(key.to_string(), Value::Object(built));
                        issues.extend(inner);
                    }
                }
                Node::Rows { key, item } => {
                    let at = format!("{pointer}/{key}");
                    let rows: Vec<Value> = (0..self.rows(&at))
                        .map(|i| Value::Object(self.build(item, &format!("{at}/{i}"), issues)))
                        .collect();
                    if !rows.is_empty() {
                        object.insert(key.to_string(), Value::Array(rows));
                    }
                }
            }
        }
        object
    }

    /// Every pointer the form has an input or group for, so an issue's
    /// pointer can be led to the nearest one.
    pub fn targets(&self) -> BTreeSet<String> {
        let mut targets = BTreeSet::from([String::new()]);
        self.collect_targets(REPORT, "", &mut targets);
        targets
    }

    fn collect_targets(&self, nodes: &[Node], pointer: &str, targets: &mut BTreeSet<String>) {
        for node in nodes {
            match node {
                Node::Field { key, .. } => {
                    targets.insert(format!("{pointer}/{key}"));
                }
                Node::Object { key, children, .. } => {
                    let at = format!("{pointer}/{key}");
                    self.collect_targets(children, &at, targets);
                    targets.insert(at);
                }
                Node::Rows { key, item } => {
                    let at = format!("{pointer}/{key}");
                    for i in 0..self.rows(&at) {
                        let row = format!("{at}/{i}");
                        self.collect_targets(item, &row, targets);
                        targets.insert(row);
                    }
                    targets.insert(at);
                }
            }
        }
    }
}

/// The form pointer an issue belongs to: the longest prefix of its pointer
/// that the form shows (a name in a list → the list's input).
pub fn target_of(targets: &BTreeSet<String>, pointer: &str) -> String {
    let mut at = pointer;
    loop {
        if targets.contains(at) {
            return at.to_string();
        }
        match at.rfind('/') {
            Some(cut) => at = &at[..cut],
            None => return String::new(),
        }
    }
}

fn missing(pointer: &str, key: &str) -> Issue {
    Issue::with_detail(pointer, "missing_field", &format!("missing field `{key}`"))
}

fn wrong_type(pointer: &str, raw: &str, expected: &str) -> Issue {
    let detail = format!("invalid type: string {raw:?}, expected {expected}");
    Issue::with_detail(pointer, "wrong_type", &detail)
}

/// Renumbers keys under `prefix` after row `index` is removed.
fn shift<V>(map: BTreeMap<String, V>, prefix: &str, index: usize) -> BTreeMap<String, V> {
    map.into_iter()
        .filter_map(|(key, value)| {
            let Some(rest) = key.strip_prefix(prefix) else {
                return Some((key, value));
            };
            let (first, tail) = rest.split_once('/').map_or((rest, ""), |(f, t)| (f, t));
            let Ok(row) = first.parse::<usize>() else {
                return Some((key, value));
            };
            let sep = if tail.is_empty() { "" } else { "/" };
            match row.cmp(&index) {
                std::cmp::Ordering::Less => Some((key, value)),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => {
                    Some((format!("{prefix}{}{sep}{tail}", row - 1), value))
                }
            }
        })
        .collect()
}

/// A number as typed: an integer stays one, a comma is a decimal sign.
fn number(raw: &str) -> Option<Number> {
    if let Ok(int) = raw.parse::<i64>() {
        return Some(Number::from(int));
    }
    let dotted = if raw.contains('.') {
        raw.to_string()
    } else {
        raw.replace(',', ".")
    };
    dotted
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(Number::from_f64)
}

fn lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The JSON of one input, `None` when left empty. A value that cannot be
/// what the field wants goes in as text (so the API's check names it too)
/// and is reported.
fn json_of(input: Input, raw: &[String], pointer: &str, issues: &mut Vec<Issue>) -> Option<Value> {
    let first = raw.first().map_or("", |s| s.as_str());
    let text = first.replace("\r\n", "\n");
    let text = text.trim();
    match input {
        Input::Several(..) => {
            let chosen: Vec<Value> = raw
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.clone()))
                .collect();
            (!chosen.is_empty()).then_some(Value::Array(chosen))
        }
        _ if text.is_empty() => None,
        Input::Text | Input::Long | Input::Date | Input::DateTime | Input::Choice(..) => {
            Some(Value::String(text.to_string()))
        }
        Input::Number => Some(number(text).map(Value::Number).unwrap_or_else(|| {
            issues.push(wrong_type(pointer, text, "f64"));
            Value::String(text.to_string())
        })),
        Input::Count => Some(match text.parse::<u64>() {
            Ok(n) => Value::Number(n.into()),
            Err(_) => {
                issues.push(wrong_type(pointer, text, "u64"));
                Value::String(text.to_string())
            }
        }),
        Input::YesNo => Some(match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => Value::String(other.to_string()),
        }),
        Input::Lines => Some(Value::Array(
            lines(text).map(|l| Value::String(l.to_string())).collect(),
        )),
        Input::Metrics => Some(metrics(text, pointer, issues)),
    }
}

fn metrics(text: &str, pointer: &str, issues: &mut Vec<Issue>) -> Value {
    let mut map = Map::new();
    for line in lines(text) {
        let parsed = line
            .split_once('=')
            .and_then(|(name, value)| Some((name.trim(), number(value.trim())?)));
        match parsed {
            Some((name, value)) if !name.is_empty() => {
                map.insert(name.to_string(), Value::Number(value));
            }
            _ => {
                issues.push(wrong_type(pointer, line, "name = number"));
                return Value::String(text.to_string());
            }
        }
    }
    Value::Object(map)
}

/// The text an input shows for a JSON value.
fn texts_of(input: Input, value: &Value) -> Vec<String> {
    let scalar = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match (input, value) {
        (Input::Several(..), Value::Array(items)) => items.iter().map(scalar).collect(),
        (Input::Lines, Value::Array(items)) => {
            vec![items.iter().map(scalar).collect::<Vec<_>>().join("\n")]
        }
        (Input::Metrics, Value::Object(map)) => vec![map
            .iter()
            .map(|(name, v)| format!("{name} = {}", scalar(v)))
            .collect::<Vec<_>>()
            .join("\n")],
        (_, other) => vec![scalar(other)],
    }
}
