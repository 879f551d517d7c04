//! An import: one version written inside one database transaction, so a
//! failed or abandoned import leaves nothing behind.

use meldpunt_model::Entity;
use sqlx::{Postgres, Sqlite};
use std::collections::HashSet;
use std::fmt;

use crate::blob::Blob;
use crate::version::cap_warnings;
use crate::{postgres, sql, sqlite, StoreError, VersionInfo};

/// The open transaction of an import, on whichever backend.
pub(crate) enum Transaction {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// A version being written. Entities are buffered and written in
/// multi-row statements; nothing is visible to readers until
/// [`Import::commit`]. Dropping an import without committing rolls it back.
///
/// A full import is a series of [`Import::add`]. A delta import starts with
/// [`Import::copy_from`] the version the delta applies to, then adds
/// (inserts or replaces) and removes entities.
pub struct Import {
    tx: Transaction,
    version_id: i64,
    source: String,
    pending: Vec<Blob>,
    removals: Vec<String>,
    /// Ids added so far, to reject duplicates before the database would
    /// (on a delta the upsert would silently keep the last one).
    added: HashSet<String>,
    changed: bool,
    delta_of: Option<i64>,
    /// Learnt while reading (a file's generation date comes with its root
    /// element or header), so it can be set any time before commit.
    published: Option<String>,
}

impl fmt::Debug for Import {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Import")
            .field("version_id", &self.version_id)
            .field("source", &self.source)
            .field("added", &self.added.len())
            .field("delta_of", &self.delta_of)
            .finish_non_exhaustive()
    }
}

impl Import {
    pub(crate) fn new(tx: Transaction, version_id: i64, source: String) -> Self {
        Import {
            tx,
            version_id,
            source,
            pending: Vec::with_capacity(sql::BATCH_ROWS),
            removals: Vec::new(),
            added: HashSet::new(),
            changed: false,
            delta_of: None,
            published: None,
        }
    }

    /// The id the version will have once committed.
    pub fn version_id(&self) -> i64 {
        self.version_id
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Adds an entity; in a delta import it replaces the copied entity of
    /// the same id. The same id twice in one import is
    /// [`StoreError::DuplicateEntity`], after which the import can go on.
    pub async fn add(&mut self, entity: &Entity) -> Result<(), StoreError> {
        if !self.added.insert(entity.id.clone()) {
            return Err(StoreError::DuplicateEntity(entity.id.clone()));
        }
        self.changed = true;
        self.pending.push(Blob::new(entity));
        if self.pending.len() >= sql::BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    /// Removes an entity from the version being built; unknown ids are
    /// ignored, as deltas may repeat a removal.
    pub async fn remove(&mut self, entity_id: &str) -> Result<(), StoreError> {
        self.changed = true;
        self.added.remove(entity_id);
        self.pending.retain(|blob| blob.id() != entity_id);
        self.removals.push(entity_id.to_string());
        if self.removals.len() >= sql::BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    /// Starts this version as a copy of `version_id` of the same source, to
    /// apply a delta to. Must come before any add or remove.
    pub async fn copy_from(&mut self, version_id: i64) -> Result<(), StoreError> {
        if let Some(base) = self.delta_of {
            return Err(StoreError::AlreadyCopied(base));
        }
        if self.changed {
            return Err(StoreError::CopyAfterChanges);
        }
        let base = match &mut self.tx {
            Transaction::Sqlite(tx) => sqlite::find_version(&mut **tx, version_id).await?,
            Transaction::Postgres(tx) => postgres::find_version(&mut **tx, version_id).await?,
        };
        let base = base
            .filter(|base| base.id != self.version_id)
            .ok_or(StoreError::NoVersion(version_id))?;
        if base.source != self.source {
            return Err(StoreError::SourceMismatch {
                version: base.id,
                actual: base.source,
                expected: self.source.clone(),
            });
        }
        match &mut self.tx {
            Transaction::Sqlite(tx) => sqlite::copy_members(tx, self.version_id, base.id).await?,
            Transaction::Postgres(tx) => {
                postgres::copy_members(tx, self.version_id, base.id).await?
            }
        }
        self.delta_of = Some(base.id);
        Ok(())
    }

    /// Sets the source's own publication date, replacing the one given to
    /// `begin_import`; `None` keeps that one.
    pub fn set_published(&mut self, published: Option<String>) {
        self.published = published;
    }

    /// Writes what is buffered, records counts by schema and the warnings
    /// (capped at [`crate::MAX_WARNINGS`]) and commits the version.
    pub async fn commit(mut self, warnings: Vec<String>) -> Result<VersionInfo, StoreError> {
        self.flush().await?;
        let warnings = cap_warnings(warnings);
        let (id, delta_of) = (self.version_id, self.delta_of);
        let published = self.published.take();
        match self.tx {
            Transaction::Sqlite(mut tx) => {
                let info =
                    sqlite::finish_version(&mut tx, id, &warnings, delta_of, published.as_deref())
                        .await?;
                tx.commit().await?;
                Ok(info)
            }
            Transaction::Postgres(mut tx) => {
                let info = postgres::finish_version(
                    &mut tx,
                    id,
                    &warnings,
                    delta_of,
                    published.as_deref(),
                )
                .await?;
                tx.commit().await?;
                Ok(info)
            }
        }
    }

    /// Abandons the import now rather than when it is dropped.
    pub async fn rollback(self) -> Result<(), StoreError> {
        match self.tx {
            Transaction::Sqlite(tx) => tx.rollback().await?,
            Transaction::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() && self.removals.is_empty() {
            return Ok(());
        }
        let (id, removals, pending) = (self.version_id, &self.removals, &self.pending);
        match &mut self.tx {
            Transaction::Sqlite(tx) => sqlite::write_batch(tx, id, removals, pending).await?,
            Transaction::Postgres(tx) => postgres::write_batch(tx, id, removals, pending).await?,
        }
        self.pending.clear();
        self.removals.clear();
        Ok(())
    }
}
