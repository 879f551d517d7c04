//! How callers get in: API keys of organisations and browser sessions of
//! users. Only hashes of secrets and tokens are stored.

use super::rows::{ApiKeyRow, AuditEntry, SessionRow};
use super::write_error;
use crate::{Store, StoreError};

const INSERT_KEY: &str = "INSERT INTO api_keys \
     (id, org_id, label, prefix, secret_hash, created_by, created_at, revoked_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const SELECT_KEYS: &str = "SELECT id, org_id, label, prefix, secret_hash, created_by, \
     created_at, revoked_at FROM api_keys";
/// A key revoked twice keeps its first revocation time.
const REVOKE_KEY: &str = "UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";

const INSERT_SESSION: &str = "INSERT INTO sessions \
     (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
const SELECT_SESSION: &str = "SELECT token_hash, user_id, csrf_token, created_at, expires_at \
     FROM sessions WHERE token_hash = $1";
const DELETE_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
const DELETE_EXPIRED: &str = "DELETE FROM sessions WHERE expires_at <= $1";

macro_rules! access_backend {
    ($module:ident, $pool:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;

            pub(super) async fn create_api_key(
                pool: &$pool,
                key: &ApiKeyRow,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                sqlx::query(INSERT_KEY)
                    .bind(&key.id)
                    .bind(&key.org_id)
                    .bind(&key.label)
                    .bind(&key.prefix)
                    .bind(&key.secret_hash)
                    .bind(&key.created_by)
                    .bind(&key.created_at)
                    .bind(&key.revoked_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| {
                        write_error(e, || format!("API key {} ({})", key.id, key.prefix))
                    })?;
                audit::commit(tx, &head, entry).await?;
                Ok(())
            }

            pub(super) async fn api_key_by_prefix(
                pool: &$pool,
                prefix: &str,
            ) -> Result<Option<ApiKeyRow>, StoreError> {
                Ok(sqlx::query_as(&format!("{SELECT_KEYS} WHERE prefix = $1"))
                    .bind(prefix)
                    .fetch_optional(pool)
                    .await?)
            }

            pub(super) async fn api_keys_of_org(
                pool: &$pool,
                org_id: &str,
            ) -> Result<Vec<ApiKeyRow>, StoreError> {
                let sql = format!("{SELECT_KEYS} WHERE org_id = $1 ORDER BY created_at, id");
                Ok(sqlx::query_as(&sql).bind(org_id).fetch_all(pool).await?)
            }

            pub(super) async fn revoke_api_key(
                pool: &$pool,
                id: &str,
                at: &str,
                entry: &AuditEntry,
            ) -> Result<bool, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let changed = sqlx::query(REVOKE_KEY)
                    .bind(id)
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

            pub(super) async fn create_session(
                pool: &$pool,
                session: &SessionRow,
            ) -> Result<(), StoreError> {
                sqlx::query(INSERT_SESSION)
                    .bind(&session.token_hash)
                    .bind(&session.user_id)
                    .bind(&session.csrf_token)
                    .bind(&session.created_at)
                    .bind(&session.expires_at)
                    .execute(pool)
                    .await
                    .map_err(|e| write_error(e, || "session".to_string()))?;
                Ok(())
            }

            pub(super) async fn session(
                pool: &$pool,
                token_hash: &str,
            ) -> Result<Option<SessionRow>, StoreError> {
                Ok(sqlx::query_as(SELECT_SESSION)
                    .bind(token_hash)
                    .fetch_optional(pool)
                    .await?)
            }

            pub(super) async fn delete_sessions(
                pool: &$pool,
                statement: &str,
                key: &str,
            ) -> Result<u64, StoreError> {
                let done = sqlx::query(statement).bind(key).execute(pool).await?;
                Ok(done.rows_affected())
            }
        }
    };
}

access_backend!(on_sqlite, sqlx::SqlitePool);
access_backend!(on_postgres, sqlx::PgPool);

impl Store {
    /// Adds an API key; a prefix (or id) already taken is a
    /// [`StoreError::Conflict`].
    pub async fn create_api_key(
        &self,
        key: &ApiKeyRow,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        on_desk_backend!(self, create_api_key(key, audit))
    }

    /// The key with this prefix, revoked or not.
    pub async fn api_key_by_prefix(&self, prefix: &str) -> Result<Option<ApiKeyRow>, StoreError> {
        on_desk_backend!(self, api_key_by_prefix(prefix))
    }

    /// An organisation's keys, oldest first, revoked ones included.
    pub async fn api_keys_of_org(&self, org_id: &str) -> Result<Vec<ApiKeyRow>, StoreError> {
        on_desk_backend!(self, api_keys_of_org(org_id))
    }

    /// Marks a key revoked at `at`; `false` (and no audit entry) if there
    /// is no such key or it was already revoked.
    pub async fn revoke_api_key(
        &self,
        id: &str,
        at: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        on_desk_backend!(self, revoke_api_key(id, at, audit))
    }

    /// Stores a session; the caller audits the sign-in.
    pub async fn create_session(&self, session: &SessionRow) -> Result<(), StoreError> {
        on_desk_backend!(self, create_session(session))
    }

    /// The session with this token hash, expired or not: the caller
    /// compares `expires_at` with its clock.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, StoreError> {
        on_desk_backend!(self, session(token_hash))
    }

    /// Ends a session; ending one that does not exist is not an error.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_desk_backend!(self, delete_sessions(DELETE_SESSION, token_hash))?;
        Ok(())
    }

    /// Deletes the sessions that expired at or before `now`; returns how
    /// many.
    pub async fn delete_expired_sessions(&self, now: &str) -> Result<u64, StoreError> {
        on_desk_backend!(self, delete_sessions(DELETE_EXPIRED, now))
    }
}
