//! Liveness and the loaded lists.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use meldpunt_screening::algorithm_version;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::{AppState, DatasetInfo};

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/datasets", get(datasets))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: String,
    /// List entities the screener holds.
    pub entities: usize,
    pub algorithm_version: String,
}

#[utoipa::path(get, path = "/healthz", tag = "System",
    responses((status = 200, body = HealthResponse)))]
pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<HealthResponse> {
    Json(HealthResponse {
        status: "ok".to_string(),
        entities: state.screener.len(),
        algorithm_version: algorithm_version(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatasetsResponse {
    pub datasets: Vec<DatasetInfo>,
    /// Source → version id, as screening results report them.
    pub list_versions: BTreeMap<String, String>,
    pub algorithm_version: String,
}

#[utoipa::path(get, path = "/api/v1/datasets", tag = "Screening",
    responses((status = 200, body = DatasetsResponse)))]
pub async fn datasets(State(state): State<Arc<AppState>>) -> Json<DatasetsResponse> {
    Json(DatasetsResponse {
        datasets: state.datasets.clone(),
        list_versions: state.list_versions(None),
        algorithm_version: algorithm_version(),
    })
}
