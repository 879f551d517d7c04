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
pub const DEFAULT_CANDIDATES: usize = 300;

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
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.candidates_with(query, limit, &mut scratch),
            Err(_) => self.candidates_with(query, limit, &mut Scratch::default()),
        })
    }

    fn candidates_with(
        &self,
        query: &PreparedEntity,
        limit: usize,
        scratch: &mut Scratch,
    ) -> Vec<Candidate> {
        let mut scores: FxHashMap<u32, f32> = FxHashMap::default();
        for name in &query.names {
            for rendering in &name.renderings {
                self.rendering_scores(rendering, scratch, |name_id, prelim| {
                    let Some(&(entity, _)) = self.names.get(name_id as usize) else {
                        return;
                    };
                    let best = scores.entry(entity).or_default();
                    *best = best.max(prelim);
                });
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
        let by_prelim = |a: &Candidate, b: &Candidate| {
            b.prelim.total_cmp(&a.prelim).then(a.entity.cmp(&b.entity))
        };
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, by_prelim);
            out.truncate(limit);
        }
        out.sort_by(by_prelim);
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

    /// Entities sharing an identifier with the query.
    pub fn identifier_hits(&self, query: &PreparedEntity) -> Vec<u32> {
        let mut out: Vec<u32> = query
            .identifiers
            .iter()
            .flat_map(|key| self.identifiers.get(key).into_iter().flatten().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Preliminary scores of list names for one query rendering: the
    /// weighted share of query words found, with list words left over
    /// costing a little, as in full scoring. Calls `emit` per name.
    fn rendering_scores(
        &self,
        rendering: &Rendering,
        scratch: &mut Scratch,
        mut emit: impl FnMut(u32, f32),
    ) {
        let (words, spans, compact) = query_units(rendering);
        let total: f32 = words.iter().map(|u| u.2).sum();
        if total <= 0.0 {
            return;
        }
        scratch.reset_names(self.names.len());
        let width = words.len();
        // Best similarity per (list name, query word); a merge span
        // credits each word it covers.
        let credit = |scratch: &mut Scratch, covered: &[usize]| {
            let Scratch {
                word_sim,
                word_touched,
                name_slot,
                name_touched,
                slots,
                ..
            } = scratch;
            for &id in word_touched.iter() {
                let sim = word_sim[id as usize];
                for &name_id in &self.postings[id as usize] {
                    let slot = &mut name_slot[name_id as usize];
                    if *slot == u32::MAX {
                        *slot = u32::try_from(slots.len()).unwrap_or(u32::MAX);
                        slots.resize(slots.len() + width, 0.0);
                        name_touched.push(name_id);
                    }
                    let base = *slot as usize;
                    for &k in covered {
                        if let Some(v) = slots.get_mut(base + k) {
                            *v = v.max(sim);
                        }
                    }
                }
            }
        };
        for (k, (text, skeleton, _)) in words.iter().enumerate() {
            self.word_matches(text, skeleton, scratch);
            credit(scratch, &[k]);
        }
        for (text, skeleton, covered) in &spans {
            self.word_matches(text, skeleton, scratch);
            credit(scratch, covered);
        }
        let all: Vec<usize> = (0..width).collect();
        if let Some((text, skeleton)) = &compact {
            self.word_matches(text, skeleton, scratch);
            credit(scratch, &all);
        }
        for &name_id in &scratch.name_touched {
            let base = scratch.name_slot[name_id as usize] as usize;
            let Some(sims) = scratch.slots.get(base..base + width) else {
                continue;
            };
            let matched: f32 = sims.iter().zip(&words).map(|(s, w)| s * w.2).sum();
            let listed = self.names.get(name_id as usize).map_or(0.0, |n| n.1);
            let leftover = (listed - matched).max(0.0);
            emit(name_id, matched / (total + LEFTOVER_COST * leftover));
        }
    }

    /// List words like `text`, with their best similarity, into the
    /// scratch's word table (`word_touched` lists them).
    fn word_matches(&self, text: &str, skeleton: &str, scratch: &mut Scratch) {
        scratch.reset_words(self.postings.len());
        let Scratch {
            word_sim,
            word_touched,
            shared,
            shared_touched,
            grams,
            ..
        } = scratch;
        let mut raise = |id: u32, sim: f32| {
            let Some(v) = word_sim.get_mut(id as usize) else {
                return;
            };
            if *v < 0.0 {
                *v = sim;
                word_touched.push(id);
            } else {
                *v = v.max(sim);
            }
        };
        if let Some(&id) = self.words.get(text) {
            raise(id, 1.0);
        }
        for &id in self.skeletons.get(skeleton).into_iter().flatten() {
            raise(id, SKELETON_CREDIT);
        }
        trigrams_into(text, grams);
        grams.sort_unstable();
        grams.dedup();
        for g in grams.iter() {
            for &id in self.trigrams.get(g).into_iter().flatten() {
                if let Some(count) = shared.get_mut(id as usize) {
                    if *count == 0 {
                        shared_touched.push(id);
                    }
                    *count += 1;
                }
            }
        }
        let own = grams.len() as f32;
        for &id in shared_touched.iter() {
            let count = shared[id as usize];
            let other = f32::from(self.word_lengths[id as usize]) + 2.0;
            let dice = 2.0 * f32::from(count) / (own + other);
            if dice >= MIN_DICE {
                raise(id, edit_sim_hint(dice));
            }
        }
    }
}

/// Per-thread buffers of retrieval, sized to the index and reset by
/// their touched lists, so a query allocates little.
#[derive(Debug, Default)]
struct Scratch {
    /// Word id → best similarity to the current query word; −1 unset.
    word_sim: Vec<f32>,
    word_touched: Vec<u32>,
    /// Word id → trigrams shared with the current query word.
    shared: Vec<u16>,
    shared_touched: Vec<u32>,
    grams: Vec<u32>,
    /// Name id → offset of its similarity slots; `u32::MAX` unset.
    name_slot: Vec<u32>,
    name_touched: Vec<u32>,
    slots: Vec<f32>,
}

impl Scratch {
    fn reset_words(&mut self, words: usize) {
        if self.word_sim.len() != words {
            self.word_sim = vec![-1.0; words];
            self.shared = vec![0; words];
        } else {
            for &id in &self.word_touched {
                self.word_sim[id as usize] = -1.0;
            }
            for &id in &self.shared_touched {
                self.shared[id as usize] = 0;
            }
        }
        self.word_touched.clear();
        self.shared_touched.clear();
    }

    fn reset_names(&mut self, names: usize) {
        if self.name_slot.len() != names {
            self.name_slot = vec![u32::MAX; names];
        } else {
            for &id in &self.name_touched {
                self.name_slot[id as usize] = u32::MAX;
            }
        }
        self.name_touched.clear();
        self.slots.clear();
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
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

/// Padded byte trigrams, hashed into u32, into `out`.
fn trigrams_into(text: &str, out: &mut Vec<u32>) {
    out.clear();
    let bytes = text.as_bytes();
    let at = |i: usize| -> u32 {
        if i == 0 || i > bytes.len() {
            u32::from(b' ')
        } else {
            u32::from(bytes[i - 1])
        }
    };
    for i in 0..bytes.len() {
        out.push(at(i) << 16 | at(i + 1) << 8 | at(i + 2));
    }
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
