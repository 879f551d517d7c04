//! [`Store`]: the handle callers use, on whichever backend the URL picks.

use meldpunt_model::Entity;
use std::collections::HashMap;

use crate::url::{backend_of, Backend};
use crate::version::summarize;
use crate::{
    diff_versions, redact_url, EntityRepository, FetchState, Import, ListDiff, NewVersion, PgStore,
    SourceSummary, SqliteStore, StoreError, StoreStats, VersionInfo,
};

/// The entity store, on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

/// Calls the same method on whichever backend this is.
macro_rules! on_backend {
    ($store:expr, $backend:ident => $call:expr) => {
        match $store {
            Store::Sqlite($backend) => $call.await,
            Store::Postgres($backend) => $call.await,
        }
    };
}

impl Store {
    /// Opens and migrates the store at `url`: `postgres://…` or
    /// `postgresql://…` for PostgreSQL; `sqlite://path`, `sqlite::memory:`
    /// or a bare file path for SQLite (the file is created if missing).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        match backend_of(url) {
            Some(Backend::Postgres) => Ok(Store::Postgres(PgStore::connect(url).await?)),
            Some(Backend::Sqlite) => Ok(Store::Sqlite(SqliteStore::connect(url).await?)),
            None => Err(StoreError::UnsupportedUrl(redact_url(url))),
        }
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// The URL the store was opened with, password-free.
    pub fn url(&self) -> &str {
        match self {
            Store::Sqlite(store) => store.url(),
            Store::Postgres(store) => store.url(),
        }
    }

    /// Closes all connections; open imports are rolled back.
    pub async fn close(&self) {
        on_backend!(self, store => store.close())
    }

    /// See [`EntityRepository::begin_import`].
    pub async fn begin_import(&self, new: NewVersion) -> Result<Import, StoreError> {
        on_backend!(self, store => store.begin_import(new))
    }

    /// Committed versions, newest first, of one source or of all.
    pub async fn versions(&self, source: Option<&str>) -> Result<Vec<VersionInfo>, StoreError> {
        on_backend!(self, store => store.versions(source))
    }

    /// The version with this id, or [`StoreError::NoVersion`].
    pub async fn version(&self, id: i64) -> Result<VersionInfo, StoreError> {
        let found = on_backend!(self, store => store.find_version(id))?;
        found.ok_or(StoreError::NoVersion(id))
    }

    /// The newest version of a source, if it has any.
    pub async fn latest_version(&self, source: &str) -> Result<Option<VersionInfo>, StoreError> {
        Ok(self.versions(Some(source)).await?.into_iter().next())
    }

    /// Every source with versions, by name.
    pub async fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        Ok(summarize(self.versions(None).await?))
    }

    /// See [`EntityRepository::entities`].
    pub async fn entities(
        &self,
        version_id: i64,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Entity>, StoreError> {
        on_backend!(self, store => store.entities(version_id, after, limit))
    }

    pub async fn entity(
        &self,
        version_id: i64,
        entity_id: &str,
    ) -> Result<Option<Entity>, StoreError> {
        on_backend!(self, store => store.entity(version_id, entity_id))
    }

    /// Entity id → content hash for every entity of a version.
    pub async fn entity_hashes(
        &self,
        version_id: i64,
    ) -> Result<HashMap<String, String>, StoreError> {
        on_backend!(self, store => store.entity_hashes(version_id))
    }

    /// What changed from version `from` to version `to` of one source.
    pub async fn diff_versions(&self, from: i64, to: i64) -> Result<ListDiff, StoreError> {
        let from = self.version(from).await?;
        let to = self.version(to).await?;
        diff_versions(self, from, to).await
    }

    pub async fn stats(&self) -> Result<StoreStats, StoreError> {
        on_backend!(self, store => store.stats())
    }

    pub async fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
        on_backend!(self, store => store.fetch_state(url))
    }

    /// Records a download of `url` now, replacing what was known of it.
    pub async fn set_fetch_state(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        sha256: &str,
    ) -> Result<FetchState, StoreError> {
        on_backend!(self, store => store.set_fetch_state(url, etag, last_modified, sha256))
    }
}

/// So code generic over [`EntityRepository`] (e.g. [`diff_versions`])
/// accepts a [`Store`].
impl EntityRepository for Store {
    async fn begin_import(&self, new: NewVersion) -> Result<Import, StoreError> {
        Store::begin_import(self, new).await
    }

    async fn versions(&self, source: Option<&str>) -> Result<Vec<VersionInfo>, StoreError> {
        Store::versions(self, source).await
    }

    async fn find_version(&self, id: i64) -> Result<Option<VersionInfo>, StoreError> {
        on_backend!(self, store => store.find_version(id))
    }

    async fn entities(
        &self,
        version_id: i64,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<Entity>, StoreError> {
        Store::entities(self, version_id, after, limit).await
    }

    async fn entity(&self, version_id: i64, entity_id: &str) -> Result<Option<Entity>, StoreError> {
        Store::entity(self, version_id, entity_id).await
    }

    async fn entity_hashes(&self, version_id: i64) -> Result<HashMap<String, String>, StoreError> {
        Store::entity_hashes(self, version_id).await
    }

    async fn entities_by_hash(
        &self,
        hashes: &[String],
    ) -> Result<HashMap<String, Entity>, StoreError> {
        on_backend!(self, store => store.entities_by_hash(hashes))
    }

    async fn labels_by_hash(
        &self,
        hashes: &[String],
    ) -> Result<HashMap<String, (String, String)>, StoreError> {
        on_backend!(self, store => store.labels_by_hash(hashes))
    }

    async fn stats(&self) -> Result<StoreStats, StoreError> {
        Store::stats(self).await
    }

    async fn fetch_state(&self, url: &str) -> Result<Option<FetchState>, StoreError> {
        Store::fetch_state(self, url).await
    }

    async fn set_fetch_state(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        sha256: &str,
    ) -> Result<FetchState, StoreError> {
        Store::set_fetch_state(self, url, etag, last_modified, sha256).await
    }
}
