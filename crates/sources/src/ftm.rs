//! FollowTheMoney JSON lines as OpenSanctions publishes them
//! (`entities.ftm.json`), their delta files (`{"op": "ADD"|"MOD"|"DEL",
//! "entity": {…}}` per line) and the dataset catalogue (`index.json`).
//!
//! FtM keeps sanctions, passports and structured addresses as entities of
//! their own that point at the thing they describe, in any order. Meldpunt
//! stores them on the thing, so each file is read twice: the first pass
//! keeps only those auxiliary records (small next to the file), the second
//! streams the things and relations with their auxiliaries attached.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use meldpunt_model::{
    country_code, sanction_from_ftm, Address, Entity, FtmEntity, IdKind, Identifier, ModelError,
    Sanction, Schema,
};

use crate::{Location, ReadContext, SourceError};

/// The longest line accepted. OpenSanctions' largest entities (much-aliased
/// organisations) stay well below 1 MiB; a longer line means the file is not
/// line-delimited JSON, and reading it whole would exhaust memory.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// FtM schemata folded into the entity they point at instead of kept.
const SANCTION: &str = "Sanction";
const FOLDED: [&str; 4] = [SANCTION, "Passport", "Identification", "Address"];

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        read_file(file, context)?;
    }
    Ok(())
}

/// What a delta line asks for; plain export lines are upserts without an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Plain,
    Upsert,
    Delete,
}

struct Line {
    op: Op,
    entity: FtmEntity,
    /// The line's properties were not all lists of text and were coerced.
    lenient: bool,
}

/// The auxiliary records of one file, keyed by the entity they belong to
/// (addresses by their own id, which things cite in `addressEntity`).
#[derive(Default)]
struct Auxiliary {
    sanctions: HashMap<String, Vec<Sanction>>,
    identifiers: HashMap<String, Vec<Identifier>>,
    addresses: HashMap<String, Address>,
    /// Sanction records without an `entity` property: (line, id).
    orphans: Vec<(u64, String)>,
}

/// Counts for the warnings given once per file rather than once per line.
#[derive(Default)]
struct Tally {
    /// Schema → (first line, count) of entities Meldpunt does not keep.
    skipped: BTreeMap<String, (u64, u64)>,
    /// Schema → (first line, count) of deletions of folded records.
    folded_deletions: BTreeMap<String, (u64, u64)>,
    /// (first line, count) of lines whose properties were coerced.
    lenient: Option<(u64, u64)>,
    last_change: Option<String>,
}

fn read_file(path: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let mut aux = collect_auxiliary(path)?;
    let mut tally = Tally::default();
    for_each_line(path, |number, text| {
        let location = Location::line(path, number);
        let line = parse_line(text, &location)?;
        note_last_change(&line.entity, &mut tally);
        if line.lenient {
            tally.lenient.get_or_insert((number, 0)).1 += 1;
        }
        handle_line(line, location, &mut aux, &mut tally, context)
    })?;
    report(path, &aux, &tally, context);
    if let Some(published) = published_from_name(path).or(tally.last_change) {
        context.set_published(published);
    }
    Ok(())
}

fn handle_line(
    line: Line,
    location: Location,
    aux: &mut Auxiliary,
    tally: &mut Tally,
    context: &mut ReadContext<'_>,
) -> Result<(), SourceError> {
    let line_number = location.line.unwrap_or_default();
    let schema_name = line.entity.schema.trim().to_string();
    if line.op == Op::Delete {
        return match schema_name.parse::<Schema>() {
            Ok(schema) => context.emit_deletion(&line.entity.id, schema, location),
            Err(_) if FOLDED.contains(&schema_name.as_str()) => {
                count(&mut tally.folded_deletions, &schema_name, line_number);
                Ok(())
            }
            Err(_) => {
                count(&mut tally.skipped, &schema_name, line_number);
                Ok(())
            }
        };
    }
    if line.op == Op::Upsert {
        context.mark_delta();
    }
    if FOLDED.contains(&schema_name.as_str()) {
        return Ok(());
    }
    match Entity::from_ftm(&line.entity) {
        Ok(mut entity) => {
            attach(&mut entity, aux);
            context.emit(entity, location)
        }
        Err(ModelError::UnknownSchema(_)) => {
            count(&mut tally.skipped, &schema_name, line_number);
            Ok(())
        }
        Err(other) => Err(SourceError::parse(location, other.to_string())),
    }
}

fn count(counts: &mut BTreeMap<String, (u64, u64)>, schema: &str, line: u64) {
    counts.entry(schema.to_string()).or_insert((line, 0)).1 += 1;
}

/// Moves the entity's sanctions and identifiers out of the tables (each
/// belongs to one entity) and copies the structured addresses it cites.
fn attach(entity: &mut Entity, aux: &mut Auxiliary) {
    if let Some(sanctions) = aux.sanctions.remove(&entity.id) {
        entity.sanctions.extend(sanctions);
    }
    if let Some(identifiers) = aux.identifiers.remove(&entity.id) {
        for identifier in identifiers {
            let known = entity
                .identifiers
                .iter()
                .any(|i| i.kind == identifier.kind && i.value == identifier.value);
            if !known {
                entity.add_identifier(identifier);
            }
        }
    }
    let cited: Vec<String> = entity
        .properties
        .get("addressEntity")
        .cloned()
        .unwrap_or_default();
    for address in cited.iter().filter_map(|id| aux.addresses.get(id)) {
        // The thing usually repeats the address as plain text; the
        // structured form replaces it rather than doubling it.
        entity.addresses.retain(|a| a.full != address.full);
        entity.addresses.push(address.clone());
    }
}

fn report(path: &Path, aux: &Auxiliary, tally: &Tally, context: &mut ReadContext<'_>) {
    for (schema, (line, n)) in &tally.skipped {
        context.warn(
            Location::line(path, *line),
            format!("skipped {n} {schema} entities: schema not kept by Meldpunt"),
        );
    }
    for (schema, (line, n)) in &tally.folded_deletions {
        context.warn(
            Location::line(path, *line),
            format!(
                "{n} deletions of {schema} records not applied: they are stored on their \
                 entity, which changes only when the entity itself is re-sent"
            ),
        );
    }
    if let Some((line, n)) = tally.lenient {
        context.warn(
            Location::line(path, line),
            format!(
                "{n} lines have property values that are not lists of text; \
                 read as lists (not an OpenSanctions export?)"
            ),
        );
    }
    for (line, id) in &aux.orphans {
        context.warn(
            Location::line(path, *line),
            format!("Sanction {id} names no entity; dropped"),
        );
    }
    let dangling = |ids: Vec<&String>, what: &str, context: &mut ReadContext<'_>| {
        if let Some(first) = ids.iter().min() {
            context.warn(
                Location::file(path),
                format!(
                    "{} {what} point at entities not in this file (e.g. {first}); dropped",
                    ids.len()
                ),
            );
        }
    };
    dangling(aux.sanctions.keys().collect(), "Sanction records", context);
    dangling(
        aux.identifiers.keys().collect(),
        "Passport/Identification records",
        context,
    );
}

fn note_last_change(entity: &FtmEntity, tally: &mut Tally) {
    if let Some(Value::String(change)) = entity.extra.get("last_change") {
        // ISO date-times compare correctly as text.
        if tally
            .last_change
            .as_deref()
            .is_none_or(|seen| change.as_str() > seen)
        {
            tally.last_change = Some(change.clone());
        }
    }
}

/// OpenSanctions names versioned files `<dataset>.<YYYYMMDDhhmmss>.…`.
fn published_from_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stamp = name
        .split('.')
        .find(|part| part.len() == 14 && part.bytes().all(|b| b.is_ascii_digit()))?;
    let (date, time) = stamp.split_at(8);
    Some(format!(
        "{}-{}-{}T{}:{}:{}",
        &date[..4],
        &date[4..6],
        &date[6..],
        &time[..2],
        &time[2..4],
        &time[4..]
    ))
}

/// Pass 1: only lines that can hold a folded schema are parsed.
fn collect_auxiliary(path: &Path) -> Result<Auxiliary, SourceError> {
    let mut aux = Auxiliary::default();
    for_each_line(path, |number, text| {
        if !FOLDED.iter().any(|schema| text.contains(schema)) {
            return Ok(());
        }
        let line = parse_line(text, &Location::line(path, number))?;
        if line.op != Op::Delete {
            fold(&line.entity, number, &mut aux);
        }
        Ok(())
    })?;
    Ok(aux)
}

fn fold(ftm: &FtmEntity, line: u64, aux: &mut Auxiliary) {
    match ftm.schema.trim() {
        SANCTION => match sanction_from_ftm(ftm) {
            Some((target, sanction)) => aux.sanctions.entry(target).or_default().push(sanction),
            None => aux.orphans.push((line, ftm.id.clone())),
        },
        schema @ ("Passport" | "Identification") => {
            let Some(identifier) = identifier_of(ftm, schema == "Passport") else {
                return;
            };
            for holder in ftm.values("holder") {
                let list = aux.identifiers.entry(holder.clone()).or_default();
                list.push(identifier.clone());
            }
        }
        "Address" => {
            if let Some(address) = address_of(ftm) {
                aux.addresses.insert(ftm.id.clone(), address);
            }
        }
        _ => {}
    }
}

fn first(ftm: &FtmEntity, property: &str) -> Option<String> {
    ftm.values(property)
        .iter()
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn identifier_of(ftm: &FtmEntity, passport: bool) -> Option<Identifier> {
    let number = first(ftm, "number")?;
    let kind_text = first(ftm, "type");
    let is_passport = passport
        || kind_text
            .as_deref()
            .is_some_and(|t| t.to_lowercase().contains("passport"));
    let kind = if is_passport {
        IdKind::Passport
    } else {
        IdKind::NationalId
    };
    let mut identifier = Identifier::new(kind, number);
    identifier.country = first(ftm, "country").map(|c| country_code(&c).unwrap_or(c));
    identifier.note = kind_text;
    Some(identifier)
}

fn address_of(ftm: &FtmEntity) -> Option<Address> {
    let mut address = Address::from_parts(
        first(ftm, "street"),
        first(ftm, "city"),
        first(ftm, "postalCode"),
        first(ftm, "region"),
        first(ftm, "country"),
    );
    if let Some(full) = first(ftm, "full") {
        address.full = full;
    }
    (!address.full.is_empty()).then_some(address)
}

fn parse_line(text: &str, location: &Location) -> Result<Line, SourceError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| SourceError::parse(location.clone(), format!("invalid JSON: {e}")))?;
    let (op, body) = match value {
        Value::Object(mut map) if map.contains_key("op") => {
            let op = match map.remove("op") {
                Some(Value::String(op)) => delta_op(&op, location)?,
                other => {
                    let message = format!("delta line with a non-text op: {other:?}");
                    return Err(SourceError::parse(location.clone(), message));
                }
            };
            let body = map.remove("entity").ok_or_else(|| {
                SourceError::parse(location.clone(), "delta line without an entity")
            })?;
            (op, body)
        }
        other => (Op::Plain, other),
    };
    let mut body = body;
    let lenient = loosen_properties(&mut body);
    let entity: FtmEntity = serde_json::from_value(body)
        .map_err(|e| SourceError::parse(location.clone(), format!("not an FtM entity: {e}")))?;
    Ok(Line {
        op,
        entity,
        lenient,
    })
}

/// Brings hand-made exports into FtM's shape: a single value instead of a
/// list, numbers instead of text, and schema-qualified names
/// ("Person:country"). Returns whether anything had to change.
fn loosen_properties(body: &mut Value) -> bool {
    let Some(Value::Object(properties)) = body.get_mut("properties") else {
        return false;
    };
    let strict = properties.iter().all(|(key, value)| {
        !key.contains(':')
            && matches!(value, Value::Array(items) if items.iter().all(Value::is_string))
    });
    if strict {
        return false;
    }
    let loose = std::mem::take(properties);
    for (key, value) in loose {
        let key = key.rsplit(':').next().unwrap_or_default().to_string();
        let items = match value {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            single => vec![single],
        };
        let texts = items.into_iter().filter_map(|item| match item {
            Value::String(text) => Some(Value::String(text)),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
            scalar => Some(Value::String(scalar.to_string())),
        });
        let slot = properties
            .entry(key)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = slot {
            list.extend(texts);
        }
    }
    true
}

fn delta_op(op: &str, location: &Location) -> Result<Op, SourceError> {
    match op.trim().to_ascii_uppercase().as_str() {
        "ADD" | "MOD" => Ok(Op::Upsert),
        "DEL" => Ok(Op::Delete),
        _ => Err(SourceError::parse(
            location.clone(),
            format!("unknown delta op '{op}' (expected ADD, MOD or DEL)"),
        )),
    }
}

/// Calls `handle` with each non-blank line (1-based number, text without
/// the line break), reading at most [`MAX_LINE_BYTES`] per line.
fn for_each_line(
    path: &Path,
    mut handle: impl FnMut(u64, &str) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut buffer = Vec::new();
    let mut number = 0u64;
    loop {
        buffer.clear();
        number += 1;
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut buffer)
            .map_err(|e| SourceError::io(path, e))?;
        if n == 0 {
            return Ok(());
        }
        let newline = buffer.last() == Some(&b'\n');
        if buffer.len() - usize::from(newline) > MAX_LINE_BYTES {
            let message = format!("line longer than {} MiB", MAX_LINE_BYTES >> 20);
            return Err(SourceError::parse(Location::line(path, number), message));
        }
        let text = std::str::from_utf8(&buffer).map_err(|_| SourceError::Encoding {
            location: Location::line(path, number),
        })?;
        let text = text.trim_start_matches('\u{feff}').trim();
        if !text.is_empty() {
            handle(number, text)?;
        }
    }
}

/// One dataset of an OpenSanctions catalogue (`index.json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogDataset {
    pub name: String,
    pub title: Option<String>,
    /// The export version, e.g. "20240613025002-kvm"; for a single
    /// dataset's index without one, the date folder of its URL.
    pub version: Option<String>,
    /// Where the full `entities.ftm.json` export can be fetched.
    pub entities_url: Option<String>,
    /// Where the changes since the previous version can be fetched.
    pub delta_url: Option<String>,
    pub last_change: Option<String>,
}

#[derive(Deserialize)]
struct RawDataset {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    delta_url: Option<String>,
    #[serde(default)]
    last_change: Option<String>,
    #[serde(default)]
    index_url: Option<String>,
    #[serde(default)]
    resources: Vec<RawResource>,
}

#[derive(Deserialize)]
struct RawResource {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads an OpenSanctions catalogue: the whole-site index (`{"datasets":
/// […]}`) or one dataset's `index.json`.
pub fn read_catalog(path: impl AsRef<Path>) -> Result<Vec<CatalogDataset>, SourceError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| SourceError::io(path, e))?;
    let json_error = |e: serde_json::Error| {
        SourceError::parse(
            Location::line(path, e.line() as u64),
            format!("not an OpenSanctions index: {e}"),
        )
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(json_error)?;
    let raw: Vec<RawDataset> = match value {
        Value::Object(mut map) if map.contains_key("datasets") => {
            let datasets = map.remove("datasets").unwrap_or_default();
            serde_json::from_value(datasets).map_err(json_error)?
        }
        other => vec![serde_json::from_value(other).map_err(json_error)?],
    };
    Ok(raw.into_iter().map(catalog_dataset).collect())
}

fn catalog_dataset(raw: RawDataset) -> CatalogDataset {
    let entities_url = raw
        .resources
        .iter()
        .find(|r| r.name.as_deref() == Some("entities.ftm.json"))
        .and_then(|r| r.url.clone());
    let version = raw.version.clone().or_else(|| {
        // ".../datasets/20240310/wd_persons/index.json": the folder before
        // the dataset name is the version.
        let url = raw.index_url.as_deref()?;
        let parts: Vec<&str> = url.split('/').collect();
        let at = parts.iter().position(|p| *p == raw.name)?;
        parts
            .get(at.checked_sub(1)?)
            .map(|p| p.to_string())
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
    });
    CatalogDataset {
        name: raw.name,
        title: raw.title,
        version,
        entities_url,
        delta_url: raw.delta_url,
        last_change: raw.last_change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_stamp_in_file_name() {
        let path = Path::new("t2.20240527194702.entities.delta.json");
        assert_eq!(
            published_from_name(path).as_deref(),
            Some("2024-05-27T19:47:02")
        );
        assert_eq!(published_from_name(Path::new("entities.ftm.json")), None);
    }

    #[test]
    fn delta_ops() {
        let location = Location::file("x");
        assert_eq!(delta_op("ADD", &location).ok(), Some(Op::Upsert));
        assert_eq!(delta_op("del", &location).ok(), Some(Op::Delete));
        assert!(delta_op("PATCH", &location).is_err());
    }
}
