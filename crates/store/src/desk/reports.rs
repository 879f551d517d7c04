//! Filed reports with the authorities they were routed to and the
//! deadlines they started: one transaction writes all of it and the audit
//! entry, or nothing.

use serde_json::Value;
use sqlx::types::Json;
use sqlx::{Postgres, Sqlite};

use super::rows::{AuditEntry, Insert, NewReport, ReportFilter, ReportRow, RouteRow};
use super::write_error;
use crate::{Store, StoreError};

const INSERT_REPORT: &str = "INSERT INTO reports \
     (id, org_id, submitted_by, channel, report_type, status, received_at, detected_at, \
      body, validation, screening, idempotency_key, request_sha256) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq";
pub(super) const SELECT_REPORTS: &str =
    "SELECT seq, id, org_id, submitted_by, channel, report_type, \
     status, received_at, detected_at, body, validation, screening, idempotency_key, \
     request_sha256 FROM reports";
const COUNT_REPORTS: &str = "SELECT COUNT(*) FROM reports";
const INSERT_ROUTE: &str = "INSERT INTO report_routes \
     (report_id, authority, rule_table, rule_id, forwarded_at) VALUES ($1, $2, $3, $4, $5)";
const SELECT_ROUTES: &str = "SELECT authority, rule_table, rule_id, forwarded_at \
     FROM report_routes WHERE report_id = $1 ORDER BY id";
const INSERT_DEADLINE: &str = "INSERT INTO report_deadlines \
     (report_id, kind, authority, starts_at, due_at, met_at) VALUES ($1, $2, $3, $4, $5, $6)";

fn by_id() -> String {
    format!("{SELECT_REPORTS} WHERE id = $1")
}

fn by_idempotency_key() -> String {
    format!("{SELECT_REPORTS} WHERE org_id = $1 AND idempotency_key = $2")
}

/// A `reports` row as both backends decode it (TEXT on SQLite, JSONB on
/// PostgreSQL).
#[derive(sqlx::FromRow)]
pub(super) struct ReportRecord {
    seq: i64,
    id: String,
    org_id: String,
    submitted_by: String,
    channel: String,
    report_type: String,
    status: String,
    received_at: String,
    detected_at: Option<String>,
    body: Json<Value>,
    validation: Json<Value>,
    screening: Json<Value>,
    idempotency_key: Option<String>,
    request_sha256: String,
}

impl From<ReportRecord> for ReportRow {
    fn from(r: ReportRecord) -> Self {
        ReportRow {
            seq: r.seq,
            id: r.id,
            org_id: r.org_id,
            submitted_by: r.submitted_by,
            channel: r.channel,
            report_type: r.report_type,
            status: r.status,
            received_at: r.received_at,
            detected_at: r.detected_at,
            body: r.body.0,
            validation: r.validation.0,
            screening: r.screening.0,
            idempotency_key: r.idempotency_key,
            request_sha256: r.request_sha256,
        }
    }
}

macro_rules! reports_backend {
    ($module:ident, $db:ty, $pool:ty, $conn:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;
            use sqlx::QueryBuilder;

            pub(super) async fn insert_report(
                pool: &$pool,
                report: &NewReport,
                entry: &AuditEntry,
            ) -> Result<Insert, StoreError> {
                // The head is locked from here on, so a concurrent insert
                // with the same key waits and then finds this one.
                let (mut tx, head) = audit::begin(pool).await?;
                if let Some(existing) = existing(&mut tx, report).await? {
                    tx.rollback().await?;
                    return Ok(Insert::Existing(existing));
                }
                let seq = match insert_row(&mut tx, report).await {
                    Ok(seq) => seq,
                    Err(error) => {
                        tx.rollback().await?;
                        return after_failed_insert(pool, report, error).await;
                    }
                };
                for route in &report.routes {
                    insert_route(&mut tx, &report.id, route).await?;
                }
                for deadline in &report.deadlines {
                    sqlx::query(INSERT_DEADLINE)
                        .bind(&report.id)
                        .bind(&deadline.kind)
                        .bind(&deadline.authority)
                        .bind(&deadline.starts_at)
                        .bind(&deadline.due_at)
                        .bind(&deadline.met_at)
                        .execute(&mut *tx)
                        .await?;
                }
                audit::commit(tx, &head, entry).await?;
                Ok(Insert::Inserted(ReportRow::filed(report, seq)))
            }

            async fn existing(
                conn: &mut $conn,
                report: &NewReport,
            ) -> Result<Option<ReportRow>, StoreError> {
                let Some(key) = &report.idempotency_key else {
                    return Ok(None);
                };
                let found: Option<ReportRecord> = sqlx::query_as(&by_idempotency_key())
                    .bind(&report.org_id)
                    .bind(key)
                    .fetch_optional(&mut *conn)
                    .await?;
                Ok(found.map(ReportRow::from))
            }

            async fn insert_row(conn: &mut $conn, r: &NewReport) -> Result<i64, sqlx::Error> {
                sqlx::query_scalar(INSERT_REPORT)
                    .bind(&r.id)
                    .bind(&r.org_id)
                    .bind(&r.submitted_by)
                    .bind(&r.channel)
                    .bind(&r.report_type)
                    .bind(&r.status)
                    .bind(&r.received_at)
                    .bind(&r.detected_at)
                    .bind(Json(&r.body))
                    .bind(Json(&r.validation))
                    .bind(Json(&r.screening))
                    .bind(&r.idempotency_key)
                    .bind(&r.request_sha256)
                    .fetch_one(&mut *conn)
                    .await
            }

            /// Appends are serialised, so a duplicate key should have been
            /// found before inserting; if the constraint fires anyway, the
            /// report that holds the key is the answer.
            async fn after_failed_insert(
                pool: &$pool,
                report: &NewReport,
                error: sqlx::Error,
            ) -> Result<Insert, StoreError> {
                let mut conn = pool.acquire().await?;
                match existing(&mut conn, report).await? {
                    Some(row) => Ok(Insert::Existing(row)),
                    None => Err(write_error(error, || format!("report {}", report.id))),
                }
            }

            async fn insert_route(
                conn: &mut $conn,
                report_id: &str,
                route: &RouteRow,
            ) -> Result<(), StoreError> {
                sqlx::query(INSERT_ROUTE)
                    .bind(report_id)
                    .bind(&route.authority)
                    .bind(&route.rule_table)
                    .bind(&route.rule_id)
                    .bind(&route.forwarded_at)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }

            pub(super) async fn report(
                pool: &$pool,
                id: &str,
            ) -> Result<Option<ReportRow>, StoreError> {
                let found: Option<ReportRecord> = sqlx::query_as(&by_id())
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
                Ok(found.map(ReportRow::from))
            }

            /// Appends the filter's conditions (not its paging).
            fn push_filter(query: &mut QueryBuilder<'_, $db>, filter: &ReportFilter) {
                query.push(" WHERE 1 = 1");
                if let Some(org_id) = &filter.org_id {
                    query.push(" AND org_id = ").push_bind(org_id.clone());
                }
                if let Some(authority) = &filter.authority {
                    query
                        .push(
                            " AND EXISTS (SELECT 1 FROM report_routes r \
                             WHERE r.report_id = reports.id AND r.authority = ",
                        )
                        .push_bind(authority.clone())
                        .push(")");
                }
                if let Some(report_type) = &filter.report_type {
                    query
                        .push(" AND report_type = ")
                        .push_bind(report_type.clone());
                }
                if let Some(status) = &filter.status {
                    query.push(" AND status = ").push_bind(status.clone());
                }
            }

            pub(super) async fn reports(
                pool: &$pool,
                filter: &ReportFilter,
            ) -> Result<Vec<ReportRow>, StoreError> {
                let mut query = QueryBuilder::<$db>::new(SELECT_REPORTS);
                push_filter(&mut query, filter);
                if let Some(before) = filter.before_seq {
                    query.push(" AND seq < ").push_bind(before);
                }
                query
                    .push(" ORDER BY seq DESC LIMIT ")
                    .push_bind(i64::from(filter.limit));
                let rows: Vec<ReportRecord> = query.build_query_as().fetch_all(pool).await?;
                Ok(rows.into_iter().map(ReportRow::from).collect())
            }

            pub(super) async fn count_reports(
                pool: &$pool,
                filter: &ReportFilter,
            ) -> Result<u64, StoreError> {
                let mut query = QueryBuilder::<$db>::new(COUNT_REPORTS);
                push_filter(&mut query, filter);
                let count: i64 = query.build_query_scalar().fetch_one(pool).await?;
                Ok(count.unsigned_abs())
            }

            pub(super) async fn routes_of(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<RouteRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_ROUTES)
                    .bind(report_id)
                    .fetch_all(pool)
                    .await?)
            }
        }
    };
}

reports_backend!(on_sqlite, Sqlite, sqlx::SqlitePool, sqlx::SqliteConnection);
reports_backend!(on_postgres, Postgres, sqlx::PgPool, sqlx::PgConnection);

impl Store {
    /// Files a report with its routes and deadlines and `audit`, in one
    /// transaction. If the organisation already filed a report with the
    /// same idempotency key, returns that one as [`Insert::Existing`] and
    /// writes nothing (no audit entry either); the caller compares
    /// `request_sha256`. A report id already taken is a
    /// [`StoreError::Conflict`].
    pub async fn insert_report(
        &self,
        report: &NewReport,
        audit: &AuditEntry,
    ) -> Result<Insert, StoreError> {
        on_desk_backend!(self, insert_report(report, audit))
    }

    pub async fn report(&self, id: &str) -> Result<Option<ReportRow>, StoreError> {
        on_desk_backend!(self, report(id))
    }

    /// Reports matching `filter`, newest (highest seq) first, at most
    /// `filter.limit`, below `filter.before_seq` if set.
    pub async fn reports(&self, filter: &ReportFilter) -> Result<Vec<ReportRow>, StoreError> {
        on_desk_backend!(self, reports(filter))
    }

    /// How many reports match `filter`, ignoring its paging (`before_seq`
    /// and `limit`).
    pub async fn count_reports(&self, filter: &ReportFilter) -> Result<u64, StoreError> {
        on_desk_backend!(self, count_reports(filter))
    }

    /// The authorities a report was routed to, in the order given.
    pub async fn routes_of(&self, report_id: &str) -> Result<Vec<RouteRow>, StoreError> {
        on_desk_backend!(self, routes_of(report_id))
    }
}
