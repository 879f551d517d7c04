//! Rough speed on the real OFAC SDN list (2021-07), one core: µs per
//! pairwise score and screening queries per second. Printed, not
//! asserted; run with `cargo test --release --test speed -- --nocapture`.

use crate::common;

use common::{entries, list_entities, perturb, query_for, Rng, PERTURBATIONS};
use meldpunt_model::NameKind;
use meldpunt_screening::score::ScoreBuffer;
use meldpunt_screening::{score, PreparedEntity, ScoringConfig, ScreenOptions, Screener};
use std::time::Instant;

#[test]
fn speed_on_ofac_sdn() {
    let Some(entities) = list_entities("lists/ofac/sdn-2021-07") else {
        return;
    };
    let build = Instant::now();
    let screener = Screener::new(
        entries(entities.clone(), "ofac-sdn"),
        ScoringConfig::default(),
    );
    let build = build.elapsed();
    let mut rng = Rng::new(7);
    let queries: Vec<PreparedEntity> = (0..200)
        .filter_map(|k| {
            let entity = &entities[rng.below(entities.len())];
            let name = entity.names.iter().find(|n| n.kind == NameKind::Primary)?;
            let text = perturb(
                &name.value,
                PERTURBATIONS[k % PERTURBATIONS.len()],
                &mut rng,
            );
            Some(PreparedEntity::new(&query_for(entity, &text)))
        })
        .collect();
    let cfg = ScoringConfig::default();
    let start = Instant::now();
    let mut pairs = 0usize;
    for query in queries.iter().take(20) {
        for i in 0..screener.len() {
            if let Some(candidate) = screener.prepared(i) {
                std::hint::black_box(score(query, candidate, &cfg));
                pairs += 1;
            }
        }
    }
    let per_score = start.elapsed().as_secs_f64() * 1e6 / pairs.max(1) as f64;
    // The screening path: the number only, explanations for hits alone.
    let mut buffer = ScoreBuffer::default();
    let start = Instant::now();
    for query in queries.iter().take(20) {
        for i in 0..screener.len() {
            if let Some(candidate) = screener.prepared(i) {
                std::hint::black_box(buffer.score_value(query, candidate, &cfg));
            }
        }
    }
    let per_value = start.elapsed().as_secs_f64() * 1e6 / pairs.max(1) as f64;
    let options = ScreenOptions::default();
    let start = Instant::now();
    for query in &queries {
        std::hint::black_box(screener.screen_prepared(query, &options));
    }
    let qps = queries.len() as f64 / start.elapsed().as_secs_f64();
    eprintln!(
        "{} entities, build {build:?}; {per_score:.1} µs per entity score with explanation, {per_value:.2} µs without; {qps:.0} queries/s (one core, K={})",
        screener.len(),
        options.candidates
    );
}
