//! Case management (migration `0004_cases`): who works a report, analysts'
//! decisions on screening hits (append-only; the latest per hit counts),
//! each case's event log, the triage queue, and the index of subject keys
//! (regimes, programmes, identifiers, listed entities hit) that triage and
//! the linking of reports about the same subject look up.
//!
//! Every write here takes the audit head first and appends its entry in the
//! same transaction, like the other desk writes.

use serde_json::Value;
use sqlx::types::Json;
use sqlx::{Postgres, Sqlite};

use super::rows::AuditEntry;
use super::write_error;
use crate::{Store, StoreError};

pub use rows::{
    AssigneeFilter, AssignmentRow, CaseEventRow, CaseIndexRow, DecisionRow, IndexSource, LinkRow,
    NewCaseEvent, NewDecision, TriageFilter, TriageRow,
};

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
        mod $module {
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

            pub(super) async fn assign(
                pool: &$pool,
                row: &AssignmentRow,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                sqlx::query(UPSERT_ASSIGNMENT)
                    .bind(&row.report_id)
                    .bind(&row.assignee)
                    .bind(&row.assigned_at)
                    .bind(&row.assigned_by)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| write_error(e, || format!("assignment of {}", row.report_id)))?;
                append_event(&mut tx, &row.report_id, event).await?;
                audit::commit(tx, &head, entry).await?;
                Ok(())
            }

            pub(super) async fn assignment(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Option<AssignmentRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_ASSIGNMENT)
                    .bind(report_id)
                    .fetch_optional(pool)
                    .await?)
            }

            pub(super) async fn decide(
                pool: &$pool,
                new: &NewDecision,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<DecisionRow, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let id: i64 = sqlx::query_scalar(INSERT_DECISION)
                    .bind(&new.report_id)
                    .bind(&new.source)
                    .bind(&new.entity_id)
                    .bind(&new.decision)
                    .bind(&new.reason)
                    .bind(&new.notes)
                    .bind(&new.decided_by)
                    .bind(&new.decided_at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| write_error(e, || format!("decision on {}", new.report_id)))?;
                append_event(&mut tx, &new.report_id, event).await?;
                audit::commit(tx, &head, entry).await?;
                Ok(DecisionRow::of(id, new))
            }

            pub(super) async fn decisions(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<DecisionRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_DECISIONS)
                    .bind(report_id)
                    .fetch_all(pool)
                    .await?)
            }

            pub(super) async fn add_event(
                pool: &$pool,
                report_id: &str,
                event: &NewCaseEvent,
                entry: &AuditEntry,
            ) -> Result<CaseEventRow, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let row = append_event(&mut tx, report_id, event).await?;
                audit::commit(tx, &head, entry).await?;
                Ok(row)
            }

            pub(super) async fn events(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<CaseEventRow>, StoreError> {
                let rows: Vec<EventTuple> = sqlx::query_as(SELECT_EVENTS)
                    .bind(report_id)
                    .fetch_all(pool)
                    .await?;
                Ok(rows.into_iter().map(event_row).collect())
            }

            pub(super) async fn unindexed(
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
            pub(super) async fn index(
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

            pub(super) async fn keys(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<(String, String)>, StoreError> {
                Ok(sqlx::query_as(SELECT_KEYS)
                    .bind(report_id)
                    .fetch_all(pool)
                    .await?)
            }

            pub(super) async fn links(
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

            pub(super) async fn triage(
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

impl Store {
    /// Assigns a report (replacing any earlier assignee) and appends
    /// `event` to its case log, with `audit`, in one transaction.
    pub async fn assign_case(
        &self,
        row: &AssignmentRow,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        on_desk_backend!(self, assign(row, event, audit))
    }

    pub async fn case_assignment(
        &self,
        report_id: &str,
    ) -> Result<Option<AssignmentRow>, StoreError> {
        on_desk_backend!(self, assignment(report_id))
    }

    /// Records a decision on a hit (earlier ones are kept) and appends
    /// `event`, with `audit`, in one transaction.
    pub async fn decide_match(
        &self,
        decision: &NewDecision,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<DecisionRow, StoreError> {
        on_desk_backend!(self, decide(decision, event, audit))
    }

    /// Every decision on a report's hits, oldest first.
    pub async fn match_decisions(&self, report_id: &str) -> Result<Vec<DecisionRow>, StoreError> {
        on_desk_backend!(self, decisions(report_id))
    }

    /// Appends an event (e.g. a note) to a case's log, with `audit`.
    pub async fn add_case_event(
        &self,
        report_id: &str,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<CaseEventRow, StoreError> {
        on_desk_backend!(self, add_event(report_id, event, audit))
    }

    /// A case's stored events in order.
    pub async fn case_events(&self, report_id: &str) -> Result<Vec<CaseEventRow>, StoreError> {
        on_desk_backend!(self, events(report_id))
    }

    /// Up to `limit` filed reports not yet in the case index, in filing
    /// order. Reports are committed in `seq` order (writers hold the audit
    /// head), so everything above the highest indexed seq is new.
    pub async fn unindexed_reports(&self, limit: u32) -> Result<Vec<IndexSource>, StoreError> {
        on_desk_backend!(self, unindexed(limit))
    }

    /// Adds reports to the case index; rows already there are kept.
    pub async fn index_cases(&self, rows: &[CaseIndexRow]) -> Result<(), StoreError> {
        on_desk_backend!(self, index(rows))
    }

    /// A report's indexed keys as (kind, key), sorted.
    pub async fn case_keys(&self, report_id: &str) -> Result<Vec<(String, String)>, StoreError> {
        on_desk_backend!(self, keys(report_id))
    }

    /// Up to `limit` (report, kind, key) triples of other reports sharing an
    /// identifier or a listed entity hit with `report_id`, newest first.
    pub async fn linked_reports(
        &self,
        report_id: &str,
        limit: u32,
    ) -> Result<Vec<LinkRow>, StoreError> {
        on_desk_backend!(self, links(report_id, limit))
    }

    /// The triage queue: one page of indexed reports matching `filter`,
    /// nearest open deadline first, then highest score; and the total.
    pub async fn triage(&self, filter: &TriageFilter) -> Result<(Vec<TriageRow>, u64), StoreError> {
        on_desk_backend!(self, triage(filter))
    }
}

/// The rows of case management: plain types, like the other desk rows.
mod rows {
    use serde::{Deserialize, Serialize};
    use serde_json::Value;

    /// Who works a report now; earlier assignments are in the case's events.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
    pub struct AssignmentRow {
        pub report_id: String,
        /// A user id.
        pub assignee: String,
        pub assigned_at: String,
        /// The assigning actor, e.g. `user:…`.
        pub assigned_by: String,
    }

    /// A decision about to be recorded on one screening hit of a report.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct NewDecision {
        pub report_id: String,
        /// The list source of the hit, e.g. `eu_fsf`.
        pub source: String,
        pub entity_id: String,
        /// `CONFIRMED` or `DISMISSED`.
        pub decision: String,
        /// 1 to 1000 characters (the tables check it too).
        pub reason: String,
        pub notes: Option<String>,
        pub decided_by: String,
        pub decided_at: String,
    }

    /// A recorded decision; the highest `id` per hit is the current one.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
    pub struct DecisionRow {
        pub id: i64,
        pub report_id: String,
        pub source: String,
        pub entity_id: String,
        pub decision: String,
        pub reason: String,
        pub notes: Option<String>,
        pub decided_by: String,
        pub decided_at: String,
    }

    impl DecisionRow {
        pub(crate) fn of(id: i64, new: &NewDecision) -> Self {
            DecisionRow {
                id,
                report_id: new.report_id.clone(),
                source: new.source.clone(),
                entity_id: new.entity_id.clone(),
                decision: new.decision.clone(),
                reason: new.reason.clone(),
                notes: new.notes.clone(),
                decided_by: new.decided_by.clone(),
                decided_at: new.decided_at.clone(),
            }
        }
    }

    /// An event about to be appended to a case's log.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct NewCaseEvent {
        pub at: String,
        pub actor: String,
        /// e.g. `assigned`, `match_decided`, `note`.
        pub kind: String,
        /// Any JSON object.
        pub details: Value,
    }

    /// An event of a case's log; `seq` counts from 1 per report.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct CaseEventRow {
        pub report_id: String,
        pub seq: i64,
        pub at: String,
        pub actor: String,
        pub kind: String,
        pub details: Value,
    }

    /// What the case index is built from: a filed report's JSON.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct IndexSource {
        pub report_id: String,
        pub seq: i64,
        pub body: Value,
        pub screening: Value,
    }

    /// A report's entry in the case index.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct CaseIndexRow {
        pub report_id: String,
        pub seq: i64,
        pub max_score: Option<f64>,
        /// Distinct (source, entity id) pairs among the hits.
        pub hit_count: i64,
        /// (kind, key): kind `regime`, `programme`, `identifier` or
        /// `entity`; keys normalised by the caller.
        pub keys: Vec<(String, String)>,
    }

    /// Another report sharing the key `kind`/`key`.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
    pub struct LinkRow {
        pub report_id: String,
        pub kind: String,
        pub key: String,
    }

    /// Whose reports triage lists.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AssigneeFilter {
        #[default]
        Anyone,
        Unassigned,
        /// Assigned to this user id.
        User(String),
    }

    /// The triage queue's filters and page. Timestamps are store text.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    pub struct TriageFilter {
        pub report_type: Option<String>,
        pub status: Option<String>,
        /// A regime of the envelope or a programme of a hit, normalised.
        pub regime: Option<String>,
        /// Only reports with an open deadline due before this.
        pub due_before: Option<String>,
        /// Only reports with an open deadline due before this (now).
        pub overdue_at: Option<String>,
        pub min_score: Option<f64>,
        pub assignee: AssigneeFilter,
        /// Only reports with an open deadline or an undecided hit.
        pub open_only: bool,
        pub offset: u32,
        pub limit: u32,
    }

    /// A line of the triage queue.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
    pub struct TriageRow {
        pub seq: i64,
        pub id: String,
        pub org_id: String,
        pub report_type: String,
        pub status: String,
        pub received_at: String,
        pub max_score: Option<f64>,
        pub hit_count: i64,
        /// Hits with a current decision.
        pub decided_count: i64,
        pub assignee: Option<String>,
        pub assignee_name: Option<String>,
        /// The nearest open deadline's due time.
        pub next_due: Option<String>,
    }
}
