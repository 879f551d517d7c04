//! Screening one query entity with the filters both APIs share: which
//! sources, which schemata, which entity ids to leave out, and an
//! optional per-request scoring configuration.

use std::collections::HashSet;

use meldpunt_model::{Entity, Schema};
use meldpunt_screening::{score, Hit, PreparedEntity, ScoringConfig, ScreenOptions};

use crate::state::AppState;

#[derive(Debug, Clone, Default)]
pub struct MatchPlan {
    /// Hits scoring below this are dropped.
    pub cutoff: f32,
    pub limit: usize,
    /// Only these sources, when given.
    pub sources: Option<Vec<String>>,
    pub schemas: Option<Vec<Schema>>,
    pub excluded_ids: HashSet<String>,
    /// Scoring config differing from the screener's, when the caller
    /// overrode parts of it.
    pub config: Option<ScoringConfig>,
}

impl MatchPlan {
    /// Filters the screener cannot apply itself are applied to its output,
    /// so it must return every candidate above the cutoff, not just `limit`.
    fn filters_after(&self) -> bool {
        self.sources.is_some() || !self.excluded_ids.is_empty() || self.config.is_some()
    }

    fn keeps(&self, hit: &Hit) -> bool {
        self.sources
            .as_ref()
            .is_none_or(|s| s.contains(&hit.source))
            && !self.excluded_ids.contains(&hit.entity_id)
            && hit.score >= self.cutoff
    }
}

pub fn run(state: &AppState, query: &Entity, plan: &MatchPlan) -> Vec<Hit> {
    let defaults = ScreenOptions::default();
    let options = ScreenOptions {
        // A custom config may lift a candidate the default config scores
        // below the cutoff, so every retrieved candidate is rescored.
        threshold: Some(if plan.config.is_some() {
            0.0
        } else {
            plan.cutoff
        }),
        limit: if plan.filters_after() {
            defaults.candidates.max(plan.limit)
        } else {
            plan.limit
        },
        schemas: plan.schemas.clone(),
        candidates: defaults.candidates.max(plan.limit),
    };
    let mut hits = state.screener.screen(query, &options);
    if let Some(config) = &plan.config {
        hits = rescore(state, query, hits, config);
    }
    hits.retain(|h| plan.keeps(h));
    hits.truncate(plan.limit);
    hits
}

fn rescore(state: &AppState, query: &Entity, hits: Vec<Hit>, config: &ScoringConfig) -> Vec<Hit> {
    let prepared = PreparedEntity::new(query);
    let mut hits: Vec<Hit> = hits
        .into_iter()
        .filter_map(|hit| {
            let entity = state.catalog.get(&hit.source, &hit.entity_id)?;
            let result = score(&prepared, &PreparedEntity::new(entity), config);
            Some(Hit {
                score: result.score,
                is_match: result.is_match,
                features: result.features,
                query_name: result.query_name,
                matched_name: result.matched_name,
                ..hit
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity_id.cmp(&b.entity_id))
    });
    hits
}

/// Merges caller overrides into the screener's config. Unknown keys are
/// rejected (as yente does) by naming the first one.
pub fn config_with(
    base: &ScoringConfig,
    overrides: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<ScoringConfig>, String> {
    if overrides.is_empty() {
        return Ok(None);
    }
    let serde_json::Value::Object(mut merged) =
        serde_json::to_value(base).map_err(|e| e.to_string())?
    else {
        return Err("scoring config is not an object".to_string());
    };
    if let Some(unknown) = overrides.keys().find(|k| !merged.contains_key(*k)) {
        return Err(format!("Invalid configuration parameter: {unknown}"));
    }
    merged.extend(overrides.clone());
    serde_json::from_value(serde_json::Value::Object(merged))
        .map(Some)
        .map_err(|e| format!("invalid configuration: {e}"))
}
