//! OpenAPI mirrors of the desk's case types (the desk stays free of
//! utoipa); the API tests check answers against them.
//! Only their shape is read (by utoipa), never their fields.
#![allow(dead_code)]

use serde_json::Value;
use utoipa::ToSchema;

use crate::openapi::schemas::RouteRow;

/// Who works a case.
#[derive(ToSchema)]
#[schema(as = Assignee)]
pub struct AssigneeDoc {
    pub user_id: String,
    #[schema(required = true)]
    pub name: Option<String>,
}

/// A line of the triage queue.
#[derive(ToSchema)]
#[schema(as = TriageItem)]
pub struct TriageItemDoc {
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    /// The highest screening score of the report's hits.
    #[schema(required = true)]
    pub max_score: Option<f64>,
    pub hits: i64,
    /// Hits with a current decision.
    pub decided: i64,
    #[schema(required = true)]
    pub assignee: Option<AssigneeDoc>,
    /// The nearest open deadline's due time.
    #[schema(required = true)]
    pub next_deadline: Option<String>,
    /// Whether that deadline has passed.
    pub overdue: bool,
}

/// One page of the triage queue.
#[derive(ToSchema)]
#[schema(as = TriagePage)]
pub struct TriagePageDoc {
    pub items: Vec<TriageItemDoc>,
    /// Cases matching the filters, on all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// A recorded decision on a screening hit.
#[derive(ToSchema)]
#[schema(as = MatchDecision)]
pub struct DecisionDoc {
    /// `CONFIRMED` or `DISMISSED`.
    pub decision: String,
    pub reason: String,
    #[schema(required = true)]
    pub notes: Option<String>,
    /// The actor, e.g. `user:…`.
    pub decided_by: String,
    #[schema(required = true)]
    pub decided_by_name: Option<String>,
    pub decided_at: String,
}

/// A screening hit of one of the report's subjects.
#[derive(ToSchema)]
#[schema(as = CaseHit)]
pub struct CaseHitDoc {
    /// JSON Pointer of the subject, e.g. `/subjects/0`.
    pub subject: String,
    pub source: String,
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    #[schema(required = true)]
    pub program: Option<String>,
    /// The current decision.
    #[schema(required = true)]
    pub decision: Option<DecisionDoc>,
    /// Earlier decisions, oldest first.
    pub history: Vec<DecisionDoc>,
}

/// A deadline with whether it is overdue now.
#[derive(ToSchema)]
#[schema(as = CaseDeadline)]
pub struct CaseDeadlineDoc {
    pub kind: String,
    #[schema(required = true)]
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    #[schema(required = true)]
    pub met_at: Option<String>,
    pub overdue: bool,
}

/// An entry of a case's event log: `received`, `routed`, `deadline_met`
/// (from the report's records), `assigned`, `match_decided` or `note`.
#[derive(ToSchema)]
#[schema(as = CaseEvent)]
pub struct CaseEventDoc {
    pub at: String,
    pub kind: String,
    #[schema(required = true)]
    pub actor: Option<String>,
    #[schema(required = true)]
    pub actor_name: Option<String>,
    pub details: Value,
}

/// Why two reports are linked.
#[derive(ToSchema)]
#[schema(as = LinkReason)]
pub struct LinkReasonDoc {
    /// `identifier` or `entity`.
    pub kind: String,
    /// e.g. `imo:9074729` or `eu_fsf:EU.77.1`.
    pub key: String,
}

/// Another report about the same subject.
#[derive(ToSchema)]
#[schema(as = LinkedReport)]
pub struct LinkedReportDoc {
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub reasons: Vec<LinkReasonDoc>,
}

/// Everything about one case.
#[derive(ToSchema)]
#[schema(as = CaseView)]
pub struct CaseViewDoc {
    pub id: String,
    pub org_id: String,
    #[schema(required = true)]
    pub org_name: Option<String>,
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    #[schema(required = true)]
    pub detected_at: Option<String>,
    /// The report as filed.
    pub report: Value,
    #[schema(required = true)]
    pub assignee: Option<AssigneeDoc>,
    pub hits: Vec<CaseHitDoc>,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<CaseDeadlineDoc>,
    pub events: Vec<CaseEventDoc>,
    pub linked: Vec<LinkedReportDoc>,
    /// Whether the caller may assign, decide and add notes.
    pub editable: bool,
}
