//! Who is signed in. The session token lives in a `__Host-` cookie
//! (`Secure; HttpOnly; SameSite=Strict`) and is checked against the
//! reporting point on every page request; the store keeps only its hash.
//! A valid session puts the caller's [`Principal`] in the request as a
//! [`Viewer`] and binds CSRF tokens to the session, so a form rendered
//! before sign-in (or for another session) does not submit after it.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use meldpunt_desk::{DeskError, Principal};

use crate::cookies;
use crate::csrf::CsrfBinding;
use crate::i18n::Lang;
use crate::pages::errors;
use crate::state::PortalState;

pub const SESSION_COOKIE: &str = "__Host-meldpunt-session";

/// The signed-in caller of a request, with their organisation's name for
/// the page header.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub principal: Principal,
    pub org_name: String,
}

/// The `Set-Cookie` value that starts a session.
pub fn start_cookie(token: &str) -> String {
    let age = u64::try_from(meldpunt_desk::SESSION_HOURS).unwrap_or(12) * 3600;
    cookies::set_cookie(SESSION_COOKIE, token, age, true)
}

/// The `Set-Cookie` value that ends a session in the browser.
pub fn end_cookie() -> String {
    cookies::set_cookie(SESSION_COOKIE, "", 0, true)
}

/// The session token a request carries, if any.
pub fn token(request_headers: &axum::http::HeaderMap) -> Option<&str> {
    cookies::get(request_headers, SESSION_COOKIE).filter(|t| !t.is_empty())
}

/// Resolves the session cookie; runs before the CSRF layer.
pub async fn layer(
    State(state): State<Arc<PortalState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(Lang::En);
    // Assets are public and cached; they need no database round trip.
    let is_asset = request.uri().path().starts_with("/assets/");
    let mut stale = false;
    if let (Some(desk), Some(token), false) = (&state.desk, token(request.headers()), is_asset) {
        match desk.session_with_org(token).await {
            Ok((principal, csrf_secret, org_name)) => {
                request.extensions_mut().insert(Viewer {
                    principal,
                    org_name,
                });
                request.extensions_mut().insert(CsrfBinding(csrf_secret));
            }
            Err(DeskError::Unauthenticated(_)) => stale = true,
            Err(e) => {
                tracing::error!(error = %e, "reading a session");
                return errors::internal(lang);
            }
        }
    }
    let mut response = next.run(request).await;
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(SESSION_COOKIE.as_bytes()));
    if stale && !sets_session {
        if let Ok(value) = HeaderValue::from_str(&end_cookie()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_host_only_secure_and_hidden_from_scripts() {
        let cookie = start_cookie("abc");
        assert!(cookie.starts_with("__Host-meldpunt-session=abc;"));
        for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
        assert!(cookie.contains("Max-Age=43200"));
        assert!(end_cookie().contains("Max-Age=0"));
    }
}
