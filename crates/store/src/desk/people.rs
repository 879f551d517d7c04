//! Organisations and their users.

use super::rows::{AuditEntry, OrgRow, UserRow};
use super::write_error;
use crate::{Store, StoreError};

const INSERT_ORG: &str = "INSERT INTO organisations \
     (id, name, kvk, lei, sector, kind, authority, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const SELECT_ORGS: &str =
    "SELECT id, name, kvk, lei, sector, kind, authority, created_at FROM organisations";

const INSERT_USER: &str = "INSERT INTO users \
     (id, org_id, email, display_name, password_hash, role, status, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const SELECT_USERS: &str = "SELECT id, org_id, email, display_name, password_hash, role, \
     status, created_at FROM users";
const SET_STATUS: &str = "UPDATE users SET status = $2 WHERE id = $1";
const SET_PASSWORD: &str = "UPDATE users SET password_hash = $2 WHERE id = $1";

/// Emails are keys: stored and looked up lower-cased (in Rust, so both
/// backends fold the same characters).
fn email_key(email: &str) -> String {
    email.to_lowercase()
}

macro_rules! people_backend {
    ($module:ident, $pool:ty) => {
        mod $module {
            use super::*;
            use crate::desk::audit::$module as audit;

            pub(super) async fn create_org(
                pool: &$pool,
                org: &OrgRow,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                sqlx::query(INSERT_ORG)
                    .bind(&org.id)
                    .bind(&org.name)
                    .bind(&org.kvk)
                    .bind(&org.lei)
                    .bind(&org.sector)
                    .bind(&org.kind)
                    .bind(&org.authority)
                    .bind(&org.created_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| write_error(e, || format!("organisation {}", org.id)))?;
                audit::commit(tx, &head, entry).await?;
                Ok(())
            }

            pub(super) async fn org(pool: &$pool, id: &str) -> Result<Option<OrgRow>, StoreError> {
                Ok(sqlx::query_as(&format!("{SELECT_ORGS} WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?)
            }

            pub(super) async fn orgs(pool: &$pool) -> Result<Vec<OrgRow>, StoreError> {
                Ok(sqlx::query_as(&format!("{SELECT_ORGS} ORDER BY name, id"))
                    .fetch_all(pool)
                    .await?)
            }

            pub(super) async fn create_user(
                pool: &$pool,
                user: &UserRow,
                entry: &AuditEntry,
            ) -> Result<(), StoreError> {
                let email = email_key(&user.email);
                let (mut tx, head) = audit::begin(pool).await?;
                sqlx::query(INSERT_USER)
                    .bind(&user.id)
                    .bind(&user.org_id)
                    .bind(&email)
                    .bind(&user.display_name)
                    .bind(&user.password_hash)
                    .bind(&user.role)
                    .bind(&user.status)
                    .bind(&user.created_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| write_error(e, || format!("user {} <{email}>", user.id)))?;
                audit::commit(tx, &head, entry).await?;
                Ok(())
            }

            pub(super) async fn user(
                pool: &$pool,
                column: &str,
                value: &str,
            ) -> Result<Option<UserRow>, StoreError> {
                Ok(
                    sqlx::query_as(&format!("{SELECT_USERS} WHERE {column} = $1"))
                        .bind(value)
                        .fetch_optional(pool)
                        .await?,
                )
            }

            pub(super) async fn users_of_org(
                pool: &$pool,
                org_id: &str,
            ) -> Result<Vec<UserRow>, StoreError> {
                Ok(
                    sqlx::query_as(&format!("{SELECT_USERS} WHERE org_id = $1 ORDER BY email"))
                        .bind(org_id)
                        .fetch_all(pool)
                        .await?,
                )
            }

            /// Runs `statement` (`$1` the user id, `$2` the value); commits
            /// with the audit entry only if a user was changed.
            pub(super) async fn update_user(
                pool: &$pool,
                statement: &str,
                id: &str,
                value: &str,
                entry: &AuditEntry,
            ) -> Result<bool, StoreError> {
                let (mut tx, head) = audit::begin(pool).await?;
                let changed = sqlx::query(statement)
                    .bind(id)
                    .bind(value)
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

people_backend!(on_sqlite, sqlx::SqlitePool);
people_backend!(on_postgres, sqlx::PgPool);

impl Store {
    /// Adds an organisation; an id already taken is a
    /// [`StoreError::Conflict`].
    pub async fn create_org(&self, org: &OrgRow, audit: &AuditEntry) -> Result<(), StoreError> {
        on_desk_backend!(self, create_org(org, audit))
    }

    pub async fn org(&self, id: &str) -> Result<Option<OrgRow>, StoreError> {
        on_desk_backend!(self, org(id))
    }

    /// Every organisation, by name.
    pub async fn orgs(&self) -> Result<Vec<OrgRow>, StoreError> {
        on_desk_backend!(self, orgs())
    }

    /// Adds a user with the email lower-cased; an email (or id) already
    /// taken is a [`StoreError::Conflict`], so is an unknown organisation.
    pub async fn create_user(&self, user: &UserRow, audit: &AuditEntry) -> Result<(), StoreError> {
        on_desk_backend!(self, create_user(user, audit))
    }

    pub async fn user(&self, id: &str) -> Result<Option<UserRow>, StoreError> {
        on_desk_backend!(self, user("id", id))
    }

    /// Looks a user up by email, ignoring case.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, StoreError> {
        let email = email_key(email);
        on_desk_backend!(self, user("email", &email))
    }

    /// The users of one organisation, by email.
    pub async fn users_of_org(&self, org_id: &str) -> Result<Vec<UserRow>, StoreError> {
        on_desk_backend!(self, users_of_org(org_id))
    }

    /// Sets a user's status; `false` (and no audit entry) if there is no
    /// such user.
    pub async fn set_user_status(
        &self,
        id: &str,
        status: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        on_desk_backend!(self, update_user(SET_STATUS, id, status, audit))
    }

    /// Replaces a user's password hash; `false` (and no audit entry) if
    /// there is no such user.
    pub async fn set_password_hash(
        &self,
        id: &str,
        hash: &str,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        on_desk_backend!(self, update_user(SET_PASSWORD, id, hash, audit))
    }
}
