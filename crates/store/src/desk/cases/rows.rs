//! The rows of case management: plain types, like the other desk rows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who works a report now; earlier assignments are in the case's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AssignmentRow {
    pub report_id: String,
    /// A user id.
    pub assignee: String,
    pub assigned_at: String,
    /// The assigning actor, e.g. `user:…`.
    pub assigned_by: String,
}

/// A decision about to be recorded on one screening hit of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDecision {
    pub report_id: String,
    /// The list source of the hit, e.g. `eu_fsf`.
    pub source: String,
    pub entity_id: String,
    /// `CONFIRMED` or `DISMISSED`.
    pub decision: String,
    /// 1 to 1000 characters (the tables check it too).
    pub reason: String,
    pub notes: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

/// A recorded decision; the highest `id` per hit is the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DecisionRow {
    pub id: i64,
    pub report_id: String,
    pub source: String,
    pub entity_id: String,
    pub decision: String,
    pub reason: String,
    pub notes: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

impl DecisionRow {
    pub(crate) fn of(id: i64, new: &NewDecision) -> Self {
        DecisionRow {
            id,
            report_id: new.report_id.clone(),
            source: new.source.clone(),
            entity_id: new.entity_id.clone(),
            decision: new.decision.clone(),
            reason: new.reason.clone(),
            notes: new.notes.clone(),
            decided_by: new.decided_by.clone(),
            decided_at: new.decided_at.clone(),
        }
    }
}

/// An event about to be appended to a case's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCaseEvent {
    pub at: String,
    pub actor: String,
    /// e.g. `assigned`, `match_decided`, `note`.
    pub kind: String,
    /// Any JSON object.
    pub details: Value,
}

/// An event of a case's log; `seq` counts from 1 per report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseEventRow {
    pub report_id: String,
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub details: Value,
}

/// What the case index is built from: a filed report's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexSource {
    pub report_id: String,
    pub seq: i64,
    pub body: Value,
    pub screening: Value,
}

/// A report's entry in the case index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseIndexRow {
    pub report_id: String,
    pub seq: i64,
    pub max_score: Option<f64>,
    /// Distinct (source, entity id) pairs among the hits.
    pub hit_count: i64,
    /// (kind, key): kind `regime`, `programme`, `identifier` or
    /// `entity`; keys normalised by the caller.
    pub keys: Vec<(String, String)>,
}

/// Another report sharing the key `kind`/`key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LinkRow {
    pub report_id: String,
    pub kind: String,
    pub key: String,
}

/// Whose reports triage lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    /// Assigned to this user id.
    User(String),
}

/// The triage queue's filters and page. Timestamps are store text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TriageFilter {
    pub report_type: Option<String>,
    pub status: Option<String>,
    /// A regime of the envelope or a programme of a hit, normalised.
    pub regime: Option<String>,
    /// Only reports with an open deadline due before this.
    pub due_before: Option<String>,
    /// Only reports with an open deadline due before this (now).
    pub overdue_at: Option<String>,
    pub min_score: Option<f64>,
    pub assignee: AssigneeFilter,
    /// Only reports with an open deadline or an undecided hit.
    pub open_only: bool,
    pub offset: u32,
    pub limit: u32,
}

/// A line of the triage queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TriageRow {
    pub seq: i64,
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub max_score: Option<f64>,
    pub hit_count: i64,
    /// Hits with a current decision.
    pub decided_count: i64,
    pub assignee: Option<String>,
    pub assignee_name: Option<String>,
    /// The nearest open deadline's due time.
    pub next_due: Option<String>,
}
