//! Reading the records to screen: CSV with a fixed vocabulary of columns,
//! or FtM JSON lines. Problems with one row become a [`RowError`] with its
//! line number; problems with the file as a whole stop the run.

use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::path::Path;

use meldpunt_model::{
    CountryRole, DateSpec, Entity, FtmEntity, Gender, IdKind, Identifier, Name, NameKind, Schema,
};
use meldpunt_screening::MAX_NAME_CHARS;

/// One record to screen and the line it came from.
#[derive(Debug, Clone)]
pub struct QueryRow {
    pub line: u64,
    pub id: String,
    pub entity: Entity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

pub const CSV_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "schema",
    "birth_date",
    "nationality",
    "country",
    "gender",
    "imo",
    "passport",
    "id_number",
];

/// Longer JSON lines are not customer records.
const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Reads CSV (by header) or FtM JSON lines (a first non-blank byte `{`).
pub fn read_queries(path: &Path) -> anyhow::Result<(Vec<QueryRow>, Vec<RowError>)> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut reader = BufReader::new(file);
    let head = reader
        .fill_buf()
        .with_context(|| format!("reading {}", path.display()))?;
    let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
    match first {
        None => bail!("{}: the file is empty", path.display()),
        Some(b'{') => read_jsonl(path, reader),
        Some(_) => read_csv(path, reader),
    }
}

fn read_csv(
    path: &Path,
    reader: impl std::io::Read,
) -> anyhow::Result<(Vec<QueryRow>, Vec<RowError>)> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv
        .headers()
        .with_context(|| format!("{}:1: unreadable header", path.display()))?
        .clone();
    let columns: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if let Some(unknown) = columns.iter().find(|c| !CSV_COLUMNS.contains(&c.as_str())) {
        bail!(
            "{}:1: unknown column '{unknown}'; the columns are {}",
            path.display(),
            CSV_COLUMNS.join(", ")
        );
    }
    for required in ["id", "name"] {
        if !columns.iter().any(|c| c == required) {
            bail!("{}:1: missing required column '{required}'", path.display());
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in csv.records().enumerate() {
        let fallback_line = index as u64 + 2;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map(|p| p.line()).unwrap_or(fallback_line);
                errors.push(RowError {
                    line,
                    message: csv_message(&error),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(fallback_line);
        let row = CsvRow {
            columns: &columns,
            record: &record,
        };
        sort_row(line, row_entity(&row), &mut rows, &mut errors);
    }
    Ok((rows, errors))
}

/// Files a read row as a query or, with its line, as a rejected row.
fn sort_row(
    line: u64,
    read: Result<Entity, String>,
    rows: &mut Vec<QueryRow>,
    errors: &mut Vec<RowError>,
) {
    match read {
        Ok(entity) => rows.push(QueryRow {
            line,
            id: entity.id.clone(),
            entity,
        }),
        Err(message) => errors.push(RowError { line, message }),
    }
}

fn csv_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "invalid UTF-8 (is the file in another encoding?)".to_string()
        }
        _ => error.to_string(),
    }
}

struct CsvRow<'a> {
    columns: &'a [String],
    record: &'a csv::StringRecord,
}

impl<'a> CsvRow<'a> {
    /// The trimmed cell of `column`, empty when the column is absent.
    fn cell(&self, column: &str) -> &'a str {
        let record = self.record;
        self.columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// Builds the query entity of one CSV row.
fn row_entity(row: &CsvRow<'_>) -> Result<Entity, String> {
    let cell = |column: &str| row.cell(column);
    let id = cell("id");
    if id.is_empty() {
        return Err("empty id".into());
    }
    let schema = match cell("schema") {
        "" => Schema::LegalEntity,
        text => text.parse::<Schema>().map_err(|e| e.to_string())?,
    };
    let mut entity = Entity::new(id, schema);
    add_name(&mut entity, cell("name"))?;
    for value in split(cell("birth_date")) {
        entity
            .birth_dates
            .push(DateSpec::parse(value).map_err(|e| format!("birth_date: {e}"))?);
    }
    for value in split(cell("nationality")) {
        entity.add_country(CountryRole::Nationality, value);
    }
    for value in split(cell("country")) {
        entity.add_country(CountryRole::Country, value);
    }
    if let Some(value) = split(cell("gender")).next() {
        entity.gender =
            Some(Gender::parse(value).ok_or_else(|| format!("gender: unknown value '{value}'"))?);
    }
    for (column, kind) in [
        ("imo", IdKind::Imo),
        ("passport", IdKind::Passport),
        ("id_number", IdKind::NationalId),
    ] {
        for value in split(cell(column)) {
            let identifier = Identifier::new(kind, value);
            identifier
                .validate()
                .map_err(|e| format!("{column}: {e}"))?;
            entity.add_identifier(identifier);
        }
    }
    Ok(entity)
}

fn add_name(entity: &mut Entity, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("empty name".into());
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "name of {chars} characters; at most {MAX_NAME_CHARS} are screened"
        ));
    }
    entity.add_name(Name::new(name, NameKind::Primary));
    Ok(())
}

fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty())
}

fn read_jsonl(
    path: &Path,
    mut reader: impl BufRead,
) -> anyhow::Result<(Vec<QueryRow>, Vec<RowError>)> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut buffer = Vec::new();
    let mut line = 0u64;
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .with_context(|| format!("reading {}", path.display()))?;
        if read == 0 {
            break;
        }
        line += 1;
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sort_row(line, json_entity(&buffer), &mut rows, &mut errors);
    }
    Ok((rows, errors))
}

fn json_entity(bytes: &[u8]) -> Result<Entity, String> {
    if bytes.len() > MAX_LINE_BYTES {
        return Err(format!(
            "line of {} bytes; at most {MAX_LINE_BYTES} are read",
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "invalid UTF-8".to_string())?;
    let ftm: FtmEntity =
        serde_json::from_str(text).map_err(|e| format!("invalid FtM JSON: {e}"))?;
    let entity = Entity::from_ftm(&ftm).map_err(|e| e.to_string())?;
    if entity.names.is_empty() {
        return Err(format!("entity {} has no name", entity.id));
    }
    if let Some(long) = entity
        .names
        .iter()
        .find(|n| n.value.chars().count() > MAX_NAME_CHARS)
    {
        return Err(format!(
            "name of {} characters; at most {MAX_NAME_CHARS} are screened",
            long.value.chars().count()
        ));
    }
    Ok(entity)
}
