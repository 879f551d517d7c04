//! Issues and the validation outcome returned to the reporter.

use serde::Serialize;

use crate::messages::{localise, message, Language};
use crate::Report;

/// One finding, anchored to the exact field by a JSON Pointer (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub pointer: String,
    /// Stable code that clients may match on; never renamed.
    pub code: &'static str,
    pub message: String,
}

impl Issue {
    pub fn new(pointer: impl Into<String>, code: &'static str) -> Self {
        Issue {
            pointer: pointer.into(),
            code,
            message: message(code).to_string(),
        }
    }

    /// For shape errors, where serde's own wording names the expected type.
    pub fn with_detail(pointer: impl Into<String>, code: &'static str, detail: &str) -> Self {
        let mut issue = Issue::new(pointer, code);
        issue.message = format!("{} ({detail})", issue.message);
        issue
    }

    /// The message in `language`; the stored message stays English.
    pub fn message_in(&self, language: Language) -> String {
        localise(self.code, &self.message, language)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Accepted,
    AcceptedWithWarnings,
    Rejected,
}

/// The outcome of [`crate::validate`]. `report` is present whenever the JSON
/// had the right shape, even if business rules failed, so a rejected report
/// can go back to the reporter's drafts intact.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub report: Option<Report>,
}

impl Validation {
    pub fn status(&self) -> Status {
        if !self.errors.is_empty() || self.report.is_none() {
            Status::Rejected
        } else if !self.warnings.is_empty() {
            Status::AcceptedWithWarnings
        } else {
            Status::Accepted
        }
    }
}

/// Collects issues while rules run.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Sink {
    pub fn error(&mut self, pointer: impl Into<String>, code: &'static str) {
        self.errors.push(Issue::new(pointer, code));
    }

    pub fn warning(&mut self, pointer: impl Into<String>, code: &'static str) {
        self.warnings.push(Issue::new(pointer, code));
    }
}
