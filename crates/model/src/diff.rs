//! What changed in an entity between two versions of a list, field by field,
//! over the FtM property view so changes read in the vocabulary users know.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::Entity;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityChange {
    pub id: String,
    pub schema: String,
    pub caption: String,
    pub fields: Vec<FieldChange>,
}

/// Each field with its set of values; sanction fields are prefixed
/// `sanction.` so a new programme shows as a change of the entity.
pub fn field_values(entity: &Entity) -> BTreeMap<String, BTreeSet<String>> {
    let mut fields: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    fields
        .entry("schema".to_string())
        .or_default()
        .insert(entity.schema.as_str().to_string());
    for (property, values) in entity.to_ftm().properties {
        fields.entry(property).or_default().extend(values);
    }
    // FtM keeps only identifier numbers; the issuing country and notes are
    // part of what a list says, so a change to them is a change.
    for identifier in &entity.identifiers {
        if identifier.country.is_none() && identifier.note.is_none() {
            continue;
        }
        let values = fields
            .entry(identifier.kind.ftm_property().to_string())
            .or_default();
        values.remove(&identifier.value);
        let mut detailed = identifier.value.clone();
        if let Some(country) = &identifier.country {
            detailed.push_str(&format!(" [{country}]"));
        }
        if let Some(note) = &identifier.note {
            detailed.push_str(&format!(" ({note})"));
        }
        values.insert(detailed);
    }
    for record in entity.sanction_records() {
        for (property, values) in record.properties {
            if property != "entity" {
                fields
                    .entry(format!("sanction.{property}"))
                    .or_default()
                    .extend(values);
            }
        }
    }
    fields
}

/// The field changes from `old` to `new`; `None` when nothing visible changed.
pub fn diff_entity(old: &Entity, new: &Entity) -> Option<EntityChange> {
    let before = field_values(old);
    let after = field_values(new);
    let empty = BTreeSet::new();
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let fields: Vec<FieldChange> = keys
        .into_iter()
        .filter_map(|field| {
            let was = before.get(field).unwrap_or(&empty);
            let now = after.get(field).unwrap_or(&empty);
            let added: Vec<String> = now.difference(was).cloned().collect();
            let removed: Vec<String> = was.difference(now).cloned().collect();
            (!added.is_empty() || !removed.is_empty()).then(|| FieldChange {
                field: field.clone(),
                added,
                removed,
            })
        })
        .collect();
    (!fields.is_empty()).then(|| EntityChange {
        id: new.id.clone(),
        schema: new.schema.as_str().to_string(),
        caption: new.caption().to_string(),
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CountryRole, Name, NameKind, Schema};

    #[test]
    fn reports_added_and_removed_values() {
        let mut old = Entity::new("x", Schema::Person);
        old.add_name(Name::new("John Doe", NameKind::Primary));
        old.add_country(CountryRole::Nationality, "nl");
        let mut new = old.clone();
        new.add_name(Name::new("Johnny Doe", NameKind::Alias));
        new.countries.clear();
        new.add_country(CountryRole::Nationality, "be");
        let change = diff_entity(&old, &new).unwrap();
        let fields: Vec<_> = change.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["alias", "nationality"]);
        assert_eq!(change.fields[1].added, ["be"]);
        assert_eq!(change.fields[1].removed, ["nl"]);
        assert!(diff_entity(&old, &old).is_none());
    }

    #[test]
    fn identifier_country_changes_are_changes() {
        let mut old = Entity::new("x", Schema::Person);
        let mut passport = crate::Identifier::new(crate::IdKind::Passport, "123");
        passport.note = Some("issued by Iran / unknown".into());
        old.add_identifier(passport.clone());
        let mut new = Entity::new("x", Schema::Person);
        passport.note = None;
        passport.country = Some("ir".into());
        new.add_identifier(passport);
        let change = diff_entity(&old, &new).unwrap();
        assert_eq!(change.fields[0].field, "passportNumber");
        assert_eq!(change.fields[0].added, ["123 [ir]"]);
        assert_eq!(change.fields[0].removed, ["123 (issued by Iran / unknown)"]);
    }
}
