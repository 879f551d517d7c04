//! Reader for the EU Official Journal annex CSVs (OpenSanctions
//! `eu_journal_sanctions`): consolidated files (`celex,recordId,…`, one per
//! framework act) and amendment files (`amendedCelex,amendmentCelex,…`, one
//! per amending act). Columns after the provenance ones are FollowTheMoney
//! property names; entity cells are `;`-separated lists with CSV quoting
//! inside the cell.
//!
//! # Grouping rows into entities
//!
//! The format repeats a whole row per legal context (programme, measure,
//! annex), so one designation may span several rows. A file is small, so its
//! rows are buffered and grouped; each group becomes one entity with one
//! [`Sanction`] per row. Rows group when they share the framework act
//! (`celex` / `amendedCelex`), the schema and the name (case and whitespace
//! folded). The one exception is namesakes: when one annex gives the same
//! name under two different `recordId`s the act lists two entries, so such a
//! group is split by (annex, recordId), rows without a recordId forming one
//! more entity.
//!
//! # Entity ids
//!
//! The id is anchored on the group's first row (in file order) that has a
//! recordId: `eu-oj-{celex}-{annex}-{recordId}`, spaces in the recordId
//! replaced by `_` (e.g. `eu-oj-32014R0833-XLII-12`). In amendment files the
//! amending act comes first: `eu-oj-{amendmentCelex}-{amendedCelex}-…`, so a
//! directory of amendments never repeats an id. A group without any recordId
//! gets `eu-oj-{celex}-{schema}-{hash}`, `hash` being the first 16 hex digits
//! of SHA-256 over the folded name. Should two groups of a file land on the
//! same anchor (the format allows a recordId to repeat across schemata), the
//! later one gets `-{schema}` appended and a warning.
//!
//! Rows and the same act in two files both meet the context's duplicate-id
//! check, which names the file and line.

use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use meldpunt_model::{
    country_code, Address, CountryRole, DateSpec, Entity, Gender, IdKind, Identifier, Name,
    NameKind, PartialDate, Sanction, Schema,
};

use crate::{Location, ReadContext, SourceError};

const AUTHORITY: &str = "European Union";

/// Entity columns, shared by both kinds of file after the provenance columns.
const ENTITY_COLUMNS: [&str; 44] = [
    "recordId",
    "programKey",
    "annex",
    "measure",
    "startDate",
    "reason",
    "schema",
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "country",
    "nationality",
    "jurisdiction",
    "birthDate",
    "birthPlace",
    "position",
    "passportNumber",
    "gender",
    "appearance",
    "ethnicity",
    "fatherName",
    "motherName",
    "incorporationDate",
    "legalForm",
    "sector",
    "registrationNumber",
    "taxNumber",
    "idNumber",
    "innCode",
    "ogrnCode",
    "kppCode",
    "okpoCode",
    "leiCode",
    "swiftBic",
    "ticker",
    "imoNumber",
    "mmsi",
    "flag",
    "address",
    "phone",
    "email",
    "website",
    "notes",
];

/// Which header a file has; the provenance columns precede [`ENTITY_COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Consolidated,
    Amendment,
}

impl Kind {
    fn provenance(self) -> &'static [&'static str] {
        match self {
            Kind::Consolidated => &["celex"],
            Kind::Amendment => &["amendedCelex", "amendmentCelex"],
        }
    }
}

/// One data row, cells indexed by [`ENTITY_COLUMNS`].
struct Row {
    /// The framework act whose annex the row transcribes.
    framework: String,
    /// The act the row was transcribed from (the file's CELEX).
    source: String,
    cells: Vec<String>,
    line: u64,
    byte: u64,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        ENTITY_COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }

    fn location(&self, path: &Path) -> Location {
        Location {
            file: path.to_path_buf(),
            line: Some(self.line),
            byte: Some(self.byte),
        }
    }
}

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        let rows = read_rows(file, context)?;
        let groups = group_rows(&rows);
        let ids = assign_ids(file, &rows, &groups, context);
        for (group, id) in groups.iter().zip(ids) {
            let entity = build_entity(file, id, &rows, group, context);
            let first = &rows[group[0]];
            context.emit(entity, first.location(file))?;
        }
    }
    Ok(())
}

fn csv_error(path: &Path, error: csv::Error, shift: u64) -> SourceError {
    let location = match error.position() {
        Some(pos) if pos.line() > 1 => Location {
            file: path.to_path_buf(),
            line: Some(pos.line() + shift),
            byte: Some(pos.byte() + shift),
        },
        Some(pos) => Location {
            file: path.to_path_buf(),
            line: Some(pos.line()),
            byte: Some(pos.byte()),
        },
        None => Location::file(path),
    };
    match error.into_kind() {
        csv::ErrorKind::Io(e) => SourceError::io(path, e),
        csv::ErrorKind::Utf8 { .. } => SourceError::Encoding { location },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => SourceError::parse(
            location,
            format!("row has {len} cells, the header has {expected_len}"),
        ),
        other => SourceError::parse(location, format!("malformed CSV: {other:?}")),
    }
}

/// Checks the header against both kinds, naming the first column that fits
/// neither.
fn header_kind(path: &Path, header: &csv::StringRecord) -> Result<Kind, SourceError> {
    let found: Vec<&str> = header.iter().map(str::trim).collect();
    let kind = if found.first() == Some(&"amendedCelex") {
        Kind::Amendment
    } else {
        Kind::Consolidated
    };
    let expected: Vec<&str> = kind
        .provenance()
        .iter()
        .chain(ENTITY_COLUMNS.iter())
        .copied()
        .collect();
    if found == expected {
        return Ok(kind);
    }
    let message = match expected.iter().zip(&found).position(|(e, f)| e != f) {
        Some(i) => format!(
            "not an EU journal header: column {} is '{}', expected '{}'",
            i + 1,
            found[i],
            expected[i]
        ),
        None if found.len() < expected.len() => format!(
            "not an EU journal header: column {} '{}' is missing",
            found.len() + 1,
            expected[found.len()]
        ),
        None => format!(
            "not an EU journal header: unexpected extra column {} '{}'",
            expected.len() + 1,
            found[expected.len()]
        ),
    };
    Err(SourceError::parse(Location::line(path, 1), message))
}

fn read_rows(path: &Path, context: &mut ReadContext<'_>) -> Result<Vec<Row>, SourceError> {
    // csv reports a record's start at the `\n` left over from the previous
    // `\r\n`, i.e. one line and one byte early.
    let shift = u64::from(ends_with_crlf(path)?);
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(std::io::BufReader::new(file));
    let header = reader
        .headers()
        .map_err(|e| csv_error(path, e, shift))?
        .clone();
    let kind = header_kind(path, &header)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let skip = kind.provenance().len();
    let mut rows = Vec::new();
    let mut warned_stem = false;
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e, shift))?;
        let (line, byte) = record
            .position()
            .map_or((0, 0), |p| (p.line() + shift, p.byte() + shift));
        let framework = record.get(0).unwrap_or_default().trim().to_string();
        let source = record.get(skip - 1).unwrap_or_default().trim().to_string();
        let row = Row {
            framework,
            source,
            cells: record.iter().skip(skip).map(str::to_string).collect(),
            line,
            byte,
        };
        if row.source != stem && !warned_stem {
            warned_stem = true;
            context.warn(
                row.location(path),
                format!("CELEX {} differs from the file name {stem}", row.source),
            );
        }
        if row.framework.is_empty() || row.get("name").is_empty() {
            context.warn(row.location(path), "row without CELEX or name skipped");
            continue;
        }
        rows.push(row);
    }
    Ok(rows)
}

fn ends_with_crlf(path: &Path) -> Result<bool, SourceError> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut line = Vec::new();
    std::io::BufReader::new(file.take(1 << 20))
        .read_until(b'\n', &mut line)
        .map_err(|e| SourceError::io(path, e))?;
    Ok(line.ends_with(b"\r\n"))
}

fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Groups row indices into entities (see the module doc), in file order.
fn group_rows(rows: &[Row]) -> Vec<Vec<usize>> {
    let mut by_name: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<(&str, &str, String), usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let key = (
            row.framework.as_str(),
            row.get("schema"),
            fold(row.get("name")),
        );
        match index.get(&key) {
            Some(&g) => by_name[g].push(i),
            None => {
                index.insert(key, by_name.len());
                by_name.push(vec![i]);
            }
        }
    }
    by_name
        .into_iter()
        .flat_map(|group| split_namesakes(rows, group))
        .collect()
}

fn split_namesakes(rows: &[Row], group: Vec<usize>) -> Vec<Vec<usize>> {
    let mut entries: HashMap<&str, HashSet<&str>> = HashMap::new();
    for &i in &group {
        let record = rows[i].get("recordId");
        if !record.is_empty() {
            entries
                .entry(rows[i].get("annex"))
                .or_default()
                .insert(record);
        }
    }
    if entries.values().all(|ids| ids.len() <= 1) {
        return vec![group];
    }
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for i in group {
        let key = (rows[i].get("annex"), rows[i].get("recordId"));
        match keys.iter().position(|k| *k == key) {
            Some(p) => parts[p].push(i),
            None => {
                keys.push(key);
                parts.push(vec![i]);
            }
        }
    }
    parts
}

fn assign_ids(
    path: &Path,
    rows: &[Row],
    groups: &[Vec<usize>],
    context: &mut ReadContext<'_>,
) -> Vec<String> {
    let mut used = HashSet::new();
    let mut ids = Vec::with_capacity(groups.len());
    for group in groups {
        let first = &rows[group[0]];
        let scope = if first.source == first.framework {
            format!("eu-oj-{}", first.framework)
        } else {
            format!("eu-oj-{}-{}", first.source, first.framework)
        };
        let anchor = group
            .iter()
            .map(|&i| &rows[i])
            .find(|r| !r.get("recordId").is_empty());
        let mut id = match anchor {
            Some(row) => format!(
                "{scope}-{}-{}",
                row.get("annex"),
                row.get("recordId").replace(char::is_whitespace, "_")
            ),
            None => {
                let hash = hex::encode(Sha256::digest(fold(first.get("name")).as_bytes()));
                format!("{scope}-{}-{}", first.get("schema"), &hash[..16])
            }
        };
        if used.contains(&id) {
            id = format!("{id}-{}", first.get("schema"));
            context.warn(
                first.location(path),
                format!("entry shared by two schemata; id made unique as {id}"),
            );
        }
        used.insert(id.clone());
        ids.push(id);
    }
    ids
}

fn build_entity(
    path: &Path,
    id: String,
    rows: &[Row],
    group: &[usize],
    context: &mut ReadContext<'_>,
) -> Entity {
    let first = &rows[group[0]];
    let schema = match first.get("schema").parse::<Schema>() {
        Ok(
            schema @ (Schema::Person
            | Schema::LegalEntity
            | Schema::Organization
            | Schema::Company
            | Schema::Vessel
            | Schema::Asset),
        ) => schema,
        _ => {
            context.warn(
                first.location(path),
                format!(
                    "unknown schema '{}'; read as LegalEntity",
                    first.get("schema")
                ),
            );
            Schema::LegalEntity
        }
    };
    let mut entity = Entity::new(id, schema);
    for &i in group {
        let row = &rows[i];
        entity.add_name(Name::new(row.get("name"), NameKind::Primary));
        entity.sanctions.push(sanction_of(path, row, context));
        add_values(path, row, &mut entity, context);
    }
    entity
}

fn sanction_of(path: &Path, row: &Row, context: &mut ReadContext<'_>) -> Sanction {
    let mut sanction = Sanction::new(AUTHORITY);
    let annex = row.get("annex");
    let measure = row.get("measure");
    let mut basis = row.framework.clone();
    if !annex.is_empty() {
        basis.push_str(&format!(" Annex {annex}"));
    }
    if !measure.is_empty() {
        // The model has no field for the measure; it qualifies the annex.
        basis.push_str(&format!(" ({measure})"));
    }
    sanction.legal_basis = Some(basis);
    sanction.program = Some(row.get("programKey").to_string()).filter(|p| !p.is_empty());
    let start = row.get("startDate");
    if !start.is_empty() {
        match PartialDate::parse(start) {
            Ok(date) => sanction.listing_date = Some(date),
            Err(e) => context.warn(row.location(path), format!("startDate: {e}")),
        }
    }
    sanction.reason = Some(row.get("reason").to_string()).filter(|r| !r.is_empty());
    let record = row.get("recordId");
    sanction.source_ref = Some(match (annex, record) {
        (_, "") => row.source.clone(),
        ("", record) => format!("{} {record}", row.framework),
        (annex, record) => format!("{} Annex {annex} {record}", row.framework),
    });
    sanction.source_url = Some(format!(
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}",
        row.source
    ));
    sanction
}

fn add_values(path: &Path, row: &Row, entity: &mut Entity, context: &mut ReadContext<'_>) {
    for (column, cell) in ENTITY_COLUMNS.iter().zip(&row.cells).skip(8) {
        if cell.trim().is_empty() {
            continue;
        }
        let values = match split_values(cell) {
            Ok(values) => values,
            Err(message) => {
                context.warn(row.location(path), format!("{column}: {message}"));
                vec![cell.trim().to_string()]
            }
        };
        for value in values {
            add_value(path, row, column, &value, entity, context);
        }
    }
}

fn add_value(
    path: &Path,
    row: &Row,
    column: &str,
    value: &str,
    entity: &mut Entity,
    context: &mut ReadContext<'_>,
) {
    let name = |kind| Name::new(value, kind);
    match column {
        "alias" => entity.add_name(name(NameKind::Alias)),
        "weakAlias" => entity.add_name(name(NameKind::WeakAlias)),
        "previousName" => entity.add_name(name(NameKind::Previous)),
        "country" | "nationality" | "jurisdiction" | "flag" => {
            let role = CountryRole::from_ftm_property(column).unwrap_or(CountryRole::Country);
            for part in enumeration(value) {
                entity.add_country(role, demonym_country(&part).unwrap_or(&part));
            }
        }
        "birthDate" => add_birth_date(path, row, value, entity, context),
        "birthPlace" => entity.birth_places.push(value.to_string()),
        "gender" => match Gender::parse(value.trim_end_matches('.')) {
            Some(gender) => entity.gender = entity.gender.or(Some(gender)),
            None => {
                context.warn(row.location(path), format!("unknown gender '{value}'"));
                entity.add_property("gender", value);
            }
        },
        "incorporationDate" => match DateSpec::parse(value) {
            Ok(date) => {
                for text in date.to_ftm_values() {
                    entity.add_property(column, text);
                }
            }
            Err(_) => entity.add_property(column, value),
        },
        "address" => entity.addresses.push(address_of(value)),
        _ => match id_kind(column) {
            Some(kind) => add_identifier(path, row, kind, value, entity, context),
            None => entity.add_property(column, value),
        },
    }
}

fn id_kind(column: &str) -> Option<IdKind> {
    Some(match column {
        "passportNumber" => IdKind::Passport,
        "registrationNumber" => IdKind::Registration,
        "taxNumber" => IdKind::TaxId,
        "idNumber" => IdKind::NationalId,
        "innCode" => IdKind::Inn,
        "ogrnCode" => IdKind::Ogrn,
        "kppCode" => IdKind::Kpp,
        "okpoCode" => IdKind::Okpo,
        "leiCode" => IdKind::Lei,
        "swiftBic" => IdKind::Bic,
        "imoNumber" => IdKind::Imo,
        "mmsi" => IdKind::Mmsi,
        _ => return None,
    })
}

fn add_identifier(
    path: &Path,
    row: &Row,
    kind: IdKind,
    value: &str,
    entity: &mut Entity,
    context: &mut ReadContext<'_>,
) {
    let identifier = Identifier::new(kind, value);
    // Only the columns with a strict published format are checked: the
    // others hold printed wording such as "7704730655 (Tax ID/INN)".
    // Company IMO numbers use another check digit than ship numbers.
    let strict = match kind {
        IdKind::Imo => entity.schema == Schema::Vessel,
        IdKind::Mmsi | IdKind::Lei => true,
        _ => false,
    };
    if strict {
        if let Err(e) = identifier.validate() {
            context.warn(row.location(path), e.to_string());
        }
    }
    entity.add_identifier(identifier);
}

fn add_birth_date(
    path: &Path,
    row: &Row,
    value: &str,
    entity: &mut Entity,
    context: &mut ReadContext<'_>,
) {
    let mut understood = true;
    for part in enumeration(value) {
        match parse_birth(&part) {
            Some(dates) => entity.birth_dates.extend(dates),
            None => understood = false,
        }
    }
    if !understood {
        context.warn(
            row.location(path),
            format!("birthDate '{value}' not fully understood; kept verbatim"),
        );
        entity.add_property("birthDate", value);
    }
}

/// The address as printed; the country is taken from the last comma part
/// when it names one ("…, Moscow, Russian Federation").
fn address_of(value: &str) -> Address {
    let country = value.rsplit(',').next().and_then(country_code);
    Address {
        full: meldpunt_model::collapse_whitespace(value),
        country,
        ..Address::default()
    }
}

/// Splits a multi-valued cell: `;`-separated, each value optionally
/// CSV-quoted with doubled inner quotes, spaces after `;` skipped.
fn split_values(cell: &str) -> Result<Vec<String>, String> {
    let mut values = Vec::new();
    let mut chars = cell.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ').is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') if chars.next_if_eq(&'"').is_some() => value.push('"'),
                    Some('"') => break,
                    Some(c) => value.push(c),
                    None => return Err("unterminated quote in cell".to_string()),
                }
            }
            while chars.next_if(|c| *c != ';').is_some() {}
        } else {
            while let Some(c) = chars.next_if(|c| *c != ';') {
                value.push(c);
            }
        }
        let value = value.trim();
        if !value.is_empty() {
            values.push(value.to_string());
        }
        if chars.next().is_none() {
            return Ok(values);
        }
    }
}

/// Splits the acts' printed enumerations "(a) X, (b) Y", "a) X b) Y",
/// "(i) X, (ii) Y" and "X or Y"; any other value comes back whole.
fn enumeration(value: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in value.split_whitespace() {
        if is_marker(word) {
            pieces.push(std::mem::take(&mut current));
            continue;
        }
        if word == "or" && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    pieces.push(current);
    pieces
        .into_iter()
        .map(|p| {
            let p = p.trim().trim_end_matches([',', ';']).trim();
            let p = p.strip_suffix(" and").unwrap_or(p);
            p.trim().to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// "(a)", "a)", "(ii)": a list marker, not part of a value.
fn is_marker(word: &str) -> bool {
    let Some(inner) = word.strip_suffix(')') else {
        return false;
    };
    let inner = inner.strip_prefix('(').unwrap_or(inner);
    let letter = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase());
    let roman = matches!(
        inner,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii"
    );
    letter || roman
}

/// One birth date as printed, also accepting "1970 circa" and a comma list
/// of years ("1979, 1980").
fn parse_birth(part: &str) -> Option<Vec<DateSpec>> {
    if let Ok(date) = DateSpec::parse(part) {
        return Some(vec![date]);
    }
    for suffix in [" circa", " approximately", " approx."] {
        if let Some(date) = part.strip_suffix(suffix) {
            return DateSpec::parse(&format!("circa {date}"))
                .ok()
                .map(|d| vec![d]);
        }
    }
    let pieces: Vec<&str> = part.split(',').map(str::trim).collect();
    if pieces.len() > 1 {
        return pieces
            .iter()
            .map(|p| DateSpec::parse(p).ok())
            .collect::<Option<Vec<_>>>();
    }
    None
}

/// Nationalities the acts print as adjectives ("Iranian") resolve to their
/// country; `CountryClaim` knows country names only.
fn demonym_country(text: &str) -> Option<&'static str> {
    const DEMONYMS: [(&str, &str); 48] = [
        ("afghan", "af"),
        ("algerian", "dz"),
        ("american", "us"),
        ("australian", "au"),
        ("bahraini", "bh"),
        ("belarusian", "by"),
        ("belgian", "be"),
        ("british", "gb"),
        ("burmese", "mm"),
        ("canadian", "ca"),
        ("chinese", "cn"),
        ("congolese", "cd"),
        ("cypriot", "cy"),
        ("egyptian", "eg"),
        ("emirati", "ae"),
        ("eritrean", "er"),
        ("ethiopian", "et"),
        ("filipino", "ph"),
        ("french", "fr"),
        ("german", "de"),
        ("guinean", "gn"),
        ("indian", "in"),
        ("indonesian", "id"),
        ("iranian", "ir"),
        ("iraqi", "iq"),
        ("italian", "it"),
        ("jordanian", "jo"),
        ("kazakh", "kz"),
        ("kenyan", "ke"),
        ("kuwaiti", "kw"),
        ("lebanese", "lb"),
        ("libyan", "ly"),
        ("malian", "ml"),
        ("mauritanian", "mr"),
        ("moroccan", "ma"),
        ("nigerian", "ng"),
        ("north korean", "kp"),
        ("pakistani", "pk"),
        ("palestinian", "ps"),
        ("russian", "ru"),
        ("saudi", "sa"),
        ("saudi arabian", "sa"),
        ("somali", "so"),
        ("sudanese", "sd"),
        ("syrian", "sy"),
        ("tunisian", "tn"),
        ("ukrainian", "ua"),
        ("yemeni", "ye"),
    ];
    let key = text.trim().trim_end_matches('.').to_lowercase();
    DEMONYMS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, code)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cell_values() {
        assert_eq!(
            split_values(r#""Foo; Bar"; Baz"#).unwrap(),
            vec!["Foo; Bar", "Baz"]
        );
        assert_eq!(
            split_values(r#"A;  "say ""hi"""; C"#).unwrap(),
            vec!["A", r#"say "hi""#, "C"]
        );
        assert_eq!(split_values("single").unwrap(), vec!["single"]);
        assert!(split_values(r#""open; end"#).is_err());
    }

    #[test]
    fn splits_printed_enumerations() {
        assert_eq!(
            enumeration("(a) 17.8.1957, (b) 17.8.1958"),
            vec!["17.8.1957", "17.8.1958"]
        );
        assert_eq!(
            enumeration("6.3.1955 or 15.3.1955"),
            vec!["6.3.1955", "15.3.1955"]
        );
        assert_eq!(
            enumeration("(a) Malaysia, (b) Indonesia"),
            vec!["Malaysia", "Indonesia"]
        );
        assert_eq!(
            enumeration("Russian Federation"),
            vec!["Russian Federation"]
        );
    }

    #[test]
    fn resolves_adjective_nationalities() {
        assert_eq!(demonym_country("Iranian"), Some("ir"));
        assert_eq!(demonym_country("Atlantean"), None);
    }
}
