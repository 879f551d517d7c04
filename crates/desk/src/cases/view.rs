//! The case view: the report as filed with its hits and decisions,
//! routes, deadlines, the event log and linked reports. Analysts and
//! administrators see every case; authority viewers the cases of reports
//! routed to them, read-only; anyone else is told NotFound.

use serde::Serialize;
use serde_json::Value;

use meldpunt_store::{DeadlineRow, DecisionRow, ReportRow, RouteRow};

use super::assignment::AssigneeView;
use super::decisions::{by_hit, DecisionView};
use super::events::{event_log, CaseEvent};
use super::links::LinkedReport;
use super::{index, Names};
use crate::{Credential, Desk, DeskError, Principal};

/// A screening hit of one of the report's subjects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseHit {
    /// JSON Pointer of the subject in the report, e.g. `/subjects/0`.
    pub subject: String,
    pub source: String,
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub program: Option<String>,
    /// The current decision, if any.
    pub decision: Option<DecisionView>,
    /// Earlier decisions, oldest first.
    pub history: Vec<DecisionView>,
}

/// A deadline with whether it is overdue now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDeadline {
    pub kind: String,
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    pub met_at: Option<String>,
    pub overdue: bool,
}

/// Everything about one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseView {
    pub id: String,
    pub org_id: String,
    pub org_name: Option<String>,
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub detected_at: Option<String>,
    /// The report as filed.
    pub report: Value,
    pub assignee: Option<AssigneeView>,
    pub hits: Vec<CaseHit>,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<CaseDeadline>,
    pub events: Vec<CaseEvent>,
    pub linked: Vec<LinkedReport>,
    /// Whether the caller may assign, decide and add notes.
    pub editable: bool,
}

impl Desk {
    /// The case of a report. Analysts and administrators see every case;
    /// authority viewers the cases of reports routed to their authority,
    /// read-only; anyone else gets NotFound. The read is audited.
    pub async fn case(&self, by: &Principal, report_id: &str) -> Result<CaseView, DeskError> {
        if by.credential == Credential::Anonymous {
            return Err(DeskError::Unauthenticated("sign in to read cases"));
        }
        // Reporters read their reports, never cases, even their own.
        let row = self
            .readable_as(by, report_id, "case", !by.role.files_reports())
            .await?;
        self.case_view(by, row).await
    }

    async fn case_view(&self, by: &Principal, row: ReportRow) -> Result<CaseView, DeskError> {
        self.refresh_case_index().await?;
        let routes = self.store.routes_of(&row.id).await?;
        let deadlines = self.store.deadlines_of(&row.id).await?;
        let decisions = self.store.match_decisions(&row.id).await?;
        let stored = self.store.case_events(&row.id).await?;
        let assignment = self.store.case_assignment(&row.id).await?;
        let assignee_actor = assignment.as_ref().map(|a| format!("user:{}", a.assignee));
        let actors = stored
            .iter()
            .map(|e| e.actor.as_str())
            .chain(decisions.iter().map(|d| d.decided_by.as_str()))
            .chain(assignee_actor.as_deref());
        let names = self.actor_names(actors).await?;
        let now = self.stamp(self.now());
        Ok(CaseView {
            org_name: self.store.org(&row.org_id).await?.map(|o| o.name),
            assignee: assignment.map(|a| AssigneeView {
                name: assignee_actor.and_then(|actor| names.get(&actor).cloned()),
                user_id: a.assignee,
            }),
            hits: case_hits(&row.screening, decisions, &names),
            events: event_log(&row, &routes, &deadlines, stored, &names),
            deadlines: deadlines
                .into_iter()
                .map(|d| case_deadline(d, &now))
                .collect(),
            linked: self.linked(by, &row.id).await?,
            editable: by.role.sees_all_reports(),
            routes,
            id: row.id,
            org_id: row.org_id,
            channel: row.channel,
            report_type: row.report_type,
            status: row.status,
            received_at: row.received_at,
            detected_at: row.detected_at,
            report: row.body,
        })
    }
}

fn case_deadline(d: DeadlineRow, now: &str) -> CaseDeadline {
    CaseDeadline {
        overdue: d.met_at.is_none() && d.due_at.as_str() < now,
        kind: d.kind,
        authority: d.authority,
        starts_at: d.starts_at,
        due_at: d.due_at,
        met_at: d.met_at,
    }
}

/// The report's hits with their decisions: the latest is current.
fn case_hits(screening: &Value, decisions: Vec<DecisionRow>, names: &Names) -> Vec<CaseHit> {
    let by_hit = by_hit(decisions, names);
    index::hits(screening)
        .into_iter()
        .map(|h| {
            let mut history = by_hit
                .get(&(h.source.clone(), h.entity_id.clone()))
                .cloned()
                .unwrap_or_default();
            let decision = history.pop();
            CaseHit {
                subject: h.subject,
                source: h.source,
                entity_id: h.entity_id,
                caption: h.caption,
                score: h.score,
                program: h.program,
                decision,
                history,
            }
        })
        .collect()
}
