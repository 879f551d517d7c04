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
//! decoding and detection alone. With `--pyais`, the same file is decoded
//! by `benches/pyais_decode.py` under that Python interpreter.

use meldpunt_fleet::ais::Decoder;
use meldpunt_fleet::detect::{detect_all, DetectConfig};
use meldpunt_fleet::registry::Registry;
use meldpunt_fleet::scenario::{routes, Scenario, ScenarioConfig};
use meldpunt_fleet::shadowfleet;
use meldpunt_fleet::track::Tracks;
use meldpunt_model::Entity;
use std::collections::BTreeMap;
use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
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

    let t = Instant::now();
    let mut decoder = Decoder::new();
    let mut tracks = Tracks::new();
    let mut registry = Registry::new();
    let mut reader = BufReader::with_capacity(1 << 20, File::open(&a.file)?);
    let mut line = String::new();
    let mut errors = 0u64;
    while reader.read_line(&mut line)? > 0 {
        match decoder.decode_line(&line) {
            Ok(Some(m)) => {
                if !tracks.push_message(&m) {
                    registry.observe_ais(&m);
                }
            }
            Ok(None) => {}
            Err(_) => errors += 1,
        }
        line.clear();
    }
    let stats = decoder.finish();
    tracks.finish();
    let decode_s = t.elapsed().as_secs_f64();

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
    let messages = stats.messages as f64;
    println!("file: {} ({:.0} MB)", a.file.display(), bytes as f64 / 1e6);
    println!(
        "decode: {} lines, {} messages, {} positions, {} vessels, {errors} errors in {decode_s:.2} s \
         = {:.0} messages/s, {:.1} MB/s",
        stats.lines,
        stats.messages,
        tracks.position_count(),
        tracks.vessel_count(),
        messages / decode_s,
        bytes as f64 / 1e6 / decode_s
    );
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
        "total: {:.2} s = {:.0} messages/s end to end",
        decode_s + detect_s,
        messages / (decode_s + detect_s)
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS (VmHWM): {mb:.0} MB");
    }
    let (decoded, decoder_s) = decode_only(&a.file)?;
    let decoder_rate = decoded as f64 / decoder_s;
    println!(
        "decoder alone (no tracks or registry): {decoded} messages in {decoder_s:.2} s \
         = {decoder_rate:.0} messages/s"
    );
    if let Some(python) = &a.pyais {
        pyais(python, &a.file, messages / decode_s, decoder_rate)?;
    }
    Ok(())
}

/// Decodes the file a second time without building tracks, which is what
/// the pyais script measures.
fn decode_only(file: &Path) -> Result<(u64, f64), Box<dyn Error>> {
    let t = Instant::now();
    let mut decoder = Decoder::new();
    let mut reader = BufReader::with_capacity(1 << 20, File::open(file)?);
    let mut line = String::new();
    let mut messages = 0u64;
    while reader.read_line(&mut line)? > 0 {
        if let Ok(Some(_)) = decoder.decode_line(&line) {
            messages += 1;
        }
        line.clear();
    }
    Ok((messages, t.elapsed().as_secs_f64()))
}

fn pyais(
    python: &str,
    file: &Path,
    rust_rate: f64,
    decoder_rate: f64,
) -> Result<(), Box<dyn Error>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pyais_decode.py");
    let out = Command::new(python).arg(script).arg(file).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    let field = |name: &str| -> Option<f64> {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .and_then(|v| v.parse().ok())
    };
    if let (Some(n), Some(s)) = (field("messages="), field("seconds=")) {
        let rate = n / s;
        println!(
            "pyais: {rate:.0} messages/s; meldpunt decode is {:.1}x faster \
             ({:.1}x for the decoder alone)",
            rust_rate / rate,
            decoder_rate / rate
        );
    } else {
        eprintln!("pyais failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}
