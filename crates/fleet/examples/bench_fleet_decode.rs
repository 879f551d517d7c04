//! Decoder-only benchmark for A/B work on the AIS decoder: decodes a file
//! (as written by `bench_fleet --generate-only`) `--repeat` times and
//! prints messages per second for each run.
//!
//! ```text
//! cargo run --release -p meldpunt-fleet --example bench_fleet_decode -- \
//!     FILE [--parallel | --chunk BYTES] [--repeat N] [--pipeline]
//! ```
//!
//! With `--pipeline` the messages also go into tracks and the registry,
//! as in `bench_fleet`. Use `perf stat` around it for CPU time.

use meldpunt_fleet::ais::stream::{self, Mode};
use meldpunt_fleet::ais::Decoder;
use meldpunt_fleet::registry::Registry;
use meldpunt_fleet::track::Tracks;
use std::error::Error;
use std::fs::File;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut file = None;
    let mut mode = Mode::Sequential;
    let mut repeat = 1;
    let mut pipeline = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--parallel" => mode = Mode::parallel(),
            "--chunk" => {
                let chunk_bytes = it.next().ok_or("--chunk needs a value")?.parse()?;
                mode = Mode::Parallel { chunk_bytes };
            }
            "--pipeline" => pipeline = true,
            "--repeat" => repeat = it.next().ok_or("--repeat needs a value")?.parse()?,
            _ => file = Some(arg),
        }
    }
    let file = file.ok_or("usage: bench_fleet_decode FILE [--parallel] [--repeat N]")?;
    for _ in 0..repeat {
        let t = Instant::now();
        let mut decoder = Decoder::new();
        let (mut messages, mut errors) = (0u64, 0u64);
        let mut tracks = Tracks::new();
        let mut registry = Registry::new();
        stream::decode_reader(
            &mut decoder,
            File::open(&file)?,
            mode,
            |result| match result {
                Ok(m) => {
                    messages += 1;
                    if pipeline && !tracks.push_message(&m) {
                        registry.observe_ais(&m);
                    }
                }
                Err(_) => errors += 1,
            },
        )?;
        tracks.finish();
        let s = t.elapsed().as_secs_f64();
        println!(
            "{messages} messages, {errors} errors, {} positions, {s:.3} s = {:.0} messages/s",
            tracks.position_count(),
            messages as f64 / s
        );
    }
    Ok(())
}
