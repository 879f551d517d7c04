//! Reader for the EU Financial Sanctions Files (FSF) XML, schema 1.1
//! (`<export xmlns="http://eu.europa.ec/fpi/fsd/export">`).
//!
//! Each `sanctionEntity` becomes one entity with id `eu-fsf-{logicalId}`;
//! the logical id is the EU's own stable identifier for the designation.
//! Records are streamed one at a time through [`crate::xml::stream_records`].
//!
//! Mapping choices:
//! - `nameAlias strong="false"` is a weak alias; the first strong alias is the
//!   primary name and later strong ones are aliases.
//! - `subjectType` `person` gives a Person; `enterprise` an Organization, or a
//!   Vessel when an identification or remark carries an IMO number.
//! - `citizenship` is a nationality for persons and a country otherwise.
//! - Records and warnings carry byte offsets only: computing the line means
//!   re-reading the file up to the offset, which would make large files
//!   quadratic. Fatal errors (from the XML layer) carry both.

use std::path::{Path, PathBuf};

use meldpunt_model::{
    Address, CountryRole, DateSpec, Entity, Gender, IdKind, Identifier, Name, NameKind, NameParts,
    PartialDate, Sanction, Schema,
};

use crate::xml::{stream_records, Node, RootInfo};
use crate::{Location, ReadContext, SourceError};

const AUTHORITY: &str = "European Union";

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        read_file(file, context)?;
    }
    Ok(())
}

fn read_file(path: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let mut published: Option<String> = None;
    let mut on_root = |root: &RootInfo| -> Result<(), SourceError> {
        if root.name != "export" {
            return Err(SourceError::parse(
                Location::byte(path, 0),
                format!(
                    "root element is <{}>, expected <export> of the EU FSF schema",
                    root.name
                ),
            ));
        }
        published = root
            .attrs
            .iter()
            .find(|(k, _)| k == "generationDate")
            .map(|(_, v)| v.clone());
        Ok(())
    };
    let mut on_record = |node: Node| map_entity(path, &node, context);
    stream_records(path, &["sanctionEntity"], &mut on_root, &mut on_record)?;
    if let Some(date) = published {
        context.set_published(date);
    }
    Ok(())
}

/// A location for records and warnings: file and byte offset (see module doc).
fn at(path: &Path, offset: u64) -> Location {
    Location {
        file: path.to_path_buf(),
        line: None,
        byte: Some(offset),
    }
}

fn map_entity(path: &Path, node: &Node, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let Some(logical_id) = node.attr("logicalId") else {
        context.warn(
            at(path, node.offset),
            "sanctionEntity without logicalId skipped",
        );
        return Ok(());
    };
    let schema = schema_of(path, node, context);
    let mut entity = Entity::new(format!("eu-fsf-{logical_id}"), schema);
    add_names(path, node, &mut entity, context);
    for citizenship in node.children_named("citizenship") {
        let role = if schema == Schema::Person {
            CountryRole::Nationality
        } else {
            CountryRole::Country
        };
        if let Some(country) = country_of(citizenship) {
            entity.add_country(role, &country);
        } else if let Some(region) = citizenship.attr("region") {
            entity.add_country(role, region);
        }
    }
    for birth in node.children_named("birthdate") {
        add_birth(path, birth, &mut entity, context);
    }
    for address in node.children_named("address") {
        add_address(address, &mut entity);
    }
    for identification in node.children_named("identification") {
        add_identification(path, identification, &mut entity, context);
    }
    for remark in node.texts("remark") {
        entity.add_property("notes", remark);
        if schema == Schema::Vessel {
            for imo in imo_numbers(remark) {
                entity.add_identifier(Identifier::new(IdKind::Imo, imo));
            }
        }
    }
    if let Some(un_id) = node.attr("unitedNationId") {
        entity.add_property("unscId", un_id);
    }
    for regulation in node.children_named("regulation") {
        let sanction = sanction_of(path, node, regulation, logical_id, context);
        entity.sanctions.push(sanction);
    }
    if entity.names.is_empty() {
        context.warn(at(path, node.offset), format!("{} has no name", entity.id));
    }
    context.emit(entity, at(path, node.offset))
}

fn schema_of(path: &Path, node: &Node, context: &mut ReadContext<'_>) -> Schema {
    let subject = node.child("subjectType");
    let code = subject.and_then(|s| s.attr("code")).map(str::to_lowercase);
    let class = subject.and_then(|s| s.attr("classificationCode"));
    match (code.as_deref(), class) {
        (Some("person"), _) | (None, Some("P")) => Schema::Person,
        (Some("enterprise"), _) | (None, Some("E")) if shows_vessel(node) => Schema::Vessel,
        (Some("enterprise"), _) | (None, Some("E")) => Schema::Organization,
        _ => {
            let offset = subject.map_or(node.offset, |s| s.offset);
            context.warn(
                at(path, offset),
                format!(
                    "unknown subjectType code {:?} / classificationCode {:?}; read as LegalEntity",
                    code.unwrap_or_default(),
                    class.unwrap_or_default()
                ),
            );
            Schema::LegalEntity
        }
    }
}

/// The FSF has no vessel subject type: ships are enterprises whose IMO number
/// appears as an identification or in a remark.
fn shows_vessel(node: &Node) -> bool {
    node.children_named("identification")
        .any(|i| id_kind(i.attr("identificationTypeCode").unwrap_or_default()) == Some(IdKind::Imo))
        || node.texts("remark").any(|r| !imo_numbers(r).is_empty())
}

/// Seven-digit numbers following "IMO" in free text ("IMO number: 9074729").
fn imo_numbers(text: &str) -> Vec<String> {
    let upper = text.to_uppercase();
    let mut found = Vec::new();
    for (start, _) in upper.match_indices("IMO") {
        let rest = &upper[start + 3..];
        // Only a short label may sit between "IMO" and the number.
        let Some(gap) = rest.find(|c: char| c.is_ascii_digit()).filter(|g| *g <= 12) else {
            continue;
        };
        let digits: String = rest[gap..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.len() == 7 {
            found.push(digits);
        }
    }
    found
}

fn add_names(path: &Path, node: &Node, entity: &mut Entity, context: &mut ReadContext<'_>) {
    let mut primary_taken = false;
    for alias in node.children_named("nameAlias") {
        let strong = match alias.attr("strong") {
            None | Some("true") | Some("1") => true,
            Some("false") | Some("0") => false,
            Some(other) => {
                context.warn(
                    at(path, alias.offset),
                    format!("nameAlias strong={other:?} is not a boolean; read as strong"),
                );
                true
            }
        };
        let parts = NameParts {
            title: alias.attr("title").map(str::to_string),
            first: alias.attr("firstName").map(str::to_string),
            middle: alias.attr("middleName").map(str::to_string),
            patronymic: None,
            last: alias.attr("lastName").map(str::to_string),
        };
        let whole = alias
            .attr("wholeName")
            .map(str::to_string)
            .unwrap_or_else(|| parts.whole());
        let kind = if !strong {
            NameKind::WeakAlias
        } else if !primary_taken {
            primary_taken = true;
            NameKind::Primary
        } else {
            NameKind::Alias
        };
        let lang = alias.attr("nameLanguage").map(str::to_lowercase);
        entity.add_name(Name::new(whole, kind).with_parts(parts).with_lang(lang));
        if let Some(function) = alias.attr("function") {
            entity.add_property("position", function);
        }
        match alias.attr("gender") {
            None | Some("?") => {}
            Some(text) => match Gender::parse(text) {
                Some(gender) => entity.gender = entity.gender.or(Some(gender)),
                None => context.warn(
                    at(path, alias.offset),
                    format!("unknown gender {text:?} ignored"),
                ),
            },
        }
    }
}

/// A country from the ISO code, or the description when the code is the
/// FSF's "unknown" placeholder (`00`).
fn country_of(node: &Node) -> Option<String> {
    let code = node.attr("countryIso2Code").filter(|c| *c != "00");
    let description = node
        .attr("countryDescription")
        .filter(|d| !d.eq_ignore_ascii_case("UNKNOWN"));
    code.or(description).map(str::to_string)
}

fn add_birth(path: &Path, birth: &Node, entity: &mut Entity, context: &mut ReadContext<'_>) {
    match birth_date(birth) {
        Ok(Some(date)) => entity.birth_dates.push(date),
        Ok(None) => {}
        Err(message) => context.warn(at(path, birth.offset), message),
    }
    let place: Vec<&str> = ["city", "place", "region", "countryDescription"]
        .into_iter()
        .filter_map(|attr| birth.attr(attr))
        .filter(|v| !v.eq_ignore_ascii_case("UNKNOWN"))
        .collect();
    if !place.is_empty() {
        entity.birth_places.push(place.join(", "));
    }
    if let Some(code) = birth.attr("countryIso2Code").filter(|c| *c != "00") {
        entity.add_property("birthCountry", code.to_lowercase());
    }
}

fn birth_date(birth: &Node) -> Result<Option<DateSpec>, String> {
    let circa = birth.attr("circa") == Some("true");
    let int = |attr: &str| -> Result<Option<u16>, String> {
        match birth.attr(attr) {
            None => Ok(None),
            Some(text) => text
                .parse::<u16>()
                .map(Some)
                .map_err(|_| format!("birthdate {attr}={text:?} is not a number")),
        }
    };
    let invalid = |e: meldpunt_model::ModelError| format!("birthdate ignored: {e}");
    let date = if let Some(text) = birth.attr("birthdate") {
        PartialDate::parse(text).map_err(invalid)?
    } else if let Some(year) = int("year")? {
        let month = int("monthOfYear")?.map(|m| m.min(255) as u8);
        let day = int("dayOfMonth")?.map(|d| d.min(255) as u8);
        PartialDate::new(year, month, day).map_err(invalid)?
    } else if let (Some(from), Some(to)) = (int("yearRangeFrom")?, int("yearRangeTo")?) {
        let from = PartialDate::year(from).map_err(invalid)?;
        let to = PartialDate::year(to).map_err(invalid)?;
        if from > to {
            return Err(format!("birthdate year range {from}..{to} is reversed"));
        }
        return Ok(Some(DateSpec::Range(from, to)));
    } else {
        return Ok(None);
    };
    Ok(Some(if circa {
        DateSpec::Circa(date)
    } else {
        DateSpec::Exact(date)
    }))
}

fn add_address(node: &Node, entity: &mut Entity) {
    let owned = |attr: &str| node.attr(attr).map(str::to_string);
    let street = match (node.attr("street"), node.attr("poBox")) {
        (Some(street), Some(po)) => Some(format!("{street}, P.O. Box {po}")),
        (None, Some(po)) => Some(format!("P.O. Box {po}")),
        (street, None) => street.map(str::to_string),
    };
    let region = match (node.attr("region"), node.attr("place")) {
        (Some(region), Some(place)) => Some(format!("{place}, {region}")),
        (region, place) => region.or(place).map(str::to_string),
    };
    let address = Address::from_parts(
        street,
        owned("city"),
        owned("zipCode"),
        region,
        // The description reads better in the one-line form and resolves too.
        node.attr("countryDescription")
            .filter(|d| !d.eq_ignore_ascii_case("UNKNOWN"))
            .map(str::to_string)
            .or_else(|| country_of(node)),
    );
    if !address.full.is_empty() {
        entity.addresses.push(address);
    }
    for info in node.children_named("contactInfo") {
        let (Some(key), Some(value)) = (info.attr("key"), info.attr("value")) else {
            continue;
        };
        let property = match key.to_lowercase().as_str() {
            "phone" | "fax" | "tel" | "telephone" => "phone",
            "email" | "e-mail" => "email",
            "web" | "website" | "url" => "website",
            _ => "notes",
        };
        entity.add_property(property, value);
    }
}

/// FSF identification type codes; `None` for codes this reader does not know.
fn id_kind(code: &str) -> Option<IdKind> {
    Some(match code.to_lowercase().as_str() {
        "passport" | "out_passport" | "travel_doc" | "diplomatic_passport" => IdKind::Passport,
        "id" | "nationalid" | "national_id" | "ssn" | "birthcert" | "drivinglicence" => {
            IdKind::NationalId
        }
        "regnumber" | "registration" | "tradelic" => IdKind::Registration,
        "fiscalcode" | "tax" | "tin" | "taxid" => IdKind::TaxId,
        "vat" => IdKind::Vat,
        "inn" => IdKind::Inn,
        "ogrn" => IdKind::Ogrn,
        "swiftbic" | "bic" => IdKind::Bic,
        "lei" => IdKind::Lei,
        "imo" => IdKind::Imo,
        "mmsi" => IdKind::Mmsi,
        "other" | "residentperm" | "electoral" => IdKind::Other,
        _ => return None,
    })
}

fn add_identification(
    path: &Path,
    node: &Node,
    entity: &mut Entity,
    context: &mut ReadContext<'_>,
) {
    let code = node.attr("identificationTypeCode").unwrap_or_default();
    let kind = id_kind(code).unwrap_or_else(|| {
        context.warn(
            at(path, node.offset),
            format!("unknown identificationTypeCode {code:?}; kept as other identifier"),
        );
        IdKind::Other
    });
    let mut notes = Vec::new();
    if kind == IdKind::Other {
        if let Some(description) = node.attr("identificationTypeDescription") {
            notes.push(description.to_string());
        }
    }
    for (flag, text) in [
        ("knownFalse", "known false"),
        ("knownExpired", "known expired"),
        ("diplomatic", "diplomatic"),
        ("reportedLost", "reported lost"),
        ("revokedByIssuer", "revoked by issuer"),
    ] {
        if node.attr(flag) == Some("true") {
            notes.push(text.to_string());
        }
    }
    for (attr, label) in [
        ("issuedBy", "issued by"),
        ("issueDate", "issued"),
        ("validFrom", "valid from"),
        ("validTo", "valid to"),
    ] {
        if let Some(value) = node.attr(attr) {
            notes.push(format!("{label} {value}"));
        }
    }
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    let country = country_of(node).map(|c| meldpunt_model::country_code(&c).unwrap_or(c));
    let mut numbers: Vec<&str> = node.attr("number").into_iter().collect();
    if let Some(latin) = node.attr("latinNumber") {
        if !numbers.contains(&latin) {
            numbers.push(latin);
        }
    }
    if numbers.is_empty() {
        context.warn(at(path, node.offset), "identification without a number");
    }
    for number in numbers {
        let mut identifier = Identifier::new(kind, number);
        identifier.country = country.clone();
        identifier.note = note.clone();
        if matches!(kind, IdKind::Imo | IdKind::Lei | IdKind::Bic | IdKind::Mmsi) {
            if let Err(e) = identifier.validate() {
                context.warn(at(path, node.offset), e.to_string());
            }
        }
        entity.add_identifier(identifier);
    }
}

fn sanction_of(
    path: &Path,
    entity_node: &Node,
    regulation: &Node,
    logical_id: &str,
    context: &mut ReadContext<'_>,
) -> Sanction {
    let mut sanction = Sanction::new(AUTHORITY);
    sanction.program = regulation.attr("programme").map(str::to_string);
    sanction.legal_basis = regulation.attr("numberTitle").map(str::to_string);
    sanction.listing_date =
        regulation
            .attr("publicationDate")
            .and_then(|text| match PartialDate::parse(text) {
                Ok(date) => Some(date),
                Err(e) => {
                    context.warn(at(path, regulation.offset), format!("publicationDate: {e}"));
                    None
                }
            });
    sanction.reason = entity_node.attr("designationDetails").map(str::to_string);
    sanction.source_ref = Some(
        entity_node
            .attr("euReferenceNumber")
            .unwrap_or(logical_id)
            .to_string(),
    );
    sanction.source_url = regulation.child_text("publicationUrl").map(str::to_string);
    sanction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_imo_numbers_in_remarks() {
        assert_eq!(imo_numbers("IMO number: 9074729."), vec!["9074729"]);
        assert_eq!(
            imo_numbers("imo 9074729 and IMO 1234567"),
            vec!["9074729", "1234567"]
        );
        assert!(imo_numbers("IMO 123456").is_empty());
        assert!(imo_numbers("Imola, Italy; phone 1234567").is_empty());
    }

    #[test]
    fn maps_identification_codes() {
        assert_eq!(id_kind("passport"), Some(IdKind::Passport));
        assert_eq!(id_kind("regnumber"), Some(IdKind::Registration));
        assert_eq!(id_kind("FISCALCODE"), Some(IdKind::TaxId));
        assert_eq!(id_kind("zzz"), None);
    }
}
