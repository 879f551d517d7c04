//! A sound rejection of list entities before retrieval ranks them: per
//! list name, an upper bound of the name score a query could reach,
//! from the complete word neighbourhoods of the query's words
//! ([`vocab`]). Only entities with a name whose bound reaches the bar
//! are scored; every other entity certainly scores below it, so the
//! hits are those of scoring every list entity.
//!
//! The bound, per query rendering and list name: the name score is
//! `num / den` over aligned pairs (see `ceiling.rs`). Split each pair
//! into its query words: a matched query word brings its half weight,
//! a partner's half weight `h ≤ H` and the pair's effective similarity;
//! an unmatched one its cost. A query word either has partners in the
//! name within its neighbourhood (similarity ≥ τ; `H` the largest half
//! weight of those partners), or pairs below τ (effective similarity at
//! most `effective(τ)`, `H` the name's largest token half weight), or
//! stays unmatched. Unmatched list words only add to `den` and are left
//! out. The best ratio over these choices (Dinkelbach) is at least the
//! score of every real alignment, for every rendering of the name.

mod bound;
mod counts;
mod query;
mod vocab;

use std::sync::{Arc, RwLock};

use meldpunt_model::Schema;
use rustc_hash::FxHashMap;

use super::name::MIN_MERGE_SIM;
use super::{effective, ScoringConfig};
use crate::normalize::PartRole;
use crate::prepare::{PreparedEntity, PreparedName, Rendering};
pub use query::Kept;
use query::Scratch;
use vocab::{Entry, Vocab};

/// What an unfound query word may bring at most, as effective
/// similarity: it sets τ (`effective(τ)` = this). Lower means tighter
/// bounds and larger neighbourhoods. At 0, τ is `min_token_sim`: a
/// neighbourhood holds every word the query word may be aligned with
/// at all, an unfound word is unmatched, and a name reached by only one
/// word of a two-word query seldom passes (at 0.3, τ = 0.6, it would
/// pair with a light word at 0.3 and the bench's first 2,000 customers
/// left 8.0 entities each to score instead of 2.0; neighbourhoods cost
/// about twice as much to compute).
const UNFOUND_VALUE: f32 = 0.0;
/// Rounding of features moves a score by at most 1e-4 per feature.
const ROUNDING_MARGIN: f32 = 1e-3;
const CACHE_SHARDS: usize = 16;
/// (name, similarity, partner weight) items the cache holds in all,
/// 12 bytes each.
const CACHE_ITEMS: usize = 1 << 23;

#[derive(Debug, Clone, Copy)]
struct NameInfo {
    entity: u32,
    /// Its position among its entity's names.
    index: u32,
    /// Largest half weight of a token over the name's renderings.
    h_token: f32,
    /// Largest half weight of a legal form (0 without one).
    h_legal: f32,
    /// First bytes (byte % 64) of its tokens, and of its initials.
    first: u64,
    initials: u64,
    /// The least weight its unmatched words may cost, before `m`: per
    /// rendering, each distinct word that is no middle name or
    /// patronymic, at its least weight; the least over renderings.
    leftover: f32,
    /// The most its name score may be: a weak alias and a name of
    /// initials and legal forms only are capped.
    cap: f32,
    /// Its leftover is below [`REGULAR_LEFTOVER`] times its largest
    /// partner half weight: the pattern bounds (which assume that much)
    /// do not cover it, so it is reached through every list and bounded
    /// on its own.
    odd: bool,
}

/// Regular list names leave at least this many times their largest
/// partner half weight (token or merge span) unmatched when no word
/// is paired: a partner's weight then counts in `den` too, which is
/// what makes the pattern bounds of names reached by one word of a
/// two-word query fall below the bar. About 1.7% of the shared lists'
/// names are odd (names whose heaviest words are also written as
/// middle names, numerals).
const REGULAR_LEFTOVER: f32 = 1.5;

/// Similarity from which a found word is in the high tier: a name
/// usually passes only with its words found there, so the low tier's
/// long lists (prefixes, two edits) are mostly looked up, not walked.
const HIGH_TIER: f32 = 0.8;

/// The list names a query word reaches: (name, best similarity, largest
/// partner half weight), sorted by name; and the best of each over all.
#[derive(Debug, Default)]
struct Tier {
    items: Box<[(u32, f32, f32)]>,
    /// The items of odd names, walked whatever the patterns.
    odd: Box<[(u32, f32, f32)]>,
    sim: f32,
    half: f32,
}

/// A word's reach in two tiers: similarity from [`HIGH_TIER`] on, and
/// below it.
type Touches = Arc<[Tier; 2]>;
/// A list word: text and skeleton.
type WordKey = (Box<str>, Box<str>);
/// A vocabulary entry: text, skeleton, whether it is an initial and
/// whether it may pair by prefix.
type EntryKey = (Box<str>, Box<str>, bool, bool);
/// Cached neighbourhoods by hash of (kind, text, skeleton), with the
/// text and skeleton to tell collisions apart; and the items held.
type Shard = RwLock<(usize, FxHashMap<u64, (WordKey, Touches)>)>;

/// List words, their postings into list names, and a cache of query
/// word neighbourhoods. Built once per [`crate::Screener`].
#[derive(Debug)]
pub struct Prefilter {
    tokens: Vocab,
    spans: Vocab,
    /// Entry id → (name, partner half weight) in `items[offsets[id]..]`.
    offsets: Vec<u32>,
    items: Vec<(u32, f32)>,
    names: Vec<NameInfo>,
    /// Per name, its entity's schema: a query of a schema it cannot be
    /// the same thing as scores 0 against it. Apart from `names`, so
    /// that the walk checks it without loading a name's data.
    schemas: Vec<Schema>,
    /// Per name, whether it is odd (as `NameInfo::odd`), apart for the
    /// same reason.
    odd: Vec<bool>,
    entities: usize,
    /// Largest half weight of a token, of a legal form.
    h_token: f32,
    h_legal: f32,
    /// Largest partner half weight (token or span) of a regular name.
    h_regular: f32,
    tau: f32,
    /// What an unmatched list word costs at least, per unit of weight.
    miss: f32,
    config: ScoringConfig,
    usable: bool,
    cache: Vec<Shard>,
}

impl Prefilter {
    pub fn build<'a>(
        entities: impl IntoIterator<Item = &'a PreparedEntity>,
        cfg: &ScoringConfig,
    ) -> Prefilter {
        // A list word is one entry per text, skeleton and the roles its
        // similarity depends on: a one-letter word pairs with a longer
        // one only as an initial, so "m" of "M-Invest" must not share
        // the reach of the initial "M." of a person's name; and only
        // given names pair by prefix ("Nova" does not reach "Novatek").
        let mut keys: [FxHashMap<EntryKey, u32>; 2] = Default::default();
        let mut entries: [Vec<Entry>; 2] = Default::default();
        let mut postings: [Vec<Vec<(u32, f32)>>; 2] = Default::default();
        let mut names = Vec::new();
        let mut schemas = Vec::new();
        let mut count = 0usize;
        let mut h_regular = 0.0f32;
        for (e, entity) in entities.into_iter().enumerate() {
            count = e + 1;
            let entity_id = u32::try_from(e).unwrap_or(u32::MAX);
            for (index, name) in entity.names.iter().enumerate() {
                let name_id = u32::try_from(names.len()).unwrap_or(u32::MAX);
                let mut info = NameInfo {
                    entity: entity_id,
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                    h_token: 0.0,
                    h_legal: 0.0,
                    first: 0,
                    initials: 0,
                    leftover: f32::INFINITY,
                    cap: name_cap(name, cfg),
                    odd: false,
                };
                let mut h_name = 0.0f32;
                for r in &name.renderings {
                    info.leftover = info.leftover.min(leftover(r, cfg));
                    for t in &r.tokens {
                        let bit = t.text.as_bytes().first().map_or(0, |b| 1u64 << (b % 64));
                        info.first |= bit;
                        if t.role == PartRole::Initial {
                            info.initials |= bit;
                        }
                        if t.role == PartRole::LegalForm {
                            info.h_legal = info.h_legal.max(weight(t, cfg) / 2.0);
                        }
                    }
                    for (kind, text, skeleton, half, (initial, prefix)) in rendering_words(r, cfg) {
                        let k = usize::from(kind);
                        let next = u32::try_from(entries[k].len()).unwrap_or(u32::MAX);
                        let id = *keys[k]
                            .entry((text.into(), skeleton.into(), initial, prefix))
                            .or_insert_with(|| {
                                let mut entry = Entry::new(text, skeleton);
                                entry.initial = initial;
                                entry.prefix = prefix;
                                entries[k].push(entry);
                                postings[k].push(Vec::new());
                                next
                            });
                        let posting = &mut postings[k][id as usize];
                        match posting.last_mut() {
                            Some(last) if last.0 == name_id => last.1 = last.1.max(half),
                            _ => posting.push((name_id, half)),
                        }
                        if !kind {
                            info.h_token = info.h_token.max(half);
                        }
                        h_name = h_name.max(half);
                    }
                }
                if !info.leftover.is_finite() {
                    info.leftover = 0.0;
                }
                info.odd = info.leftover < REGULAR_LEFTOVER * h_name;
                if !info.odd {
                    h_regular = h_regular.max(h_name);
                }
                names.push(info);
                schemas.push(entity.schema);
            }
        }
        let [token_entries, span_entries] = entries;
        let base = u32::try_from(token_entries.len()).unwrap_or(u32::MAX);
        let mut offsets = Vec::new();
        let mut items = Vec::new();
        for posting in postings.iter().flatten() {
            offsets.push(u32::try_from(items.len()).unwrap_or(u32::MAX));
            items.extend_from_slice(posting);
        }
        offsets.push(u32::try_from(items.len()).unwrap_or(u32::MAX));
        let fold = |f: fn(&NameInfo) -> f32| names.iter().map(f).fold(0.0f32, f32::max);
        let odd = names.iter().map(|n| n.odd).collect();
        Prefilter {
            tokens: Vocab::new(0, token_entries),
            spans: Vocab::new(base, span_entries),
            usable: super::ceiling::sound(cfg) && bound_sound(cfg),
            h_token: fold(|n| n.h_token),
            h_legal: fold(|n| n.h_legal),
            h_regular,
            offsets,
            items,
            names,
            odd,
            schemas,
            entities: count,
            tau: tau(cfg),
            miss: cfg
                .candidate_miss_weight
                .min(cfg.substitution_weight)
                .clamp(0.0, 0.5),
            config: cfg.clone(),
            cache: (0..CACHE_SHARDS).map(|_| Shard::default()).collect(),
        }
    }

    /// The list entities (with their bound) that may score at least
    /// `threshold` for `query`, best bound first, and the name pairs
    /// that may reach it; `None` when the bound cannot decide (an
    /// unusable config, or a query whose words could reach the bar
    /// without any partner found), and the caller must fall back to
    /// ranked retrieval. Entities sharing an identifier are not
    /// included: the caller adds them.
    pub fn entities(&self, query: &PreparedEntity, threshold: f32) -> Option<Kept> {
        if !self.usable || query.names.is_empty() {
            return None;
        }
        let cfg = &self.config;
        let headroom = if query.birth_dates.is_empty() {
            0.0
        } else {
            cfg.dob_match_bonus.max(0.0)
        };
        let needed = threshold - headroom - ROUNDING_MARGIN;
        SCRATCH.with(|cell| {
            let mut fresh = Scratch::default();
            let mut guard = cell.try_borrow_mut();
            let scratch = match guard.as_mut() {
                Ok(s) => &mut **s,
                Err(_) => &mut fresh,
            };
            scratch.reset_entities(self.entities);
            for (index, name) in query.names.iter().enumerate() {
                scratch.query_name = u32::try_from(index).unwrap_or(u32::MAX);
                for r in &name.renderings {
                    self.rendering(r, name_cap(name, cfg), needed, query.schema, scratch)?;
                }
            }
            Some(scratch.kept())
        })
    }

    /// The list names a query word (`span`: a merge span) may pair with,
    /// with their best similarity and partner weight; cached per word.
    fn touches(&self, span: bool, word: &Entry) -> Touches {
        let kind = if span {
            4u8
        } else {
            u8::from(word.initial) | u8::from(word.prefix) << 1
        };
        let hash = {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one((kind, &*word.text, &*word.skeleton))
        };
        let shard = &self.cache[(hash % CACHE_SHARDS as u64) as usize];
        if let Ok(map) = shard.read() {
            if let Some(((text, skeleton), hit)) = map.1.get(&hash) {
                if *text == word.text && *skeleton == word.skeleton {
                    return hit.clone();
                }
            }
        }
        let mut hits = Vec::new();
        let merged = merge_entry(word);
        let merged = merged.as_ref().unwrap_or(word);
        if span {
            // A merge span pairs only with a token, from MIN_MERGE_SIM on.
            self.tokens
                .neighbours(merged, MIN_MERGE_SIM, false, true, &mut hits);
        } else {
            self.tokens
                .neighbours(word, self.tau, true, false, &mut hits);
            let bar = MIN_MERGE_SIM.max(self.tau);
            self.spans.neighbours(merged, bar, false, true, &mut hits);
        }
        let tiers = [true, false].map(|high| {
            let mut touched: Vec<(u32, f32, f32)> = Vec::new();
            for &(id, sim) in hits.iter().filter(|h| (h.1 >= HIGH_TIER) == high) {
                let (Some(&from), Some(&to)) = (
                    self.offsets.get(id as usize),
                    self.offsets.get(id as usize + 1),
                ) else {
                    continue;
                };
                let postings = self.items.get(from as usize..to as usize).unwrap_or(&[]);
                touched.extend(postings.iter().map(|&(name, half)| (name, sim, half)));
            }
            touched.sort_unstable_by_key(|t| t.0);
            touched.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 = kept.1.max(later.1);
                    kept.2 = kept.2.max(later.2);
                }
                same
            });
            let odd = touched
                .iter()
                .filter(|t| self.names.get(t.0 as usize).is_some_and(|n| n.odd))
                .copied()
                .collect();
            Tier {
                sim: touched.iter().map(|t| t.1).fold(-1.0, f32::max),
                half: touched.iter().map(|t| t.2).fold(0.0, f32::max),
                items: touched.into(),
                odd,
            }
        });
        let touches: Touches = Arc::new(tiers);
        let size = touches[0].items.len() + touches[1].items.len();
        if let Ok(mut map) = shard.write() {
            if map.0 + size > CACHE_ITEMS / CACHE_SHARDS {
                map.0 = 0;
                map.1.clear();
            }
            map.0 += size;
            let key = (word.text.clone(), word.skeleton.clone());
            map.1.insert(hash, (key, touches.clone()));
        }
        touches
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The query word as a merge pair compares it: scoring's `merge_sim`
/// drops the skeletons when the query side's (span or word) is shorter
/// than four bytes, since short skeletons are shared by too many
/// unrelated words ("nrd" of "Nord" and of the acronym "NRDC"); an
/// empty skeleton turns both skeleton parts of the similarity off.
/// `None` when the word compares as it is.
fn merge_entry(word: &Entry) -> Option<Entry> {
    (word.skeleton.len() < 4 && !word.skeleton.is_empty()).then(|| {
        let mut entry = Entry::new(&word.text, "");
        entry.initial = word.initial;
        entry
    })
}

/// τ: the similarity from which a word counts as found, so that any
/// word below it brings at most `effective(τ)` ≈ [`UNFOUND_VALUE`]. At
/// least `min_token_sim`, at most [`MIN_MERGE_SIM`] (merge spans are
/// always found).
fn tau(cfg: &ScoringConfig) -> f32 {
    let (mut lo, mut hi) = (0.0f32, MIN_MERGE_SIM);
    if effective(hi, cfg) >= UNFOUND_VALUE {
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if effective(mid, cfg) >= UNFOUND_VALUE {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }
    hi.max(cfg.min_token_sim).min(MIN_MERGE_SIM)
}

/// The most a name's score may be with any other name, from the rules
/// that cap it: a weak alias, and a name without an informative word
/// (`score::name::compare_names_value` caps both sides).
fn name_cap(name: &PreparedName, cfg: &ScoringConfig) -> f32 {
    let mut cap = 1.0f32;
    if name.is_weak() {
        cap = cap.min(cfg.weak_alias_cap);
    }
    if name.informative_weight <= 0.0 {
        cap = cap.min(cfg.uninformative_cap);
    }
    cap
}

/// What the bound needs beyond `ceiling::sound`: scalings of a pair's
/// or a name's score must not raise it.
fn bound_sound(cfg: &ScoringConfig) -> bool {
    (0.0..=1.0).contains(&cfg.role_swap_factor)
        && cfg.weak_alias_cap.is_finite()
        && cfg.uninformative_cap.is_finite()
        && (0.0..=1.0).contains(&cfg.cross_script_factor)
        && cfg.legal_form_conflict >= 0.0
        && cfg.dob_match_bonus.is_finite()
}

/// The words of a list rendering with their half weights: tokens
/// (`false`) and merge spans (`true`), and the roles their similarity
/// depends on (see [`similarity_roles`]).
fn rendering_words<'a>(
    r: &'a Rendering,
    cfg: &'a ScoringConfig,
) -> impl Iterator<Item = (bool, &'a str, &'a str, f32, (bool, bool))> + 'a {
    let tokens = r.tokens.iter().map(|t| {
        (
            false,
            t.text.as_str(),
            t.skeleton.as_str(),
            weight(t, cfg) / 2.0,
            similarity_roles(t.role),
        )
    });
    let spans = r.spans.iter().map(|s| {
        let w: f32 = r
            .tokens
            .iter()
            .skip(s.start)
            .take(s.len)
            .map(|t| weight(t, cfg))
            .sum();
        // A merge pair compares without roles.
        (
            true,
            s.text.as_str(),
            s.skeleton.as_str(),
            w / 2.0,
            (false, true),
        )
    });
    tokens.chain(spans)
}

/// What a word's role decides of its similarity (`token::word_sim_floor`):
/// whether it is an initial, and whether it may pair by prefix (a given
/// or middle name, or a person's word of unknown part).
pub(super) fn similarity_roles(role: PartRole) -> (bool, bool) {
    (
        role == PartRole::Initial,
        matches!(role, PartRole::Given | PartRole::Middle | PartRole::Unknown),
    )
}

/// The least weight a list rendering's unmatched words cost (before
/// the per-unit cost): a word repeated costs nothing once another copy
/// is matched, and middle names, patronymics and numerals nothing at all.
fn leftover(r: &Rendering, cfg: &ScoringConfig) -> f32 {
    let mut total = 0.0;
    for (i, t) in r.tokens.iter().enumerate() {
        if t.role == PartRole::Number {
            continue;
        }
        let copies = || r.tokens.iter().filter(|o| o.text == t.text);
        let first = r.tokens.iter().position(|o| o.text == t.text) == Some(i);
        let optional =
            |o: &crate::normalize::Token| matches!(o.role, PartRole::Middle | PartRole::Patronymic);
        if first && !copies().any(optional) {
            total += copies()
                .map(|o| weight(o, cfg))
                .fold(f32::INFINITY, f32::min);
        }
    }
    total
}

pub(super) fn weight(t: &crate::normalize::Token, cfg: &ScoringConfig) -> f32 {
    if t.role == PartRole::Family {
        t.weight * cfg.family_weight
    } else {
        t.weight
    }
}

#[cfg(test)]
mod tests;
