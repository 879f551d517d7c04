//! The analysts' area: `/triage` (the queue of open cases, filtered, with
//! assign-to-me) and `/cases/{id}` (a case: the report's facts, screening
//! hits with confirm/dismiss forms, linked reports, deadlines, the event log
//! and notes). Authority viewers get the case view of reports routed to
//! them, read-only. The desk decides who may see and do what.

mod triage;
mod view;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::pages::Page;
use crate::state::{PortalLimits, PortalState};

pub fn routes(limits: PortalLimits) -> Router<Arc<PortalState>> {
    Router::new()
        .route("/triage", get(triage::show))
        .route("/cases/{id}", get(view::show))
        .route("/cases/{id}/assign", post(view::assign))
        .route("/cases/{id}/decisions", post(view::decide))
        .route("/cases/{id}/notes", post(view::note))
        .layer(DefaultBodyLimit::max(limits.form_bytes))
}

/// A report type's name in the page's language (the reports area's
/// catalogue), or its code.
fn type_name(page: &Page, code: &str) -> String {
    page.lang
        .lookup(&format!("reports.type.{code}"))
        .map_or_else(|| code.to_string(), str::to_string)
}

fn status_name(page: &Page, code: &str) -> String {
    page.lang
        .lookup(&format!("reports.status.{code}"))
        .map_or_else(|| code.to_string(), str::to_string)
}

/// A score in [0, 1] as a percentage.
fn score(value: f64) -> String {
    format!("{:.0} %", value * 100.0)
}

/// A stored timestamp shown as `YYYY-MM-DD HH:MM UTC`.
fn when(stamp: &str) -> String {
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => stamp.to_string(),
    }
}
