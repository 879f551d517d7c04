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
//! The fleet tables (migration `0002_fleet`) hold AIS positions, vessel
//! identities and a log of ingests ([`FleetIngest`]).
//!
//! ## The reporting point ("desk", migration `0003_desk`)
//!
//! Plain rows ([`OrgRow`], [`UserRow`], [`ReportRow`]…), so the store does
//! not depend on the reports crate. Timestamps are RFC 3339 UTC text in one
//! format, so text order is time order.
//!
//! - `organisations`: reporters, the reporting point and authorities.
//! - `users`: `email` stored lower-case and unique (lookups ignore case),
//!   `role`, `status`, `password_hash`.
//! - `api_keys`: looked up by unique `prefix`; only `secret_hash` is kept;
//!   `revoked_at` once revoked.
//! - `sessions`: by `token_hash`, with `csrf_token` and `expires_at`.
//! - `reports`: `seq` (rises in commit order), `id`, the filing
//!   organisation, channel, type, status, `body`/`validation`/`screening`
//!   (JSON text on SQLite, JSONB on PostgreSQL), `request_sha256` and an
//!   optional `idempotency_key`, unique per organisation: filing again with
//!   the same key returns the first report ([`Insert::Existing`]).
//! - `report_routes`: the authorities a report was forwarded to and the
//!   routing rule that chose each (indexed by authority).
//! - `report_deadlines`: `kind`, `authority`, `starts_at`, `due_at`,
//!   `met_at`.
//! - `drafts`: portal drafts of one organisation, any JSON.
//! - `audit_log`: append-only (triggers refuse UPDATE and DELETE) and
//!   hash-chained: `hash = sha256_hex(prev_hash + "\n" + canonical JSON of
//!   {seq, at, actor, org_id, action, target, before, after})` with keys
//!   sorted ([`canonical_json`]), the first `prev_hash` being
//!   [`GENESIS_HASH`]; `before`/`after` are kept as that canonical text.
//! - `audit_head`: one row, the entry count and last hash. Every audited
//!   write bumps it first, which serialises writers, and appends its entry
//!   in the same transaction, so no audited change commits without its
//!   entry. [`Store::verify_audit`] recomputes the chain and finds changed,
//!   removed and truncated entries.
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
pub use desk::{
    AssigneeFilter, AssignmentRow, CaseEventRow, CaseIndexRow, DecisionRow, IndexSource, LinkRow,
    NewCaseEvent, NewDecision, TriageFilter, TriageRow,
};
pub use desk::{MessageRow, NewMessage};
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
