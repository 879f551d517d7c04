//! What was last downloaded from a URL, so `lists update` can ask for the
//! file only if it changed (`If-None-Match`, `If-Modified-Since`) and skip
//! an import when the bytes are the same.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::version::parse_timestamp;
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchState {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub sha256: Option<String>,
    pub fetched_at: DateTime<Utc>,
}

/// A `fetch_state` row as both backends return it.
#[derive(sqlx::FromRow)]
pub(crate) struct FetchRow {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    sha256: Option<String>,
    fetched_at: String,
}

impl TryFrom<FetchRow> for FetchState {
    type Error = StoreError;

    fn try_from(row: FetchRow) -> Result<Self, StoreError> {
        Ok(FetchState {
            fetched_at: parse_timestamp(&row.fetched_at)?,
            url: row.url,
            etag: row.etag,
            last_modified: row.last_modified,
            sha256: row.sha256,
        })
    }
}
