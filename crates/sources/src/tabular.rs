//! Tables with one entity per row: CSV/TSV, XLSX/XLS/ODS. Used for the Dutch
//! national terrorism sanctions list (Nationale sanctielijst terrorisme,
//! published as a spreadsheet) and for institutions' own watchlists.
//!
//! A [`ColumnMapping`] says which column holds which field. Every column must
//! be mapped or ignored: silently dropping a column of a sanctions list could
//! drop the one detail that tells two namesakes apart.
//!
//! Entity ids are `<file stem>-<id column>`. Without an id column they are
//! `<file stem>-row-<line>`, which stays stable only while rows keep their
//! order: inserting a row renumbers every row below it, and the store then
//! sees deletions and additions instead of unchanged entities.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use serde::{Deserialize, Serialize};

use meldpunt_model::{
    Address, CountryRole, DateSpec, Entity, Gender, IdKind, Identifier, Name, NameKind, NameParts,
    PartialDate, Sanction, Schema,
};

use crate::{Location, ReadContext, SourceError};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Schema,
    Name,
    Alias,
    WeakAlias,
    PreviousName,
    FirstName,
    MiddleName,
    LastName,
    Patronymic,
    Title,
    BirthDate,
    BirthPlace,
    Gender,
    Nationality,
    Citizenship,
    Country,
    Jurisdiction,
    Flag,
    Address,
    Passport,
    NationalId,
    TaxId,
    Registration,
    Kvk,
    Lei,
    Bic,
    Imo,
    Mmsi,
    CallSign,
    Program,
    Authority,
    LegalBasis,
    ListingDate,
    Reason,
    SourceUrl,
    Notes,
    Ignore,
}

/// Each field with its name in mapping specs and files.
const FIELD_NAMES: [(Field, &str); 38] = [
    (Field::Id, "id"),
    (Field::Schema, "schema"),
    (Field::Name, "name"),
    (Field::Alias, "alias"),
    (Field::WeakAlias, "weak_alias"),
    (Field::PreviousName, "previous_name"),
    (Field::FirstName, "first_name"),
    (Field::MiddleName, "middle_name"),
    (Field::LastName, "last_name"),
    (Field::Patronymic, "patronymic"),
    (Field::Title, "title"),
    (Field::BirthDate, "birth_date"),
    (Field::BirthPlace, "birth_place"),
    (Field::Gender, "gender"),
    (Field::Nationality, "nationality"),
    (Field::Citizenship, "citizenship"),
    (Field::Country, "country"),
    (Field::Jurisdiction, "jurisdiction"),
    (Field::Flag, "flag"),
    (Field::Address, "address"),
    (Field::Passport, "passport"),
    (Field::NationalId, "national_id"),
    (Field::TaxId, "tax_id"),
    (Field::Registration, "registration"),
    (Field::Kvk, "kvk"),
    (Field::Lei, "lei"),
    (Field::Bic, "bic"),
    (Field::Imo, "imo"),
    (Field::Mmsi, "mmsi"),
    (Field::CallSign, "call_sign"),
    (Field::Program, "program"),
    (Field::Authority, "authority"),
    (Field::LegalBasis, "legal_basis"),
    (Field::ListingDate, "listing_date"),
    (Field::Reason, "reason"),
    (Field::SourceUrl, "source_url"),
    (Field::Notes, "notes"),
    (Field::Ignore, "ignore"),
];

impl Field {
    pub const ALL: [Field; 38] = {
        let mut all = [Field::Ignore; 38];
        let mut i = 0;
        while i < 38 {
            all[i] = FIELD_NAMES[i].0;
            i += 1;
        }
        all
    };

    pub fn as_str(self) -> &'static str {
        FIELD_NAMES
            .iter()
            .find(|(field, _)| *field == self)
            .map_or("ignore", |(_, name)| *name)
    }

    pub fn parse(text: &str) -> Option<Field> {
        let key = text.trim().to_lowercase().replace('-', "_");
        Field::ALL.into_iter().find(|f| f.as_str() == key)
    }

    /// Whether a cell may hold several values joined by the separator. Names
    /// and free text are never split: a reason may well contain a `;`.
    fn is_multi_valued(self) -> bool {
        !matches!(
            self,
            Field::Id
                | Field::Schema
                | Field::Name
                | Field::FirstName
                | Field::MiddleName
                | Field::LastName
                | Field::Patronymic
                | Field::Title
                | Field::Gender
                | Field::Authority
                | Field::LegalBasis
                | Field::Reason
                | Field::Notes
                | Field::Ignore
        )
    }

    fn known_list() -> String {
        Field::ALL.map(Field::as_str).join(", ")
    }
}

/// Headers recognised without a mapping, compared after [`normalize_header`]:
/// English, Dutch, and the Dutch national list's own columns (Dutch and
/// English editions).
const DEFAULT_HEADERS: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("uid", Field::Id),
    ("reference", Field::Id),
    ("ref", Field::Id),
    ("referentie", Field::Id),
    ("kenmerk", Field::Id),
    ("schema", Field::Schema),
    ("type", Field::Schema),
    ("entity type", Field::Schema),
    ("soort", Field::Schema),
    ("name", Field::Name),
    ("full name", Field::Name),
    ("whole name", Field::Name),
    ("naam", Field::Name),
    ("volledige naam", Field::Name),
    ("naam organisatie", Field::Name),
    ("organisatie", Field::Name),
    ("organisation", Field::Name),
    ("organization", Field::Name),
    ("alias", Field::Alias),
    ("aliases", Field::Alias),
    ("alias(sen)", Field::Alias),
    ("aliassen", Field::Alias),
    ("aka", Field::Alias),
    ("also known as", Field::Alias),
    ("bijnaam", Field::Alias),
    ("weak alias", Field::WeakAlias),
    ("previous name", Field::PreviousName),
    ("former name", Field::PreviousName),
    ("vorige naam", Field::PreviousName),
    ("first name", Field::FirstName),
    ("first names", Field::FirstName),
    ("given name", Field::FirstName),
    ("given names", Field::FirstName),
    ("forename", Field::FirstName),
    ("forenames", Field::FirstName),
    ("voornaam", Field::FirstName),
    ("voornamen", Field::FirstName),
    ("middle name", Field::MiddleName),
    ("middle names", Field::MiddleName),
    // "van der" sits between first and last name, where NameParts::whole
    // puts the middle name.
    ("tussenvoegsel", Field::MiddleName),
    ("tussenvoegsels", Field::MiddleName),
    ("last name", Field::LastName),
    ("surname", Field::LastName),
    ("family name", Field::LastName),
    ("achternaam", Field::LastName),
    ("geslachtsnaam", Field::LastName),
    ("familienaam", Field::LastName),
    ("patronymic", Field::Patronymic),
    ("father name", Field::Patronymic),
    ("title", Field::Title),
    ("titel", Field::Title),
    ("date of birth", Field::BirthDate),
    ("birth date", Field::BirthDate),
    ("birthdate", Field::BirthDate),
    ("dob", Field::BirthDate),
    ("geboortedatum", Field::BirthDate),
    ("place of birth", Field::BirthPlace),
    ("birth place", Field::BirthPlace),
    ("birthplace", Field::BirthPlace),
    ("pob", Field::BirthPlace),
    ("geboorteplaats", Field::BirthPlace),
    ("gender", Field::Gender),
    ("sex", Field::Gender),
    ("geslacht", Field::Gender),
    ("nationality", Field::Nationality),
    ("nationalities", Field::Nationality),
    ("nationaliteit", Field::Nationality),
    ("nationaliteiten", Field::Nationality),
    ("nationaliteit(en)", Field::Nationality),
    ("citizenship", Field::Citizenship),
    ("staatsburgerschap", Field::Citizenship),
    ("country", Field::Country),
    ("land", Field::Country),
    ("jurisdiction", Field::Jurisdiction),
    ("country of incorporation", Field::Jurisdiction),
    ("flag", Field::Flag),
    ("flag state", Field::Flag),
    ("vlag", Field::Flag),
    ("address", Field::Address),
    ("adres", Field::Address),
    ("passport", Field::Passport),
    ("passport number", Field::Passport),
    ("paspoort", Field::Passport),
    ("paspoortnummer", Field::Passport),
    ("national id", Field::NationalId),
    ("id number", Field::NationalId),
    ("identiteitsnummer", Field::NationalId),
    ("bsn", Field::NationalId),
    ("tax id", Field::TaxId),
    ("tax number", Field::TaxId),
    ("tin", Field::TaxId),
    ("fiscaal nummer", Field::TaxId),
    ("rsin", Field::TaxId),
    ("registration number", Field::Registration),
    ("company number", Field::Registration),
    ("registratienummer", Field::Registration),
    ("kvk", Field::Kvk),
    ("kvk nummer", Field::Kvk),
    ("kvknummer", Field::Kvk),
    ("lei", Field::Lei),
    ("lei code", Field::Lei),
    ("bic", Field::Bic),
    ("swift", Field::Bic),
    ("swift bic", Field::Bic),
    ("imo", Field::Imo),
    ("imo number", Field::Imo),
    ("mmsi", Field::Mmsi),
    ("call sign", Field::CallSign),
    ("callsign", Field::CallSign),
    ("program", Field::Program),
    ("programme", Field::Program),
    ("regime", Field::Program),
    ("programma", Field::Program),
    ("authority", Field::Authority),
    ("autoriteit", Field::Authority),
    ("legal basis", Field::LegalBasis),
    ("grondslag", Field::LegalBasis),
    ("rechtsgrond", Field::LegalBasis),
    ("listing date", Field::ListingDate),
    ("date listed", Field::ListingDate),
    ("designation date", Field::ListingDate),
    ("decision date", Field::ListingDate),
    ("decisiondate", Field::ListingDate),
    ("datum plaatsing", Field::ListingDate),
    ("datum plaatsing op lijst", Field::ListingDate),
    ("datum besluit", Field::ListingDate),
    ("plaatsingsdatum", Field::ListingDate),
    ("reason", Field::Reason),
    ("reason for listing", Field::Reason),
    ("reden", Field::Reason),
    ("source url", Field::SourceUrl),
    ("url", Field::SourceUrl),
    ("link", Field::SourceUrl),
    ("notes", Field::Notes),
    ("note", Field::Notes),
    ("remarks", Field::Notes),
    ("comments", Field::Notes),
    ("opmerking", Field::Notes),
    ("opmerkingen", Field::Notes),
    ("toelichting", Field::Notes),
];

/// Lower case, `_`/`-`/`.` as spaces, whitespace collapsed, trailing colon
/// dropped, so "Date_of_Birth:" and "date of birth" match.
pub fn normalize_header(header: &str) -> String {
    let text: String = header
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| if matches!(c, '_' | '-' | '.') { ' ' } else { c })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.trim_end_matches(':').trim().to_string()
}

/// How the columns of a table map to entity fields, with the reading options
/// that go with a table layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ColumnMapping {
    /// Source column header → field; compared after [`normalize_header`].
    /// Consulted before the default headers.
    pub columns: BTreeMap<String, Field>,
    /// Whether headers not in `columns` are looked up in the built-in list.
    pub defaults: bool,
    /// Field delimiter for CSV; `None` picks `,`, `;` or tab from the header.
    pub delimiter: Option<char>,
    /// Separator of several values in one cell.
    pub separator: String,
    /// Schema of rows without a schema column (or with an empty cell).
    pub schema: Schema,
    /// Authority of the sanction record each row gets; without it rows get a
    /// sanction only when sanction columns (program, listing date…) are filled.
    pub authority: Option<String>,
    pub program: Option<String>,
    pub legal_basis: Option<String>,
    /// Worksheet to read; the first one when `None`.
    pub sheet: Option<String>,
}

impl Default for ColumnMapping {
    fn default() -> Self {
        ColumnMapping {
            columns: BTreeMap::new(),
            defaults: true,
            delimiter: None,
            separator: ";".to_string(),
            schema: Schema::Person,
            authority: None,
            program: None,
            legal_basis: None,
            sheet: None,
        }
    }
}

/// A mapping spec or file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column mapping: {0}")]
pub struct MappingError(pub String);

impl ColumnMapping {
    /// The Dutch national terrorism sanctions list: default headers, every
    /// row a sanction by the Netherlands under the Sanctieregeling terrorisme.
    pub fn dutch_terrorism_list() -> Self {
        ColumnMapping {
            authority: Some("Netherlands".to_string()),
            program: Some("Nationale sanctielijst terrorisme".to_string()),
            legal_basis: Some("Sanctieregeling terrorisme 2007".to_string()),
            ..ColumnMapping::default()
        }
    }

    /// Parses `field=Header,field=Header,…`. `ignore=Header` skips a column;
    /// the options `default_schema`, `default_authority`, `default_program`,
    /// `delimiter`, `separator`, `sheet` and `defaults` (true/false) set
    /// the reading options.
    pub fn parse_spec(spec: &str) -> Result<Self, MappingError> {
        let mut mapping = ColumnMapping::default();
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| MappingError(format!("'{pair}' is not field=Header")))?;
            mapping.apply(key.trim(), value)?;
        }
        Ok(mapping)
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), MappingError> {
        let text = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match key.to_lowercase().as_str() {
            "default_schema" => {
                self.schema = value
                    .parse()
                    .map_err(|_| MappingError(format!("unknown schema '{value}'")))?
            }
            "default_authority" => self.authority = text,
            "default_program" => self.program = text,
            "sheet" => self.sheet = text,
            "separator" => self.separator = value.to_string(),
            "delimiter" => self.delimiter = Some(parse_delimiter(value)?),
            "defaults" => {
                self.defaults = value
                    .trim()
                    .parse()
                    .map_err(|_| MappingError(format!("defaults={value}: use true or false")))?
            }
            _ => {
                let field = Field::parse(key).ok_or_else(|| {
                    MappingError(format!(
                        "unknown field '{key}'; fields: {}",
                        Field::known_list()
                    ))
                })?;
                self.columns.insert(normalize_header(value), field);
            }
        }
        Ok(())
    }

    /// Reads a JSON mapping: either the fields of this struct (`columns`,
    /// `defaults`, `delimiter`, `separator`, `schema`, `authority`,
    /// `program`, `legal_basis`, `sheet`) or a plain `{"Header": "field"}`.
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Self, SourceError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| SourceError::io(path, e))?;
        let error = |e: serde_json::Error| {
            SourceError::parse(Location::line(path, e.line() as u64), e.to_string())
        };
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(error)?;
        let structured = value.as_object().is_some_and(|o| o.contains_key("columns"));
        let mut mapping = if structured {
            serde_json::from_value::<ColumnMapping>(value).map_err(error)?
        } else {
            let columns = serde_json::from_value(value).map_err(error)?;
            ColumnMapping {
                columns,
                ..ColumnMapping::default()
            }
        };
        mapping.columns = std::mem::take(&mut mapping.columns)
            .into_iter()
            .map(|(header, field)| (normalize_header(&header), field))
            .collect();
        Ok(mapping)
    }

    /// The field a header maps to, if any.
    pub fn field_for(&self, header: &str) -> Option<Field> {
        let key = normalize_header(header);
        if key.is_empty() {
            return Some(Field::Ignore);
        }
        if let Some(field) = self.columns.get(&key) {
            return Some(*field);
        }
        if !self.defaults {
            return None;
        }
        DEFAULT_HEADERS
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, field)| *field)
    }
}

fn parse_delimiter(value: &str) -> Result<char, MappingError> {
    match value {
        "\\t" | "tab" | "\t" => Ok('\t'),
        _ => {
            let mut chars = value.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Ok(c),
                _ => Err(MappingError(format!(
                    "delimiter '{value}' must be one ASCII character or 'tab'"
                ))),
            }
        }
    }
}

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let mapping = context.options.mapping.clone().unwrap_or_default();
    for path in files {
        let mut table = Table::new(path, &mapping);
        if is_spreadsheet(path)? {
            read_spreadsheet(&mut table, context)?;
        } else {
            read_csv(&mut table, context)?;
        }
        table.finish(context);
    }
    Ok(())
}

fn is_spreadsheet(path: &Path) -> Result<bool, SourceError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return Ok(true);
    }
    if matches!(extension.as_str(), "csv" | "tsv" | "txt") {
        return Ok(false);
    }
    let mut head = [0u8; 4];
    let mut file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let n = std::io::Read::read(&mut file, &mut head).map_err(|e| SourceError::io(path, e))?;
    Ok(head[..n].starts_with(b"PK\x03\x04") || head[..n].starts_with(&[0xD0, 0xCF, 0x11, 0xE0]))
}

fn read_csv(table: &mut Table<'_>, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let path = table.path;
    let bytes = std::fs::read(path).map_err(|e| SourceError::io(path, e))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            // Excel on Dutch Windows saves "CSV" as Windows-1252.
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            context.warn(
                Location::line(path, line),
                "not UTF-8; read as Windows-1252",
            );
            encoding_rs::WINDOWS_1252.decode(&bytes).0
        }
    };
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = table
        .mapping
        .delimiter
        .map(|c| c as u8)
        .unwrap_or_else(|| sniff_delimiter(path, text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map(|p| p.line()).unwrap_or_default();
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        table.row(line, cells, context)?;
    }
    Ok(())
}

fn csv_error(path: &Path, error: csv::Error) -> SourceError {
    let line = error.position().map(|p| p.line()).unwrap_or(1);
    SourceError::parse(Location::line(path, line), error.to_string())
}

/// The candidate occurring most often in the header line; tab for `.tsv`.
fn sniff_delimiter(path: &Path, text: &str) -> u8 {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
    {
        return b'\t';
    }
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

fn read_spreadsheet(
    table: &mut Table<'_>,
    context: &mut ReadContext<'_>,
) -> Result<(), SourceError> {
    let path = table.path;
    let fail = |e: calamine::Error| SourceError::parse(Location::file(path), e.to_string());
    let mut workbook = open_workbook_auto(path).map_err(fail)?;
    let names = workbook.sheet_names();
    let sheet = match &table.mapping.sheet {
        Some(wanted) => names.iter().find(|n| *n == wanted).ok_or_else(|| {
            let message = format!("no sheet '{wanted}'; sheets: {}", names.join(", "));
            SourceError::parse(Location::file(path), message)
        })?,
        None => names
            .first()
            .ok_or_else(|| SourceError::parse(Location::file(path), "workbook has no sheets"))?,
    }
    .clone();
    let range = workbook.worksheet_range(&sheet).map_err(fail)?;
    let first_row = range.start().map(|(row, _)| row).unwrap_or_default();
    let first_column = range.start().map(|(_, column)| column).unwrap_or_default();
    for (index, row) in range.rows().enumerate() {
        let line = u64::from(first_row) + index as u64 + 1;
        // Cells left of the used range are empty; keep column positions.
        let mut cells = vec![String::new(); first_column as usize];
        for cell in row {
            cells.push(cell_text(cell, path, line, context));
        }
        table.row(line, cells, context)?;
    }
    Ok(())
}

fn cell_text(cell: &Data, path: &Path, line: u64, context: &mut ReadContext<'_>) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        // Numbers typed into a spreadsheet (KvK, IMO) come back as floats.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, hh, mm, ss, _) = d.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => {
            context.warn(Location::line(path, line), format!("cell error {e}"));
            String::new()
        }
    }
}

/// One table being read: the header once seen, and per-file state.
struct Table<'m> {
    path: &'m Path,
    mapping: &'m ColumnMapping,
    stem: String,
    fields: Option<Vec<Field>>,
    /// Line of the first row whose sanction had no authority.
    no_authority: Option<u64>,
}

impl<'m> Table<'m> {
    fn new(path: &'m Path, mapping: &'m ColumnMapping) -> Self {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        Table {
            path,
            mapping,
            stem,
            fields: None,
            no_authority: None,
        }
    }

    fn row(
        &mut self,
        line: u64,
        cells: Vec<String>,
        context: &mut ReadContext<'_>,
    ) -> Result<(), SourceError> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        let Some(fields) = &self.fields else {
            self.fields = Some(self.header(line, &cells)?);
            return Ok(());
        };
        if let Some(extra) = cells
            .iter()
            .skip(fields.len())
            .find(|c| !c.trim().is_empty())
        {
            context.warn(
                Location::line(self.path, line),
                format!("cell beyond the last column ignored: '{}'", extra.trim()),
            );
        }
        let values: Vec<(Field, &str)> = fields
            .iter()
            .zip(cells.iter())
            .map(|(f, c)| (*f, c.trim()))
            .filter(|(f, c)| *f != Field::Ignore && !c.is_empty())
            .collect();
        let location = Location::line(self.path, line);
        let entity = RowBuilder::new(self, &location, context).build(&values)?;
        if entity.sanctions.iter().any(|s| s.authority.is_empty()) && self.no_authority.is_none() {
            self.no_authority = Some(line);
        }
        context.emit(entity, location)
    }

    fn header(&self, line: u64, cells: &[String]) -> Result<Vec<Field>, SourceError> {
        let location = Location::line(self.path, line);
        let mut fields = Vec::with_capacity(cells.len());
        for cell in cells {
            let field = self.mapping.field_for(cell).ok_or_else(|| {
                let message = format!(
                    "unknown column '{}': map it (FIELD={0}) or ignore it (ignore={0}); \
                     fields: {}",
                    cell.trim(),
                    Field::known_list()
                );
                SourceError::parse(location.clone(), message)
            })?;
            fields.push(field);
        }
        let named = fields
            .iter()
            .any(|f| matches!(f, Field::Name | Field::FirstName | Field::LastName));
        if !named {
            let message = "no name column (name, first_name or last_name)";
            return Err(SourceError::parse(location, message));
        }
        Ok(fields)
    }

    fn finish(&self, context: &mut ReadContext<'_>) {
        if let Some(line) = self.no_authority {
            context.warn(
                Location::line(self.path, line),
                "sanction records without an authority: add an authority column or \
                 set the default authority",
            );
        }
    }
}

/// Builds one entity from the non-empty cells of a row.
struct RowBuilder<'a, 'c> {
    table: &'a Table<'a>,
    location: &'a Location,
    context: &'a mut ReadContext<'c>,
    parts: NameParts,
    sanction: Sanction,
    sanctioned: bool,
}

impl<'a, 'c> RowBuilder<'a, 'c> {
    fn new(table: &'a Table<'a>, location: &'a Location, context: &'a mut ReadContext<'c>) -> Self {
        let mapping = table.mapping;
        let mut sanction = Sanction::new(mapping.authority.clone().unwrap_or_default());
        sanction.program = mapping.program.clone();
        sanction.legal_basis = mapping.legal_basis.clone();
        RowBuilder {
            table,
            location,
            context,
            parts: NameParts::default(),
            sanctioned: mapping.authority.is_some(),
            sanction,
        }
    }

    fn build(mut self, values: &[(Field, &str)]) -> Result<Entity, SourceError> {
        let id = self.entity_id(values)?;
        let schema = self.schema(values);
        let mut entity = Entity::new(id, schema);
        let separator = self.table.mapping.separator.as_str();
        for (field, cell) in values {
            let pieces: Vec<&str> = if field.is_multi_valued() && !separator.is_empty() {
                cell.split(separator)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            } else {
                vec![*cell]
            };
            for piece in pieces {
                self.apply(&mut entity, *field, piece);
            }
        }
        self.finish_names(&mut entity)?;
        if self.sanctioned {
            entity.sanctions.push(self.sanction);
        }
        Ok(entity)
    }

    fn entity_id(&self, values: &[(Field, &str)]) -> Result<String, SourceError> {
        let stem = &self.table.stem;
        match values.iter().find(|(f, _)| *f == Field::Id) {
            Some((_, id)) => Ok(format!("{stem}-{id}")),
            None if self.table.fields.iter().flatten().any(|f| *f == Field::Id) => Err(
                SourceError::parse(self.location.clone(), "row without an id in the id column"),
            ),
            None => Ok(format!(
                "{stem}-row-{}",
                self.location.line.unwrap_or_default()
            )),
        }
    }

    fn schema(&mut self, values: &[(Field, &str)]) -> Schema {
        let default = self.table.mapping.schema;
        let Some((_, text)) = values.iter().find(|(f, _)| *f == Field::Schema) else {
            return default;
        };
        match parse_schema(text) {
            Some(schema) => schema,
            None => {
                let message = format!("unknown entity type '{text}'; read as {default}");
                self.context.warn(self.location.clone(), message);
                default
            }
        }
    }

    fn apply(&mut self, entity: &mut Entity, field: Field, value: &str) {
        let set = |slot: &mut Option<String>| match slot {
            Some(existing) => {
                existing.push(' ');
                existing.push_str(value);
            }
            None => *slot = Some(value.to_string()),
        };
        match field {
            Field::Id | Field::Schema | Field::Ignore => {}
            Field::Name => entity.add_name(Name::new(value, NameKind::Primary)),
            Field::Alias => entity.add_name(Name::new(value, NameKind::Alias)),
            Field::WeakAlias => entity.add_name(Name::new(value, NameKind::WeakAlias)),
            Field::PreviousName => entity.add_name(Name::new(value, NameKind::Previous)),
            Field::FirstName => set(&mut self.parts.first),
            Field::MiddleName => set(&mut self.parts.middle),
            Field::LastName => set(&mut self.parts.last),
            Field::Patronymic => set(&mut self.parts.patronymic),
            Field::Title => set(&mut self.parts.title),
            Field::BirthDate => self.birth_date(entity, value),
            Field::BirthPlace => entity.birth_places.push(value.to_string()),
            Field::Gender => self.gender(entity, value),
            Field::Nationality => add_country(entity, CountryRole::Nationality, value),
            Field::Citizenship => add_country(entity, CountryRole::Citizenship, value),
            Field::Country => add_country(entity, CountryRole::Country, value),
            Field::Jurisdiction => add_country(entity, CountryRole::Jurisdiction, value),
            Field::Flag => add_country(entity, CountryRole::Flag, value),
            Field::Address => entity.addresses.push(Address {
                full: value.to_string(),
                ..Address::default()
            }),
            Field::Passport => self.identifier(entity, IdKind::Passport, value),
            Field::NationalId => self.identifier(entity, IdKind::NationalId, value),
            Field::TaxId => self.identifier(entity, IdKind::TaxId, value),
            Field::Registration => self.identifier(entity, IdKind::Registration, value),
            Field::Kvk => self.identifier(entity, IdKind::Kvk, value),
            Field::Lei => self.identifier(entity, IdKind::Lei, value),
            Field::Bic => self.identifier(entity, IdKind::Bic, value),
            Field::Imo => self.identifier(entity, IdKind::Imo, value),
            Field::Mmsi => self.identifier(entity, IdKind::Mmsi, value),
            Field::CallSign => self.identifier(entity, IdKind::CallSign, value),
            Field::Program => self.sanction_text(|s| &mut s.program, value),
            Field::Authority => {
                self.sanction.authority = value.to_string();
                self.sanctioned = true;
            }
            Field::LegalBasis => self.sanction_text(|s| &mut s.legal_basis, value),
            Field::ListingDate => self.listing_date(entity, value),
            Field::Reason => self.sanction_text(|s| &mut s.reason, value),
            Field::SourceUrl => {
                entity.add_property("sourceUrl", value);
                self.sanction_text(|s| &mut s.source_url, value);
            }
            Field::Notes => entity.add_property("notes", value),
        }
    }

    /// Later values of a single-valued sanction field are joined, not lost.
    fn sanction_text(&mut self, slot: fn(&mut Sanction) -> &mut Option<String>, value: &str) {
        let slot = slot(&mut self.sanction);
        match slot {
            Some(existing) if existing != value => {
                existing.push_str("; ");
                existing.push_str(value);
            }
            Some(_) => {}
            None => *slot = Some(value.to_string()),
        }
        self.sanctioned = true;
    }

    fn birth_date(&mut self, entity: &mut Entity, value: &str) {
        match DateSpec::parse(value) {
            Ok(date) => entity.birth_dates.push(date),
            Err(_) => {
                let message = format!("unreadable birth date '{value}' kept as text");
                self.context.warn(self.location.clone(), message);
                let property = if entity.schema.is_organization() {
                    "incorporationDate"
                } else {
                    "birthDate"
                };
                entity.add_property(property, value);
            }
        }
    }

    fn listing_date(&mut self, entity: &mut Entity, value: &str) {
        self.sanctioned = true;
        match PartialDate::parse(value) {
            Ok(date) => self.sanction.listing_date = Some(date),
            Err(_) => {
                let message = format!("unreadable listing date '{value}' kept as text");
                self.context.warn(self.location.clone(), message);
                entity.add_property("listingDate", value);
            }
        }
    }

    fn gender(&mut self, entity: &mut Entity, value: &str) {
        let gender = match value.trim().to_lowercase().as_str() {
            "v" | "vrouw" | "vrouwelijk" => Some(Gender::Female),
            "mannelijk" => Some(Gender::Male),
            other => Gender::parse(other),
        };
        match gender {
            Some(gender) => entity.gender = Some(gender),
            None => {
                let message = format!("unknown gender '{value}' kept as text");
                self.context.warn(self.location.clone(), message);
                entity.add_property("gender", value);
            }
        }
    }

    fn identifier(&mut self, entity: &mut Entity, kind: IdKind, value: &str) {
        let identifier = Identifier::new(kind, value);
        if let Err(problem) = identifier.validate() {
            let message = format!("{} '{value}': {problem}", kind.as_str());
            self.context.warn(self.location.clone(), message);
        }
        entity.add_identifier(identifier);
    }

    /// Joins name parts into the primary name when no name column gave one,
    /// else attaches them to the first primary name.
    fn finish_names(&mut self, entity: &mut Entity) -> Result<(), SourceError> {
        let parts = std::mem::take(&mut self.parts);
        let primary = entity
            .names
            .iter_mut()
            .find(|n| n.kind == NameKind::Primary);
        match primary {
            Some(name) => name.parts = parts,
            None if !parts.whole().is_empty() => {
                let name = Name::new(parts.whole(), NameKind::Primary).with_parts(parts);
                entity.add_name(name);
            }
            None => {
                return Err(SourceError::parse(
                    self.location.clone(),
                    "row without a name",
                ))
            }
        }
        Ok(())
    }
}

/// Dutch country names and nationality adjectives the Dutch list and Dutch
/// watchlists use; the model resolves English names and ISO codes only.
const DUTCH_COUNTRIES: &[(&str, &str)] = &[
    ("nederland", "nl"),
    ("nederlandse", "nl"),
    ("marokko", "ma"),
    ("marokkaanse", "ma"),
    ("belgië", "be"),
    ("belgische", "be"),
    ("duitsland", "de"),
    ("duitse", "de"),
    ("frankrijk", "fr"),
    ("franse", "fr"),
    ("turkije", "tr"),
    ("turkse", "tr"),
    ("syrië", "sy"),
    ("syrische", "sy"),
    ("irak", "iq"),
    ("iraakse", "iq"),
    ("somalië", "so"),
    ("somalische", "so"),
    ("egypte", "eg"),
    ("egyptische", "eg"),
    ("tunesië", "tn"),
    ("tunesische", "tn"),
    ("algerije", "dz"),
    ("algerijnse", "dz"),
    ("libië", "ly"),
    ("jemen", "ye"),
    ("saoedi-arabië", "sa"),
    ("libanon", "lb"),
    ("jordanië", "jo"),
    ("palestina", "ps"),
    ("soedan", "sd"),
    ("afghaanse", "af"),
    ("pakistaanse", "pk"),
    ("iraanse", "ir"),
    ("verenigd koninkrijk", "gb"),
    ("britse", "gb"),
    ("verenigde staten", "us"),
    ("amerikaanse", "us"),
    ("rusland", "ru"),
    ("russische", "ru"),
    ("oekraïne", "ua"),
    ("wit-rusland", "by"),
    ("spanje", "es"),
    ("italië", "it"),
    ("oostenrijk", "at"),
    ("zwitserland", "ch"),
    ("zweden", "se"),
    ("noorwegen", "no"),
    ("denemarken", "dk"),
    ("polen", "pl"),
    ("noord-korea", "kp"),
    ("indonesië", "id"),
    ("filipijnen", "ph"),
    ("bosnië en herzegovina", "ba"),
    ("albanië", "al"),
    ("surinaamse", "sr"),
];

fn add_country(entity: &mut Entity, role: CountryRole, value: &str) {
    let key = value.trim().to_lowercase();
    let code = DUTCH_COUNTRIES
        .iter()
        .find(|(name, _)| *name == key)
        .map_or(value, |(_, code)| *code);
    entity.add_country(role, code);
}

/// Entity types as lists and watchlists write them.
fn parse_schema(text: &str) -> Option<Schema> {
    let key = text.trim().to_lowercase();
    let schema = match key.as_str() {
        "person" | "persoon" | "individual" | "natuurlijk persoon" | "individu" | "p" => {
            Schema::Person
        }
        "organisatie" | "organisation" | "entity" | "entiteit" | "rechtspersoon" | "o" => {
            Schema::Organization
        }
        "bedrijf" | "onderneming" | "vennootschap" => Schema::Company,
        "schip" | "ship" => Schema::Vessel,
        "vliegtuig" | "luchtvaartuig" => Schema::Aircraft,
        _ => return key.parse().ok(),
    };
    Some(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise() {
        assert_eq!(normalize_header(" Date_of_Birth: "), "date of birth");
        assert_eq!(normalize_header("KvK-nummer"), "kvk nummer");
        let mapping = ColumnMapping::default();
        assert_eq!(mapping.field_for("ACHTERNAAM"), Some(Field::LastName));
        assert_eq!(
            mapping.field_for("Nationaliteit(en)"),
            Some(Field::Nationality)
        );
        assert_eq!(mapping.field_for("Favourite colour"), None);
    }

    #[test]
    fn spec_overrides_and_options() {
        let mapping = ColumnMapping::parse_spec(
            "name=Klantnaam,ignore=Segment,default_schema=Company,delimiter=tab",
        )
        .unwrap();
        assert_eq!(mapping.field_for("klantnaam"), Some(Field::Name));
        assert_eq!(mapping.field_for("Segment"), Some(Field::Ignore));
        assert_eq!(mapping.schema, Schema::Company);
        assert_eq!(mapping.delimiter, Some('\t'));
        assert!(ColumnMapping::parse_spec("colour=Kleur").is_err());
        assert!(ColumnMapping::parse_spec("name").is_err());
    }

    #[test]
    fn schema_words() {
        assert_eq!(parse_schema("Persoon"), Some(Schema::Person));
        assert_eq!(parse_schema("Organisatie"), Some(Schema::Organization));
        assert_eq!(parse_schema("Vessel"), Some(Schema::Vessel));
        assert_eq!(parse_schema("spaceship"), None);
    }
}
