//! The bound for one query rendering over the list names its words
//! reach. When no name can reach the bar with fewer than `r` of the
//! query's words found, a passing name is in at least `r` of the words'
//! lists: the `r − 1` longest lists are not walked, only looked up for
//! the names the others reach.

use super::bound::{best_ratio, Options, QueryWord};
use super::vocab::Entry;
use super::{effective, weight, NameInfo, Prefilter, Touches};
use crate::normalize::PartRole;
use crate::prepare::Rendering;

/// Query words beyond which found-count pruning is not tried (subsets).
const MAX_SUBSET_WORDS: usize = 6;

impl Prefilter {
    /// Bounds of the list names for one query rendering, into the
    /// scratch's entities; `None` when untouched names could reach.
    pub(super) fn rendering(
        &self,
        r: &Rendering,
        weak: bool,
        needed: f32,
        scratch: &mut Scratch,
    ) -> Option<()> {
        let cfg = &self.config;
        let cap = if weak { cfg.weak_alias_cap } else { 1.0 };
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
            h_token: self.h_token,
            h_legal: self.h_legal,
            first: u64::MAX,
            initials: u64::MAX,
            leftover: 0.0,
            weak: false,
        };
        // The fewest words a passing name must have found.
        let mut opts: Vec<Options> = Vec::with_capacity(width);
        let mut at_best = |found: u32| -> f32 {
            opts.clear();
            for (k, w) in words.iter().enumerate() {
                let f = (found >> k & 1 == 1).then_some((1.0, self.h_any));
                opts.push(options(f, &anywhere, w));
            }
            best_ratio(&words, &opts, 0.0, shrink).min(cap) + 1e-4
        };
        if at_best(0) >= needed {
            return None;
        }
        // Found options only add choices, so the bound grows with the set.
        let required = if width > MAX_SUBSET_WORDS {
            1
        } else {
            (1u32..1 << width)
                .filter(|&s| at_best(s) >= needed)
                .map(|s| s.count_ones() as usize)
                .min()
                .unwrap_or(width + 1)
        };
        if required > width {
            return Some(());
        }
        let lists: Vec<Touches> = words
            .iter()
            .map(|w| self.touches(false, &w.entry))
            .collect();
        let mut order: Vec<usize> = (0..width).collect();
        order.sort_by_key(|&k| std::cmp::Reverse(lists[k].len()));
        let (probed, walked) = order.split_at(required - 1);
        scratch.reset_names(self.names.len());
        for &k in walked {
            scratch.credit(&lists[k], &[k], width);
        }
        for span in &r.spans {
            let covered: Vec<usize> = (span.start..span.start + span.len)
                .filter(|&k| k < width)
                .collect();
            let list = self.touches(true, &Entry::new(&span.text, &span.skeleton));
            scratch.credit(&list, &covered, width);
        }
        let touched = std::mem::take(&mut scratch.name_touched);
        for &name_id in &touched {
            let Some(info) = self.names.get(name_id as usize) else {
                continue;
            };
            let base = scratch.name_slot[name_id as usize] as usize;
            let Some(slots) = scratch.slots.get_mut(base..base + width) else {
                continue;
            };
            for &k in probed {
                if let Ok(at) = lists[k].binary_search_by_key(&name_id, |t| t.0) {
                    let (_, sim, half) = lists[k][at];
                    slots[k].0 = slots[k].0.max(sim);
                    slots[k].1 = slots[k].1.max(half);
                }
            }
            opts.clear();
            for (w, &(v, h)) in words.iter().zip(slots.iter()) {
                let found = (v >= 0.0).then_some((v, h));
                opts.push(options(found, info, w));
            }
            let base = self.miss * info.leftover;
            let mut b = best_ratio(&words, &opts, base, shrink).min(cap);
            if info.weak {
                b = b.min(cfg.weak_alias_cap);
            }
            if b + 1e-4 >= needed {
                scratch.raise_entity(info.entity, b + 1e-4);
            }
        }
        scratch.name_touched = touched;
        Some(())
    }
}

/// The query words of a rendering, as the bound weighs them.
fn query_words(r: &Rendering, cfg: &super::ScoringConfig) -> Vec<QueryWord> {
    r.tokens
        .iter()
        .map(|t| {
            let w = weight(t, cfg);
            let repeated = r.tokens.iter().filter(|o| o.text == t.text).count() > 1;
            let cost = if repeated {
                0.0
            } else if matches!(t.role, PartRole::Middle | PartRole::Patronymic) {
                w * cfg.optional_miss_weight
            } else {
                w * cfg.query_miss_weight
            };
            let mut entry = Entry::new(&t.text, &t.skeleton);
            entry.initial = t.role == PartRole::Initial;
            // A numeral compares by value (its neighbourhood holds the
            // words of its value), whatever its length.
            let initial = (entry.chars <= 1 && t.role != PartRole::Number)
                .then(|| t.text.as_bytes().first().map(|&b| (b, entry.initial)))
                .flatten();
            QueryWord {
                half: w / 2.0,
                cost,
                initial,
                legal: t.role == PartRole::LegalForm,
                entry,
            }
        })
        .collect()
}

/// Per-thread buffers, sized to the list and reset by touched lists.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    name_slot: Vec<u32>,
    name_touched: Vec<u32>,
    /// Per touched name and query word: (best similarity found, or −1;
    /// largest partner half weight).
    slots: Vec<(f32, f32)>,
    entity_best: Vec<f32>,
    entity_touched: Vec<u32>,
}

impl Scratch {
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

    pub(super) fn reset_entities(&mut self, entities: usize) {
        if self.entity_best.len() != entities {
            self.entity_best = vec![-1.0; entities];
        } else {
            for &e in &self.entity_touched {
                self.entity_best[e as usize] = -1.0;
            }
        }
        self.entity_touched.clear();
    }

    fn raise_entity(&mut self, entity: u32, bound: f32) {
        let Some(best) = self.entity_best.get_mut(entity as usize) else {
            return;
        };
        if *best < 0.0 {
            self.entity_touched.push(entity);
        }
        *best = best.max(bound);
    }

    /// The entities raised, best bound first.
    pub(super) fn entities(&self) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = self
            .entity_touched
            .iter()
            .map(|&e| (e, self.entity_best[e as usize]))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Raises the (similarity, partner weight) slots of query words
    /// `covered` in every list name of `list`.
    fn credit(&mut self, list: &Touches, covered: &[usize], width: usize) {
        for &(name_id, sim, half) in list.iter() {
            let Some(slot) = self.name_slot.get_mut(name_id as usize) else {
                continue;
            };
            if *slot == u32::MAX {
                *slot = u32::try_from(self.slots.len()).unwrap_or(u32::MAX);
                self.slots.resize(self.slots.len() + width, (-1.0, 0.0));
                self.name_touched.push(name_id);
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
