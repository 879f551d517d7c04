//! The SQL of case management, written once for both backends.

use serde_json::Value;
use sqlx::types::Json;
use sqlx::{Postgres, Sqlite};

use super::rows::{
    AssigneeFilter, AssignmentRow, CaseEventRow, CaseIndexRow, DecisionRow, IndexSource, LinkRow,
    NewCaseEvent, NewDecision, TriageFilter, TriageRow,
};
use crate::desk::rows::AuditEntry;
use crate::desk::write_error;
use crate::StoreError;

const UPSERT_ASSIGNMENT: &str = "INSERT INTO case_assignments \
     (report_id, assignee, assigned_at, assigned_by) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (report_id) DO UPDATE SET assignee = excluded.assignee, \
     assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by";
const SELECT_ASSIGNMENT: &str = "SELECT report_id, assignee, assigned_at, assigned_by \
     FROM case_assignments WHERE report_id = $1";
const INSERT_DECISION: &str = "INSERT INTO match_decisions \
     (report_id, source, entity_id, decision, reason, notes, decided_by, decided_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
const SELECT_DECISIONS: &str = "SELECT id, report_id, source, entity_id, decision, reason, \
     notes, decided_by, decided_at FROM match_decisions WHERE report_id = $1 ORDER BY id";
const NEXT_EVENT_SEQ: &str =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE report_id = $1";
const INSERT_EVENT: &str = "INSERT INTO case_events (report_id, seq, at, actor, kind, details) \
     VALUES ($1, $2, $3, $4, $5, $6)";
const SELECT_EVENTS: &str = "SELECT report_id, seq, at, actor, kind, details \
     FROM case_events WHERE report_id = $1 ORDER BY seq";
const INDEXED_UP_TO: &str = "SELECT COALESCE(MAX(seq), 0) FROM case_index";
const UNINDEXED: &str = "SELECT id, seq, body, screening FROM reports \
     WHERE seq > $1 ORDER BY seq LIMIT $2";
const INSERT_INDEX: &str = "INSERT INTO case_index (report_id, seq, max_score, hit_count) \
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
const INSERT_KEY: &str = "INSERT INTO case_keys (report_id, kind, key) VALUES ($1, $2, $3) \
     ON CONFLICT DO NOTHING";
/// Other reports sharing an identifier or a listed entity hit, newest first.
const SELECT_LINKS: &str = "SELECT other.report_id, other.kind, other.key \
     FROM case_keys mine \
     JOIN case_keys other ON other.kind = mine.kind AND other.key = mine.key \
     JOIN reports r ON r.id = other.report_id \
     WHERE mine.report_id = $1 AND other.report_id <> $1 \
       AND mine.kind IN ('identifier', 'entity') \
     ORDER BY r.seq DESC, other.kind, other.key LIMIT $2";
const SELECT_KEYS: &str = "SELECT kind, key FROM case_keys WHERE report_id = $1 ORDER BY kind, key";

/// One triage row per report, with the derived columns triage filters and
/// sorts on; wrapped so the filters can name them.
const TRIAGE_ROWS: &str = "SELECT * FROM (SELECT r.seq, r.id, r.org_id, r.report_type, \
     r.status, r.received_at, ci.max_score, ci.hit_count, a.assignee, \
     u.display_name AS assignee_name, \
     (SELECT MIN(dl.due_at) FROM report_deadlines dl \
        WHERE dl.report_id = r.id AND dl.met_at IS NULL) AS next_due, \
     (SELECT COUNT(*) FROM match_decisions d WHERE d.report_id = r.id AND NOT EXISTS \
        (SELECT 1 FROM match_decisions e WHERE e.report_id = d.report_id \
         AND e.source = d.source AND e.entity_id = d.entity_id AND e.id > d.id)) \
        AS decided_count \
     FROM reports r JOIN case_index ci ON ci.report_id = r.id \
     LEFT JOIN case_assignments a ON a.report_id = r.id \
     LEFT JOIN users u ON u.id = a.assignee) t";
/// Nearest deadline first (none last), then highest score, then newest.
const TRIAGE_ORDER: &str = " ORDER BY CASE WHEN t.next_due IS NULL THEN 1 ELSE 0 END, \
     t.next_due, COALESCE(t.max_score, -1) DESC, t.seq DESC";

type EventTuple = (String, i64, String, String, String, Json<Value>);

fn event_row(t: EventTuple) -> CaseEventRow {
    CaseEventRow {
        report_id: t.0,
        seq: t.1,
        at: t.2,
        actor: t.3,
        kind: t.4,
        details: t.5 .0,
    }
}

macro_rules! cases_backend {
    ($module:ident, $db:ty, $pool:ty, $conn:ty) => {
        pub(super) mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;
            use sqlx::QueryBuilder;

            async fn append_event(
                conn: &mut $conn,
                report_id: &str,
                event: &NewCaseEvent,
            ) -> Result<CaseEventRow, StoreError> {
                let seq: i64 = sqlx::query_scalar(NEXT_EVENT_SEQ)
                    .bind(report_id)
                    .fetch_one(&mut *conn)
                    .await?;
                sqlx::query(INSERT_EVENT)
                    .bind(report_id)
                    .bind(seq)
                    .bind(&event.at)
                    .bind(&event.actor)
                    .bind(&event.kind)
                    .bind(Json(&event.details))
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| write_error(e, || format!("event of report {report_id}")))?;
                Ok(CaseEventRow {
                    report_id: report_id.to_string(),
                    seq,
                    at: event.at.clone(),
                    actor: event.actor.clone(),
                    kind: event.kind.clone(),
                    details: event.details.clone(),
                })
            }

            /// Runs `write`, then appends `event` to the report's case log,
            /// in one transaction with the audit entry: no case action is
            /// committed without both.
            async fn logged<T>(
                pool: &$pool,
                report_id: &str,
                event: &NewCaseEvent,
                entry: &AuditEntry,
                write: impl AsyncFnOnce(&mut $conn) -> Result<T, StoreError>,
            ) -> Result<(T, CaseEventRow), StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let value = write(&mut *tx).await?;
                let row = append_event(&mut tx, report_id, event).await?;
                audit::commit(tx, &head, entry).await?;
                Ok((value, row))
            }

            /// Every row `sql` selects for one report (bound to `$1`).
            async fn of_report<T>(
                pool: &$pool,
                sql: &'static str,
                report_id: &str,
            ) -> Result<Vec<T>, StoreError>
            where
                T: for<'r> sqlx::FromRow<'r, <$db as sqlx::Database>::Row> + Send + Unpin,
            {
                Ok(sqlx::query_as(sql).bind(report_id).fetch_all(pool).await?)
            }

            pub(in crate::desk::cases) async fn assign(
                pool: &$pool,
                row: &AssignmentRow,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let upsert = async |conn: &mut $conn| {
                    sqlx::query(UPSERT_ASSIGNMENT)
                        .bind(&row.report_id)
                        .bind(&row.assignee)
                        .bind(&row.assigned_at)
                        .bind(&row.assigned_by)
                        .execute(conn)
                        .await
                        .map_err(|e| write_error(e, || format!("assignment of {}", row.report_id)))
                };
                logged(pool, &row.report_id, event, entry, upsert).await?;
                Ok(())
            }

            pub(in crate::desk::cases) async fn assignment(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Option<AssignmentRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_ASSIGNMENT)
                    .bind(report_id)
                    .fetch_optional(pool)
                    .await?)
            }

            pub(in crate::desk::cases) async fn decide(
                pool: &$pool,
                new: &NewDecision,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<DecisionRow, StoreError> {
                let insert = async |conn: &mut $conn| {
                    sqlx::query_scalar::<_, i64>(INSERT_DECISION)
                        .bind(&new.report_id)
                        .bind(&new.source)
                        .bind(&new.entity_id)
                        .bind(&new.decision)
                        .bind(&new.reason)
                        .bind(&new.notes)
                        .bind(&new.decided_by)
                        .bind(&new.decided_at)
                        .fetch_one(conn)
                        .await
                        .map_err(|e| write_error(e, || format!("decision on {}", new.report_id)))
                };
                let (id, _) = logged(pool, &new.report_id, event, entry, insert).await?;
                Ok(DecisionRow::of(id, new))
            }

            pub(in crate::desk::cases) async fn decisions(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<DecisionRow>, StoreError> {
                of_report(pool, SELECT_DECISIONS, report_id).await
            }

            pub(in crate::desk::cases) async fn add_event(
                pool: &$pool,
                report_id: &str,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<CaseEventRow, StoreError> {
                let nothing = async |_: &mut $conn| Ok(());
                let ((), row) = logged(pool, report_id, event, entry, nothing).await?;
                Ok(row)
            }

            pub(in crate::desk::cases) async fn events(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<CaseEventRow>, StoreError> {
                let rows: Vec<EventTuple> = of_report(pool, SELECT_EVENTS, report_id).await?;
                Ok(rows.into_iter().map(event_row).collect())
            }

            pub(in crate::desk::cases) async fn unindexed(
                pool: &$pool,
                limit: u32,
            ) -> Result<Vec<IndexSource>, StoreError> {
                let after: i64 = sqlx::query_scalar(INDEXED_UP_TO).fetch_one(pool).await?;
                let rows: Vec<(String, i64, Json<Value>, Json<Value>)> = sqlx::query_as(UNINDEXED)
                    .bind(after)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(report_id, seq, body, screening)| IndexSource {
                        report_id,
                        seq,
                        body: body.0,
                        screening: screening.0,
                    })
                    .collect())
            }

            /// Derived rows, not a change to any report: not audited. A
            /// concurrent indexer writing the same rows is harmless.
            pub(in crate::desk::cases) async fn index(
                pool: &$pool,
                rows: &[CaseIndexRow],
            ) -> Result<(), StoreError> {
                let mut tx = pool.begin().await?;
                for row in rows {
                    sqlx::query(INSERT_INDEX)
                        .bind(&row.report_id)
                        .bind(row.seq)
                        .bind(row.max_score)
                        .bind(row.hit_count)
                        .execute(&mut *tx)
                        .await?;
                    for (kind, key) in &row.keys {
                        sqlx::query(INSERT_KEY)
                            .bind(&row.report_id)
                            .bind(kind)
                            .bind(key)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            pub(in crate::desk::cases) async fn keys(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<(String, String)>, StoreError> {
                of_report(pool, SELECT_KEYS, report_id).await
            }

            pub(in crate::desk::cases) async fn links(
                pool: &$pool,
                report_id: &str,
                limit: u32,
            ) -> Result<Vec<LinkRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_LINKS)
                    .bind(report_id)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?)
            }

            fn push_triage_filter(query: &mut QueryBuilder<'_, $db>, f: &TriageFilter) {
                query.push(" WHERE 1 = 1");
                if let Some(report_type) = &f.report_type {
                    query
                        .push(" AND t.report_type = ")
                        .push_bind(report_type.clone());
                }
                if let Some(status) = &f.status {
                    query.push(" AND t.status = ").push_bind(status.clone());
                }
                if let Some(regime) = &f.regime {
                    query
                        .push(
                            " AND EXISTS (SELECT 1 FROM case_keys k WHERE k.report_id = t.id \
                             AND k.kind IN ('regime', 'programme') AND k.key = ",
                        )
                        .push_bind(regime.clone())
                        .push(")");
                }
                if let Some(before) = &f.due_before {
                    query.push(" AND t.next_due < ").push_bind(before.clone());
                }
                if let Some(now) = &f.overdue_at {
                    query.push(" AND t.next_due < ").push_bind(now.clone());
                }
                if let Some(score) = f.min_score {
                    query.push(" AND t.max_score >= ").push_bind(score);
                }
                match &f.assignee {
                    AssigneeFilter::Anyone => {}
                    AssigneeFilter::Unassigned => {
                        query.push(" AND t.assignee IS NULL");
                    }
                    AssigneeFilter::User(user) => {
                        query.push(" AND t.assignee = ").push_bind(user.clone());
                    }
                }
                if f.open_only {
                    query.push(" AND (t.next_due IS NOT NULL OR t.hit_count > t.decided_count)");
                }
            }

            pub(in crate::desk::cases) async fn triage(
                pool: &$pool,
                filter: &TriageFilter,
            ) -> Result<(Vec<TriageRow>, u64), StoreError> {
                // The count wraps the filtered rows once more.
                let mut count =
                    QueryBuilder::<$db>::new(format!("SELECT COUNT(*) FROM ({TRIAGE_ROWS}"));
                push_triage_filter(&mut count, filter);
                count.push(") c");
                let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
                let mut query = QueryBuilder::<$db>::new(TRIAGE_ROWS);
                push_triage_filter(&mut query, filter);
                query
                    .push(TRIAGE_ORDER)
                    .push(" LIMIT ")
                    .push_bind(i64::from(filter.limit))
                    .push(" OFFSET ")
                    .push_bind(i64::from(filter.offset));
                let rows: Vec<TriageRow> = query.build_query_as().fetch_all(pool).await?;
                Ok((rows, total.unsigned_abs()))
            }
        }
    };
}

cases_backend!(on_sqlite, Sqlite, sqlx::SqlitePool, sqlx::SqliteConnection);
cases_backend!(on_postgres, Postgres, sqlx::PgPool, sqlx::PgConnection);
