//! `POST /api/v1/screen`: one entity, full explanations.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use meldpunt_model::Schema;
use meldpunt_screening::algorithm_version;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};
use crate::extract::{from_value, ApiJson};
use crate::input::{EntityExample, QueryEcho, SimpleEntity};
use crate::matching::{self, MatchPlan};
use crate::state::AppState;
use crate::views::HitView;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/screen", post(screen))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// An FtM entity (`schema` + `properties`) or the simple form.
    #[schema(value_type = ScreenEntity)]
    pub entity: Value,
    /// Minimum score of a hit; the server's default when absent.
    pub threshold: Option<f32>,
    #[schema(example = 10)]
    pub limit: Option<usize>,
    /// Only list entities of these FtM schemata.
    pub schemas: Option<Vec<String>>,
}

/// The two accepted shapes of a query entity, told apart by
/// `properties`.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(untagged)]
pub enum ScreenEntity {
    Ftm(EntityExample),
    Simple(SimpleEntity),
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScreenResponse {
    pub query: QueryEcho,
    pub hits: Vec<HitView>,
    #[schema(example = "meldpunt-match-3+norm-3")]
    pub algorithm_version: String,
    /// Source → version id of every list screened against.
    pub list_versions: BTreeMap<String, String>,
    pub threshold: f32,
}

#[utoipa::path(post, path = "/api/v1/screen", tag = "Screening",
    request_body = ScreenRequest,
    responses(
        (status = 200, body = ScreenResponse),
        (status = 400, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
    ))]
pub async fn screen(
    State(state): State<Arc<AppState>>,
    ApiJson(request): ApiJson<ScreenRequest>,
) -> Result<Json<ScreenResponse>, ApiError> {
    let example = entity_example(request.entity)?;
    let entity = example.to_entity("query")?;
    let threshold = match request.threshold {
        Some(t) => check_threshold(t, "threshold")?,
        None => state.screener.config().threshold,
    };
    let plan = MatchPlan {
        cutoff: threshold,
        limit: check_limit(request.limit.unwrap_or(10), state.limits.max_results)?,
        schemas: request.schemas.as_deref().map(parse_schemas).transpose()?,
        ..MatchPlan::default()
    };
    let worker = state.clone();
    let query = entity.clone();
    let hits = tokio::task::spawn_blocking(move || matching::run(&worker, &query, &plan))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(ScreenResponse {
        query: QueryEcho::of(&entity),
        hits: hits
            .into_iter()
            .map(|h| HitView::new(h, threshold))
            .collect(),
        algorithm_version: algorithm_version(),
        list_versions: state.list_versions(None),
        threshold,
    }))
}

fn entity_example(value: Value) -> Result<EntityExample, ApiError> {
    let is_ftm = value.get("properties").is_some();
    if is_ftm {
        from_value::<EntityExample>(value, "entity")
    } else {
        from_value::<SimpleEntity>(value, "entity")?.into_example()
    }
}

pub fn check_threshold(value: f32, what: &str) -> Result<f32, ApiError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::bad_request(format!(
            "{what} must be between 0 and 1"
        )))
    }
}

pub fn check_limit(limit: usize, max: usize) -> Result<usize, ApiError> {
    if (1..=max).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::bad_request(format!(
            "limit must be between 1 and {max}"
        )))
    }
}

fn parse_schemas(names: &[String]) -> Result<Vec<Schema>, ApiError> {
    names
        .iter()
        .map(|n| {
            n.parse::<Schema>()
                .map_err(|e| ApiError::bad_request(e.to_string()))
        })
        .collect()
}
