//! Query entities as callers send them: FtM-shaped examples (yente's
//! `EntityExample`) and the native simple form, both checked and turned
//! into model entities. Every problem is a 400 naming the property.

use std::collections::BTreeMap;

use meldpunt_model::{DateSpec, Entity, FtmEntity, IdKind, Schema};
use meldpunt_screening::MAX_NAME_CHARS;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::ApiError;

/// Properties holding names or name parts: the normaliser rejects values
/// over [`MAX_NAME_CHARS`], so the API does too, per query.
const NAME_PROPERTIES: [&str; 9] = [
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "firstName",
    "middleName",
    "lastName",
    "fatherName",
    "title",
];

const DATE_PROPERTIES: [&str; 2] = ["birthDate", "incorporationDate"];

const MAX_PROPERTY_NAME: usize = 64;

/// An entity given by example, as yente takes it: FtM schema and
/// properties, each property a string or a list of strings.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct EntityExample {
    #[serde(default)]
    pub id: Option<String>,
    #[schema(example = "Person")]
    pub schema: String,
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, Vec<String>>, example = json!({"name": ["John Doe"]}))]
    pub properties: BTreeMap<String, Value>,
}

/// The native simple form of a query entity.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimpleEntity {
    #[schema(value_type = Vec<String>)]
    pub name: OneOrMany,
    /// FtM schema; `LegalEntity` (a person or an organisation) when absent.
    #[serde(default)]
    pub schema: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<Vec<String>>)]
    pub aliases: Option<OneOrMany>,
    #[serde(default)]
    #[schema(value_type = Option<Vec<String>>)]
    pub birth_date: Option<OneOrMany>,
    #[serde(default)]
    #[schema(value_type = Option<Vec<String>>)]
    pub nationality: Option<OneOrMany>,
    #[serde(default)]
    #[schema(value_type = Option<Vec<String>>)]
    pub country: Option<OneOrMany>,
    #[serde(default)]
    pub gender: Option<String>,
    /// Identifier kind (`imo`, `passport`, `inn`… or an FtM property such
    /// as `imoNumber`) → value(s).
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub identifiers: BTreeMap<String, OneOrMany>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(v) => vec![v],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The query echoed back: the entity as Meldpunt understood it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueryEcho {
    pub id: String,
    pub schema: String,
    pub properties: BTreeMap<String, Vec<String>>,
}

impl QueryEcho {
    pub fn of(entity: &Entity) -> Self {
        let ftm = entity.to_ftm();
        QueryEcho {
            id: ftm.id,
            schema: ftm.schema,
            properties: ftm.properties,
        }
    }
}

impl EntityExample {
    /// `fallback_id` names the entity when the example has no id (yente's
    /// query key), so explanations can refer to it.
    pub fn to_entity(&self, fallback_id: &str) -> Result<Entity, ApiError> {
        let mut properties = BTreeMap::new();
        for (property, value) in &self.properties {
            check_property_name(property)?;
            let values = property_values(property, value)?;
            check_values(property, &values)?;
            if !values.is_empty() {
                properties.insert(property.clone(), values);
            }
        }
        let id = self
            .id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .unwrap_or(fallback_id);
        build(id, &self.schema, properties)
    }
}

impl SimpleEntity {
    pub fn into_example(self) -> Result<EntityExample, ApiError> {
        let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut put = |property: &str, values: Option<OneOrMany>| {
            if let Some(values) = values {
                properties
                    .entry(property.to_string())
                    .or_default()
                    .extend(values.into_vec());
            }
        };
        put("name", Some(self.name));
        put("alias", self.aliases);
        put("birthDate", self.birth_date);
        put("nationality", self.nationality);
        put("country", self.country);
        put("gender", self.gender.map(OneOrMany::One));
        for (kind, values) in self.identifiers {
            put(identifier_property(&kind)?, Some(values));
        }
        Ok(EntityExample {
            id: None,
            schema: self.schema.unwrap_or_else(|| "LegalEntity".to_string()),
            properties: properties
                .into_iter()
                .map(|(k, v)| (k, Value::from(v)))
                .collect(),
        })
    }
}

fn identifier_property(kind: &str) -> Result<&'static str, ApiError> {
    if let Some(kind) = IdKind::from_ftm_property(kind) {
        return Ok(kind.ftm_property());
    }
    serde_json::from_value::<IdKind>(Value::String(kind.to_string()))
        .map(IdKind::ftm_property)
        .map_err(|_| ApiError::bad_request(format!("unknown identifier kind '{kind}'")))
}

fn build(
    id: &str,
    schema: &str,
    properties: BTreeMap<String, Vec<String>>,
) -> Result<Entity, ApiError> {
    let parsed: Schema = schema
        .parse()
        .map_err(|e| ApiError::bad_request(format!("{e}")))?;
    if parsed.is_relation() {
        return Err(ApiError::bad_request(format!(
            "schema '{parsed}' is a relation and cannot be screened"
        )));
    }
    let ftm = FtmEntity {
        id: id.to_string(),
        schema: schema.to_string(),
        caption: None,
        properties,
        extra: BTreeMap::new(),
    };
    Entity::from_ftm(&ftm).map_err(|e| ApiError::bad_request(e.to_string()))
}

fn check_property_name(property: &str) -> Result<(), ApiError> {
    let valid = !property.is_empty()
        && property.len() <= MAX_PROPERTY_NAME
        && property
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "invalid property name '{}'",
            truncate(property)
        )))
    }
}

/// yente takes a string or a list; numbers are accepted as their text
/// because identifiers are often sent as numbers.
fn property_values(property: &str, value: &Value) -> Result<Vec<String>, ApiError> {
    let scalar = |v: &Value| match v {
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Null => Ok(None),
        _ => Err(ApiError::bad_request(format!(
            "property '{property}': values must be strings"
        ))),
    };
    match value {
        Value::Array(items) => items.iter().filter_map(|v| scalar(v).transpose()).collect(),
        other => Ok(scalar(other)?.into_iter().collect()),
    }
}

fn check_values(property: &str, values: &[String]) -> Result<(), ApiError> {
    let too_long = |v: &String| v.chars().nth(MAX_NAME_CHARS).is_some();
    if NAME_PROPERTIES.contains(&property) && values.iter().any(too_long) {
        return Err(ApiError::bad_request(format!(
            "property '{property}': name has more than {MAX_NAME_CHARS} characters"
        )));
    }
    if DATE_PROPERTIES.contains(&property) {
        // A date that does not parse would be dropped silently and the
        // query screened without it: better to say so.
        if let Some(bad) = values.iter().find(|v| DateSpec::parse(v.trim()).is_err()) {
            return Err(ApiError::bad_request(format!(
                "property '{property}': invalid date '{}'",
                truncate(bad)
            )));
        }
    }
    Ok(())
}

fn truncate(text: &str) -> String {
    text.chars().take(64).collect()
}
