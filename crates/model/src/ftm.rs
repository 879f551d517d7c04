//! FollowTheMoney JSON: conversion between [`Entity`] and the flat property
//! form OpenSanctions publishes (`entities.ftm.json`).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::{
    Address, CountryClaim, CountryRole, DateSpec, Entity, Gender, IdKind, Identifier, ModelError,
    Name, NameKind, PartialDate, Sanction, Schema,
};

/// One FtM entity as it appears on a JSON line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FtmEntity {
    pub id: String,
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, Vec<String>>,
    /// Top-level keys other than the above (datasets, referents, first_seen…).
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl FtmEntity {
    pub fn values(&self, property: &str) -> &[String] {
        self.properties
            .get(property)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn first(&self, property: &str) -> Option<String> {
        self.values(property).first().cloned()
    }
}

impl Entity {
    /// Converts to the FtM property form. Sanctions are separate FtM entities:
    /// see [`Entity::sanction_records`].
    pub fn to_ftm(&self) -> FtmEntity {
        let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut put = |property: &str, value: &str| {
            let values = props.entry(property.to_string()).or_default();
            if !value.is_empty() && !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        };
        for name in &self.names {
            put(name.kind.ftm_property(), &name.value);
            for (property, value) in name.parts.fields() {
                if let Some(value) = value {
                    put(property, value);
                }
            }
        }
        if let Some(gender) = self.gender {
            put("gender", gender.as_str());
        }
        let date_property = if self.schema.is_organization() {
            "incorporationDate"
        } else {
            "birthDate"
        };
        for date in &self.birth_dates {
            for value in date.to_ftm_values() {
                put(date_property, &value);
            }
        }
        for place in &self.birth_places {
            put("birthPlace", place);
        }
        for claim in &self.countries {
            put(claim.role.ftm_property(), &claim.code);
        }
        for identifier in &self.identifiers {
            put(identifier.kind.ftm_property(), &identifier.value);
        }
        for address in &self.addresses {
            put("address", &address.full);
        }
        for (property, values) in &self.properties {
            for value in values {
                put(property, value);
            }
        }
        props.retain(|_, v| !v.is_empty());
        FtmEntity {
            id: self.id.clone(),
            schema: self.schema.as_str().to_string(),
            caption: Some(self.caption().to_string()),
            properties: props,
            extra: BTreeMap::new(),
        }
    }

    /// The entity's sanctions as FtM `Sanction` entities pointing at it, with
    /// ids derived from their content so re-exports are stable.
    pub fn sanction_records(&self) -> Vec<FtmEntity> {
        self.sanctions
            .iter()
            .map(|sanction| {
                let json = serde_json::to_vec(sanction).unwrap_or_default();
                let digest = hex::encode(&Sha256::digest(&json)[..8]);
                let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
                let mut put = |k: &str, v: Option<String>| {
                    if let Some(v) = v.filter(|v| !v.is_empty()) {
                        props.insert(k.to_string(), vec![v]);
                    }
                };
                put("entity", Some(self.id.clone()));
                put("authority", Some(sanction.authority.clone()));
                put("program", sanction.program.clone());
                put("provisions", sanction.legal_basis.clone());
                put("listingDate", sanction.listing_date.map(|d| d.to_string()));
                put("endDate", sanction.end_date.map(|d| d.to_string()));
                put("reason", sanction.reason.clone());
                put("authorityId", sanction.source_ref.clone());
                put("sourceUrl", sanction.source_url.clone());
                FtmEntity {
                    id: format!("{}-sanction-{digest}", self.id),
                    schema: "Sanction".to_string(),
                    caption: None,
                    properties: props,
                    extra: BTreeMap::new(),
                }
            })
            .collect()
    }

    /// Builds an entity from its FtM form. Schemata Meldpunt does not keep as
    /// entities (Sanction, Address, Note…) give `UnknownSchema`.
    pub fn from_ftm(ftm: &FtmEntity) -> Result<Entity, ModelError> {
        let schema: Schema = ftm.schema.parse()?;
        if ftm.id.trim().is_empty() {
            return Err(ModelError::InvalidFtm("entity without an id".to_string()));
        }
        let mut entity = Entity::new(ftm.id.clone(), schema);
        for (property, values) in &ftm.properties {
            for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                entity.apply_ftm_value(property, value);
            }
        }
        Ok(entity)
    }

    fn apply_ftm_value(&mut self, property: &str, value: &str) {
        if let Some(kind) = NameKind::from_ftm_property(property) {
            self.add_name(Name::new(value, kind));
        } else if let Some(role) = CountryRole::from_ftm_property(property) {
            self.countries.push(CountryClaim::new(role, value));
        } else if let Some(kind) = IdKind::from_ftm_property(property) {
            self.add_identifier(Identifier::new(kind, value));
        } else {
            match (property, value) {
                ("birthDate" | "incorporationDate", _) if DateSpec::parse(value).is_ok() => {
                    if let Ok(date) = DateSpec::parse(value) {
                        self.birth_dates.push(date);
                    }
                }
                ("gender", _) if Gender::parse(value).is_some() => {
                    self.gender = Gender::parse(value)
                }
                ("birthPlace", _) => self.birth_places.push(value.to_string()),
                ("address", _) => self.addresses.push(Address {
                    full: value.to_string(),
                    ..Address::default()
                }),
                _ => self.add_property(property, value),
            }
        }
    }
}

/// Reads an FtM `Sanction` entity: the id of the sanctioned entity and the
/// sanction record.
pub fn sanction_from_ftm(ftm: &FtmEntity) -> Option<(String, Sanction)> {
    if ftm.schema != "Sanction" {
        return None;
    }
    let target = ftm.first("entity")?;
    let date = |prop: &str| ftm.first(prop).and_then(|d| PartialDate::parse(&d).ok());
    let sanction = Sanction {
        authority: ftm.first("authority").unwrap_or_default(),
        program: ftm.first("program").or_else(|| ftm.first("programId")),
        legal_basis: ftm.first("provisions"),
        listing_date: date("listingDate").or_else(|| date("startDate")),
        end_date: date("endDate"),
        reason: ftm.first("reason"),
        source_ref: ftm.first("authorityId").or_else(|| ftm.first("unscId")),
        source_url: ftm.first("sourceUrl"),
    };
    Some((target, sanction))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entity {
        let mut entity = Entity::new("ofac-1234", Schema::Person);
        entity.add_name(Name::new("Vladimir Vladimirovich PUTIN", NameKind::Primary));
        entity.add_name(Name::new("Владимир Путин", NameKind::Alias));
        entity
            .birth_dates
            .push(DateSpec::parse("1952-10-07").unwrap());
        entity.add_country(CountryRole::Nationality, "Russia");
        entity.add_identifier(Identifier::new(IdKind::Passport, "123456"));
        let mut sanction = Sanction::new("OFAC");
        sanction.program = Some("RUSSIA-EO14024".into());
        entity.sanctions.push(sanction);
        entity.add_property("position", "President");
        entity
    }

    #[test]
    fn ftm_round_trip_keeps_fields() {
        let entity = sample();
        let ftm = entity.to_ftm();
        assert_eq!(ftm.values("nationality"), ["ru"]);
        assert_eq!(ftm.values("alias"), ["Владимир Путин"]);
        let mut back = Entity::from_ftm(&ftm).unwrap();
        let records = entity.sanction_records();
        let (target, sanction) = sanction_from_ftm(&records[0]).unwrap();
        assert_eq!(target, entity.id);
        back.sanctions.push(sanction);
        assert_eq!(back.content_hash(), entity.content_hash());
    }

    #[test]
    fn unknown_schema_is_reported() {
        let ftm = FtmEntity {
            id: "x".into(),
            schema: "Note".into(),
            caption: None,
            properties: BTreeMap::new(),
            extra: BTreeMap::new(),
        };
        assert!(matches!(
            Entity::from_ftm(&ftm),
            Err(ModelError::UnknownSchema(_))
        ));
    }
}
