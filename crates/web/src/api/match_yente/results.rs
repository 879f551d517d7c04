//! Screening hits in yente's result shape.

use std::collections::BTreeMap;

use meldpunt_screening::Hit;

use super::types::{Explanation, MatchResult, ResultMeta};
use crate::state::AppState;
use crate::views::FeatureView;

pub fn match_result(state: &AppState, hit: Hit, threshold: f32) -> MatchResult {
    let entity = state.catalog.get(&hit.source, &hit.entity_id);
    let properties = entity.map(|e| e.to_ftm().properties).unwrap_or_default();
    let target = entity.is_some_and(|e| !e.sanctions.is_empty());
    let last_seen = state
        .dataset(&hit.source)
        .and_then(|d| d.imported_at.clone());
    let (features, explanations) = explain(&hit);
    MatchResult {
        id: hit.entity_id,
        caption: hit.caption,
        schema: hit.schema.as_str().to_string(),
        properties,
        datasets: vec![hit.source.clone()],
        referents: Vec::new(),
        target,
        first_seen: None,
        last_seen,
        last_change: None,
        score: hit.score,
        is_match: hit.score >= threshold,
        features,
        explanations,
        meldpunt: ResultMeta {
            source: hit.source,
            version_id: hit.version_id,
            algorithm_version: hit.algorithm_version,
            authority: hit.authority,
            program: hit.program,
            listing_date: hit.listing_date,
            features: hit.features.into_iter().map(FeatureView::from).collect(),
        },
    }
}

/// yente keys features by name; a name that occurs twice (two country
/// conflicts) gets a numbered key so no evidence is lost.
fn explain(hit: &Hit) -> (BTreeMap<String, f32>, BTreeMap<String, Explanation>) {
    let mut features = BTreeMap::new();
    let mut explanations = BTreeMap::new();
    for feature in &hit.features {
        let mut key = feature.name.clone();
        let mut n = 1;
        while features.contains_key(&key) {
            n += 1;
            key = format!("{}_{n}", feature.name);
        }
        let names = feature.name == "name";
        explanations.insert(
            key.clone(),
            Explanation {
                score: feature.value,
                detail: feature.detail.clone(),
                query: hit.query_name.clone().filter(|_| names),
                candidate: hit.matched_name.clone().filter(|_| names),
            },
        );
        features.insert(key, feature.value);
    }
    (features, explanations)
}
