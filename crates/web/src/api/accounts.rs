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
use utoipa::ToSchema;

use crate::api::auth::{client_address, Caller};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{parse_json, ApiJson};
use crate::openapi::schemas;
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub expires_at: String,
    #[schema(value_type = schemas::Principal)]
    pub principal: Principal,
}

#[utoipa::path(post, path = "/api/v1/session", operation_id = "sign_in", tag = "Accounts",
    description = "Signs a person in with e-mail and password; send the token as `Authorization: Bearer <token>`. Failed sign-ins are rate-limited per address and account.",
    request_body = LoginRequest,
    responses(
        (status = 200, body = SessionResponse),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password, or account not active", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins; see Retry-After", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ))]
pub async fn login(
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

#[utoipa::path(delete, path = "/api/v1/session", operation_id = "sign_out", tag = "Accounts",
    description = "Ends the session whose token is sent.",
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn logout(
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

#[utoipa::path(get, path = "/api/v1/me", operation_id = "read_me", tag = "Accounts",
    description = "Who the credential belongs to.",
    responses(
        (status = 200, body = schemas::Principal),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn me(Caller(caller): Caller) -> Json<Principal> {
    Json(caller)
}

#[derive(Debug, Deserialize, ToSchema)]
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

#[utoipa::path(post, path = "/api/v1/orgs", operation_id = "create_org", tag = "Accounts",
    description = "Creates an organisation (administrators).",
    request_body = OrgRequest,
    responses(
        (status = 201, body = schemas::OrgRow),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn create_org(
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

#[utoipa::path(get, path = "/api/v1/orgs/{id}", operation_id = "read_org", tag = "Accounts",
    description = "An organisation; reporters see only their own.",
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = schemas::OrgRow),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 404, description = "No such organisation in the caller's scope", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn org(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<OrgRow>, ApiError> {
    Ok(Json(state.desk()?.org(&caller, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/users", operation_id = "list_org_users", tag = "Accounts",
    description = "The users of an organisation (its reporter-admins, or administrators).",
    params(("id" = String, Path, description = "The organisation's id")),
    responses(
        (status = 200, body = Vec<schemas::UserView>),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "May not manage this organisation's users", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn users(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<UserView>>, ApiError> {
    Ok(Json(state.desk()?.users_of_org(&caller, &id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserRequest {
    pub org_id: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
    #[schema(value_type = schemas::Role)]
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

#[utoipa::path(post, path = "/api/v1/users", operation_id = "create_user", tag = "Accounts",
    description = "Creates an active user (administrators, or a reporter-admin in their own organisation).",
    request_body = UserRequest,
    responses(
        (status = 201, body = schemas::UserView),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "May not create this user", body = ErrorBody),
        (status = 409, description = "A user with this e-mail address exists", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "A field is invalid, e.g. a weak password", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn create_user(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    ApiJson(request): ApiJson<UserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = state.desk()?.create_user(&caller, request.into()).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Self-service sign-up; the account stays pending until approved.
#[utoipa::path(post, path = "/api/v1/register", operation_id = "register", tag = "Accounts",
    description = "Self-service sign-up; the account stays `pending` until an administrator approves it.",
    request_body = UserRequest,
    responses(
        (status = 202, description = "Registered, pending approval", body = schemas::UserView),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 409, description = "A user with this e-mail address exists", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "A field is invalid; sign-up is open to reporters of a \
            reporting organisation only", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ))]
pub async fn register(
    State(state): State<Arc<AppState>>,
    ApiJson(request): ApiJson<UserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let user = state.desk()?.register(request.into()).await?;
    Ok((StatusCode::ACCEPTED, Json(user)))
}

#[utoipa::path(post, path = "/api/v1/users/{id}/approve", operation_id = "approve_user", tag = "Accounts",
    description = "Activates a user.",
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 200, body = schemas::UserView),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "May not manage this user", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn approve(
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

#[utoipa::path(post, path = "/api/v1/users/{id}/disable", operation_id = "disable_user", tag = "Accounts",
    description = "Disables a user.",
    params(("id" = String, Path, description = "The user's id")),
    responses(
        (status = 200, body = schemas::UserView),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "May not manage this user", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn disable(
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyRequest {
    /// What the key is for, e.g. `core banking`.
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct NewApiKey {
    #[serde(flatten)]
    pub key: ApiKeyView,
    /// Shown once; store it now.
    pub secret: String,
}

#[utoipa::path(post, path = "/api/v1/api-keys", operation_id = "create_api_key", tag = "Accounts",
    description = "Creates an API key for the caller's organisation (reporter-admins). The secret is in this answer only.",
    request_body = ApiKeyRequest,
    responses(
        (status = 201, body = schemas::NewApiKey),
        (status = 400, description = "Malformed JSON or unknown field", body = ErrorBody),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not a reporter-admin", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Content-Type is not application/json", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn create_api_key(
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

#[utoipa::path(get, path = "/api/v1/api-keys", operation_id = "list_api_keys", tag = "Accounts",
    description = "The API keys of the caller's organisation, without secrets.",
    responses(
        (status = 200, body = Vec<schemas::ApiKeyView>),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not a reporter-admin", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn api_keys(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
) -> Result<Json<Vec<ApiKeyView>>, ApiError> {
    Ok(Json(state.desk()?.api_keys(&caller).await?))
}

#[utoipa::path(delete, path = "/api/v1/api-keys/{id}", operation_id = "revoke_api_key", tag = "Accounts",
    description = "Revokes an API key at once.",
    params(("id" = String, Path, description = "The API key's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No or unknown bearer credential", body = ErrorBody),
        (status = 403, description = "Not a reporter-admin", body = ErrorBody),
        (status = 404, description = "No such key in the caller's organisation", body = ErrorBody),
        (status = 503, description = "This server takes no reports", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn revoke_api_key(
    State(state): State<Arc<AppState>>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.desk()?.revoke_api_key(&caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
