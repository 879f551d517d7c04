//! The HTTP API of `meldpunt serve`: OpenSanctions yente's matching API
//! (`POST /match/{dataset}`), Meldpunt's own screening API (`/api/v1`),
//! health and the OpenAPI description. Handlers are grouped by domain
//! under [`api`]; report intake and the portal will join them.

pub mod api;
mod error;
mod extract;
pub mod input;
mod layers;
pub mod matching;
pub mod openapi;
mod state;
pub mod views;

pub use error::{ApiError, ErrorBody, ErrorDetail};
pub use state::{AppState, Catalog, DatasetInfo, Limits};

use std::future::Future;
use std::io;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

/// The application with every route and layer.
pub fn router(state: AppState) -> Router {
    let limits = state.limits;
    let app = api::routes()
        .merge(openapi::routes())
        .with_state(Arc::new(state));
    layers::apply(app, limits)
}

/// Serves until ctrl-c or SIGTERM, then finishes requests in flight.
pub async fn serve(listener: TcpListener, state: AppState) -> io::Result<()> {
    serve_until(listener, state, shutdown_signal()).await
}

/// Serves until `shutdown` completes (tests, or an embedding binary with
/// its own signal handling).
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving");
    }
    // Connection info lets sign-ins be rate-limited per client address.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves any app built on [`router`] (e.g. the portal in front of the
/// API) until ctrl-c or SIGTERM, with connection info for rate limits.
pub async fn serve_app(listener: TcpListener, app: Router) -> io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "serving");
    }
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
