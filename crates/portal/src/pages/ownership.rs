//! The portal's ownership pages (being built; see issue #5/#7).

use std::sync::Arc;

use axum::Router;

use crate::state::{PortalLimits, PortalState};

pub fn routes(_limits: PortalLimits) -> Router<Arc<PortalState>> {
    Router::new()
}
