//! Guard against score drift. Results must be replayable, so a change of
//! any score is a deliberate change of the algorithm version:
//!
//! - the scores of every pair of the public name benchmark
//!   (name_bench_cases.csv), both ways, are pinned in a snapshot (numbers
//!   only: the shared data is not copied);
//! - the fast numeric path (`ScoreBuffer::score_value`) equals the
//!   explained path (`score`) on those pairs and on perturbed OFAC SDN
//!   (2021-07) queries, half with the list entity's own facts, scored
//!   against every list entity;
//! - the screening path (numeric scores, explanations only for hits)
//!   returns for each hit exactly what `score` returns.

use crate::common;

use common::{entries, list_entities, perturbed_queries};
use meldpunt_model::Schema;
use meldpunt_screening::{
    score, score::ScoreBuffer, PreparedEntity, ScoringConfig, ScreenOptions, Screener,
};
use rayon::prelude::*;

const OFAC_QUERIES: usize = 60;

#[test]
fn name_bench_scores_are_pinned() {
    let Some(path) = meldpunt_testkit::shared_file("names/name_bench_cases.csv") else {
        return;
    };
    let mut reader = match csv::Reader::from_path(&path) {
        Ok(r) => r,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let cfg = ScoringConfig::default();
    let mut buffer = ScoreBuffer::default();
    let mut pinned = Vec::new();
    for (index, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let (schema, a, b) = (&row[1], &row[2], &row[3]);
        let schema: Schema = schema.parse().unwrap_or(Schema::LegalEntity);
        let mut both_ways = Vec::new();
        for (x, y) in [(a, b), (b, a)] {
            let q = PreparedEntity::from_name("q", schema, x);
            let c = PreparedEntity::from_name("c", schema, y);
            let explained = score(&q, &c, &cfg);
            assert_eq!(
                buffer.score_value(&q, &c, &cfg),
                explained.score,
                "{x} | {y}"
            );
            both_ways.push(format!("{:.4}", explained.score));
        }
        pinned.push(format!("{} {}", index + 2, both_ways.join(" ")));
    }
    assert!(pinned.len() > 500);
    insta::assert_snapshot!("name_bench_scores", pinned.join("\n"));
}

fn ofac_queries(entities: &[meldpunt_model::Entity]) -> Vec<(String, PreparedEntity)> {
    perturbed_queries(entities, 4242, OFAC_QUERIES)
        .into_iter()
        .map(|(text, q)| (text, PreparedEntity::new(&q)))
        .collect()
}

#[test]
fn numeric_and_explained_scores_agree_on_ofac() {
    let Some(entities) = list_entities("lists/ofac/sdn-2021-07") else {
        return;
    };
    // Exhaustive scoring is slow unoptimised: fewer queries in debug.
    let count = if cfg!(debug_assertions) {
        3
    } else {
        OFAC_QUERIES
    };
    let screener = Screener::new(
        entries(entities.clone(), "ofac-sdn"),
        ScoringConfig::default(),
    );
    let cfg = screener.config().clone();
    let queries = ofac_queries(&entities);
    let queries = &queries[..count.min(queries.len())];
    let compared: usize = queries
        .par_iter()
        .map(|(text, q)| {
            let mut buffer = ScoreBuffer::default();
            for i in 0..screener.len() {
                let Some(c) = screener.prepared(i) else {
                    continue;
                };
                let value = buffer.score_value(q, c, &cfg);
                if value >= 0.3 {
                    assert_eq!(score(q, c, &cfg).score, value, "{text} vs {}", c.id);
                }
            }
            screener.len()
        })
        .sum();
    assert!(compared > 0);

    // The screening path (numeric scoring, explanations built only for
    // hits) agrees with `score` on every hit.
    let options = ScreenOptions {
        threshold: Some(0.3),
        limit: 50,
        ..ScreenOptions::default()
    };
    for (_, q) in queries {
        for hit in screener.screen_prepared(q, &options) {
            let position = (0..screener.len())
                .find(|&i| screener.prepared(i).is_some_and(|p| p.id == hit.entity_id));
            let Some(c) = position.and_then(|i| screener.prepared(i)) else {
                panic!("hit {} not in screener", hit.entity_id);
            };
            let full = score(q, c, &cfg);
            assert_eq!(hit.score, full.score);
            assert_eq!(hit.features, full.features);
            assert_eq!(hit.query_name, full.query_name);
            assert_eq!(hit.matched_name, full.matched_name);
        }
    }
}
