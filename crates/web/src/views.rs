//! Screening results as the native API returns them. Mirrors of the
//! screening crate's types so the API contract (and its OpenAPI schema)
//! is stated here, not inherited silently.

use meldpunt_screening::{Feature, Hit};
use serde::Serialize;
use utoipa::ToSchema;

/// One piece of evidence: the score is the clamped sum of `value × weight`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FeatureView {
    #[schema(example = "name")]
    pub name: String,
    pub value: f32,
    pub weight: f32,
    pub detail: String,
}

impl From<Feature> for FeatureView {
    fn from(f: Feature) -> Self {
        FeatureView {
            name: f.name,
            value: f.value,
            weight: f.weight,
            detail: f.detail,
        }
    }
}

/// A list entity that matched, with what is needed to replay the decision.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct HitView {
    pub entity_id: String,
    pub caption: String,
    #[schema(example = "Person")]
    pub schema: String,
    /// The source list, e.g. `ofac-sdn`.
    pub source: String,
    /// The version of that list the entity was read from.
    pub version_id: String,
    pub score: f32,
    pub is_match: bool,
    pub query_name: Option<String>,
    pub matched_name: Option<String>,
    pub authority: Option<String>,
    pub program: Option<String>,
    pub listing_date: Option<String>,
    pub features: Vec<FeatureView>,
    #[schema(example = "meldpunt-match-3+norm-3")]
    pub algorithm_version: String,
}

impl HitView {
    /// `threshold` decides `is_match`: the caller's, not the screener's.
    pub fn new(hit: Hit, threshold: f32) -> Self {
        HitView {
            is_match: hit.score >= threshold,
            entity_id: hit.entity_id,
            caption: hit.caption,
            schema: hit.schema.as_str().to_string(),
            source: hit.source,
            version_id: hit.version_id,
            score: hit.score,
            query_name: hit.query_name,
            matched_name: hit.matched_name,
            authority: hit.authority,
            program: hit.program,
            listing_date: hit.listing_date,
            features: hit.features.into_iter().map(FeatureView::from).collect(),
            algorithm_version: hit.algorithm_version,
        }
    }
}
