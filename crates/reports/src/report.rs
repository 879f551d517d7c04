//! The report as a whole.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Asset, Envelope, Goods, Subject, Transaction, VesselEvent};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub envelope: Envelope,
    #[serde(default)]
    pub subjects: Vec<Subject>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub transactions: Vec<Transaction>,
    #[serde(default)]
    pub goods: Vec<Goods>,
    #[serde(default)]
    pub vessel_events: Vec<VesselEvent>,
}

/// The JSON Schema (draft 7) of [`Report`], for publishing to reporters.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}
