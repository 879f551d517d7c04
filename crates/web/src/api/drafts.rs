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
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::openapi::schemas;
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/drafts", get(list).post(create))
        .route("/api/v1/drafts/{id}", get(read).put(update).delete(remove))
        .route("/api/v1/drafts/{id}/submit", post(submit))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

#[utoipa::path(get, path = "/api/v1/drafts", operation_id = "list_drafts", tag = "Reporting",
    description = "The drafts of the caller's organisation, with what is left to fix.",
    responses(
        (status = 200, body = Vec<schemas::DraftView>),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters keep drafts", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<DraftView>>, ApiError> {
    Ok(Json(state.desk()?.drafts(&caller).await?))
}

#[utoipa::path(post, path = "/api/v1/drafts", operation_id = "create_draft", tag = "Reporting",
    description = "Saves an unfinished report; any JSON is kept and validated as it stands.",
    request_body(content = Object, content_type = "application/json",
        description = "The report so far"),
    responses(
        (status = 201, body = schemas::DraftView),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters keep drafts", body = ErrorBody),
        (status = 413, description = "Body larger than 8 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<Value>,
) -> Result<(StatusCode, Json<DraftView>), ApiError> {
    let draft = state.desk()?.save_draft(&caller, None, body).await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

#[utoipa::path(get, path = "/api/v1/drafts/{id}", operation_id = "read_draft", tag = "Reporting",
    params(("id" = String, Path, description = "The draft's id")),
    responses(
        (status = 200, body = schemas::DraftView),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters keep drafts", body = ErrorBody),
        (status = 404, description = "No such draft in the caller's organisation",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn read(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<DraftView>, ApiError> {
    Ok(Json(state.desk()?.draft(&caller, &id).await?))
}

#[utoipa::path(put, path = "/api/v1/drafts/{id}", operation_id = "update_draft", tag = "Reporting",
    description = "Replaces a draft's body.",
    params(("id" = String, Path, description = "The draft's id")),
    request_body(content = Object, content_type = "application/json",
        description = "The report so far"),
    responses(
        (status = 200, body = schemas::DraftView),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters keep drafts", body = ErrorBody),
        (status = 404, description = "No such draft in the caller's organisation",
            body = ErrorBody),
        (status = 413, description = "Body larger than 8 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<DraftView>, ApiError> {
    Ok(Json(
        state.desk()?.save_draft(&caller, Some(&id), body).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/drafts/{id}", operation_id = "delete_draft", tag = "Reporting",
    params(("id" = String, Path, description = "The draft's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters keep drafts", body = ErrorBody),
        (status = 404, description = "No such draft in the caller's organisation",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.desk()?.delete_draft(&caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/drafts/{id}/submit", operation_id = "submit_draft", tag = "Reporting",
    description = "Files a draft as a report; answered like `POST /api/v1/reports` \
        (201 with the acknowledgement, or 422 REJECTED with `errors`, the draft kept).",
    params(("id" = String, Path, description = "The draft's id")),
    responses(
        (status = 201, description = "Filed: ACCEPTED, ACCEPTED_WITH_WARNINGS or RECEIVED",
            body = schemas::Acknowledgement,
            headers(("Location" = String, description = "The new report"))),
        (status = 422, description = "REJECTED, nothing filed", body = schemas::Acknowledgement),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only reporters file drafts", body = ErrorBody),
        (status = 404, description = "No such draft in the caller's organisation",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(acknowledged(
        state.desk()?.submit_draft(&caller, &id).await?,
    ))
}
