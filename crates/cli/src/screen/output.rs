//! Writing screening results: CSV, one row per hit at or above the
//! threshold, best first; or JSON lines, one per record, with every hit's
//! full explanation, list version and algorithm version.

use std::io::{BufWriter, Write};
use std::path::Path;

use meldpunt_ownership::Exposure;
use meldpunt_screening::Hit;
use std::collections::HashMap;

use super::{QueryRow, ScreenFormat};

pub const CSV_HEADER: [&str; 7] = [
    "query_id",
    "entity_id",
    "score",
    "query_name",
    "matched_name",
    "source",
    "program",
];

pub fn write(
    path: &Path,
    format: ScreenFormat,
    rows: &[QueryRow],
    results: &[Vec<Hit>],
    exposures: &HashMap<String, Exposure>,
) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)?;
    match format {
        ScreenFormat::Csv => write_csv(file, rows, results),
        ScreenFormat::Jsonl => write_jsonl(file, rows, results, exposures),
    }
}

fn write_csv(out: impl Write, rows: &[QueryRow], results: &[Vec<Hit>]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for (row, hits) in rows.iter().zip(results) {
        for hit in hits {
            writer.write_record([
                row.id.as_str(),
                hit.entity_id.as_str(),
                &format!("{:.4}", hit.score),
                hit.query_name.as_deref().unwrap_or_default(),
                hit.matched_name.as_deref().unwrap_or_default(),
                hit.source.as_str(),
                hit.program.as_deref().unwrap_or_default(),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// Hits on entities caught through ownership carry the exposure: rule,
/// paths with percentages, the listed owners and the date it began.
fn write_jsonl(
    out: impl Write,
    rows: &[QueryRow],
    results: &[Vec<Hit>],
    exposures: &HashMap<String, Exposure>,
) -> anyhow::Result<()> {
    let mut out = BufWriter::new(out);
    for (row, hits) in rows.iter().zip(results) {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .map(|hit| {
                let mut value = serde_json::to_value(hit)?;
                if let Some(exposure) = exposures.get(&hit.entity_id) {
                    value["exposure"] = serde_json::to_value(exposure)?;
                }
                Ok(value)
            })
            .collect::<Result<_, serde_json::Error>>()?;
        let line = serde_json::json!({
            "query_id": row.id,
            "line": row.line,
            "query": row.entity.to_ftm(),
            "hits": hits,
        });
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
