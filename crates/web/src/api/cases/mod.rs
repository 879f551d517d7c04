//! Case management over the API, for the reporting point's analysts: the
//! triage queue, assignment, the case view, decisions on screening hits and
//! notes. Authority viewers may read the case of a report routed to them;
//! the desk decides who sees what.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use meldpunt_desk::{
    AssigneeChoice, AssigneeView, CaseEvent, CaseView, Decision, DecisionView, TriagePage,
    TriageQuery,
};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;

mod docs;

pub use docs::*;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/triage", get(triage))
        .route("/api/v1/reports/{id}/assignment", post(assign))
        .route("/api/v1/cases/{id}", get(case))
        .route("/api/v1/cases/{id}/decisions", post(decide))
        .route("/api/v1/cases/{id}/notes", post(note))
}

/// The triage queue's filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TriageParams {
    /// Only reports of this type, e.g. `ASSET_FREEZE`.
    pub report_type: Option<String>,
    /// Only reports with this status, e.g. `ACCEPTED`.
    pub status: Option<String>,
    /// A regime of the report (e.g. `RUS`) or a programme of a screening hit.
    pub regime: Option<String>,
    /// Only reports with an open deadline due on or before this date (UTC),
    /// `YYYY-MM-DD`.
    #[param(format = Date)]
    pub due_by: Option<String>,
    /// Only reports with an open deadline already past due.
    pub overdue: Option<bool>,
    /// Only reports with a screening hit scoring at least this (0 to 1).
    pub min_score: Option<f64>,
    /// `me`, `unassigned`, or a user id; anyone when absent.
    pub assignee: Option<String>,
    /// Also list cases with no open deadline and every hit decided.
    pub include_closed: Option<bool>,
    /// From 1.
    pub page: Option<u32>,
    /// Cases per page (at most 200; 50 when absent).
    pub per_page: Option<u32>,
}

fn assignee_choice(text: Option<String>) -> AssigneeChoice {
    match text.as_deref().map(str::trim) {
        None | Some("") => AssigneeChoice::Anyone,
        Some("me") => AssigneeChoice::Me,
        Some("unassigned") => AssigneeChoice::Unassigned,
        Some(user) => AssigneeChoice::User(user.to_string()),
    }
}

impl TryFrom<TriageParams> for TriageQuery {
    type Error = ApiError;

    fn try_from(p: TriageParams) -> Result<Self, ApiError> {
        let due_by = p
            .due_by
            .filter(|d| !d.trim().is_empty())
            .map(|d| TriageQuery::parse_date("due_by", &d))
            .transpose()?;
        Ok(TriageQuery {
            report_type: p.report_type,
            status: p.status,
            regime: p.regime,
            due_by,
            overdue_only: p.overdue.unwrap_or(false),
            min_score: p.min_score,
            assignee: assignee_choice(p.assignee),
            include_closed: p.include_closed.unwrap_or(false),
            page: p.page,
            per_page: p.per_page,
        })
    }
}

#[utoipa::path(get, path = "/api/v1/triage", operation_id = "triage", tag = "Cases",
    description = "The reporting point's queue of open cases (an open deadline or an \
        undecided screening hit; `include_closed` for all): nearest open deadline first, \
        then highest screening score. `overdue` on an item is judged by the server's clock.",
    params(TriageParams),
    responses(
        (status = 200, body = TriagePageDoc),
        (status = 400, description = "Unknown or malformed query parameter", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only the reporting point's analysts triage",
            body = ErrorBody),
        (status = 422, description = "A filter out of range, e.g. `min_score` above 1",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn triage(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    params: Result<Query<TriageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<TriagePage>, ApiError> {
    let params = params.map_err(|e| ApiError::bad_request(e.body_text()))?.0;
    let query = TriageQuery::try_from(params)?;
    Ok(Json(state.desk()?.triage(&caller, &query).await?))
}

/// Who should work the case.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// A user id of an active analyst, or `me`.
    pub assignee: String,
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/assignment", operation_id = "assign_case",
    tag = "Cases",
    description = "Assigns a report's case to an active analyst of the reporting point \
        (replacing any earlier assignee; the case's event log keeps the history).",
    params(("id" = String, Path, description = "The report's id")),
    request_body(content = AssignRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Assigned", body = AssigneeDoc),
        (status = 400, description = "Unreadable body", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only the reporting point's analysts assign cases",
            body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "The assignee is not an active analyst", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn assign(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AssignRequest>,
) -> Result<Json<AssigneeView>, ApiError> {
    let assignee = match body.assignee.trim() {
        "me" => caller.user_id().unwrap_or_default().to_string(),
        other => other.to_string(),
    };
    Ok(Json(state.desk()?.assign(&caller, &id, &assignee).await?))
}

#[utoipa::path(get, path = "/api/v1/cases/{id}", operation_id = "read_case", tag = "Cases",
    description = "A report's case: the report, its screening hits with the current \
        decision and earlier ones, routes, deadlines (`overdue` by the server's clock), \
        the event log, and linked reports about the same subject (shared identifiers or \
        listed entity hits) that the caller may read. Authority viewers read the cases \
        of reports routed to their authority (`editable: false`); to anyone else a case \
        is answered like a report that does not exist. The read is audited.",
    params(("id" = String, Path, description = "The report's id")),
    responses(
        (status = 200, body = CaseViewDoc),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 404, description = "No such report in the caller's scope", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn case(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<CaseView>, ApiError> {
    Ok(Json(state.desk()?.case(&caller, &id).await?))
}

/// A decision on one screening hit of the report.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// The hit's list source, e.g. `eu_fsf`.
    pub source: String,
    /// The hit's list entity id.
    pub entity_id: String,
    #[schema(value_type = String, example = "CONFIRMED")]
    /// `CONFIRMED` or `DISMISSED`.
    pub decision: Decision,
    /// Why: 1 to 1000 characters.
    pub reason: String,
    /// Up to 4000 characters.
    #[serde(default)]
    pub notes: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/cases/{id}/decisions", operation_id = "decide_match",
    tag = "Cases",
    description = "Confirms or dismisses one screening hit of the report. A later decision \
        on the same hit supersedes this one; both are kept.",
    params(("id" = String, Path, description = "The report's id")),
    request_body(content = DecisionRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Recorded", body = DecisionDoc),
        (status = 400, description = "Unreadable body or unknown decision", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only the reporting point's analysts decide",
            body = ErrorBody),
        (status = 404, description = "No such report, or no such hit on it", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "Reason empty or too long, notes too long",
            body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn decide(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionRequest>,
) -> Result<(StatusCode, Json<DecisionView>), ApiError> {
    let decided = state
        .desk()?
        .decide_match(
            &caller,
            &id,
            &body.source,
            &body.entity_id,
            body.decision,
            &body.reason,
            body.notes.as_deref(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(decided)))
}

/// A note for the case's event log.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    /// 1 to 4000 characters.
    pub text: String,
}

#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", operation_id = "add_case_note",
    tag = "Cases",
    params(("id" = String, Path, description = "The report's id")),
    request_body(content = NoteRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Added to the event log", body = CaseEventDoc),
        (status = 400, description = "Unreadable body", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Only the reporting point's analysts add notes",
            body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "Empty or longer than 4000 characters", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn note(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NoteRequest>,
) -> Result<(StatusCode, Json<CaseEvent>), ApiError> {
    let event = state.desk()?.add_note(&caller, &id, &body.text).await?;
    Ok((StatusCode::CREATED, Json(event)))
}
