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

use crate::api::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/audit", get(entries))
        .route("/api/v1/audit/verify", get(verify))
        .route("/api/v1/schema/report.json", get(json_schema))
        .route("/api/v1/schema/report.xsd", get(xml_schema))
        .route("/api/v1/routing", get(routing))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    pub after: Option<i64>,
    pub limit: Option<u32>,
}

async fn entries(
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

async fn verify(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<AuditVerification>, ApiError> {
    Ok(Json(state.desk()?.verify_audit(&caller).await?))
}

async fn json_schema() -> Json<serde_json::Value> {
    Json(meldpunt_reports::json_schema())
}

async fn xml_schema() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        meldpunt_reports::xml::XSD,
    )
}

async fn routing(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(state.desk()?.routing().clone()))
}
