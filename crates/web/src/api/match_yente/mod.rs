//! `POST /match/{dataset}`: OpenSanctions yente's matching API, so yente
//! clients work unchanged. Each query is answered on its own: a query that
//! cannot be read gets status 400 while the others still answer.

mod params;
mod results;
mod types;

pub use params::MatchParams;
pub use types::*;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use meldpunt_model::{Entity, Schema};
use meldpunt_screening::algorithm_version;
use serde_json::Value;

use crate::api::screen::{check_limit, check_threshold};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{from_value, ApiJson};
use crate::input::{EntityExample, QueryEcho};
use crate::matching::{self, config_with, MatchPlan};
use crate::state::AppState;

/// yente's default page size for matches.
const DEFAULT_LIMIT: usize = 5;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/match/{dataset}", post(match_entities))
}

#[utoipa::path(post, path = "/match/{dataset}", tag = "Matching",
    params(
        ("dataset" = String, Path, description = "`default` (every list) or a source name"),
        MatchParams,
    ),
    request_body = MatchRequest,
    responses(
        (status = 200, body = MatchResponse),
        (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
    ))]
pub async fn match_entities(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    ApiJson(request): ApiJson<MatchRequest>,
) -> Result<Response, ApiError> {
    let params = MatchParams::parse(raw.as_deref())?;
    let scope = dataset_scope(&state, &dataset, &params)?;
    let requested_algorithm = params::requested_algorithm(params.algorithm.as_deref())?;
    let config =
        config_with(state.screener.config(), &request.config).map_err(ApiError::bad_request)?;
    check_batch(&state, &request)?;
    let default_threshold = config.as_ref().unwrap_or(state.screener.config()).threshold;
    let threshold = check_threshold(params.threshold.unwrap_or(default_threshold), "threshold")?;
    let cutoff = check_threshold(params.cutoff.unwrap_or(threshold), "cutoff")?.min(threshold);
    let limit = check_limit(
        params.limit.unwrap_or(DEFAULT_LIMIT),
        state.limits.max_results,
    )?;
    if params.exclude_entity_ids.len() > state.limits.max_excluded_ids {
        let max = state.limits.max_excluded_ids;
        return Err(ApiError::bad_request(format!(
            "at most {max} exclude_entity_ids"
        )));
    }
    let plan = MatchPlan {
        cutoff,
        limit,
        sources: Some(scope.clone()),
        schemas: schemas_without(&params.exclude_schema),
        excluded_ids: params
            .exclude_entity_ids
            .iter()
            .cloned()
            .collect::<HashSet<_>>(),
        config,
    };
    let mut ignored = params.ignored();
    if !request.weights.is_empty() {
        ignored.push("weights".to_string());
    }
    let meta = MatchMeta {
        requested_algorithm,
        algorithm_version: algorithm_version(),
        list_versions: state.list_versions(Some(&scope)),
        threshold,
        cutoff,
        ignored,
    };
    let worker = state.clone();
    let responses =
        tokio::task::spawn_blocking(move || answer_all(&worker, request.queries, &plan, threshold))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    let batch = HeaderValue::from(responses.len());
    let mut response = Json(MatchResponse {
        responses,
        limit,
        meldpunt: meta,
    })
    .into_response();
    response.headers_mut().insert("x-batch-size", batch);
    Ok(response)
}

fn check_batch(state: &AppState, request: &MatchRequest) -> Result<(), ApiError> {
    let max = state.limits.max_queries;
    if request.queries.len() > max {
        return Err(ApiError::bad_request(format!(
            "Too many queries in one batch (limit: {max})"
        )));
    }
    if request.queries.values().all(Value::is_null) {
        return Err(ApiError::bad_request("No queries provided."));
    }
    Ok(())
}

/// The sources a request screens against: the path's dataset narrowed by
/// `include_dataset` and `exclude_dataset`.
fn dataset_scope(
    state: &AppState,
    dataset: &str,
    params: &MatchParams,
) -> Result<Vec<String>, ApiError> {
    let base: Vec<String> = match dataset {
        "default" => state.datasets.iter().map(|d| d.name.clone()).collect(),
        name if state.dataset(name).is_some() => vec![name.to_string()],
        name => return Err(ApiError::UnknownDataset(name.to_string())),
    };
    Ok(base
        .into_iter()
        .filter(|s| params.include_dataset.is_empty() || params.include_dataset.contains(s))
        .filter(|s| !params.exclude_dataset.contains(s))
        .collect())
}

/// Names that are not Meldpunt schemata are ignored: nothing of theirs
/// can be in the results anyway.
fn schemas_without(excluded: &[String]) -> Option<Vec<Schema>> {
    if excluded.is_empty() {
        return None;
    }
    let excluded: Vec<Schema> = excluded.iter().filter_map(|s| s.parse().ok()).collect();
    Some(
        Schema::ALL
            .into_iter()
            .filter(|s| !excluded.contains(s))
            .collect(),
    )
}

fn answer_all(
    state: &AppState,
    queries: BTreeMap<String, Value>,
    plan: &MatchPlan,
    threshold: f32,
) -> BTreeMap<String, QueryResponse> {
    queries
        .into_iter()
        .filter(|(_, example)| !example.is_null())
        .map(|(key, example)| {
            let response = match read_query(&key, example.clone()) {
                Ok(entity) => answer(state, &entity, plan, threshold),
                Err(error) => failed(example, error),
            };
            (key, response)
        })
        .collect()
}

fn read_query(key: &str, example: Value) -> Result<Entity, ApiError> {
    let prefix = format!("queries.{key}");
    from_value::<EntityExample>(example, &prefix)?.to_entity(key)
}

fn answer(state: &AppState, entity: &Entity, plan: &MatchPlan, threshold: f32) -> QueryResponse {
    let hits = matching::run(state, entity, plan);
    QueryResponse {
        status: 200,
        query: serde_json::to_value(QueryEcho::of(entity)).unwrap_or(Value::Null),
        total: TotalSpec {
            value: hits.len(),
            relation: "eq".to_string(),
        },
        results: hits
            .into_iter()
            .map(|hit| results::match_result(state, hit, threshold))
            .collect(),
        error: None,
    }
}

fn failed(example: Value, error: ApiError) -> QueryResponse {
    let detail = error.detail();
    QueryResponse {
        status: detail.status,
        query: example,
        total: TotalSpec {
            value: 0,
            relation: "eq".to_string(),
        },
        results: Vec::new(),
        error: Some(detail),
    }
}
