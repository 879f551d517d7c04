use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

/// Where in an input something happened: a file and, when known, a line
/// (1-based) or byte offset (0-based).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub file: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte: Option<u64>,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            byte: None,
        }
    }

    pub fn line(file: impl Into<PathBuf>, line: u64) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            byte: None,
        }
    }

    /// A byte offset, with the line computed from the file when it can be read.
    pub fn byte(file: impl Into<PathBuf>, byte: u64) -> Self {
        let file = file.into();
        let line = line_of_offset(&file, byte);
        Location {
            file,
            line,
            byte: Some(byte),
        }
    }
}

fn line_of_offset(file: &std::path::Path, byte: u64) -> Option<u64> {
    use std::io::Read;
    let handle = std::fs::File::open(file).ok()?;
    let mut line = 1u64;
    let mut buffer = [0u8; 64 * 1024];
    let mut remaining = byte;
    let mut reader = std::io::BufReader::new(handle);
    while remaining > 0 {
        let n = reader.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        let take = (n as u64).min(remaining) as usize;
        line += buffer[..take].iter().filter(|b| **b == b'\n').count() as u64;
        remaining -= take as u64;
    }
    Some(line)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, " (byte {byte})")?;
        }
        Ok(())
    }
}

/// A problem that stops an import. Every variant names the file and, where
/// the reader knows it, the line or byte offset.
#[derive(Debug, Error)]
pub enum SourceError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{location}: {message}")]
    Parse { location: Location, message: String },
    #[error("{location}: invalid UTF-8 text (wrong encoding?)")]
    Encoding { location: Location },
    #[error("{path}: unknown list format; pass --format (eu-fsf, un, ofac-csv, ofac-xml, uk, tabular, ftm, eu-journal)")]
    UnknownFormat { path: PathBuf },
    #[error("{path}: file contains no entities")]
    Empty { path: PathBuf },
    #[error("{location}: duplicate entity id '{id}'")]
    DuplicateId { location: Location, id: String },
    #[error("{location}: unexpected end of file: {message}")]
    Truncated { location: Location, message: String },
    #[error("{0}")]
    Sink(String),
}

impl SourceError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SourceError::Io {
            path: path.into(),
            source,
        }
    }

    pub fn parse(location: Location, message: impl Into<String>) -> Self {
        SourceError::Parse {
            location,
            message: message.into(),
        }
    }
}

/// Something the reader could read but that a user should look at, such as a
/// date it could not parse or an IMO number with a wrong check digit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}
