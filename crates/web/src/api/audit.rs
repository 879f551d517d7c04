//! The audit log (administrators) and the published contracts of intake:
//! the report JSON Schema, the XML schema and the routing table in force.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use meldpunt_store::{AuditRow, AuditVerification};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::openapi::schemas;
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/audit", get(entries))
        .route("/api/v1/audit/verify", get(verify))
        .route("/api/v1/schema/report.json", get(json_schema))
        .route("/api/v1/schema/report.xsd", get(xml_schema))
        .route("/api/v1/routing", get(routing))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only entries with a higher `seq`; 0 when absent.
    pub after: Option<i64>,
    /// Entries per page; 100 when absent.
    pub limit: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/audit", operation_id = "list_audit_entries", tag = "Audit",
    description = "The audit log, oldest first: who did what to which record, each \
        entry chained to the previous by SHA-256. Administrators only.",
    params(AuditParams),
    responses(
        (status = 200, body = Vec<schemas::AuditRow>),
        (status = 400, description = "Unknown or malformed query parameter", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn entries(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    params: Result<Query<AuditParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let rows = state
        .desk()?
        .audit_log(
            &caller,
            params.after.unwrap_or(0),
            params.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(rows))
}

#[utoipa::path(get, path = "/api/v1/audit/verify", operation_id = "verify_audit", tag = "Audit",
    description = "Walks the audit hash chain; `problems` is empty when it is intact.",
    responses(
        (status = 200, body = schemas::AuditVerification),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn verify(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<AuditVerification>, ApiError> {
    Ok(Json(state.desk()?.verify_audit(&caller).await?))
}

#[utoipa::path(get, path = "/api/v1/schema/report.json", operation_id = "report_json_schema", tag = "Audit",
    description = "The JSON Schema of a report, as intake validates it.",
    responses((status = 200, description = "A JSON Schema", body = Object)))]
pub async fn json_schema() -> Json<serde_json::Value> {
    Json(meldpunt_reports::json_schema())
}

#[utoipa::path(get, path = "/api/v1/schema/report.xsd", operation_id = "report_xml_schema", tag = "Audit",
    description = "The XML Schema of a report on the XML channel.",
    responses((status = 200, description = "An XML Schema", body = String,
        content_type = "application/xml")))]
pub async fn xml_schema() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        meldpunt_reports::xml::XSD,
    )
}

#[utoipa::path(get, path = "/api/v1/routing", operation_id = "routing_table", tag = "Audit",
    description = "The routing table in force: which authority receives which report.",
    responses(
        (status = 200, description = "The rule table", body = Object),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ))]
pub async fn routing(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(state.desk()?.routing().clone()))
}
