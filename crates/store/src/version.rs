//! Versions: one import of one source list, with its provenance (files and
//! their digests) and what it held (counts by schema, warnings).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::types::Json;
use std::collections::BTreeMap;

use crate::StoreError;

/// More warnings than this are summarised: a broken feed can warn per
/// record, and the version row should stay small enough to list.
pub const MAX_WARNINGS: usize = 1000;

/// One input file of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub bytes: u64,
}

impl SourceFile {
    /// Describes a file from its contents.
    pub fn from_bytes(path: impl Into<String>, contents: &[u8]) -> Self {
        SourceFile {
            path: path.into(),
            sha256: hex::encode(Sha256::digest(contents)),
            bytes: contents.len() as u64,
        }
    }

    /// The digest of a set of files: for one file its own SHA-256 (so it
    /// matches `sha256sum`), otherwise the SHA-256 over the files' hex
    /// digests in the given order, one per line.
    pub fn combined_sha256(files: &[SourceFile]) -> String {
        if let [only] = files {
            return only.sha256.clone();
        }
        let mut hasher = Sha256::new();
        for file in files {
            hasher.update(file.sha256.as_bytes());
            hasher.update(b"\n");
        }
        hex::encode(hasher.finalize())
    }
}

/// What the caller knows about a version before importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVersion {
    /// The source's id, e.g. `ofac-sdn`.
    pub source: String,
    /// The input format, e.g. `ofac-xml`.
    pub format: String,
    /// The source's own publication date, as the source prints it.
    pub published: Option<String>,
    pub files: Vec<SourceFile>,
    /// See [`SourceFile::combined_sha256`].
    pub sha256: String,
}

impl NewVersion {
    /// A version of `source` read from `files`, with the combined digest.
    pub fn from_files(
        source: impl Into<String>,
        format: impl Into<String>,
        published: Option<String>,
        files: Vec<SourceFile>,
    ) -> Self {
        NewVersion {
            source: source.into(),
            format: format.into(),
            published,
            sha256: SourceFile::combined_sha256(&files),
            files,
        }
    }
}

/// A committed version as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub id: i64,
    pub source: String,
    pub format: String,
    pub published: Option<String>,
    pub sha256: String,
    pub files: Vec<SourceFile>,
    pub imported_at: DateTime<Utc>,
    pub entity_count: u64,
    pub counts_by_schema: BTreeMap<String, u64>,
    pub warnings: Vec<String>,
    /// The version this one was built from by applying a delta.
    pub delta_of: Option<i64>,
}

/// One source with its number of stored versions and its newest one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSummary {
    pub source: String,
    pub versions: u64,
    pub latest: VersionInfo,
}

/// Groups versions (newest first) by source, sources sorted by name.
pub(crate) fn summarize(versions: Vec<VersionInfo>) -> Vec<SourceSummary> {
    let mut by_source: BTreeMap<String, SourceSummary> = BTreeMap::new();
    for version in versions {
        by_source
            .entry(version.source.clone())
            .and_modify(|summary| summary.versions += 1)
            .or_insert_with(|| SourceSummary {
                source: version.source.clone(),
                versions: 1,
                latest: version,
            });
    }
    by_source.into_values().collect()
}

/// Keeps the first [`MAX_WARNINGS`] and says how many were left out.
pub(crate) fn cap_warnings(mut warnings: Vec<String>) -> Vec<String> {
    if warnings.len() > MAX_WARNINGS {
        let omitted = warnings.len() - MAX_WARNINGS;
        warnings.truncate(MAX_WARNINGS);
        warnings.push(format!("… and {omitted} more warnings"));
    }
    warnings
}

/// Timestamps are stored as RFC 3339 UTC text on both backends so rows
/// decode alike and sort as text.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp '{text}': {e}")))
}

/// A `versions` row as both backends return it.
#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    id: i64,
    source: String,
    format: String,
    published: Option<String>,
    sha256: String,
    files: Json<Vec<SourceFile>>,
    imported_at: String,
    entity_count: i64,
    counts_by_schema: Json<BTreeMap<String, u64>>,
    warnings: Json<Vec<String>>,
    delta_of: Option<i64>,
}

impl TryFrom<VersionRow> for VersionInfo {
    type Error = StoreError;

    fn try_from(row: VersionRow) -> Result<Self, StoreError> {
        Ok(VersionInfo {
            id: row.id,
            source: row.source,
            format: row.format,
            published: row.published,
            sha256: row.sha256,
            files: row.files.0,
            imported_at: parse_timestamp(&row.imported_at)?,
            entity_count: u64::try_from(row.entity_count).map_err(|_| {
                StoreError::Corrupt(format!("version {}: negative entity count", row.id))
            })?,
            counts_by_schema: row.counts_by_schema.0,
            warnings: row.warnings.0,
            delta_of: row.delta_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_digest_is_the_file_digest() {
        let file = SourceFile::from_bytes("a.xml", b"abc");
        assert_eq!(
            SourceFile::combined_sha256(std::slice::from_ref(&file)),
            file.sha256
        );
        let other = SourceFile::from_bytes("b.xml", b"def");
        assert_ne!(SourceFile::combined_sha256(&[file, other]), "");
    }

    #[test]
    fn caps_warnings() {
        let warnings = (0..MAX_WARNINGS + 5).map(|i| i.to_string()).collect();
        let capped = cap_warnings(warnings);
        assert_eq!(capped.len(), MAX_WARNINGS + 1);
        assert_eq!(capped[MAX_WARNINGS], "… and 5 more warnings");
    }
}
