//! End-to-end benchmark: generate a seeded scenario as NMEA, decode it,
//! build tracks and the registry, and run every detector.
//!
//! ```text
//! cargo run --release -p meldpunt-fleet --example bench_fleet -- \
//!     [--messages N] [--seed S] [--file PATH] [--pyais PYTHON]
//! ```
//!
//! Generation runs in a child process (the same binary with
//! `--generate-only`), so the peak RSS reported (VmHWM) is that of
//! decoding and detection alone. The file is decoded four times: into
//! tracks and the registry on one thread and on every core of the rayon
//! pool ([`stream::Mode::Parallel`]; the two must agree exactly), then by
//! the decoder alone, both ways. With `--pyais`, the same file is decoded
//! by `benches/pyais_decode.py` under that Python interpreter; pyais is
//! single-threaded, so the all-core ratio compares all cores with one.
//! See the crate README for measured numbers.

use meldpunt_fleet::ais::stream::{self, Mode};
use meldpunt_fleet::ais::{Decoder, Stats};
use meldpunt_fleet::detect::{detect_all, DetectConfig};
use meldpunt_fleet::registry::Registry;
use meldpunt_fleet::scenario::{routes, Scenario, ScenarioConfig};
use meldpunt_fleet::shadowfleet;
use meldpunt_fleet::track::Tracks;
use meldpunt_model::Entity;
use std::collections::BTreeMap;
use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Args {
    messages: u64,
    seed: u64,
    file: PathBuf,
    generate_only: bool,
    pyais: Option<String>,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let mut a = Args {
        messages: 10_000_000,
        seed: 42,
        file: PathBuf::new(),
        generate_only: false,
        pyais: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--messages" => a.messages = value()?.parse()?,
            "--seed" => a.seed = value()?.parse()?,
            "--file" => a.file = PathBuf::from(value()?),
            "--pyais" => a.pyais = Some(value()?),
            "--generate-only" => a.generate_only = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if a.file.as_os_str().is_empty() {
        a.file = std::env::temp_dir().join(format!("bench_fleet_{}_{}.nmea", a.messages, a.seed));
    }
    Ok(a)
}

fn side_file(nmea: &Path, suffix: &str) -> PathBuf {
    nmea.with_extension(suffix)
}

fn generate(a: &Args) -> Result<(), Box<dyn Error>> {
    let t = Instant::now();
    let scenario = Scenario::generate(&ScenarioConfig::with_messages(a.messages, a.seed));
    let generated = t.elapsed();
    let mut out = BufWriter::new(File::create(&a.file)?);
    let count = scenario.write_nmea(&mut out)?;
    out.flush()?;
    std::fs::write(
        side_file(&a.file, "shadowfleet.json"),
        shadowfleet::to_json(&scenario.listings),
    )?;
    let mut sanctioned = BufWriter::new(File::create(side_file(&a.file, "sanctioned.jsonl"))?);
    for e in &scenario.sanctioned {
        writeln!(sanctioned, "{}", serde_json::to_string(e)?)?;
    }
    sanctioned.flush()?;
    println!(
        "generated {count} messages ({} positions, {} planted events) in {:.1} s, written in {:.1} s total",
        scenario.positions.len(),
        scenario.truth.len(),
        generated.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let a = args()?;
    if a.generate_only {
        return generate(&a);
    }
    if !a.file.exists() {
        let status = Command::new(std::env::current_exe()?)
            .args(["--generate-only", "--messages", &a.messages.to_string()])
            .args(["--seed", &a.seed.to_string(), "--file"])
            .arg(&a.file)
            .status()?;
        if !status.success() {
            return Err("generation failed".into());
        }
    }
    let bytes = std::fs::metadata(&a.file)?.len();
    let threads = rayon::current_num_threads();
    println!("file: {} ({:.0} MB)", a.file.display(), bytes as f64 / 1e6);

    // The sequential tracks are dropped before the parallel run, so the
    // peak RSS is that of one decode, not two.
    let mut seq = pipeline(&a.file, Mode::Sequential)?;
    seq.tracks = Tracks::new();
    seq.registry = Registry::new();
    let par = pipeline(&a.file, Mode::parallel())?;
    // The parallel path must give exactly the sequential result.
    if (seq.stats, seq.errors, seq.positions, seq.vessels)
        != (par.stats, par.errors, par.positions, par.vessels)
    {
        return Err(format!(
            "parallel decode differs: {:?} vs {:?}",
            seq.stats, par.stats
        )
        .into());
    }
    let stats = seq.stats;
    let messages = stats.messages as f64;
    println!(
        "decoded: {} lines, {} messages, {} positions, {} vessels, {} errors (same on all cores)",
        stats.lines, stats.messages, seq.positions, seq.vessels, seq.errors
    );
    for (label, run) in [("1 thread", &seq), (&*format!("{threads} threads"), &par)] {
        println!(
            "decode + tracks + registry, {label}: {:.2} s = {:.0} messages/s, {:.1} MB/s",
            run.seconds,
            messages / run.seconds,
            bytes as f64 / 1e6 / run.seconds
        );
    }
    let tracks = par.tracks;
    let mut registry = par.registry;

    let listings = shadowfleet::read_file(&side_file(&a.file, "shadowfleet.json"))?;
    registry.add_shadow_fleet(&listings, "scenario");
    let sanctioned = std::fs::read_to_string(side_file(&a.file, "sanctioned.jsonl"))?;
    for l in sanctioned.lines() {
        registry.add_entity(&serde_json::from_str::<Entity>(l)?);
    }

    let t = Instant::now();
    let layer = routes::shore_layer();
    let events = detect_all(&tracks, &registry, Some(&layer), &DetectConfig::default());
    let detect_s = t.elapsed().as_secs_f64();
    let positions = tracks.position_count() as f64;
    println!(
        "detect: {} events in {detect_s:.2} s = {:.0} positions/s",
        events.len(),
        positions / detect_s
    );
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for e in &events {
        *kinds.entry(format!("{:?}", e.kind)).or_default() += 1;
    }
    println!("events by kind: {kinds:?}");
    println!(
        "total ({threads} threads decoding): {:.2} s = {:.0} messages/s end to end",
        par.seconds + detect_s,
        messages / (par.seconds + detect_s)
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS (VmHWM): {mb:.0} MB");
    }
    drop((tracks, registry, events));

    let alone_seq = decode_only(&a.file, Mode::Sequential)?;
    let alone_par = decode_only(&a.file, Mode::parallel())?;
    for (label, rate) in [
        ("1 thread", alone_seq),
        (&*format!("{threads} threads"), alone_par),
    ] {
        println!("decoder alone (no tracks or registry), {label}: {rate:.0} messages/s");
    }
    if let Some(python) = &a.pyais {
        let rates = Rates {
            pipeline: [messages / seq.seconds, messages / par.seconds],
            alone: [alone_seq, alone_par],
            threads,
        };
        pyais(python, &a.file, &rates)?;
    }
    Ok(())
}

/// One decode of the file into tracks and the registry.
struct Run {
    stats: Stats,
    errors: u64,
    positions: usize,
    vessels: usize,
    seconds: f64,
    tracks: Tracks,
    registry: Registry,
}

fn pipeline(file: &Path, mode: Mode) -> Result<Run, Box<dyn Error>> {
    let t = Instant::now();
    let mut decoder = Decoder::new();
    let mut tracks = Tracks::new();
    let mut registry = Registry::new();
    let mut errors = 0u64;
    stream::decode_reader(
        &mut decoder,
        File::open(file)?,
        mode,
        |result| match result {
            Ok(m) => {
                if !tracks.push_message(&m) {
                    registry.observe_ais(&m);
                }
            }
            Err(_) => errors += 1,
        },
    )?;
    let stats = decoder.finish();
    tracks.finish();
    Ok(Run {
        stats,
        errors,
        positions: tracks.position_count(),
        vessels: tracks.vessel_count(),
        seconds: t.elapsed().as_secs_f64(),
        tracks,
        registry,
    })
}

/// Decodes the file again without building tracks, which is what the
/// pyais script measures; returns messages per second.
fn decode_only(file: &Path, mode: Mode) -> Result<f64, Box<dyn Error>> {
    let t = Instant::now();
    let mut decoder = Decoder::new();
    let mut messages = 0u64;
    stream::decode_reader(&mut decoder, File::open(file)?, mode, |result| {
        if result.is_ok() {
            messages += 1;
        }
    })?;
    Ok(messages as f64 / t.elapsed().as_secs_f64())
}

/// Messages per second, one thread and all threads.
struct Rates {
    pipeline: [f64; 2],
    alone: [f64; 2],
    threads: usize,
}

fn pyais(python: &str, file: &Path, r: &Rates) -> Result<(), Box<dyn Error>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pyais_decode.py");
    let out = Command::new(python).arg(script).arg(file).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    let field = |name: &str| -> Option<f64> {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .and_then(|v| v.parse().ok())
    };
    let (Some(n), Some(s)) = (field("messages="), field("seconds=")) else {
        eprintln!("pyais failed: {}", String::from_utf8_lossy(&out.stderr));
        return Ok(());
    };
    let rate = n / s;
    println!("pyais (one thread; pyais has no parallel decoder): {rate:.0} messages/s");
    let t = r.threads;
    println!(
        "vs pyais, decoder alone: {:.1}x on 1 thread, {:.1}x on {t} threads",
        r.alone[0] / rate,
        r.alone[1] / rate
    );
    println!(
        "vs pyais, decode + tracks + registry: {:.1}x on 1 thread, {:.1}x on {t} threads",
        r.pipeline[0] / rate,
        r.pipeline[1] / rate
    );
    Ok(())
}
