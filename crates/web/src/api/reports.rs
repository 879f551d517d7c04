//! Report intake and reading: `POST /api/v1/reports` takes JSON, XML
//! (`report.xsd`) or a CSV frozen-assets return, chosen by Content-Type;
//! `POST /api/v1/whistleblower` takes anonymous reports; listing and
//! reading are confined to the caller's scope by the desk.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use meldpunt_desk::{
    Acknowledgement, Channel, Payload, ReportQuery, ReportSummary, Submission, MAX_REPORT_BYTES,
};
use serde::{Deserialize, Serialize};

use crate::api::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/reports", post(submit).get(list))
        .route("/api/v1/reports/validate", post(validate))
        .route("/api/v1/whistleblower", post(whistleblow))
        .route("/api/v1/reports/{id}", get(read))
        .route("/api/v1/reports/{id}/acknowledgement", get(acknowledgement))
        .route("/api/v1/deadlines/overdue", get(overdue))
        .route(
            "/api/v1/reports/{id}/deadlines/{kind}/met",
            post(deadline_met),
        )
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

/// What the CSV channel cannot carry in its rows.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnParams {
    /// The return's reference date-time (RFC 3339); now when absent.
    pub detected_at: Option<String>,
    /// Comma-separated regimes, e.g. `RUS,BLR`.
    pub regimes: Option<String>,
}

pub(crate) async fn read_body(body: Body) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, MAX_REPORT_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge {
            limit: MAX_REPORT_BYTES,
        })
}

fn essence(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

fn payload(
    headers: &HeaderMap,
    params: ReturnParams,
    bytes: Bytes,
    now: String,
) -> Result<(Channel, Payload), ApiError> {
    let bytes = bytes.to_vec();
    match essence(headers).as_str() {
        "application/json" => Ok((Channel::Api, Payload::Json(bytes))),
        "application/xml" | "text/xml" => Ok((Channel::Xml, Payload::Xml(bytes))),
        "text/csv" => {
            let regimes: Vec<String> = params
                .regimes
                .unwrap_or_default()
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            let envelope = serde_json::json!({
                "detected_at": params.detected_at.unwrap_or(now),
                "regimes": regimes,
            });
            Ok((Channel::Csv, Payload::Csv { bytes, envelope }))
        }
        _ => Err(ApiError::UnsupportedMediaType),
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map(str::to_string)
                .map_err(|_| ApiError::Unprocessable {
                    message: "Idempotency-Key: must be printable ASCII".to_string(),
                    path: Some("Idempotency-Key".to_string()),
                })
        })
        .transpose()
}

/// 201 with a Location for a new report, 200 for a replayed retry, 422 with
/// the same acknowledgement shape for a rejected one.
pub(crate) fn acknowledged(ack: Acknowledgement) -> Response {
    let status = match (&ack.report_id, ack.replayed) {
        (None, _) => StatusCode::UNPROCESSABLE_ENTITY,
        (Some(_), true) => StatusCode::OK,
        (Some(_), false) => StatusCode::CREATED,
    };
    let location = ack
        .report_id
        .as_ref()
        .filter(|_| status == StatusCode::CREATED)
        .map(|id| format!("/api/v1/reports/{id}"));
    let mut response = (status, Json(ack)).into_response();
    if let Some(location) = location.and_then(|l| l.parse().ok()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

async fn submit(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    headers: HeaderMap,
    params: Result<Query<ReturnParams>, axum::extract::rejection::QueryRejection>,
    body: Body,
) -> Result<Response, ApiError> {
    let desk = state.desk()?;
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let bytes = read_body(body).await?;
    let now = desk.now().to_rfc3339();
    let (channel, payload) = payload(&headers, params, bytes, now)?;
    let submission = Submission {
        channel,
        payload,
        idempotency_key: idempotency_key(&headers)?,
        origin: "request body".to_string(),
    };
    Ok(acknowledged(desk.submit(&caller, submission).await?))
}

async fn whistleblow(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let desk = state.desk()?;
    if essence(&headers) != "application/json" {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = read_body(body).await?;
    let submission = Submission {
        channel: Channel::Whistleblower,
        payload: Payload::Json(bytes.to_vec()),
        idempotency_key: None,
        origin: "request body".to_string(),
    };
    let mut ack = desk.submit(&desk.anonymous(), submission).await?;
    // The anonymous reporter keeps the id as a receipt; nothing else of the
    // filing (routes, screening) is disclosed to an unauthenticated caller.
    ack.routes.clear();
    ack.deadlines.clear();
    ack.screening = None;
    Ok(acknowledged(ack))
}

/// Validation only: the two layers' issues, nothing filed.
async fn validate(
    State(state): State<Arc<AppState>>,
    Caller(_caller): Caller,
    headers: HeaderMap,
    params: Result<Query<ReturnParams>, axum::extract::rejection::QueryRejection>,
    body: Body,
) -> Result<Json<meldpunt_desk::Checked>, ApiError> {
    let desk = state.desk()?;
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let bytes = read_body(body).await?;
    let (_, payload) = payload(&headers, params, bytes, desk.now().to_rfc3339())?;
    Ok(Json(desk.check(&payload, "request body")?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub report_type: Option<String>,
    pub status: Option<String>,
    /// Paging: only reports older than this `seq`.
    pub before: Option<i64>,
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct ReportList {
    pub reports: Vec<ReportSummary>,
    /// Reports in scope matching the filters, over all pages.
    pub total: u64,
}

async fn list(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReportList>, ApiError> {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let query = ReportQuery {
        report_type: params.report_type,
        status: params.status,
        before_seq: params.before,
        limit: params.limit,
    };
    let (reports, total) = state.desk()?.reports(&caller, &query).await?;
    Ok(Json(ReportList { reports, total }))
}

async fn read(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<meldpunt_desk::ReportView>, ApiError> {
    Ok(Json(state.desk()?.report(&caller, &id).await?))
}

async fn acknowledgement(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<Acknowledgement>, ApiError> {
    Ok(Json(state.desk()?.acknowledgement_of(&caller, &id).await?))
}

async fn overdue(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<meldpunt_desk::Overdue>>, ApiError> {
    Ok(Json(state.desk()?.overdue(&caller).await?))
}

async fn deadline_met(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Json<meldpunt_store::DeadlineRow>, ApiError> {
    Ok(Json(
        state.desk()?.mark_deadline_met(&caller, &id, &kind).await?,
    ))
}
