//! Layer 1: the report's shape, checked by deserialising it, with the failing
//! field turned into a JSON Pointer.

use serde_path_to_error::Segment;

use crate::{Issue, Report};

pub(crate) fn parse(json: &serde_json::Value) -> Result<Report, Issue> {
    // serde's derived structs also accept positional arrays; see `arrays`.
    if !json.is_object() {
        return Err(Issue::with_detail("", "wrong_type", "expected an object"));
    }
    crate::arrays::check(json)?;
    serde_path_to_error::deserialize::<_, Report>(json).map_err(|err| {
        let mut pointer = pointer_of(err.path());
        let detail = err.inner().to_string();
        let code = classify(&detail);
        // serde reports a missing field at its parent; the reporter needs the field itself.
        if code == "missing_field" {
            if let Some(field) = quoted(&detail) {
                pointer.push('/');
                pointer.push_str(&escape(field));
            }
        }
        Issue::with_detail(pointer, code, &detail)
    })
}

fn classify(detail: &str) -> &'static str {
    if detail.starts_with("missing field") {
        "missing_field"
    } else if detail.starts_with("unknown field") {
        "unknown_field"
    } else {
        "wrong_type"
    }
}

/// The first name serde puts between backticks.
fn quoted(detail: &str) -> Option<&str> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    Some(&detail[start..start + len])
}

pub(crate) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape(key));
            }
            // Externally tagged enums and unknown segments have no JSON key.
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// RFC 6901 §3: "~" becomes "~0" before "/" becomes "~1".
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
