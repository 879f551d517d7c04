//! The server backend: PostgreSQL, for deployments where several hosts
//! screen against one store.

use meldpunt_model::Entity;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::types::Json;
use sqlx::{Executor, Postgres, QueryBuilder, Row};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::time::Duration;

use crate::blob::Blob;
use crate::fetch::FetchRow;
use crate::import::Transaction;
use crate::repository::{EntityRepository, StoreStats};
use crate::version::{timestamp, VersionRow};
use crate::{redact_url, sql, FetchState, Import, NewVersion, StoreError, VersionInfo};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Fail fast on an unreachable server instead of hanging a CLI command.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

const MAX_CONNECTIONS: u32 = 8;

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    url: String,
}

impl PgStore {
    /// Connects to `postgres://…` (or `postgresql://…`) and migrates.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let shown = redact_url(url);
        let connect_error = |source| StoreError::Connect {
            url: shown.clone(),
            source,
        };
        let options = PgConnectOptions::from_str(url).map_err(connect_error)?;
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(CONNECT_TIMEOUT)
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
        Ok(PgStore { pool, url: shown })
    }

    /// The URL it was opened with, password-free.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

crate::backend::backend_repository!(PgStore, Postgres, PgConnection);

impl PgStore {
    /// The connection pool, for the fleet tables (`crate::fleet`).
    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }
}
