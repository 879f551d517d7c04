//! The analysts' area: `/triage` (the queue of open cases, filtered, with
//! assign-to-me) and `/cases/{id}` (a case: the report's facts, screening
//! hits with confirm/dismiss forms, linked reports, deadlines, the event log
//! and notes). Authority viewers get the case view of reports routed to
//! them, read-only. The desk decides who may see and do what.

mod triage;
mod view;

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::DefaultBodyLimit;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use meldpunt_desk::{Desk, Principal};

use crate::pages::{answer, read_form, when, Page};
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

/// The signed-in caller and the reporting point's desk, or the page that
/// says why not (sign in, or no reporting point configured).
fn ready<'a>(
    state: &'a PortalState,
    page: &'a Page,
) -> Result<(&'a Principal, &'a Desk), Response> {
    Ok((page.signed_in()?, state.desk(page)?))
}

/// What every case form's handler starts from: [`ready`], and the form as
/// sent (a malformed one is the bad-request page).
fn posted<'a, T>(
    state: &'a PortalState,
    page: &'a Page,
    form: Result<Form<T>, FormRejection>,
) -> Result<(&'a Principal, &'a Desk, T), Response> {
    let (by, desk) = ready(state, page)?;
    Ok((by, desk, read_form(page, form)?))
}

/// The first eight characters of a report id: enough to tell reports apart
/// in a list, which links to the whole id.
fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
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
