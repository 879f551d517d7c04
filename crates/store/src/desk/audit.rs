//! The audit log: appends inside the caller's transaction, listing, and
//! verification of the hash chain.
//!
//! Every audited write starts with [`BUMP_HEAD`], an UPDATE of the single
//! `audit_head` row, before it reads anything: PostgreSQL then holds the
//! row lock and SQLite the write lock for the whole transaction, so appends
//! are serialised and a SQLite reader never has to upgrade to a writer
//! (which fails with SQLITE_BUSY instead of waiting). The entry is written
//! in the same transaction as the change it records.

use serde_json::Value;
use sqlx::{Postgres, Sqlite};

use super::chain::{StoredEntry, Verifier};
use super::rows::{AuditEntry, AuditRow, AuditVerification};
use crate::version::timestamp;
use crate::{Store, StoreError};

const BUMP_HEAD: &str = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";
const SET_HEAD_HASH: &str = "UPDATE audit_head SET hash = $1 WHERE id = 1";
const READ_HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";
const INSERT_ENTRY: &str = "INSERT INTO audit_log \
     (seq, at, actor, org_id, action, target, before, after, prev_hash, hash) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
const SELECT_ENTRIES: &str = "SELECT seq, at, actor, org_id, action, target, before, after, \
     prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";

/// Entries read per query while verifying.
const VERIFY_PAGE: u32 = 1000;

/// The place the next entry takes: reserved by [`BUMP_HEAD`].
pub(crate) struct Head {
    seq: i64,
    prev_hash: String,
}

/// The entry as the caller sees it; stored JSON that does not parse is
/// corrupt.
fn decoded(stored: StoredEntry) -> Result<AuditRow, StoreError> {
    let seq = stored.seq;
    let parse = |column: &str, text: Option<String>| {
        text.map(|t| serde_json::from_str::<Value>(&t))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("audit entry {seq}: {column}: {e}")))
    };
    Ok(AuditRow {
        before: parse("before", stored.before)?,
        after: parse("after", stored.after)?,
        seq,
        at: stored.at,
        actor: stored.actor,
        org_id: stored.org_id,
        action: stored.action,
        target: stored.target,
        prev_hash: stored.prev_hash,
        hash: stored.hash,
    })
}

/// The row `entry` becomes at `head`, and its stored form, hashed.
fn chained(head: &Head, entry: &AuditEntry) -> (AuditRow, StoredEntry) {
    let mut row = AuditRow {
        seq: head.seq,
        at: timestamp(chrono::Utc::now()),
        actor: entry.actor.clone(),
        org_id: entry.org_id.clone(),
        action: entry.action.clone(),
        target: entry.target.clone(),
        before: entry.before.clone(),
        after: entry.after.clone(),
        prev_hash: head.prev_hash.clone(),
        hash: String::new(),
    };
    let mut stored = StoredEntry::of(&row);
    stored.hash = stored.content_hash();
    row.hash = stored.hash.clone();
    (row, stored)
}

macro_rules! audit_backend {
    ($module:ident, $db:ty, $pool:ty, $conn:ty, $snapshot:expr) => {
        pub(crate) mod $module {
            use super::*;

            pub(crate) type Tx = sqlx::Transaction<'static, $db>;

            /// Opens an audited write: the head is bumped (and locked)
            /// before anything else happens in the transaction.
            pub(crate) async fn begin(pool: &$pool) -> Result<(Tx, Head), StoreError> {
                let mut tx = pool.begin().await?;
                let (seq, prev_hash): (i64, String) =
                    sqlx::query_as(BUMP_HEAD).fetch_one(&mut *tx).await?;
                Ok((tx, Head { seq, prev_hash }))
            }

            /// Writes `entry` at `head` and moves the head's hash to it.
            pub(crate) async fn append(
                conn: &mut $conn,
                head: &Head,
                entry: &AuditEntry,
            ) -> Result<AuditRow, StoreError> {
                let (row, stored) = chained(head, entry);
                sqlx::query(INSERT_ENTRY)
                    .bind(stored.seq)
                    .bind(&stored.at)
                    .bind(&stored.actor)
                    .bind(&stored.org_id)
                    .bind(&stored.action)
                    .bind(&stored.target)
                    .bind(&stored.before)
                    .bind(&stored.after)
                    .bind(&stored.prev_hash)
                    .bind(&stored.hash)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query(SET_HEAD_HASH)
                    .bind(&row.hash)
                    .execute(&mut *conn)
                    .await?;
                Ok(row)
            }

            /// Appends `entry` and commits: the end of an audited write.
            pub(crate) async fn commit(
                mut tx: Tx,
                head: &Head,
                entry: &AuditEntry,
            ) -> Result<AuditRow, StoreError> {
                let row = append(&mut tx, head, entry).await?;
                tx.commit().await?;
                Ok(row)
            }

            pub(crate) async fn record(
                pool: &$pool,
                entry: &AuditEntry,
            ) -> Result<AuditRow, StoreError> {
                let (tx, head) = begin(pool).await?;
                commit(tx, &head, entry).await
            }

            async fn page(
                conn: &mut $conn,
                after_seq: i64,
                limit: u32,
            ) -> Result<Vec<StoredEntry>, StoreError> {
                Ok(sqlx::query_as(SELECT_ENTRIES)
                    .bind(after_seq)
                    .bind(i64::from(limit))
                    .fetch_all(&mut *conn)
                    .await?)
            }

            pub(crate) async fn entries(
                pool: &$pool,
                after_seq: i64,
                limit: u32,
            ) -> Result<Vec<AuditRow>, StoreError> {
                let mut conn = pool.acquire().await?;
                let rows = page(&mut conn, after_seq, limit).await?;
                rows.into_iter().map(decoded).collect()
            }

            /// Reads the head and every entry from one snapshot, so
            /// appends committed meanwhile do not look like tampering.
            pub(crate) async fn verify(pool: &$pool) -> Result<AuditVerification, StoreError> {
                let mut tx = pool.begin().await?;
                let snapshot: Option<&str> = $snapshot;
                if let Some(statement) = snapshot {
                    sqlx::query(statement).execute(&mut *tx).await?;
                }
                let (head_seq, head_hash): (i64, String) =
                    sqlx::query_as(READ_HEAD).fetch_one(&mut *tx).await?;
                let mut verifier = Verifier::new();
                let mut after_seq = i64::MIN;
                loop {
                    let rows = page(&mut tx, after_seq, VERIFY_PAGE).await?;
                    let done = rows.len() < VERIFY_PAGE as usize;
                    for row in &rows {
                        after_seq = row.seq;
                        verifier.push(row);
                    }
                    if done {
                        break;
                    }
                }
                tx.rollback().await?;
                Ok(verifier.finish(head_seq, &head_hash))
            }
        }
    };
}

audit_backend!(
    on_sqlite,
    Sqlite,
    sqlx::SqlitePool,
    sqlx::SqliteConnection,
    None
);
audit_backend!(
    on_postgres,
    Postgres,
    sqlx::PgPool,
    sqlx::PgConnection,
    Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
);

impl Store {
    /// Appends one entry on its own, e.g. for a read.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<AuditRow, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::record(s.pool(), entry).await,
            Store::Postgres(s) => on_postgres::record(s.pool(), entry).await,
        }
    }

    /// Up to `limit` entries with seq above `after_seq`, ascending.
    pub async fn audit_entries(
        &self,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<AuditRow>, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::entries(s.pool(), after_seq, limit).await,
            Store::Postgres(s) => on_postgres::entries(s.pool(), after_seq, limit).await,
        }
    }

    /// Recomputes the whole chain: every hash from its entry, every link,
    /// contiguous seqs, and the head row against the log's end.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        match self {
            Store::Sqlite(s) => on_sqlite::verify(s.pool()).await,
            Store::Postgres(s) => on_postgres::verify(s.pool()).await,
        }
    }
}
