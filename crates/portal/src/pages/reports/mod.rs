//! The reporter's side of the portal: filing every report type through a
//! form generated from one description of the report model, drafts,
//! uploading XML reports and CSV returns, the reports list, one report with
//! its acknowledgement and message thread. Every read and write goes
//! through the desk, which checks the caller and audits.

mod drafts;
mod form_data;
mod list;
pub mod model;
mod new;
mod readonly;
mod render;
mod upload;
mod view;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::state::{PortalLimits, PortalState};

pub use form_data::FormData;
pub use view::duty_name;

pub fn routes(limits: PortalLimits) -> Router<Arc<PortalState>> {
    let forms = Router::new()
        .route("/reports", get(list::list))
        .route("/reports/new", get(new::show).post(new::post))
        .route("/reports/{id}", get(list::show))
        .route("/reports/{id}/messages", post(list::reply))
        .route("/drafts", get(drafts::list))
        .route("/drafts/{id}", get(drafts::resume))
        .route("/drafts/{id}/delete", post(drafts::delete))
        .layer(DefaultBodyLimit::max(limits.form_bytes));
    let uploads = Router::new()
        .route("/reports/upload", get(upload::show).post(upload::submit))
        .layer(DefaultBodyLimit::max(limits.upload_bytes));
    forms.merge(uploads)
}

/// A random token for a form (its idempotency key when filed).
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => hex::encode(bytes),
        // Without randomness the form still works; a double click may then
        // file twice, which the reporting point sees as two reports.
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests;
