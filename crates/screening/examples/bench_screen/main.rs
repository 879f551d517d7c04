//! Screening throughput over every shared list (issue #3): builds one
//! Screener from OFAC SDN and consolidated, UN, EU and OpenSanctions
//! (zala, t1), screens synthetic customer records (made inside the
//! worker threads, see `customers.rs`) on 1 and 2 threads and reports
//! queries per second, time per stage, peak RSS, recall against
//! exhaustive scoring on a sample, and the speed of OpenSanctions'
//! nomenklatura logic-v2 on the same pairs (`nomenklatura.rs`).
//!
//! `cargo run --release -p meldpunt-screening --example bench_screen --
//!  [queries=1000000] [single=N] [candidates=N] [recall=200] [seed=1]
//!  [nk=100] [pool=wide]` — `single` queries (default a tenth) run on
//!  one thread; `pool=wide` draws people's names from the shared name
//!  groups instead of the hand-written pools (see `customers.rs`).

mod customers;
mod nomenklatura;
mod recall;

use customers::{customer_at, list_names, wide_pool, Pools};
use meldpunt_model::Entity;
use meldpunt_screening::{ListEntry, PreparedEntity, ScoringConfig, ScreenOptions, Screener};
use meldpunt_sources::{plan_inputs, read_input, ReadOptions, Record, SourceError};
use rayon::prelude::*;
use std::time::Instant;

const LISTS: [(&str, &str); 6] = [
    ("lists/ofac/sdn-2021-07", "ofac-sdn"),
    ("lists/ofac/consolidated-2025-12", "ofac-cons"),
    ("lists/un/consolidated-2026-02-27.xml", "un"),
    ("lists/eu/data/consolidated", "eu"),
    ("lists/opensanctions/zala.entities.ftm.json", "zala"),
    ("lists/opensanctions/t1.entities.ftm.json", "t1"),
];

fn load_lists() -> Vec<ListEntry> {
    let mut out = Vec::new();
    for (relative, source) in LISTS {
        let Some(path) = meldpunt_testkit::shared_file(relative) else {
            eprintln!("missing {relative}");
            continue;
        };
        let inputs = match plan_inputs(&[path], None) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{relative}: {e}");
                continue;
            }
        };
        let options = ReadOptions::default();
        let before = out.len();
        for input in &inputs {
            let mut push = |record: Record| -> Result<(), SourceError> {
                if !record.deleted {
                    out.push(ListEntry {
                        entity: record.entity,
                        source: source.to_string(),
                        version_id: format!("{source}-bench"),
                    });
                }
                Ok(())
            };
            if let Err(e) = read_input(input, &options, &mut push) {
                eprintln!("{relative}: {e}");
            }
        }
        eprintln!("{source:>14}: {} entities", out.len() - before);
    }
    out
}

fn vm_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// User and system CPU time of this process: on a machine shared with
/// other work, CPU time per query says more than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15, in clock ticks (100 a second).
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU time of the calling thread, in seconds (nanosecond resolution,
/// from the scheduler's statistics).
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns * 1e-9)
}

fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip(1)
        .filter_map(|a| {
            a.split_once('=')
                .filter(|(k, _)| *k == name)
                .and_then(|(_, v)| v.parse().ok())
        })
        .next()
        .unwrap_or(default)
}

fn main() {
    let count = arg("queries", 1_000_000);
    let single = arg("single", count / 10).min(count);
    let candidates = arg("candidates", ScreenOptions::default().candidates);
    let samples = arg("recall", 200);
    let seed = arg("seed", 1) as u64;
    let nk = arg("nk", 100);

    let start = Instant::now();
    let lists = load_lists();
    let read = start.elapsed();
    let rss_lists = vm_kb("VmRSS:");
    let names = Pools {
        listed: list_names(lists.iter().map(|e| e.entity.clone())),
        wide: if std::env::args().any(|a| a == "pool=wide") {
            wide_pool()
        } else {
            Vec::new()
        },
    };
    let start = Instant::now();
    let screener = Screener::new(lists, ScoringConfig::default());
    let build = start.elapsed();
    println!(
        "{} entities ({} indexed words); read {read:.1?}, build {build:.1?}; RSS {} MB with lists, {} MB after build",
        screener.len(),
        screener.index().word_count(),
        rss_lists / 1024,
        vm_kb("VmRSS:") / 1024
    );
    let options = ScreenOptions {
        candidates,
        ..ScreenOptions::default()
    };
    let sample: Vec<Entity> = (0..2000.min(count))
        .map(|k| customer_at(k, seed, &names, None))
        .collect();
    stages(&screener, &sample, &options);
    debug(
        &screener,
        &sample[..arg("debug", 0).min(sample.len())],
        &options,
    );
    slowest(&screener, &sample, &options, arg("slowest", 0));
    for (threads, queries) in [(1, single), (2, count)] {
        throughput(&screener, &names, &options, seed, threads, queries);
    }
    let recall_queries: Vec<PreparedEntity> = (0..samples)
        .map(|k| PreparedEntity::new(&customer_at(count + k, seed, &names, Some(k % 2 == 0))))
        .collect();
    recall::report(&screener, &recall_queries, &options);
    let nk_queries = &recall_queries[..nk.min(recall_queries.len())];
    nomenklatura::compare(&screener, nk_queries, &options);
    println!("peak RSS (VmHWM) {} MB", vm_kb("VmHWM:") / 1024);
}

/// Screens customers `0..queries` on `threads` threads.
fn throughput(
    screener: &Screener,
    names: &Pools,
    options: &ScreenOptions,
    seed: u64,
    threads: usize,
    queries: usize,
) {
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("thread pool: {e}");
            return;
        }
    };
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let hits: usize = pool.install(|| {
        (0..queries)
            .into_par_iter()
            .map(|k| {
                screener
                    .screen(&customer_at(k, seed, names, None), options)
                    .len()
            })
            .sum()
    });
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = (cpu_seconds() - cpu) * 1e6 / queries.max(1) as f64;
    println!(
        "{queries} queries on {threads} thread(s), K={}: {:.0} queries/s ({:.1} µs/query/thread; {cpu:.0} µs CPU/query, {:.0} queries/s/core by CPU time), {hits} hits",
        options.candidates,
        queries as f64 / elapsed,
        elapsed * 1e6 * threads as f64 / queries.max(1) as f64,
        1e6 / cpu.max(1e-9),
    );
}

/// Time per stage on one thread over a slice of the customers, by the
/// thread's CPU time (steadier than wall time on a shared machine):
/// query preparation; ranked retrieval (used only when the prefilter
/// cannot decide); the prefilter, cold (word neighbourhoods computed)
/// and warm (cached); the whole screen of a prepared query (warm), and
/// apart for the queries the prefilter decides and those it leaves to
/// ranked retrieval.
fn stages(screener: &Screener, customers: &[Entity], options: &ScreenOptions) {
    let sample = &customers[..customers.len().min(2000)];
    let start = thread_cpu();
    let prepared: Vec<PreparedEntity> = sample.iter().map(PreparedEntity::new).collect();
    let prepare = thread_cpu() - start;
    let start = thread_cpu();
    let retrieved: usize = prepared
        .iter()
        .map(|q| screener.candidates(q, options.candidates).len())
        .sum();
    let retrieve = thread_cpu() - start;
    let mut bounded = Vec::new();
    let mut pass = || {
        let start = thread_cpu();
        bounded = prepared
            .iter()
            .filter_map(|q| screener.prefiltered(q, options).map(|l| l.len()))
            .collect();
        thread_cpu() - start
    };
    // Cold, then warm: the least of three passes, steadier on a shared
    // machine.
    let prefilter = [pass(), (0..3).map(|_| pass()).fold(f64::INFINITY, f64::min)];
    let mut screen = f64::INFINITY;
    for _ in 0..3 {
        let start = thread_cpu();
        for q in &prepared {
            std::hint::black_box(screener.screen_prepared(q, options));
        }
        screen = screen.min(thread_cpu() - start);
    }
    let (decided, undecided): (Vec<&PreparedEntity>, Vec<&PreparedEntity>) = prepared
        .iter()
        .partition(|q| screener.prefiltered(q, options).is_some());
    let split = [&decided, &undecided].map(|group| {
        let start = thread_cpu();
        for q in group.iter() {
            std::hint::black_box(screener.screen_prepared(q, options));
        }
        (thread_cpu() - start) * 1e6 / sample.len().max(1) as f64
    });
    let per = |t: f64| t * 1e6 / sample.len().max(1) as f64;
    println!(
        "stages (1 thread, {} queries, CPU time): prepare {:.1} µs, ranked retrieval {:.1} µs ({:.0} candidates), prefilter {:.1} µs cold / {:.1} µs warm, screen {:.1} µs per query (warm; {:.1} µs of it on decided queries, {:.1} µs on undecided)",
        sample.len(),
        per(prepare),
        per(retrieve),
        retrieved as f64 / sample.len().max(1) as f64,
        per(prefilter[0]),
        per(prefilter[1]),
        per(screen),
        split[0],
        split[1],
    );
    println!(
        "prefilter decided {} of {} queries, leaving {:.1} entities each to score (the rest use ranked retrieval)",
        bounded.len(),
        sample.len(),
        bounded.iter().sum::<usize>() as f64 / bounded.len().max(1) as f64
    );
}

/// What the prefilter leaves for the first `debug=N` customers: the
/// entities kept, with their bounds and real scores.
fn debug(screener: &Screener, customers: &[Entity], options: &ScreenOptions) {
    let name = |e: &PreparedEntity| e.names.first().map(|n| n.original.clone());
    for c in customers {
        let q = PreparedEntity::new(c);
        match screener.prefiltered(&q, options) {
            None => println!("{:?}: undecided", name(&q)),
            Some(kept) => {
                println!("{:?}: {} kept", name(&q), kept.len());
                for (e, bound) in kept.iter().take(4) {
                    let Some(p) = screener.prepared(*e as usize) else {
                        continue;
                    };
                    let s = meldpunt_screening::score(&q, p, screener.config()).score;
                    println!("    {bound:.3} {s:.3} {:?}", name(p));
                }
            }
        }
    }
}

/// The `slowest=N` customers of the sample for the prefilter (warm).
fn slowest(screener: &Screener, customers: &[Entity], options: &ScreenOptions, n: usize) {
    if n == 0 {
        return;
    }
    let prepared: Vec<PreparedEntity> = customers.iter().map(PreparedEntity::new).collect();
    let mut times: Vec<(f64, usize, usize)> = prepared
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let _ = screener.prefiltered(q, options);
            let start = Instant::now();
            let kept = screener.prefiltered(q, options).map_or(0, |l| l.len());
            (start.elapsed().as_secs_f64() * 1e6, i, kept)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = times.iter().map(|t| t.0).sum();
    let top: f64 = times.iter().take(n).map(|t| t.0).sum();
    println!("prefilter, warm: {total:.0} µs in all, the {n} slowest {top:.0} µs");
    for (t, i, kept) in times.iter().take(n) {
        let q = &prepared[*i];
        let renderings: Vec<usize> = q.names.iter().map(|n| n.renderings.len()).collect();
        let start = Instant::now();
        for _ in 0..20 {
            std::hint::black_box(screener.prefiltered(q, options));
        }
        let again = start.elapsed().as_secs_f64() * 1e6 / 20.0;
        println!(
            "  {t:.0} µs (again: {again:.0} µs) {:?} renderings {renderings:?} kept {kept}",
            q.names.first().map(|n| &n.original)
        );
    }
}
