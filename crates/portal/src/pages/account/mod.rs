//! Signing in and out, and a reporter-admin's organisation page: approving
//! and disabling the organisation's users, creating and revoking its API
//! keys.

mod login;
mod organisation;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::state::{PortalLimits, PortalState};

pub fn routes(limits: PortalLimits) -> Router<Arc<PortalState>> {
    Router::new()
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/organisation", get(organisation::show))
        .route("/organisation/users", post(organisation::add_user))
        .route(
            "/organisation/users/{id}/status",
            post(organisation::set_status),
        )
        .route("/organisation/keys", post(organisation::create_key))
        .route(
            "/organisation/keys/{id}/revoke",
            post(organisation::revoke_key),
        )
        .layer(DefaultBodyLimit::max(limits.form_bytes))
}
