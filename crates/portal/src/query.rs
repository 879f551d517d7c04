//! The screening form's fields checked and turned into a query entity.
//! Problems name the field and a catalogue key, so the form can show them
//! next to the control in the page language.

use meldpunt_model::{country_code, CountryRole, DateSpec, Entity, Name, NameKind, Schema};
use meldpunt_screening::MAX_NAME_CHARS;
use serde::Deserialize;

/// What a person may screen from the form.
pub const SCHEMAS: [Schema; 6] = [
    Schema::LegalEntity,
    Schema::Person,
    Schema::Company,
    Schema::Organization,
    Schema::Vessel,
    Schema::Aircraft,
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ScreenForm {
    pub name: String,
    pub schema: String,
    pub birth_date: String,
    pub country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: &'static str,
}

impl ScreenForm {
    /// The query entity, or every problem with the form at once.
    pub fn to_entity(&self) -> Result<Entity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(error("name", "form.error_name_missing"));
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.push(error("name", "form.error_name_long"));
        }
        let schema = match self.schema.trim() {
            "" => Some(Schema::LegalEntity),
            text => text.parse::<Schema>().ok().filter(|s| SCHEMAS.contains(s)),
        };
        if schema.is_none() {
            errors.push(error("schema", "form.error_schema"));
        }
        let birth = self.birth_date.trim();
        let birth_date = if birth.is_empty() {
            None
        } else {
            let parsed = DateSpec::parse(birth).ok();
            if parsed.is_none() {
                errors.push(error("birth_date", "form.error_birth_date"));
            }
            parsed
        };
        let country = self.country.trim();
        let code = if country.is_empty() {
            None
        } else {
            let code = country_code(country);
            if code.is_none() {
                errors.push(error("country", "form.error_country"));
            }
            code
        };
        match schema {
            Some(schema) if errors.is_empty() => Ok(build(name, schema, birth_date, code)),
            _ => Err(errors),
        }
    }
}

fn error(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

fn build(name: &str, schema: Schema, birth: Option<DateSpec>, country: Option<String>) -> Entity {
    let mut entity = Entity::new("query", schema);
    entity.add_name(Name::new(name, NameKind::Primary));
    entity.birth_dates.extend(birth);
    if let Some(code) = country {
        entity.add_country(CountryRole::Country, &code);
    }
    entity
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, schema: &str, birth: &str, country: &str) -> ScreenForm {
        ScreenForm {
            name: name.into(),
            schema: schema.into(),
            birth_date: birth.into(),
            country: country.into(),
        }
    }

    #[test]
    fn a_full_form_becomes_an_entity() {
        let entity = form(" Ivan Sidorov ", "Person", "1961-03-04", "Russia")
            .to_entity()
            .unwrap();
        assert_eq!(entity.schema, Schema::Person);
        assert_eq!(entity.names[0].value, "Ivan Sidorov");
        assert_eq!(entity.birth_dates.len(), 1);
        assert_eq!(entity.countries[0].code, "ru");
    }

    #[test]
    fn only_a_name_is_required() {
        let entity = form("Nordstroy", "", "", "").to_entity().unwrap();
        assert_eq!(entity.schema, Schema::LegalEntity);
    }

    #[test]
    fn every_problem_is_reported() {
        let errors = form("", "Ownership", "31-31-31", "Atlantis")
            .to_entity()
            .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "schema", "birth_date", "country"]);
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            form(&long, "", "", "").to_entity().unwrap_err()[0].message,
            "form.error_name_long"
        );
    }
}
