//! The screening engine: list entities with their provenance, prepared
//! once and indexed; queries are retrieved, scored and explained.

use meldpunt_model::{Entity, Schema};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::explain::Feature;
use crate::index::{Candidate, CandidateIndex, DEFAULT_CANDIDATES};
use crate::prepare::PreparedEntity;
use crate::score::prefilter::Prefilter;
use crate::score::{
    algorithm_version, intern, may_reach, name_bar, score, CeilingScratch, CeilingWords,
    MatchScore, ScoreBuffer, ScoringConfig,
};

/// A list entity and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    pub entity: Entity,
    /// The source (list) name, e.g. "ofac-sdn".
    pub source: String,
    /// The store's version id of the list the entity was read from.
    pub version_id: String,
}

/// What a screening call returns and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreenOptions {
    /// Minimum score of a hit; the scoring config's threshold when `None`.
    pub threshold: Option<f32>,
    /// Most hits returned.
    pub limit: usize,
    /// Only list entities of these schemata, when given.
    pub schemas: Option<Vec<Schema>>,
    /// Candidates retrieved from the index and scored in full.
    pub candidates: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: None,
            limit: 10,
            schemas: None,
            candidates: DEFAULT_CANDIDATES,
        }
    }
}

/// One list entity that matched a query, with everything needed to
/// replay and audit the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub entity_id: String,
    pub caption: String,
    pub schema: Schema,
    pub source: String,
    pub version_id: String,
    pub score: f32,
    pub is_match: bool,
    pub query_name: Option<String>,
    pub matched_name: Option<String>,
    pub authority: Option<String>,
    pub program: Option<String>,
    pub listing_date: Option<String>,
    pub features: Vec<Feature>,
    /// Scoring and normalisation versions, e.g. "meldpunt-match-3+norm-3".
    pub algorithm_version: String,
}

#[derive(Debug)]
struct Stored {
    prepared: PreparedEntity,
    ceiling: CeilingWords,
    caption: String,
    source: String,
    version_id: String,
    authority: Option<String>,
    program: Option<String>,
    listing_date: Option<String>,
}

impl Stored {
    fn new(entry: ListEntry, config: &ScoringConfig) -> Stored {
        let sanction = entry.entity.sanctions.first();
        let prepared = PreparedEntity::new(&entry.entity);
        Stored {
            ceiling: CeilingWords::new(&prepared, config),
            prepared,
            caption: entry.entity.caption().to_string(),
            authority: sanction
                .map(|s| s.authority.clone())
                .filter(|a| !a.is_empty()),
            program: sanction.and_then(|s| s.program.clone()),
            listing_date: sanction.and_then(|s| s.listing_date).map(|d| d.to_string()),
            source: entry.source,
            version_id: entry.version_id,
        }
    }
}

/// The best `limit` scores so far, for the bar a further hit must reach.
struct TopScores {
    limit: usize,
    threshold: f32,
    /// Ascending, at most `limit` long.
    scores: Vec<f32>,
}

impl TopScores {
    fn new(limit: usize, threshold: f32) -> TopScores {
        TopScores {
            limit,
            threshold,
            scores: Vec::new(),
        }
    }

    /// The threshold, or the lowest of `limit` hits once there are that
    /// many: a candidate scoring below it cannot be returned.
    fn bar(&self) -> f32 {
        match self.scores.first() {
            Some(&lowest) if self.scores.len() >= self.limit => lowest.max(self.threshold),
            _ => self.threshold,
        }
    }

    fn push(&mut self, score: f32) {
        let at = self.scores.partition_point(|s| *s < score);
        self.scores.insert(at, score);
        if self.scores.len() > self.limit {
            self.scores.remove(0);
        }
    }
}

thread_local! {
    static CEILING: std::cell::RefCell<CeilingScratch> = std::cell::RefCell::default();
}

/// Prepared list entities and their index. `Sync`: share one across
/// threads and screen queries in parallel.
#[derive(Debug)]
pub struct Screener {
    entries: Vec<Stored>,
    index: CandidateIndex,
    prefilter: Prefilter,
    config: ScoringConfig,
    version: String,
}

impl Screener {
    /// Prepares (in parallel) and indexes list entities. Relations
    /// (ownership, directorship…) carry no names and are left out.
    pub fn new(entries: Vec<ListEntry>, config: ScoringConfig) -> Screener {
        let mut entries: Vec<Stored> = entries
            .into_par_iter()
            .filter(|e| !e.entity.schema.is_relation())
            .map(|e| Stored::new(e, &config))
            .collect();
        intern(entries.iter_mut().map(|e| &mut e.ceiling));
        let prepared: Vec<&PreparedEntity> = entries.iter().map(|e| &e.prepared).collect();
        let index = CandidateIndex::build(prepared.iter().copied());
        let prefilter = Prefilter::build(prepared.iter().copied(), &config);
        Screener {
            entries,
            index,
            prefilter,
            config,
            version: algorithm_version(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn config(&self) -> &ScoringConfig {
        &self.config
    }

    pub fn index(&self) -> &CandidateIndex {
        &self.index
    }

    #[cfg(test)]
    pub(crate) fn prefilter(&self) -> &Prefilter {
        &self.prefilter
    }

    /// The list entities (by position) the prefilter leaves to score for
    /// a query, with their bounds (identifier matches aside), or `None`
    /// when it cannot decide and screening falls back to ranked retrieval.
    pub fn prefiltered(
        &self,
        query: &PreparedEntity,
        options: &ScreenOptions,
    ) -> Option<Vec<(u32, f32)>> {
        let threshold = options.threshold.unwrap_or(self.config.threshold);
        self.prefilter
            .entities(query, threshold)
            .map(|kept| kept.entities)
    }

    /// The prepared list entity at `position` (as numbered by the index).
    pub fn prepared(&self, position: usize) -> Option<&PreparedEntity> {
        self.entries.get(position).map(|e| &e.prepared)
    }

    /// Screens one query entity: hits at or above the threshold, best
    /// first, at most `options.limit`.
    pub fn screen(&self, query: &Entity, options: &ScreenOptions) -> Vec<Hit> {
        self.screen_prepared(&PreparedEntity::new(query), options)
    }

    pub fn screen_prepared(&self, query: &PreparedEntity, options: &ScreenOptions) -> Vec<Hit> {
        CEILING.with(|cell| match cell.try_borrow_mut() {
            Ok(mut ceiling) => self.screen_with(query, options, &mut ceiling),
            Err(_) => self.screen_with(query, options, &mut CeilingScratch::default()),
        })
    }

    fn screen_with(
        &self,
        query: &PreparedEntity,
        options: &ScreenOptions,
        ceiling: &mut CeilingScratch,
    ) -> Vec<Hit> {
        let threshold = options.threshold.unwrap_or(self.config.threshold);
        // Every entity whose names may reach the threshold, best bound
        // first (so the bar rises early), with the name pairs that may,
        // and those sharing an identifier; ranked retrieval when the
        // bound cannot decide.
        let kept = self.prefilter.entities(query, threshold);
        let candidates: Vec<u32> = match &kept {
            Some(kept) => {
                let mut out: Vec<u32> = kept.entities.iter().map(|&(e, _)| e).collect();
                for e in self.index.identifier_hits(query) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
                out
            }
            None => self
                .index
                .candidates(query, options.candidates.max(options.limit))
                .into_iter()
                .map(|c| c.entity)
                .collect(),
        };
        // Ceilings first, numbers for candidates that may reach the
        // threshold, explanations only for the hits returned.
        let mut query_words: Option<CeilingWords> = None;
        let mut pair_ceilings: Vec<f32> = Vec::new();
        let mut buffer = ScoreBuffer::default();
        let mut scored: Vec<(f32, &Stored)> = Vec::new();
        // Once `limit` hits are in hand, a candidate must reach the
        // lowest of them: the bar rises and ceilings prune more.
        let mut best = TopScores::new(options.limit, threshold);
        for (id, e) in candidates
            .into_iter()
            .filter_map(|c| Some((c, self.entries.get(c as usize)?)))
        {
            if let Some(schemas) = &options.schemas {
                if !schemas.contains(&e.prepared.schema) {
                    continue;
                }
            }
            let bar = best.bar();
            let shared_id = query
                .identifiers
                .iter()
                .any(|i| e.prepared.identifiers.contains(i));
            let value = match kept.as_ref().filter(|k| !shared_id && k.holds(id)) {
                // The prefilter's name-pair bounds are the ceilings (an
                // identifier lifts a weak name: those go the long way).
                Some(kept) => {
                    let (nq, nc) = (query.names.len(), e.prepared.names.len());
                    kept.ceilings(id, nq, nc, &mut pair_ceilings);
                    let needed = name_bar(query, &e.prepared, bar, &self.config);
                    if pair_ceilings.iter().all(|&c| c < needed) {
                        continue;
                    }
                    let pruning = Some((pair_ceilings.as_slice(), needed));
                    buffer.score_value_within(query, &e.prepared, &self.config, pruning)
                }
                None => {
                    let words =
                        query_words.get_or_insert_with(|| CeilingWords::new(query, &self.config));
                    let reach = may_reach(
                        (query, words),
                        (&e.prepared, &e.ceiling),
                        bar,
                        &self.config,
                        ceiling,
                    );
                    if !reach {
                        continue;
                    }
                    buffer.score_value_pruned(query, &e.prepared, &self.config, ceiling)
                }
            };
            if value >= bar {
                best.push(value);
                scored.push((value, e));
            }
        }
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.prepared.id.cmp(&b.1.prepared.id))
        });
        scored.truncate(options.limit);
        scored
            .into_iter()
            .map(|(_, e)| self.hit(e, buffer.score(query, &e.prepared, &self.config)))
            .collect()
    }

    /// Candidates the index retrieves for a query (for recall checks).
    pub fn candidates(&self, query: &PreparedEntity, limit: usize) -> Vec<Candidate> {
        self.index.candidates(query, limit)
    }

    /// Scores a query against every list entity, without the index: the
    /// reference that retrieval recall is measured against.
    pub fn score_exhaustive(&self, query: &PreparedEntity) -> Vec<(usize, MatchScore)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i, score(query, &e.prepared, &self.config)))
            .collect()
    }

    fn hit(&self, e: &Stored, result: MatchScore) -> Hit {
        Hit {
            entity_id: e.prepared.id.clone(),
            caption: e.caption.clone(),
            schema: e.prepared.schema,
            source: e.source.clone(),
            version_id: e.version_id.clone(),
            score: result.score,
            is_match: result.is_match,
            query_name: result.query_name,
            matched_name: result.matched_name,
            authority: e.authority.clone(),
            program: e.program.clone(),
            listing_date: e.listing_date.clone(),
            features: result.features,
            algorithm_version: self.version.clone(),
        }
    }
}
