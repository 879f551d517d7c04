//! `lists export --format ftm`: the current entities of each source as FtM
//! JSON lines, sanctions as separate `Sanction` entities, so data moves
//! freely into the OpenSanctions ecosystem.

use anyhow::{bail, Context};
use std::io::{BufWriter, Write};

use meldpunt_store::{Store, VersionInfo};

use super::{ExportArgs, ExportFormat};

const PAGE: u32 = 2000;

pub async fn run(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let ExportFormat::Ftm = args.format;
    let versions = current_versions(store, args.source.as_deref()).await?;
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let mut written = 0u64;
    for version in versions {
        written += export_version(store, &version, &mut out).await?;
    }
    out.flush()?;
    if args.output.is_some() {
        eprintln!("wrote {written} FtM entities");
    }
    Ok(())
}

async fn current_versions(store: &Store, source: Option<&str>) -> anyhow::Result<Vec<VersionInfo>> {
    match source {
        Some(source) => match store.latest_version(source).await? {
            Some(version) => Ok(vec![version]),
            None => bail!("no versions of source '{source}'"),
        },
        None => Ok(store
            .sources()
            .await?
            .into_iter()
            .map(|s| s.latest)
            .collect()),
    }
}

async fn export_version(
    store: &Store,
    version: &VersionInfo,
    out: &mut impl Write,
) -> anyhow::Result<u64> {
    let mut after: Option<String> = None;
    let mut written = 0;
    loop {
        let page = store.entities(version.id, after.as_deref(), PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for entity in &page {
            let mut ftm = entity.to_ftm();
            ftm.extra
                .insert("datasets".into(), serde_json::json!([version.source]));
            serde_json::to_writer(&mut *out, &ftm)?;
            out.write_all(b"\n")?;
            for mut record in entity.sanction_records() {
                record
                    .extra
                    .insert("datasets".into(), serde_json::json!([version.source]));
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
                written += 1;
            }
            written += 1;
        }
    }
    Ok(written)
}
