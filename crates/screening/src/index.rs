//! Candidate retrieval sub-linear in list size: an inverted index from
//! word skeletons and character trigrams to the list's distinct words,
//! from words to the entities that use them, and from identifiers to
//! entities. A query touches only the postings of its own words.

use meldpunt_model::IdKind;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::skeleton;
use crate::prepare::{PreparedEntity, PreparedName, Rendering};

/// Trigram overlap (Dice) at which a list word becomes a candidate for
/// a query word: low enough to keep two-typo and transliteration
/// variants, high enough to skip most of the vocabulary.
const MIN_DICE: f32 = 0.25;
/// Similarity credited to a word that shares the query word's skeleton.
const SKELETON_CREDIT: f32 = 0.9;

/// What a list word the query does not mention costs, as in scoring.
const LEFTOVER_COST: f32 = 0.1;

/// Default number of candidates returned per query.
pub const DEFAULT_CANDIDATES: usize = 200;

#[derive(Debug, Default)]
pub struct CandidateIndex {
    words: FxHashMap<String, u32>,
    word_lengths: Vec<u16>,
    /// Word id → ids of the list names using it.
    postings: Vec<Vec<u32>>,
    /// Name id → (entity index, informative weight of the name).
    names: Vec<(u32, f32)>,
    skeletons: FxHashMap<String, Vec<u32>>,
    trigrams: FxHashMap<u32, Vec<u32>>,
    identifiers: FxHashMap<(IdKind, String), Vec<u32>>,
}

/// One retrieved entity and its preliminary score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub entity: u32,
    pub prelim: f32,
    pub identifier_hit: bool,
}

impl CandidateIndex {
    pub fn build<'a>(entities: impl IntoIterator<Item = &'a PreparedEntity>) -> CandidateIndex {
        let mut index = CandidateIndex::default();
        for (i, entity) in entities.into_iter().enumerate() {
            let id = u32::try_from(i).unwrap_or(u32::MAX);
            for name in &entity.names {
                let name_id = u32::try_from(index.names.len()).unwrap_or(u32::MAX);
                index.names.push((id, name_weight(name)));
                for (text, skeleton) in name_words(name) {
                    let w = index.word_id(&text, &skeleton);
                    let posting = &mut index.postings[w as usize];
                    if posting.last() != Some(&name_id) {
                        posting.push(name_id);
                    }
                }
            }
            for key in &entity.identifiers {
                let posting = index.identifiers.entry(key.clone()).or_default();
                if posting.last() != Some(&id) {
                    posting.push(id);
                }
            }
        }
        index
    }

    fn word_id(&mut self, text: &str, skeleton: &str) -> u32 {
        if let Some(id) = self.words.get(text) {
            return *id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.words.insert(text.to_string(), id);
        self.word_lengths
            .push(u16::try_from(text.len()).unwrap_or(u16::MAX));
        self.postings.push(Vec::new());
        self.skeletons
            .entry(skeleton.to_string())
            .or_default()
            .push(id);
        let mut grams = trigrams(text);
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            self.trigrams.entry(g).or_default().push(id);
        }
        id
    }

    pub fn word_count(&self) -> usize {
        self.postings.len()
    }

    /// The `limit` best candidates for a query by preliminary score, plus
    /// every entity sharing an identifier with it.
    pub fn candidates(&self, query: &PreparedEntity, limit: usize) -> Vec<Candidate> {
        let mut scores: FxHashMap<u32, f32> = FxHashMap::default();
        for name in &query.names {
            for rendering in &name.renderings {
                for (name_id, prelim) in self.rendering_scores(rendering) {
                    let Some(&(entity, _)) = self.names.get(name_id as usize) else {
                        continue;
                    };
                    let best = scores.entry(entity).or_default();
                    *best = best.max(prelim);
                }
            }
        }
        let mut out: Vec<Candidate> = scores
            .into_iter()
            .map(|(entity, prelim)| Candidate {
                entity,
                prelim,
                identifier_hit: false,
            })
            .collect();
        out.sort_by(|a, b| b.prelim.total_cmp(&a.prelim).then(a.entity.cmp(&b.entity)));
        out.truncate(limit);
        for key in &query.identifiers {
            for &entity in self.identifiers.get(key).into_iter().flatten() {
                match out.iter_mut().find(|c| c.entity == entity) {
                    Some(c) => c.identifier_hit = true,
                    None => out.push(Candidate {
                        entity,
                        prelim: 0.0,
                        identifier_hit: true,
                    }),
                }
            }
        }
        out
    }

    /// Preliminary scores of list names for one query rendering: the
    /// weighted share of query words found, with list words left over
    /// costing a little, as in full scoring.
    fn rendering_scores(&self, rendering: &Rendering) -> FxHashMap<u32, f32> {
        let (words, spans, compact) = query_units(rendering);
        let total: f32 = words.iter().map(|u| u.2).sum();
        if total <= 0.0 {
            return FxHashMap::default();
        }
        // Best similarity per (list name, query word); a merge span
        // credits each word it covers.
        let mut best: FxHashMap<u32, Vec<f32>> = FxHashMap::default();
        let mut credit = |name_id: u32, covered: &[usize], sim: f32| {
            let slots = best
                .entry(name_id)
                .or_insert_with(|| vec![0.0; words.len()]);
            for &k in covered {
                if let Some(slot) = slots.get_mut(k) {
                    *slot = slot.max(sim);
                }
            }
        };
        for (k, (text, skeleton, _)) in words.iter().enumerate() {
            for (name_id, sim) in self.word_matches(text, skeleton) {
                credit(name_id, &[k], sim);
            }
        }
        for (text, skeleton, covered) in &spans {
            for (name_id, sim) in self.word_matches(text, skeleton) {
                credit(name_id, covered, sim);
            }
        }
        let all: Vec<usize> = (0..words.len()).collect();
        if let Some((text, skeleton)) = &compact {
            for (name_id, sim) in self.word_matches(text, skeleton) {
                credit(name_id, &all, sim);
            }
        }
        best.into_iter()
            .map(|(name_id, sims)| {
                let matched: f32 = sims.iter().zip(&words).map(|(s, w)| s * w.2).sum();
                let listed = self.names.get(name_id as usize).map_or(0.0, |n| n.1);
                let leftover = (listed - matched).max(0.0);
                (name_id, matched / (total + LEFTOVER_COST * leftover))
            })
            .collect()
    }

    /// List names holding a word like `text`, with the best similarity
    /// per name.
    fn word_matches(&self, text: &str, skeleton: &str) -> FxHashMap<u32, f32> {
        let mut words: FxHashMap<u32, f32> = FxHashMap::default();
        if let Some(&id) = self.words.get(text) {
            words.insert(id, 1.0);
        }
        for &id in self.skeletons.get(skeleton).into_iter().flatten() {
            let e = words.entry(id).or_default();
            *e = e.max(SKELETON_CREDIT);
        }
        let mut grams = trigrams(text);
        grams.sort_unstable();
        grams.dedup();
        let mut shared: FxHashMap<u32, u16> = FxHashMap::default();
        for g in &grams {
            for &id in self.trigrams.get(g).into_iter().flatten() {
                *shared.entry(id).or_default() += 1;
            }
        }
        let own = grams.len() as f32;
        for (id, count) in shared {
            let other = f32::from(self.word_lengths[id as usize]) + 2.0;
            let dice = 2.0 * f32::from(count) / (own + other);
            if dice >= MIN_DICE {
                let e = words.entry(id).or_default();
                *e = e.max(edit_sim_hint(dice));
            }
        }
        let mut names: FxHashMap<u32, f32> = FxHashMap::default();
        for (id, sim) in words {
            for &name_id in &self.postings[id as usize] {
                let e = names.entry(name_id).or_default();
                *e = e.max(sim);
            }
        }
        names
    }
}

/// Dice understates typo similarity on short words (one edit in "putin"
/// breaks three of seven trigrams); lift it towards the edit similarity
/// it usually implies.
fn edit_sim_hint(dice: f32) -> f32 {
    (dice + 0.2).min(1.0)
}

type Unit = (String, String, f32);
type SpanUnit = (String, String, Vec<usize>);

/// Words a rendering is found by, each with its weight; merge spans
/// with the words they cover; and the whole name glued together, for
/// merged and split spellings.
fn query_units(rendering: &Rendering) -> (Vec<Unit>, Vec<SpanUnit>, Option<(String, String)>) {
    let informative = rendering.tokens.iter().any(|t| t.role.is_informative());
    let kept: Vec<usize> = (0..rendering.tokens.len())
        .filter(|&i| !informative || rendering.tokens[i].role.is_informative())
        .collect();
    let words: Vec<Unit> = kept
        .iter()
        .map(|&i| &rendering.tokens[i])
        .map(|t| (t.text.clone(), t.skeleton.clone(), t.weight.max(0.05)))
        .collect();
    let spans = rendering
        .spans
        .iter()
        .map(|s| {
            let covered = kept
                .iter()
                .enumerate()
                .filter(|(_, &i)| i >= s.start && i < s.start + s.len)
                .map(|(k, _)| k)
                .collect();
            (s.text.clone(), s.skeleton.clone(), covered)
        })
        .collect();
    let compact = (rendering.tokens.len() > 1)
        .then(|| (rendering.compact.clone(), skeleton(&rendering.compact)));
    (words, spans, compact)
}

/// Informative weight of a list name's primary rendering.
fn name_weight(name: &PreparedName) -> f32 {
    name.primary().map_or(0.0, |r| {
        r.tokens
            .iter()
            .filter(|t| t.role.is_informative())
            .map(|t| t.weight)
            .sum()
    })
}

/// Every word of a list name to index, with its skeleton: the tokens of
/// all renderings and each rendering glued whole ("alisherusmanov").
fn name_words(name: &PreparedName) -> Vec<(String, String)> {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut out = Vec::new();
    for r in &name.renderings {
        let compact = (r.tokens.len() > 1).then(|| (r.compact.clone(), skeleton(&r.compact)));
        let words = r
            .tokens
            .iter()
            .map(|t| (t.text.clone(), t.skeleton.clone()))
            .chain(compact);
        for (text, skeleton) in words {
            if seen.insert(text.clone()) {
                out.push((text, skeleton));
            }
        }
    }
    out
}

/// Padded byte trigrams, hashed into u32.
fn trigrams(text: &str) -> Vec<u32> {
    let mut padded = Vec::with_capacity(text.len() + 2);
    padded.push(b' ');
    padded.extend_from_slice(text.as_bytes());
    padded.push(b' ');
    padded
        .windows(3)
        .map(|w| u32::from(w[0]) << 16 | u32::from(w[1]) << 8 | u32::from(w[2]))
        .collect()
}
