use thiserror::Error;

/// Errors raised when a value does not fit the entity model.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("unknown schema '{0}'")]
    UnknownSchema(String),
    #[error("invalid date '{0}'")]
    InvalidDate(String),
    #[error("invalid {kind} '{value}': {reason}")]
    InvalidIdentifier {
        kind: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("invalid FtM entity: {0}")]
    InvalidFtm(String),
}
