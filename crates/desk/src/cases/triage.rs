//! The triage queue: the reports analysts work, filtered, nearest open
//! deadline first, then highest screening score.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::json;

use meldpunt_store::{AssigneeFilter, TriageFilter, TriageRow};

use super::assignment::AssigneeView;
use super::{check_case_worker, index};
use crate::{Desk, DeskError, Principal, MAX_PAGE};

/// Whose reports the triage queue lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssigneeChoice {
    #[default]
    Anyone,
    /// The caller.
    Me,
    Unassigned,
    /// A user id.
    User(String),
}

/// The triage queue's filters and page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriageQuery {
    pub report_type: Option<String>,
    pub status: Option<String>,
    /// A regime of the report (e.g. `RUS`) or a programme of a screening hit.
    pub regime: Option<String>,
    /// Only reports with an open deadline due on or before this date (UTC).
    pub due_by: Option<NaiveDate>,
    /// Only reports with an open deadline already past due.
    pub overdue_only: bool,
    /// Only reports with a screening hit scoring at least this (0 to 1).
    pub min_score: Option<f64>,
    pub assignee: AssigneeChoice,
    /// Also list cases with no open deadline and every hit decided.
    pub include_closed: bool,
    /// From 1.
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl TriageQuery {
    /// Reads a `due_by` date, `YYYY-MM-DD`, for callers without chrono.
    pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, DeskError> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| DeskError::invalid(field, "must be a date, YYYY-MM-DD"))
    }
}

/// A line of the triage queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriageItem {
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    /// The highest screening score of the report's hits.
    pub max_score: Option<f64>,
    pub hits: i64,
    /// Hits with a current decision.
    pub decided: i64,
    pub assignee: Option<AssigneeView>,
    /// The nearest open deadline's due time.
    pub next_deadline: Option<String>,
    /// Whether that deadline has passed (by the desk's clock).
    pub overdue: bool,
}

/// One page of the triage queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriagePage {
    pub items: Vec<TriageItem>,
    /// Cases matching the filters, on all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl Desk {
    /// The triage queue: reports for analysts, nearest open deadline first,
    /// then highest screening score.
    pub async fn triage(&self, by: &Principal, q: &TriageQuery) -> Result<TriagePage, DeskError> {
        check_case_worker(by)?;
        let filter = self.triage_filter(by, q)?;
        self.refresh_case_index().await?;
        let (rows, total) = self.store.triage(&filter).await?;
        let now = self.stamp(self.now());
        let items: Vec<TriageItem> = rows.into_iter().map(|r| triage_item(r, &now)).collect();
        let mut audit = self.audit_entry(by, None, "case.triage", "cases".to_string());
        audit.after = Some(json!({"ids": items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()}));
        self.store.audit(&audit).await?;
        Ok(TriagePage {
            items,
            total,
            page: filter.offset / filter.limit + 1,
            per_page: filter.limit,
        })
    }

    fn triage_filter(&self, by: &Principal, q: &TriageQuery) -> Result<TriageFilter, DeskError> {
        if let Some(score) = q.min_score {
            if !(0.0..=1.0).contains(&score) {
                return Err(DeskError::invalid("min_score", "must be between 0 and 1"));
            }
        }
        // The store compares stamps: "on or before the day" is "before the next".
        let due_before = q
            .due_by
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .map(|d| self.stamp(d.and_time(NaiveTime::MIN).and_utc()));
        let per_page = q.per_page.unwrap_or(50).clamp(1, MAX_PAGE);
        let page = q.page.unwrap_or(1).max(1);
        Ok(TriageFilter {
            report_type: q.report_type.clone().filter(|t| !t.is_empty()),
            status: q.status.clone().filter(|s| !s.is_empty()),
            regime: q
                .regime
                .as_deref()
                .map(index::norm_code)
                .filter(|r| !r.is_empty()),
            due_before,
            overdue_at: q.overdue_only.then(|| self.stamp(self.now())),
            min_score: q.min_score,
            assignee: assignee_filter(by, &q.assignee)?,
            open_only: !q.include_closed,
            offset: (page - 1).saturating_mul(per_page),
            limit: per_page,
        })
    }
}

fn assignee_filter(by: &Principal, choice: &AssigneeChoice) -> Result<AssigneeFilter, DeskError> {
    Ok(match choice {
        AssigneeChoice::Anyone => AssigneeFilter::Anyone,
        AssigneeChoice::Unassigned => AssigneeFilter::Unassigned,
        AssigneeChoice::User(id) => AssigneeFilter::User(id.clone()),
        AssigneeChoice::Me => AssigneeFilter::User(
            by.user_id()
                .ok_or_else(|| DeskError::invalid("assignee", "the caller is not a user"))?
                .to_string(),
        ),
    })
}

fn triage_item(r: TriageRow, now: &str) -> TriageItem {
    TriageItem {
        overdue: r.next_due.as_deref().is_some_and(|due| due < now),
        assignee: r.assignee.map(|user_id| AssigneeView {
            user_id,
            name: r.assignee_name,
        }),
        id: r.id,
        org_id: r.org_id,
        report_type: r.report_type,
        status: r.status,
        received_at: r.received_at,
        max_score: r.max_score,
        hits: r.hit_count,
        decided: r.decided_count,
        next_deadline: r.next_due,
    }
}
