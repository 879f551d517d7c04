//! Data lines to subjects and assets.

use serde_json::{json, Map, Number, Value};

use super::columns::{Column, Header, Target};
use super::{CsvError, MAX_ROWS};

/// The subjects (deduplicated), the assets, each asset's holder, and the
/// line each came from (a subject's first line).
pub(super) struct Table {
    pub subjects: Vec<Value>,
    pub assets: Vec<Value>,
    pub holders: Vec<usize>,
    pub subject_lines: Vec<u64>,
    pub asset_lines: Vec<u64>,
}

/// Identifies a subject across lines: kind, name, identifier kind and value.
type SubjectKey = [String; 4];

pub(super) fn read(text: &str, origin: &str) -> Result<Table, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(fields)) => Header::read(&fields, origin)?,
        Some(Err(e)) => return Err(syntax(origin, &e)),
        None => return Err(CsvError::new(origin, 1, None, "csv_empty", "no header")),
    };
    let mut table = Table {
        subjects: Vec::new(),
        assets: Vec::new(),
        holders: Vec::new(),
        subject_lines: Vec::new(),
        asset_lines: Vec::new(),
    };
    let mut keys: Vec<SubjectKey> = Vec::new();
    for record in records {
        let record = record.map_err(|e| syntax(origin, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        // Spreadsheets leave lines of empty cells below the data.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if table.assets.len() == MAX_ROWS {
            return Err(CsvError::new(origin, line, None, "csv_too_many_rows", ""));
        }
        let row = Row::new(&header, &record, origin, line)?;
        let (key, subject) = row.subject()?;
        let holder = match keys.iter().position(|k| *k == key) {
            Some(i) => {
                row.merge_list_match(&mut table.subjects[i], &subject)?;
                i
            }
            None => {
                keys.push(key);
                table.subjects.push(subject);
                table.subject_lines.push(line);
                keys.len() - 1
            }
        };
        table.assets.push(row.asset()?);
        table.holders.push(holder);
        table.asset_lines.push(line);
    }
    if table.assets.is_empty() {
        return Err(CsvError::new(
            origin,
            2,
            None,
            "csv_empty",
            "no asset lines",
        ));
    }
    Ok(table)
}

/// `;` when the header has more semicolons than commas, as Dutch Excel writes.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

fn syntax(origin: &str, e: &csv::Error) -> CsvError {
    let line = e.position().map_or(0, |p| p.line());
    CsvError::new(origin, line, None, "csv_syntax", &e.to_string())
}

/// One data line, checked against the header.
struct Row<'a> {
    /// Cells of named columns; nameless columns are dropped.
    cells: Vec<(&'static Column, &'a str)>,
    origin: &'a str,
    line: u64,
}

impl<'a> Row<'a> {
    fn new(
        header: &Header,
        record: &'a csv::StringRecord,
        origin: &'a str,
        line: u64,
    ) -> Result<Self, CsvError> {
        if record.len() != header.columns.len() {
            let detail = format!(
                "{} fields, header has {}",
                record.len(),
                header.columns.len()
            );
            return Err(CsvError::new(
                origin,
                line,
                None,
                "csv_field_count",
                &detail,
            ));
        }
        let cells = header
            .columns
            .iter()
            .zip(record.iter())
            .filter_map(|(c, v)| c.map(|c| (c, v.trim())))
            .collect();
        let row = Row {
            cells,
            origin,
            line,
        };
        if let Some((column, _)) = row.cells.iter().find(|(c, v)| c.required && v.is_empty()) {
            return Err(row.error(column.name, "csv_value_missing", ""));
        }
        Ok(row)
    }

    fn error(&self, column: &str, code: &'static str, detail: &str) -> CsvError {
        CsvError::new(self.origin, self.line, Some(column), code, detail)
    }

    /// The non-empty value for `target`, if the file has that column.
    fn get(&self, target: Target) -> Option<&'a str> {
        self.cells
            .iter()
            .find(|(c, v)| c.target == target && !v.is_empty())
            .map(|(_, v)| *v)
    }

    /// Both cells of a pair, or neither; one alone is an error at the empty one.
    fn pair(&self, a: Target, b: Target) -> Result<Option<(&'a str, &'a str)>, CsvError> {
        match (self.get(a), self.get(b)) {
            (Some(x), Some(y)) => Ok(Some((x, y))),
            (None, None) => Ok(None),
            (Some(_), None) => Err(self.error(name_of(b), "csv_value_missing", "")),
            (None, Some(_)) => Err(self.error(name_of(a), "csv_value_missing", "")),
        }
    }

    fn subject(&self) -> Result<(SubjectKey, Value), CsvError> {
        let name = self.get(Target::SubjectName).unwrap_or_default();
        let kind = self.get(Target::SubjectKind).unwrap_or_default();
        let mut subject = json!({"kind": kind, "names": [name]});
        let identifier = self.pair(Target::SubjectIdentifierKind, Target::SubjectIdentifier)?;
        if let Some((id_kind, value)) = identifier {
            subject["identifiers"] = json!([{"kind": id_kind, "value": value}]);
        }
        if let Some((list, entry)) = self.pair(Target::List, Target::EntryId)? {
            subject["list_match"] = json!({"list": list, "entry_id": entry, "status": "confirmed"});
        }
        let (id_kind, value) = identifier.unwrap_or_default();
        let key = [kind, name, id_kind, value].map(str::to_string);
        Ok((key, subject))
    }

    /// A later line may add the list entry an earlier one left out, not change it.
    fn merge_list_match(&self, known: &mut Value, new: &Value) -> Result<(), CsvError> {
        let Some(entry) = new.get("list_match") else {
            return Ok(());
        };
        match known.get("list_match") {
            Some(existing) if existing != entry => {
                Err(self.error("entry_id", "csv_subject_conflict", ""))
            }
            Some(_) => Ok(()),
            None => {
                known["list_match"] = entry.clone();
                Ok(())
            }
        }
    }

    fn asset(&self) -> Result<Value, CsvError> {
        let mut asset = Map::new();
        for (column, value) in &self.cells {
            if value.is_empty() {
                continue;
            }
            match column.target {
                Target::AssetText(field) => {
                    asset.insert(field.into(), Value::String(value.to_string()));
                }
                Target::AssetNumber(field) => {
                    let number = number(value)
                        .ok_or_else(|| self.error(column.name, "csv_number", value))?;
                    asset.insert(field.into(), Value::Number(number));
                }
                _ => {}
            }
        }
        Ok(Value::Object(asset))
    }
}

fn name_of(target: Target) -> &'static str {
    super::COLUMNS
        .iter()
        .find(|c| c.target == target)
        .map_or("", |c| c.name)
}

/// Digits with an optional sign and one `.` or `,` decimal mark.
fn number(text: &str) -> Option<Number> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match unsigned.find(['.', ',']) {
        Some(i) => (&unsigned[..i], &unsigned[i + 1..]),
        None => (unsigned, "0"),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return None;
    }
    let normal = text.replace(',', ".");
    if let Ok(n) = normal.parse::<i64>() {
        return Some(n.into());
    }
    normal.parse::<f64>().ok().and_then(Number::from_f64)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_take_either_decimal_mark_and_no_grouping() {
        assert_eq!(number("1250"), Some(1250.into()));
        assert_eq!(number("1250,5").map(|n| n.as_f64()), Some(Some(1250.5)));
        assert_eq!(number("-0.25").map(|n| n.as_f64()), Some(Some(-0.25)));
        for bad in [
            "1.250,50", "1,250.50", "", "-", "1e5", "12a", ".5", "5.", "NaN", "inf",
        ] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }
}
