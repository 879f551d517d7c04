//! The reports statistics are computed from: every filed report of the
//! given types, confined to one organisation or one authority's routes when
//! the caller's scope says so. The desk aggregates them; the store only
//! selects, so both backends run the same plain SQL (no JSON operators,
//! which differ between SQLite and PostgreSQL). Filed reports never change,
//! so the desk keeps what it read from each and asks first for the keys
//! alone ([`Store::statistics_report_keys`]), then for the bodies of the
//! reports it has not read yet ([`Store::reports_with_ids`]).

use sqlx::{Postgres, Sqlite};

use super::reports::{ReportRecord, SELECT_REPORTS};
use super::rows::ReportRow;
use crate::{Store, StoreError};

/// How many ids go in one `IN (…)` list (SQLite allows 32,766 bound
/// parameters, PostgreSQL 65,535; smaller batches keep statements short).
const IDS_PER_QUERY: usize = 500;

/// Which reports [`Store::statistics_report_keys`] selects.
#[derive(Debug, Clone, Copy)]
struct Scope<'a> {
    org_id: Option<&'a str>,
    authority: Option<&'a str>,
    report_types: &'a [&'a str],
}

macro_rules! statistics_backend {
    ($module:ident, $db:ty, $pool:ty) => {
        mod $module {
            use super::*;
            use sqlx::QueryBuilder;

            pub(super) async fn statistics_report_keys(
                pool: &$pool,
                scope: &Scope<'_>,
            ) -> Result<Vec<(String, String)>, StoreError> {
                if scope.report_types.is_empty() {
                    return Ok(Vec::new());
                }
                let mut query =
                    QueryBuilder::<$db>::new("SELECT id, org_id FROM reports WHERE 1 = 1");
                scoped(&mut query, scope);
                query.push(" ORDER BY seq");
                Ok(query.build_query_as().fetch_all(pool).await?)
            }

            pub(super) async fn reports_with_ids(
                pool: &$pool,
                ids: &[String],
            ) -> Result<Vec<ReportRow>, StoreError> {
                let mut rows = Vec::with_capacity(ids.len());
                for batch in ids.chunks(IDS_PER_QUERY) {
                    let mut query = QueryBuilder::<$db>::new(SELECT_REPORTS);
                    query.push(" WHERE 1 = 1");
                    query.push(" AND id IN (");
                    let mut list = query.separated(", ");
                    for id in batch {
                        list.push_bind(id.clone());
                    }
                    list.push_unseparated(") ORDER BY seq");
                    let found: Vec<ReportRecord> = query.build_query_as().fetch_all(pool).await?;
                    rows.extend(found.into_iter().map(ReportRow::from));
                }
                Ok(rows)
            }

            fn scoped(query: &mut QueryBuilder<'_, $db>, scope: &Scope<'_>) {
                if let Some(org_id) = scope.org_id {
                    query.push(" AND org_id = ").push_bind(org_id.to_string());
                }
                if let Some(authority) = scope.authority {
                    query
                        .push(
                            " AND EXISTS (SELECT 1 FROM report_routes r \
                             WHERE r.report_id = reports.id AND r.authority = ",
                        )
                        .push_bind(authority.to_string())
                        .push(")");
                }
                query.push(" AND report_type IN (");
                let mut types = query.separated(", ");
                for report_type in scope.report_types {
                    types.push_bind(report_type.to_string());
                }
                types.push_unseparated(")");
            }
        }
    };
}

statistics_backend!(on_sqlite, Sqlite, sqlx::SqlitePool);
statistics_backend!(on_postgres, Postgres, sqlx::PgPool);

impl Store {
    /// The id and organisation of every report of one of `report_types`
    /// (SCREAMING_SNAKE_CASE; none selects nothing), of `org_id` only and
    /// routed to `authority` only when given, oldest (lowest seq) first and
    /// without paging: statistics need all of them.
    pub async fn statistics_report_keys(
        &self,
        org_id: Option<&str>,
        authority: Option<&str>,
        report_types: &[&str],
    ) -> Result<Vec<(String, String)>, StoreError> {
        let scope = Scope {
            org_id,
            authority,
            report_types,
        };
        on_desk_backend!(self, statistics_report_keys(&scope))
    }

    /// The reports with these ids (any that exist), oldest first.
    pub async fn reports_with_ids(&self, ids: &[String]) -> Result<Vec<ReportRow>, StoreError> {
        on_desk_backend!(self, reports_with_ids(ids))
    }
}
