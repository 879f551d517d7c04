//! Case management (migration `0004_cases`): who works a report, analysts'
//! decisions on screening hits (append-only; the latest per hit counts),
//! each case's event log, the triage queue, and the index of subject keys
//! (regimes, programmes, identifiers, listed entities hit) that triage and
//! the linking of reports about the same subject look up.
//!
//! Every write here takes the audit head first and appends its entry in the
//! same transaction, like the other desk writes.

mod backend;
mod rows;

use super::rows::AuditEntry;
use crate::{Store, StoreError};
use backend::{on_postgres, on_sqlite};

pub use rows::{
    AssigneeFilter, AssignmentRow, CaseEventRow, CaseIndexRow, DecisionRow, IndexSource, LinkRow,
    NewCaseEvent, NewDecision, TriageFilter, TriageRow,
};

impl Store {
    /// Assigns a report (replacing any earlier assignee) and appends
    /// `event` to its case log, with `audit`, in one transaction.
    pub async fn assign_case(
        &self,
        row: &AssignmentRow,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        on_desk_backend!(self, assign(row, event, audit))
    }

    pub async fn case_assignment(
        &self,
        report_id: &str,
    ) -> Result<Option<AssignmentRow>, StoreError> {
        on_desk_backend!(self, assignment(report_id))
    }

    /// Records a decision on a hit (earlier ones are kept) and appends
    /// `event`, with `audit`, in one transaction.
    pub async fn decide_match(
        &self,
        decision: &NewDecision,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<DecisionRow, StoreError> {
        on_desk_backend!(self, decide(decision, event, audit))
    }

    /// Every decision on a report's hits, oldest first.
    pub async fn match_decisions(&self, report_id: &str) -> Result<Vec<DecisionRow>, StoreError> {
        on_desk_backend!(self, decisions(report_id))
    }

    /// Appends an event (e.g. a note) to a case's log, with `audit`.
    pub async fn add_case_event(
        &self,
        report_id: &str,
        event: &NewCaseEvent,
        audit: &AuditEntry,
    ) -> Result<CaseEventRow, StoreError> {
        on_desk_backend!(self, add_event(report_id, event, audit))
    }

    /// A case's stored events in order.
    pub async fn case_events(&self, report_id: &str) -> Result<Vec<CaseEventRow>, StoreError> {
        on_desk_backend!(self, events(report_id))
    }

    /// Up to `limit` filed reports not yet in the case index, in filing
    /// order. Reports are committed in `seq` order (writers hold the audit
    /// head), so everything above the highest indexed seq is new.
    pub async fn unindexed_reports(&self, limit: u32) -> Result<Vec<IndexSource>, StoreError> {
        on_desk_backend!(self, unindexed(limit))
    }

    /// Adds reports to the case index; rows already there are kept.
    pub async fn index_cases(&self, rows: &[CaseIndexRow]) -> Result<(), StoreError> {
        on_desk_backend!(self, index(rows))
    }

    /// A report's indexed keys as (kind, key), sorted.
    pub async fn case_keys(&self, report_id: &str) -> Result<Vec<(String, String)>, StoreError> {
        on_desk_backend!(self, keys(report_id))
    }

    /// Up to `limit` (report, kind, key) triples of other reports sharing an
    /// identifier or a listed entity hit with `report_id`, newest first.
    pub async fn linked_reports(
        &self,
        report_id: &str,
        limit: u32,
    ) -> Result<Vec<LinkRow>, StoreError> {
        on_desk_backend!(self, links(report_id, limit))
    }

    /// The triage queue: one page of indexed reports matching `filter`,
    /// nearest open deadline first, then highest score; and the total.
    pub async fn triage(&self, filter: &TriageFilter) -> Result<(Vec<TriageRow>, u64), StoreError> {
        on_desk_backend!(self, triage(filter))
    }
}
