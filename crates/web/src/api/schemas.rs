//! OpenAPI mirrors of the reporting point's response types. The desk and
//! store crates stay free of utoipa, so their types are described here,
//! field for field; these types are only ever used for documentation. The
//! tests below serialise a real value of each original and check that its
//! keys are exactly the mirror's properties, so the two cannot drift apart.

#![allow(dead_code)]

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// One problem found in a report: where (JSON Pointer), which rule, why.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueView {
    /// JSON Pointer into the report, e.g. `/subjects/0/name`.
    #[schema(example = "/envelope/detected_at")]
    pub pointer: String,
    /// Stable rule code, e.g. `required`.
    pub code: String,
    pub message: String,
}

/// One authority a report was forwarded to, and the rule that chose it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RouteRow {
    #[schema(example = "DNB")]
    pub authority: String,
    #[schema(example = "routing-2026-1")]
    pub rule_table: String,
    pub rule_id: String,
    pub forwarded_at: String,
}

/// A deadline that runs from a report, e.g. `report_freeze`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineRow {
    #[schema(example = "report_freeze")]
    pub kind: String,
    #[schema(required = true)]
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    /// Set once the duty was marked done.
    #[schema(required = true)]
    pub met_at: Option<String>,
}

/// The answer to a submission.
///
/// `status` is one of:
/// - `RECEIVED`: filed, but screening could not run; it will be screened later.
/// - `ACCEPTED`: filed, valid.
/// - `ACCEPTED_WITH_WARNINGS`: filed; `warnings` lists what should be improved.
/// - `REJECTED`: not filed (`report_id` is null); `errors` says why, by JSON Pointer.
///
/// `report_id` is stable: a retry with the same `Idempotency-Key` and the
/// same body answers the same acknowledgement with `replayed: true`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Acknowledgement {
    /// Null for a rejected report.
    #[schema(required = true)]
    pub report_id: Option<String>,
    #[schema(example = "ACCEPTED")]
    pub status: String,
    pub received_at: String,
    #[schema(example = "asset_freeze")]
    #[schema(required = true)]
    pub report_type: Option<String>,
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
    /// Authorities the report was routed to.
    pub routes: Vec<RouteRow>,
    /// Deadline clocks started by the report.
    pub deadlines: Vec<DeadlineRow>,
    /// Screening of every subject against the lists in use; null when it
    /// could not run (status `RECEIVED`) or for a rejected report.
    #[schema(required = true, value_type = Option<Object>)]
    pub screening: Option<Value>,
    /// For a rejected report from a signed-in reporter: the draft it was
    /// kept in, to correct and submit again.
    pub draft_id: Option<String>,
    /// True when this answers a retry of an earlier submission.
    pub replayed: bool,
}

/// The outcome of validating without filing.
#[derive(Debug, Serialize, ToSchema)]
pub struct Checked {
    /// ACCEPTED, ACCEPTED_WITH_WARNINGS or REJECTED: what filing it now
    /// would answer, before screening.
    #[schema(example = "ACCEPTED_WITH_WARNINGS")]
    pub status: String,
    #[schema(required = true)]
    pub report_type: Option<String>,
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
}

/// One report in full, as its reader may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    pub id: String,
    pub org_id: String,
    /// `api`, `xml`, `csv`, `portal`, `draft` or `whistleblower`.
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    #[schema(required = true)]
    pub detected_at: Option<String>,
    /// The report as filed (see `/api/v1/schema/report.json`).
    #[schema(value_type = Object)]
    pub report: Value,
    /// Errors and warnings at filing.
    #[schema(value_type = Object)]
    pub validation: Value,
    #[schema(value_type = Object)]
    pub screening: Value,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<DeadlineRow>,
}

/// A line of a listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSummary {
    /// Rises in filing order; pass as `before` for the next page.
    pub seq: i64,
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
}

/// A saved, possibly incomplete report.
#[derive(Debug, Serialize, ToSchema)]
pub struct DraftView {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    #[schema(required = true)]
    pub report_type: Option<String>,
    /// Any JSON: the report so far.
    #[schema(value_type = Object)]
    pub body: Value,
    /// What submitting it now would report.
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
}

/// A user as shown to others: never the password hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub org_id: String,
    pub email: String,
    pub display_name: String,
    /// `reporter`, `reporter_admin`, `analyst`, `authority_viewer` or `admin`.
    pub role: String,
    /// `pending`, `active` or `disabled`.
    pub status: String,
    pub created_at: String,
}

/// An API key as listed: never the secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyView {
    pub id: String,
    pub org_id: String,
    pub label: String,
    /// Lookup handle, e.g. `mpk_ab12cd34`.
    pub prefix: String,
    pub created_at: String,
    #[schema(required = true)]
    pub revoked_at: Option<String>,
}

/// A new API key with its secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewApiKey {
    pub id: String,
    pub org_id: String,
    pub label: String,
    pub prefix: String,
    pub created_at: String,
    #[schema(required = true)]
    pub revoked_at: Option<String>,
    /// Send as `Authorization: Bearer <secret>`; store it now.
    pub secret: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reporter,
    ReporterAdmin,
    Analyst,
    AuthorityViewer,
    Admin,
}

/// How the caller proved who they are.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credential {
    User { user_id: String },
    ApiKey { key_id: String },
    Anonymous,
    Operator { name: String },
}

/// An authenticated caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Principal {
    pub credential: Credential,
    pub org_id: String,
    pub role: Role,
    /// For authority viewers: the authority whose routed reports they see.
    #[schema(required = true)]
    pub authority: Option<String>,
}

/// An open deadline past due, with its report.
#[derive(Debug, Serialize, ToSchema)]
pub struct Overdue {
    pub report_id: String,
    pub kind: String,
    #[schema(required = true)]
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    #[schema(required = true)]
    pub met_at: Option<String>,
}

/// An organisation: a reporter, the reporting point itself or an authority.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    /// Chamber of Commerce number.
    #[schema(required = true)]
    pub kvk: Option<String>,
    #[schema(required = true)]
    pub lei: Option<String>,
    #[schema(example = "bank")]
    pub sector: String,
    /// `reporter`, `reporting_point` or `authority`.
    pub kind: String,
    /// For kind `authority`: which one, e.g. `DNB`.
    #[schema(required = true)]
    pub authority: Option<String>,
    pub created_at: String,
}

/// An entry of the audit log with its place in the hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditRow {
    /// 1, 2, 3… without gaps.
    pub seq: i64,
    pub at: String,
    pub actor: String,
    #[schema(required = true)]
    pub org_id: Option<String>,
    /// e.g. `report.create`, `report.read`.
    pub action: String,
    pub target: String,
    #[schema(required = true, value_type = Option<Object>)]
    pub before: Option<Value>,
    #[schema(required = true, value_type = Option<Object>)]
    pub after: Option<Value>,
    /// The previous entry's hash; 64 zeros for the first.
    pub prev_hash: String,
    /// Lower-case hex SHA-256 of `prev_hash`, a newline and the entry's
    /// canonical JSON.
    pub hash: String,
}

/// Something wrong with the audit log at one entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditProblem {
    pub seq: i64,
    pub reason: String,
}

/// The outcome of walking the audit hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditVerification {
    /// Entries read.
    pub entries: u64,
    /// The hash of the last entry (64 zeros for an empty log).
    pub head_hash: String,
    /// Empty when the chain is intact.
    pub problems: Vec<AuditProblem>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::{json, Value};
    use utoipa::PartialSchema;

    fn keys(value: impl serde::Serialize) -> BTreeSet<String> {
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn properties<T: PartialSchema>() -> BTreeSet<String> {
        let schema = serde_json::to_value(T::schema()).unwrap_or(Value::Null);
        schema["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn required<T: PartialSchema>() -> BTreeSet<String> {
        let schema = serde_json::to_value(T::schema()).unwrap_or(Value::Null);
        schema["required"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The mirror `T` describes `value`'s keys, and requires all of them
    /// but those the original leaves out when empty.
    fn assert_mirrors<T: PartialSchema>(value: impl serde::Serialize, omitted: &[&str]) {
        let keys = keys(value);
        assert_eq!(keys, properties::<T>());
        let always: BTreeSet<String> = keys
            .into_iter()
            .filter(|k| !omitted.contains(&k.as_str()))
            .collect();
        assert_eq!(always, required::<T>());
    }

    fn text() -> String {
        "x".to_string()
    }

    fn issue() -> meldpunt_desk::IssueView {
        meldpunt_desk::IssueView {
            pointer: text(),
            code: text(),
            message: text(),
        }
    }

    fn route() -> meldpunt_store::RouteRow {
        meldpunt_store::RouteRow {
            authority: text(),
            rule_table: text(),
            rule_id: text(),
            forwarded_at: text(),
        }
    }

    fn deadline() -> meldpunt_store::DeadlineRow {
        meldpunt_store::DeadlineRow {
            kind: text(),
            authority: None,
            starts_at: text(),
            due_at: text(),
            met_at: None,
        }
    }

    fn principal() -> meldpunt_desk::Principal {
        meldpunt_desk::Principal::operator("test")
    }

    #[test]
    fn intake_mirrors_match_the_desk() {
        assert_mirrors::<super::IssueView>(issue(), &[]);
        assert_mirrors::<super::RouteRow>(route(), &[]);
        assert_mirrors::<super::DeadlineRow>(deadline(), &[]);
        let ack = meldpunt_desk::Acknowledgement {
            report_id: None,
            status: text(),
            received_at: text(),
            report_type: None,
            errors: vec![issue()],
            warnings: vec![],
            routes: vec![route()],
            deadlines: vec![deadline()],
            screening: None,
            // Skipped when absent: set it so its key is compared.
            draft_id: Some(text()),
            replayed: false,
        };
        assert_mirrors::<super::Acknowledgement>(ack, &["draft_id"]);
        let checked = meldpunt_desk::Checked {
            status: text(),
            report_type: None,
            errors: vec![],
            warnings: vec![],
        };
        assert_mirrors::<super::Checked>(checked, &[]);
    }

    #[test]
    fn reading_mirrors_match_the_desk() {
        let view = meldpunt_desk::ReportView {
            id: text(),
            org_id: text(),
            channel: text(),
            report_type: text(),
            status: text(),
            received_at: text(),
            detected_at: None,
            report: json!({}),
            validation: json!({}),
            screening: json!({}),
            routes: vec![],
            deadlines: vec![],
        };
        assert_mirrors::<super::ReportView>(view, &[]);
        let summary = meldpunt_desk::ReportSummary {
            seq: 1,
            id: text(),
            org_id: text(),
            report_type: text(),
            status: text(),
            received_at: text(),
        };
        assert_mirrors::<super::ReportSummary>(summary, &[]);
        let draft = meldpunt_desk::DraftView {
            id: text(),
            created_at: text(),
            updated_at: text(),
            report_type: None,
            body: json!({}),
            errors: vec![],
            warnings: vec![],
        };
        assert_mirrors::<super::DraftView>(draft, &[]);
        let overdue = meldpunt_desk::Overdue {
            report_id: text(),
            deadline: deadline(),
        };
        assert_mirrors::<super::Overdue>(overdue, &[]);
    }

    #[test]
    fn account_mirrors_match_the_desk() {
        let user = meldpunt_desk::UserView {
            id: text(),
            org_id: text(),
            email: text(),
            display_name: text(),
            role: text(),
            status: text(),
            created_at: text(),
        };
        assert_mirrors::<super::UserView>(user, &[]);
        let key = meldpunt_desk::ApiKeyView {
            id: text(),
            org_id: text(),
            label: text(),
            prefix: text(),
            created_at: text(),
            revoked_at: None,
        };
        assert_mirrors::<super::ApiKeyView>(&key, &[]);
        let new_key = crate::api::accounts::NewApiKey {
            key,
            secret: text(),
        };
        assert_mirrors::<super::NewApiKey>(new_key, &[]);
        assert_mirrors::<super::Principal>(principal(), &[]);
        let org = meldpunt_store::OrgRow {
            id: text(),
            name: text(),
            kvk: None,
            lei: None,
            sector: text(),
            kind: text(),
            authority: None,
            created_at: text(),
        };
        assert_mirrors::<super::OrgRow>(org, &[]);
    }

    #[test]
    fn every_role_and_credential_is_described() {
        let roles = serde_json::to_value(super::Role::schema()).unwrap_or(Value::Null);
        for role in meldpunt_desk::Role::ALL {
            let name = serde_json::to_value(role).unwrap_or(Value::Null);
            let listed = roles["enum"].as_array().is_some_and(|a| a.contains(&name));
            assert!(listed, "{name} missing from {roles}");
        }
        let credentials = serde_json::to_string(&super::Credential::schema()).unwrap_or_default();
        for kind in ["user", "api_key", "anonymous", "operator"] {
            assert!(credentials.contains(&format!("\"{kind}\"")), "{kind}");
        }
    }

    #[test]
    fn audit_mirrors_match_the_store() {
        let row = meldpunt_store::AuditRow {
            seq: 1,
            at: text(),
            actor: text(),
            org_id: None,
            action: text(),
            target: text(),
            before: None,
            after: None,
            prev_hash: text(),
            hash: text(),
        };
        assert_mirrors::<super::AuditRow>(row, &[]);
        let problem = meldpunt_store::AuditProblem {
            seq: 1,
            reason: text(),
        };
        assert_mirrors::<super::AuditProblem>(&problem, &[]);
        let verification = meldpunt_store::AuditVerification {
            entries: 1,
            head_hash: text(),
            problems: vec![problem],
        };
        assert_mirrors::<super::AuditVerification>(verification, &[]);
    }
}
