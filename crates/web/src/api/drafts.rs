//! Drafts over the API: save incomplete reports, see what is left, file.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use meldpunt_desk::{DraftView, MAX_REPORT_BYTES};
use serde_json::Value;

use crate::api::auth::Caller;
use crate::api::reports::acknowledged;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/drafts", get(list).post(create))
        .route("/api/v1/drafts/{id}", get(read).put(update).delete(remove))
        .route("/api/v1/drafts/{id}/submit", post(submit))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

async fn list(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<DraftView>>, ApiError> {
    Ok(Json(state.desk()?.drafts(&caller).await?))
}

async fn create(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<Value>,
) -> Result<(StatusCode, Json<DraftView>), ApiError> {
    let draft = state.desk()?.save_draft(&caller, None, body).await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

async fn read(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<DraftView>, ApiError> {
    Ok(Json(state.desk()?.draft(&caller, &id).await?))
}

async fn update(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<DraftView>, ApiError> {
    Ok(Json(
        state.desk()?.save_draft(&caller, Some(&id), body).await?,
    ))
}

async fn remove(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.desk()?.delete_draft(&caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn submit(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(acknowledged(
        state.desk()?.submit_draft(&caller, &id).await?,
    ))
}
