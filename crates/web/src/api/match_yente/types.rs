//! yente's `/match` request and response bodies, plus Meldpunt's
//! additions under `meldpunt` keys so yente clients can ignore them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::ErrorDetail;
use crate::views::FeatureView;

#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// Query key (chosen by the caller) → entity example.
    #[schema(value_type = BTreeMap<String, crate::input::EntityExample>)]
    pub queries: BTreeMap<String, Value>,
    /// Accepted for yente compatibility; feature weights are not adjustable.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Overrides of the scoring configuration; unknown keys give a 400.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub config: serde_json::Map<String, Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    pub responses: BTreeMap<String, QueryResponse>,
    pub limit: usize,
    pub meldpunt: MatchMeta,
}

/// What a replay of this response needs: the algorithm and list versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchMeta {
    /// The algorithm name the caller asked for.
    pub requested_algorithm: String,
    /// The algorithm actually used, with the normaliser version.
    #[schema(example = "meldpunt-match-3+norm-3")]
    pub algorithm_version: String,
    /// Source → version id of every list screened against.
    pub list_versions: BTreeMap<String, String>,
    pub threshold: f32,
    pub cutoff: f32,
    /// Parameters given that Meldpunt accepts but does not apply.
    pub ignored: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueryResponse {
    pub status: u16,
    /// The query as understood (or as sent, when it could not be read).
    #[schema(value_type = Object)]
    pub query: Value,
    pub total: TotalSpec,
    pub results: Vec<MatchResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotalSpec {
    pub value: usize,
    #[schema(example = "eq")]
    pub relation: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResult {
    pub id: String,
    pub caption: String,
    pub schema: String,
    pub properties: BTreeMap<String, Vec<String>>,
    /// The source list.
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
    /// Whether the entity is itself sanctioned.
    pub target: bool,
    pub first_seen: Option<String>,
    /// When the list version holding the entity was imported.
    pub last_seen: Option<String>,
    pub last_change: Option<String>,
    pub score: f32,
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Feature name → measured value.
    pub features: BTreeMap<String, f32>,
    pub explanations: BTreeMap<String, Explanation>,
    pub meldpunt: ResultMeta,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Explanation {
    /// The feature's measured value, as in `features`; its weight is in
    /// `meldpunt.features`.
    pub score: f32,
    pub detail: String,
    pub query: Option<String>,
    pub candidate: Option<String>,
}

/// Provenance of one result and its full explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultMeta {
    pub source: String,
    pub version_id: String,
    pub algorithm_version: String,
    pub authority: Option<String>,
    pub program: Option<String>,
    pub listing_date: Option<String>,
    pub features: Vec<FeatureView>,
}
