//! Who is calling: `Authorization: Bearer <API key>` for an organisation's
//! systems, or `Bearer <session token>` from `POST /api/v1/session` for a
//! person. Bearer tokens are never sent by a browser on its own, so the API
//! needs no CSRF token (the portal's cookie sessions do).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use meldpunt_desk::secret::API_KEY_MARK;
use meldpunt_desk::Principal;

use crate::error::ApiError;
use crate::state::AppState;

/// An authenticated caller.
pub struct Caller(pub Principal);

/// Longest credential read; anything longer is not one of ours.
const MAX_TOKEN: usize = 256;

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let missing = || {
        ApiError::Unauthorized("send Authorization: Bearer <API key or session token>".to_string())
    };
    let value = parts.headers.get(AUTHORIZATION).ok_or_else(missing)?;
    let text = value.to_str().map_err(|_| missing())?;
    let (scheme, token) = text.split_once(' ').ok_or_else(missing)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.len() > MAX_TOKEN {
        return Err(missing());
    }
    Ok(token)
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, ApiError> {
        let desk = state.desk()?;
        let token = bearer(parts)?;
        let principal = if token.starts_with(API_KEY_MARK) {
            desk.api_key(token).await?
        } else {
            desk.session(token).await?.0
        };
        Ok(Caller(principal))
    }
}

/// The client's address, when the server was started with connection info
/// (it is, outside tests); used to rate-limit sign-ins.
pub fn client_address(parts_extensions: &axum::http::Extensions) -> Option<String> {
    parts_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}
