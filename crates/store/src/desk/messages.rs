//! Message threads on filed reports (migration `0005_messages`): the filing
//! organisation and the reporting point write to each other about one
//! report. Messages are appended, never changed (triggers refuse updates
//! and deletes), each with its audit entry in the same transaction. Read
//! markers per user give unread counts.

use serde::{Deserialize, Serialize};
use sqlx::{Postgres, Sqlite};

use super::rows::AuditEntry;
use super::write_error;
use crate::{Store, StoreError};

/// A message about to be appended to a report's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMessage {
    /// A UUID.
    pub id: String,
    pub report_id: String,
    /// `reporter` or `reporting_point`.
    pub side: String,
    /// The audit log's actor, e.g. `user:…`.
    pub author: String,
    /// The author's name as the thread shows it.
    pub author_name: String,
    pub body: String,
    pub created_at: String,
}

/// A stored message; `seq` rises in the order messages were committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MessageRow {
    pub seq: i64,
    pub id: String,
    pub report_id: String,
    pub side: String,
    pub author: String,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
}

impl MessageRow {
    fn stored(message: &NewMessage, seq: i64) -> MessageRow {
        MessageRow {
            seq,
            id: message.id.clone(),
            report_id: message.report_id.clone(),
            side: message.side.clone(),
            author: message.author.clone(),
            author_name: message.author_name.clone(),
            body: message.body.clone(),
            created_at: message.created_at.clone(),
        }
    }
}

const INSERT_MESSAGE: &str = "INSERT INTO report_messages \
     (id, report_id, side, author, author_name, body, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq";
const SELECT_THREAD: &str = "SELECT seq, id, report_id, side, author, author_name, body, \
     created_at FROM report_messages WHERE report_id = $1 ORDER BY seq";
/// A marker only moves forward, so a slow reader cannot unread newer posts.
const MARK_READ: &str = "INSERT INTO report_message_reads (user_id, report_id, last_seq) \
     VALUES ($1, $2, $3) ON CONFLICT (user_id, report_id) DO UPDATE \
     SET last_seq = excluded.last_seq \
     WHERE report_message_reads.last_seq < excluded.last_seq";
/// Messages from the other side above the reader's marker, per report.
const UNREAD: &str = "SELECT m.report_id, COUNT(*) FROM report_messages m \
     LEFT JOIN report_message_reads r ON r.report_id = m.report_id AND r.user_id = ";

macro_rules! messages_backend {
    ($module:ident, $db:ty, $pool:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;
            use sqlx::QueryBuilder;

            pub(super) async fn post(
                pool: &$pool,
                message: &NewMessage,
                entry: &AuditEntry,
            ) -> Result<MessageRow, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(INSERT_MESSAGE)
                    .bind(&message.id)
                    .bind(&message.report_id)
                    .bind(&message.side)
                    .bind(&message.author)
                    .bind(&message.author_name)
                    .bind(&message.body)
                    .bind(&message.created_at)
                    .fetch_one(&mut *tx)
                    .await;
                let seq = match inserted {
                    Ok(seq) => seq,
                    Err(error) => {
                        tx.rollback().await?;
                        return Err(write_error(error, || format!("message {}", message.id)));
                    }
                };
                audit::commit(tx, &head, entry).await?;
                Ok(MessageRow::stored(message, seq))
            }

            pub(super) async fn read(
                pool: &$pool,
                report_id: &str,
                reader: Option<&str>,
                entry: &AuditEntry,
            ) -> Result<Vec<MessageRow>, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let thread: Vec<MessageRow> = sqlx::query_as(SELECT_THREAD)
                    .bind(report_id)
                    .fetch_all(&mut *tx)
                    .await?;
                if let (Some(user_id), Some(last)) = (reader, thread.last()) {
                    sqlx::query(MARK_READ)
                        .bind(user_id)
                        .bind(report_id)
                        .bind(last.seq)
                        .execute(&mut *tx)
                        .await?;
                }
                audit::commit(tx, &head, entry).await?;
                Ok(thread)
            }

            pub(super) async fn unread(
                pool: &$pool,
                user_id: &str,
                reader_side: &str,
                org_id: Option<&str>,
                report_ids: &[String],
            ) -> Result<Vec<(String, i64)>, StoreError> {
                if report_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut query = QueryBuilder::<$db>::new(UNREAD);
                query.push_bind(user_id.to_string());
                query
                    .push(" WHERE m.side <> ")
                    .push_bind(reader_side.to_string());
                query.push(" AND m.seq > COALESCE(r.last_seq, 0) AND m.report_id IN (");
                let mut ids = query.separated(", ");
                for id in report_ids {
                    ids.push_bind(id.clone());
                }
                query.push(")");
                if let Some(org_id) = org_id {
                    query
                        .push(" AND m.report_id IN (SELECT id FROM reports WHERE org_id = ")
                        .push_bind(org_id.to_string())
                        .push(")");
                }
                query.push(" GROUP BY m.report_id");
                Ok(query.build_query_as().fetch_all(pool).await?)
            }
        }
    };
}

messages_backend!(on_sqlite, Sqlite, sqlx::SqlitePool);
messages_backend!(on_postgres, Postgres, sqlx::PgPool);

impl Store {
    /// Appends a message to its report's thread with `audit`, in one
    /// transaction. A report id that does not exist is a
    /// [`StoreError::Conflict`].
    pub async fn post_message(
        &self,
        message: &NewMessage,
        audit: &AuditEntry,
    ) -> Result<MessageRow, StoreError> {
        on_desk_backend!(self, post(message, audit))
    }

    /// A report's thread, oldest first, read with `audit` in one
    /// transaction; with a `reader` (a user id), their read marker moves to
    /// the thread's last message.
    pub async fn read_thread(
        &self,
        report_id: &str,
        reader: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<Vec<MessageRow>, StoreError> {
        on_desk_backend!(self, read(report_id, reader, audit))
    }

    /// For each of `report_ids` with any: how many messages written by the
    /// side other than `reader_side` the user has not read. With `org_id`,
    /// only reports that organisation filed are counted. Reports without
    /// unread messages are left out.
    pub async fn unread_messages(
        &self,
        user_id: &str,
        reader_side: &str,
        org_id: Option<&str>,
        report_ids: &[String],
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let counts = on_desk_backend!(self, unread(user_id, reader_side, org_id, report_ids))?;
        Ok(counts
            .into_iter()
            .map(|(id, n)| (id, n.unsigned_abs()))
            .collect())
    }
}
