//! Meldpunt's versioned entity store: every imported version of every
//! source list, kept side by side, in an embedded SQLite file (the default)
//! or in PostgreSQL, behind one interface ([`EntityRepository`]) and one
//! handle ([`Store`]).
//!
//! # Data model
//!
//! - `versions`: one row per committed import — `id` (ascending, so newest
//!   is highest), `source`, `format`, `published` (the source's own date),
//!   `sha256` (of the input files, see [`SourceFile::combined_sha256`]),
//!   `files` (JSON `[{path, sha256, bytes}]`), `imported_at` (RFC 3339 UTC
//!   text), `entity_count`, `counts_by_schema` (JSON object), `warnings`
//!   (JSON array, at most [`MAX_WARNINGS`] plus a summary line) and
//!   `delta_of` (the version a delta was applied to).
//! - `entity_blobs`: `hash` ([`meldpunt_model::Entity::content_hash`]) →
//!   `schema`, `caption`, `data` (the canonicalized entity as JSON; JSONB on
//!   PostgreSQL). Content-addressed, so an entity unchanged across versions
//!   is stored once and a new version of a large list costs one small row
//!   per entity plus the blobs of what changed.
//! - `version_entities`: `(version_id, entity_id)` → `hash`, indexed on
//!   `hash`. Entity ids sort bytewise on both backends (`COLLATE "C"` on
//!   PostgreSQL), so paging and exports agree.
//! - `fetch_state`: `url` → `etag`, `last_modified`, `sha256`, `fetched_at`,
//!   for conditional downloads.
//!
//! Blobs are never deleted: versions are kept, and no version refers to a
//! blob it does not hold.
//!
//! # Writing
//!
//! [`Store::begin_import`] opens one transaction; [`Import::add`] buffers
//! entities and writes them in multi-row statements; [`Import::commit`]
//! records counts and commits. An import dropped before commit is rolled
//! back. SQLite runs in WAL mode, so readers are not blocked by an import.
//!
//! ```no_run
//! # async fn example(entities: Vec<meldpunt_model::Entity>) -> Result<(), meldpunt_store::StoreError> {
//! use meldpunt_store::{NewVersion, SourceFile, Store};
//!
//! let store = Store::connect("data/meldpunt.db").await?;
//! let files = vec![SourceFile::from_bytes("sdn.xml", b"...")];
//! let mut import = store
//!     .begin_import(NewVersion::from_files("ofac-sdn", "ofac-xml", None, files))
//!     .await?;
//! for entity in &entities {
//!     import.add(entity).await?;
//! }
//! let version = import.commit(Vec::new()).await?;
//! println!("version {} holds {} entities", version.id, version.entity_count);
//! # Ok(())
//! # }
//! ```

mod backend;
mod blob;
mod desk;
mod diff;
mod error;
mod fetch;
mod fleet;
mod import;
mod postgres;
mod repository;
mod sql;
mod sqlite;
mod store;
mod url;
mod version;

pub use blob::EntitySummary;
pub use desk::{
    canonical_json, ApiKeyRow, AuditEntry, AuditProblem, AuditRow, AuditVerification, DeadlineRow,
    DraftRow, Insert, NewReport, OrgRow, ReportFilter, ReportRow, RouteRow, SessionRow, UserRow,
    GENESIS_HASH, REPORT_PAGE,
};
pub use diff::{diff_versions, ListDiff};
pub use error::StoreError;
pub use fetch::FetchState;
pub use fleet::{
    FleetIngest, IdentityRow, IngestCounts, IngestRow, NewIngest, PositionFilter, PositionRow,
    VesselKey, POSITION_PAGE,
};
pub use import::Import;
pub use postgres::PgStore;
pub use repository::{EntityRepository, StoreStats};
pub use sqlite::SqliteStore;
pub use store::Store;
pub use url::redact_url;
pub use version::{NewVersion, SourceFile, SourceSummary, VersionInfo, MAX_WARNINGS};
