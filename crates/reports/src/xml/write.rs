//! Report to XML, following the same element table the reader uses.

use std::fmt::Write as _;

use serde_json::Value;

use super::spec::{Field, Node, METRIC, METRIC_KEY, REPORT, ROOT};
use super::NAMESPACE;
use crate::Report;

/// Writes `report` as an XML document the reader turns back into the same
/// JSON value.
pub fn to_xml(report: &Report) -> String {
    let json = serde_json::to_value(report).unwrap_or(Value::Null);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<{ROOT} xmlns=\"{NAMESPACE}\">");
    fields(&mut out, REPORT, &json, 1);
    let _ = writeln!(out, "</{ROOT}>");
    out
}

fn fields(out: &mut String, spec: &'static [Field], json: &Value, depth: usize) {
    for f in spec {
        if let Some(value) = json.get(f.name) {
            element(out, f.name, &f.node, value, depth);
        }
    }
}

fn element(out: &mut String, name: &str, node: &'static Node, value: &Value, depth: usize) {
    let indent = "  ".repeat(depth);
    match (node, value) {
        (Node::Object(spec), _) => {
            let _ = writeln!(out, "{indent}<{name}>");
            fields(out, spec, value, depth + 1);
            let _ = writeln!(out, "{indent}</{name}>");
        }
        (Node::List(..), Value::Array(items)) if items.is_empty() => {
            let _ = writeln!(out, "{indent}<{name}/>");
        }
        (Node::List(item, inner), Value::Array(items)) => {
            let _ = writeln!(out, "{indent}<{name}>");
            for value in items {
                element(out, item, inner, value, depth + 1);
            }
            let _ = writeln!(out, "{indent}</{name}>");
        }
        (Node::Metrics, Value::Object(map)) => {
            let _ = writeln!(out, "{indent}<{name}>");
            for (key, value) in map {
                let _ = writeln!(
                    out,
                    "{indent}  <{METRIC} {METRIC_KEY}=\"{}\">{}</{METRIC}>",
                    escape(key),
                    escape(&scalar(value))
                );
            }
            let _ = writeln!(out, "{indent}</{name}>");
        }
        _ => {
            let _ = writeln!(out, "{indent}<{name}>{}</{name}>", escape(&scalar(value)));
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Escapes the five XML specials; carriage returns too, which a parser would
/// otherwise normalise to line feeds.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}
