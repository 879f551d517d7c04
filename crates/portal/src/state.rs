//! What the portal's handlers read: the screener and the list versions it
//! was built from, shared with the API (`meldpunt_web::AppState`), and the
//! reporting point ([`Desk`]) when one is configured.

use std::sync::Arc;

use axum::response::Response;
use meldpunt_desk::Desk;
use meldpunt_ownership::Explorer;
use meldpunt_screening::Screener;
use meldpunt_web::{AppState, DatasetInfo};

use crate::pages::{errors, Page};

/// Limits on what a browser may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortalLimits {
    /// A URL-encoded form (the screening form, later login and reports).
    pub form_bytes: usize,
    /// A customer file upload, multipart envelope included.
    pub upload_bytes: usize,
    /// Records screened from one uploaded file.
    pub upload_rows: usize,
    /// Hits shown for one screened name.
    pub hits_per_query: usize,
}

impl Default for PortalLimits {
    fn default() -> Self {
        PortalLimits {
            form_bytes: 64 * 1024,
            upload_bytes: 5 * 1024 * 1024,
            upload_rows: 5_000,
            hits_per_query: 10,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PortalState {
    pub screener: Arc<Screener>,
    pub datasets: Vec<DatasetInfo>,
    pub limits: PortalLimits,
    /// The reporting point; `None` serves screening pages only.
    pub desk: Option<Desk>,
    /// The ownership-and-control graph of the loaded lists, for `/ownership`.
    pub ownership: Option<Arc<Explorer>>,
}

impl PortalState {
    pub fn new(screener: Arc<Screener>, datasets: Vec<DatasetInfo>) -> PortalState {
        PortalState {
            screener,
            datasets,
            limits: PortalLimits::default(),
            desk: None,
            ownership: None,
        }
    }

    /// Shares the API's screener: build this before handing `state` to
    /// `meldpunt_web::router`.
    pub fn from_app(state: &AppState) -> PortalState {
        let mut portal = PortalState::new(state.screener.clone(), state.datasets.clone());
        portal.desk = state.desk.clone();
        portal
    }

    pub fn with_desk(mut self, desk: Desk) -> PortalState {
        self.desk = Some(desk);
        self
    }

    /// The reporting point, or the page saying it is not configured.
    pub fn desk(&self, page: &Page) -> Result<&Desk, Response> {
        self.desk
            .as_ref()
            .ok_or_else(|| errors::unavailable(page.lang))
    }

    pub fn with_ownership(mut self, ownership: Arc<Explorer>) -> PortalState {
        self.ownership = Some(ownership);
        self
    }

    pub fn with_limits(mut self, limits: PortalLimits) -> PortalState {
        self.limits = limits;
        self
    }
}
