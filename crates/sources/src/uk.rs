//! UK Sanctions List published by the FCDO (the list that replaced OFSI's
//! ConList on 28 January 2026), in its XML and CSV forms.
//!
//! No real file was available offline; the layout below follows the FCDO
//! format guide as far as it could be checked, and these assumptions:
//! - XML: `<Designations>` holds a `<DateGenerated>` element and one
//!   `<Designation>` per designation with `UniqueID`, `OFSIGroupID`,
//!   `UNReferenceNumber`, `RegimeName`, `DateDesignated`, `LastUpdated`,
//!   `IndividualEntityShip`, `Names/Name` (`Name1`…`Name6`, `NameType`,
//!   `AliasStrength`), `NonLatinNames/NonLatinName` (`NameNonLatinScript`,
//!   `NonLatinScriptLanguage`), `Addresses/Address` (`AddressLine1`…`6`,
//!   `AddressPostalCode`, `AddressCountry`), `SanctionsImposed`,
//!   `OtherInformation`, `UKStatementofReasons`, and `IndividualDetails`,
//!   `EntityDetails` or `ShipDetails`. Detail fields are looked up by their
//!   leaf element name (`DOB`, `Nationality`, `IMONumber`,
//!   `CurrentBelievedFlagOfShip`, `PreviousFlag`…) anywhere inside the
//!   designation, so a different wrapper element does not lose them.
//! - CSV: a `Report Date: …` line, then a header row with the FCDO column
//!   names ("Unique ID", "Name 6", "Name type", "D.O.B", "IMO number"…), then
//!   one row per name; the rows of one designation are consecutive and
//!   repeat its other fields. Cells with several values number them:
//!   "(1) Russia (2) Cyprus".
//! - Dates are dd/mm/yyyy, unknown parts written "dd"/"mm" or "00".
//! - Address lines 1–4 form the street, line 5 the region, line 6 the city.
//! - "Primary Name Variation" is an alias; an alias whose strength mentions
//!   "low" is a weak alias.
//! - Fields the model has no place for (SanctionsImposed, OtherInformation,
//!   ship owners and length, parent companies) go to the `notes` property.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use meldpunt_model::{
    collapse_whitespace, country_code, Address, CountryRole, Entity, Gender, IdKind, Identifier,
    Name, NameKind, NameParts, PartialDate, Sanction, Schema,
};

use crate::un::LineTracker;
use crate::xml::{stream_records, Node};
use crate::{Location, ReadContext, SourceError};

const AUTHORITY: &str = "FCDO";

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        if starts_with_markup(file)? {
            read_xml(file, context)?;
        } else {
            read_csv(file, context)?;
        }
    }
    Ok(())
}

fn starts_with_markup(path: &Path) -> Result<bool, SourceError> {
    let mut head = [0u8; 512];
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let n = file
        .take(head.len() as u64)
        .read(&mut head)
        .map_err(|e| SourceError::io(path, e))?;
    let head = head[..n]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..n]);
    Ok(head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'))
}

/// Collects one designation, whichever form it was read from.
struct Builder {
    entity: Entity,
    sanction: Sanction,
    notes: Vec<String>,
    warnings: Vec<String>,
}

impl Builder {
    fn new(unique_id: &str, kind: Option<&str>) -> Self {
        let mut warnings = Vec::new();
        let schema = match kind.map(str::to_lowercase).as_deref() {
            Some("individual") => Schema::Person,
            Some("entity") => Schema::Organization,
            Some("ship") | Some("vessel") => Schema::Vessel,
            other => {
                warnings.push(format!(
                    "unknown designation type {other:?}, read as LegalEntity"
                ));
                Schema::LegalEntity
            }
        };
        let sanction = Sanction {
            source_ref: Some(unique_id.to_string()),
            ..Sanction::new(AUTHORITY)
        };
        Builder {
            entity: Entity::new(format!("uk-{unique_id}"), schema),
            sanction,
            notes: Vec::new(),
            warnings,
        }
    }

    fn warn(&mut self, message: String) {
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    fn name(&mut self, parts: [&str; 6], name_type: &str, strength: &str) {
        let value = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let kind = match name_type.trim().to_lowercase().as_str() {
            "primary name" => NameKind::Primary,
            "primary name variation" => NameKind::Alias,
            "alias" if strength.to_lowercase().contains("low") => NameKind::WeakAlias,
            "alias" => NameKind::Alias,
            other => {
                self.warn(format!("unknown name type '{other}', read as alias"));
                NameKind::Alias
            }
        };
        let mut name = Name::new(value, kind);
        // A name given whole in Name6 ("Vanya the Fox") has no labelled parts.
        let labelled = parts[..5].iter().any(|p| !p.trim().is_empty());
        if self.entity.schema == Schema::Person && labelled {
            let text = |p: &str| Some(collapse_whitespace(p)).filter(|p| !p.is_empty());
            let middle = parts[1..5].join(" ");
            name = name.with_parts(NameParts {
                first: text(parts[0]),
                middle: text(&middle),
                last: text(parts[5]),
                ..NameParts::default()
            });
        }
        self.entity.add_name(name);
    }

    fn non_latin_name(&mut self, value: &str, language: &str) {
        let name = Name::new(value, NameKind::Alias).with_lang(language_code(language));
        self.entity.add_name(name);
    }

    fn sanction_fields(&mut self, regime: &str, designated: &str, reasons: &str) {
        if self.sanction.program.is_none() && !regime.trim().is_empty() {
            self.sanction.program = Some(collapse_whitespace(regime));
        }
        if self.sanction.listing_date.is_none() && !designated.trim().is_empty() {
            match uk_date(designated) {
                Some(date) => self.sanction.listing_date = Some(date),
                None => self.warn(format!("unreadable date designated '{designated}'")),
            }
        }
        if self.sanction.reason.is_none() && !reasons.trim().is_empty() {
            self.sanction.reason = Some(collapse_whitespace(reasons));
        }
    }

    fn note(&mut self, label: &str, value: &str) {
        let value = collapse_whitespace(value);
        if !value.is_empty() {
            self.notes.push(if label.is_empty() {
                value
            } else {
                format!("{label}: {value}")
            });
        }
    }

    fn property(&mut self, property: &str, value: &str) {
        self.entity.add_property(property, value);
    }

    fn birth_date(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        match uk_date(text) {
            Some(date) => self
                .entity
                .birth_dates
                .push(meldpunt_model::DateSpec::Exact(date)),
            None => self.warn(format!("unreadable date of birth '{}'", text.trim())),
        }
    }

    fn birth_place(&mut self, town: &str, country: &str) {
        let place = [town, country]
            .iter()
            .map(|p| collapse_whitespace(p))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !place.is_empty() {
            self.entity.birth_places.push(place);
        }
    }

    fn gender(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        match Gender::parse(text) {
            Some(gender) => self.entity.gender = Some(gender),
            None => self.warn(format!("unknown gender '{}'", text.trim())),
        }
    }

    fn document(&mut self, kind: IdKind, number: &str, note: &str) {
        let mut identifier = Identifier::new(kind, collapse_whitespace(number));
        let note = collapse_whitespace(note);
        identifier.note = Some(note).filter(|n| !n.is_empty());
        if kind == IdKind::Imo {
            if let Err(error) = identifier.validate() {
                self.warn(format!("IMO number '{}': {error}", identifier.value));
            }
        }
        self.entity.add_identifier(identifier);
    }

    fn address(&mut self, lines: [&str; 6], postal_code: &str, country: &str) {
        let text = |p: &str| Some(collapse_whitespace(p)).filter(|p| !p.is_empty());
        let street = lines[..4]
            .iter()
            .filter_map(|l| text(l))
            .collect::<Vec<_>>()
            .join(", ");
        let address = Address::from_parts(
            text(&street),
            text(lines[5]),
            text(postal_code),
            text(lines[4]),
            text(country),
        );
        if !address.full.is_empty() {
            self.entity.addresses.push(address);
        }
    }

    fn finish(mut self, location: &Location, context: &mut ReadContext<'_>) -> Entity {
        for note in std::mem::take(&mut self.notes) {
            self.entity.add_property("notes", note);
        }
        self.entity.sanctions.push(self.sanction);
        for message in self.warnings {
            context.warn(location.clone(), format!("{}: {message}", self.entity.id));
        }
        self.entity
    }
}

/// dd/mm/yyyy with "dd", "mm" or "00" for unknown parts, possibly followed
/// by a time; other shapes go to the general parser.
fn uk_date(text: &str) -> Option<PartialDate> {
    let token = text.split_whitespace().next()?;
    let parts: Vec<&str> = token.split('/').collect();
    if let [day, month, year] = parts.as_slice() {
        let number = |p: &str| p.parse::<u8>().ok();
        let year: u16 = year.parse().ok()?;
        return PartialDate::new(year, number(month), number(day)).ok();
    }
    PartialDate::parse(text).ok()
}

fn language_code(language: &str) -> Option<String> {
    let code = match language.trim().to_lowercase().as_str() {
        "russian" => "rus",
        "ukrainian" => "ukr",
        "belarusian" => "bel",
        "arabic" => "ara",
        "persian" | "farsi" => "fas",
        "chinese" => "zho",
        "korean" => "kor",
        "japanese" => "jpn",
        "georgian" => "kat",
        "burmese" => "mya",
        _ => return None,
    };
    Some(code.to_string())
}

// ---------------------------------------------------------------- XML

fn read_xml(path: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let mut lines = LineTracker::new(path);
    stream_records(
        path,
        &["Designation", "DateGenerated"],
        &mut |root| {
            if root.name == "Designations" {
                Ok(())
            } else {
                Err(SourceError::parse(
                    Location::file(path),
                    format!("expected a Designations document, found <{}>", root.name),
                ))
            }
        },
        &mut |node| {
            if node.name == "DateGenerated" {
                if let Some(text) = node.own_text() {
                    context.set_published(iso_or_raw(text));
                }
                return Ok(());
            }
            let location = lines.locate(node.offset);
            let entity = map_designation(&node, &location, context)?;
            context.emit(entity, location)
        },
    )
}

fn iso_or_raw(text: &str) -> String {
    uk_date(text)
        .filter(|d| d.is_full())
        .map(|d| d.to_string())
        .unwrap_or_else(|| text.trim().to_string())
}

/// Every descendant of `node` named `name`, in document order.
fn descendants<'a>(node: &'a Node, name: &str) -> Vec<&'a Node> {
    let mut found = Vec::new();
    let mut stack: Vec<&Node> = node.children.iter().rev().collect();
    while let Some(next) = stack.pop() {
        if next.name == name {
            found.push(next);
        }
        stack.extend(next.children.iter().rev());
    }
    found
}

fn texts<'a>(node: &'a Node, name: &str) -> Vec<&'a str> {
    descendants(node, name)
        .into_iter()
        .filter_map(Node::own_text)
        .filter(|t| !is_placeholder(t))
        .collect()
}

fn text<'a>(node: &'a Node, name: &str) -> &'a str {
    node.child_text(name)
        .filter(|t| !is_placeholder(t))
        .unwrap_or_default()
}

/// Values the list prints for an unknown field; they are no data.
fn is_placeholder(text: &str) -> bool {
    ["n/a", "unknown", "not known", "-"]
        .iter()
        .any(|p| text.trim().eq_ignore_ascii_case(p))
}

fn map_designation(
    node: &Node,
    location: &Location,
    context: &mut ReadContext<'_>,
) -> Result<Entity, SourceError> {
    let Some(unique_id) = node.child_text("UniqueID") else {
        return Err(SourceError::parse(
            location.clone(),
            "Designation without UniqueID",
        ));
    };
    let mut b = Builder::new(unique_id, node.child_text("IndividualEntityShip"));
    for name in node
        .children_named("Names")
        .flat_map(|n| n.children_named("Name"))
    {
        let part = |i: usize| {
            text(
                name,
                ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"][i],
            )
        };
        let parts = [part(0), part(1), part(2), part(3), part(4), part(5)];
        b.name(parts, text(name, "NameType"), text(name, "AliasStrength"));
    }
    for name in descendants(node, "NonLatinName") {
        if let Some(value) = name.child_text("NameNonLatinScript") {
            b.non_latin_name(value, text(name, "NonLatinScriptLanguage"));
        }
    }
    b.sanction_fields(
        text(node, "RegimeName"),
        text(node, "DateDesignated"),
        text(node, "UKStatementofReasons"),
    );
    b.note("Sanctions imposed", text(node, "SanctionsImposed"));
    b.note("", text(node, "OtherInformation"));
    for address in descendants(node, "Address") {
        let line = |i: usize| text(address, &format!("AddressLine{i}")).to_string();
        let lines = [line(1), line(2), line(3), line(4), line(5), line(6)];
        let lines = lines.each_ref().map(String::as_str);
        b.address(
            lines,
            text(address, "AddressPostalCode"),
            text(address, "AddressCountry"),
        );
    }
    for (tag, property) in [
        ("PhoneNumber", "phone"),
        ("EmailAddress", "email"),
        ("Website", "website"),
        ("Title", "title"),
        ("Position", "position"),
        ("TypeOfEntity", "legalForm"),
        ("TypeOfShip", "type"),
        ("TonnageOfShip", "tonnage"),
        ("YearBuilt", "buildDate"),
    ] {
        for value in texts(node, tag) {
            b.property(property, value);
        }
    }
    xml_person(node, &mut b);
    xml_organization_and_ship(node, &mut b);
    Ok(b.finish(location, context))
}

fn xml_person(node: &Node, b: &mut Builder) {
    for dob in texts(node, "DOB") {
        b.birth_date(dob);
    }
    for nationality in texts(node, "Nationality") {
        b.entity.add_country(CountryRole::Nationality, nationality);
    }
    for gender in texts(node, "Gender") {
        b.gender(gender);
    }
    for place in descendants(node, "BirthDetails")
        .into_iter()
        .flat_map(|d| d.children_named("Location"))
    {
        b.birth_place(text(place, "TownOfBirth"), text(place, "CountryOfBirth"));
    }
    for passport in descendants(node, "Passport") {
        if let Some(number) = passport.child_text("PassportNumber") {
            let note = text(passport, "PassportAdditionalInformation");
            b.document(IdKind::Passport, number, note);
        }
    }
    for id in descendants(node, "NationalIdentifier") {
        if let Some(number) = id.child_text("NationalIdentifierNumber") {
            let note = text(id, "NationalIdentifierAdditionalInformation");
            b.document(IdKind::NationalId, number, note);
        }
    }
}

fn xml_organization_and_ship(node: &Node, b: &mut Builder) {
    for number in texts(node, "BusinessRegistrationNumber") {
        b.document(IdKind::Registration, number, "");
    }
    for number in texts(node, "IMONumber") {
        b.document(IdKind::Imo, number, "");
    }
    for number in texts(node, "HullIdentificationNumber") {
        b.document(IdKind::Registration, number, "hull identification number");
    }
    for flag in texts(node, "CurrentBelievedFlagOfShip") {
        b.entity.add_country(CountryRole::Flag, flag);
    }
    for flag in texts(node, "PreviousFlag") {
        let code = country_code(flag).unwrap_or_else(|| flag.to_string());
        b.property("pastFlags", &code);
    }
    for (tag, label) in [
        ("ParentCompany", "Parent company"),
        ("Subsidiary", "Subsidiary"),
        ("CurrentOwnerOperator", "Current owner/operator"),
        ("PreviousOwnerOperator", "Previous owner/operator"),
        ("LengthOfShip", "Length of ship"),
    ] {
        for value in texts(node, tag) {
            b.note(label, value);
        }
    }
}

// ---------------------------------------------------------------- CSV

/// Header cells, by normalised name.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn new(header: &[String]) -> Self {
        let normalise = |h: &str| collapse_whitespace(&h.replace('\u{a0}', " ")).to_lowercase();
        Columns(
            header
                .iter()
                .enumerate()
                .map(|(i, h)| (normalise(h), i))
                .collect(),
        )
    }

    fn index(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.0.get(*n).copied())
    }

    fn get<'a>(&self, row: &'a [String], names: &[&str]) -> &'a str {
        self.index(names)
            .and_then(|i| row.get(i))
            .map(|v| v.trim())
            .filter(|v| !is_placeholder(v))
            .unwrap_or_default()
    }
}

const UNIQUE_ID: &[&str] = &["unique id"];
const KIND: &[&str] = &[
    "designation type",
    "individual, entity, ship",
    "entity, vessel or individual",
];

fn read_csv(path: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let file = std::fs::File::open(path).map_err(|e| SourceError::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let mut columns: Option<Columns> = None;
    let mut current: Option<(String, Builder, Location)> = None;
    let mut record = csv::ByteRecord::new();
    let mut lines = LineTracker::new(path);
    loop {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            let location = match e.position() {
                Some(p) => lines.locate(p.byte()),
                None => Location::file(path),
            };
            SourceError::parse(location, format!("malformed CSV: {e}"))
        })?;
        if !more {
            break;
        }
        let location = match record.position() {
            Some(p) => lines.locate(p.byte()),
            None => Location::file(path),
        };
        let row = utf8_row(&record, &location)?;
        let Some(cols) = &columns else {
            columns = header_or_report_date(&row, &location, context)?;
            continue;
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let unique_id = cols.get(&row, UNIQUE_ID);
        if unique_id.is_empty() {
            return Err(SourceError::parse(location, "row without a Unique ID"));
        }
        if current.as_ref().is_none_or(|(id, _, _)| id != unique_id) {
            if let Some((_, builder, at)) = current.take() {
                let entity = builder.finish(&at, context);
                context.emit(entity, at)?;
            }
            let builder = Builder::new(unique_id, Some(cols.get(&row, KIND)));
            current = Some((unique_id.to_string(), builder, location));
        }
        if let Some((_, builder, _)) = current.as_mut() {
            csv_row(cols, &row, builder);
        }
    }
    if let Some((_, builder, at)) = current.take() {
        let entity = builder.finish(&at, context);
        context.emit(entity, at)?;
    }
    if columns.is_none() {
        return Err(SourceError::Truncated {
            location: Location::file(path),
            message: "no header row".to_string(),
        });
    }
    Ok(())
}

fn utf8_row(record: &csv::ByteRecord, location: &Location) -> Result<Vec<String>, SourceError> {
    record
        .iter()
        .map(|field| {
            std::str::from_utf8(field)
                .map(|s| s.trim_start_matches('\u{feff}').to_string())
                .map_err(|_| SourceError::Encoding {
                    location: location.clone(),
                })
        })
        .collect()
}

/// The "Report Date: …" line (kept as the publication date) or the header
/// row; `None` until the header is seen.
fn header_or_report_date(
    row: &[String],
    location: &Location,
    context: &mut ReadContext<'_>,
) -> Result<Option<Columns>, SourceError> {
    let first = row.first().map(|c| c.trim()).unwrap_or_default();
    if let Some(date) = first.strip_prefix("Report Date") {
        let date = date.trim_start_matches(':').trim();
        context.set_published(iso_or_raw(date));
        return Ok(None);
    }
    let columns = Columns::new(row);
    if columns.index(UNIQUE_ID).is_none() || columns.index(&["name 6"]).is_none() {
        return Err(SourceError::parse(
            location.clone(),
            "not a UK Sanctions List header: 'Unique ID' and 'Name 6' columns expected",
        ));
    }
    Ok(Some(columns))
}

fn csv_row(cols: &Columns, row: &[String], b: &mut Builder) {
    let get = |names: &[&str]| cols.get(row, names);
    let cells = Cells { cols, row };
    let parts = ["name 1", "name 2", "name 3", "name 4", "name 5", "name 6"].map(|n| get(&[n]));
    b.name(parts, get(&["name type"]), get(&["alias strength"]));
    let non_latin = get(&["name non-latin script"]);
    if !non_latin.is_empty() {
        b.non_latin_name(non_latin, get(&["non-latin script language"]));
    }
    b.sanction_fields(
        get(&["regime name", "regime"]),
        get(&["date designated"]),
        get(&["uk statement of reasons"]),
    );
    b.note("Sanctions imposed", get(&["sanctions imposed"]));
    b.note("", get(&["other information"]));
    let line = |i: usize| get(&[&format!("address line {i}")]);
    b.address(
        [line(1), line(2), line(3), line(4), line(5), line(6)],
        get(&["address postal code"]),
        get(&["address country"]),
    );
    for (columns, property) in [
        (&["phone number"][..], "phone"),
        (&["email address"], "email"),
        (&["website"], "website"),
        (&["title"], "title"),
        (&["position"], "position"),
        (&["type of entity"], "legalForm"),
        (&["type of ship"], "type"),
        (&["tonnage of ship"], "tonnage"),
        (&["year built"], "buildDate"),
    ] {
        for value in split_numbered(get(columns)) {
            b.property(property, value);
        }
    }
    csv_person(&cells, b);
    csv_organization_and_ship(&cells, b);
}

/// One CSV row with its header.
struct Cells<'a> {
    cols: &'a Columns,
    row: &'a [String],
}

impl<'a> Cells<'a> {
    fn get(&self, names: &[&str]) -> &'a str {
        self.cols.get(self.row, names)
    }
}

fn csv_person(cells: &Cells<'_>, b: &mut Builder) {
    let get = |names: &[&str]| cells.get(names);
    for dob in split_numbered(get(&["d.o.b", "dob"])) {
        b.birth_date(dob);
    }
    for nationality in split_numbered(get(&["nationality(/ies)", "nationality"])) {
        b.entity.add_country(CountryRole::Nationality, nationality);
    }
    b.gender(get(&["gender"]));
    b.birth_place(get(&["town of birth"]), get(&["country of birth"]));
    for (kind, number, info) in [
        (
            IdKind::Passport,
            "passport number",
            "passport additional information",
        ),
        (
            IdKind::NationalId,
            "national identifier number",
            "national identifier additional information",
        ),
    ] {
        let numbers = split_numbered(get(&[number]));
        let notes = split_numbered(get(&[info]));
        for (i, number) in numbers.iter().enumerate() {
            // Notes pair with numbers only when the counts agree.
            let note = match (notes.len(), notes.get(i)) {
                (n, Some(note)) if n == numbers.len() => *note,
                (1, _) => notes[0],
                _ => "",
            };
            b.document(kind, number, note);
        }
    }
}

fn csv_organization_and_ship(cells: &Cells<'_>, b: &mut Builder) {
    let get = |names: &[&str]| cells.get(names);
    for number in split_numbered(get(&["business registration number (s)"])) {
        b.document(IdKind::Registration, number, "");
    }
    for number in split_numbered(get(&["imo number"])) {
        b.document(IdKind::Imo, number, "");
    }
    for number in split_numbered(get(&["hull identification number (hin)"])) {
        b.document(IdKind::Registration, number, "hull identification number");
    }
    for flag in split_numbered(get(&["current believed flag of ship"])) {
        b.entity.add_country(CountryRole::Flag, flag);
    }
    for flag in split_numbered(get(&["previous flags"])) {
        let code = country_code(flag).unwrap_or_else(|| flag.to_string());
        b.property("pastFlags", &code);
    }
    for (column, label) in [
        ("parent company", "Parent company"),
        ("subsidiaries", "Subsidiary"),
        ("current owner/operator (s)", "Current owner/operator"),
        ("previous owner/operator (s)", "Previous owner/operator"),
        ("length of ship", "Length of ship"),
    ] {
        for value in split_numbered(get(&[column])) {
            b.note(label, value);
        }
    }
}

/// "(1) Russia (2) Cyprus" → ["Russia", "Cyprus"]; other text is one value.
fn split_numbered(text: &str) -> Vec<&str> {
    let text = text.trim();
    let Some(mut rest) = text.strip_prefix("(1)") else {
        return Some(text).filter(|t| !t.is_empty()).into_iter().collect();
    };
    let mut values = Vec::new();
    for n in 2.. {
        let marker = format!("({n})");
        match rest.find(&marker) {
            Some(at) => {
                values.push(rest[..at].trim());
                rest = &rest[at + marker.len()..];
            }
            None => {
                values.push(rest.trim());
                break;
            }
        }
    }
    values.retain(|v| !v.is_empty());
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_partial_uk_dates() {
        let d = |t: &str| uk_date(t).map(|d| d.to_string());
        assert_eq!(d("dd/mm/1975").as_deref(), Some("1975"));
        assert_eq!(d("00/00/1975").as_deref(), Some("1975"));
        assert_eq!(d("dd/04/1975").as_deref(), Some("1975-04"));
        assert_eq!(d("21/04/1975").as_deref(), Some("1975-04-21"));
        assert_eq!(d("29/06/2012 00:00:00").as_deref(), Some("2012-06-29"));
        assert_eq!(d("31/02/1975"), None);
        assert_eq!(d("dd/mm/yyyy"), None);
    }

    #[test]
    fn splits_numbered_cells() {
        assert_eq!(
            split_numbered("(1) Russia (2) Cyprus"),
            ["Russia", "Cyprus"]
        );
        assert_eq!(split_numbered(" Russia "), ["Russia"]);
        assert!(split_numbered("  ").is_empty());
        assert_eq!(split_numbered("(1) a (3) b"), ["a (3) b"]);
    }
}
