//! `meldpunt compare`: scores pairs. CSV input keeps its columns and gains
//! `score,match`; JSON lines of `{"query": FtM, "candidate": FtM}` gain the
//! score, the decision and the full explanation.

use anyhow::{bail, Context};
use clap::Args;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use meldpunt_model::{Entity, FtmEntity, Schema};
use meldpunt_screening::{algorithm_version, score, PreparedEntity, ScoringConfig, MAX_NAME_CHARS};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// CSV with columns name1,name2[,schema,…], or JSON lines {"query": …, "candidate": …}.
    #[arg(long)]
    pub input: PathBuf,
    #[arg(long)]
    pub output: PathBuf,
    /// Score at or above which a pair is a match (default: the engine's threshold).
    #[arg(long)]
    pub threshold: Option<f32>,
}

pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let mut config = ScoringConfig::default();
    if let Some(threshold) = args.threshold {
        if !(0.0..=1.0).contains(&threshold) {
            bail!("--threshold must lie in [0, 1], got {threshold}");
        }
        config.threshold = threshold;
    }
    let file = std::fs::File::open(&args.input)
        .with_context(|| format!("opening {}", args.input.display()))?;
    let mut reader = BufReader::new(file);
    let first = reader
        .fill_buf()?
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace());
    let out = BufWriter::new(
        std::fs::File::create(&args.output)
            .with_context(|| format!("creating {}", args.output.display()))?,
    );
    let rejected = match first {
        None => bail!("{}: the file is empty", args.input.display()),
        Some(b'{') => compare_jsonl(&args.input, reader, out, &config)?,
        Some(_) => compare_csv(&args.input, reader, out, &config)?,
    };
    if rejected > 0 {
        bail!(
            "{rejected} pair(s) in {} could not be scored (listed above)",
            args.input.display()
        );
    }
    Ok(())
}

fn compare_csv(
    path: &Path,
    reader: impl std::io::Read,
    out: impl Write,
    config: &ScoringConfig,
) -> anyhow::Result<usize> {
    let mut csv = csv::ReaderBuilder::new().from_reader(reader);
    let header = csv
        .headers()
        .with_context(|| format!("{}:1: unreadable header", path.display()))?
        .clone();
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(name1), Some(name2)) = (position("name1"), position("name2")) else {
        bail!(
            "{}:1: the header needs columns name1 and name2",
            path.display()
        );
    };
    let schema_column = position("schema");
    let mut records = Vec::new();
    let mut rejected = 0;
    for record in csv.records() {
        match record {
            Ok(record) => records.push(record),
            Err(error) => {
                rejected += 1;
                let line = error.position().map(|p| p.line()).unwrap_or(0);
                eprintln!("{}:{line}: {error}", path.display());
            }
        }
    }
    let scored: Vec<Result<(f32, bool), String>> = records
        .par_iter()
        .map(|record| {
            let schema = match schema_column.and_then(|i| record.get(i)).map(str::trim) {
                None | Some("") => Schema::LegalEntity,
                Some(text) => text
                    .parse()
                    .map_err(|e: meldpunt_model::ModelError| e.to_string())?,
            };
            let left = pair_name(record.get(name1), "name1")?;
            let right = pair_name(record.get(name2), "name2")?;
            let result = score(
                &PreparedEntity::from_name("q", schema, left),
                &PreparedEntity::from_name("c", schema, right),
                config,
            );
            Ok((result.score, result.is_match))
        })
        .collect();
    let mut writer = csv::Writer::from_writer(out);
    let mut out_header: Vec<&str> = header.iter().collect();
    out_header.extend(["score", "match"]);
    writer.write_record(&out_header)?;
    for (record, result) in records.iter().zip(scored) {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        match result {
            Ok((value, is_match)) => {
                let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
                fields.push(format!("{value:.4}"));
                fields.push(is_match.to_string());
                writer.write_record(&fields)?;
            }
            Err(message) => {
                rejected += 1;
                eprintln!("{}:{line}: {message}", path.display());
            }
        }
    }
    writer.flush()?;
    Ok(rejected)
}

fn pair_name<'a>(value: Option<&'a str>, column: &str) -> Result<&'a str, String> {
    let value = value.map(str::trim).unwrap_or_default();
    if value.is_empty() {
        return Err(format!("empty {column}"));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(format!("{column} longer than {MAX_NAME_CHARS} characters"));
    }
    Ok(value)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    query: FtmEntity,
    candidate: FtmEntity,
}

fn compare_jsonl(
    path: &Path,
    reader: impl BufRead,
    out: impl Write,
    config: &ScoringConfig,
) -> anyhow::Result<usize> {
    let mut out = BufWriter::new(out);
    let mut rejected = 0;
    let version = algorithm_version();
    for (index, line) in reader.lines().enumerate() {
        let number = index + 1;
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                rejected += 1;
                eprintln!("{}:{number}: {error}", path.display());
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match score_pair(&line, config) {
            Ok(result) => {
                let mut value: serde_json::Value = serde_json::from_str(&line)?;
                value["score"] = serde_json::json!(result.score);
                value["match"] = serde_json::json!(result.is_match);
                value["explanation"] = serde_json::json!({
                    "features": result.features,
                    "query_name": result.query_name,
                    "matched_name": result.matched_name,
                    "algorithm_version": version,
                });
                serde_json::to_writer(&mut out, &value)?;
                out.write_all(b"\n")?;
            }
            Err(message) => {
                rejected += 1;
                eprintln!("{}:{number}: {message}", path.display());
            }
        }
    }
    out.flush()?;
    Ok(rejected)
}

fn score_pair(
    line: &str,
    config: &ScoringConfig,
) -> Result<meldpunt_screening::MatchScore, String> {
    let pair: Pair = serde_json::from_str(line).map_err(|e| format!("invalid pair: {e}"))?;
    let query = Entity::from_ftm(&pair.query).map_err(|e| format!("query: {e}"))?;
    let candidate = Entity::from_ftm(&pair.candidate).map_err(|e| format!("candidate: {e}"))?;
    for (side, entity) in [("query", &query), ("candidate", &candidate)] {
        if entity
            .names
            .iter()
            .any(|n| n.value.chars().count() > MAX_NAME_CHARS)
        {
            return Err(format!(
                "{side}: name longer than {MAX_NAME_CHARS} characters"
            ));
        }
    }
    Ok(score(
        &PreparedEntity::new(&query),
        &PreparedEntity::new(&candidate),
        config,
    ))
}
