//! Runs a case against a fresh store: a SQLite file in a temporary folder,
//! or a new PostgreSQL database dropped afterwards.

use meldpunt_store::{redact_url, Store};
use sqlx::postgres::PgPoolOptions;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub async fn on_sqlite<F, Fut>(case: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("store.db");
    let store = Store::connect(path.to_str().expect("UTF-8 temp path"))
        .await
        .expect("open SQLite store");
    let outcome = tokio::spawn(case(store.clone())).await;
    store.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

pub async fn on_postgres<F, Fut>(case: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let admin_url = meldpunt_testkit::postgres_admin_url();
    let admin = match PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&admin_url)
        .await
    {
        Ok(admin) => admin,
        Err(error) if meldpunt_testkit::in_ci() => {
            panic!(
                "PostgreSQL at {} is unreachable: {error}",
                redact_url(&admin_url)
            )
        }
        Err(error) => {
            eprintln!(
                "skipping: PostgreSQL at {} is unreachable: {error}",
                redact_url(&admin_url)
            );
            return;
        }
    };
    let name = database_name();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("create test database");
    let store = Store::connect(&database_url(&admin_url, &name)).await;
    let outcome = match store {
        Ok(store) => {
            let outcome = tokio::spawn(case(store.clone())).await;
            store.close().await;
            outcome.map_err(|failure| failure.into_panic())
        }
        Err(error) => Err(Box::new(format!("open PostgreSQL store: {error}")) as _),
    };
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .expect("drop test database");
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure);
    }
}

fn database_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "meldpunt_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The admin URL with its database replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin_url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}
