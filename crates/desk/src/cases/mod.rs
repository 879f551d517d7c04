//! Case management for the reporting point's analysts: the triage queue,
//! assignment, the case view (report, screening hits with decisions,
//! deadlines, event log and linked reports), decisions on hits and notes.
//!
//! Analysts and administrators work cases. Authority viewers may open the
//! case of a report routed to their authority, read-only; everyone else is
//! answered as if the report did not exist. Linked reports are filtered by
//! the caller's scope, so a link never reveals a report they may not read.

mod assignment;
mod decisions;
mod events;
mod index;
mod links;
mod triage;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use meldpunt_store::{AuditEntry, NewCaseEvent, ReportRow};

use crate::{Credential, Desk, DeskError, Principal};

pub use assignment::AssigneeView;
pub use decisions::{Decision, DecisionView, MAX_REASON_CHARS};
pub use events::{CaseEvent, MAX_NOTE_CHARS};
pub use links::{LinkReason, LinkedReport, MAX_LINKED};
pub use triage::{AssigneeChoice, TriageItem, TriagePage, TriageQuery};
pub use view::{CaseDeadline, CaseHit, CaseView};

/// Display names of users, keyed by actor (`user:…`).
type Names = BTreeMap<String, String>;

/// Trimmed `text` if within `max` characters; empty is `None`, or an error
/// when `required`.
fn bounded(
    field: &str,
    text: &str,
    max: usize,
    required: bool,
) -> Result<Option<String>, DeskError> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(DeskError::invalid(field, "must not be empty"))
        } else {
            Ok(None)
        };
    }
    if text.chars().count() > max {
        return Err(DeskError::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(Some(text.to_string()))
}

fn check_case_worker(by: &Principal) -> Result<(), DeskError> {
    if by.credential == Credential::Anonymous {
        return Err(DeskError::Unauthenticated("sign in to work cases"));
    }
    if by.role.sees_all_reports() {
        Ok(())
    } else {
        Err(DeskError::Forbidden(
            "only the reporting point's analysts work cases",
        ))
    }
}

/// What every case action shares: the report it acts on, its audit entry
/// and its event, stamped by the desk's clock.
impl Desk {
    /// A report an analyst acts on; absent is NotFound.
    async fn case_report(&self, report_id: &str) -> Result<ReportRow, DeskError> {
        self.store
            .report(report_id)
            .await?
            .ok_or(DeskError::NotFound("report"))
    }

    fn case_audit(
        &self,
        by: &Principal,
        row: &ReportRow,
        action: &str,
        after: Value,
    ) -> AuditEntry {
        let mut audit =
            self.audit_entry(by, Some(&row.org_id), action, format!("report:{}", row.id));
        audit.after = Some(after);
        audit
    }

    fn case_event(&self, by: &Principal, kind: &str, details: Value) -> NewCaseEvent {
        NewCaseEvent {
            at: self.stamp(self.now()),
            actor: by.actor(),
            kind: kind.to_string(),
            details,
        }
    }

    /// Display names of the users among `actors` (`user:…`).
    async fn actor_names<'a>(
        &self,
        actors: impl Iterator<Item = &'a str>,
    ) -> Result<Names, DeskError> {
        let mut names = BTreeMap::new();
        let wanted: BTreeSet<&str> = actors.collect();
        for actor in wanted {
            let Some(user_id) = actor.strip_prefix("user:") else {
                continue;
            };
            if let Some(user) = self.store.user(user_id).await? {
                names.insert(actor.to_string(), user.display_name);
            }
        }
        Ok(names)
    }
}
