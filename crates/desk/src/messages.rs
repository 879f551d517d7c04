//! Message threads on filed reports: the reporting point asks the filing
//! organisation a question about one report, the organisation answers.
//!
//! Who takes part: the filing organisation's reporters (users and API
//! keys) and the reporting point's analysts and administrators. Authority
//! viewers do not: a thread is the correspondence between a reporter and
//! the reporting point, and what reaches an authority is the report as
//! routed, not the questions around it. A report of another organisation
//! is "not found", exactly like a missing one. Every read and post is
//! audited; reads in the same transaction that moves the reader's marker.
//!
//! Reporters see the reporting point as one party: the names of its
//! analysts are not shown to them.

use std::collections::BTreeMap;

use serde::Serialize;

use meldpunt_store::{MessageRow, NewMessage, ReportRow};

use crate::secret::sha256_hex;
use crate::{Credential, Desk, DeskError, Principal, Role, ANONYMOUS_ORG};

/// Longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 10_000;

/// The two parties of a thread.
const REPORTER: &str = "reporter";
const REPORTING_POINT: &str = "reporting_point";

/// One message as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageView {
    pub id: String,
    pub report_id: String,
    /// `reporter` or `reporting_point`.
    pub side: String,
    /// The author's name; `None` for a reporting-point author read by a
    /// reporter.
    pub author_name: Option<String>,
    /// Whether the reader wrote it.
    pub mine: bool,
    pub body: String,
    pub created_at: String,
}

impl Desk {
    /// The caller's side of threads, or why they have none.
    fn thread_side(by: &Principal) -> Result<&'static str, DeskError> {
        match (&by.credential, by.role) {
            (Credential::Anonymous, _) => {
                Err(DeskError::Unauthenticated("sign in to read messages"))
            }
            (_, Role::Reporter | Role::ReporterAdmin) => Ok(REPORTER),
            (_, Role::Analyst | Role::Admin) => Ok(REPORTING_POINT),
            (_, Role::AuthorityViewer) => Err(DeskError::Forbidden(
                "message threads are between the reporting organisation and the reporting point",
            )),
        }
    }

    /// The report, if `by` takes part in its thread. Denials are audited
    /// and answered like a missing report.
    async fn thread_report(
        &self,
        by: &Principal,
        report_id: &str,
        action: &str,
    ) -> Result<ReportRow, DeskError> {
        let row = self.store.report(report_id).await?;
        if let Some(row) = row {
            if self.sees(by, &row).await? {
                return Ok(row);
            }
        }
        let target = format!("report:{report_id}");
        let audit = self.audit_entry(by, None, &format!("{action}_denied"), target);
        self.store.audit(&audit).await?;
        Err(DeskError::NotFound("report"))
    }

    fn message_view(by: &Principal, side: &str, row: MessageRow) -> MessageView {
        let hidden = side == REPORTER && row.side == REPORTING_POINT;
        MessageView {
            mine: row.author == by.actor(),
            author_name: (!hidden).then_some(row.author_name),
            id: row.id,
            report_id: row.report_id,
            side: row.side,
            body: row.body,
            created_at: row.created_at,
        }
    }

    /// The name a message is signed with.
    async fn author_name(&self, by: &Principal) -> Result<String, DeskError> {
        Ok(match &by.credential {
            Credential::User { user_id } => self
                .store
                .user(user_id)
                .await?
                .map_or_else(|| user_id.clone(), |u| u.display_name),
            Credential::ApiKey { key_id } => {
                let keys = self.store.api_keys_of_org(&by.org_id).await?;
                let label = keys.into_iter().find(|k| &k.id == key_id).map(|k| k.label);
                format!("API key {}", label.unwrap_or_else(|| key_id.clone()))
            }
            Credential::Operator { name } => name.clone(),
            Credential::Anonymous => "anonymous".to_string(),
        })
    }

    /// Appends a message to a report's thread.
    pub async fn post_message(
        &self,
        by: &Principal,
        report_id: &str,
        body: &str,
    ) -> Result<MessageView, DeskError> {
        let side = Self::thread_side(by)?;
        let body = clean_body(body)?;
        let report = self.thread_report(by, report_id, "message.create").await?;
        if report.org_id == ANONYMOUS_ORG {
            return Err(DeskError::invalid(
                "report",
                "an anonymous whistleblower report has no one to answer a message",
            ));
        }
        let message = NewMessage {
            id: uuid::Uuid::new_v4().to_string(),
            report_id: report.id.clone(),
            side: side.to_string(),
            author: by.actor(),
            author_name: self.author_name(by).await?,
            created_at: self.stamp(self.now()),
            body,
        };
        let mut audit = self.audit_entry(
            by,
            Some(&report.org_id),
            "message.create",
            format!("report:{}", report.id),
        );
        audit.after = Some(serde_json::json!({
            "message_id": message.id,
            "side": message.side,
            "body_sha256": sha256_hex(&message.body),
        }));
        let row = self.store.post_message(&message, &audit).await?;
        Ok(Self::message_view(by, side, row))
    }

    /// A report's thread, oldest first. A signed-in user's read marker
    /// moves to its end.
    pub async fn messages(
        &self,
        by: &Principal,
        report_id: &str,
    ) -> Result<Vec<MessageView>, DeskError> {
        let side = Self::thread_side(by)?;
        let report = self.thread_report(by, report_id, "message.read").await?;
        let audit = self.audit_entry(
            by,
            Some(&report.org_id),
            "message.read",
            format!("report:{}", report.id),
        );
        let rows = self
            .store
            .read_thread(&report.id, by.user_id(), &audit)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| Self::message_view(by, side, row))
            .collect())
    }

    /// For a signed-in user: how many messages from the other party they
    /// have not read, per report among `report_ids` (reports with none, or
    /// outside the caller's scope, are left out). Others get an empty map.
    pub async fn unread_messages(
        &self,
        by: &Principal,
        report_ids: &[String],
    ) -> Result<BTreeMap<String, u64>, DeskError> {
        let side = Self::thread_side(by)?;
        let Some(user_id) = by.user_id() else {
            return Ok(BTreeMap::new());
        };
        let org = (side == REPORTER).then_some(by.org_id.as_str());
        let counts = self
            .store
            .unread_messages(user_id, side, org, report_ids)
            .await?;
        Ok(counts.into_iter().collect())
    }
}

/// The body as stored: line ends normalised, trimmed, not empty, within
/// [`MAX_MESSAGE_CHARS`], no control characters but line breaks and tabs.
fn clean_body(body: &str) -> Result<String, DeskError> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim();
    if body.is_empty() {
        return Err(DeskError::invalid("body", "a message cannot be empty"));
    }
    if body.chars().count() > MAX_MESSAGE_CHARS {
        return Err(DeskError::invalid(
            "body",
            format!("a message may be at most {MAX_MESSAGE_CHARS} characters"),
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(DeskError::invalid(
            "body",
            "a message may not contain control characters",
        ));
    }
    Ok(body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_cleaned_or_refused() {
        assert_eq!(
            clean_body("  a\r\nb\rc\t \n").ok().as_deref(),
            Some("a\nb\nc")
        );
        assert!(clean_body(" \n ").is_err());
        assert!(clean_body("a\u{0}b").is_err());
        assert!(clean_body("a\u{1b}[31m").is_err());
        assert!(clean_body(&"x".repeat(MAX_MESSAGE_CHARS)).is_ok());
        assert!(clean_body(&"é".repeat(MAX_MESSAGE_CHARS + 1)).is_err());
    }
}
