//! Drafts: reports being written in the portal, saved as often as the
//! user likes, in any shape.

use serde_json::Value;
use sqlx::types::Json;

use super::rows::{AuditEntry, DraftRow};
use super::write_error;
use crate::{Store, StoreError};

const SELECT_DRAFTS: &str =
    "SELECT id, org_id, created_by, created_at, updated_at, report_type, body FROM drafts";
const OWNER: &str = "SELECT org_id FROM drafts WHERE id = $1";
/// A save keeps who created the draft and when.
const UPSERT_DRAFT: &str = "INSERT INTO drafts \
     (id, org_id, created_by, created_at, updated_at, report_type, body) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) \
     ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, \
     report_type = excluded.report_type, body = excluded.body";
const DELETE_DRAFT: &str = "DELETE FROM drafts WHERE id = $1";

#[derive(sqlx::FromRow)]
struct DraftRecord {
    id: String,
    org_id: String,
    created_by: String,
    created_at: String,
    updated_at: String,
    report_type: Option<String>,
    body: Json<Value>,
}

impl From<DraftRecord> for DraftRow {
    fn from(r: DraftRecord) -> Self {
        DraftRow {
            id: r.id,
            org_id: r.org_id,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            report_type: r.report_type,
            body: r.body.0,
        }
    }
}

macro_rules! drafts_backend {
    ($module:ident, $pool:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;

            pub(super) async fn save(
                pool: &$pool,
                draft: &DraftRow,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let owner: Option<String> = sqlx::query_scalar(OWNER)
                    .bind(&draft.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if owner.as_ref().is_some_and(|owner| *owner != draft.org_id) {
                    tx.rollback().await?;
                    let id = &draft.id;
                    return Err(StoreError::Conflict(format!(
                        "draft {id} belongs to another organisation"
                    )));
                }
                sqlx::query(UPSERT_DRAFT)
                    .bind(&draft.id)
                    .bind(&draft.org_id)
                    .bind(&draft.created_by)
                    .bind(&draft.created_at)
                    .bind(&draft.updated_at)
                    .bind(&draft.report_type)
                    .bind(Json(&draft.body))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| write_error(e, || format!("draft {}", draft.id)))?;
                audit::commit(tx, &head, entry).await?;
                Ok(())
            }

            pub(super) async fn draft(
                pool: &$pool,
                id: &str,
            ) -> Result<Option<DraftRow>, StoreError> {
                let found: Option<DraftRecord> =
                    sqlx::query_as(&format!("{SELECT_DRAFTS} WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(pool)
                        .await?;
                Ok(found.map(DraftRow::from))
            }

            pub(super) async fn drafts_of_org(
                pool: &$pool,
                org_id: &str,
            ) -> Result<Vec<DraftRow>, StoreError> {
                let sql = format!("{SELECT_DRAFTS} WHERE org_id = $1 ORDER BY updated_at DESC, id");
                let rows: Vec<DraftRecord> =
                    sqlx::query_as(&sql).bind(org_id).fetch_all(pool).await?;
                Ok(rows.into_iter().map(DraftRow::from).collect())
            }

            pub(super) async fn delete(
                pool: &$pool,
                id: &str,
                entry: &AuditEntry,
            ) -> Result<bool, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let deleted = sqlx::query(DELETE_DRAFT)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if deleted == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                audit::commit(tx, &head, entry).await?;
                Ok(true)
            }
        }
    };
}

drafts_backend!(on_sqlite, sqlx::SqlitePool);
drafts_backend!(on_postgres, sqlx::PgPool);

impl Store {
    /// Creates or replaces a draft (keeping its creator and creation
    /// time). A draft id held by another organisation is a
    /// [`StoreError::Conflict`].
    pub async fn save_draft(&self, draft: &DraftRow, audit: &AuditEntry) -> Result<(), StoreError> {
        on_desk_backend!(self, save(draft, audit))
    }

    pub async fn draft(&self, id: &str) -> Result<Option<DraftRow>, StoreError> {
        on_desk_backend!(self, draft(id))
    }

    /// An organisation's drafts, most recently updated first.
    pub async fn drafts_of_org(&self, org_id: &str) -> Result<Vec<DraftRow>, StoreError> {
        on_desk_backend!(self, drafts_of_org(org_id))
    }

    /// Deletes a draft; `false` (and no audit entry) if there is none.
    pub async fn delete_draft(&self, id: &str, audit: &AuditEntry) -> Result<bool, StoreError> {
        on_desk_backend!(self, delete(id, audit))
    }
}
