//! serde's derived structs also deserialise from positional arrays, which the
//! published schema forbids; accepting them would make the server more lenient
//! than the schema reporters test against. This pass rejects any array that is
//! not at a field the schema declares as an array.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::shape::escape;
use crate::{json_schema, Issue};

/// Property names the schema types as arrays, read from the schema itself so
/// a new list field needs no change here.
fn array_fields() -> &'static BTreeSet<String> {
    static FIELDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut fields = BTreeSet::new();
        collect(&json_schema(), &mut fields);
        fields
    })
}

fn collect(schema: &Value, fields: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    if is_array_type(property) {
                        fields.insert(name.clone());
                    }
                }
            }
            map.values().for_each(|v| collect(v, fields));
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, fields)),
        _ => {}
    }
}

fn is_array_type(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// The first misplaced array, depth first in document order.
pub(crate) fn check(json: &Value) -> Result<(), Issue> {
    walk(json, "", true)
}

fn walk(value: &Value, pointer: &str, array_allowed: bool) -> Result<(), Issue> {
    match value {
        Value::Array(items) => {
            if !array_allowed {
                return Err(Issue::with_detail(
                    pointer,
                    "wrong_type",
                    "expected an object or a value, not an array",
                ));
            }
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{pointer}/{i}"), false)?;
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                let allowed = array_fields().contains(key);
                walk(item, &format!("{pointer}/{}", escape(key)), allowed)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn list_fields_come_from_the_schema() {
        let fields: Vec<&str> = super::array_fields().iter().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "assets",
                "attachments",
                "goods",
                "identifiers",
                "indicators",
                "legal_basis",
                "links",
                "listed",
                "names",
                "nationality",
                "regimes",
                "roles",
                "subjects",
                "transactions",
                "vessel_events",
            ]
        );
    }
}
