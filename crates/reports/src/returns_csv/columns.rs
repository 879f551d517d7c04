//! The columns of a frozen-asset return and the header check.

use super::CsvError;

/// Where a column's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    SubjectName,
    SubjectKind,
    SubjectIdentifierKind,
    SubjectIdentifier,
    List,
    EntryId,
    /// An asset text field, by its JSON name.
    AssetText(&'static str),
    /// An asset number field, by its JSON name.
    AssetNumber(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    pub target: Target,
}

const fn column(name: &'static str, required: bool, target: Target) -> Column {
    Column {
        name,
        required,
        target,
    }
}

/// Every column, in the order of the documented header.
pub const COLUMNS: &[Column] = &[
    column("subject_name", true, Target::SubjectName),
    column("subject_kind", true, Target::SubjectKind),
    column(
        "subject_identifier_kind",
        false,
        Target::SubjectIdentifierKind,
    ),
    column("subject_identifier", false, Target::SubjectIdentifier),
    column("list", false, Target::List),
    column("entry_id", false, Target::EntryId),
    column("asset_category", true, Target::AssetText("category")),
    column("asset_kind", true, Target::AssetText("kind")),
    column("asset_description", false, Target::AssetText("description")),
    column("quantity", false, Target::AssetNumber("quantity")),
    column("currency", false, Target::AssetText("currency")),
    column("value", false, Target::AssetNumber("value")),
    column(
        "valuation_basis",
        false,
        Target::AssetText("valuation_basis"),
    ),
    column("valuation_date", false, Target::AssetText("valuation_date")),
    column("frozen_at", false, Target::AssetText("frozen_at")),
    column("account", false, Target::AssetText("account")),
    column("iban", false, Target::AssetText("iban")),
    column("bic", false, Target::AssetText("bic")),
    column("wallet", false, Target::AssetText("wallet")),
    column("location", false, Target::AssetText("location")),
];

/// The header as positions: for each field of the file, its column; `None`
/// for a nameless column, which spreadsheets add after a trailing delimiter.
pub(super) struct Header {
    pub columns: Vec<Option<&'static Column>>,
}

impl Header {
    /// Names are matched without surrounding spaces and case.
    pub(super) fn read(fields: &csv::StringRecord, origin: &str) -> Result<Header, CsvError> {
        let mut columns: Vec<Option<&'static Column>> = Vec::with_capacity(fields.len());
        for field in fields {
            let name = field.trim();
            if name.is_empty() {
                columns.push(None);
                continue;
            }
            let Some(column) = COLUMNS.iter().find(|c| c.name.eq_ignore_ascii_case(name)) else {
                return Err(CsvError::new(
                    origin,
                    1,
                    Some(name),
                    "csv_unknown_column",
                    "",
                ));
            };
            if columns.iter().flatten().any(|c| c.name == column.name) {
                return Err(CsvError::new(
                    origin,
                    1,
                    Some(column.name),
                    "csv_duplicate_column",
                    "",
                ));
            }
            columns.push(Some(column));
        }
        if let Some(missing) = COLUMNS
            .iter()
            .find(|c| c.required && !columns.iter().flatten().any(|h| h.name == c.name))
        {
            return Err(CsvError::new(
                origin,
                1,
                Some(missing.name),
                "csv_missing_column",
                "",
            ));
        }
        Ok(Header { columns })
    }
}

/// The column a JSON field of a built report came from.
pub(super) fn for_pointer_tail(section: &str, tail: &str) -> Option<&'static str> {
    let target = match (section, tail) {
        ("subjects", "kind") => Target::SubjectKind,
        ("subjects", "names/0") => Target::SubjectName,
        ("subjects", "identifiers/0/kind") => Target::SubjectIdentifierKind,
        ("subjects", "identifiers/0/value") => Target::SubjectIdentifier,
        ("subjects", "list_match/list") => Target::List,
        ("subjects", "list_match/entry_id") => Target::EntryId,
        ("assets", field) => return COLUMNS
            .iter()
            .find(
                |c| matches!(c.target, Target::AssetText(f) | Target::AssetNumber(f) if f == field),
            )
            .map(|c| c.name),
        _ => return None,
    };
    COLUMNS.iter().find(|c| c.target == target).map(|c| c.name)
}
