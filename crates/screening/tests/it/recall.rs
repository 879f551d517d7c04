//! Candidate retrieval recall against exhaustive scoring on the real
//! OFAC SDN list (2021-07), for perturbed queries made from list names
//! (typos, reordering, dropped middle names, Cyrillic script, merged
//! words). Two measures, both printed:
//! - retrieval recall: of the hits a caller sees (exhaustive hits at or
//!   above the threshold whose score reaches the 10th best), the share
//!   the engine's retrieval hands to scoring: the prefilter's entities
//!   where it decides, the ranked index's K=300 where it does not; must
//!   be ≥ 99.5% (issue #3);
//! - index hit recall: the same share for the ranked index alone. It is
//!   only the fallback for queries the prefilter cannot decide (none of
//!   the bench's customers); since the scoring rules of
//!   `meldpunt-match-3` it finds 98.3% on the 300 release-mode queries
//!   (it had to reach 99.5% when it was the retrieval), so it is
//!   guarded at that level against further decay;
//! - full recall: of every exhaustive hit at or above the threshold.
//!   Generic queries ("Hassan HASSAN") reach hundreds of list names at
//!   0.75+, more than the index returns, so this one is reported only;
//! - screening recall: the hit recall of what `Screener::screen_prepared`
//!   returns with default options (prefilter, fallback index, name-pair
//!   bounds and ceilings), as many hits as were shown: the retrieval
//!   recall of issue #3, which must be ≥ 99.5%.

use crate::common;

use common::{entries, list_entities, perturb, query_for, Rng, PERTURBATIONS};
use meldpunt_model::NameKind;
use meldpunt_screening::index::DEFAULT_CANDIDATES;
use meldpunt_screening::{PreparedEntity, ScoringConfig, ScreenOptions, Screener};
use rayon::prelude::*;
use std::time::Instant;

/// Hits a caller is shown by default.
const SHOWN: usize = 10;

#[test]
fn index_recall_on_ofac_sdn() {
    let Some(entities) = list_entities("lists/ofac/sdn-2021-07") else {
        return;
    };
    let samples: usize = std::env::var("MELDPUNT_RECALL_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 30 } else { 300 });
    let screener = Screener::new(
        entries(entities.clone(), "ofac-sdn"),
        ScoringConfig::default(),
    );
    let threshold = screener.config().threshold;
    let mut rng = Rng::new(20210701);
    let mut queries = Vec::new();
    while queries.len() < samples {
        let entity = &entities[rng.below(entities.len())];
        let Some(name) = entity.names.iter().find(|n| n.kind == NameKind::Primary) else {
            continue;
        };
        let kind = PERTURBATIONS[queries.len() % PERTURBATIONS.len()];
        let text = perturb(&name.value, kind, &mut rng);
        queries.push((kind, PreparedEntity::new(&query_for(entity, &text))));
    }
    let start = Instant::now();
    let results: Vec<[usize; 6]> = queries
        .par_iter()
        .map(|(_, query)| {
            let mut exhaustive: Vec<(usize, f32)> = screener
                .score_exhaustive(query)
                .into_iter()
                .filter(|(_, s)| s.score >= threshold)
                .map(|(i, s)| (i, s.score))
                .collect();
            exhaustive.sort_by(|a, b| b.1.total_cmp(&a.1));
            let tenth = exhaustive.get(SHOWN - 1).map_or(threshold, |e| e.1);
            let retrieved: Vec<u32> = screener
                .candidates(query, DEFAULT_CANDIDATES)
                .into_iter()
                .map(|c| c.entity)
                .collect();
            // What the engine scores: the prefilter's entities where it
            // decides (these queries carry no identifiers), the ranked
            // candidates where it does not.
            let used: Vec<u32> = match screener.prefiltered(query, &ScreenOptions::default()) {
                Some(kept) => kept.into_iter().map(|(e, _)| e).collect(),
                None => retrieved.clone(),
            };
            let found_in = |pool: &[u32], hits: &[(usize, f32)]| {
                hits.iter()
                    .filter(|(i, _)| pool.contains(&(*i as u32)))
                    .count()
            };
            let found = |hits: &[(usize, f32)]| found_in(&retrieved, hits);
            let shown: Vec<(usize, f32)> = exhaustive
                .iter()
                .copied()
                .filter(|e| e.1 >= tenth)
                .collect();
            let options = ScreenOptions {
                limit: shown.len(),
                ..ScreenOptions::default()
            };
            let screened: Vec<String> = screener
                .screen_prepared(query, &options)
                .into_iter()
                .map(|h| h.entity_id)
                .collect();
            let screened_found = shown
                .iter()
                .filter_map(|(i, _)| screener.prepared(*i))
                .filter(|e| screened.contains(&e.id))
                .count();
            [
                exhaustive.len(),
                found(&exhaustive),
                shown.len(),
                found(&shown),
                screened_found,
                found_in(&used, &shown),
            ]
        })
        .collect();
    let sum = |k: usize| results.iter().map(|r| r[k]).sum::<usize>();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (relevant, found) = (sum(0), sum(1));
    let (shown, shown_found) = (sum(2), sum(3));
    let recall = ratio(found, relevant);
    let hit_recall = ratio(shown_found, shown);
    let screened = sum(4);
    let screen_recall = ratio(screened, shown);
    let retrieval_recall = ratio(sum(5), shown);
    eprintln!(
        "retrieval recall {retrieval_recall:.4} ({}/{shown}); index hit recall {hit_recall:.4} ({shown_found}/{shown}); screening recall {screen_recall:.4} ({screened}/{shown}); full recall {recall:.4} ({found}/{relevant}); \
         {} queries against {} entities ({} indexed words), K={DEFAULT_CANDIDATES}; {:?}",
        sum(5),
        queries.len(),
        screener.len(),
        screener.index().word_count(),
        start.elapsed()
    );
    if std::env::var("MELDPUNT_RECALL_DEBUG").is_ok() {
        for ((kind, query), _) in queries.iter().zip(&results).filter(|(_, r)| r[1] < r[0]) {
            let all = screener.candidates(query, usize::MAX);
            for (i, s) in screener.score_exhaustive(query) {
                if s.score < threshold {
                    continue;
                }
                let rank = all.iter().position(|c| c.entity as usize == i);
                if rank.is_none_or(|r| r >= DEFAULT_CANDIDATES) {
                    eprintln!(
                        "  missed {kind}: {:?} -> {:?} {:.3} rank {rank:?} prelim {:?}",
                        s.query_name,
                        s.matched_name,
                        s.score,
                        rank.map(|r| all[r].prelim)
                    );
                }
            }
        }
    }
    assert!(relevant > 0, "no query matched at all");
    assert!(
        retrieval_recall >= 0.995,
        "retrieval recall {retrieval_recall:.4} below 0.995"
    );
    assert!(
        hit_recall >= 0.98,
        "index hit recall {hit_recall:.4} below 0.98"
    );
    assert!(
        screen_recall >= 0.995,
        "screening recall {screen_recall:.4} below 0.995"
    );
}
