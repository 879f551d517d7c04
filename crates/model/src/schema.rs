//! FollowTheMoney schemata that Meldpunt stores as entities.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::ModelError;

/// The FtM schema of an entity. Things (persons, companies, vessels…) are
/// screened; relations (ownership, directorship…) link things and feed the
/// ownership graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Schema {
    Person,
    Organization,
    Company,
    LegalEntity,
    Vessel,
    Aircraft,
    Asset,
    CryptoWallet,
    Ownership,
    Directorship,
    Family,
    Associate,
    Membership,
    Employment,
    UnknownLink,
}

impl Schema {
    pub const ALL: [Schema; 15] = [
        Schema::Person,
        Schema::Organization,
        Schema::Company,
        Schema::LegalEntity,
        Schema::Vessel,
        Schema::Aircraft,
        Schema::Asset,
        Schema::CryptoWallet,
        Schema::Ownership,
        Schema::Directorship,
        Schema::Family,
        Schema::Associate,
        Schema::Membership,
        Schema::Employment,
        Schema::UnknownLink,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::LegalEntity => "LegalEntity",
            Schema::Vessel => "Vessel",
            Schema::Aircraft => "Aircraft",
            Schema::Asset => "Asset",
            Schema::CryptoWallet => "CryptoWallet",
            Schema::Ownership => "Ownership",
            Schema::Directorship => "Directorship",
            Schema::Family => "Family",
            Schema::Associate => "Associate",
            Schema::Membership => "Membership",
            Schema::Employment => "Employment",
            Schema::UnknownLink => "UnknownLink",
        }
    }

    /// Relations link two things; they carry no names of their own.
    pub fn is_relation(self) -> bool {
        matches!(
            self,
            Schema::Ownership
                | Schema::Directorship
                | Schema::Family
                | Schema::Associate
                | Schema::Membership
                | Schema::Employment
                | Schema::UnknownLink
        )
    }

    /// Legal persons: organisations in the wide FtM sense.
    pub fn is_organization(self) -> bool {
        matches!(
            self,
            Schema::Organization | Schema::Company | Schema::LegalEntity
        )
    }

    /// Whether an entity of this schema could be the same real-world thing as
    /// one of `other`. A Person never matches a Vessel; a LegalEntity may be
    /// a Person or an Organization because FtM uses it when unsure.
    pub fn is_compatible(self, other: Schema) -> bool {
        use Schema::*;
        if self == other {
            return true;
        }
        match (self, other) {
            (LegalEntity, Person) | (Person, LegalEntity) => true,
            (a, b) if a.is_organization() && b.is_organization() => true,
            _ => false,
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Schema {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Schema::ALL
            .iter()
            .copied()
            .find(|schema| schema.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ModelError::UnknownSchema(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_schema_name() {
        for schema in Schema::ALL {
            assert_eq!(schema.as_str().parse::<Schema>().ok(), Some(schema));
        }
        assert!("Spaceship".parse::<Schema>().is_err());
    }

    #[test]
    fn person_never_matches_vessel() {
        assert!(!Schema::Person.is_compatible(Schema::Vessel));
        assert!(Schema::Company.is_compatible(Schema::Organization));
        assert!(Schema::LegalEntity.is_compatible(Schema::Person));
    }
}
