//! Organisations, users, sessions and API keys, with who may manage whom:
//! administrators manage everything; a reporter-admin approves and manages
//! the users and API keys of their own organisation only.

use chrono::Duration;
use serde::Serialize;
use std::time::Instant;

use meldpunt_store::{ApiKeyRow, AuditEntry, OrgRow, SessionRow, UserRow};

use crate::secret::{self, api_key_prefix, digests_equal, sha256_hex};
use crate::{Credential, Desk, DeskError, Principal, Role, ANONYMOUS_ORG, REPORTING_POINT_ORG};

/// Sessions last a working day: goAML's 90-minute logout is one of the
/// complaints the reporting point should not repeat.
pub const SESSION_HOURS: i64 = 12;
/// Length limits on account fields, so no one stores a 10-MB name.
pub const MAX_FIELD_CHARS: usize = 200;

/// An organisation to create; `authority` is set for authority organisations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrg {
    pub name: String,
    pub kvk: Option<String>,
    pub lei: Option<String>,
    pub sector: String,
    /// `reporter` or `authority`.
    pub kind: String,
    pub authority: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub org_id: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

/// A user as shown to others: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserView {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub status: String,
    pub created_at: String,
}

impl From<UserRow> for UserView {
    fn from(row: UserRow) -> Self {
        UserView {
            id: row.id,
            org_id: row.org_id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            status: row.status,
            created_at: row.created_at,
        }
    }
}

/// An API key as listed: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKeyView {
    pub id: String,
    pub org_id: String,
    pub label: String,
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

impl From<ApiKeyRow> for ApiKeyView {
    fn from(row: ApiKeyRow) -> Self {
        ApiKeyView {
            id: row.id,
            org_id: row.org_id,
            label: row.label,
            prefix: row.prefix,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// A signed-in session: the token goes into a cookie, the CSRF token into
/// every form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: String,
    pub principal: Principal,
}

fn field(name: &str, value: &str) -> Result<String, DeskError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DeskError::invalid(name, "must not be empty"));
    }
    if value.chars().count() > MAX_FIELD_CHARS {
        return Err(DeskError::invalid(
            name,
            format!("must be at most {MAX_FIELD_CHARS} characters"),
        ));
    }
    Ok(value.to_string())
}

fn email(value: &str) -> Result<String, DeskError> {
    let value = field("email", value)?.to_lowercase();
    let shaped = value
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if !shaped || value.chars().any(char::is_whitespace) {
        return Err(DeskError::invalid("email", "is not an e-mail address"));
    }
    Ok(value)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Desk {
    pub(crate) fn audit_entry(
        &self,
        by: &Principal,
        org_id: Option<&str>,
        action: &str,
        target: String,
    ) -> AuditEntry {
        AuditEntry {
            actor: by.actor(),
            org_id: org_id.map(str::to_string),
            action: action.to_string(),
            target,
            before: None,
            after: None,
        }
    }

    pub async fn create_org(&self, by: &Principal, new: NewOrg) -> Result<OrgRow, DeskError> {
        if by.role != Role::Admin {
            return Err(DeskError::Forbidden(
                "only administrators create organisations",
            ));
        }
        if !matches!(new.kind.as_str(), "reporter" | "authority") {
            return Err(DeskError::invalid("kind", "must be reporter or authority"));
        }
        if (new.kind == "authority") != new.authority.is_some() {
            return Err(DeskError::invalid(
                "authority",
                "is required for, and only for, authority organisations",
            ));
        }
        if let Some(code) = &new.authority {
            code.parse::<meldpunt_reports::Authority>().map_err(|_| {
                DeskError::invalid("authority", format!("unknown authority '{code}'"))
            })?;
        }
        let org = OrgRow {
            id: new_id(),
            name: field("name", &new.name)?,
            kvk: new.kvk,
            lei: new.lei,
            sector: field("sector", &new.sector)?,
            kind: new.kind,
            authority: new.authority,
            created_at: self.stamp(self.now()),
        };
        let mut audit =
            self.audit_entry(by, Some(&org.id), "org.create", format!("org:{}", org.id));
        audit.after = serde_json::to_value(&org).ok();
        self.store.create_org(&org, &audit).await?;
        Ok(org)
    }

    pub async fn org(&self, by: &Principal, id: &str) -> Result<OrgRow, DeskError> {
        if by.org_id != id && !by.role.sees_all_reports() {
            return Err(DeskError::NotFound("organisation"));
        }
        self.store
            .org(id)
            .await?
            .ok_or(DeskError::NotFound("organisation"))
    }

    /// Creates an active user. Administrators may create any user; a
    /// reporter-admin only reporters and reporter-admins of their own
    /// organisation.
    pub async fn create_user(&self, by: &Principal, new: NewUser) -> Result<UserView, DeskError> {
        match by.role {
            Role::Admin => {}
            Role::ReporterAdmin if new.org_id == by.org_id && new.role.files_reports() => {}
            Role::ReporterAdmin => {
                return Err(DeskError::Forbidden(
                    "a reporter-admin creates reporters of their own organisation only",
                ))
            }
            _ => return Err(DeskError::Forbidden("only administrators manage users")),
        }
        self.insert_user(by, new, "active").await
    }

    /// Self-service sign-up: the user waits, `pending`, until a
    /// reporter-admin of the organisation approves them.
    pub async fn register(&self, new: NewUser) -> Result<UserView, DeskError> {
        let org = self.store.org(&new.org_id).await?;
        let open = org.is_some_and(|o| o.kind == "reporter" && o.id != ANONYMOUS_ORG);
        if !open || new.role != Role::Reporter {
            return Err(DeskError::invalid(
                "org_id",
                "sign-up is open to reporters of a reporting organisation only",
            ));
        }
        let by = Principal {
            credential: Credential::Anonymous,
            org_id: new.org_id.clone(),
            role: Role::Reporter,
            authority: None,
        };
        self.insert_user(&by, new, "pending").await
    }

    async fn insert_user(
        &self,
        by: &Principal,
        new: NewUser,
        status: &str,
    ) -> Result<UserView, DeskError> {
        let org = self
            .store
            .org(&new.org_id)
            .await?
            .ok_or_else(|| DeskError::invalid("org_id", "no such organisation"))?;
        let expected_kind = match new.role {
            Role::Reporter | Role::ReporterAdmin => "reporter",
            Role::Analyst | Role::Admin => "reporting_point",
            Role::AuthorityViewer => "authority",
        };
        if org.kind != expected_kind || org.id == ANONYMOUS_ORG {
            return Err(DeskError::invalid(
                "role",
                format!("a {} belongs to a {expected_kind} organisation", new.role),
            ));
        }
        let user = UserRow {
            id: new_id(),
            org_id: org.id,
            email: email(&new.email)?,
            display_name: field("display_name", &new.display_name)?,
            password_hash: secret::hash_password(&new.password)?,
            role: new.role.as_str().to_string(),
            status: status.to_string(),
            created_at: self.stamp(self.now()),
        };
        let view = UserView::from(user.clone());
        let mut audit = self.audit_entry(
            by,
            Some(&user.org_id),
            "user.create",
            format!("user:{}", user.id),
        );
        audit.after = serde_json::to_value(&view).ok();
        self.store
            .create_user(&user, &audit)
            .await
            .map_err(|e| match e {
                meldpunt_store::StoreError::Conflict(_) => {
                    DeskError::Conflict("a user with this e-mail address exists".to_string())
                }
                other => other.into(),
            })?;
        Ok(view)
    }

    /// The user, if `by` may manage them; another organisation's user is
    /// "not found".
    async fn managed_user(&self, by: &Principal, user_id: &str) -> Result<UserRow, DeskError> {
        let user = self
            .store
            .user(user_id)
            .await?
            .ok_or(DeskError::NotFound("user"))?;
        match by.role {
            Role::Admin => Ok(user),
            Role::ReporterAdmin if user.org_id == by.org_id => Ok(user),
            Role::ReporterAdmin => Err(DeskError::NotFound("user")),
            _ => Err(DeskError::Forbidden("only administrators manage users")),
        }
    }

    pub async fn set_user_status(
        &self,
        by: &Principal,
        user_id: &str,
        status: &str,
    ) -> Result<UserView, DeskError> {
        if !matches!(status, "active" | "disabled") {
            return Err(DeskError::invalid("status", "must be active or disabled"));
        }
        let mut user = self.managed_user(by, user_id).await?;
        if by.user_id() == Some(user_id) {
            return Err(DeskError::Forbidden("you cannot change your own status"));
        }
        let action = if status == "active" {
            "user.approve"
        } else {
            "user.disable"
        };
        let mut audit = self.audit_entry(by, Some(&user.org_id), action, format!("user:{user_id}"));
        audit.before = Some(serde_json::json!({"status": user.status}));
        audit.after = Some(serde_json::json!({"status": status}));
        self.store.set_user_status(user_id, status, &audit).await?;
        user.status = status.to_string();
        Ok(user.into())
    }

    pub async fn users_of_org(
        &self,
        by: &Principal,
        org_id: &str,
    ) -> Result<Vec<UserView>, DeskError> {
        let allowed =
            by.role == Role::Admin || (by.role == Role::ReporterAdmin && by.org_id == org_id);
        if !allowed {
            return Err(DeskError::Forbidden("only administrators manage users"));
        }
        let users = self.store.users_of_org(org_id).await?;
        Ok(users.into_iter().map(UserView::from).collect())
    }

    /// Signs in. Every failure reads the same, so the answer does not tell
    /// whether an address has an account. Failures are rate-limited per
    /// account and per client address.
    pub async fn login(
        &self,
        email_text: &str,
        password: &str,
        client: Option<&str>,
    ) -> Result<Session, DeskError> {
        let account = email_text.trim().to_lowercase();
        let clock = Instant::now();
        if let Some(wait) = self.logins.check(&account, client, clock) {
            return Err(DeskError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            });
        }
        let outcome = self.check_password(email_text, password).await;
        match &outcome {
            Ok(_) => self.logins.record_success(&account),
            Err(DeskError::Unauthenticated(_)) => {
                self.logins.record_failure(&account, client, clock)
            }
            Err(_) => {}
        }
        let user = outcome?;
        let principal = self.user_principal(&user).await?;
        let token = secret::random_token();
        let now = self.now();
        let row = SessionRow {
            token_hash: sha256_hex(&token),
            user_id: user.id.clone(),
            csrf_token: secret::random_token(),
            created_at: self.stamp(now),
            expires_at: self.stamp(now + Duration::hours(SESSION_HOURS)),
        };
        self.store.create_session(&row).await?;
        Ok(Session {
            token,
            csrf_token: row.csrf_token,
            expires_at: row.expires_at,
            principal,
        })
    }

    async fn check_password(&self, email_text: &str, password: &str) -> Result<UserRow, DeskError> {
        const FAILED: DeskError = DeskError::Unauthenticated("wrong e-mail address or password");
        let user = match email(email_text) {
            Ok(address) => self.store.user_by_email(&address).await?,
            Err(_) => None,
        };
        let Some(user) = user else {
            // Spend the same time as a real check.
            let _ = secret::verify_password(password, dummy_hash());
            return Err(FAILED);
        };
        if !secret::verify_password(password, &user.password_hash) {
            return Err(FAILED);
        }
        if user.status != "active" {
            return Err(DeskError::Unauthenticated(
                "this account is not active; a reporter-admin of your organisation approves new users",
            ));
        }
        Ok(user)
    }

    pub async fn logout(&self, token: &str) -> Result<(), DeskError> {
        self.store.delete_session(&sha256_hex(token)).await?;
        Ok(())
    }

    /// The caller behind a session cookie, with the session's CSRF token.
    pub async fn session(&self, token: &str) -> Result<(Principal, String), DeskError> {
        let (principal, csrf_token, _) = self.session_with_org(token).await?;
        Ok((principal, csrf_token))
    }

    /// [`Desk::session`], and the name of the caller's organisation (for a
    /// page header), read in the same lookup.
    pub async fn session_with_org(
        &self,
        token: &str,
    ) -> Result<(Principal, String, String), DeskError> {
        const EXPIRED: DeskError = DeskError::Unauthenticated("session expired or unknown");
        let row = self
            .store
            .session(&sha256_hex(token))
            .await?
            .ok_or(EXPIRED)?;
        if row.expires_at <= self.stamp(self.now()) {
            self.store.delete_session(&row.token_hash).await?;
            return Err(EXPIRED);
        }
        let user = self.store.user(&row.user_id).await?.ok_or(EXPIRED)?;
        if user.status != "active" {
            return Err(EXPIRED);
        }
        let (principal, org) = self.user_principal_and_org(&user).await?;
        Ok((principal, row.csrf_token, org.name))
    }

    async fn user_principal(&self, user: &UserRow) -> Result<Principal, DeskError> {
        Ok(self.user_principal_and_org(user).await?.0)
    }

    async fn user_principal_and_org(
        &self,
        user: &UserRow,
    ) -> Result<(Principal, OrgRow), DeskError> {
        let role: Role = user
            .role
            .parse()
            .map_err(|e: String| DeskError::Internal(format!("user {}: {e}", user.id)))?;
        let org =
            self.store.org(&user.org_id).await?.ok_or_else(|| {
                DeskError::Internal(format!("user {} has no organisation", user.id))
            })?;
        let principal = Principal {
            credential: Credential::User {
                user_id: user.id.clone(),
            },
            org_id: user.org_id.clone(),
            role,
            authority: org.authority.clone(),
        };
        Ok((principal, org))
    }

    /// A new API key for the caller's organisation. The key itself is
    /// returned once and never stored.
    pub async fn create_api_key(
        &self,
        by: &Principal,
        label: &str,
    ) -> Result<(ApiKeyView, String), DeskError> {
        if by.role != Role::ReporterAdmin {
            return Err(DeskError::Forbidden(
                "a reporter-admin creates their organisation's API keys",
            ));
        }
        let (prefix, key) = secret::new_api_key();
        let row = ApiKeyRow {
            id: new_id(),
            org_id: by.org_id.clone(),
            label: field("label", label)?,
            prefix,
            secret_hash: sha256_hex(&key),
            created_by: by.actor(),
            created_at: self.stamp(self.now()),
            revoked_at: None,
        };
        let view = ApiKeyView::from(row.clone());
        let mut audit = self.audit_entry(
            by,
            Some(&row.org_id),
            "api_key.create",
            format!("api_key:{}", row.id),
        );
        audit.after = serde_json::to_value(&view).ok();
        self.store.create_api_key(&row, &audit).await?;
        Ok((view, key))
    }

    pub async fn api_keys(&self, by: &Principal) -> Result<Vec<ApiKeyView>, DeskError> {
        if by.role != Role::ReporterAdmin {
            return Err(DeskError::Forbidden(
                "a reporter-admin manages their organisation's API keys",
            ));
        }
        let keys = self.store.api_keys_of_org(&by.org_id).await?;
        Ok(keys.into_iter().map(ApiKeyView::from).collect())
    }

    pub async fn revoke_api_key(&self, by: &Principal, key_id: &str) -> Result<(), DeskError> {
        let keys = self.api_keys(by).await?;
        if !keys.iter().any(|k| k.id == key_id) {
            return Err(DeskError::NotFound("API key"));
        }
        let now = self.stamp(self.now());
        let audit = self.audit_entry(
            by,
            Some(&by.org_id),
            "api_key.revoke",
            format!("api_key:{key_id}"),
        );
        self.store.revoke_api_key(key_id, &now, &audit).await?;
        Ok(())
    }

    /// The organisation behind an API key; it acts as a reporter.
    pub async fn api_key(&self, key: &str) -> Result<Principal, DeskError> {
        const BAD: DeskError = DeskError::Unauthenticated("unknown or revoked API key");
        let prefix = api_key_prefix(key).ok_or(BAD)?;
        let row = self.store.api_key_by_prefix(prefix).await?.ok_or(BAD)?;
        if row.revoked_at.is_some() || !digests_equal(&row.secret_hash, &sha256_hex(key)) {
            return Err(BAD);
        }
        Ok(Principal {
            credential: Credential::ApiKey { key_id: row.id },
            org_id: row.org_id,
            role: Role::Reporter,
            authority: None,
        })
    }

    /// The anonymous caller of the whistleblower channel.
    pub fn anonymous(&self) -> Principal {
        Principal {
            credential: Credential::Anonymous,
            org_id: ANONYMOUS_ORG.to_string(),
            role: Role::Reporter,
            authority: None,
        }
    }

    /// Whether `org_id` is the reporting point's own organisation.
    pub fn is_reporting_point(org_id: &str) -> bool {
        org_id == REPORTING_POINT_ORG
    }
}

/// An argon2id hash of a random string, verified against when the e-mail
/// address is unknown so that both paths cost the same.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| secret::hash_password(&secret::random_token()).unwrap_or_default())
}
