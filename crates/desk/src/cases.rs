//! Case management for the reporting point's analysts: the triage queue,
//! assignment, the case view (report, screening hits with decisions,
//! deadlines, event log and linked reports), decisions on hits and notes.
//!
//! Analysts and administrators work cases. Authority viewers may open the
//! case of a report routed to their authority, read-only; everyone else is
//! answered as if the report did not exist. Linked reports are filtered by
//! the caller's scope, so a link never reveals a report they may not read.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use meldpunt_store::{
    AssigneeFilter, AssignmentRow, AuditEntry, DecisionRow, NewCaseEvent, NewDecision, ReportRow,
    RouteRow, TriageFilter, TriageRow,
};

use crate::{Credential, Desk, DeskError, Principal, Role, MAX_PAGE, REPORTING_POINT_ORG};

use index::index_row;

/// Longest decision reason, in characters (the tables check it too).
pub const MAX_REASON_CHARS: usize = 1000;
/// Longest decision notes or case note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// Most linked reports shown in a case.
pub const MAX_LINKED: usize = 50;
/// Reports indexed per batch when the case index catches up.
const INDEX_BATCH: u32 = 500;

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

/// Who works a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssigneeView {
    pub user_id: String,
    pub name: Option<String>,
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

/// An analyst's verdict on a screening hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Decision {
    Confirmed,
    Dismissed,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirmed => "CONFIRMED",
            Decision::Dismissed => "DISMISSED",
        }
    }
}

/// A recorded decision on a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionView {
    pub decision: String,
    pub reason: String,
    pub notes: Option<String>,
    pub decided_by: String,
    pub decided_by_name: Option<String>,
    pub decided_at: String,
}

/// A screening hit of one of the report's subjects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseHit {
    /// JSON Pointer of the subject in the report, e.g. `/subjects/0`.
    pub subject: String,
    pub source: String,
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub program: Option<String>,
    /// The current decision, if any.
    pub decision: Option<DecisionView>,
    /// Earlier decisions, oldest first.
    pub history: Vec<DecisionView>,
}

/// A deadline with whether it is overdue now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseDeadline {
    pub kind: String,
    pub authority: Option<String>,
    pub starts_at: String,
    pub due_at: String,
    pub met_at: Option<String>,
    pub overdue: bool,
}

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

/// Why two reports are linked: a shared key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkReason {
    /// `identifier` (e.g. `imo:9074729`) or `entity` (a listed entity
    /// hit, `source:entity id`).
    pub kind: String,
    pub key: String,
}

/// Another report about the same subject that the caller may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedReport {
    pub id: String,
    pub org_id: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub reasons: Vec<LinkReason>,
}

/// Everything about one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseView {
    pub id: String,
    pub org_id: String,
    pub org_name: Option<String>,
    pub channel: String,
    pub report_type: String,
    pub status: String,
    pub received_at: String,
    pub detected_at: Option<String>,
    /// The report as filed.
    pub report: Value,
    pub assignee: Option<AssigneeView>,
    pub hits: Vec<CaseHit>,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<CaseDeadline>,
    pub events: Vec<CaseEvent>,
    pub linked: Vec<LinkedReport>,
    /// Whether the caller may assign, decide and add notes.
    pub editable: bool,
}

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

impl Desk {
    /// Brings the case index up to date with the reports filed since.
    async fn refresh_case_index(&self) -> Result<(), DeskError> {
        loop {
            let batch = self.store.unindexed_reports(INDEX_BATCH).await?;
            if batch.is_empty() {
                return Ok(());
            }
            let rows: Vec<_> = batch.iter().map(index_row).collect();
            self.store.index_cases(&rows).await?;
            if batch.len() < INDEX_BATCH as usize {
                return Ok(());
            }
        }
    }

    fn triage_filter(&self, by: &Principal, q: &TriageQuery) -> Result<TriageFilter, DeskError> {
        if let Some(score) = q.min_score {
            if !(0.0..=1.0).contains(&score) {
                return Err(DeskError::invalid("min_score", "must be between 0 and 1"));
            }
        }
        let assignee = match &q.assignee {
            AssigneeChoice::Anyone => AssigneeFilter::Anyone,
            AssigneeChoice::Unassigned => AssigneeFilter::Unassigned,
            AssigneeChoice::User(id) => AssigneeFilter::User(id.clone()),
            AssigneeChoice::Me => AssigneeFilter::User(
                by.user_id()
                    .ok_or_else(|| DeskError::invalid("assignee", "the caller is not a user"))?
                    .to_string(),
            ),
        };
        let due_before = q
            .due_by
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .map(|d| self.stamp(d.and_time(chrono::NaiveTime::MIN).and_utc()));
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
            assignee,
            open_only: !q.include_closed,
            offset: (page - 1).saturating_mul(per_page),
            limit: per_page,
        })
    }

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
            .filter(|u| u.org_id == REPORTING_POINT_ORG && u.status == "active")
            .filter(|u| matches!(u.role.parse::<Role>(), Ok(r) if r.sees_all_reports()))
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

    /// Confirms or dismisses one screening hit of a report. A later
    /// decision on the same hit supersedes this one; both are kept.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_match(
        &self,
        by: &Principal,
        report_id: &str,
        source: &str,
        entity_id: &str,
        decision: Decision,
        reason: &str,
        notes: Option<&str>,
    ) -> Result<DecisionView, DeskError> {
        check_case_worker(by)?;
        let reason = bounded("reason", reason, MAX_REASON_CHARS, true)?.unwrap_or_default();
        let notes = bounded("notes", notes.unwrap_or(""), MAX_NOTE_CHARS, false)?;
        let row = self.case_report(report_id).await?;
        let hit = index::hits(&row.screening)
            .into_iter()
            .any(|h| h.source == source && h.entity_id == entity_id);
        if !hit {
            return Err(DeskError::NotFound("screening hit"));
        }
        let new = NewDecision {
            report_id: row.id.clone(),
            source: source.to_string(),
            entity_id: entity_id.to_string(),
            decision: decision.as_str().to_string(),
            reason,
            notes,
            decided_by: by.actor(),
            decided_at: self.stamp(self.now()),
        };
        let details = json!({
            "source": new.source, "entity_id": new.entity_id, "decision": new.decision,
            "reason": new.reason, "notes": new.notes,
        });
        let event = self.case_event(by, "match_decided", details.clone());
        let audit = self.case_audit(by, &row, "case.decide", details);
        let stored = self.store.decide_match(&new, &event, &audit).await?;
        let names = self
            .actor_names(std::iter::once(stored.decided_by.as_str()))
            .await?;
        Ok(decision_view(stored, &names))
    }

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
        Ok(CaseEvent {
            actor_name: names.get(&stored.actor).cloned(),
            at: stored.at,
            kind: stored.kind,
            actor: Some(stored.actor),
            details: stored.details,
        })
    }

    /// Display names of the users among `actors` (`user:…`).
    async fn actor_names<'a>(
        &self,
        actors: impl Iterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, String>, DeskError> {
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

    /// The case of a report. Analysts and administrators see every case;
    /// authority viewers the cases of reports routed to their authority,
    /// read-only; anyone else gets NotFound. The read is audited.
    pub async fn case(&self, by: &Principal, report_id: &str) -> Result<CaseView, DeskError> {
        if by.credential == Credential::Anonymous {
            return Err(DeskError::Unauthenticated("sign in to read cases"));
        }
        let row = self.store.report(report_id).await?;
        let visible = match &row {
            Some(row) if !by.role.files_reports() => self.sees(by, row).await?,
            _ => false,
        };
        let action = if visible {
            "case.read"
        } else {
            "case.read_denied"
        };
        let org = row.as_ref().filter(|_| visible).map(|r| r.org_id.clone());
        let audit = self.audit_entry(by, org.as_deref(), action, format!("report:{report_id}"));
        self.store.audit(&audit).await?;
        match row {
            Some(row) if visible => self.case_view(by, row).await,
            _ => Err(DeskError::NotFound("report")),
        }
    }

    async fn case_view(&self, by: &Principal, row: ReportRow) -> Result<CaseView, DeskError> {
        self.refresh_case_index().await?;
        let now = self.stamp(self.now());
        let routes = self.store.routes_of(&row.id).await?;
        let deadlines = self.store.deadlines_of(&row.id).await?;
        let decisions = self.store.match_decisions(&row.id).await?;
        let stored = self.store.case_events(&row.id).await?;
        let assignment = self.store.case_assignment(&row.id).await?;
        let actors = stored
            .iter()
            .map(|e| e.actor.as_str())
            .chain(decisions.iter().map(|d| d.decided_by.as_str()));
        let mut wanted: Vec<String> = actors.map(str::to_string).collect();
        if let Some(a) = &assignment {
            wanted.push(format!("user:{}", a.assignee));
        }
        let names = self.actor_names(wanted.iter().map(String::as_str)).await?;
        let mut events = derived_events(&row, &routes, &deadlines);
        events.extend(stored.into_iter().map(|e| CaseEvent {
            actor_name: names.get(&e.actor).cloned(),
            at: e.at,
            kind: e.kind,
            actor: Some(e.actor),
            details: e.details,
        }));
        // Stable: derived facts stay ahead of stored events at equal times.
        events.sort_by(|a, b| a.at.cmp(&b.at));
        Ok(CaseView {
            org_name: self.store.org(&row.org_id).await?.map(|o| o.name),
            assignee: assignment.map(|a| AssigneeView {
                name: names.get(&format!("user:{}", a.assignee)).cloned(),
                user_id: a.assignee,
            }),
            hits: case_hits(&row.screening, decisions, &names),
            deadlines: deadlines
                .into_iter()
                .map(|d| CaseDeadline {
                    overdue: d.met_at.is_none() && d.due_at < now,
                    kind: d.kind,
                    authority: d.authority,
                    starts_at: d.starts_at,
                    due_at: d.due_at,
                    met_at: d.met_at,
                })
                .collect(),
            linked: self.linked(by, &row.id).await?,
            editable: by.role.sees_all_reports(),
            routes,
            events,
            id: row.id,
            org_id: row.org_id,
            channel: row.channel,
            report_type: row.report_type,
            status: row.status,
            received_at: row.received_at,
            detected_at: row.detected_at,
            report: row.body,
        })
    }

    /// Reports sharing an identifier or a listed entity hit with this one,
    /// newest first, only those `by` may read.
    async fn linked(
        &self,
        by: &Principal,
        report_id: &str,
    ) -> Result<Vec<LinkedReport>, DeskError> {
        let links = self.store.linked_reports(report_id, 1000).await?;
        let mut order: Vec<String> = Vec::new();
        let mut reasons: BTreeMap<String, Vec<LinkReason>> = BTreeMap::new();
        for link in links {
            if !reasons.contains_key(&link.report_id) {
                order.push(link.report_id.clone());
            }
            reasons.entry(link.report_id).or_default().push(LinkReason {
                kind: link.kind,
                key: link.key,
            });
        }
        let mut linked = Vec::new();
        for id in order {
            if linked.len() == MAX_LINKED {
                break;
            }
            let Some(row) = self.store.report(&id).await? else {
                continue;
            };
            if !self.sees(by, &row).await? {
                continue;
            }
            linked.push(LinkedReport {
                reasons: reasons.remove(&id).unwrap_or_default(),
                id: row.id,
                org_id: row.org_id,
                report_type: row.report_type,
                status: row.status,
                received_at: row.received_at,
            });
        }
        Ok(linked)
    }
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

fn decision_view(d: DecisionRow, names: &BTreeMap<String, String>) -> DecisionView {
    DecisionView {
        decided_by_name: names.get(&d.decided_by).cloned(),
        decision: d.decision,
        reason: d.reason,
        notes: d.notes,
        decided_by: d.decided_by,
        decided_at: d.decided_at,
    }
}

/// The report's hits with their decisions: the latest is current.
fn case_hits(
    screening: &Value,
    decisions: Vec<DecisionRow>,
    names: &BTreeMap<String, String>,
) -> Vec<CaseHit> {
    let mut by_hit: BTreeMap<(String, String), Vec<DecisionView>> = BTreeMap::new();
    for d in decisions {
        by_hit
            .entry((d.source.clone(), d.entity_id.clone()))
            .or_default()
            .push(decision_view(d, names));
    }
    index::hits(screening)
        .into_iter()
        .map(|h| {
            let mut history = by_hit
                .get(&(h.source.clone(), h.entity_id.clone()))
                .cloned()
                .unwrap_or_default();
            let decision = history.pop();
            CaseHit {
                subject: h.subject,
                source: h.source,
                entity_id: h.entity_id,
                caption: h.caption,
                score: h.score,
                program: h.program,
                decision,
                history,
            }
        })
        .collect()
}

/// The facts the report's own records hold, as events.
fn derived_events(
    row: &ReportRow,
    routes: &[RouteRow],
    deadlines: &[meldpunt_store::DeadlineRow],
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

/// What the case index holds for a report, derived from its JSON. Reports
/// are validated before filing, but the index reads leniently: a missing
/// or odd field contributes no key rather than failing triage.
mod index {
    use std::collections::BTreeSet;

    use meldpunt_model::normalize_identifier;
    use meldpunt_reports::IdentifierKind;
    use meldpunt_store::{CaseIndexRow, IndexSource};
    use serde_json::Value;

    /// A screening hit as stored with the report.
    pub(super) struct StoredHit {
        pub subject: String,
        pub source: String,
        pub entity_id: String,
        pub caption: String,
        pub score: f64,
        pub program: Option<String>,
    }

    fn text(value: &Value, key: &str) -> Option<String> {
        value.get(key).and_then(Value::as_str).map(str::to_string)
    }

    fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
        value
            .get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Regime and programme codes compare upper-case and trimmed.
    pub(super) fn norm_code(code: &str) -> String {
        code.trim().to_uppercase()
    }

    pub(super) fn hits(screening: &Value) -> Vec<StoredHit> {
        let mut hits = Vec::new();
        for subject in array(screening, "subjects") {
            let pointer = text(subject, "subject").unwrap_or_default();
            for hit in array(subject, "hits") {
                let (Some(source), Some(entity_id)) = (text(hit, "source"), text(hit, "entity_id"))
                else {
                    continue;
                };
                hits.push(StoredHit {
                    subject: pointer.clone(),
                    caption: text(hit, "caption").unwrap_or_else(|| entity_id.clone()),
                    score: hit.get("score").and_then(Value::as_f64).unwrap_or(0.0),
                    program: text(hit, "program"),
                    source,
                    entity_id,
                });
            }
        }
        hits
    }

    /// `kind:value` of a subject identifier, normalised like list
    /// identifiers are (upper case, alphanumerics, no `IMO` prefix).
    fn identifier_key(identifier: &Value) -> Option<String> {
        let kind: IdentifierKind = serde_json::from_value(identifier.get("kind")?.clone()).ok()?;
        if kind == IdentifierKind::Other {
            // Free-form identifiers say too little to tie two reports together.
            return None;
        }
        let model = kind.to_model();
        let value = normalize_identifier(model, identifier.get("value")?.as_str()?);
        (!value.is_empty()).then(|| format!("{}:{value}", model.as_str()))
    }

    pub(crate) fn index_row(source: &IndexSource) -> CaseIndexRow {
        let mut keys: BTreeSet<(String, String)> = BTreeSet::new();
        let mut add = |kind: &str, key: String| {
            if !key.is_empty() {
                keys.insert((kind.to_string(), key));
            }
        };
        let envelope = source.body.get("envelope").unwrap_or(&Value::Null);
        for regime in array(envelope, "regimes").iter().filter_map(Value::as_str) {
            add("regime", norm_code(regime));
        }
        for subject in array(&source.body, "subjects") {
            for identifier in array(subject, "identifiers") {
                if let Some(key) = identifier_key(identifier) {
                    add("identifier", key);
                }
            }
            if let Some(declared) = subject.get("list_match") {
                if let (Some(list), Some(entry)) =
                    (text(declared, "list"), text(declared, "entry_id"))
                {
                    add("entity", format!("{list}:{entry}"));
                }
            }
        }
        let hits = hits(&source.screening);
        let mut distinct = BTreeSet::new();
        for hit in &hits {
            distinct.insert((hit.source.clone(), hit.entity_id.clone()));
            add("entity", format!("{}:{}", hit.source, hit.entity_id));
            if let Some(program) = &hit.program {
                add("programme", norm_code(program));
            }
        }
        CaseIndexRow {
            report_id: source.report_id.clone(),
            seq: source.seq,
            max_score: hits.iter().map(|h| h.score).reduce(f64::max),
            hit_count: i64::try_from(distinct.len()).unwrap_or(i64::MAX),
            keys: keys.into_iter().collect(),
        }
    }
}
