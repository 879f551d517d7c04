//! The OpenAPI 3 description of the API, served at `/openapi.json`.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::api::{health, match_yente, screen};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Meldpunt",
        description = "Sanctions screening. `/match/{dataset}` speaks OpenSanctions \
            yente's matching API; `/api/v1` is Meldpunt's own API with full explanations.",
    ),
    paths(
        match_yente::match_entities,
        screen::screen,
        health::datasets,
        health::healthz,
    ),
    tags(
        (name = "Matching", description = "yente-compatible matching"),
        (name = "Screening", description = "Meldpunt's screening API"),
        (name = "System"),
    )
)]
pub struct ApiDoc;

pub fn spec() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/openapi.json", get(|| async { Json(spec()) }))
}
