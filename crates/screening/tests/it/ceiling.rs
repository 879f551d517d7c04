//! Soundness of the score ceiling that lets screening skip candidates:
//! for every pair it must allow the pair's own score, so that pruning
//! never drops a hit nor changes a score.
//!
//! - every pair of the public name benchmark, both ways;
//! - perturbed OFAC SDN (2021-07) queries, half with the list entity's
//!   own facts, against a sample of list entities, and the screening
//!   path (pruned) against the unpruned scores of every candidate.

use crate::common;

use common::{entries, list_entities, perturbed_queries};
use meldpunt_model::Schema;
use meldpunt_screening::score::{may_reach, CeilingScratch, CeilingWords, ScoreBuffer};
use meldpunt_screening::{PreparedEntity, ScoringConfig, ScreenOptions, Screener};
use rayon::prelude::*;

/// Checks that the ceiling of `q` against `c` allows `c`'s score, and
/// that the pruned numeric path gives that score.
fn assert_sound(q: &PreparedEntity, c: &PreparedEntity, cfg: &ScoringConfig, what: &str) {
    let mut buffer = ScoreBuffer::default();
    let mut scratch = CeilingScratch::default();
    let (qw, cw) = (CeilingWords::new(q, cfg), CeilingWords::new(c, cfg));
    let value = buffer.score_value(q, c, cfg);
    assert!(
        may_reach((q, &qw), (c, &cw), value, cfg, &mut scratch),
        "ceiling below score {value}: {what}"
    );
    assert_eq!(
        buffer.score_value_pruned(q, c, cfg, &scratch),
        value,
        "pruned score differs: {what}"
    );
}

#[test]
fn ceiling_allows_every_name_bench_score() {
    let Some(path) = meldpunt_testkit::shared_file("names/name_bench_cases.csv") else {
        return;
    };
    let mut reader = match csv::Reader::from_path(&path) {
        Ok(r) => r,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let cfg = ScoringConfig::default();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let schema: Schema = row[1].parse().unwrap_or(Schema::LegalEntity);
        for (x, y) in [(&row[2], &row[3]), (&row[3], &row[2])] {
            let q = PreparedEntity::from_name("q", schema, x);
            let c = PreparedEntity::from_name("c", schema, y);
            assert_sound(&q, &c, &cfg, &format!("{x} | {y}"));
        }
    }
}

#[test]
fn ceiling_allows_ofac_scores_and_screening_keeps_hits() {
    let Some(entities) = list_entities("lists/ofac/sdn-2021-07") else {
        return;
    };
    let cfg = ScoringConfig::default();
    let samples = if cfg!(debug_assertions) { 12 } else { 60 };
    let queries: Vec<PreparedEntity> = perturbed_queries(&entities, 424242, samples)
        .iter()
        .map(|(_, q)| PreparedEntity::new(q))
        .collect();
    let prepared: Vec<PreparedEntity> = entities.iter().map(PreparedEntity::new).collect();
    let stride = if cfg!(debug_assertions) { 17 } else { 3 };
    queries.par_iter().for_each(|q| {
        for c in prepared.iter().step_by(stride) {
            assert_sound(
                q,
                c,
                &cfg,
                &format!("{:?} | {}", q.names.first().map(|n| &n.original), c.id),
            );
        }
    });
    // The screening path returns exactly the unpruned hits: of every
    // list entity where the prefilter decides, of the ranked candidates
    // where it falls back to them.
    let screener = Screener::new(entries(entities, "ofac-sdn"), cfg.clone());
    // A small limit raises the bar above the threshold the prefilter's
    // name-pair bounds were computed for.
    let all = ScreenOptions {
        threshold: Some(0.5),
        limit: 50,
        ..ScreenOptions::default()
    };
    let few = ScreenOptions {
        limit: 2,
        ..all.clone()
    };
    let mut buffer = ScoreBuffer::default();
    for (q, options) in queries.iter().flat_map(|q| [(q, &all), (q, &few)]) {
        let hits = screener.screen_prepared(q, options);
        let pool: Vec<usize> = match screener.prefiltered(q, options) {
            Some(_) => (0..screener.len()).collect(),
            None => screener
                .candidates(q, options.candidates)
                .into_iter()
                .map(|c| c.entity as usize)
                .collect(),
        };
        let mut expected: Vec<(String, f32)> = pool
            .into_iter()
            .filter_map(|i| screener.prepared(i))
            .map(|c| (c.id.clone(), buffer.score_value(q, c, &cfg)))
            .filter(|(_, s)| *s >= 0.5)
            .collect();
        expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        expected.truncate(options.limit);
        let got: Vec<(String, f32)> = hits.into_iter().map(|h| (h.entity_id, h.score)).collect();
        assert_eq!(got, expected);
    }
}
