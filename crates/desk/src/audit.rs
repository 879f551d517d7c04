//! The audit log, for administrators: its entries and its verification.

use meldpunt_store::{AuditRow, AuditVerification};

use crate::{Desk, DeskError, Principal, Role};

/// Most entries in one page.
pub const MAX_AUDIT_PAGE: u32 = 1000;

impl Desk {
    fn check_auditor(by: &Principal) -> Result<(), DeskError> {
        if by.role == Role::Admin {
            Ok(())
        } else {
            Err(DeskError::Forbidden(
                "only administrators read the audit log",
            ))
        }
    }

    /// Entries after `after_seq`, oldest first.
    pub async fn audit_log(
        &self,
        by: &Principal,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<AuditRow>, DeskError> {
        Self::check_auditor(by)?;
        let limit = limit.clamp(1, MAX_AUDIT_PAGE);
        Ok(self.store.audit_entries(after_seq, limit).await?)
    }

    /// Recomputes the hash chain from the first entry.
    pub async fn verify_audit(&self, by: &Principal) -> Result<AuditVerification, DeskError> {
        Self::check_auditor(by)?;
        Ok(self.store.verify_audit().await?)
    }
}
