//! CSRF protection for every unsafe request to the portal: a double-submit
//! token. A random secret lives in a `__Host-` cookie (`Secure; HttpOnly;
//! SameSite=Strict`); forms carry a token derived from that secret and a
//! binding (empty now; the session id once logins exist, so a token stops
//! working when the session changes). A request whose token is missing or
//! does not match its own cookie gets a 403 page.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::cookies;
use crate::i18n::Lang;
use crate::pages::errors;
use crate::state::PortalState;

pub const CSRF_COOKIE: &str = "__Host-meldpunt-csrf";
/// The hidden form field carrying the token.
pub const FIELD: &str = "csrf";
/// Scripts may send the token in this header instead.
pub const HEADER: &str = "x-csrf-token";
const SECRET_BYTES: usize = 32;
/// Twelve hours: a form left open over lunch still submits.
const COOKIE_AGE: u64 = 12 * 3600;

/// What a token is bound to besides the cookie secret. A session layer
/// running before [`layer`] inserts the session id here once logins
/// exist; without it tokens are bound to the cookie alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfBinding(pub String);

/// The token a page puts in its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(String);

impl CsrfToken {
    /// The token for a cookie secret and a binding (a session id later).
    pub fn derive(secret: &str, binding: &str) -> CsrfToken {
        let mut hash = Sha256::new();
        hash.update(b"meldpunt-csrf-v1\0");
        hash.update(secret.as_bytes());
        hash.update(b"\0");
        hash.update(binding.as_bytes());
        CsrfToken(hex::encode(hash.finalize()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Constant-time, so timing does not reveal how much of a guess matched.
    pub fn matches(&self, submitted: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), submitted.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// A new random cookie secret, hex-encoded.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::getrandom(&mut bytes)?;
    Ok(hex::encode(bytes))
}

fn valid_secret(value: &str) -> bool {
    value.len() == SECRET_BYTES * 2 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks unsafe requests and gives every request its [`CsrfToken`].
pub async fn layer(
    State(state): State<Arc<PortalState>>,
    request: Request,
    next: Next,
) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(Lang::En);
    let existing = cookies::get(request.headers(), CSRF_COOKIE)
        .filter(|v| valid_secret(v))
        .map(str::to_string);
    let (secret, fresh) = match existing {
        Some(secret) => (secret, false),
        None => match new_secret() {
            Ok(secret) => (secret, true),
            Err(e) => {
                tracing::error!(error = %e, "no randomness for a CSRF secret");
                return errors::internal(lang);
            }
        },
    };
    let binding = request
        .extensions()
        .get::<CsrfBinding>()
        .map(|b| b.0.clone())
        .unwrap_or_default();
    let token = CsrfToken::derive(&secret, &binding);
    let mut request = request;
    if !is_safe(request.method()) {
        if fresh || cross_site(&request) {
            return errors::forbidden(lang);
        }
        request = match verified(request, &token, &state).await {
            Ok(request) => request,
            Err(response) => return response,
        };
    }
    request.extensions_mut().insert(token);
    let mut response = next.run(request).await;
    if fresh {
        let cookie = cookies::set_cookie(CSRF_COOKIE, &secret, COOKIE_AGE, true);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Browsers say where a request came from; a cross-site form post is
/// refused even before the token is read.
fn cross_site(request: &Request) -> bool {
    request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
}

/// Reads the submitted token (header, URL-encoded form or multipart form)
/// and hands the request on with its body intact when it matches.
async fn verified(
    request: Request,
    token: &CsrfToken,
    state: &PortalState,
) -> Result<Request, Response> {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(Lang::En);
    let from_header = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(submitted) = from_header {
        return if token.matches(&submitted) {
            Ok(request)
        } else {
            Err(errors::forbidden(lang))
        };
    }
    let kind = FormKind::of(&request);
    let limit = match kind {
        FormKind::Multipart => state.limits.upload_bytes,
        FormKind::UrlEncoded => state.limits.form_bytes,
        FormKind::Other => return Err(errors::forbidden(lang)),
    };
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| errors::too_large(lang))?;
    let submitted = match kind {
        FormKind::UrlEncoded => urlencoded_field(&bytes),
        _ => multipart_field(&parts, bytes.clone()).await,
    };
    match submitted {
        Some(submitted) if token.matches(&submitted) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(errors::forbidden(lang)),
    }
}

enum FormKind {
    UrlEncoded,
    Multipart,
    Other,
}

impl FormKind {
    fn of(request: &Request) -> FormKind {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if content_type.starts_with("application/x-www-form-urlencoded") {
            FormKind::UrlEncoded
        } else if content_type.starts_with("multipart/form-data") {
            FormKind::Multipart
        } else {
            FormKind::Other
        }
    }
}

fn urlencoded_field(bytes: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

async fn multipart_field(
    parts: &axum::http::request::Parts,
    bytes: axum::body::Bytes,
) -> Option<String> {
    let mut copy = Request::builder()
        .method(parts.method.clone())
        .uri(parts.uri.clone())
        .body(Body::from(bytes))
        .ok()?;
    *copy.headers_mut() = parts.headers.clone();
    let mut multipart = Multipart::from_request(copy, &()).await.ok()?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_depends_on_secret_and_binding() {
        let a = CsrfToken::derive("s1", "");
        assert_eq!(a, CsrfToken::derive("s1", ""));
        assert_ne!(a, CsrfToken::derive("s2", ""));
        assert_ne!(a, CsrfToken::derive("s1", "session-1"));
    }

    #[test]
    fn matching_is_exact() {
        let t = CsrfToken::derive("s", "");
        assert!(t.matches(t.as_str()));
        assert!(!t.matches(""));
        assert!(!t.matches(&t.as_str()[1..]));
        let mut wrong = t.as_str().to_string();
        wrong.replace_range(0..1, if wrong.starts_with('0') { "1" } else { "0" });
        assert!(!t.matches(&wrong));
    }

    #[test]
    fn secrets_are_random_and_well_formed() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert_ne!(a, b);
        assert!(valid_secret(&a));
        assert!(!valid_secret("short"));
    }
}
