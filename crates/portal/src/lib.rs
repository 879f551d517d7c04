//! The Meldpunt portal: server-rendered HTML pages in English and Dutch
//! over the screening engine and the reporting point: screening a name or
//! a customer file with explained hits, signing in, and one module per
//! area (`pages::{account, reports, cases, statistics, ownership}`).
//!
//! Every page carries a strict CSP (no inline script or style), every POST
//! is CSRF-checked, forms have size limits, and CSS and script are served
//! from the binary. [`routes`] gives the pages to merge with the API
//! router; [`app`] puts the portal in front of the API so browsers get an
//! HTML 404 page and API clients keep their JSON errors.

// Guards return the page to send instead (`Result<_, Response>`): it is
// built once on the error path and sent as is, so boxing it buys nothing.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod cookies;
pub mod csrf;
pub mod i18n;
pub mod pages;
pub mod query;
pub mod security;
pub mod session;
mod state;

pub use state::{PortalLimits, PortalState};

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;

use crate::pages::{errors, home, screen, upload};

/// The portal's pages and assets with their layers, and no fallback, so
/// the router merges with the API router (`api.merge(routes(state))`).
pub fn routes(state: PortalState) -> Router {
    let limits = state.limits;
    let state = Arc::new(state);
    Router::new()
        .route("/", get(home::show))
        .route(
            "/screen",
            get(screen::show)
                .post(screen::submit)
                .layer(DefaultBodyLimit::max(limits.form_bytes)),
        )
        .route(
            "/screen/upload",
            get(upload::show)
                .post(upload::submit)
                .layer(DefaultBodyLimit::max(limits.upload_bytes)),
        )
        .route("/assets/{file}", get(assets::serve))
        .merge(pages::account::routes(limits))
        .merge(pages::reports::routes(limits))
        .merge(pages::cases::routes(limits))
        .merge(pages::statistics::routes(limits))
        .merge(pages::ownership::routes(limits))
        .layer(from_fn_with_state(state.clone(), csrf::layer))
        .layer(from_fn_with_state(state.clone(), session::layer))
        .layer(from_fn(i18n::layer))
        .layer(from_fn(security::layer))
        .with_state(state)
}

/// The portal in front of `api`: requests no page answers go to `api`;
/// when that answers 404 to a browser asking for HTML, the browser gets
/// the portal's 404 page instead of a JSON error.
pub fn app(state: PortalState, api: Router) -> Router {
    routes(state).fallback(move |request: Request| forward(api.clone(), request))
}

async fn forward(api: Router, request: Request) -> Response {
    let wants_html = matches!(*request.method(), Method::GET | Method::HEAD)
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let query_lang = request
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v));
    let lang = i18n::negotiate(query_lang.as_deref(), request.headers());
    let response = match api.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if wants_html && response.status() == StatusCode::NOT_FOUND {
        let mut page = errors::not_found(lang);
        security::apply(&mut page);
        return page;
    }
    response.into_response()
}
