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
    Acknowledgement, Channel, Checked, IssueView, Payload, ReportQuery, ReportSummary, Submission,
    MAX_REPORT_BYTES,
};
use meldpunt_reports::messages::Language;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::schemas;
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
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
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
        _ => Err(ApiError::UnsupportedMediaType(
            "application/json, application/xml or text/csv",
        )),
    }
}

/// The language issue messages are answered in: Dutch when
/// `Accept-Language` prefers it, else English. Codes and pointers never change.
fn language(headers: &HeaderMap) -> Language {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Language::En, Language::from_accept_language)
}

fn in_language(issues: &mut [IssueView], language: Language) {
    for issue in issues {
        *issue = issue.in_language(language);
    }
}

/// The acknowledgement as answered; the stored one stays English.
fn localised(mut ack: Acknowledgement, language: Language) -> Acknowledgement {
    in_language(&mut ack.errors, language);
    in_language(&mut ack.warnings, language);
    ack
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

#[utoipa::path(post, path = "/api/v1/reports", operation_id = "submit_report", tag = "Reporting",
    description = "Files a report. The body's Content-Type picks the channel: \
        `application/json` (a report as described by `/api/v1/schema/report.json`), \
        `application/xml` or `text/xml` (`/api/v1/schema/report.xsd`), or `text/csv` \
        (a frozen-assets return; `detected_at` and `regimes` go in the query). \
        The report is validated, every subject screened, routed to the competent \
        authorities and its deadline clocks started, all in one transaction; the \
        acknowledgement is sent only once it is committed.\n\n\
        Acknowledgement `status`: `RECEIVED` (filed, screening could not run), \
        `ACCEPTED`, `ACCEPTED_WITH_WARNINGS` (filed; see `warnings`) or `REJECTED` \
        (not filed; `errors` give JSON Pointers into the report).\n\n\
        Idempotency: send an `Idempotency-Key` to retry safely. The same key with \
        the same body answers 200 with the first acknowledgement (same `report_id`, \
        `replayed: true`) and files nothing; the same key with a different body \
        answers 409. Keys are per organisation.",
    params(
        ("Idempotency-Key" = Option<String>, Header,
            description = "1 to 200 printable ASCII characters without spaces; \
                makes retries file the report once"),
        ("Accept-Language" = Option<String>, Header,
            description = "`nl` for issue messages in Dutch (English otherwise); \
                codes and pointers do not change"),
        ReturnParams,
    ),
    request_body(description = "The report: JSON per `/api/v1/schema/report.json`, XML per \
        `/api/v1/schema/report.xsd`, or a frozen-assets return as CSV", content(
        (Object = "application/json"),
        (String = "application/xml"),
        (String = "text/xml"),
        (String = "text/csv"),
    )),
    responses(
        (status = 201, description = "Filed: ACCEPTED, ACCEPTED_WITH_WARNINGS or RECEIVED",
            body = schemas::Acknowledgement,
            headers(("Location" = String, description = "The new report, `/api/v1/reports/{id}`"))),
        (status = 200, description = "A retry with the same Idempotency-Key and body: \
            the first acknowledgement again, `replayed: true`", body = schemas::Acknowledgement),
        (status = 422, description = "REJECTED, nothing filed: the acknowledgement with \
            `errors` (an invalid Idempotency-Key is answered with an `ErrorBody`)",
            body = schemas::Acknowledgement),
        (status = 400, description = "Unreadable body or query", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "The caller's role files no reports", body = ErrorBody),
        (status = 409, description = "Idempotency-Key used before with a different body",
            body = ErrorBody),
        (status = 413, description = "Body larger than 8 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type not JSON, XML or CSV", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn submit(
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
    let ack = desk.submit(&caller, submission).await?;
    Ok(acknowledged(localised(ack, language(&headers))))
}

#[utoipa::path(post, path = "/api/v1/whistleblower", operation_id = "submit_whistleblower_report", tag = "Reporting",
    description = "Files an anonymous whistleblower report (JSON, `report_type` \
        `whistleblower`); no credential is needed or kept. The acknowledgement carries \
        only the receipt: `report_id`, `status` and validation issues; routes, \
        deadlines and screening are not disclosed.",
    params(("Accept-Language" = Option<String>, Header,
            description = "`nl` for issue messages in Dutch (English otherwise); \
                codes and pointers do not change")),
    request_body(content = Object, content_type = "application/json",
        description = "A whistleblower report (`/api/v1/schema/report.json`)"),
    responses(
        (status = 201, description = "Filed", body = schemas::Acknowledgement),
        (status = 422, description = "REJECTED, nothing filed", body = schemas::Acknowledgement),
        (status = 400, description = "Unreadable body", body = ErrorBody),
        (status = 413, description = "Body larger than 8 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ))]
pub async fn whistleblow(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let desk = state.desk()?;
    if essence(&headers) != "application/json" {
        return Err(ApiError::UnsupportedMediaType("application/json"));
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
    Ok(acknowledged(localised(ack, language(&headers))))
}

/// Validation only: the two layers' issues, nothing filed.
#[utoipa::path(post, path = "/api/v1/reports/validate", operation_id = "validate_report", tag = "Reporting",
    description = "Validates a report in any of the intake formats without filing it: \
        `status` is what filing it now would answer before screening \
        (ACCEPTED, ACCEPTED_WITH_WARNINGS or REJECTED).",
    params(("Accept-Language" = Option<String>, Header,
            description = "`nl` for issue messages in Dutch (English otherwise); \
                codes and pointers do not change"), ReturnParams),
    request_body(description = "The report: JSON per `/api/v1/schema/report.json`, XML per \
        `/api/v1/schema/report.xsd`, or a frozen-assets return as CSV", content(
        (Object = "application/json"),
        (String = "application/xml"),
        (String = "text/xml"),
        (String = "text/csv"),
    )),
    responses(
        (status = 200, description = "The validation outcome", body = schemas::Checked),
        (status = 400, description = "Unreadable body or query", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 413, description = "Body larger than 8 MiB", body = ErrorBody),
        (status = 415, description = "Content-Type not JSON, XML or CSV", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn validate(
    State(state): State<Arc<AppState>>,
    Caller(_caller): Caller,
    headers: HeaderMap,
    params: Result<Query<ReturnParams>, axum::extract::rejection::QueryRejection>,
    body: Body,
) -> Result<Json<Checked>, ApiError> {
    let desk = state.desk()?;
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let bytes = read_body(body).await?;
    let (_, payload) = payload(&headers, params, bytes, desk.now().to_rfc3339())?;
    let mut checked = desk.check(&payload, "request body")?;
    let language = language(&headers);
    in_language(&mut checked.errors, language);
    in_language(&mut checked.warnings, language);
    Ok(Json(checked))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only reports of this type, e.g. `asset_freeze`.
    pub report_type: Option<String>,
    /// Only reports with this status, e.g. `ACCEPTED`.
    pub status: Option<String>,
    /// Paging: only reports older than this `seq`.
    pub before: Option<i64>,
    /// Reports per page (at most 200).
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportList {
    #[schema(value_type = Vec<schemas::ReportSummary>)]
    pub reports: Vec<ReportSummary>,
    /// Reports in scope matching the filters, over all pages.
    pub total: u64,
}

#[utoipa::path(get, path = "/api/v1/reports", operation_id = "list_reports", tag = "Reporting",
    description = "Reports in the caller's scope, newest first: reporters see their \
        organisation's, authority viewers those routed to their authority, the \
        reporting point all. Page with `before` = the last `seq` seen.",
    params(ListParams),
    responses(
        (status = 200, body = ReportList),
        (status = 400, description = "Unknown or malformed query parameter", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn list(
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

#[utoipa::path(get, path = "/api/v1/reports/{id}", operation_id = "read_report", tag = "Reporting",
    description = "One report in full. A report outside the caller's scope is \
        answered exactly like one that does not exist. The read is audited.",
    params(("id" = String, Path, description = "The report's id")),
    responses(
        (status = 200, body = schemas::ReportView),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 404, description = "No such report in the caller's scope", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn read(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<meldpunt_desk::ReportView>, ApiError> {
    Ok(Json(state.desk()?.report(&caller, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/reports/{id}/acknowledgement", operation_id = "read_acknowledgement", tag = "Reporting",
    description = "The acknowledgement of a filed report, as it was sent (issue \
        messages in Dutch on `Accept-Language: nl`).",
    params(("id" = String, Path, description = "The report's id"), ("Accept-Language" = Option<String>, Header,
            description = "`nl` for issue messages in Dutch (English otherwise); \
                codes and pointers do not change")),
    responses(
        (status = 200, body = schemas::Acknowledgement),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 404, description = "No such report in the caller's scope", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn acknowledgement(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Acknowledgement>, ApiError> {
    let ack = state.desk()?.acknowledgement_of(&caller, &id).await?;
    Ok(Json(localised(ack, language(&headers))))
}

#[utoipa::path(get, path = "/api/v1/deadlines/overdue", operation_id = "list_overdue_deadlines", tag = "Reporting",
    description = "Open deadlines past due, oldest first, of reports in the caller's scope.",
    responses(
        (status = 200, body = Vec<schemas::Overdue>),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn overdue(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<meldpunt_desk::Overdue>>, ApiError> {
    Ok(Json(state.desk()?.overdue(&caller).await?))
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/deadlines/{kind}/met", operation_id = "mark_deadline_met", tag = "Reporting",
    description = "Marks an onward duty done (e.g. informing the Commission).",
    params(
        ("id" = String, Path, description = "The report's id"),
        ("kind" = String, Path, description = "The deadline, e.g. `report_freeze`"),
    ),
    responses(
        (status = 200, description = "The deadline, now met", body = schemas::DeadlineRow),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "The caller's role may not mark deadlines", body = ErrorBody),
        (status = 404, description = "No such report in scope, or no open deadline of that kind",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn deadline_met(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Json<meldpunt_store::DeadlineRow>, ApiError> {
    Ok(Json(
        state.desk()?.mark_deadline_met(&caller, &id, &kind).await?,
    ))
}
