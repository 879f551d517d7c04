//! `ownership import`: a shareholding CSV becomes FtM Ownership entities
//! stored as a version of its own source, so registry extracts are
//! versioned and diffed like lists. FtM files go through the list importer.

use anyhow::Context;
use sha2::{Digest, Sha256};

use meldpunt_model::Entity;
use meldpunt_ownership::{read_shareholdings, Shareholding};
use meldpunt_sources::{detect_format, Format, ReadOptions};
use meldpunt_store::Store;

use super::ImportArgs;
use crate::lists::{import_entities, import_paths, print_result};

pub async fn run(store: &Store, args: ImportArgs) -> anyhow::Result<()> {
    let name = args
        .source
        .clone()
        .unwrap_or_else(|| default_name(&args.file));
    if matches!(detect_format(&args.file), Ok(Format::Ftm)) {
        let results = import_paths(
            store,
            &[args.file],
            Some(Format::Ftm),
            Some(&name),
            &ReadOptions::default(),
        )
        .await?;
        results.iter().for_each(|r| print_result(r, false));
        return Ok(());
    }
    let holdings = read_shareholdings(&args.file)?;
    if holdings.is_empty() {
        anyhow::bail!("{}: no shareholdings", args.file.display());
    }
    let entities = to_entities(&name, &holdings);
    let result = import_entities(
        store,
        &name,
        "shareholding-csv",
        std::slice::from_ref(&args.file),
        &entities,
        Vec::new(),
    )
    .await
    .with_context(|| format!("importing {}", args.file.display()))?;
    print_result(&result, false);
    Ok(())
}

fn default_name(file: &std::path::Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("ownership-{stem}")
}

/// Ids come from the row's content, so an unchanged row keeps its id across
/// register extracts and the diff shows real changes only; identical rows
/// get a running suffix.
fn to_entities(source: &str, holdings: &[Shareholding]) -> Vec<Entity> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    holdings
        .iter()
        .map(|holding| {
            let key = format!(
                "{}|{}|{:?}|{:?}|{:?}|{:?}|{}",
                holding.owner_id,
                holding.owned_id,
                holding.percentage,
                holding.start_date,
                holding.end_date,
                holding.source,
                holding.control
            );
            let digest = hex::encode(&Sha256::digest(key.as_bytes())[..8]);
            let count = seen.entry(digest.clone()).or_insert(0);
            *count += 1;
            let id = if *count == 1 {
                format!("{source}-{digest}")
            } else {
                format!("{source}-{digest}-{count}")
            };
            holding.to_entity(id)
        })
        .collect()
}
