//! Filing a report: read the channel's format, validate in two layers,
//! screen every subject, route, start the deadline clocks, and store it all
//! with its audit entry in one transaction. Until that transaction commits
//! nothing is acknowledged; once it has, the report survives a crash.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use meldpunt_reports::messages::{localise, Language};
use meldpunt_reports::{
    deadlines, returns_csv, route, validate_at, xml, Issue, Report, ReportType, Status,
};
use meldpunt_store::{DeadlineRow, Insert, NewReport, ReportRow, RouteRow};

use crate::screening::{feedback, screen_report, ScreeningRecord};
use crate::secret::sha256_hex;
use crate::{Credential, Desk, DeskError, Principal, ANONYMOUS_ORG};

/// Largest report body on any channel.
pub const MAX_REPORT_BYTES: usize = 8 * 1024 * 1024;
/// Idempotency keys are opaque strings of printable ASCII up to this length.
pub const MAX_IDEMPOTENCY_KEY: usize = 200;

/// How the report arrived; stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Api,
    Xml,
    Csv,
    Portal,
    Draft,
    Whistleblower,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Api => "api",
            Channel::Xml => "xml",
            Channel::Csv => "csv",
            Channel::Portal => "portal",
            Channel::Draft => "draft",
            Channel::Whistleblower => "whistleblower",
        }
    }
}

/// The body as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// JSON text (REST API).
    Json(Vec<u8>),
    /// XML against `report.xsd`.
    Xml(Vec<u8>),
    /// A frozen-assets return; `envelope` holds what the CSV cannot
    /// (reference date, regimes, legal basis…).
    Csv { bytes: Vec<u8>, envelope: Value },
    /// Already parsed (portal forms, drafts).
    Value(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub channel: Channel,
    pub payload: Payload,
    pub idempotency_key: Option<String>,
    /// A file name or "request", for error messages.
    pub origin: String,
}

/// The answer to a submission. `report_id` is stable: a retry with the same
/// idempotency key gets the same acknowledgement back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acknowledgement {
    pub report_id: Option<String>,
    /// RECEIVED (filed; screening could not run), ACCEPTED,
    /// ACCEPTED_WITH_WARNINGS or REJECTED (not filed).
    pub status: String,
    pub received_at: String,
    pub report_type: Option<String>,
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
    pub routes: Vec<RouteRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub screening: Option<Value>,
    /// For a rejected report from a signed-in reporter: the draft it was
    /// kept in, to correct and submit again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_id: Option<String>,
    /// True when this answers a retry of an earlier submission.
    pub replayed: bool,
}

/// An issue as sent and stored (the library's code is `&'static str`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct IssueView {
    pub pointer: String,
    pub code: String,
    pub message: String,
}

impl From<&Issue> for IssueView {
    fn from(issue: &Issue) -> Self {
        IssueView {
            pointer: issue.pointer.clone(),
            code: issue.code.to_string(),
            message: issue.message.clone(),
        }
    }
}

impl IssueView {
    /// The issue with its message in `language`, for an answer; what is
    /// stored (the acknowledgement, the record) stays English.
    pub fn in_language(&self, language: Language) -> IssueView {
        IssueView {
            message: localise(&self.code, &self.message, language),
            ..self.clone()
        }
    }
}

fn views(issues: &[Issue]) -> Vec<IssueView> {
    issues.iter().map(IssueView::from).collect()
}

fn check_idempotency_key(key: Option<&str>) -> Result<(), DeskError> {
    let Some(key) = key else { return Ok(()) };
    let printable = key.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || !printable {
        return Err(DeskError::invalid(
            "Idempotency-Key",
            format!("must be 1 to {MAX_IDEMPOTENCY_KEY} printable ASCII characters without spaces"),
        ));
    }
    Ok(())
}

fn json_error(origin: &str, error: &serde_json::Error) -> DeskError {
    DeskError::Malformed(format!(
        "{origin}: line {}, column {}: not valid JSON: {error}",
        error.line(),
        error.column()
    ))
}

/// The outcome of validating without filing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checked {
    /// ACCEPTED, ACCEPTED_WITH_WARNINGS or REJECTED: what filing it now
    /// would answer, before screening.
    pub status: String,
    pub report_type: Option<String>,
    pub errors: Vec<IssueView>,
    pub warnings: Vec<IssueView>,
}

impl Desk {
    /// Both validation layers on a payload, with nothing stored.
    pub fn check(&self, payload: &Payload, origin: &str) -> Result<Checked, DeskError> {
        let json = read_payload(payload, origin)?;
        let validation = validate_at(&json, self.now());
        let status = match validation.status() {
            Status::Accepted => "ACCEPTED",
            Status::AcceptedWithWarnings => "ACCEPTED_WITH_WARNINGS",
            Status::Rejected => "REJECTED",
        };
        Ok(Checked {
            status: status.to_string(),
            report_type: validation
                .report
                .as_ref()
                .map(|r| type_code(r.envelope.report_type)),
            errors: views(&validation.errors),
            warnings: views(&validation.warnings),
        })
    }

    /// Reads, validates, screens, routes and files a report.
    pub async fn submit(
        &self,
        by: &Principal,
        submission: Submission,
    ) -> Result<Acknowledgement, DeskError> {
        let anonymous = by.credential == Credential::Anonymous;
        if !by.role.files_reports() {
            return Err(DeskError::Forbidden("only reporters file reports"));
        }
        check_idempotency_key(submission.idempotency_key.as_deref())?;
        let request_sha256 = self.payload_digest(&submission)?;
        let mut json = read_payload(&submission.payload, &submission.origin)?;
        if !anonymous {
            self.fill_reporter(by, &mut json).await?;
        }
        let now = self.now();
        let mut validation = validate_at(&json, now);
        if let Some(report) = &validation.report {
            let is_whistleblower = report.envelope.report_type == ReportType::Whistleblower;
            if anonymous != is_whistleblower {
                validation.errors.push(Issue {
                    pointer: "/envelope/report_type".to_string(),
                    code: "whistleblower_channel",
                    message: "Whistleblower reports are filed anonymously through the whistleblower channel, and only they are.".to_string(),
                });
            }
        }
        let report = match (&validation.report, validation.status()) {
            (Some(report), status) if status != Status::Rejected => report.clone(),
            _ => {
                let draft = submission
                    .idempotency_key
                    .as_deref()
                    .filter(|_| submission.channel == Channel::Draft)
                    .and_then(|key| key.strip_prefix("draft:"))
                    .map(str::to_string);
                return self.reject(by, json, &validation.errors, now, draft).await;
            }
        };
        let record = self.screen(&report).await?;
        let mut warnings = validation.warnings.clone();
        if record.status == "screened" {
            warnings.extend(feedback(&report, &record));
        }
        let routes = self.routes(&report, now);
        let clocks = deadlines(&report, now);
        for clock in clocks.iter().filter(|c| c.late) {
            warnings.push(Issue {
                pointer: "/envelope/detected_at".to_string(),
                code: "deadline_missed",
                message: format!(
                    "This report arrives after its deadline ({}, due {}).",
                    clock.kind,
                    self.stamp(clock.due_at)
                ),
            });
        }
        let status = if record.status != "screened" {
            "RECEIVED"
        } else if warnings.is_empty() {
            "ACCEPTED"
        } else {
            "ACCEPTED_WITH_WARNINGS"
        };
        let new = NewReport {
            id: uuid::Uuid::new_v4().to_string(),
            org_id: by.org_id.clone(),
            submitted_by: by.actor(),
            channel: submission.channel.as_str().to_string(),
            report_type: type_code(report.envelope.report_type),
            status: status.to_string(),
            received_at: self.stamp(now),
            detected_at: Some(report.envelope.detected_at.clone()),
            body: serde_json::to_value(&report).map_err(|e| DeskError::Internal(e.to_string()))?,
            validation: serde_json::json!({"errors": [], "warnings": views(&warnings)}),
            screening: serde_json::to_value(&record)
                .map_err(|e| DeskError::Internal(e.to_string()))?,
            idempotency_key: submission.idempotency_key.clone(),
            request_sha256,
            routes,
            deadlines: clocks
                .iter()
                .map(|c| DeadlineRow {
                    kind: c.kind.to_string(),
                    authority: c.authority.map(|a| a.code().to_string()),
                    starts_at: self.stamp(c.starts_at),
                    due_at: self.stamp(c.due_at),
                    met_at: c.met_at.map(|m| self.stamp(m)),
                })
                .collect(),
        };
        let mut audit = self.audit_entry(
            by,
            Some(&by.org_id),
            "report.create",
            format!("report:{}", new.id),
        );
        audit.after = Some(serde_json::json!({
            "status": new.status,
            "report_type": new.report_type,
            "channel": new.channel,
            "body_sha256": sha256_hex(&new.body.to_string()),
        }));
        match self.store.insert_report(&new, &audit).await? {
            Insert::Inserted(row) => self.acknowledgement(&row, false).await,
            Insert::Existing(row) if row.request_sha256 == new.request_sha256 => {
                self.acknowledgement(&row, true).await
            }
            Insert::Existing(_) => Err(DeskError::Conflict(
                "this Idempotency-Key was used before with a different report".to_string(),
            )),
        }
    }

    fn payload_digest(&self, submission: &Submission) -> Result<String, DeskError> {
        let bytes: Vec<u8> = match &submission.payload {
            Payload::Json(b) | Payload::Xml(b) => b.clone(),
            Payload::Csv { bytes, envelope } => {
                let mut all = bytes.clone();
                all.extend_from_slice(envelope.to_string().as_bytes());
                all
            }
            Payload::Value(v) => v.to_string().into_bytes(),
        };
        if bytes.len() > MAX_REPORT_BYTES {
            return Err(DeskError::Malformed(format!(
                "{}: {} bytes; a report may be at most {MAX_REPORT_BYTES} bytes",
                submission.origin,
                bytes.len()
            )));
        }
        let mut hasher = Sha256::new();
        hasher.update(submission.channel.as_str().as_bytes());
        hasher.update([0]);
        hasher.update(&bytes);
        Ok(hex::encode(hasher.finalize()))
    }

    /// A report without a reporter block gets the account's organisation,
    /// so routing by sector works for API clients that leave it out.
    async fn fill_reporter(&self, by: &Principal, json: &mut Value) -> Result<(), DeskError> {
        let Some(envelope) = json.get_mut("envelope").and_then(Value::as_object_mut) else {
            return Ok(());
        };
        let anonymous_type =
            envelope.get("report_type").and_then(Value::as_str) == Some("WHISTLEBLOWER");
        if envelope.contains_key("reporter") || by.org_id == ANONYMOUS_ORG || anonymous_type {
            return Ok(());
        }
        let Some(org) = self.store.org(&by.org_id).await? else {
            return Ok(());
        };
        let mut reporter = serde_json::json!({"name": org.name, "sector": org.sector});
        if let Some(kvk) = org.kvk {
            reporter["kvk"] = kvk.into();
        }
        if let Some(lei) = org.lei {
            reporter["lei"] = lei.into();
        }
        envelope.insert("reporter".to_string(), reporter);
        Ok(())
    }

    async fn screen(&self, report: &Report) -> Result<ScreeningRecord, DeskError> {
        let Some(lists) = self.lists.clone() else {
            return Ok(ScreeningRecord::unavailable());
        };
        let report = report.clone();
        tokio::task::spawn_blocking(move || screen_report(&report, &lists))
            .await
            .map_err(|e| DeskError::Internal(format!("screening: {e}")))
    }

    fn routes(&self, report: &Report, now: DateTime<Utc>) -> Vec<RouteRow> {
        route(report, &self.routing)
            .into_iter()
            .map(|r| RouteRow {
                authority: r.authority.code().to_string(),
                rule_table: self.routing.version().to_string(),
                rule_id: r.rule_id,
                forwarded_at: self.stamp(now),
            })
            .collect()
    }

    /// A rejected report is not filed. A signed-in reporter's is kept as a
    /// draft, so nothing typed is lost and it can be corrected.
    async fn reject(
        &self,
        by: &Principal,
        json: Value,
        errors: &[Issue],
        now: DateTime<Utc>,
        existing_draft: Option<String>,
    ) -> Result<Acknowledgement, DeskError> {
        let draft_id = if existing_draft.is_some() {
            existing_draft
        } else if by.credential == Credential::Anonymous {
            None
        } else {
            Some(self.save_draft(by, None, json.clone()).await?.id)
        };
        Ok(Acknowledgement {
            report_id: None,
            status: "REJECTED".to_string(),
            received_at: self.stamp(now),
            report_type: json
                .pointer("/envelope/report_type")
                .and_then(Value::as_str)
                .map(str::to_string),
            errors: views(errors),
            warnings: Vec::new(),
            routes: Vec::new(),
            deadlines: Vec::new(),
            screening: None,
            draft_id,
            replayed: false,
        })
    }

    /// The acknowledgement of a filed report, rebuilt from what is stored.
    pub(crate) async fn acknowledgement(
        &self,
        row: &ReportRow,
        replayed: bool,
    ) -> Result<Acknowledgement, DeskError> {
        let warnings: Vec<IssueView> = row
            .validation
            .get("warnings")
            .cloned()
            .and_then(|w| serde_json::from_value(w).ok())
            .unwrap_or_default();
        Ok(Acknowledgement {
            report_id: Some(row.id.clone()),
            status: row.status.clone(),
            received_at: row.received_at.clone(),
            report_type: Some(row.report_type.clone()),
            errors: Vec::new(),
            warnings,
            routes: self.store.routes_of(&row.id).await?,
            deadlines: self.store.deadlines_of(&row.id).await?,
            screening: Some(row.screening.clone()),
            draft_id: None,
            replayed,
        })
    }
}

fn read_payload(payload: &Payload, origin: &str) -> Result<Value, DeskError> {
    let value = parse_payload(payload, origin)?;
    reject_nul(&value, origin)?;
    Ok(value)
}

/// No field may hold a NUL character: it ends strings in C-based tools and
/// PostgreSQL's JSON type refuses it, so it could only cause trouble later.
pub(crate) fn reject_nul(value: &Value, origin: &str) -> Result<(), DeskError> {
    if value.to_string().contains("\\u0000") {
        return Err(DeskError::Malformed(format!(
            "{origin}: a field contains a NUL character (\\u0000), which no field may hold"
        )));
    }
    Ok(())
}

fn parse_payload(payload: &Payload, origin: &str) -> Result<Value, DeskError> {
    match payload {
        Payload::Json(bytes) => serde_json::from_slice(bytes).map_err(|e| json_error(origin, &e)),
        Payload::Xml(bytes) => {
            xml::parse(bytes, origin).map_err(|e| DeskError::Malformed(e.to_string()))
        }
        Payload::Csv { bytes, envelope } => returns_csv::parse(bytes, origin, envelope)
            .map_err(|e| DeskError::Malformed(e.to_string())),
        Payload::Value(value) => Ok(value.clone()),
    }
}

/// The report type as stored: its SCREAMING_SNAKE JSON name.
pub fn type_code(report_type: ReportType) -> String {
    serde_json::to_value(report_type)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
