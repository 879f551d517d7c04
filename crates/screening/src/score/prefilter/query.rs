//! The bound for one query rendering over the list names its words
//! reach. Each word reaches names in two tiers (high and low
//! similarity). The bound at the best a word finds per tier tells which
//! patterns (per word: not found, low, high) a passing name may show; a
//! name showing one is in every list of the pattern, so walking one list
//! of each pattern reaches every passing name. The cheapest such set of
//! lists is walked; the others are only looked up for the names reached.

use super::bound::{best_ratio, reaches, Options, QueryWord};
use super::vocab::Entry;
use super::{effective, weight, NameInfo, Prefilter, Touches, HIGH_TIER, REGULAR_LEFTOVER};
use crate::normalize::PartRole;
use crate::prepare::Rendering;
use meldpunt_model::Schema;

/// Query words beyond which every list is walked (the patterns are
/// 3^n, the sets of lists 4^n).
const MAX_SUBSET_WORDS: usize = 4;

impl Prefilter {
    /// Bounds of the list names for one query rendering, into the
    /// scratch's entities; `None` when untouched names could reach.
    /// `cap`: the most the query name may score (see `name_cap`).
    pub(super) fn rendering(
        &self,
        r: &Rendering,
        cap: f32,
        needed: f32,
        schema: Schema,
        scratch: &mut Scratch,
    ) -> Option<()> {
        let cfg = &self.config;
        let words = query_words(r, cfg);
        let width = words.len();
        let unfound = (self.tau > cfg.min_token_sim).then(|| effective(self.tau, cfg));
        let any = effective(1.0, cfg);
        let shrink = 1.0 - 2.0 * self.miss;
        // A word's options in a name: found within its neighbourhood;
        // below τ; a one-letter word with a word of its letter; a legal
        // form with a legal form.
        let options = |found: Option<(f32, f32)>, name: &NameInfo, w: &QueryWord| -> Options {
            let letter = w.initial.filter(|&(b, initial)| {
                let mask = if initial { name.first } else { name.initials };
                mask & (1u64 << (b % 64)) != 0
            });
            [
                found.map(|(v, h)| (effective(v, cfg), h)),
                unfound.map(|u| (u, name.h_token)),
                letter.map(|_| (any, name.h_token)),
                (w.legal && name.h_legal > 0.0).then_some((any, name.h_legal)),
            ]
        };
        let anywhere = NameInfo {
            entity: 0,
            index: 0,
            h_token: self.h_token,
            h_legal: self.h_legal,
            first: u64::MAX,
            initials: u64::MAX,
            leftover: 0.0,
            cap: 1.0,
            odd: false,
        };
        let lists: Vec<Touches> = words
            .iter()
            .map(|w| self.touches(false, &w.entry))
            .collect();
        let spans: Vec<(Touches, Vec<usize>)> = r
            .spans
            .iter()
            .map(|span| {
                let covered = (span.start..span.start + span.len)
                    .filter(|&k| k < width)
                    .collect();
                let list = self.touches(true, &Entry::new(&span.text, &span.skeleton));
                (list, covered)
            })
            .filter(|(list, _)| list.iter().any(|t| !t.items.is_empty()))
            .collect();
        // The best a word may find per tier: its own list, or (high) a
        // span over it.
        let mut best: Vec<[(f32, f32); 2]> = lists
            .iter()
            .map(|l| [(l[0].sim, l[0].half), (l[1].sim, l[1].half)])
            .collect();
        for (list, covered) in &spans {
            for tier in list.iter() {
                for &k in covered {
                    best[k][0].0 = best[k][0].0.max(tier.sim);
                    best[k][0].1 = best[k][0].1.max(tier.half);
                }
            }
        }
        // A name no word reaches, odd ones included: every option at
        // its largest, nothing unmatched on the list side.
        let mut opts: Vec<Options> = Vec::with_capacity(width);
        opts.extend(words.iter().map(|w| options(None, &anywhere, w)));
        // Bounds are raised by 1e-4 against rounding: a bound reaching
        // `bar` passes.
        let bar = needed - 1e-4;
        if cap >= bar && reaches(&words, &opts, 0.0, shrink, bar) {
            return None;
        }
        if cap < bar {
            return Some(());
        }
        // Whether a regular name may pass at the best each word may find
        // in a tier (`states`, base 3 per word: none, low, high); not if
        // a word cannot find any. With `h` the name's largest partner half weight,
        // every partner weight is at most `h` and the name leaves at
        // least `REGULAR_LEFTOVER × h` unmatched; for fixed choices `num`
        // and `den` are affine in `h` between the points where a found
        // word's best partner weight caps it, so the ratio is monotone
        // there and its largest value is at one of those points.
        let mut found: Vec<Option<(f32, f32)>> = Vec::with_capacity(width);
        let mut points: Vec<f32> = Vec::with_capacity(width + 2);
        let mut passes = |states: u32| -> bool {
            found.clear();
            points.clear();
            points.extend([0.0, self.h_regular]);
            let mut rest = states;
            for tiers in &best {
                let state = rest % 3;
                rest /= 3;
                let f = match state {
                    0 => None,
                    _ => Some(tiers[2 - state as usize]).filter(|b| b.0 >= 0.0),
                };
                if state > 0 && f.is_none() {
                    return false;
                }
                if let Some((_, h)) = f.filter(|f| f.1 < self.h_regular) {
                    points.push(h);
                }
                found.push(f);
            }
            points.iter().any(|&h| {
                let name = NameInfo {
                    h_token: h,
                    h_legal: self.h_legal.min(h),
                    ..anywhere
                };
                opts.clear();
                for (w, f) in words.iter().zip(found.iter()) {
                    opts.push(options(f.map(|(v, fh)| (v, fh.min(h))), &name, w));
                }
                let base = self.miss * REGULAR_LEFTOVER * h;
                reaches(&words, &opts, base, shrink, bar)
            })
        };
        let list_len = |j: usize| lists[j / 2][j % 2].items.len();
        // Which patterns may pass; all when there are too many words.
        let mut passing = vec![false; 3usize.pow(width.min(MAX_SUBSET_WORDS + 1) as u32)];
        let walked = if width > MAX_SUBSET_WORDS {
            (1u32 << (2 * width)) - 1
        } else {
            // Per passing pattern, the lists a name with it is in (list
            // 2k + 1 is word k's low tier); patterns a span must give
            // are left out, as spans are always walked.
            let mut patterns: Vec<u32> = Vec::new();
            for states in 1..3u32.pow(width as u32) {
                if !passes(states) {
                    continue;
                }
                passing[states as usize] = true;
                let (mut mask, mut rest, mut by_span) = (0u32, states, false);
                for k in 0..width {
                    let state = rest % 3;
                    rest /= 3;
                    if state == 0 {
                        continue;
                    }
                    let j = 2 * k + usize::from(state == 1);
                    by_span |= list_len(j) == 0;
                    mask |= 1 << j;
                }
                if !by_span {
                    patterns.push(mask);
                }
            }
            // The cheapest set of lists to walk that meets every pattern.
            (0u32..1 << (2 * width))
                .filter(|w| patterns.iter().all(|p| p & w != 0))
                .min_by_key(|w| {
                    (0..2 * width)
                        .filter(|j| w >> j & 1 == 1)
                        .map(list_len)
                        .sum::<usize>()
                })
                .unwrap_or(0)
        };
        scratch.reset_names(self.names.len());
        // A schema mismatch scores 0, below any bar (`bar` > 0 here, or
        // the query would have been left undecided): such names are
        // not touched.
        let mut compatible = [true; Schema::ALL.len()];
        for other in Schema::ALL {
            if let Some(c) = compatible.get_mut(other as usize) {
                *c = schema.is_compatible(other);
            }
        }
        let keep = |name: u32| {
            self.schemas
                .get(name as usize)
                .is_some_and(|&s| compatible.get(s as usize).copied().unwrap_or(true))
        };
        for j in 0..2 * width {
            let tier = &lists[j / 2][j % 2];
            if walked >> j & 1 == 1 {
                scratch.credit(&tier.items, &[j / 2], width, keep);
            } else {
                // Odd names are outside the patterns: always walked.
                scratch.credit(&tier.odd, &[j / 2], width, keep);
            }
        }
        for (list, covered) in &spans {
            for tier in list.iter() {
                scratch.credit(&tier.items, covered, width, keep);
            }
        }
        let probed: Vec<usize> = (0..2 * width)
            .filter(|&j| walked >> j & 1 == 0 && list_len(j) > 0)
            .collect();
        // Patterns from which some passing one is reached by finding
        // more (looking up the lists not walked only adds).
        let mut passing_up = passing.clone();
        if width <= MAX_SUBSET_WORDS {
            for p in (0..passing_up.len()).rev() {
                let mut rest = p;
                for k in 0..width {
                    let step = 3usize.pow(k as u32);
                    if rest % 3 < 2 && passing_up.get(p + step).copied().unwrap_or(false) {
                        passing_up[p] = true;
                    }
                    rest /= 3;
                }
            }
        }
        let pattern_of = |slots: &[(f32, f32)]| {
            slots.iter().rev().fold(0usize, |p, s| {
                p * 3 + usize::from(s.0 >= 0.0) + usize::from(s.0 >= HIGH_TIER)
            })
        };
        // The names worth looking up, ascending (the lists are sorted by
        // name), with their slots' position.
        let mut pending = std::mem::take(&mut scratch.pending);
        pending.clear();
        let mut touched = std::mem::take(&mut scratch.ascending);
        scratch.touched_ascending(&mut touched);
        for &name_id in &touched {
            let base = scratch.name_slot[name_id as usize] as usize;
            let Some(slots) = scratch.slots.get(base..base + width) else {
                continue;
            };
            let odd = self.odd.get(name_id as usize).copied().unwrap_or(true);
            let patterns = width <= MAX_SUBSET_WORDS && !odd;
            if patterns && !passing_up.get(pattern_of(slots)).copied().unwrap_or(true) {
                continue;
            }
            pending.push((name_id, base, patterns));
        }
        // Each list not walked is merged with those names, one list at
        // a time.
        for &j in &probed {
            let (k, items) = (j / 2, &lists[j / 2][j % 2].items);
            let mut at = 0;
            for &(name_id, slots_at, _) in &pending {
                at = gallop(items, at, name_id);
                let Some(&(id, sim, half)) = items.get(at) else {
                    break;
                };
                if id == name_id {
                    if let Some(slot) = scratch.slots.get_mut(slots_at + k) {
                        slot.0 = slot.0.max(sim);
                        slot.1 = slot.1.max(half);
                    }
                }
            }
        }
        for &(name_id, slots_at, patterns) in &pending {
            let Some(slots) = scratch.slots.get(slots_at..slots_at + width) else {
                continue;
            };
            if patterns && !passing.get(pattern_of(slots)).copied().unwrap_or(true) {
                continue;
            }
            let Some(info) = self.names.get(name_id as usize) else {
                continue;
            };
            opts.clear();
            for (w, &(v, h)) in words.iter().zip(slots.iter()) {
                let found = (v >= 0.0).then_some((v, h));
                opts.push(options(found, info, w));
            }
            let base = self.miss * info.leftover;
            let cap = cap.min(info.cap);
            if cap >= bar && reaches(&words, &opts, base, shrink, bar) {
                let b = best_ratio(&words, &opts, base, shrink).min(cap);
                scratch.raise_entity(info.entity, info.index, b.max(bar) + 1e-4);
            }
        }
        scratch.pending = pending;
        scratch.ascending = touched;
        Some(())
    }
}

/// The first position at or after `from` whose name is not below
/// `name` (exponential, then binary search).
fn gallop(items: &[(u32, f32, f32)], from: usize, name: u32) -> usize {
    let mut step = 1;
    let mut hi = from;
    while hi < items.len() && items[hi].0 < name {
        hi = from + step;
        step *= 2;
    }
    let lo = from + step / 4;
    let hi = hi.min(items.len());
    let lo = lo.min(hi);
    lo + items[lo..hi].partition_point(|t| t.0 < name)
}

/// The query words of a rendering, as the bound weighs them.
fn query_words(r: &Rendering, cfg: &super::ScoringConfig) -> Vec<QueryWord> {
    r.tokens
        .iter()
        .map(|t| {
            let w = weight(t, cfg);
            let leader = r.tokens.iter().position(|o| o.text == t.text).unwrap_or(0);
            let repeated = r.tokens.iter().filter(|o| o.text == t.text).count() > 1;
            // An unmatched numeral costs nothing: it caps the score instead.
            let cost = if t.role == PartRole::Number {
                0.0
            } else if matches!(t.role, PartRole::Middle | PartRole::Patronymic) {
                w * cfg.optional_miss_weight
            } else {
                w * cfg.query_miss_weight
            };
            let mut entry = Entry::new(&t.text, &t.skeleton);
            (entry.initial, entry.prefix) = super::similarity_roles(t.role);
            // A numeral compares by value (its neighbourhood holds the
            // words of its value), whatever its length.
            let initial = (entry.chars <= 1 && t.role != PartRole::Number)
                .then(|| t.text.as_bytes().first().map(|&b| (b, entry.initial)))
                .flatten();
            QueryWord {
                half: w / 2.0,
                cost,
                leader,
                repeated,
                initial,
                legal: t.role == PartRole::LegalForm,
                entry,
            }
        })
        .collect()
}

/// What the prefilter keeps for a query: the list entities that may
/// reach the bar, and per entity the pairs of a query name and one of
/// its names whose bound reaches it. Every other pair of names scores
/// below the bar: the bound of [`super`] holds per list name and query
/// rendering.
#[derive(Debug, Default, Clone)]
pub struct Kept {
    /// (entity, bound), best bound first.
    pub entities: Vec<(u32, f32)>,
    /// (entity, query name, name within the entity, bound), ascending.
    pairs: Vec<(u32, u32, u32, f32)>,
}

impl Kept {
    /// Whether `entity` is kept (has a pair of names that may reach).
    pub fn holds(&self, entity: u32) -> bool {
        self.pairs.binary_search_by_key(&entity, |p| p.0).is_ok()
    }

    /// The name-pair ceilings of `entity` into `out`, a `query_names ×
    /// names` matrix by query name: the largest bound of a pair that
    /// reaches the bar, 0 for the pairs that cannot.
    pub fn ceilings(&self, entity: u32, query_names: usize, names: usize, out: &mut Vec<f32>) {
        out.clear();
        out.resize(query_names * names, 0.0);
        let from = self.pairs.partition_point(|p| p.0 < entity);
        for &(_, q, c, bound) in self.pairs[from..].iter().take_while(|p| p.0 == entity) {
            if let Some(cell) = out.get_mut(q as usize * names + c as usize) {
                *cell = cell.max(bound);
            }
        }
    }
}

/// Per-thread buffers, sized to the list and reset by touched lists.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    name_slot: Vec<u32>,
    /// The names touched, as bits (cleared as they are read), and the
    /// range of words holding them.
    name_bits: Vec<u64>,
    bit_words: (usize, usize),
    /// (name, slots' position, whether patterns apply) to look up.
    pending: Vec<(u32, usize, bool)>,
    /// The names touched by the last rendering walked, ascending (read
    /// from the bits after every walk): their slots are reset next.
    ascending: Vec<u32>,
    /// Per touched name and query word: (best similarity found, or −1;
    /// largest partner half weight).
    slots: Vec<(f32, f32)>,
    entity_best: Vec<f32>,
    entity_touched: Vec<u32>,
    /// The query name whose renderings are walked.
    pub(super) query_name: u32,
    /// (entity, query name, name within the entity, bound) of every
    /// name pair whose bound reaches the bar.
    pairs: Vec<(u32, u32, u32, f32)>,
}

impl Scratch {
    fn reset_names(&mut self, names: usize) {
        if self.name_slot.len() != names {
            self.name_slot = vec![u32::MAX; names];
            self.name_bits = vec![0; names.div_ceil(64)];
        } else {
            for &id in &self.ascending {
                self.name_slot[id as usize] = u32::MAX;
            }
        }
        self.ascending.clear();
        self.slots.clear();
        self.bit_words = (usize::MAX, 0);
    }

    /// The names touched since [`Scratch::reset_names`], ascending,
    /// into `out`, from their bits (cheaper than sorting them); clears
    /// the bits.
    fn touched_ascending(&mut self, out: &mut Vec<u32>) {
        out.clear();
        let (from, to) = self.bit_words;
        let words = self.name_bits.get_mut(from..to).unwrap_or(&mut []);
        for (w, bits) in words.iter_mut().enumerate() {
            let mut rest = std::mem::take(bits);
            while rest != 0 {
                out.push(((from + w) * 64) as u32 + rest.trailing_zeros());
                rest &= rest - 1;
            }
        }
    }

    pub(super) fn reset_entities(&mut self, entities: usize) {
        if self.entity_best.len() != entities {
            self.entity_best = vec![-1.0; entities];
        } else {
            for &e in &self.entity_touched {
                self.entity_best[e as usize] = -1.0;
            }
        }
        self.entity_touched.clear();
        self.pairs.clear();
    }

    /// Records that name `index` of `entity` may reach `bound` with the
    /// query name walked.
    fn raise_entity(&mut self, entity: u32, index: u32, bound: f32) {
        let Some(best) = self.entity_best.get_mut(entity as usize) else {
            return;
        };
        if *best < 0.0 {
            self.entity_touched.push(entity);
        }
        *best = best.max(bound);
        self.pairs.push((entity, self.query_name, index, bound));
    }

    /// The entities raised, best bound first, and their name pairs.
    pub(super) fn kept(&mut self) -> Kept {
        let mut entities: Vec<(u32, f32)> = self
            .entity_touched
            .iter()
            .map(|&e| (e, self.entity_best[e as usize]))
            .collect();
        entities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.sort_unstable_by_key(|p| (p.0, p.1, p.2));
        Kept { entities, pairs }
    }

    /// Raises the (similarity, partner weight) slots of query words
    /// `covered` in every list name of `list`.
    fn credit(
        &mut self,
        items: &[(u32, f32, f32)],
        covered: &[usize],
        width: usize,
        keep: impl Fn(u32) -> bool,
    ) {
        for &(name_id, sim, half) in items.iter().filter(|t| keep(t.0)) {
            let Some(slot) = self.name_slot.get_mut(name_id as usize) else {
                continue;
            };
            if *slot == u32::MAX {
                *slot = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
                self.slots.resize(self.slots.len() + width, (-1.0, 0.0));
                let word = name_id as usize / 64;
                if let Some(bits) = self.name_bits.get_mut(word) {
                    *bits |= 1 << (name_id % 64);
                    self.bit_words = (self.bit_words.0.min(word), self.bit_words.1.max(word + 1));
                }
            }
            let base = *slot as usize;
            for &k in covered {
                if let Some(v) = self.slots.get_mut(base + k) {
                    v.0 = v.0.max(sim);
                    v.1 = v.1.max(half);
                }
            }
        }
    }
}
