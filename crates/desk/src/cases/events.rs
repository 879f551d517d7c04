//! A case's event log: the stored actions (assignment, decision, note)
//! merged with the facts the report's own records hold (received, routed,
//! deadline met), in time order.

use serde::Serialize;
use serde_json::{json, Value};

use meldpunt_store::{CaseEventRow, DeadlineRow, ReportRow, RouteRow};

use super::{bounded, check_case_worker, Names};
use crate::{Desk, DeskError, Principal};

/// Longest decision notes or case note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// An entry of the case's event log: stored (assignment, decision, note)
/// or derived from the report's own records (received, routed, deadline met).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseEvent {
    pub at: String,
    /// `received`, `routed`, `deadline_met`, `assigned`, `match_decided`
    /// or `note`.
    pub kind: String,
    pub actor: Option<String>,
    pub actor_name: Option<String>,
    pub details: Value,
}

impl Desk {
    /// Adds a note to a case's event log.
    pub async fn add_note(
        &self,
        by: &Principal,
        report_id: &str,
        text: &str,
    ) -> Result<CaseEvent, DeskError> {
        check_case_worker(by)?;
        let text = bounded("text", text, MAX_NOTE_CHARS, true)?.unwrap_or_default();
        let row = self.case_report(report_id).await?;
        let details = json!({"text": text});
        let event = self.case_event(by, "note", details.clone());
        let audit = self.case_audit(by, &row, "case.note", details);
        let stored = self.store.add_case_event(&row.id, &event, &audit).await?;
        let names = self
            .actor_names(std::iter::once(stored.actor.as_str()))
            .await?;
        Ok(stored_event(stored, &names))
    }
}

/// A stored event with its actor's display name.
pub(super) fn stored_event(e: CaseEventRow, names: &Names) -> CaseEvent {
    CaseEvent {
        actor_name: names.get(&e.actor).cloned(),
        at: e.at,
        kind: e.kind,
        actor: Some(e.actor),
        details: e.details,
    }
}

/// The whole log: derived facts and stored events in time order.
pub(super) fn event_log(
    row: &ReportRow,
    routes: &[RouteRow],
    deadlines: &[DeadlineRow],
    stored: Vec<CaseEventRow>,
    names: &Names,
) -> Vec<CaseEvent> {
    let mut events = derived_events(row, routes, deadlines);
    events.extend(stored.into_iter().map(|e| stored_event(e, names)));
    // Stable: derived facts stay ahead of stored events at equal times.
    events.sort_by(|a, b| a.at.cmp(&b.at));
    events
}

/// The facts the report's own records hold, as events.
fn derived_events(
    row: &ReportRow,
    routes: &[RouteRow],
    deadlines: &[DeadlineRow],
) -> Vec<CaseEvent> {
    let fact = |at: &str, kind: &str, details: Value| CaseEvent {
        at: at.to_string(),
        kind: kind.to_string(),
        actor: None,
        actor_name: None,
        details,
    };
    let mut events = vec![fact(
        &row.received_at,
        "received",
        json!({"channel": row.channel, "org_id": row.org_id, "status": row.status}),
    )];
    for route in routes {
        events.push(fact(
            &route.forwarded_at,
            "routed",
            json!({"authority": route.authority, "rule_table": route.rule_table, "rule_id": route.rule_id}),
        ));
    }
    for deadline in deadlines {
        if let Some(met) = &deadline.met_at {
            events.push(fact(
                met,
                "deadline_met",
                json!({"kind": deadline.kind, "authority": deadline.authority}),
            ));
        }
    }
    events
}
