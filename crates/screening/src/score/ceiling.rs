//! A cheap ceiling of a pair's score: screening scores a candidate in
//! full only when its ceiling reaches the threshold, so that the many
//! candidates retrieved for a common name cost a few comparisons of
//! precomputed word data instead of a full alignment.
//!
//! The ceiling holds because the name score is `num / den`, with
//! `num = Σ effective(sim) × weight` over aligned pairs and `den = Σ
//! weight + costs of unmatched words`. With `u` the best similarity any
//! pairing of a word could reach, `num ≤ N = Σ u × weight / 2` over
//! both sides, and `den ≥ num + M`, where `M` are the costs of words no
//! pairing can reach; `num / den ≤ N / (N + M)`. Word similarities are
//! bounded from above by [`word_sim_ceiling`], which ignores roles.

use crate::normalize::{PartRole, Token};
use crate::prepare::{PreparedEntity, Rendering};

use super::name::MIN_MERGE_SIM;
use super::token::{word_sim_ceiling, Word};
use super::{effective, ScoringConfig};

/// Rounding of features moves a score by at most 1e-4 per feature.
const ROUNDING_MARGIN: f32 = 1e-3;

#[derive(Debug, Clone)]
struct CeilWord {
    text: Box<str>,
    skeleton: Box<str>,
    chars: u32,
    text_mask: u64,
    skel_mask: u64,
    /// Used as a numeral or legal form somewhere: compared by value,
    /// not by spelling.
    special: bool,
    /// Used as a token somewhere; otherwise only as a merge span, which
    /// pairs only with tokens and only from [`MIN_MERGE_SIM`] on.
    token: bool,
    /// Half the largest weight of the word as a token, and the most
    /// times one rendering has it: what [`union_ceiling`] needs.
    half_weight: f32,
    count: u8,
}

#[derive(Debug, Clone)]
struct CeilToken {
    word: u16,
    weight: f32,
    /// What the word costs when unmatched, on the query side and on the
    /// candidate side (0 for a repeated word).
    query_cost: f32,
    candidate_cost: f32,
}

#[derive(Debug, Clone)]
struct CeilRendering {
    tokens: Vec<CeilToken>,
    /// (first token, token count, word) of each merge span.
    spans: Vec<(u8, u8, u16)>,
}

#[derive(Debug, Clone)]
struct CeilName {
    /// Distinct words (tokens and spans) of all renderings.
    words: Vec<u16>,
    renderings: Vec<CeilRendering>,
}

/// The word data of an entity's names that the ceiling needs, built
/// once per list entity and once per query.
#[derive(Debug, Clone, Default)]
pub struct CeilingWords {
    words: Vec<CeilWord>,
    names: Vec<CeilName>,
    /// False when the entity has more distinct words than fit in u16:
    /// such an entity is always scored in full.
    usable: bool,
    /// Per word, its id in a shared vocabulary ([`intern`]); empty when
    /// not interned. Lets one query reuse a word's similarities across
    /// the many candidates that share it.
    global: Vec<u32>,
    /// Tells queries apart, so that a scratch never reuses similarities
    /// computed for another query.
    id: u64,
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Interns the words of list entities into one vocabulary: afterwards
/// a query computes each word's similarities once, not per candidate.
pub fn intern<'a>(tables: impl IntoIterator<Item = &'a mut CeilingWords>) {
    let mut vocabulary: rustc_hash::FxHashMap<(Box<str>, Box<str>, bool, bool), u32> =
        rustc_hash::FxHashMap::default();
    for table in tables {
        table.global = table
            .words
            .iter()
            .map(|w| {
                let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
                *vocabulary
                    .entry((w.text.clone(), w.skeleton.clone(), w.special, w.token))
                    .or_insert(next)
            })
            .collect();
    }
}

impl CeilingWords {
    pub fn new(entity: &PreparedEntity, cfg: &ScoringConfig) -> CeilingWords {
        let mut table = CeilingWords {
            usable: true,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..CeilingWords::default()
        };
        for name in &entity.names {
            let mut words = Vec::new();
            let mut renderings = Vec::with_capacity(name.renderings.len());
            for r in &name.renderings {
                renderings.push(table.rendering(r, cfg, &mut words));
            }
            words.sort_unstable();
            words.dedup();
            table.names.push(CeilName { words, renderings });
        }
        table
    }

    fn rendering(
        &mut self,
        r: &Rendering,
        cfg: &ScoringConfig,
        seen: &mut Vec<u16>,
    ) -> CeilRendering {
        let tokens = r
            .tokens
            .iter()
            .map(|t| {
                let word = self.word_id(&t.text, &t.skeleton, t.role, true);
                seen.push(word);
                let weight = token_weight(t, cfg);
                let repeated = r.tokens.iter().filter(|o| o.text == t.text).count() > 1;
                let optional = matches!(t.role, PartRole::Middle | PartRole::Patronymic);
                // An unmatched numeral costs nothing: it caps the score.
                let (query_cost, candidate_cost) = if repeated || t.role == PartRole::Number {
                    (0.0, 0.0)
                } else if optional {
                    (weight * cfg.optional_miss_weight, 0.0)
                } else {
                    (
                        weight * cfg.query_miss_weight,
                        weight * cfg.candidate_miss_weight.min(cfg.substitution_weight),
                    )
                };
                CeilToken {
                    word,
                    weight,
                    query_cost,
                    candidate_cost,
                }
            })
            .collect();
        let spans = r
            .spans
            .iter()
            .map(|s| {
                let word = self.word_id(&s.text, &s.skeleton, PartRole::Unknown, false);
                seen.push(word);
                let start = u8::try_from(s.start).unwrap_or(u8::MAX);
                let len = u8::try_from(s.len).unwrap_or(0);
                (start, len, word)
            })
            .collect();
        let tokens: Vec<CeilToken> = tokens;
        for t in &tokens {
            let count = tokens.iter().filter(|o| o.word == t.word).count();
            if let Some(w) = self.words.get_mut(t.word as usize) {
                w.half_weight = w.half_weight.max(t.weight / 2.0);
                w.count = w.count.max(u8::try_from(count).unwrap_or(u8::MAX));
            }
        }
        CeilRendering { tokens, spans }
    }

    fn word_id(&mut self, text: &str, skeleton: &str, role: PartRole, token: bool) -> u16 {
        let special = matches!(role, PartRole::Number | PartRole::LegalForm);
        if let Some(i) = self
            .words
            .iter()
            .position(|w| &*w.text == text && &*w.skeleton == skeleton)
        {
            if let Some(w) = self.words.get_mut(i) {
                w.special |= special;
                w.token |= token;
            }
            return u16::try_from(i).unwrap_or(0);
        }
        let Ok(id) = u16::try_from(self.words.len()) else {
            self.usable = false;
            return 0;
        };
        let meta = crate::prepare::WordMeta::new(text, skeleton);
        self.words.push(CeilWord {
            text: text.into(),
            skeleton: skeleton.into(),
            chars: meta.chars,
            text_mask: meta.text_mask,
            skel_mask: meta.skel_mask,
            special,
            token,
            half_weight: 0.0,
            count: 0,
        });
        id
    }
}

fn token_weight(token: &Token, cfg: &ScoringConfig) -> f32 {
    if token.role == PartRole::Family {
        token.weight * cfg.family_weight
    } else {
        token.weight
    }
}

/// Whether a config keeps the ceiling sound: costs and effective
/// similarity must not go negative or rise faster than similarity.
pub(super) fn sound(cfg: &ScoringConfig) -> bool {
    [
        cfg.query_miss_weight,
        cfg.optional_miss_weight,
        cfg.candidate_miss_weight,
        cfg.substitution_weight,
        cfg.similarity_slope,
        cfg.family_weight,
        cfg.identifier_conflict,
        cfg.dob_near_miss_penalty,
        cfg.dob_day_penalty,
        cfg.dob_year_penalty,
        cfg.country_penalty,
        cfg.gender_penalty,
    ]
    .iter()
    .all(|v| *v >= 0.0)
}

/// Buffers of [`ceiling`], reused across candidates.
#[derive(Debug, Default)]
pub struct CeilingScratch {
    sims: Vec<f32>,
    query_best: Vec<f32>,
    candidate_best: Vec<f32>,
    choices: Vec<Choice>,
    /// Per pair of query and candidate name (row-major), its ceiling;
    /// empty when not computed.
    pairs: Vec<f32>,
    /// The name score a pair needs for the entity to reach the threshold.
    needed: f32,
    /// The query whose word similarities `memo` holds.
    memo_query: u64,
    /// Vocabulary id → offset of its similarities to the query's words
    /// in `memo`; `u32::MAX` when not computed yet.
    memo_slot: Vec<u32>,
    memo: Vec<f32>,
    memo_touched: Vec<u32>,
}

impl CeilingScratch {
    fn reset_memo(&mut self, query: u64) {
        if self.memo_query == query {
            return;
        }
        for &g in &self.memo_touched {
            if let Some(slot) = self.memo_slot.get_mut(g as usize) {
                *slot = u32::MAX;
            }
        }
        self.memo_touched.clear();
        self.memo.clear();
        self.memo_query = query;
    }

    /// The similarities of vocabulary word `g` (candidate word `w`) to
    /// every query word, computed on first use.
    fn memo_row(&mut self, q: &CeilingWords, g: u32, w: &CeilWord) -> usize {
        let g = g as usize;
        if g >= self.memo_slot.len() {
            self.memo_slot.resize(g + 1, u32::MAX);
        }
        let slot = self.memo_slot[g];
        if slot != u32::MAX {
            return slot as usize;
        }
        let offset = self.memo.len();
        let wb = word(w);
        for a in &q.words {
            self.memo.push(word_ceiling(a, &word(a), w, &wb));
        }
        self.memo_slot[g] = u32::try_from(offset).unwrap_or(u32::MAX);
        self.memo_touched.push(g as u32);
        offset
    }

    /// The name pairs worth comparing, for [`super::ScoreBuffer::score_value_pruned`].
    pub(crate) fn pruning(&self) -> Option<(&[f32], f32)> {
        (!self.pairs.is_empty()).then_some((self.pairs.as_slice(), self.needed))
    }
}

/// Whether `candidate` may score at least `threshold` for `query`;
/// `false` only when it certainly does not.
pub fn may_reach(
    query: (&PreparedEntity, &CeilingWords),
    candidate: (&PreparedEntity, &CeilingWords),
    threshold: f32,
    cfg: &ScoringConfig,
    scratch: &mut CeilingScratch,
) -> bool {
    let ((qe, qw), (ce, cw)) = (query, candidate);
    scratch.pairs.clear();
    if !qe.schema.is_compatible(ce.schema) {
        return threshold <= 0.0;
    }
    if !qw.usable || !cw.usable || !sound(cfg) {
        return true;
    }
    let shared_id = qe.identifiers.iter().any(|i| ce.identifiers.contains(i));
    if shared_id {
        return true;
    }
    scratch.needed = name_bar(qe, ce, threshold, cfg);
    let names = name_ceiling(qw, cw, cfg, scratch);
    names >= scratch.needed
}

/// The name score a pair needs for its score to reach `threshold`: the
/// facts may add the birth-date bonus, and rounding moves a score a
/// little.
pub(crate) fn name_bar(
    query: &PreparedEntity,
    candidate: &PreparedEntity,
    threshold: f32,
    cfg: &ScoringConfig,
) -> f32 {
    let dates = !query.birth_dates.is_empty() && !candidate.birth_dates.is_empty();
    let headroom = if dates {
        cfg.dob_match_bonus.max(0.0)
    } else {
        0.0
    };
    threshold - headroom - ROUNDING_MARGIN
}

/// The best name score any pair of names could reach.
fn name_ceiling(
    q: &CeilingWords,
    c: &CeilingWords,
    cfg: &ScoringConfig,
    s: &mut CeilingScratch,
) -> f32 {
    let (nq, nc) = (q.words.len(), c.words.len());
    s.sims.clear();
    s.sims.resize(nq * nc, 0.0);
    let memo = c.global.len() == nc;
    if memo {
        s.reset_memo(q.id);
    }
    for (b, w) in c.words.iter().enumerate() {
        if let (true, Some(&g)) = (memo, c.global.get(b)) {
            let offset = s.memo_row(q, g, w);
            for a in 0..nq {
                s.sims[a * nc + b] = s.memo[offset + a];
            }
        } else {
            let wb = word(w);
            for (a, qw) in q.words.iter().enumerate() {
                s.sims[a * nc + b] = word_ceiling(qw, &word(qw), w, &wb);
            }
        }
    }
    s.query_best.clear();
    s.query_best.resize(nq, 0.0);
    s.candidate_best.clear();
    s.candidate_best.resize(nc, 0.0);
    s.pairs.clear();
    // Entities with many names: one pass over the union of their words
    // first, which most rule out without comparing name by name.
    if c.names.len() >= UNION_FIRST {
        let union = union_ceiling(q, c, cfg, s);
        if union < s.needed {
            return union;
        }
    }
    let mut best = 0.0f32;
    for qn in &q.names {
        for cn in &c.names {
            for &a in &qn.words {
                let row = &s.sims[a as usize * nc..(a as usize + 1) * nc];
                s.query_best[a as usize] = cn
                    .words
                    .iter()
                    .map(|&b| row.get(b as usize).copied().unwrap_or(1.0))
                    .fold(0.0, f32::max);
            }
            for &b in &cn.words {
                s.candidate_best[b as usize] = qn
                    .words
                    .iter()
                    .map(|&a| {
                        s.sims
                            .get(a as usize * nc + b as usize)
                            .copied()
                            .unwrap_or(1.0)
                    })
                    .fold(0.0, f32::max);
            }
            let mut pair = 0.0f32;
            for qr in &qn.renderings {
                for cr in &cn.renderings {
                    s.choices.clear();
                    side(qr, &s.query_best, true, cfg, &mut s.choices);
                    side(cr, &s.candidate_best, false, cfg, &mut s.choices);
                    pair = pair.max(best_ratio(&s.choices));
                }
            }
            // Float sums in another order may differ in the last bits.
            pair += 1e-4;
            s.pairs.push(pair);
            best = best.max(pair);
        }
    }
    best
}

/// The ceiling of one pair of words. Two merge spans never pair; a
/// merge span and a word pair only from [`MIN_MERGE_SIM`] on, which
/// lengths alone mostly rule out. Numerals and legal forms compare by
/// value, not spelling.
fn word_ceiling(a: &CeilWord, wa: &Word, b: &CeilWord, wb: &Word) -> f32 {
    if !a.token && !b.token {
        return 0.0;
    }
    if a.special || b.special {
        return 1.0;
    }
    let merge = !a.token || !b.token;
    if merge && !merge_length_allows(a, b) {
        return 0.0;
    }
    let sim = word_sim_ceiling(wa, wb);
    if merge && sim < MIN_MERGE_SIM {
        0.0
    } else {
        sim
    }
}

/// Whether two words' byte lengths leave a merge similarity of
/// [`MIN_MERGE_SIM`] possible: by spelling (edit distance is at least the
/// length difference; one edit counts 0.85 whatever the length) or by
/// skeleton (equal, or near enough in length).
fn merge_length_allows(a: &CeilWord, b: &CeilWord) -> bool {
    let within = |x: usize, y: usize, scale: f32| {
        let longer = x.max(y).max(1) as f32;
        (1.0 - x.abs_diff(y) as f32 / longer) * scale >= MIN_MERGE_SIM
    };
    let (ta, tb) = (a.text.len(), b.text.len());
    ta.abs_diff(tb) <= 1
        || within(ta, tb, 1.0)
        || a.skeleton == b.skeleton
        || within(
            a.skeleton.len(),
            b.skeleton.len(),
            super::token::SKELETON_EDIT_SCALE,
        )
}

/// Names from which [`union_ceiling`] goes first.
const UNION_FIRST: usize = 3;

/// A ceiling of every name pair at once: query words take their best
/// similarity over all the candidate's words; candidate words, each as
/// often as one rendering has it, at its largest weight and without
/// costs, whichever names they come from. Any real pair of renderings
/// has fewer candidate choices, each no better, so its ratio is no
/// higher (see [`best_ratio`]). `sims` must be filled.
fn union_ceiling(
    q: &CeilingWords,
    c: &CeilingWords,
    cfg: &ScoringConfig,
    s: &mut CeilingScratch,
) -> f32 {
    let (nq, nc) = (q.words.len(), c.words.len());
    s.query_best.clear();
    s.query_best.resize(nq, 0.0);
    s.candidate_best.clear();
    s.candidate_best.resize(nc, 0.0);
    for a in 0..nq {
        for b in 0..nc {
            let sim = s.sims.get(a * nc + b).copied().unwrap_or(1.0);
            s.query_best[a] = s.query_best[a].max(sim);
            s.candidate_best[b] = s.candidate_best[b].max(sim);
        }
    }
    // A candidate word inside a merge span that pairs takes the span's value.
    let spans: Vec<f32> = c
        .words
        .iter()
        .zip(&s.candidate_best)
        .filter(|(w, sim)| !w.token && **sim >= MIN_MERGE_SIM)
        .map(|(_, sim)| effective(*sim, cfg))
        .collect();
    let span_pairs = !spans.is_empty();
    let span_value = spans.into_iter().fold(0.0f32, f32::max);
    let mut best = 0.0f32;
    for qn in &q.names {
        for qr in &qn.renderings {
            s.choices.clear();
            side(qr, &s.query_best, true, cfg, &mut s.choices);
            for (w, &sim) in c.words.iter().zip(&s.candidate_best) {
                let pairable = sim >= cfg.min_token_sim;
                if !w.token || !(pairable || span_pairs) {
                    continue;
                }
                let own = if pairable { effective(sim, cfg) } else { 0.0 };
                let choice = Choice {
                    value: own.max(span_value),
                    half_weight: w.half_weight,
                    cost: 0.0,
                    pairable: true,
                };
                for _ in 0..w.count {
                    s.choices.push(choice);
                }
            }
            best = best.max(best_ratio(&s.choices));
        }
    }
    best + 1e-4
}

fn word(w: &CeilWord) -> Word<'_> {
    Word {
        text: &w.text,
        skeleton: &w.skeleton,
        role: PartRole::Unknown,
        chars: w.chars as usize,
        text_mask: w.text_mask,
        skel_mask: w.skel_mask,
    }
}

/// The words of one rendering as choices for [`best_ratio`]: matched,
/// adding at most `u × weight / 2` to the numerator and `weight / 2` to
/// the denominator, or unmatched, adding its cost to the denominator.
fn side(r: &CeilRendering, best: &[f32], query: bool, cfg: &ScoringConfig, out: &mut Vec<Choice>) {
    let first = out.len();
    for t in &r.tokens {
        let sim = best.get(t.word as usize).copied().unwrap_or(1.0);
        let pairable = sim >= cfg.min_token_sim;
        out.push(Choice {
            value: if pairable { effective(sim, cfg) } else { 0.0 },
            half_weight: t.weight / 2.0,
            cost: if query {
                t.query_cost
            } else {
                t.candidate_cost
            },
            pairable,
        });
    }
    for &(start, len, w) in &r.spans {
        let sim = best.get(w as usize).copied().unwrap_or(1.0);
        if sim < MIN_MERGE_SIM {
            continue;
        }
        let value = effective(sim, cfg);
        let covered = first + usize::from(start)..first + usize::from(start) + usize::from(len);
        for slot in out.get_mut(covered).into_iter().flatten() {
            slot.value = slot.value.max(value);
            slot.pairable = true;
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Choice {
    value: f32,
    half_weight: f32,
    cost: f32,
    pairable: bool,
}

/// The largest `Σ numerator / Σ denominator` over every choice of
/// matched and unmatched words (Dinkelbach's iteration); 1.0 should it
/// fail to settle.
fn best_ratio(choices: &[Choice]) -> f32 {
    let mut ratio = 0.0f32;
    for _ in 0..32 {
        let (mut num, mut den) = (0.0f32, 0.0f32);
        for c in choices {
            let matched = c.value * c.half_weight - ratio * c.half_weight;
            if c.pairable && matched >= -ratio * c.cost {
                num += c.value * c.half_weight;
                den += c.half_weight;
            } else {
                den += c.cost;
            }
        }
        let next = if den > 0.0 { num / den } else { 0.0 };
        if next <= ratio + 1e-6 {
            return ratio.max(next);
        }
        ratio = next;
    }
    1.0
}
