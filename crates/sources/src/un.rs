//! UN Security Council consolidated list (`CONSOLIDATED_LIST` XML, schema
//! `sc-sanctions.xsd`): one `INDIVIDUAL` or `ENTITY` element per listing,
//! streamed one at a time.
//!
//! Reading choices, checked against the 2020 and 2026 files:
//! - the primary name is FIRST…FOURTH_NAME joined in printed order; UN names
//!   are not in Western order, so only `first` (FIRST_NAME) and `last` (the
//!   last of the other parts) are labelled;
//! - alias QUALITY "Good", "a.k.a." and blank give aliases, "Low" weak
//!   aliases, "f.k.a." previous names; NAME_ORIGINAL_SCRIPT is an alias in
//!   its own script;
//! - dates are `xs:date`, which older files print with a zone offset
//!   ("2015-04-14-04:00"): only the date part is kept;
//! - a birth date given only as a NOTE ("Nov. 1973") is parsed when it reads
//!   as a Gregorian date, otherwise reported as a warning.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use meldpunt_model::{
    collapse_whitespace, country_code, Address, CountryRole, DateSpec, Entity, Gender, IdKind,
    Identifier, Name, NameKind, NameParts, PartialDate, Sanction, Schema,
};

use crate::xml::{stream_records, Node};
use crate::{Location, ReadContext, SourceError};

const AUTHORITY: &str = "UN Security Council";

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        read_file(file, context)?;
    }
    Ok(())
}

fn read_file(path: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let mut generated = None;
    let mut lines = LineTracker::new(path);
    stream_records(
        path,
        &["INDIVIDUAL", "ENTITY"],
        &mut |root| {
            if root.name != "CONSOLIDATED_LIST" {
                return Err(SourceError::parse(
                    Location::file(path),
                    format!(
                        "expected a CONSOLIDATED_LIST document, found <{}>",
                        root.name
                    ),
                ));
            }
            generated = root
                .attrs
                .iter()
                .find(|(k, _)| k == "dateGenerated")
                .map(|(_, v)| v.clone());
            Ok(())
        },
        &mut |node| {
            let location = lines.locate(node.offset);
            let entity = map_record(&node, &location, context)?;
            context.emit(entity, location)
        },
    )?;
    if let Some(date) = generated {
        context.set_published(date);
    }
    Ok(())
}

fn map_record(
    node: &Node,
    location: &Location,
    context: &mut ReadContext<'_>,
) -> Result<Entity, SourceError> {
    let Some(data_id) = node.child_text("DATAID") else {
        return Err(SourceError::parse(
            location.clone(),
            format!("{} without DATAID", node.name),
        ));
    };
    let individual = node.name == "INDIVIDUAL";
    let schema = if individual {
        Schema::Person
    } else {
        Schema::Organization
    };
    let mut entity = Entity::new(format!("un-{data_id}"), schema);
    let mut warnings = Vec::new();
    add_primary_name(&mut entity, node, individual);
    add_aliases(&mut entity, node, &mut warnings);
    entity.sanctions.push(sanction(node, &mut warnings));
    add_addresses(&mut entity, node);
    if individual {
        add_person_details(&mut entity, node, &mut warnings);
    }
    for message in warnings {
        context.warn(location.clone(), format!("{}: {message}", entity.id));
    }
    Ok(entity)
}

fn add_primary_name(entity: &mut Entity, node: &Node, individual: bool) {
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|tag| node.child_text(tag))
        .collect();
    let mut name = Name::new(parts.join(" "), NameKind::Primary);
    if individual {
        name = name.with_parts(NameParts {
            first: node.child_text("FIRST_NAME").map(collapse_whitespace),
            last: parts
                .get(1..)
                .and_then(<[&str]>::last)
                .map(|p| collapse_whitespace(p)),
            ..NameParts::default()
        });
    }
    entity.add_name(name);
    if let Some(original) = node.child_text("NAME_ORIGINAL_SCRIPT") {
        entity.add_name(Name::new(original, NameKind::Alias));
    }
}

fn add_aliases(entity: &mut Entity, node: &Node, warnings: &mut Vec<String>) {
    let aliases = node
        .children
        .iter()
        .filter(|c| c.name == "INDIVIDUAL_ALIAS" || c.name == "ENTITY_ALIAS");
    for alias in aliases {
        let Some(value) = alias.child_text("ALIAS_NAME") else {
            continue;
        };
        let quality = alias.child_text("QUALITY").unwrap_or_default();
        let kind = match quality.to_lowercase().as_str() {
            "good" | "a.k.a." | "" => NameKind::Alias,
            "low" => NameKind::WeakAlias,
            "f.k.a." => NameKind::Previous,
            other => {
                warnings.push(format!("unknown alias quality '{other}', read as alias"));
                NameKind::Alias
            }
        };
        entity.add_name(Name::new(value, kind));
        // An alias can carry the birth data of the identity it was used
        // under; screening should match on those too.
        if let Some(text) = alias.child_text("DATE_OF_BIRTH") {
            match DateSpec::parse(strip_zone(text)) {
                Ok(date) => entity.birth_dates.push(date),
                Err(_) => warnings.push(format!("unreadable alias birth date '{text}'")),
            }
        }
        let place = join_present(alias, &["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]);
        if !place.is_empty() {
            entity.birth_places.push(place);
        }
    }
}

fn sanction(node: &Node, warnings: &mut Vec<String>) -> Sanction {
    let listing_date =
        node.child_text("LISTED_ON")
            .and_then(|text| match PartialDate::parse(strip_zone(text)) {
                Ok(date) => Some(date),
                Err(_) => {
                    warnings.push(format!("unreadable LISTED_ON '{text}'"));
                    None
                }
            });
    Sanction {
        program: node.child_text("UN_LIST_TYPE").map(str::to_string),
        listing_date,
        source_ref: node.child_text("REFERENCE_NUMBER").map(str::to_string),
        reason: node.child_text("COMMENTS1").map(collapse_whitespace),
        ..Sanction::new(AUTHORITY)
    }
}

fn add_addresses(entity: &mut Entity, node: &Node) {
    let addresses = node
        .children
        .iter()
        .filter(|c| c.name == "INDIVIDUAL_ADDRESS" || c.name == "ENTITY_ADDRESS");
    for address in addresses {
        let text = |tag: &str| address.child_text(tag).map(collapse_whitespace);
        let address = Address::from_parts(
            text("STREET"),
            text("CITY"),
            text("ZIP_CODE"),
            text("STATE_PROVINCE"),
            text("COUNTRY"),
        );
        if !address.full.is_empty() {
            entity.addresses.push(address);
        }
    }
}

fn add_person_details(entity: &mut Entity, node: &Node, warnings: &mut Vec<String>) {
    for value in node
        .children_named("NATIONALITY")
        .flat_map(|n| n.texts("VALUE"))
    {
        entity.add_country(CountryRole::Nationality, value);
    }
    for title in node.children_named("TITLE").flat_map(|n| n.texts("VALUE")) {
        entity.add_property("title", title);
    }
    for position in node
        .children_named("DESIGNATION")
        .flat_map(|n| n.texts("VALUE"))
    {
        entity.add_property("position", position);
    }
    if let Some(text) = node.child_text("GENDER") {
        match Gender::parse(text) {
            Some(gender) => entity.gender = Some(gender),
            None if text.eq_ignore_ascii_case("unknown") => {}
            None => warnings.push(format!("unknown GENDER '{text}'")),
        }
    }
    for dob in node.children_named("INDIVIDUAL_DATE_OF_BIRTH") {
        match birth_date(dob) {
            Ok(Some(date)) => entity.birth_dates.push(date),
            Ok(None) => {}
            Err(message) => warnings.push(message),
        }
    }
    for place in node.children_named("INDIVIDUAL_PLACE_OF_BIRTH") {
        let text = join_present(place, &["STREET", "CITY", "STATE_PROVINCE", "COUNTRY"]);
        if !text.is_empty() {
            entity.birth_places.push(text);
        }
    }
    for document in node.children_named("INDIVIDUAL_DOCUMENT") {
        if let Some(identifier) = document_identifier(document) {
            entity.add_identifier(identifier);
        }
    }
}

/// One INDIVIDUAL_DATE_OF_BIRTH; `Ok(None)` for the empty placeholders the
/// list prints for persons without a known date.
fn birth_date(node: &Node) -> Result<Option<DateSpec>, String> {
    let kind = node.child_text("TYPE_OF_DATE").unwrap_or_default();
    let date = node.child_text("DATE").or(node.child_text("YEAR"));
    let unreadable = |text: &str| format!("unreadable {kind} birth date '{text}'");
    match (kind.to_uppercase().as_str(), date) {
        ("BETWEEN", _) => {
            let from = node.child_text("FROM_YEAR").unwrap_or_default();
            let to = node.child_text("TO_YEAR").unwrap_or_default();
            let range = format!("{from}..{to}");
            match (PartialDate::parse(from), PartialDate::parse(to)) {
                (Ok(a), Ok(b)) if a <= b => Ok(Some(DateSpec::Range(a, b))),
                _ => Err(unreadable(&range)),
            }
        }
        ("APPROXIMATELY", Some(text)) => PartialDate::parse(strip_zone(text))
            .map(|d| Some(DateSpec::Circa(d)))
            .map_err(|_| unreadable(text)),
        (_, Some(text)) => PartialDate::parse(strip_zone(text))
            .map(|d| Some(DateSpec::Exact(d)))
            .map_err(|_| unreadable(text)),
        (_, None) => match node.child_text("NOTE") {
            None => Ok(None),
            Some(note) => note_date(kind, note)
                .map(Some)
                .ok_or_else(|| unreadable(note)),
        },
    }
}

/// A date written only in the NOTE, e.g. "Nov. 1973". Hijri dates parse as
/// plausible years (1402) and must not be read as Gregorian ones.
fn note_date(kind: &str, note: &str) -> Option<DateSpec> {
    if note.to_lowercase().contains("hijri") {
        return None;
    }
    let date = PartialDate::parse(note).ok()?;
    Some(if kind.eq_ignore_ascii_case("APPROXIMATELY") {
        DateSpec::Circa(date)
    } else {
        DateSpec::Exact(date)
    })
}

fn document_identifier(node: &Node) -> Option<Identifier> {
    let number = node.child_text("NUMBER")?;
    let kind_text = node
        .child_text("TYPE_OF_DOCUMENT")
        .map(|t| collapse_whitespace(t).to_lowercase())
        .unwrap_or_default();
    let kind = if ["passport", "passeport", "pasaporte"]
        .iter()
        .any(|p| kind_text.contains(p))
    {
        IdKind::Passport
    } else if kind_text.contains("national") {
        IdKind::NationalId
    } else {
        IdKind::Other
    };
    let mut identifier = Identifier::new(kind, number);
    let mut notes: Vec<String> = Vec::new();
    let issuer = node
        .child_text("ISSUING_COUNTRY")
        .or(node.child_text("COUNTRY_OF_ISSUE"));
    if let Some(issuer) = issuer {
        match country_code(issuer) {
            Some(code) => identifier.country = Some(code),
            None => notes.push(format!("issued by {issuer}")),
        }
    }
    if let Some(kind2) = node.child_text("TYPE_OF_DOCUMENT2") {
        notes.push(collapse_whitespace(kind2));
    }
    if let Some(date) = node.child_text("DATE_OF_ISSUE") {
        notes.push(format!("issued {}", strip_zone(date)));
    }
    if let Some(city) = node.child_text("CITY_OF_ISSUE") {
        notes.push(format!("issued in {city}"));
    }
    if let Some(note) = node.child_text("NOTE") {
        notes.push(collapse_whitespace(note));
    }
    if !notes.is_empty() {
        identifier.note = Some(notes.join("; "));
    }
    Some(identifier)
}

/// The date part of an `xs:date`, which may end in a zone offset.
fn strip_zone(text: &str) -> &str {
    match text.get(..10) {
        Some(date)
            if text.len() > 10
                && date.as_bytes()[4] == b'-'
                && date.bytes().filter(u8::is_ascii_digit).count() == 8 =>
        {
            date
        }
        _ => text,
    }
}

fn join_present(node: &Node, tags: &[&str]) -> String {
    tags.iter()
        .filter_map(|tag| node.child_text(tag))
        .map(collapse_whitespace)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Turns byte offsets into line numbers in one forward pass over the file,
/// since records arrive in file order; `Location::byte` would rescan the file
/// from the start for every record.
pub(crate) struct LineTracker {
    path: PathBuf,
    reader: Option<BufReader<File>>,
    position: u64,
    line: u64,
}

impl LineTracker {
    pub(crate) fn new(path: &Path) -> Self {
        LineTracker {
            path: path.to_path_buf(),
            reader: File::open(path).ok().map(BufReader::new),
            position: 0,
            line: 1,
        }
    }

    /// The line of the byte at `offset`. An offset on a line feed means the
    /// record starts after it: the CSV parser places records of CRLF files
    /// at the `\n` that ends the previous line.
    pub(crate) fn locate(&mut self, offset: u64) -> Location {
        if offset < self.position {
            *self = LineTracker::new(&self.path);
        }
        let line = self.advance(offset);
        let mut byte = offset;
        if line.is_some() && self.skip_line_feed() {
            byte += 1;
        }
        Location {
            file: self.path.clone(),
            line: line.map(|_| self.line),
            byte: Some(byte),
        }
    }

    fn skip_line_feed(&mut self) -> bool {
        let Some(reader) = self.reader.as_mut() else {
            return false;
        };
        if reader.fill_buf().ok().and_then(|b| b.first().copied()) != Some(b'\n') {
            return false;
        }
        reader.consume(1);
        self.position += 1;
        self.line += 1;
        true
    }

    fn advance(&mut self, offset: u64) -> Option<u64> {
        let reader = self.reader.as_mut()?;
        while self.position < offset {
            let buffer = reader.fill_buf().ok()?;
            if buffer.is_empty() {
                break;
            }
            let take = buffer.len().min((offset - self.position) as usize);
            self.line += buffer[..take].iter().filter(|b| **b == b'\n').count() as u64;
            self.position += take as u64;
            reader.consume(take);
        }
        Some(self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_zone_offsets() {
        assert_eq!(strip_zone("2015-04-14-04:00"), "2015-04-14");
        assert_eq!(strip_zone("2015-04-14"), "2015-04-14");
        assert_eq!(strip_zone("Nov. 1973"), "Nov. 1973");
        assert_eq!(strip_zone("Ω-long text here"), "Ω-long text here");
    }

    #[test]
    fn hijri_notes_are_not_dates() {
        assert_eq!(note_date("EXACT", "24/06/1402 (Hijri Calendar)"), None);
        assert!(note_date("EXACT", "Nov. 1973").is_some());
        assert_eq!(note_date("APPROXIMATELY", "30-35 years old"), None);
    }
}
