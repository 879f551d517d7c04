//! The desk's rows: plain types, so the store does not depend on the
//! reports crate; `meldpunt-desk` converts between them and its own types.
//! Timestamps are RFC 3339 UTC text in one fixed format, so text order is
//! time order.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Rows per page when a [`ReportFilter`] is built with `Default`.
pub const REPORT_PAGE: u32 = 100;

/// An organisation: a reporter, the reporting point itself or an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    /// Chamber of Commerce number.
    pub kvk: Option<String>,
    pub lei: Option<String>,
    /// e.g. `bank`.
    pub sector: String,
    /// `reporter`, `reporting_point` or `authority`.
    pub kind: String,
    /// For kind `authority`: which one, e.g. `DNB`.
    pub authority: Option<String>,
    pub created_at: String,
}

/// A person who signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub org_id: String,
    /// Stored lower-case and unique.
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    /// `reporter`, `reporter_admin`, `analyst`, `authority_viewer` or `admin`.
    pub role: String,
    /// `pending`, `active` or `disabled`.
    pub status: String,
    pub created_at: String,
}

/// An API key of an organisation; only a hash of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ApiKeyRow {
    pub id: String,
    pub org_id: String,
    pub label: String,
    /// Unique lookup handle, e.g. `mpk_ab12cd34`.
    pub prefix: String,
    pub secret_hash: String,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A signed-in browser session; only a hash of its token is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: String,
    pub expires_at: String,
}

/// One authority a report was forwarded to, and the rule that chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct RouteRow {
    pub authority: String,
    /// e.g. `routing-2026-1`.
    pub rule_table: String,
    pub rule_id: String,
    pub forwarded_at: String,
}

/// A deadline that runs from a report, e.g. `report_freeze`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DeadlineRow {
    pub kind: String,
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    pub met_at: Option<String>,
}

/// A report about to be filed, with its routes and deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReport {
    /// A UUID.
    pub id: String,
    pub org_id: String,
    pub submitted_by: String,
    /// `api`, `xml`, `csv`, `portal` or `draft`.
    pub channel: String,
    pub report_type: String,
    /// `ACCEPTED`, `ACCEPTED_WITH_WARNINGS`, `RECEIVED` or `REJECTED`.
    pub status: String,
    pub received_at: String,
    pub detected_at: Option<String>,
    pub body: Value,
    pub validation: Value,
    pub screening: Value,
    /// Unique per organisation when present.
    pub idempotency_key: Option<String>,
    pub request_sha256: String,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<DeadlineRow>,
}

/// A filed report. `seq` rises in the order reports were committed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub seq: i64,
    pub id: String,
    pub org_id: String,
    pub submitted_by: String,
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub detected_at: Option<String>,
    pub body: Value,
    pub validation: Value,
    pub screening: Value,
    pub idempotency_key: Option<String>,
    pub request_sha256: String,
}

impl ReportRow {
    /// The row a [`NewReport`] becomes once filed as `seq`.
    pub(crate) fn filed(new: &NewReport, seq: i64) -> Self {
        ReportRow {
            seq,
            id: new.id.clone(),
            org_id: new.org_id.clone(),
            submitted_by: new.submitted_by.clone(),
            channel: new.channel.clone(),
            report_type: new.report_type.clone(),
            status: new.status.clone(),
            received_at: new.received_at.clone(),
            detected_at: new.detected_at.clone(),
            body: new.body.clone(),
            validation: new.validation.clone(),
            screening: new.screening.clone(),
            idempotency_key: new.idempotency_key.clone(),
            request_sha256: new.request_sha256.clone(),
        }
    }
}

/// What [`crate::Store::insert_report`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Insert {
    Inserted(ReportRow),
    /// The organisation already filed a report with this idempotency key;
    /// nothing was written.
    Existing(ReportRow),
}

/// Which reports [`crate::Store::reports`] lists, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    pub org_id: Option<String>,
    /// Only reports routed to this authority.
    pub authority: Option<String>,
    pub report_type: Option<String>,
    pub status: Option<String>,
    /// Paging: only reports with a lower seq. Ignored when counting.
    pub before_seq: Option<i64>,
    /// At most this many rows. Ignored when counting.
    pub limit: u32,
}

impl Default for ReportFilter {
    fn default() -> Self {
        ReportFilter {
            org_id: None,
            authority: None,
            report_type: None,
            status: None,
            before_seq: None,
            limit: REPORT_PAGE,
        }
    }
}

/// A report being written in the portal; its body may be incomplete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    pub id: String,
    pub org_id: String,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub report_type: Option<String>,
    /// Any JSON.
    pub body: Value,
}

/// What happened, by whom, to what: the caller's part of an audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// e.g. a user or API key id.
    pub actor: String,
    pub org_id: Option<String>,
    /// e.g. `report.create`, `report.read`.
    pub action: String,
    pub target: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// An entry of the audit log as stored, with its place in the hash chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// 1, 2, 3… without gaps.
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub org_id: Option<String>,
    pub action: String,
    pub target: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// The previous entry's hash; 64 zeros for the first.
    pub prev_hash: String,
    /// Lower-case hex SHA-256 of `prev_hash`, a newline and the entry's
    /// canonical JSON.
    pub hash: String,
}

/// The outcome of [`crate::Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditVerification {
    /// Entries read.
    pub entries: u64,
    /// The hash of the last entry (64 zeros for an empty log).
    pub head_hash: String,
    /// Empty when the chain is intact.
    pub problems: Vec<AuditProblem>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Something wrong with the audit log at one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditProblem {
    pub seq: i64,
    /// A sentence, e.g. `hash does not match contents`.
    pub reason: String,
}
