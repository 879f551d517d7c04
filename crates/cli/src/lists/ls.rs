//! `lists ls`: the sources with their latest version, or every version of one.

use meldpunt_store::{Store, VersionInfo};

use super::LsArgs;

pub async fn run(store: &Store, args: LsArgs) -> anyhow::Result<()> {
    let versions: Vec<VersionInfo> = match &args.source {
        Some(source) => store.versions(Some(source)).await?,
        None => store
            .sources()
            .await?
            .into_iter()
            .map(|s| s.latest)
            .collect(),
    };
    if versions.is_empty() {
        match &args.source {
            Some(source) => println!("no versions of source '{source}'"),
            None => println!("no lists imported yet (meldpunt lists import PATH…)"),
        }
        return Ok(());
    }
    println!("SOURCE           VERSION FORMAT      PUBLISHED                  ENTITIES  IMPORTED");
    for version in versions {
        println!(
            "{:<16} {:>7} {:<11} {:<25} {:>9}  {}",
            version.source,
            version.id,
            version.format,
            version.published.as_deref().unwrap_or("-"),
            version.entity_count,
            version.imported_at.format("%Y-%m-%d %H:%M:%S UTC")
        );
    }
    Ok(())
}
