//! The one error type of the desk. Each variant maps to one HTTP status in
//! the web layer, so the variants are about what the caller did wrong, not
//! about which module noticed.

use meldpunt_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// No or bad credentials (401).
    #[error("not signed in: {0}")]
    Unauthenticated(&'static str),
    /// Signed in, but the role may not do this (403).
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    /// Absent, or outside the caller's tenant: the two are answered alike
    /// so that one organisation cannot learn of another's reports (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The input could not be read at all: malformed JSON, XML or CSV (400).
    #[error("{0}")]
    Malformed(String),
    /// A field of a request other than a report is wrong (422).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// An idempotency key reused with a different body, a duplicate
    /// e-mail address… (409).
    #[error("{0}")]
    Conflict(String),
    /// Too many failed sign-ins (429).
    #[error("too many failed sign-ins; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl DeskError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        DeskError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            DeskError::Unauthenticated(_) => "unauthenticated",
            DeskError::Forbidden(_) => "forbidden",
            DeskError::NotFound(_) => "not_found",
            DeskError::Malformed(_) => "malformed",
            DeskError::Invalid { .. } => "invalid",
            DeskError::Conflict(_) => "conflict",
            DeskError::RateLimited { .. } => "rate_limited",
            DeskError::Store(_) | DeskError::Internal(_) => "internal",
        }
    }
}
