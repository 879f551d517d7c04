//! Country references: ISO 3166-1 alpha-2 codes in lower case, as FtM writes
//! them, resolved from the names and codes that lists print.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Why a country is attached to an entity; each maps to one FtM property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryRole {
    Nationality,
    Citizenship,
    Jurisdiction,
    Residence,
    Flag,
    Country,
}

impl CountryRole {
    pub const ALL: [CountryRole; 6] = [
        CountryRole::Nationality,
        CountryRole::Citizenship,
        CountryRole::Jurisdiction,
        CountryRole::Residence,
        CountryRole::Flag,
        CountryRole::Country,
    ];

    pub fn ftm_property(self) -> &'static str {
        match self {
            CountryRole::Nationality => "nationality",
            CountryRole::Citizenship => "citizenship",
            CountryRole::Jurisdiction => "jurisdiction",
            CountryRole::Residence => "residency",
            CountryRole::Flag => "flag",
            CountryRole::Country => "country",
        }
    }

    pub fn from_ftm_property(property: &str) -> Option<CountryRole> {
        CountryRole::ALL
            .into_iter()
            .find(|role| role.ftm_property() == property)
    }
}

/// A country attached to an entity. `code` is a lower-case ISO alpha-2 code,
/// or the source's wording when it names no ISO country (e.g. "Kosovo" maps
/// to "xk", but a region like "Crimea" stays as text).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CountryClaim {
    pub role: CountryRole,
    pub code: String,
}

impl CountryClaim {
    /// Resolves `text` to an ISO code when possible, keeping it verbatim otherwise.
    pub fn new(role: CountryRole, text: &str) -> Self {
        let code = country_code(text).unwrap_or_else(|| text.trim().to_string());
        CountryClaim { role, code }
    }
}

/// Names lists use that the ISO tables spell differently.
const OVERRIDES: [(&str, &str); 34] = [
    ("russia", "ru"),
    ("russianfederation", "ru"),
    ("iran", "ir"),
    ("iranislamicrepublicof", "ir"),
    ("islamicrepublicofiran", "ir"),
    ("syria", "sy"),
    ("syrianarabrepublic", "sy"),
    ("northkorea", "kp"),
    ("koreanorth", "kp"),
    ("democraticpeoplesrepublicofkorea", "kp"),
    ("dprk", "kp"),
    ("southkorea", "kr"),
    ("koreasouth", "kr"),
    ("republicofkorea", "kr"),
    ("uk", "gb"),
    ("unitedkingdom", "gb"),
    ("greatbritain", "gb"),
    ("usa", "us"),
    ("unitedstates", "us"),
    ("unitedstatesofamerica", "us"),
    ("turkey", "tr"),
    ("turkiye", "tr"),
    ("türkiye", "tr"),
    ("kosovo", "xk"),
    ("palestine", "ps"),
    ("palestinianterritories", "ps"),
    ("venezuelabolivarianrepublicof", "ve"),
    ("bolivariansrepublicofvenezuela", "ve"),
    ("boliviaplurinationalstateof", "bo"),
    ("laopeoplesdemocraticrepublic", "la"),
    ("burma", "mm"),
    ("congodemocraticrepublicofthe", "cd"),
    ("democraticrepublicofthecongo", "cd"),
    ("republicofmoldova", "md"),
];

/// Resolves a country name or code to a lower-case ISO 3166-1 alpha-2 code.
pub fn country_code(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.len() > 100 {
        return None;
    }
    let key: String = trimmed
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let key = key
        .strip_prefix("the")
        .filter(|k| k.len() > 3)
        .unwrap_or(&key);
    if let Some((_, code)) = OVERRIDES.iter().find(|(name, _)| *name == key) {
        return Some((*code).to_string());
    }
    if key == "xk" {
        return Some("xk".to_string());
    }
    celes::Country::from_str(key)
        .ok()
        .map(|country| country.alpha2.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_list_wordings() {
        assert_eq!(country_code("Russian Federation").as_deref(), Some("ru"));
        assert_eq!(
            country_code("Iran (Islamic Republic of)").as_deref(),
            Some("ir")
        );
        assert_eq!(country_code("Netherlands").as_deref(), Some("nl"));
        assert_eq!(country_code("NL").as_deref(), Some("nl"));
        assert_eq!(country_code("nld").as_deref(), Some("nl"));
        assert_eq!(country_code("Korea, North").as_deref(), Some("kp"));
        assert_eq!(country_code("United Kingdom").as_deref(), Some("gb"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(
            CountryClaim::new(CountryRole::Flag, "Crimea").code,
            "Crimea"
        );
    }
}
