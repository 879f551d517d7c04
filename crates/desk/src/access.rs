//! Reading reports, always through the caller's scope: reporters see their
//! own organisation's reports, authority viewers the reports routed to their
//! authority, analysts and administrators all. A report outside the scope
//! is answered exactly like a report that does not exist. Every read is
//! written to the audit log.

use serde::Serialize;
use serde_json::Value;

use meldpunt_store::{DeadlineRow, ReportFilter, ReportRow, RouteRow};

use crate::{Acknowledgement, Credential, Desk, DeskError, Principal, Role};

/// Most reports in one page of a listing.
pub const MAX_PAGE: u32 = 200;

/// One report in full, as its reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    pub id: String,
    pub org_id: String,
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub detected_at: Option<String>,
    pub report: Value,
    pub validation: Value,
    pub screening: Value,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<DeadlineRow>,
}

/// A line of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSummary {
    pub seq: i64,
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
}

impl From<&ReportRow> for ReportSummary {
    fn from(row: &ReportRow) -> Self {
        ReportSummary {
            seq: row.seq,
            id: row.id.clone(),
            org_id: row.org_id.clone(),
            report_type: row.report_type.clone(),
            status: row.status.clone(),
            received_at: row.received_at.clone(),
        }
    }
}

/// Filters a caller may set on a listing; the scope is added by the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportQuery {
    pub report_type: Option<String>,
    pub status: Option<String>,
    pub before_seq: Option<i64>,
    pub limit: Option<u32>,
}

impl Desk {
    /// The filter that confines `by` to what they may see.
    fn scope(&self, by: &Principal) -> Result<ReportFilter, DeskError> {
        let mut filter = ReportFilter {
            org_id: None,
            authority: None,
            report_type: None,
            status: None,
            before_seq: None,
            limit: MAX_PAGE,
        };
        match by.role {
            _ if by.credential == Credential::Anonymous => {
                return Err(DeskError::Unauthenticated("sign in to read reports"))
            }
            Role::Reporter | Role::ReporterAdmin => filter.org_id = Some(by.org_id.clone()),
            Role::AuthorityViewer => {
                let authority = by
                    .authority
                    .clone()
                    .ok_or(DeskError::Forbidden("this account names no authority"))?;
                filter.authority = Some(authority);
            }
            Role::Analyst | Role::Admin => {}
        }
        Ok(filter)
    }

    pub(crate) async fn sees(&self, by: &Principal, row: &ReportRow) -> Result<bool, DeskError> {
        let filter = self.scope(by)?;
        if filter.org_id.as_ref().is_some_and(|org| *org != row.org_id) {
            return Ok(false);
        }
        if let Some(authority) = &filter.authority {
            let routes = self.store.routes_of(&row.id).await?;
            return Ok(routes.iter().any(|r| &r.authority == authority));
        }
        Ok(true)
    }

    /// The report, if `by` may read it; the read is audited.
    async fn readable(&self, by: &Principal, id: &str) -> Result<ReportRow, DeskError> {
        self.readable_as(by, id, "report", true).await
    }

    /// The report, if `by` may read it as `what` (`report`, `case`) and
    /// `role_allows` it; the read, or its refusal, is audited as
    /// `{what}.read` or `{what}.read_denied`. Refused and missing answer
    /// alike.
    pub(crate) async fn readable_as(
        &self,
        by: &Principal,
        id: &str,
        what: &str,
        role_allows: bool,
    ) -> Result<ReportRow, DeskError> {
        let row = self.store.report(id).await?;
        let visible = match &row {
            Some(row) if role_allows => self.sees(by, row).await?,
            _ => false,
        };
        let action = if visible {
            format!("{what}.read")
        } else {
            format!("{what}.read_denied")
        };
        let org = row.as_ref().filter(|_| visible).map(|r| r.org_id.clone());
        let audit = self.audit_entry(by, org.as_deref(), &action, format!("report:{id}"));
        self.store.audit(&audit).await?;
        match row {
            Some(row) if visible => Ok(row),
            _ => Err(DeskError::NotFound("report")),
        }
    }

    pub async fn report(&self, by: &Principal, id: &str) -> Result<ReportView, DeskError> {
        let row = self.readable(by, id).await?;
        Ok(ReportView {
            routes: self.store.routes_of(&row.id).await?,
            deadlines: self.store.deadlines_of(&row.id).await?,
            id: row.id,
            org_id: row.org_id,
            channel: row.channel,
            report_type: row.report_type,
            status: row.status,
            received_at: row.received_at,
            detected_at: row.detected_at,
            report: row.body,
            validation: row.validation,
            screening: row.screening,
        })
    }

    /// The acknowledgement of a filed report, again (FinCEN-style
    /// acknowledgement retrieval).
    pub async fn acknowledgement_of(
        &self,
        by: &Principal,
        id: &str,
    ) -> Result<Acknowledgement, DeskError> {
        let row = self.readable(by, id).await?;
        self.acknowledgement(&row, false).await
    }

    /// Newest first, within the caller's scope, plus the total in scope.
    pub async fn reports(
        &self,
        by: &Principal,
        query: &ReportQuery,
    ) -> Result<(Vec<ReportSummary>, u64), DeskError> {
        let mut filter = self.scope(by)?;
        filter.report_type = query.report_type.clone();
        filter.status = query.status.clone();
        let total = self.store.count_reports(&filter).await?;
        filter.before_seq = query.before_seq;
        filter.limit = query.limit.unwrap_or(50).clamp(1, MAX_PAGE);
        let rows = self.store.reports(&filter).await?;
        let summaries: Vec<ReportSummary> = rows.iter().map(ReportSummary::from).collect();
        let mut audit = self.audit_entry(
            by,
            filter.org_id.as_deref(),
            "report.list",
            "reports".to_string(),
        );
        audit.after = Some(serde_json::json!({
            "ids": summaries.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        }));
        self.store.audit(&audit).await?;
        Ok((summaries, total))
    }
}
