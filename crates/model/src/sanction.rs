//! A sanction record: who listed the entity, under which programme and law,
//! when, and why.

use serde::{Deserialize, Serialize};

use crate::PartialDate;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Sanction {
    /// "European Union", "UN Security Council", "OFAC", "FCDO", "Netherlands".
    pub authority: String,
    /// Programme or regime, e.g. "SDGT", "RUSSIA-EO14024", "EU-RUS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// Legal instrument and article, e.g. "Regulation (EU) No 269/2014".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The list's own reference for the entry (UN "QDi.001", OFAC ent_num,
    /// EU logicalId, UK UniqueID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

impl Sanction {
    pub fn new(authority: impl Into<String>) -> Self {
        Sanction {
            authority: authority.into(),
            ..Sanction::default()
        }
    }
}
