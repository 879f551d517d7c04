//! `lists import`: each source input is read on a blocking thread and
//! streamed through a bounded channel into one store transaction, so memory
//! stays flat and a failure anywhere leaves the store unchanged.

use anyhow::{bail, Context};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tokio::sync::mpsc;

use meldpunt_sources::{
    digest_files, is_delta, plan_inputs, read_input, ColumnMapping, Format, ReadOptions,
    ReadOutcome, Record, SourceError, SourceInput,
};
use meldpunt_store::{NewVersion, SourceFile, Store, VersionInfo};

use super::ImportArgs;
use crate::progress::Progress;

/// What importing one source did.
pub enum ImportResult {
    Imported {
        version: VersionInfo,
        warnings: Vec<String>,
    },
    Unchanged {
        version: VersionInfo,
    },
}

const CHANNEL_DEPTH: usize = 4096;
const SHOWN_WARNINGS: usize = 20;

pub async fn run(store: &Store, args: ImportArgs) -> anyhow::Result<()> {
    let options = read_options(&args)?;
    let results = import_paths(
        store,
        &args.paths,
        args.format.forced(),
        args.source.as_deref(),
        &options,
    )
    .await?;
    for result in results {
        print_result(&result, args.all_warnings);
    }
    Ok(())
}

fn read_options(args: &ImportArgs) -> anyhow::Result<ReadOptions> {
    let mapping = match (&args.map, &args.map_file) {
        (Some(_), Some(_)) => bail!("give --map or --map-file, not both"),
        (Some(spec), None) => Some(ColumnMapping::parse_spec(spec).context("--map")?),
        (None, Some(path)) => Some(ColumnMapping::from_json_file(path)?),
        (None, None) => None,
    };
    Ok(ReadOptions { mapping })
}

/// Plans and imports `paths`; one result per source, in order.
pub async fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    format: Option<Format>,
    source: Option<&str>,
    options: &ReadOptions,
) -> anyhow::Result<Vec<ImportResult>> {
    let inputs = plan_inputs(paths, format)?;
    if inputs.is_empty() {
        bail!("no list files found in {}", describe(paths));
    }
    if source.is_some() && inputs.len() > 1 {
        bail!(
            "--source names one source, but the paths hold {} sources; import them one at a time",
            inputs.len()
        );
    }
    let mut results = Vec::new();
    for input in inputs {
        let name = source
            .map(str::to_string)
            .unwrap_or_else(|| input.default_name.clone());
        results.push(import_input(store, input, &name, options).await?);
    }
    Ok(results)
}

fn describe(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new version about to be written, or the version already holding the
/// same files.
enum Start {
    Unchanged(Box<VersionInfo>),
    Begun(Box<meldpunt_store::Import>),
}

/// Digests `files` and begins a version of `name`, unless the latest
/// version was imported from byte-identical files. A delta starts from a
/// copy of the latest version.
async fn start_version(
    store: &Store,
    name: &str,
    format: &str,
    paths: &[PathBuf],
    delta: bool,
) -> anyhow::Result<Start> {
    let files: Vec<SourceFile> = digest_files(paths)?
        .into_iter()
        .map(|f| SourceFile {
            path: f.path.display().to_string(),
            sha256: f.sha256,
            bytes: f.bytes,
        })
        .collect();
    let sha256 = SourceFile::combined_sha256(&files);
    let latest = store.latest_version(name).await?;
    if let Some(latest) = latest.as_ref().filter(|l| l.sha256 == sha256) {
        return Ok(Start::Unchanged(Box::new(latest.clone())));
    }
    let base = match (delta, &latest) {
        (true, None) => bail!(
            "{}: a delta file needs an earlier version of source '{name}' to apply to",
            describe(paths)
        ),
        (true, Some(latest)) => Some(latest.id),
        (false, _) => None,
    };
    let new_version = NewVersion {
        source: name.to_string(),
        format: format.to_string(),
        published: None,
        files,
        sha256,
    };
    let mut import = store.begin_import(new_version).await?;
    if let Some(base) = base {
        import.copy_from(base).await?;
    }
    Ok(Start::Begun(Box::new(import)))
}

/// Imports one source input as a new version of `name`, unless its files are
/// byte-identical to the latest version's.
pub async fn import_input(
    store: &Store,
    input: SourceInput,
    name: &str,
    options: &ReadOptions,
) -> anyhow::Result<ImportResult> {
    let delta = is_delta(&input);
    let mut import =
        match start_version(store, name, input.format.as_str(), &input.files, delta).await? {
            Start::Unchanged(version) => return Ok(ImportResult::Unchanged { version: *version }),
            Start::Begun(import) => import,
        };
    let (sender, mut receiver) = mpsc::channel::<Record>(CHANNEL_DEPTH);
    let reader = spawn_reader(input, options.clone(), sender);
    let progress = Progress::new(name, "entities");
    while let Some(record) = receiver.recv().await {
        let stored = if record.deleted {
            import.remove(&record.entity.id).await
        } else {
            import.add(&record.entity).await
        };
        if let Err(error) = stored {
            drop(receiver);
            let _ = reader.join();
            return Err(error)
                .with_context(|| format!("storing entity read at {}", record.location));
        }
        progress.inc();
    }
    progress.finish();
    let outcome = match reader.join() {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => return Err(error.into()),
        Err(_) => bail!("the list reader stopped unexpectedly"),
    };
    let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    import.set_published(outcome.published.clone());
    let version = import.commit(warnings.clone()).await?;
    Ok(ImportResult::Imported { version, warnings })
}

/// Imports entities already in memory (read from `paths` by a reader
/// outside `meldpunt-sources`, such as shareholding registers) as a
/// version of `name`.
pub async fn import_entities(
    store: &Store,
    name: &str,
    format: &str,
    paths: &[PathBuf],
    entities: &[meldpunt_model::Entity],
    warnings: Vec<String>,
) -> anyhow::Result<ImportResult> {
    let mut import = match start_version(store, name, format, paths, false).await? {
        Start::Unchanged(version) => return Ok(ImportResult::Unchanged { version: *version }),
        Start::Begun(import) => import,
    };
    for entity in entities {
        import.add(entity).await?;
    }
    let version = import.commit(warnings.clone()).await?;
    Ok(ImportResult::Imported { version, warnings })
}

fn spawn_reader(
    input: SourceInput,
    options: ReadOptions,
    sender: mpsc::Sender<Record>,
) -> std::thread::JoinHandle<Result<ReadOutcome, SourceError>> {
    std::thread::spawn(move || {
        let mut sink = |record: Record| {
            sender
                .blocking_send(record)
                .map_err(|_| SourceError::Sink("import stopped while reading".to_string()))
        };
        read_input(&input, &options, &mut sink)
    })
}

pub fn print_result(result: &ImportResult, all_warnings: bool) {
    match result {
        ImportResult::Unchanged { version } => {
            println!(
                "{}: unchanged, same files as version {} (imported {})",
                version.source, version.id, version.imported_at
            );
        }
        ImportResult::Imported { version, warnings } => {
            println!(
                "{}: version {} ({}, published {}, sha256 {})",
                version.source,
                version.id,
                version.format,
                version.published.as_deref().unwrap_or("unknown"),
                &version.sha256[..12.min(version.sha256.len())]
            );
            println!(
                "  {} entities: {}",
                version.entity_count,
                counts_line(&version.counts_by_schema)
            );
            print_warnings(warnings, all_warnings);
        }
    }
}

fn counts_line(counts: &BTreeMap<String, u64>) -> String {
    counts
        .iter()
        .map(|(schema, n)| format!("{schema} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_warnings(warnings: &[String], all: bool) {
    if warnings.is_empty() {
        println!("  no warnings");
        return;
    }
    println!("  {} warnings:", warnings.len());
    let shown = if all {
        warnings.len()
    } else {
        SHOWN_WARNINGS.min(warnings.len())
    };
    for warning in &warnings[..shown] {
        println!("    {warning}");
    }
    if shown < warnings.len() {
        println!("    … {} more (--all-warnings)", warnings.len() - shown);
    }
}
