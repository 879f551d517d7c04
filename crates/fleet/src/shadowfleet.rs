//! Shadow-fleet lists in the `tak-shadowfleet-id` JSON shape: an array of
//! `{imo, mmsi: [..], names: [..], type, operator, flag, cot,
//! sanctions_origin: [..], last_updated}` objects. The reader walks the
//! JSON by hand so that a malformed entry is reported with its file, index
//! and field rather than a bare serde position.

use crate::DecodeError;
use meldpunt_model::country_code;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShadowFleetEntry {
    /// As printed; may fail the check digit.
    pub imo: String,
    pub mmsi: Vec<String>,
    pub names: Vec<String>,
    #[serde(rename = "type")]
    pub vessel_type: String,
    pub operator: String,
    /// Country names or codes, sometimes several joined by commas, or "Unknown".
    pub flag: String,
    pub cot: String,
    pub sanctions_origin: Vec<String>,
    pub last_updated: String,
}

impl ShadowFleetEntry {
    /// The flag states as lower-case ISO alpha-2 codes; words that name no
    /// country ("Unknown") are dropped.
    pub fn flags(&self) -> Vec<String> {
        self.flag.split(',').filter_map(country_code).collect()
    }

    /// The MMSIs that are nine digits.
    pub fn mmsis(&self) -> Vec<u32> {
        self.mmsi
            .iter()
            .map(|m| m.trim())
            .filter(|m| m.len() == 9)
            .filter_map(|m| m.parse().ok())
            .collect()
    }
}

/// Reads a shadow-fleet list file.
pub fn read_file(path: &Path) -> Result<Vec<ShadowFleetEntry>, DecodeError> {
    let text = std::fs::read_to_string(path).map_err(|source| DecodeError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// Parses the text of a shadow-fleet list; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Vec<ShadowFleetEntry>, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|e| DecodeError::Json {
        file: file.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Value::Array(items) = value else {
        return Err(DecodeError::Json {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            message: "expected an array of vessel objects".to_string(),
        });
    };
    items
        .iter()
        .enumerate()
        .map(|(entry, item)| FieldReader { file, entry }.entry(item))
        .collect()
}

/// Writes entries in the same shape, for scenarios and round trips.
pub fn to_json(entries: &[ShadowFleetEntry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".to_string())
}

struct FieldReader<'a> {
    file: &'a Path,
    entry: usize,
}

impl FieldReader<'_> {
    fn entry(&self, item: &Value) -> Result<ShadowFleetEntry, DecodeError> {
        let Value::Object(map) = item else {
            return Err(self.error("(entry)", "expected an object"));
        };
        let imo = self.string(map, "imo")?.unwrap_or_default();
        if imo.trim().is_empty() {
            return Err(self.error("imo", "missing or empty"));
        }
        Ok(ShadowFleetEntry {
            imo,
            mmsi: self.strings(map, "mmsi")?,
            names: self.strings(map, "names")?,
            vessel_type: self.string(map, "type")?.unwrap_or_default(),
            operator: self.string(map, "operator")?.unwrap_or_default(),
            flag: self.string(map, "flag")?.unwrap_or_default(),
            cot: self.string(map, "cot")?.unwrap_or_default(),
            sanctions_origin: self.strings(map, "sanctions_origin")?,
            last_updated: self.string(map, "last_updated")?.unwrap_or_default(),
        })
    }

    /// A string field; numbers are accepted because IMOs and MMSIs turn up
    /// unquoted in hand-edited lists.
    fn string(
        &self,
        map: &Map<String, Value>,
        field: &'static str,
    ) -> Result<Option<String>, DecodeError> {
        match map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(self.error(field, &format!("expected a string, found {other}"))),
        }
    }

    fn strings(
        &self,
        map: &Map<String, Value>,
        field: &'static str,
    ) -> Result<Vec<String>, DecodeError> {
        let items = match map.get(field) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::String(s)) => return Ok(vec![s.trim().to_string()]),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(self.error(field, &format!("expected an array, found {other}")))
            }
        };
        items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.trim().to_string()),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(self.error(
                    field,
                    &format!("item {i}: expected a string, found {other}"),
                )),
            })
            .collect()
    }

    fn error(&self, field: &'static str, message: &str) -> DecodeError {
        DecodeError::ListField {
            file: self.file.to_path_buf(),
            entry: self.entry,
            field,
            message: message.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_flags() {
        let text = r#"[{"imo": "9562233", "mmsi": ["620233000", "12"], "names": ["Petrel 8"],
            "type": "Bulk Carrier", "flag": "pa, Russia, Unknown", "sanctions_origin": ["UK"]}]"#;
        let entries = parse(text, Path::new("list.json")).unwrap();
        assert_eq!(entries[0].flags(), vec!["pa", "ru"]);
        assert_eq!(entries[0].mmsis(), vec![620_233_000]);
        let back = parse(&to_json(&entries), Path::new("x")).unwrap();
        assert_eq!(back, entries);
    }

    #[test]
    fn errors_name_file_entry_and_field() {
        let text = r#"[{"imo": "9562233"}, {"imo": "1", "names": [3, {"a": 1}]}]"#;
        let err = parse(text, Path::new("list.json")).unwrap_err().to_string();
        assert!(
            err.contains("list.json") && err.contains("entry 1") && err.contains("names"),
            "{err}"
        );
        let err = parse("[{\"imo\": ", Path::new("list.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("list.json, line 1"), "{err}");
        let err = parse("[{\"mmsi\": []}]", Path::new("l.json"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"imo\""), "{err}");
    }
}
