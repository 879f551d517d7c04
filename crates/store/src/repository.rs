//! The one interface both backends implement.

use meldpunt_model::Entity;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::future::Future;

use crate::{FetchState, Import, NewVersion, StoreError, VersionInfo};

/// Row counts of the whole store, e.g. to show what content addressing saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreStats {
    pub versions: u64,
    /// Distinct entity contents.
    pub blobs: u64,
    /// (version, entity) pairs.
    pub memberships: u64,
}

/// Versioned, content-addressed entity storage. [`crate::SqliteStore`] and
/// [`crate::PgStore`] implement it; [`crate::Store`] picks one from a URL
/// and adds what is built on top (latest version, sources, diffs).
///
/// The futures are `Send` so the store can serve a multi-threaded server.
pub trait EntityRepository: Send + Sync {
    /// Opens a transaction and registers the version in it; nothing is
    /// visible to readers until [`Import::commit`].
    fn begin_import(
        &self,
        new: NewVersion,
    ) -> impl Future<Output = Result<Import, StoreError>> + Send;

    /// Committed versions, newest first, of one source or of all.
    fn versions(
        &self,
        source: Option<&str>,
    ) -> impl Future<Output = Result<Vec<VersionInfo>, StoreError>> + Send;

    fn find_version(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<VersionInfo>, StoreError>> + Send;

    /// Up to `limit` entities of a version with ids after `after`, by id
    /// (bytewise order on both backends).
    fn entities(
        &self,
        version_id: i64,
        after: Option<&str>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Entity>, StoreError>> + Send;

    fn entity(
        &self,
        version_id: i64,
        entity_id: &str,
    ) -> impl Future<Output = Result<Option<Entity>, StoreError>> + Send;

    /// Entity id → content hash for every entity of a version.
    fn entity_hashes(
        &self,
        version_id: i64,
    ) -> impl Future<Output = Result<HashMap<String, String>, StoreError>> + Send;

    /// The entities stored under these content hashes; unknown ones are
    /// absent from the map.
    fn entities_by_hash(
        &self,
        hashes: &[String],
    ) -> impl Future<Output = Result<HashMap<String, Entity>, StoreError>> + Send;

    /// (schema, caption) stored under these content hashes, without
    /// decoding the entities.
    fn labels_by_hash(
        &self,
        hashes: &[String],
    ) -> impl Future<Output = Result<HashMap<String, (String, String)>, StoreError>> + Send;

    fn stats(&self) -> impl Future<Output = Result<StoreStats, StoreError>> + Send;

    fn fetch_state(
        &self,
        url: &str,
    ) -> impl Future<Output = Result<Option<FetchState>, StoreError>> + Send;

    /// Records a download of `url` now, replacing what was known of it.
    fn set_fetch_state(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        sha256: &str,
    ) -> impl Future<Output = Result<FetchState, StoreError>> + Send;
}
