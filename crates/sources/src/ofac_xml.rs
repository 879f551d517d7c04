//! Reader for the OFAC SDN XML (`sdn.xml`, root `sdnList`). Entries are
//! streamed one `sdnEntry` at a time. Identity documents and most other
//! statements arrive as `idType`/`idNumber` pairs and go through the same
//! parser as the CSV remarks, so both formats give the same entities under
//! the same ids (`ofac-{uid}`) and versions of either format diff cleanly.

use std::path::{Path, PathBuf};

use meldpunt_model::{
    Address, CountryRole, Entity, IdKind, Identifier, Name, NameKind, NameParts, Schema,
};

use crate::ofac_csv::{apply_facts, sanctions, schema_for, OfacList};
use crate::ofac_remarks::{parse_labelled, parse_remarks};
use crate::xml::{stream_records, Node, RootInfo};
use crate::{Location, ReadContext, SourceError};

pub fn read(files: &[PathBuf], context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    for file in files {
        read_file(file, context)?;
    }
    Ok(())
}

fn read_file(file: &Path, context: &mut ReadContext<'_>) -> Result<(), SourceError> {
    let list = OfacList::of_path(file);
    let mut on_root = |root: &RootInfo| {
        if root.name == "sdnList" {
            Ok(())
        } else {
            Err(SourceError::parse(
                Location::file(file),
                format!("expected an OFAC <sdnList> document, found <{}>", root.name),
            ))
        }
    };
    let mut on_record = |node: Node| {
        if node.name == "publshInformation" {
            publish_date(file, &node, context);
            return Ok(());
        }
        emit_entry(file, &node, list, context)
    };
    stream_records(
        file,
        &["publshInformation", "sdnEntry"],
        &mut on_root,
        &mut on_record,
    )
}

/// OFAC prints the date American style, MM/DD/YYYY.
fn publish_date(file: &Path, node: &Node, context: &mut ReadContext<'_>) {
    let Some(date) = node.child_text("Publish_Date") else {
        return;
    };
    let parts: Vec<&str> = date.split('/').map(str::trim).collect();
    match parts.as_slice() {
        [month, day, year]
            if [month, day, year]
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            context.set_published(format!("{year:0>4}-{month:0>2}-{day:0>2}"));
        }
        _ => {
            context.warn(
                Location::byte(file, node.offset),
                format!("publish date '{date}' is not MM/DD/YYYY"),
            );
            context.set_published(date);
        }
    }
}

fn emit_entry(
    file: &Path,
    node: &Node,
    list: OfacList,
    context: &mut ReadContext<'_>,
) -> Result<(), SourceError> {
    let (entity, warnings) = build_entity(file, node, list)?;
    for warning in warnings {
        context.warn(
            Location::byte(file, node.offset),
            format!("{}: {warning}", entity.id),
        );
    }
    // The line is costly to compute (a scan from the file start), so the
    // record carries the byte offset and only errors get the line.
    let location = Location {
        file: file.to_path_buf(),
        line: None,
        byte: Some(node.offset),
    };
    context.emit(entity, location).map_err(|error| match error {
        SourceError::DuplicateId { id, .. } => SourceError::DuplicateId {
            location: Location::byte(file, node.offset),
            id,
        },
        other => other,
    })
}

fn build_entity(
    file: &Path,
    node: &Node,
    list: OfacList,
) -> Result<(Entity, Vec<String>), SourceError> {
    let uid = node.child_text("uid").unwrap_or_default();
    if uid.is_empty() || !uid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SourceError::parse(
            Location::byte(file, node.offset),
            format!("sdnEntry uid '{uid}' is not a number"),
        ));
    }
    let schema = schema_for(node.child_text("sdnType"));
    let mut entity = Entity::new(format!("ofac-{uid}"), schema);
    let mut warnings = Vec::new();
    match name(node, NameKind::Primary, schema) {
        Some(name) => entity.add_name(name),
        None => warnings.push("entry without a name".to_string()),
    }
    let programs: Vec<String> = list_items(node, "programList", "program")
        .filter_map(Node::own_text)
        .map(str::to_string)
        .collect();
    entity.sanctions = sanctions(&programs, uid, list);
    if let Some(title) = node.child_text("title") {
        entity.add_property("position", title.trim_end_matches('.'));
    }
    add_lists(node, &mut entity, &mut warnings);
    add_vessel_info(node, &mut entity);
    if let Some(remarks) = node.child_text("remarks") {
        warnings.extend(apply_facts(&mut entity, parse_remarks(remarks, schema)));
    }
    Ok((entity, warnings))
}

fn list_items<'a>(node: &'a Node, list: &'a str, item: &'a str) -> impl Iterator<Item = &'a Node> {
    node.children_named(list)
        .flat_map(move |l| l.children_named(item))
}

/// "LAST, First" as the CSV prints it, so both formats give equal names.
fn name(node: &Node, kind: NameKind, schema: Schema) -> Option<Name> {
    let last = node.child_text("lastName");
    let first = node.child_text("firstName");
    let value = match (last, first) {
        (Some(last), Some(first)) => format!("{last}, {first}"),
        (Some(only), None) | (None, Some(only)) => only.to_string(),
        (None, None) => return None,
    };
    let name = Name::new(value, kind);
    if schema != Schema::Person {
        return Some(name);
    }
    let parts = NameParts {
        last: last.map(str::to_string),
        first: first.map(str::to_string),
        ..NameParts::default()
    };
    Some(name.with_parts(parts))
}

fn add_lists(node: &Node, entity: &mut Entity, warnings: &mut Vec<String>) {
    let schema = entity.schema;
    for aka in list_items(node, "akaList", "aka") {
        let weak = aka
            .child_text("category")
            .is_some_and(|c| c.eq_ignore_ascii_case("weak"));
        let kind = match aka.child_text("type").unwrap_or_default() {
            "f.k.a." => NameKind::Previous,
            _ if weak => NameKind::WeakAlias,
            _ => NameKind::Alias,
        };
        if let Some(name) = name(aka, kind, schema) {
            entity.add_name(name);
        }
    }
    for id in list_items(node, "idList", "id") {
        let (Some(label), Some(number)) = (id.child_text("idType"), id.child_text("idNumber"))
        else {
            continue;
        };
        let mut value = number.to_string();
        for (element, word) in [("issueDate", "issued"), ("expirationDate", "expires")] {
            if let Some(date) = id.child_text(element) {
                value.push_str(&format!(" {word} {date}"));
            }
        }
        let parsed = parse_labelled(label, &value, id.child_text("idCountry"), schema);
        warnings.extend(apply_facts(entity, parsed));
    }
    for address in list_items(node, "addressList", "address") {
        add_address(address, entity);
    }
    for (list, item, role) in [
        ("nationalityList", "nationality", CountryRole::Nationality),
        ("citizenshipList", "citizenship", CountryRole::Citizenship),
    ] {
        for claim in list_items(node, list, item) {
            if let Some(country) = claim.child_text("country") {
                entity.add_country(role, country);
            }
        }
    }
    for item in list_items(node, "dateOfBirthList", "dateOfBirthItem") {
        if let Some(date) = item.child_text("dateOfBirth") {
            warnings.extend(apply_facts(
                entity,
                parse_labelled("DOB", date, None, schema),
            ));
        }
    }
    for item in list_items(node, "placeOfBirthList", "placeOfBirthItem") {
        if let Some(place) = item.child_text("placeOfBirth") {
            entity.birth_places.push(place.to_string());
        }
    }
}

fn add_address(node: &Node, entity: &mut Entity) {
    let street: Vec<&str> = ["address1", "address2", "address3"]
        .into_iter()
        .filter_map(|line| node.child_text(line))
        .collect();
    let text = |element: &str| node.child_text(element).map(str::to_string);
    let address = Address::from_parts(
        Some(street.join(", ")),
        text("city"),
        text("postalCode"),
        text("stateOrProvince"),
        text("country"),
    );
    if let Some(country) = node.child_text("country") {
        entity.add_country(CountryRole::Country, country);
    }
    if !address.full.is_empty() {
        entity.addresses.push(address);
    }
}

fn add_vessel_info(node: &Node, entity: &mut Entity) {
    let Some(info) = node.child("vesselInfo") else {
        return;
    };
    if let Some(call_sign) = info.child_text("callSign") {
        entity.add_identifier(Identifier::new(IdKind::CallSign, call_sign));
    }
    if let Some(flag) = info.child_text("vesselFlag") {
        entity.add_country(CountryRole::Flag, flag);
    }
    for (element, property) in [
        ("vesselType", "type"),
        ("tonnage", "tonnage"),
        ("grossRegisteredTonnage", "grossRegisteredTonnage"),
        ("vesselOwner", "ownerName"),
    ] {
        if let Some(value) = info.child_text(element) {
            entity.add_property(property, value);
        }
    }
}
