//! Customer files to screen: CSV with a fixed vocabulary of columns,
//! or FtM JSON lines. Problems with one row become a [`RowError`] with its
//! line number; problems with the file as a whole are a [`ScreeningError`].

use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::{ScreeningError, MAX_NAME_CHARS};
use meldpunt_model::{
    CountryRole, DateSpec, Entity, FtmEntity, Gender, IdKind, Identifier, Name, NameKind, Schema,
};

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
pub fn read_queries(path: &Path) -> Result<(Vec<QueryRow>, Vec<RowError>), ScreeningError> {
    let file =
        std::fs::File::open(path).map_err(|e| data_error(path, format!("cannot open: {e}")))?;
    read_queries_from(BufReader::new(file), path)
}

/// As [`read_queries`], from any reader; `path` names the input in errors.
pub fn read_queries_from(
    mut reader: impl BufRead,
    path: &Path,
) -> Result<(Vec<QueryRow>, Vec<RowError>), ScreeningError> {
    let head = reader
        .fill_buf()
        .map_err(|e| data_error(path, format!("cannot read: {e}")))?;
    let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
    match first {
        None => Err(data_error(path, "the file is empty".to_string())),
        Some(b'{') => read_jsonl(path, reader),
        Some(_) => read_csv(path, reader),
    }
}

fn read_csv(
    path: &Path,
    reader: impl std::io::Read,
) -> Result<(Vec<QueryRow>, Vec<RowError>), ScreeningError> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| {
            data_error(
                path,
                format!("line 1: unreadable header: {}", csv_message(&e)),
            )
        })?
        .clone();
    let columns: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if let Some(unknown) = columns.iter().find(|c| !CSV_COLUMNS.contains(&c.as_str())) {
        return Err(data_error(
            path,
            format!(
                "line 1: unknown column '{unknown}'; the columns are {}",
                CSV_COLUMNS.join(", ")
            ),
        ));
    }
    for required in ["id", "name"] {
        if !columns.iter().any(|c| c == required) {
            return Err(data_error(
                path,
                format!("line 1: missing required column '{required}'"),
            ));
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
) -> Result<(Vec<QueryRow>, Vec<RowError>), ScreeningError> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut buffer = Vec::new();
    let mut line = 0u64;
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| data_error(path, format!("cannot read line {}: {e}", line + 1)))?;
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

fn data_error(path: &Path, message: String) -> ScreeningError {
    ScreeningError::Data {
        path: path.display().to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(bytes: &[u8]) -> Result<(Vec<QueryRow>, Vec<RowError>), ScreeningError> {
        read_queries_from(bytes, Path::new("customers.csv"))
    }

    #[test]
    fn rows_and_row_errors_carry_line_numbers() {
        let (rows, errors) =
            read(b"id,name,birth_date\nk1,Jan Jansen,1970\nk2,,\nk3,Piet,31/02/1970\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 2);
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4]);
        assert!(errors[0].message.contains("empty name"));
    }

    #[test]
    fn file_level_problems_name_the_file() {
        let error = read(b"id,name,shoe_size\nk1,Jan,44\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("customers.csv") && error.contains("unknown column 'shoe_size'"),
            "{error}"
        );
        assert!(read(b"  \n").is_err());
        let (rows, errors) = read(b"{\"id\": \"q\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Jan\"]}}\n{oops\n").unwrap();
        assert_eq!((rows.len(), errors.len()), (1, 1));
        assert_eq!(errors[0].line, 2);
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read(&bytes);
        }

        #[test]
        fn never_panics_on_csv_shaped_input(rows in proptest::collection::vec("[a-z0-9,;\" \\n\\u{400}-\\u{4ff}]{0,40}", 0..8)) {
            let text = format!("id,name,schema,birth_date,nationality,gender,imo\n{}", rows.join("\n"));
            let _ = read(text.as_bytes());
        }
    }
}
