use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong while reading ownership data or querying
/// the graph. File errors name the file and, where there is one, the line
/// and the field.
#[derive(Debug, Error)]
pub enum OwnershipError {
    #[error("invalid percentage '{value}': {reason}")]
    InvalidPercentage { value: String, reason: &'static str },
    #[error("{}: missing header: expected columns {expected}", file.display())]
    MissingHeader { file: PathBuf, expected: String },
    #[error("{}:{line}: unknown column '{column}'", file.display())]
    UnknownColumn {
        file: PathBuf,
        line: u64,
        column: String,
    },
    #[error("{}:{line}: field '{field}' = '{value}': {reason}", file.display())]
    InvalidField {
        file: PathBuf,
        line: u64,
        field: String,
        value: String,
        reason: String,
    },
    #[error("{}: {source}", file.display())]
    Csv {
        file: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("{}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("relation '{id}' ({schema}) has no '{property}'")]
    MissingEndpoint {
        id: String,
        schema: &'static str,
        property: &'static str,
    },
    #[error("unknown entity '{0}'")]
    UnknownEntity(String),
}
