//! `meldpunt demo`: the whole list workflow on the project's own demo list
//! (fictional entries, written by hand in FtM): import two versions, list
//! them, and show what changed.

use anyhow::Context;

use meldpunt_sources::{Format, ReadOptions};
use meldpunt_store::Store;

use crate::lists::{diff_and_print, import_paths, print_result};

const SOURCE: &str = "meldpunt-demo";
const VERSIONS: [(&str, &str); 2] = [
    (
        "demo-list-v1.ftm.json",
        include_str!("../demo/demo-list-v1.ftm.json"),
    ),
    (
        "demo-list-v2.ftm.json",
        include_str!("../demo/demo-list-v2.ftm.json"),
    ),
];

pub async fn run(db: &str) -> anyhow::Result<()> {
    let store = Store::connect(db).await?;
    let dir = tempfile::tempdir().context("creating a temporary folder")?;
    if !store.versions(Some(SOURCE)).await?.is_empty() {
        println!("The demo list ({SOURCE}) is already imported in {db}; its latest change:");
        println!();
        return diff_and_print(&store, SOURCE).await;
    }
    println!("Importing the demo list ({SOURCE}) into {db}");
    for (name, content) in VERSIONS {
        let path = dir.path().join(name);
        std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
        for result in import_paths(
            &store,
            &[path],
            Some(Format::Ftm),
            Some(SOURCE),
            &ReadOptions::default(),
        )
        .await?
        {
            print_result(&result, false);
        }
    }
    println!();
    diff_and_print(&store, SOURCE).await?;
    println!();
    println!("Next: meldpunt lists ls | meldpunt lists export --source {SOURCE} --format ftm");
    Ok(())
}
