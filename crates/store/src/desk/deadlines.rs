//! Deadlines that run from filed reports (written by
//! [`Store::insert_report`]): which are overdue, and marking them met.

use super::rows::{AuditEntry, DeadlineRow};
use crate::{Store, StoreError};

const SELECT_DEADLINES: &str = "SELECT kind, authority, starts_at, due_at, met_at \
     FROM report_deadlines WHERE report_id = $1 ORDER BY id";
const SELECT_OVERDUE: &str = "SELECT report_id, kind, authority, starts_at, due_at, met_at \
     FROM report_deadlines WHERE met_at IS NULL AND due_at < $1 ORDER BY due_at, id";
/// A deadline met twice keeps the first time.
const SET_MET: &str = "UPDATE report_deadlines SET met_at = $3 \
     WHERE report_id = $1 AND kind = $2 AND met_at IS NULL";

type OverdueTuple = (
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
);

fn overdue_row(t: OverdueTuple) -> (String, DeadlineRow) {
    let deadline = DeadlineRow {
        kind: t.1,
        authority: t.2,
        starts_at: t.3,
        due_at: t.4,
        met_at: t.5,
    };
    (t.0, deadline)
}

macro_rules! deadlines_backend {
    ($module:ident, $pool:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;

            pub(super) async fn deadlines_of(
                pool: &$pool,
                report_id: &str,
            ) -> Result<Vec<DeadlineRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_DEADLINES)
                    .bind(report_id)
                    .fetch_all(pool)
                    .await?)
            }

            pub(super) async fn overdue(
                pool: &$pool,
                now: &str,
            ) -> Result<Vec<(String, DeadlineRow)>, StoreError> {
                let rows: Vec<OverdueTuple> = sqlx::query_as(SELECT_OVERDUE)
                    .bind(now)
                    .fetch_all(pool)
                    .await?;
                Ok(rows.into_iter().map(overdue_row).collect())
            }

            pub(super) async fn set_met(
                pool: &$pool,
                report_id: &str,
                kind: &str,
                at: &str,
                entry: &AuditEntry,
            ) -> Result<bool, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let changed = sqlx::query(SET_MET)
                    .bind(report_id)
                    .bind(kind)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                audit::commit(tx, &head, entry).await?;
                Ok(true)
            }
        }
    };
}

deadlines_backend!(on_sqlite, sqlx::SqlitePool);
deadlines_backend!(on_postgres, sqlx::PgPool);

impl Store {
    /// A report's deadlines, in the order given.
    pub async fn deadlines_of(&self, report_id: &str) -> Result<Vec<DeadlineRow>, StoreError> {
        on_desk_backend!(self, deadlines_of(report_id))
    }

    /// Deadlines not met and due before `now`, earliest due first, with
    /// their report's id.
    pub async fn overdue_deadlines(
        &self,
        now: &str,
    ) -> Result<Vec<(String, DeadlineRow)>, StoreError> {
        on_desk_backend!(self, overdue(now))
    }

    /// Marks a report's open deadlines of `kind` met at `at`; `false` (and
    /// no audit entry) if there was none open.
    pub async fn set_deadline_met(
        &self,
        report_id: &str,
        kind: &str,
        at: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        on_desk_backend!(self, set_met(report_id, kind, at, audit))
    }
}
