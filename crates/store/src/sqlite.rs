//! The embedded backend: one SQLite file in WAL mode, so screening and
//! exports read while an import writes.

use meldpunt_model::Entity;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::types::Json;
use sqlx::{Executor, QueryBuilder, Row, Sqlite};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::time::Duration;

use crate::blob::Blob;
use crate::fetch::FetchRow;
use crate::import::Transaction;
use crate::repository::{EntityRepository, StoreStats};
use crate::version::{timestamp, VersionRow};
use crate::{redact_url, sql, FetchState, Import, NewVersion, StoreError, VersionInfo};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// A writer waits this long for another writer's import to finish before
/// giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// SQLite has one writer at a time; a few connections let readers run
/// beside an open import.
const MAX_CONNECTIONS: u32 = 4;

/// A store in one SQLite file (or in memory).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    url: String,
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url`:
    /// `sqlite://path`, `sqlite::memory:` or a bare file path.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let shown = redact_url(url);
        let connect_error = |source| StoreError::Connect {
            url: shown.clone(),
            source,
        };
        let options = connect_options(url).map_err(connect_error)?;
        let pool = pool_options(url)
            .connect_with(options)
            .await
            .map_err(connect_error)?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate {
                url: shown.clone(),
                source,
            })?;
        Ok(SqliteStore { pool, url: shown })
    }

    /// The URL it was opened with, password-free.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn connect_options(url: &str) -> Result<SqliteConnectOptions, sqlx::Error> {
    let options = if url.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(url)?
    } else {
        SqliteConnectOptions::new().filename(url)
    };
    Ok(options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL is durable across application crashes in WAL mode and
        // much faster for imports than FULL.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT))
}

fn pool_options(url: &str) -> SqlitePoolOptions {
    let options = SqlitePoolOptions::new().max_connections(MAX_CONNECTIONS);
    if url.contains(":memory:") || url.contains("mode=memory") {
        // An in-memory database lives as long as one connection to it.
        options
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        options
    }
}

crate::backend::backend_repository!(SqliteStore, Sqlite, SqliteConnection);

impl SqliteStore {
    /// The connection pool, for the fleet tables (`crate::fleet`).
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
