//! Sessions, organisations, users and API keys over the API. The desk
//! decides who may do what; these handlers only translate HTTP.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use meldpunt_desk::{ApiKeyView, NewOrg, NewUser, Principal, Role, UserView};
use meldpunt_store::OrgRow;
use serde::{Deserialize, Serialize};

use crate::api::auth::{client_address, Caller};
use crate::error::ApiError;
use crate::extract::{parse_json, ApiJson};
use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/session", post(login).delete(logout))
        .route("/api/v1/me", get(me))
        .route("/api/v1/orgs", post(create_org))
        .route("/api/v1/orgs/{id}", get(org))
        .route("/api/v1/orgs/{id}/users", get(users))
        .route("/api/v1/users", post(create_user))
        .route("/api/v1/register", post(register))
        .route("/api/v1/users/{id}/approve", post(approve))
        .route("/api/v1/users/{id}/disable", post(disable))
        .route("/api/v1/api-keys", get(api_keys).post(create_api_key))
        .route("/api/v1/api-keys/{id}", delete(revoke_api_key))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize)]
pub struct SessionResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: String,
    pub principal: Principal,
}

async fn login(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Result<Json<SessionResponse>, ApiError> {
    let client = client_address(request.extensions());
    let body = crate::api::reports::read_body(request.into_body()).await?;
    let LoginRequest { email, password } = parse_json(&body)?;
    let session = state
        .desk()?
        .login(&email, &password, client.as_deref())
        .await?;
    Ok(Json(SessionResponse {
        token: session.token,
        expires_at: session.expires_at,
        principal: session.principal,
    }))
}

async fn logout(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::Unauthorized("send the session token to end".to_string()))?;
    state.desk()?.logout(token.trim()).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn me(Caller(caller): Caller) -> Json<Principal> {
    Json(caller)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgRequest {
    pub name: String,
    pub kvk: Option<String>,
    pub lei: Option<String>,
    pub sector: String,
    /// `reporter` (default) or `authority`.
    pub kind: Option<String>,
    pub authority: Option<String>,
}

async fn create_org(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(request): ApiJson<OrgRequest>,
) -> Result<(StatusCode, Json<OrgRow>), ApiError> {
    let new = NewOrg {
        name: request.name,
        kvk: request.kvk,
        lei: request.lei,
        sector: request.sector,
        kind: request.kind.unwrap_or_else(|| "reporter".to_string()),
        authority: request.authority,
    };
    let org = state.desk()?.create_org(&caller, new).await?;
    Ok((StatusCode::CREATED, Json(org)))
}

async fn org(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<OrgRow>, ApiError> {
    Ok(Json(state.desk()?.org(&caller, &id).await?))
}

async fn users(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<UserView>>, ApiError> {
    Ok(Json(state.desk()?.users_of_org(&caller, &id).await?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRequest {
    pub org_id: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

impl From<UserRequest> for NewUser {
    fn from(r: UserRequest) -> Self {
        NewUser {
            org_id: r.org_id,
            email: r.email,
            display_name: r.display_name,
            password: r.password,
            role: r.role,
        }
    }
}

async fn create_user(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(request): ApiJson<UserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = state.desk()?.create_user(&caller, request.into()).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Self-service sign-up; the account stays pending until approved.
async fn register(
    State(state): State<Arc<AppState>>,
    ApiJson(request): ApiJson<UserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = state.desk()?.register(request.into()).await?;
    Ok((StatusCode::ACCEPTED, Json(user)))
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(
        state
            .desk()?
            .set_user_status(&caller, &id, "active")
            .await?,
    ))
}

async fn disable(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(
        state
            .desk()?
            .set_user_status(&caller, &id, "disabled")
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyRequest {
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct NewApiKey {
    #[serde(flatten)]
    pub key: ApiKeyView,
    /// Shown once; store it now.
    pub secret: String,
}

async fn create_api_key(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(request): ApiJson<ApiKeyRequest>,
) -> Result<(StatusCode, Json<NewApiKey>), ApiError> {
    let (key, secret) = state
        .desk()?
        .create_api_key(&caller, &request.label)
        .await?;
    Ok((StatusCode::CREATED, Json(NewApiKey { key, secret })))
}

async fn api_keys(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<ApiKeyView>>, ApiError> {
    Ok(Json(state.desk()?.api_keys(&caller).await?))
}

async fn revoke_api_key(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.desk()?.revoke_api_key(&caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
