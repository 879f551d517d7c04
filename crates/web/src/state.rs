//! What every request handler reads: the screener, the list entities it
//! was built from (for FtM properties in results) and the list versions.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use meldpunt_desk::{Desk, ListsInUse};
use meldpunt_model::Entity;
use meldpunt_screening::{ListEntry, ScoringConfig, Screener};
use meldpunt_store::VersionInfo;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;

/// One source list the screener was built from, at the version loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DatasetInfo {
    /// The source name, e.g. `ofac-sdn`; also the `{dataset}` of `/match`.
    pub name: String,
    pub version_id: String,
    /// The source's own publication date, as the source prints it.
    pub published: Option<String>,
    pub entity_count: u64,
    /// RFC 3339 UTC.
    pub imported_at: Option<String>,
}

impl From<&VersionInfo> for DatasetInfo {
    fn from(version: &VersionInfo) -> Self {
        DatasetInfo {
            name: version.source.clone(),
            version_id: version.id.to_string(),
            published: version.published.clone(),
            entity_count: version.entity_count,
            imported_at: Some(version.imported_at.to_rfc3339()),
        }
    }
}

/// Request limits; the defaults suit a public-facing deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub body_bytes: usize,
    /// Queries in one `/match` batch (yente's `MAX_BATCH` plays this role).
    pub max_queries: usize,
    /// Largest `limit` a caller may ask for.
    pub max_results: usize,
    pub max_excluded_ids: usize,
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 2 * 1024 * 1024,
            max_queries: 1000,
            max_results: 500,
            max_excluded_ids: 1000,
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// List entities by source and id. The screener keeps only prepared
/// forms, but `/match` results must carry the candidate's FtM properties.
#[derive(Debug, Default)]
pub struct Catalog {
    by_source: HashMap<String, HashMap<String, Entity>>,
}

impl Catalog {
    pub fn get(&self, source: &str, id: &str) -> Option<&Entity> {
        self.by_source.get(source)?.get(id)
    }

    pub fn sources(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_source.iter().map(|(s, m)| (s.as_str(), m.len()))
    }

    fn insert(&mut self, entry: &ListEntry) {
        self.by_source
            .entry(entry.source.clone())
            .or_default()
            .insert(entry.entity.id.clone(), entry.entity.clone());
    }
}

#[derive(Debug)]
pub struct AppState {
    /// The reporting point; absent when the server only screens.
    pub desk: Option<Desk>,
    pub screener: Arc<Screener>,
    pub datasets: Vec<DatasetInfo>,
    pub catalog: Arc<Catalog>,
    pub limits: Limits,
}

impl AppState {
    /// Builds the screener from list entries. Sources present in `entries`
    /// but missing from `datasets` get an entry derived from the entries, so
    /// every hit's source is a known dataset.
    pub fn new(entries: Vec<ListEntry>, config: ScoringConfig, datasets: Vec<DatasetInfo>) -> Self {
        let mut catalog = Catalog::default();
        let mut seen: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for entry in &entries {
            catalog.insert(entry);
            let slot = seen
                .entry(entry.source.clone())
                .or_insert_with(|| (entry.version_id.clone(), 0));
            slot.1 += 1;
        }
        let mut datasets = datasets;
        for (name, (version_id, entity_count)) in seen {
            if !datasets.iter().any(|d| d.name == name) {
                datasets.push(DatasetInfo {
                    name,
                    version_id,
                    published: None,
                    entity_count,
                    imported_at: None,
                });
            }
        }
        datasets.sort_by(|a, b| a.name.cmp(&b.name));
        AppState {
            desk: None,
            screener: Arc::new(Screener::new(entries, config)),
            datasets,
            catalog: Arc::new(catalog),
            limits: Limits::default(),
        }
    }

    /// Adds the reporting point (report intake, accounts, audit).
    pub fn with_desk(mut self, desk: Desk) -> Self {
        self.desk = Some(desk);
        self
    }

    /// The reporting point, or 503 when this server has none.
    pub fn desk(&self) -> Result<&Desk, ApiError> {
        self.desk
            .as_ref()
            .ok_or_else(|| ApiError::Unavailable("this server takes no reports".to_string()))
    }

    /// The screener and list versions, for a desk built beside this state.
    pub fn lists_in_use(&self) -> ListsInUse {
        ListsInUse {
            screener: Arc::clone(&self.screener),
            versions: self.list_versions(None),
        }
    }

    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub fn dataset(&self, name: &str) -> Option<&DatasetInfo> {
        self.datasets.iter().find(|d| d.name == name)
    }

    /// Source → version id of the given datasets (all when `None`).
    pub fn list_versions(&self, scope: Option<&[String]>) -> BTreeMap<String, String> {
        self.datasets
            .iter()
            .filter(|d| scope.is_none_or(|s| s.contains(&d.name)))
            .map(|d| (d.name.clone(), d.version_id.clone()))
            .collect()
    }
}
