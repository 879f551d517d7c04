//! HTTP routes, one module per domain.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod drafts;
pub mod health;
pub mod match_yente;
pub mod messages;
pub mod reports;
pub mod screen;
pub mod statistics;

use std::sync::Arc;

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .merge(health::routes())
        .merge(match_yente::routes())
        .merge(screen::routes())
        .merge(reports::routes())
        .merge(drafts::routes())
        .merge(messages::routes())
        .merge(accounts::routes())
        .merge(audit::routes())
        .merge(statistics::routes())
        .merge(cases::routes())
}
