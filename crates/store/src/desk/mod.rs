//! The reporting point's tables ("desk", migration `0003_desk`):
//! organisations, users, API keys, sessions, filed reports with their
//! routes and deadlines, drafts, and the hash-chained audit log.
//!
//! The types are plain rows, so the store does not depend on the reports
//! crate; `meldpunt-desk` builds on them. Every write that takes an
//! [`AuditEntry`] appends it to the audit log in the same transaction, so
//! no such change is committed without its entry (see `audit.rs`).

/// Calls the function of the same name in this module's `on_sqlite` or
/// `on_postgres` with the backend's pool and the given arguments.
macro_rules! on_desk_backend {
    ($store:expr, $f:ident($($arg:expr),* $(,)?)) => {
        match $store {
            $crate::Store::Sqlite(s) => on_sqlite::$f(s.pool() $(, $arg)*).await,
            $crate::Store::Postgres(s) => on_postgres::$f(s.pool() $(, $arg)*).await,
        }
    };
}

mod access;
mod audit;
mod cases;
mod chain;
mod deadlines;
mod drafts;
mod messages;
mod people;
mod reports;
mod rows;
mod statistics;

pub use cases::{
    AssigneeFilter, AssignmentRow, CaseEventRow, CaseIndexRow, DecisionRow, IndexSource, LinkRow,
    NewCaseEvent, NewDecision, TriageFilter, TriageRow,
};
pub use chain::{canonical_json, GENESIS_HASH};
pub use messages::{MessageRow, NewMessage};
pub use rows::{
    ApiKeyRow, AuditEntry, AuditProblem, AuditRow, AuditVerification, DeadlineRow, DraftRow,
    Insert, NewReport, OrgRow, ReportFilter, ReportRow, RouteRow, SessionRow, UserRow, REPORT_PAGE,
};

use sqlx::error::ErrorKind;
use sqlx::Executor;

use crate::{Store, StoreError};

/// A failed insert: a taken key or a missing referenced row is a
/// [`StoreError::Conflict`] naming `what`; anything else a database error.
pub(crate) fn write_error(error: sqlx::Error, what: impl FnOnce() -> String) -> StoreError {
    let kind = match &error {
        sqlx::Error::Database(db) => db.kind(),
        _ => ErrorKind::Other,
    };
    match kind {
        ErrorKind::UniqueViolation => StoreError::Conflict(format!("{} already exists", what())),
        ErrorKind::ForeignKeyViolation => StoreError::Conflict(format!(
            "{} refers to an organisation, user or report that does not exist",
            what()
        )),
        _ => StoreError::Database(error),
    }
}

impl Store {
    /// Runs raw SQL (several statements allowed). For tests that play an
    /// attacker with database access, e.g. dropping the audit log's
    /// triggers and rewriting an entry.
    #[doc(hidden)]
    pub async fn execute_raw_for_tests(&self, sql: &str) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.pool().execute(sql).await?;
            }
            Store::Postgres(s) => {
                s.pool().execute(sql).await?;
            }
        }
        Ok(())
    }
}
