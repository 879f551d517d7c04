//! SQL shared by both backends. Both accept `$n` placeholders, `RETURNING`
//! and `ON CONFLICT`, so one text serves SQLite and PostgreSQL and the two
//! cannot drift apart.

/// Rows per multi-row statement: large enough to amortise round trips,
/// small enough to stay under SQLite's 32766 bound parameters.
pub(crate) const BATCH_ROWS: usize = 1000;

pub(crate) const INSERT_VERSION: &str = "INSERT INTO versions \
     (source, format, published, sha256, files, imported_at) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

pub(crate) const SELECT_VERSION: &str = "SELECT id, source, format, published, sha256, \
     files, imported_at, entity_count, counts_by_schema, warnings, delta_of FROM versions";

pub(crate) fn version_by_id() -> String {
    format!("{SELECT_VERSION} WHERE id = $1")
}

pub(crate) fn versions_all() -> String {
    format!("{SELECT_VERSION} ORDER BY id DESC")
}

pub(crate) fn versions_of_source() -> String {
    format!("{SELECT_VERSION} WHERE source = $1 ORDER BY id DESC")
}

pub(crate) const FINISH_VERSION: &str = "UPDATE versions SET entity_count = $2, \
     counts_by_schema = $3, warnings = $4, delta_of = $5, \
     published = COALESCE($6, published) WHERE id = $1";

pub(crate) const COUNT_BY_SCHEMA: &str = "SELECT b.schema, COUNT(*) AS n \
     FROM version_entities ve JOIN entity_blobs b ON b.hash = ve.hash \
     WHERE ve.version_id = $1 GROUP BY b.schema";

pub(crate) const INSERT_BLOBS: &str = "INSERT INTO entity_blobs (hash, schema, caption, data) ";
pub(crate) const INSERT_BLOBS_END: &str = " ON CONFLICT (hash) DO NOTHING";

pub(crate) const INSERT_MEMBERS: &str =
    "INSERT INTO version_entities (version_id, entity_id, hash) ";
/// An upsert, because in a delta import an added entity replaces the row
/// copied from the previous version.
pub(crate) const INSERT_MEMBERS_END: &str =
    " ON CONFLICT (version_id, entity_id) DO UPDATE SET hash = excluded.hash";

/// Followed by the version id bind, ` AND entity_id IN (`, the ids and `)`.
pub(crate) const DELETE_MEMBERS: &str = "DELETE FROM version_entities WHERE version_id = ";

/// Rows already added by this import win over the copied ones.
pub(crate) const COPY_MEMBERS: &str = "INSERT INTO version_entities (version_id, entity_id, hash) \
     SELECT $1, entity_id, hash FROM version_entities WHERE version_id = $2 \
     ON CONFLICT (version_id, entity_id) DO NOTHING";

pub(crate) const ENTITIES_FIRST_PAGE: &str = "SELECT b.data FROM version_entities ve \
     JOIN entity_blobs b ON b.hash = ve.hash \
     WHERE ve.version_id = $1 ORDER BY ve.entity_id LIMIT $2";

pub(crate) const ENTITIES_NEXT_PAGE: &str = "SELECT b.data FROM version_entities ve \
     JOIN entity_blobs b ON b.hash = ve.hash \
     WHERE ve.version_id = $1 AND ve.entity_id > $3 ORDER BY ve.entity_id LIMIT $2";

pub(crate) const ENTITY: &str = "SELECT b.data FROM version_entities ve \
     JOIN entity_blobs b ON b.hash = ve.hash \
     WHERE ve.version_id = $1 AND ve.entity_id = $2";

pub(crate) const ENTITY_HASHES: &str =
    "SELECT entity_id, hash FROM version_entities WHERE version_id = $1";

pub(crate) const BLOBS_KNOWN: &str = "SELECT hash FROM entity_blobs WHERE hash IN (";

pub(crate) const BLOBS_BY_HASH: &str = "SELECT hash, data FROM entity_blobs WHERE hash IN (";

pub(crate) const LABELS_BY_HASH: &str =
    "SELECT hash, schema, caption FROM entity_blobs WHERE hash IN (";

pub(crate) const STATS: &str = "SELECT \
     (SELECT COUNT(*) FROM versions) AS versions, \
     (SELECT COUNT(*) FROM entity_blobs) AS blobs, \
     (SELECT COUNT(*) FROM version_entities) AS memberships";

pub(crate) const FETCH_STATE: &str =
    "SELECT url, etag, last_modified, sha256, fetched_at FROM fetch_state WHERE url = $1";

pub(crate) const UPSERT_FETCH_STATE: &str = "INSERT INTO fetch_state \
     (url, etag, last_modified, sha256, fetched_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
     last_modified = excluded.last_modified, sha256 = excluded.sha256, \
     fetched_at = excluded.fetched_at \
     RETURNING url, etag, last_modified, sha256, fetched_at";
