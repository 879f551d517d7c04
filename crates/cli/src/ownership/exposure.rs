//! `ownership exposure`: builds the ownership-and-control graph from the
//! current version of every source (relations from ownership sources and
//! FtM lists alike), takes every entity with a sanction record as listed,
//! and reports who the chosen rules catch, with paths and explanations.

use anyhow::Context;
use std::collections::HashSet;
use std::io::Write;

use meldpunt_ownership::{Exposure, OwnershipGraph, OwnershipGraphBuilder, Rules};
use meldpunt_store::Store;

use super::{ExposureArgs, OutputFormat, RulesArg};
use crate::screening_lists::as_of_date;

const PAGE: u32 = 2000;

pub async fn run(store: &Store, args: ExposureArgs) -> anyhow::Result<()> {
    let as_of = as_of_date(args.as_of.as_deref())?;
    let rules = match args.rules {
        RulesArg::Ofac => Rules::ofac(as_of),
        RulesArg::Eu => Rules::eu(as_of).with_eu_aggregate(args.eu_aggregate),
    };
    let (graph, listed) = load_graph(store).await?;
    for warning in graph.warnings() {
        eprintln!("warning: {warning}");
    }
    let mut exposures = graph.exposures(&listed, &rules);
    if let Some(entity) = &args.entity {
        exposures.retain(|e| e.entity.as_ref() == entity.as_str());
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&exposures)?)?,
        OutputFormat::Csv => write_csv(&mut out, &exposures)?,
    }
    Ok(())
}

/// The graph over the current entities of all sources, and the listed ids.
pub(crate) async fn load_graph(store: &Store) -> anyhow::Result<(OwnershipGraph, HashSet<String>)> {
    let mut builder = OwnershipGraphBuilder::new();
    let mut listed = HashSet::new();
    for summary in store.sources().await? {
        let mut after: Option<String> = None;
        loop {
            let page = store
                .entities(summary.latest.id, after.as_deref(), PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            for entity in &page {
                if !entity.sanctions.is_empty() {
                    listed.insert(entity.id.clone());
                }
                builder
                    .add_entity(entity)
                    .with_context(|| format!("source {}: entity {}", summary.source, entity.id))?;
            }
        }
    }
    Ok((builder.build(), listed))
}

fn write_csv(out: &mut impl Write, exposures: &[Exposure]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "entity",
        "caption",
        "rule",
        "aggregate_percentage",
        "listed",
        "since",
        "explanation",
    ])?;
    for exposure in exposures {
        let listed: Vec<&str> = exposure.listed.iter().map(|l| l.as_ref()).collect();
        writer.write_record([
            exposure.entity.as_ref(),
            exposure.caption.as_str(),
            exposure.rule.as_str(),
            &format!("{:.2}", exposure.aggregate_percentage),
            &listed.join(";"),
            &exposure.since.map(|d| d.to_string()).unwrap_or_default(),
            &exposure.explanation,
        ])?;
    }
    writer.flush()?;
    Ok(())
}
