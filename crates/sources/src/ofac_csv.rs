//! Reader for OFAC's legacy CSV sets: `sdn.csv` (or `cons_prim.csv`) with
//! its companions for aliases, addresses and remarks that overflow the
//! primary file. The companions are small and are loaded into maps keyed by
//! `ent_num`; the primary file is streamed.
//!
//! The files have no header, print `-0-` for null and end with a DOS
//! end-of-file byte (`0x1A`). Most of an entry lives in the remarks column,
//! parsed by [`crate::ofac_remarks`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use meldpunt_model::{
    Address, CountryRole, Entity, IdKind, Identifier, NameKind, Sanction, Schema,
};

use crate::ofac_remarks::{listed_name, parse_remarks, Fact, Parsed};
use crate::{Location, ReadContext, SourceError};

/// Which OFAC list a file belongs to; both use the same entity ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OfacList {
    Sdn,
    Consolidated,
}

impl OfacList {
    pub(crate) fn of_path(path: &Path) -> OfacList {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.starts_with("cons") {
            OfacList::Consolidated
        } else {
            OfacList::Sdn
        }
    }

    fn source_url(self) -> &'static str {
        match self {
            OfacList::Sdn => "https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
            OfacList::Consolidated => "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
        }
    }
}

const PRIMARY_COLUMNS: usize = 12;
const ALT_COLUMNS: usize = 5;
const ADD_COLUMNS: usize = 6;
const COMMENT_COLUMNS: usize = 2;

/// One companion row with the line it came from.
type Row = (Vec<String>, Location);

#[derive(Default)]
struct Companions {
    alts: HashMap<String, Vec<Row>>,
    addresses: HashMap<String, Vec<Row>>,
    comments: HashMap<String, (String, Location)>,
}

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let Some((primary, others)) = files.split_first() else {
        return Ok(());
    };
    let mut companions = Companions::default();
    for file in others {
        load_companion(file, &mut companions)?;
    }
    let list = OfacList::of_path(primary);
    for_each_row(primary, PRIMARY_COLUMNS, &mut |fields, location| {
        let (entity, warnings) = build_entity(&fields, list, &mut companions, &location)?;
        for warning in warnings {
            context.warn(location.clone(), format!("{}: {warning}", entity.id));
        }
        context.emit(entity, location)
    })?;
    warn_orphans(&companions, context);
    Ok(())
}

fn load_companion(file: &Path, companions: &mut Companions) -> Result<(), SourceError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let columns = match name.strip_prefix("cons_").unwrap_or(&name) {
        "alt.csv" => ALT_COLUMNS,
        "add.csv" => ADD_COLUMNS,
        "comments.csv" | "sdn_comments.csv" => COMMENT_COLUMNS,
        _ => {
            return Err(SourceError::parse(
                Location::file(file),
                "not an OFAC companion file (add, alt or comments)",
            ))
        }
    };
    for_each_row(file, columns, &mut |fields, location| {
        let key = fields[0].trim().to_string();
        match columns {
            ALT_COLUMNS => companions
                .alts
                .entry(key)
                .or_default()
                .push((fields, location)),
            ADD_COLUMNS => companions
                .addresses
                .entry(key)
                .or_default()
                .push((fields, location)),
            _ => {
                // Continuations resume mid-word: append without a separator.
                let text = null(&fields[1]).unwrap_or_default();
                let entry = companions
                    .comments
                    .entry(key)
                    .or_insert_with(|| (String::new(), location));
                entry.0.push_str(&text);
            }
        }
        Ok(())
    })
}

/// Streams one headerless OFAC CSV file, checking the column count and the
/// encoding of every row and skipping the closing `0x1A` byte.
fn for_each_row(
    path: &Path,
    columns: usize,
    on_row: &mut dyn FnMut(Vec<String>, Location) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(LineIndex::new(std::io::BufReader::new(file)));
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(path, e))?;
        if !more {
            return Ok(());
        }
        let (line, byte) = reader
            .get_ref()
            .locate(record.position().map_or(0, csv::Position::byte));
        let location = Location {
            file: path.to_path_buf(),
            line: Some(line),
            byte: Some(byte),
        };
        if record
            .iter()
            .all(|f| f.iter().all(|b| *b == 0x1a || b.is_ascii_whitespace()))
        {
            continue;
        }
        if record.len() != columns {
            return Err(SourceError::parse(
                location,
                format!("expected {columns} columns, found {}", record.len()),
            ));
        }
        let fields = record
            .iter()
            .map(|f| std::str::from_utf8(f).map(str::to_string))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| SourceError::Encoding {
                location: location.clone(),
            })?;
        on_row(fields, location)?;
    }
}

/// Records where lines end as the CSV parser reads. After a CRLF the
/// parser reports the position of the LF, one byte (and one line) before
/// the record; the index corrects both.
struct LineIndex<R> {
    inner: R,
    offset: u64,
    newlines: Vec<u64>,
}

impl<R> LineIndex<R> {
    fn new(inner: R) -> Self {
        LineIndex {
            inner,
            offset: 0,
            newlines: Vec::new(),
        }
    }

    /// The 1-based line and byte offset where a record reported at `byte`
    /// starts. The parser reads ahead of the records it returns, so every
    /// newline up to `byte` is known.
    fn locate(&self, byte: u64) -> (u64, u64) {
        let before = self.newlines.partition_point(|&n| n <= byte) as u64;
        let on_newline = self.newlines.binary_search(&byte).is_ok();
        (1 + before, byte + u64::from(on_newline))
    }
}

impl<R: std::io::Read> std::io::Read for LineIndex<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buffer)?;
        let start = self.offset;
        let found = buffer[..n].iter().enumerate().filter(|(_, b)| **b == b'\n');
        self.newlines.extend(found.map(|(i, _)| start + i as u64));
        self.offset += n as u64;
        Ok(n)
    }
}

fn csv_error(path: &Path, error: csv::Error) -> SourceError {
    let location = match error.position() {
        Some(p) => Location {
            file: path.to_path_buf(),
            line: Some(p.line()),
            byte: Some(p.byte()),
        },
        None => Location::file(path),
    };
    match error.into_kind() {
        csv::ErrorKind::Io(e) => SourceError::io(path, e),
        other => SourceError::parse(location, format!("malformed CSV: {other:?}")),
    }
}

/// OFAC prints null as `-0-`, often with trailing spaces.
fn null(field: &str) -> Option<String> {
    let value = field.trim();
    (!value.is_empty() && value != "-0-").then(|| value.to_string())
}

pub(crate) fn schema_for(sdn_type: Option<&str>) -> Schema {
    match sdn_type.map(|t| t.trim().to_lowercase()).as_deref() {
        Some("individual") => Schema::Person,
        Some("vessel") => Schema::Vessel,
        Some("aircraft") => Schema::Aircraft,
        // OFAC does not tell companies from other organisations.
        _ => Schema::Organization,
    }
}

/// One sanction per programme; "SDGT] [IRGC" in the CSV lists two.
pub(crate) fn sanctions(programs: &[String], ent_num: &str, list: OfacList) -> Vec<Sanction> {
    let mut programs: Vec<String> = programs
        .iter()
        .flat_map(|p| p.split("] ["))
        .map(|p| p.trim().trim_matches(['[', ']']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if programs.is_empty() {
        programs.push(String::new());
    }
    programs
        .into_iter()
        .map(|program| Sanction {
            program: Some(program).filter(|p| !p.is_empty()),
            source_ref: Some(ent_num.to_string()),
            source_url: Some(list.source_url().to_string()),
            ..Sanction::new("OFAC")
        })
        .collect()
}

/// Applies parsed remarks; returns the warnings, for the caller to locate.
pub(crate) fn apply_facts(entity: &mut Entity, parsed: Parsed) -> Vec<String> {
    let mut provisions = Vec::new();
    for fact in parsed.facts {
        match fact {
            Fact::BirthDate(date) => entity.birth_dates.push(date),
            Fact::BirthPlace(place) => entity.birth_places.push(place),
            Fact::Country(role, text) => entity.add_country(role, &text),
            Fact::Gender(gender) => entity.gender = Some(gender),
            Fact::Name(name) => entity.add_name(name),
            Fact::Identifier(identifier) => entity.add_identifier(identifier),
            Fact::Property("position", text) => {
                entity.add_property("position", text.trim_end_matches('.'))
            }
            Fact::Property(property, text) => entity.add_property(property, text),
            Fact::Provision(text) => provisions.push(text),
            // Remarks often repeat the Title column, already the position.
            Fact::Unparsed(text) if has_position(entity, &text) => {}
            Fact::Unparsed(text) => entity.add_property("notes", text),
        }
    }
    if !provisions.is_empty() {
        let joined = provisions.join("; ");
        for sanction in &mut entity.sanctions {
            sanction.legal_basis = Some(match sanction.legal_basis.take() {
                Some(earlier) => format!("{earlier}; {joined}"),
                None => joined.clone(),
            });
        }
    }
    parsed.warnings
}

fn has_position(entity: &Entity, text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    entity
        .properties
        .get("position")
        .is_some_and(|positions| positions.iter().any(|p| p == text))
}

fn build_entity(
    fields: &[String],
    list: OfacList,
    companions: &mut Companions,
    location: &Location,
) -> Result<(Entity, Vec<String>), SourceError> {
    let ent_num = fields[0].trim();
    if ent_num.is_empty() || !ent_num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SourceError::parse(
            location.clone(),
            format!("ent_num '{ent_num}' is not a number"),
        ));
    }
    let field = |i: usize| fields.get(i).and_then(|f| null(f));
    let schema = schema_for(field(2).as_deref());
    let mut entity = Entity::new(format!("ofac-{ent_num}"), schema);
    let mut warnings = Vec::new();
    match field(1) {
        Some(name) => entity.add_name(listed_name(&name, NameKind::Primary, schema)),
        None => warnings.push("entry without a name".to_string()),
    }
    entity.sanctions = sanctions(&field(3).into_iter().collect::<Vec<_>>(), ent_num, list);
    if let Some(title) = field(4) {
        entity.add_property("position", title.trim_end_matches('.'));
    }
    add_vessel_columns(&mut entity, &field);
    for (row, _) in companions.alts.remove(ent_num).unwrap_or_default() {
        add_alt(&mut entity, &row, &mut warnings);
    }
    for (row, _) in companions.addresses.remove(ent_num).unwrap_or_default() {
        add_address(&mut entity, &row);
    }
    let mut remarks = field(11).unwrap_or_default();
    if let Some((more, _)) = companions.comments.remove(ent_num) {
        remarks.push_str(&more);
    }
    if !remarks.is_empty() {
        let parsed = parse_remarks(&remarks, schema);
        warnings.extend(apply_facts(&mut entity, parsed));
    }
    Ok((entity, warnings))
}

fn add_vessel_columns(entity: &mut Entity, field: &dyn Fn(usize) -> Option<String>) {
    if let Some(call_sign) = field(5) {
        entity.add_identifier(Identifier::new(IdKind::CallSign, call_sign));
    }
    for (index, property) in [
        (6, "type"),
        (7, "tonnage"),
        (8, "grossRegisteredTonnage"),
        (10, "ownerName"),
    ] {
        if let Some(value) = field(index) {
            entity.add_property(property, value);
        }
    }
    if let Some(flag) = field(9) {
        entity.add_country(CountryRole::Flag, &flag);
    }
}

fn add_alt(entity: &mut Entity, row: &[String], warnings: &mut Vec<String>) {
    let Some(name) = row.get(3).and_then(|f| null(f)) else {
        return;
    };
    let alt_type = row.get(2).and_then(|f| null(f)).unwrap_or_default();
    let remarks = row.get(4).and_then(|f| null(f)).unwrap_or_default();
    let weak = [&alt_type, &remarks]
        .iter()
        .any(|t| t.to_lowercase().contains("weak"));
    let kind = match alt_type.to_lowercase().as_str() {
        _ if weak => NameKind::WeakAlias,
        "aka" | "nka" => NameKind::Alias,
        "fka" => NameKind::Previous,
        other => {
            warnings.push(format!("unknown alias type '{other}'"));
            NameKind::Alias
        }
    };
    entity.add_name(listed_name(&name, kind, entity.schema));
}

fn add_address(entity: &mut Entity, row: &[String]) {
    let field = |i: usize| row.get(i).and_then(|f| null(f));
    let address = Address::from_parts(field(2), field(3), None, None, field(4));
    if let Some(country) = field(4) {
        entity.add_country(CountryRole::Country, &country);
    }
    if !address.full.is_empty() {
        entity.addresses.push(address);
    }
    if let Some(remarks) = field(5) {
        entity.add_property("notes", remarks);
    }
}

/// Companion rows for entries missing from the primary file point at a
/// mismatched set of files.
fn warn_orphans(companions: &Companions, context: &mut ReadContext<'_>) {
    let rows = companions
        .alts
        .values()
        .chain(companions.addresses.values())
        .filter_map(|rows| rows.first())
        .map(|(_, location)| location);
    let mut orphans: Vec<Location> = rows
        .chain(companions.comments.values().map(|(_, location)| location))
        .cloned()
        .collect();
    orphans.sort_by_key(|l| (l.file.clone(), l.line));
    for location in orphans {
        context.warn(
            location,
            "companion row for an ent_num not in the primary file",
        );
    }
}
