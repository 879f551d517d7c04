//! The entity: one listed person, organisation, vessel, aircraft, asset or
//! relation, with typed fields for what screening needs and the remaining FtM
//! properties kept verbatim.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::{
    CountryClaim, CountryRole, DateSpec, IdKind, Identifier, Name, NameKind, Sanction, Schema,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub fn parse(text: &str) -> Option<Gender> {
        match text.trim().to_lowercase().as_str() {
            "m" | "male" | "man" | "masculine" => Some(Gender::Male),
            "f" | "female" | "woman" | "feminine" => Some(Gender::Female),
            "other" | "x" => Some(Gender::Other),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Address {
    /// The whole address as one line.
    pub full: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Lower-case ISO alpha-2 when resolvable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Address {
    /// Builds an address from parts, joining them into `full` in postal order.
    pub fn from_parts(
        street: Option<String>,
        city: Option<String>,
        postal_code: Option<String>,
        region: Option<String>,
        country: Option<String>,
    ) -> Self {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let (street, city, postal_code, region, country) = (
            clean(street),
            clean(city),
            clean(postal_code),
            clean(region),
            clean(country),
        );
        let full = [&street, &postal_code, &city, &region, &country]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let country = country.map(|c| crate::country_code(&c).unwrap_or(c));
        Address {
            full,
            street,
            city,
            postal_code,
            region,
            country,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Unique within its source, stable across versions of the source.
    pub id: String,
    pub schema: Schema,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sanctions: Vec<Sanction>,
    /// Other FtM properties (position, notes, topics, vessel type, tonnage,
    /// relation endpoints, percentage…), verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Vec<String>>,
}

impl Entity {
    pub fn new(id: impl Into<String>, schema: Schema) -> Self {
        Entity {
            id: id.into(),
            schema,
            names: Vec::new(),
            gender: None,
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            countries: Vec::new(),
            identifiers: Vec::new(),
            addresses: Vec::new(),
            sanctions: Vec::new(),
            properties: BTreeMap::new(),
        }
    }

    /// The display name: the first primary name, else any name, else the id.
    pub fn caption(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .or_else(|| self.names.first())
            .map(|n| n.value.as_str())
            .unwrap_or(&self.id)
    }

    /// Adds a name unless it is empty or already present with the same kind.
    pub fn add_name(&mut self, name: Name) {
        if name.value.is_empty() {
            return;
        }
        if let Some(existing) = self
            .names
            .iter_mut()
            .find(|n| n.value == name.value && n.kind == name.kind)
        {
            if existing.parts.is_empty() {
                existing.parts = name.parts;
            }
            return;
        }
        self.names.push(name);
    }

    pub fn add_country(&mut self, role: CountryRole, text: &str) {
        if !text.trim().is_empty() {
            self.countries.push(CountryClaim::new(role, text));
        }
    }

    pub fn add_identifier(&mut self, identifier: Identifier) {
        if !identifier.value.is_empty() {
            self.identifiers.push(identifier);
        }
    }

    /// Adds a free FtM property value, ignoring empty ones.
    pub fn add_property(&mut self, property: &str, value: impl Into<String>) {
        let value = crate::name::collapse_whitespace(&value.into());
        if !value.is_empty() {
            self.properties
                .entry(property.to_string())
                .or_default()
                .push(value);
        }
    }

    pub fn countries_with(&self, role: CountryRole) -> impl Iterator<Item = &str> {
        self.countries
            .iter()
            .filter(move |c| c.role == role)
            .map(|c| c.code.as_str())
    }

    pub fn identifiers_of(&self, kind: IdKind) -> impl Iterator<Item = &Identifier> {
        self.identifiers.iter().filter(move |i| i.kind == kind)
    }

    /// Sorts and de-duplicates every list so that equal content hashes equal.
    pub fn canonicalize(&mut self) {
        fn sort_dedup<T: Ord>(values: &mut Vec<T>) {
            values.sort();
            values.dedup();
        }
        self.names
            .sort_by(|a, b| (a.kind, &a.value, &a.lang).cmp(&(b.kind, &b.value, &b.lang)));
        self.names
            .dedup_by(|a, b| a.kind == b.kind && a.value == b.value && a.lang == b.lang);
        sort_dedup(&mut self.birth_dates);
        sort_dedup(&mut self.birth_places);
        sort_dedup(&mut self.countries);
        sort_dedup(&mut self.identifiers);
        sort_dedup(&mut self.addresses);
        sort_dedup(&mut self.sanctions);
        self.properties.retain(|_, values| {
            sort_dedup(values);
            !values.is_empty()
        });
    }

    /// SHA-256 over the canonical JSON form; equal content gives equal hashes.
    pub fn content_hash(&self) -> String {
        let mut canonical = self.clone();
        canonical.canonicalize();
        let bytes = serde_json::to_vec(&canonical).unwrap_or_default();
        hex::encode(Sha256::digest(&bytes))
    }
}
