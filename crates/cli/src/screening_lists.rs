//! Builds the screening engine from the current version of each source in
//! the store. Relations (Ownership, Directorship…) carry no names: they are
//! left out of the screener but feed the ownership graph, so that an entity
//! caught by the OFAC 50% rule or the EU ownership/control rules is screened
//! as such even though no list names it.

use anyhow::bail;
use clap::ValueEnum;
use std::collections::{HashMap, HashSet};

use meldpunt_model::{Entity, PartialDate, Sanction};
use meldpunt_ownership::{Exposure, OwnershipGraphBuilder, Rules};
use meldpunt_screening::{ListEntry, ScoringConfig, Screener};
use meldpunt_store::{Store, VersionInfo};

const PAGE: u32 = 5000;

/// Which ownership rules derive exposure for screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OwnershipRules {
    Ofac,
    Eu,
    Off,
}

impl OwnershipRules {
    pub fn rules(self, as_of: PartialDate) -> Option<Rules> {
        match self {
            OwnershipRules::Ofac => Some(Rules::ofac(as_of)),
            OwnershipRules::Eu => Some(Rules::eu(as_of)),
            OwnershipRules::Off => None,
        }
    }
}

/// The evaluation date for ownership rules: `text`, or today.
pub fn as_of_date(text: Option<&str>) -> anyhow::Result<PartialDate> {
    let text = match text {
        Some(text) => text.to_string(),
        None => chrono::Utc::now().format("%Y-%m-%d").to_string(),
    };
    PartialDate::parse(&text).map_err(|e| anyhow::anyhow!("--as-of: {e}"))
}

/// The authority named on sanctions derived from ownership, so a hit on
/// such an entity is never mistaken for a listing by a list authority.
pub const DERIVED_AUTHORITY: &str = "Meldpunt ownership analysis";

/// The screenable entities, the list versions they come from, and the
/// ownership exposures found among them (by entity id).
pub struct LoadedLists {
    pub entries: Vec<ListEntry>,
    pub versions: Vec<VersionInfo>,
    pub exposures: HashMap<String, Exposure>,
}

/// The screener over `sources` (every source when empty).
pub async fn load_screener(
    store: &Store,
    sources: &[String],
    ownership: Option<Rules>,
    config: ScoringConfig,
) -> anyhow::Result<(Screener, LoadedLists)> {
    let mut lists = load_lists(store, sources, ownership).await?;
    let entries = std::mem::take(&mut lists.entries);
    Ok((Screener::new(entries, config), lists))
}

/// Reads the current version of `sources` (every source when empty) in one
/// pass: things become screening entries, relations build the ownership
/// graph; exposed entities get a derived sanction record explaining why.
pub async fn load_lists(
    store: &Store,
    sources: &[String],
    ownership: Option<Rules>,
) -> anyhow::Result<LoadedLists> {
    let versions = current_versions(store, sources).await?;
    let mut entries = Vec::new();
    let mut graph = OwnershipGraphBuilder::new();
    let mut listed = HashSet::new();
    for version in &versions {
        let mut after: Option<String> = None;
        loop {
            let page = store.entities(version.id, after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            for entity in page {
                if ownership.is_some() {
                    // A malformed relation is a data problem to report, not a
                    // reason to refuse screening.
                    if let Err(error) = graph.add_entity(&entity) {
                        eprintln!("warning: ownership data in {}: {error}", version.source);
                    }
                }
                if !entity.sanctions.is_empty() {
                    listed.insert(entity.id.clone());
                }
                if !entity.schema.is_relation() {
                    entries.push(ListEntry {
                        entity,
                        source: version.source.clone(),
                        version_id: version.id.to_string(),
                    });
                }
            }
        }
    }
    let exposures: HashMap<String, Exposure> = match ownership {
        Some(rules) => graph
            .build()
            .exposures(&listed, &rules)
            .into_iter()
            .map(|e| (e.entity.to_string(), e))
            .collect(),
        None => HashMap::new(),
    };
    for entry in &mut entries {
        if let Some(exposure) = exposures.get(&entry.entity.id) {
            add_derived_sanction(&mut entry.entity, exposure);
        }
    }
    Ok(LoadedLists {
        entries,
        versions,
        exposures,
    })
}

async fn current_versions(store: &Store, sources: &[String]) -> anyhow::Result<Vec<VersionInfo>> {
    let mut versions: Vec<VersionInfo> = store
        .sources()
        .await?
        .into_iter()
        .map(|s| s.latest)
        .collect();
    if !sources.is_empty() {
        for wanted in sources {
            if !versions.iter().any(|v| &v.source == wanted) {
                bail!("no source named '{wanted}' in the store (see meldpunt lists ls)");
            }
        }
        versions.retain(|v| sources.contains(&v.source));
    }
    if versions.is_empty() {
        bail!("the store holds no lists to screen against; import some first (meldpunt lists import …)");
    }
    Ok(versions)
}

/// Listed entities keep their own sanctions first; an unlisted but exposed
/// entity gets one derived record, so hits show the rule as their programme.
fn add_derived_sanction(entity: &mut Entity, exposure: &Exposure) {
    if !entity.sanctions.is_empty() {
        return;
    }
    entity.sanctions.push(Sanction {
        authority: DERIVED_AUTHORITY.to_string(),
        program: Some(exposure.rule.as_str().to_string()),
        legal_basis: None,
        listing_date: exposure.since,
        end_date: None,
        reason: Some(exposure.explanation.clone()),
        source_ref: None,
        source_url: None,
    });
}
