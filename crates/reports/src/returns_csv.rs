//! CSV frozen-asset returns: a bank's periodic statement of frozen assets
//! (`FROZEN_ASSETS_PERIODIC`) uploaded as one spreadsheet, one line per asset.
//!
//! # Format
//!
//! UTF-8 (a byte-order mark is accepted), comma- or semicolon-separated (Dutch
//! Excel writes `;`), a header line naming the columns in any order, then one
//! line per frozen asset with the subject that holds it:
//!
//! | column | required | JSON field |
//! |---|---|---|
//! | `subject_name` | yes | `subjects[].names[0]` |
//! | `subject_kind` | yes | `subjects[].kind` (`person`, `entity`, …) |
//! | `subject_identifier_kind` | | `subjects[].identifiers[0].kind` |
//! | `subject_identifier` | | `subjects[].identifiers[0].value` |
//! | `list` | | `subjects[].list_match.list` (status `confirmed`) |
//! | `entry_id` | | `subjects[].list_match.entry_id` |
//! | `asset_category` | yes | `assets[].category` (`funds`, `economic_resources`) |
//! | `asset_kind` | yes | `assets[].kind` (`bank_account`, `real_estate`, …) |
//! | `asset_description` | | `assets[].description` |
//! | `quantity`, `value` | | numbers; `.` or `,` as decimal mark, no thousands separators |
//! | `currency`, `valuation_basis`, `valuation_date`, `frozen_at`, `account`, `iban`, `bic`, `wallet`, `location` | | the asset field of that name |
//!
//! Lines naming the same subject (kind, name and identifier) share one
//! subject. Empty cells are left out, so the validator's own rules (IBAN,
//! currency, dates, enum values) then report problems by JSON Pointer. At
//! most [`MAX_ROWS`] asset lines, the most one report can hold.

mod columns;
mod rows;

use serde_json::Value;

use crate::messages::message;

pub use columns::{Column, COLUMNS};

/// Largest accepted file.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Most asset lines: the report model's limit of 1,000 items per list.
pub const MAX_ROWS: usize = 1000;

/// Why a file was not read, with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}:{line}: {}{message}", shown_column(column))]
pub struct CsvError {
    pub origin: String,
    /// One-based line in the file (the header is line 1); 0 when the problem
    /// is in the envelope defaults rather than the file.
    pub line: u64,
    /// The column the problem is in, when there is one.
    pub column: Option<String>,
    /// Stable code with its sentence in [`crate::messages`].
    pub code: &'static str,
    pub message: String,
}

fn shown_column(column: &Option<String>) -> String {
    column
        .as_ref()
        .map_or(String::new(), |c| format!("column {c}: "))
}

impl CsvError {
    pub(crate) fn new(
        origin: &str,
        line: u64,
        column: Option<&str>,
        code: &'static str,
        detail: &str,
    ) -> Self {
        let mut text = message(code).to_string();
        if !detail.is_empty() {
            text = format!("{text} ({detail})");
        }
        CsvError {
            origin: origin.to_string(),
            line,
            column: column.map(str::to_string),
            code,
            message: text,
        }
    }
}

/// A parsed return: the report JSON and, since the model has no link from an
/// asset to its holder, the index in `subjects` of each asset's holder; and
/// the file line of every subject and asset, so the validator's JSON
/// Pointers can be told to the uploader as lines and columns ([`Self::locate`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FrozenAssetsReturn {
    pub report: Value,
    pub holders: Vec<usize>,
    /// The first line naming each subject.
    pub subject_lines: Vec<u64>,
    pub asset_lines: Vec<u64>,
}

impl FrozenAssetsReturn {
    /// The file line and column a validation issue's JSON Pointer refers to,
    /// e.g. "/assets/3/iban" to (line of asset 3, "iban"). The column is
    /// `None` when the pointer names a whole subject or asset, and the result
    /// is `None` for pointers outside the CSV's part (the envelope).
    pub fn locate(&self, pointer: &str) -> Option<(u64, Option<&'static str>)> {
        let mut parts = pointer.strip_prefix('/')?.splitn(3, '/');
        let section = parts.next()?;
        let index: usize = parts.next()?.parse().ok()?;
        let line = match section {
            "subjects" => *self.subject_lines.get(index)?,
            "assets" => *self.asset_lines.get(index)?,
            _ => return None,
        };
        Some((
            line,
            parts
                .next()
                .and_then(|tail| columns::for_pointer_tail(section, tail)),
        ))
    }
}

/// Reads a return into ONE `FROZEN_ASSETS_PERIODIC` report JSON for the
/// validator. `envelope_defaults` is the envelope object (reporter,
/// detected_at as the reference date, narrative…); its `report_type` is set
/// to `FROZEN_ASSETS_PERIODIC` and a missing narrative gets a standard one.
pub fn parse(bytes: &[u8], origin: &str, envelope_defaults: &Value) -> Result<Value, CsvError> {
    parse_return(bytes, origin, envelope_defaults).map(|r| r.report)
}

/// As [`parse`], keeping which subject holds which asset.
pub fn parse_return(
    bytes: &[u8],
    origin: &str,
    envelope_defaults: &Value,
) -> Result<FrozenAssetsReturn, CsvError> {
    let envelope = envelope(envelope_defaults, origin)?;
    let text = decode(bytes, origin)?;
    let table = rows::read(text, origin)?;
    let report = serde_json::json!({
        "envelope": envelope,
        "subjects": table.subjects,
        "assets": table.assets,
    });
    Ok(FrozenAssetsReturn {
        report,
        holders: table.holders,
        subject_lines: table.subject_lines,
        asset_lines: table.asset_lines,
    })
}

fn envelope(defaults: &Value, origin: &str) -> Result<Value, CsvError> {
    let Value::Object(map) = defaults else {
        return Err(CsvError::new(origin, 0, None, "csv_envelope", ""));
    };
    let mut map = map.clone();
    map.insert("report_type".into(), "FROZEN_ASSETS_PERIODIC".into());
    map.entry("narrative").or_insert_with(
        || serde_json::json!({"reason": "Periodic return of frozen assets (CSV upload)."}),
    );
    Ok(Value::Object(map))
}

/// UTF-8 without its byte-order mark, within the size limit.
fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, CsvError> {
    if bytes.len() > MAX_BYTES {
        let detail = format!("{} bytes", bytes.len());
        return Err(CsvError::new(origin, 1, None, "csv_too_large", &detail));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let detail = format!("byte {} of the file", e.valid_up_to() + 1);
        CsvError::new(origin, line, None, "csv_not_utf8", &detail)
    })
}
