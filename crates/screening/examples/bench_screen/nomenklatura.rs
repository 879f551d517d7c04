//! The speed of OpenSanctions' nomenklatura logic-v2 matcher on the same
//! pairs: each sample query against its top candidates is written as
//! FtM JSON lines, scored here (numbers only, and with explanations) and
//! by `benches/screening_nomenklatura.py`, run with `NK_PYTHON` or the
//! venv at /tmp/nk; without one, prints how to create it.

use meldpunt_screening::score::ScoreBuffer;
use meldpunt_screening::{PreparedEntity, ScreenOptions, Screener};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Candidates per query compared by both matchers.
const TOP: usize = 20;

pub fn compare(screener: &Screener, queries: &[PreparedEntity], options: &ScreenOptions) {
    let pairs: Vec<(&PreparedEntity, Vec<&PreparedEntity>)> = queries
        .iter()
        .map(|q| {
            let top = screener
                .candidates(q, options.candidates)
                .into_iter()
                .take(TOP)
                .filter_map(|c| screener.prepared(c.entity as usize))
                .collect();
            (q, top)
        })
        .collect();
    let count: usize = pairs.iter().map(|(_, c)| c.len()).sum();
    if count == 0 {
        return;
    }
    let cfg = screener.config();
    let mut buffer = ScoreBuffer::default();
    for (q, top) in &pairs {
        for c in top {
            std::hint::black_box(buffer.score(q, c, cfg));
        }
    }
    let start = Instant::now();
    for (q, top) in &pairs {
        for c in top {
            std::hint::black_box(buffer.score_value(q, c, cfg));
        }
    }
    let value_us = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    let start = Instant::now();
    for (q, top) in &pairs {
        for c in top {
            std::hint::black_box(buffer.score(q, c, cfg));
        }
    }
    let explained_us = start.elapsed().as_secs_f64() * 1e6 / count as f64;
    println!(
        "meldpunt on {count} pairs ({} queries × top {TOP}): {value_us:.2} µs/pair (number), {explained_us:.2} µs/pair (explained), one thread",
        pairs.len()
    );
    let Some(python) = python() else {
        println!(
            "nomenklatura: no venv; create one with `python3 -m venv /tmp/nk && /tmp/nk/bin/pip install nomenklatura` (or set NK_PYTHON)"
        );
        return;
    };
    let file = std::env::temp_dir().join(format!("meldpunt-nk-{}.jsonl", std::process::id()));
    if let Err(e) = write_pairs(&file, &pairs) {
        eprintln!("{}: {e}", file.display());
        return;
    }
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/screening_nomenklatura.py");
    let output = std::process::Command::new(&python)
        .arg(&script)
        .arg(&file)
        .output();
    let _ = std::fs::remove_file(&file);
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}: {e}", python.display());
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    if !output.status.success() {
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        return;
    }
    let nk_us = stdout
        .lines()
        .find_map(|l| l.strip_prefix("PAIR_US="))
        .and_then(|v| v.trim().parse::<f64>().ok());
    if let Some(nk_us) = nk_us {
        println!(
            "nomenklatura logic-v2 {nk_us:.1} µs/pair: meldpunt is {:.0}× faster (number), {:.0}× (explained)",
            nk_us / value_us.max(1e-9),
            nk_us / explained_us.max(1e-9)
        );
    }
}

fn python() -> Option<PathBuf> {
    let path = std::env::var_os("NK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/nk/bin/python3"));
    path.exists().then_some(path)
}

/// One JSON line per query: the query and its candidates as FtM
/// entities (schema and names).
fn write_pairs(
    path: &Path,
    pairs: &[(&PreparedEntity, Vec<&PreparedEntity>)],
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let entity = |e: &PreparedEntity| {
        let names: Vec<&str> = e.names.iter().map(|n| n.original.as_str()).collect();
        // FtM calls an aircraft an airplane.
        let schema = match e.schema {
            meldpunt_model::Schema::Aircraft => "Airplane",
            other => other.as_str(),
        };
        json!({"id": e.id, "schema": schema, "properties": {"name": names}})
    };
    for (q, top) in pairs {
        let line = json!({
            "query": entity(q),
            "candidates": top.iter().map(|c| entity(c)).collect::<Vec<_>>(),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()
}
