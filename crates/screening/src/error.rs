use thiserror::Error;

/// Every failure the screening crate reports.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScreeningError {
    /// Names longer than the limit are rejected rather than truncated: a
    /// truncated name would silently match on a prefix the list never
    /// published.
    #[error("name has more than {limit} characters")]
    NameTooLong { limit: usize },
    /// A benchmark or reference file could not be read or parsed.
    #[error("{path}: {message}")]
    Data { path: String, message: String },
}
