//! Builds the screening engine from the current version of each source in
//! the store. Relations (Ownership, Directorship…) carry no names and are
//! left out.

use anyhow::bail;

use meldpunt_screening::{ListEntry, ScoringConfig, Screener};
use meldpunt_store::{Store, VersionInfo};

const PAGE: u32 = 5000;

/// The screener over `sources` (every source when empty), and the list
/// versions it holds, so results can name them.
pub async fn load_screener(
    store: &Store,
    sources: &[String],
    config: ScoringConfig,
) -> anyhow::Result<(Screener, Vec<VersionInfo>)> {
    let (entries, versions) = load_entries(store, sources).await?;
    Ok((Screener::new(entries, config), versions))
}

/// The screenable entities of the current version of `sources` (every
/// source when empty), with their provenance.
pub async fn load_entries(
    store: &Store,
    sources: &[String],
) -> anyhow::Result<(Vec<ListEntry>, Vec<VersionInfo>)> {
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
    let mut entries = Vec::new();
    for version in &versions {
        let mut after: Option<String> = None;
        loop {
            let page = store.entities(version.id, after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            entries.extend(
                page.into_iter()
                    .filter(|e| !e.schema.is_relation())
                    .map(|entity| ListEntry {
                        entity,
                        source: version.source.clone(),
                        version_id: version.id.to_string(),
                    }),
            );
        }
    }
    Ok((entries, versions))
}
