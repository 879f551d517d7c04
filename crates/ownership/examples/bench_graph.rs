//! Synthetic benchmark: 1M companies, 3M ownership edges (fixed seed);
//! reports build time, time to compute all exposures under each rule set,
//! and peak RSS.
//!
//! cargo run --release -p meldpunt-ownership --example bench_graph [listed]

use meldpunt_model::PartialDate;
use meldpunt_ownership::{
    OwnershipGraphBuilder, Percentage, RelationInput, RelationKind, Rules, Share,
};
use std::collections::HashSet;
use std::time::Instant;

const COMPANIES: usize = 1_000_000;
const EDGES: usize = 3_000_000;
/// Listed persons by default; the first argument overrides.
const LISTED: usize = 10_000;

/// SplitMix64: a fixed, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim().to_string())
        })
        .unwrap_or_else(|| "VmHWM: unknown".to_string())
}

/// Each company gets 1-5 owners (mean 3) whose stakes sum to at most 100%.
fn owners_of(rng: &mut Rng, company: usize, budget: &mut usize) -> Vec<RelationInput> {
    let count = (1 + rng.below(5)).min(*budget);
    *budget -= count;
    let mut left = 100.0;
    (0..count)
        .map(|i| {
            let share = if i + 1 == count {
                left * (rng.below(101) as f64 / 100.0)
            } else {
                left * rng.below(81) as f64 / 100.0
            };
            left -= share;
            let mut input = RelationInput::new(
                format!("c{}", rng.below(COMPANIES)),
                format!("c{company}"),
                RelationKind::Ownership,
            );
            input.percentage = Share::from_percent(share).map(Percentage::exact);
            input
        })
        .collect()
}

fn main() {
    let mut rng = Rng(20240613);
    let start = Instant::now();
    let mut builder = OwnershipGraphBuilder::with_capacity(COMPANIES, EDGES);
    let mut budget = EDGES;
    let mut company = 0;
    while budget > 0 {
        for relation in owners_of(&mut rng, company % COMPANIES, &mut budget) {
            builder.add_relation(&relation);
        }
        company += 1;
    }
    let graph = builder.build();
    println!(
        "built {} nodes, {} relations in {:.2?}; {}",
        graph.node_count(),
        graph.relation_count(),
        start.elapsed(),
        peak_rss()
    );
    let count = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(LISTED);
    let listed: HashSet<String> = (0..count)
        .map(|_| format!("c{}", rng.below(COMPANIES)))
        .collect();
    let as_of = PartialDate::parse("2024-06-01").unwrap_or(PartialDate {
        year: 2024,
        month: None,
        day: None,
    });
    let started = Instant::now();
    let blocked = graph.ofac_blocked(&listed, &Rules::ofac(as_of));
    println!(
        "OFAC blocked set only: {} entities in {:.2?}",
        blocked.len(),
        started.elapsed()
    );
    for rules in [
        Rules::ofac(as_of),
        Rules::eu(as_of),
        Rules::eu(as_of).with_eu_aggregate(true),
    ] {
        let started = Instant::now();
        let exposures = graph.exposures(&listed, &rules);
        let paths: usize = exposures.iter().map(|e| e.paths.len()).sum();
        println!(
            "{:?} (aggregate {}): {} exposures, {} paths in {:.2?}; {}",
            rules.kind,
            rules.eu_aggregate,
            exposures.len(),
            paths,
            started.elapsed(),
            peak_rss()
        );
    }
}
