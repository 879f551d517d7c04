//! Recall against exhaustive scoring, as tests/recall.rs measures it: of
//! the hits a caller is shown (at or above the threshold and the 10th
//! best exhaustive score), the share the index retrieves, and the share
//! screening returns (index, ceilings and all).

use meldpunt_screening::{PreparedEntity, ScreenOptions, Screener};
use rayon::prelude::*;
use std::time::Instant;

/// Hits a caller is shown by default.
const SHOWN: usize = 10;

pub fn report(screener: &Screener, queries: &[PreparedEntity], options: &ScreenOptions) {
    let threshold = screener.config().threshold;
    let start = Instant::now();
    let results: Vec<[usize; 3]> = queries
        .par_iter()
        .map(|q| {
            let mut exhaustive: Vec<(usize, f32)> = screener
                .score_exhaustive(q)
                .into_iter()
                .filter(|(_, s)| s.score >= threshold)
                .map(|(i, s)| (i, s.score))
                .collect();
            exhaustive.sort_by(|a, b| b.1.total_cmp(&a.1));
            let tenth = exhaustive.get(SHOWN - 1).map_or(threshold, |e| e.1);
            let shown: Vec<usize> = exhaustive
                .iter()
                .filter(|e| e.1 >= tenth)
                .map(|e| e.0)
                .collect();
            let retrieved: Vec<u32> = screener
                .candidates(q, options.candidates)
                .into_iter()
                .map(|c| c.entity)
                .collect();
            let found = shown
                .iter()
                .filter(|i| retrieved.contains(&(**i as u32)))
                .count();
            if std::env::var("MELDPUNT_RECALL_DEBUG").is_ok() {
                let all = screener.candidates(q, usize::MAX);
                for &i in shown.iter().filter(|i| !retrieved.contains(&(**i as u32))) {
                    let rank = all.iter().position(|c| c.entity as usize == i);
                    let name = |e: &PreparedEntity| e.names.first().map(|n| n.original.clone());
                    eprintln!(
                        "  missed {:?} -> {:?} rank {rank:?} of {} prelim {:?}",
                        name(q),
                        screener.prepared(i).and_then(name),
                        all.len(),
                        rank.map(|r| all[r].prelim)
                    );
                }
            }
            let screen_options = ScreenOptions {
                limit: shown.len(),
                ..options.clone()
            };
            let screened: Vec<String> = screener
                .screen_prepared(q, &screen_options)
                .into_iter()
                .map(|h| h.entity_id)
                .collect();
            let returned = shown
                .iter()
                .filter_map(|i| screener.prepared(*i))
                .filter(|e| screened.contains(&e.id))
                .count();
            [shown.len(), found, returned]
        })
        .collect();
    let sum = |k: usize| results.iter().map(|r| r[k]).sum::<usize>();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (shown, found, returned) = (sum(0), sum(1), sum(2));
    println!(
        "recall on {} queries (half perturbed list names): index at K={} {:.4} ({found}/{shown}), screening {:.4} ({returned}/{shown}); exhaustive scoring took {:.1?}",
        queries.len(),
        options.candidates,
        ratio(found, shown),
        ratio(returned, shown),
        start.elapsed()
    );
}
