//! Drafts: a report saved unfinished, by any reporter of the organisation,
//! with the validation it would get now so the form can show what is left.

use serde::Serialize;
use serde_json::Value;

use meldpunt_reports::validate_at;
use meldpunt_store::DraftRow;

use crate::intake::{IssueView, MAX_REPORT_BYTES};
use crate::{
    Acknowledgement, Channel, Credential, Desk, DeskError, Payload, Principal, Submission,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftView {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub report_type: Option<String>,
    pub body: Value,
    /// What submitting it now would report.
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
}

impl Desk {
    fn draft_view(&self, row: DraftRow) -> DraftView {
        let validation = validate_at(&row.body, self.now());
        DraftView {
            errors: validation.errors.iter().map(IssueView::from).collect(),
            warnings: validation.warnings.iter().map(IssueView::from).collect(),
            id: row.id,
            created_at: row.created_at,
            updated_at: row.updated_at,
            report_type: row.report_type,
            body: row.body,
        }
    }

    fn check_drafter(by: &Principal) -> Result<(), DeskError> {
        let identified = matches!(
            by.credential,
            Credential::User { .. } | Credential::ApiKey { .. }
        );
        if by.role.files_reports() && identified {
            Ok(())
        } else {
            Err(DeskError::Forbidden("only reporters keep drafts"))
        }
    }

    /// Creates (`id` = None) or replaces a draft of the caller's organisation.
    pub async fn save_draft(
        &self,
        by: &Principal,
        id: Option<&str>,
        body: Value,
    ) -> Result<DraftView, DeskError> {
        Self::check_drafter(by)?;
        if body.to_string().len() > MAX_REPORT_BYTES {
            return Err(DeskError::Malformed(format!(
                "a draft may be at most {MAX_REPORT_BYTES} bytes"
            )));
        }
        crate::intake::reject_nul(&body, "draft")?;
        let now = self.stamp(self.now());
        let existing = match id {
            Some(id) => Some(self.own_draft(by, id).await?),
            None => None,
        };
        let row = DraftRow {
            id: existing
                .as_ref()
                .map_or_else(|| uuid::Uuid::new_v4().to_string(), |d| d.id.clone()),
            org_id: by.org_id.clone(),
            created_by: by.actor(),
            created_at: existing
                .as_ref()
                .map_or_else(|| now.clone(), |d| d.created_at.clone()),
            updated_at: now,
            report_type: body
                .pointer("/envelope/report_type")
                .and_then(Value::as_str)
                .map(|t| t.chars().take(64).collect()),
            body,
        };
        let action = if existing.is_some() {
            "draft.update"
        } else {
            "draft.create"
        };
        let audit = self.audit_entry(by, Some(&by.org_id), action, format!("draft:{}", row.id));
        self.store.save_draft(&row, &audit).await?;
        Ok(self.draft_view(row))
    }

    async fn own_draft(&self, by: &Principal, id: &str) -> Result<DraftRow, DeskError> {
        Self::check_drafter(by)?;
        match self.store.draft(id).await? {
            Some(row) if row.org_id == by.org_id => Ok(row),
            _ => Err(DeskError::NotFound("draft")),
        }
    }

    pub async fn draft(&self, by: &Principal, id: &str) -> Result<DraftView, DeskError> {
        let row = self.own_draft(by, id).await?;
        Ok(self.draft_view(row))
    }

    pub async fn drafts(&self, by: &Principal) -> Result<Vec<DraftView>, DeskError> {
        Self::check_drafter(by)?;
        let rows = self.store.drafts_of_org(&by.org_id).await?;
        Ok(rows.into_iter().map(|r| self.draft_view(r)).collect())
    }

    pub async fn delete_draft(&self, by: &Principal, id: &str) -> Result<(), DeskError> {
        self.own_draft(by, id).await?;
        let audit = self.audit_entry(by, Some(&by.org_id), "draft.delete", format!("draft:{id}"));
        self.store.delete_draft(id, &audit).await?;
        Ok(())
    }

    /// Files a draft. Its id is the idempotency key, so submitting the same
    /// draft twice files it once; a filed draft is deleted.
    pub async fn submit_draft(
        &self,
        by: &Principal,
        id: &str,
    ) -> Result<Acknowledgement, DeskError> {
        let row = self.own_draft(by, id).await?;
        let ack = self
            .submit(
                by,
                Submission {
                    channel: Channel::Draft,
                    payload: Payload::Value(row.body),
                    idempotency_key: Some(format!("draft:{id}")),
                    origin: format!("draft {id}"),
                },
            )
            .await?;
        if ack.report_id.is_some() {
            self.delete_draft(by, id).await?;
        }
        Ok(ack)
    }
}
