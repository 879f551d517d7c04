//! Who works a case: an active analyst (or administrator) of the
//! reporting point, replaced by the next assignment; each is an event.

use serde::Serialize;
use serde_json::json;

use meldpunt_store::{AssignmentRow, UserRow};

use super::check_case_worker;
use crate::{Desk, DeskError, Principal, Role, REPORTING_POINT_ORG};

/// Who works a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssigneeView {
    pub user_id: String,
    pub name: Option<String>,
}

/// Whether `user` may be given cases.
fn works_cases(user: &UserRow) -> bool {
    user.org_id == REPORTING_POINT_ORG
        && user.status == "active"
        && matches!(user.role.parse::<Role>(), Ok(r) if r.sees_all_reports())
}

impl Desk {
    /// Assigns a case to an active analyst (or administrator) of the
    /// reporting point.
    pub async fn assign(
        &self,
        by: &Principal,
        report_id: &str,
        assignee_user_id: &str,
    ) -> Result<AssigneeView, DeskError> {
        check_case_worker(by)?;
        let row = self.case_report(report_id).await?;
        let user = self
            .store
            .user(assignee_user_id)
            .await?
            .filter(works_cases)
            .ok_or_else(|| {
                DeskError::invalid(
                    "assignee",
                    "must be an active analyst of the reporting point",
                )
            })?;
        let previous = self.store.case_assignment(report_id).await?;
        let details = json!({
            "assignee": user.id,
            "assignee_name": user.display_name,
            "previous": previous.as_ref().map(|p| p.assignee.as_str()),
        });
        let assignment = AssignmentRow {
            report_id: row.id.clone(),
            assignee: user.id.clone(),
            assigned_at: self.stamp(self.now()),
            assigned_by: by.actor(),
        };
        let event = self.case_event(by, "assigned", details.clone());
        let audit = self.case_audit(by, &row, "case.assign", details);
        self.store.assign_case(&assignment, &event, &audit).await?;
        Ok(AssigneeView {
            user_id: user.id,
            name: Some(user.display_name),
        })
    }
}
