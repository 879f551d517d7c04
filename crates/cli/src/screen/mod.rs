//! `meldpunt screen`: screens a customer file (CSV or FtM JSON lines)
//! against every list in the store, in parallel over all cores.
//! Malformed rows are reported with their line numbers, never dropped
//! silently; the run ends with a summary and fails if any row was rejected.

mod output;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::path::PathBuf;

use meldpunt_screening::{ScoringConfig, ScreenOptions};
use meldpunt_store::Store;

use crate::screening_lists::{as_of_date, load_screener, OwnershipRules};
pub use meldpunt_screening::query_file::{read_queries, QueryRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScreenFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// CSV with header id,name[,schema,birth_date,nationality,country,gender,imo,passport,id_number], or FtM JSON lines.
    #[arg(long)]
    pub input: PathBuf,
    #[arg(long)]
    pub output: PathBuf,
    /// Minimum score of a hit (default: the engine's documented threshold).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Most hits per record.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// csv: one row per hit; jsonl: one line per record with full explanations.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ScreenFormat,
    /// Only screen against these sources (default: all).
    #[arg(long)]
    pub source: Vec<String>,
    /// Ownership rules that make unlisted entities hits (owned or controlled by listed persons).
    #[arg(long, value_enum, default_value = "ofac")]
    pub ownership: OwnershipRules,
    /// Evaluation date for ownership relations (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
}

pub async fn run(db: &str, args: ScreenArgs) -> anyhow::Result<()> {
    if let Some(threshold) = args.threshold {
        if !(0.0..=1.0).contains(&threshold) {
            bail!("--threshold must lie in [0, 1], got {threshold}");
        }
    }
    let (rows, errors) = read_queries(&args.input)?;
    for error in &errors {
        eprintln!("{}:{}: {}", args.input.display(), error.line, error.message);
    }
    let store = Store::connect(db).await?;
    let rules = args.ownership.rules(as_of_date(args.as_of.as_deref())?);
    let (screener, lists) =
        load_screener(&store, &args.source, rules, ScoringConfig::default()).await?;
    let versions = &lists.versions;
    let options = ScreenOptions {
        threshold: args.threshold,
        limit: args.limit,
        ..ScreenOptions::default()
    };
    let progress = crate::progress::Progress::new("screening", "records");
    let results: Vec<_> = rows
        .par_iter()
        .map(|row| {
            let hits = screener.screen(&row.entity, &options);
            progress.inc();
            hits
        })
        .collect();
    let (_, elapsed) = progress.finish();
    let hits: usize = results.iter().map(Vec::len).sum();
    output::write(&args.output, args.format, &rows, &results, &lists.exposures)
        .with_context(|| format!("writing {}", args.output.display()))?;
    let lists: Vec<String> = versions
        .iter()
        .map(|v| format!("{} v{}", v.source, v.id))
        .collect();
    eprintln!(
        "screened {} records against {} list entities ({}) in {:.2} s ({:.0} records/s): {} hits, {} records with hits, {} rows rejected",
        rows.len(),
        screener.len(),
        lists.join(", "),
        elapsed.as_secs_f64(),
        rows.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        hits,
        results.iter().filter(|r| !r.is_empty()).count(),
        errors.len()
    );
    if !errors.is_empty() {
        bail!(
            "{} row(s) of {} could not be screened (listed above)",
            errors.len(),
            args.input.display()
        );
    }
    Ok(())
}
