//! Deadline clocks after intake: which are overdue, and marking an onward
//! duty (e.g. informing the Commission) done. Reporters see the clocks of
//! their own reports only; the reporting point sees all.

use serde::Serialize;

use meldpunt_store::DeadlineRow;

use crate::{Desk, DeskError, Principal};

/// An open deadline past due, with its report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub report_id: String,
    #[serde(flatten)]
    pub deadline: DeadlineRow,
}

impl Desk {
    /// Open deadlines past due now, oldest due first, within `by`'s scope.
    pub async fn overdue(&self, by: &Principal) -> Result<Vec<Overdue>, DeskError> {
        let now = self.stamp(self.now());
        let mut found = Vec::new();
        for (report_id, deadline) in self.store.overdue_deadlines(&now).await? {
            let Some(row) = self.store.report(&report_id).await? else {
                continue;
            };
            if self.sees(by, &row).await? {
                found.push(Overdue {
                    report_id,
                    deadline,
                });
            }
        }
        Ok(found)
    }

    /// Records that the reporting point met an open deadline of a report.
    pub async fn mark_deadline_met(
        &self,
        by: &Principal,
        report_id: &str,
        kind: &str,
    ) -> Result<DeadlineRow, DeskError> {
        if !by.role.sees_all_reports() {
            return Err(DeskError::Forbidden(
                "the reporting point's analysts record onward reporting",
            ));
        }
        let row = self
            .store
            .report(report_id)
            .await?
            .ok_or(DeskError::NotFound("report"))?;
        let at = self.stamp(self.now());
        let mut audit = self.audit_entry(
            by,
            Some(&row.org_id),
            "deadline.met",
            format!("report:{report_id}"),
        );
        audit.after = Some(serde_json::json!({"kind": kind, "met_at": at}));
        if !self
            .store
            .set_deadline_met(report_id, kind, &at, &audit)
            .await?
        {
            return Err(DeskError::NotFound("open deadline"));
        }
        self.store
            .deadlines_of(report_id)
            .await?
            .into_iter()
            .find(|d| d.kind == kind)
            .ok_or(DeskError::NotFound("open deadline"))
    }
}
