//! Name similarity: aligns the words of two renderings regardless of
//! order, merging adjacent words where one side writes them together,
//! and weighs matched and unmatched words by their role.

use crate::normalize::{different_names, skeleton, NameClass, PartRole, Token};
use crate::prepare::{NativeScript, PreparedName, Rendering, Span, WordMeta};

use super::affix::stems;
use super::tally::{tally, Tally};
use super::token::{token_sim_floor, word_sim, word_sim_floor, Word};
use super::ScoringConfig;

/// Merged words must agree closely: a loose merge would let any two
/// short words stand in for a long one.
pub(crate) const MIN_MERGE_SIM: f32 = 0.85;

/// The outcome of comparing two names.
#[derive(Debug, Clone, PartialEq)]
pub struct NameComparison {
    pub score: f32,
    /// Matched words as (query words, candidate words, similarity).
    pub pairs: Vec<(String, String, f32)>,
    pub unmatched_query: Vec<String>,
    pub unmatched_candidate: Vec<String>,
    /// Given name on one side aligned with the family name on the other.
    pub swapped_roles: usize,
    /// A numeral on one side that the other lacks or writes differently.
    pub number_conflict: bool,
    /// One side is only legal forms, titles and generic words.
    pub uninformative: bool,
    pub legal_form_conflict: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pair {
    pub q: (usize, usize),
    pub c: (usize, usize),
    pub sim: f32,
    pub swapped: bool,
}

/// Buffers reused across comparisons, so that scoring a pair of names
/// allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    pairs: Vec<Pair>,
    chosen: Vec<Pair>,
    q_used: Vec<bool>,
    c_used: Vec<bool>,
}

/// The numbers of a name comparison and which renderings gave them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameScore {
    pub score: f32,
    pub number_conflict: bool,
    pub uninformative: bool,
    pub legal_form_conflict: bool,
    /// Given name on one side aligned with the family name on the other.
    pub swapped_roles: usize,
    /// Query and candidate rendering of the best alignment.
    pub best: Option<(usize, usize)>,
}

/// Best comparison over every rendering pair of two names.
pub fn compare_names(q: &PreparedName, c: &PreparedName, cfg: &ScoringConfig) -> NameComparison {
    let mut scratch = Scratch::default();
    let value = compare_names_value(q, c, cfg, &mut scratch);
    explain_names(q, c, &value, cfg, &mut scratch)
}

/// The full comparison (texts included) of a [`NameScore`].
pub(crate) fn explain_names(
    q: &PreparedName,
    c: &PreparedName,
    value: &NameScore,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
) -> NameComparison {
    let mut own = None;
    let cfg = rules_for(c, cfg, &mut own);
    let renderings = value
        .best
        .and_then(|(i, j)| Some((q.renderings.get(i)?, c.renderings.get(j)?)));
    let mut result = match renderings {
        Some((qr, cr)) => {
            let strict = q.latin && c.latin;
            let tally = align(qr, cr, strict, cfg, scratch);
            describe_alignment(qr, cr, tally, scratch)
        }
        None => empty_comparison(),
    };
    result.score = value.score;
    result.number_conflict = value.number_conflict;
    result.uninformative |= value.uninformative;
    result.legal_form_conflict = value.legal_form_conflict;
    result
}

/// [`compare_names`] without the texts of the explanation.
pub(crate) fn compare_names_value(
    q: &PreparedName,
    c: &PreparedName,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
) -> NameScore {
    // Word order conventions vary across scripts ("Ротенберг Аркадий"); a
    // crossed given and family name is suspicious only between two
    // Latin-script names.
    let strict = q.latin && c.latin;
    let mut own = None;
    let cfg = rules_for(c, cfg, &mut own);
    let mut best: Option<(Tally, (usize, usize))> = None;
    for (i, qr) in q.renderings.iter().enumerate() {
        for (j, cr) in c.renderings.iter().enumerate() {
            let result = align(qr, cr, strict, cfg, scratch);
            if best.as_ref().is_none_or(|(b, _)| result.score > b.score) {
                best = Some((result, (i, j)));
            }
        }
    }
    let (mut score, mut number_conflict, swapped_roles, at) = match best {
        Some((t, at)) => (t.score, t.number_conflict, t.swapped_roles, Some(at)),
        None => (0.0, false, 0, None),
    };
    let uninformative = q.informative_weight <= 0.0 || c.informative_weight <= 0.0;
    if uninformative {
        score = score.min(cfg.uninformative_cap);
    }
    let mut legal_form_conflict = false;
    if let (Some(a), Some(b)) = (q.legal_form, c.legal_form) {
        if a != b {
            legal_form_conflict = true;
            score = (score - cfg.legal_form_conflict).max(0.0);
        }
    }
    if number_conflict {
        score = score.min(cfg.number_conflict_cap);
    }
    if native_conflict(q, c) {
        score = score.min(cfg.native_script_conflict_cap);
    }
    if at.is_none() {
        number_conflict = false;
    }
    NameScore {
        score,
        number_conflict,
        uninformative: uninformative || at.is_none(),
        legal_form_conflict,
        swapped_roles,
        best: at,
    }
}

/// The config a list name is compared under. A vessel's name has no
/// optional parts: "Victor" is another ship than "Victor Konetsky", so a
/// word only the listed vessel carries costs like a query word.
fn rules_for<'a>(
    c: &PreparedName,
    cfg: &'a ScoringConfig,
    own: &'a mut Option<ScoringConfig>,
) -> &'a ScoringConfig {
    if c.class != NameClass::Vessel {
        return cfg;
    }
    own.insert(ScoringConfig {
        candidate_miss_weight: cfg.query_miss_weight,
        ..cfg.clone()
    })
}

/// Two names in one native script that name different people. Each
/// Hangul syllable and each Han character is a whole part of the name.
/// Romanisation folds Hangul syllables together (종 and 정 are both
/// "jong"), so any differing syllable counts. Han characters differ also
/// between simplified and traditional writing (习/習), which read alike,
/// so they count when their readings differ too (朋 péng, 平 píng).
fn native_conflict(q: &PreparedName, c: &PreparedName) -> bool {
    let (Some(a), Some(b)) = (&q.native, &c.native) else {
        return false;
    };
    if a.script != b.script || a.text == b.text {
        return false;
    }
    match a.script {
        NativeScript::Hangul => true,
        NativeScript::Han => q.primary().map(|r| &r.compact) != c.primary().map(|r| &r.compact),
    }
}

fn empty_comparison() -> NameComparison {
    NameComparison {
        score: 0.0,
        pairs: Vec::new(),
        unmatched_query: Vec::new(),
        unmatched_candidate: Vec::new(),
        swapped_roles: 0,
        number_conflict: false,
        uninformative: true,
        legal_form_conflict: false,
    }
}

/// Aligns two renderings greedily, best-agreeing words first.
pub fn compare_renderings(
    q: &Rendering,
    c: &Rendering,
    strict_roles: bool,
    cfg: &ScoringConfig,
) -> NameComparison {
    let mut scratch = Scratch::default();
    let tally = align(q, c, strict_roles, cfg, &mut scratch);
    describe_alignment(q, c, tally, &scratch)
}

/// Aligns two renderings into `scratch` (chosen pairs, used words) and
/// returns the numbers.
fn align(
    q: &Rendering,
    c: &Rendering,
    strict_roles: bool,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
) -> Tally {
    candidate_pairs(q, c, strict_roles, cfg, &mut scratch.pairs);
    scratch.pairs.sort_by(|a, b| {
        b.sim
            .total_cmp(&a.sim)
            .then((b.q.1 + b.c.1).cmp(&(a.q.1 + a.c.1)))
    });
    let Scratch {
        pairs,
        chosen,
        q_used,
        c_used,
    } = scratch;
    q_used.clear();
    q_used.resize(q.tokens.len(), false);
    c_used.clear();
    c_used.resize(c.tokens.len(), false);
    chosen.clear();
    for pair in pairs.iter() {
        let (qs, cs) = (pair.q.0..pair.q.0 + pair.q.1, pair.c.0..pair.c.0 + pair.c.1);
        if qs.clone().any(|i| q_used[i]) || cs.clone().any(|j| c_used[j]) {
            continue;
        }
        qs.for_each(|i| q_used[i] = true);
        cs.for_each(|j| c_used[j] = true);
        chosen.push(*pair);
    }
    tally(q, c, chosen, q_used, c_used, cfg)
}

fn word<'a>(tokens: &'a [Token], meta: &[WordMeta], i: usize) -> Word<'a> {
    let t = &tokens[i];
    let m = meta
        .get(i)
        .copied()
        .unwrap_or_else(|| WordMeta::new(&t.text, &t.skeleton));
    Word {
        text: &t.text,
        skeleton: &t.skeleton,
        role: t.role,
        chars: m.chars as usize,
        text_mask: m.text_mask,
        skel_mask: m.skel_mask,
    }
}

fn span_word(span: &Span) -> Word<'_> {
    Word {
        text: &span.text,
        skeleton: &span.skeleton,
        role: PartRole::Unknown,
        chars: span.meta.chars as usize,
        text_mask: span.meta.text_mask,
        skel_mask: span.meta.skel_mask,
    }
}

fn candidate_pairs(
    q: &Rendering,
    c: &Rendering,
    strict_roles: bool,
    cfg: &ScoringConfig,
    pairs: &mut Vec<Pair>,
) {
    pairs.clear();
    // A pair is kept at `min_token_sim`; a swapped one after scaling, so
    // its similarity must reach the threshold divided by the factor
    // (less a margin for rounding).
    let swapped_floor = if cfg.role_swap_factor > 0.0 {
        cfg.min_token_sim / cfg.role_swap_factor - 1e-3
    } else {
        f32::NEG_INFINITY
    };
    let group = |meta: &[WordMeta], i: usize| meta.get(i).map_or(0, |m| m.name_group);
    for i in 0..q.tokens.len() {
        let qt = word(&q.tokens, &q.meta, i);
        for j in 0..c.tokens.len() {
            // Two different common given names ("Ahmed", "Mohamed") are
            // never one name misspelt.
            if different_names(group(&q.meta, i), group(&c.meta, j)) {
                continue;
            }
            let ct = word(&c.tokens, &c.meta, j);
            let swapped = strict_roles && is_swap(qt.role, ct.role);
            let floor = if swapped {
                swapped_floor
            } else {
                cfg.min_token_sim
            };
            let mut sim = token_sim_floor(&qt, &ct, floor);
            if sim >= floor && sim < 1.0 {
                sim = sim.min(stem_sim(&qt, &ct));
            }
            if swapped {
                sim *= cfg.role_swap_factor;
            }
            if sim >= cfg.min_token_sim {
                pairs.push(Pair {
                    q: (i, 1),
                    c: (j, 1),
                    sim,
                    swapped,
                });
            }
        }
    }
    for span in &q.spans {
        let sw = span_word(span);
        for j in 0..c.tokens.len() {
            let ct = word(&c.tokens, &c.meta, j);
            let sim = merge_sim(&sw, &ct);
            if sim >= MIN_MERGE_SIM {
                pairs.push(Pair {
                    q: (span.start, span.len),
                    c: (j, 1),
                    sim,
                    swapped: false,
                });
            }
        }
    }
    for span in &c.spans {
        let sw = span_word(span);
        for i in 0..q.tokens.len() {
            let qt = word(&q.tokens, &q.meta, i);
            let sim = merge_sim(&qt, &sw);
            if sim >= MIN_MERGE_SIM {
                pairs.push(Pair {
                    q: (i, 1),
                    c: (span.start, span.len),
                    sim,
                    swapped: false,
                });
            }
        }
    }
}

/// The similarity of two words without a name element they share
/// ("-ovich", "Abdul-"), or 1 when they share none; see [`affix`].
fn stem_sim(a: &Word, b: &Word) -> f32 {
    match stems(a.text, b.text) {
        Some((x, y)) => word_sim(x, &skeleton(x), y, &skeleton(y), a.role, b.role),
        None => 1.0,
    }
}

/// Similarity of a merged run of words and one word: by spelling, or
/// by skeleton only when it is long enough to be specific. Only values
/// from [`MIN_MERGE_SIM`] on are exact.
fn merge_sim(a: &Word, b: &Word) -> f32 {
    let role = PartRole::Unknown;
    let (mut a, mut b) = (*a, *b);
    a.role = role;
    b.role = role;
    // The prefilter's `merge_entry` mirrors this rule.
    if a.skeleton.len() < 4 {
        a.skeleton = "";
        b.skeleton = "";
        a.skel_mask = 0;
        b.skel_mask = 0;
    }
    word_sim_floor(&a, &b, MIN_MERGE_SIM)
}

/// Given and family names trade places only in error (yente #247):
/// "Friedrich Hans" is not "Hans Friedrich". Nor do a given name and a
/// father's name: "Omar bin Abdullah" is the son of "Abdullah bin Omar".
fn is_swap(a: PartRole, b: PartRole) -> bool {
    use PartRole::{Family, Given, Patronymic};
    matches!(
        (a, b),
        (Given, Family) | (Family, Given) | (Given, Patronymic) | (Patronymic, Given)
    )
}

fn span_text(tokens: &[Token], range: (usize, usize)) -> String {
    tokens
        .iter()
        .skip(range.0)
        .take(range.1)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of the alignment left in `scratch` by [`align`].
fn describe_alignment(
    q: &Rendering,
    c: &Rendering,
    tally: Tally,
    scratch: &Scratch,
) -> NameComparison {
    let pairs = scratch
        .chosen
        .iter()
        .map(|pair| {
            (
                span_text(&q.tokens, pair.q),
                span_text(&c.tokens, pair.c),
                pair.sim,
            )
        })
        .collect();
    let unmatched = |tokens: &[Token], used: &[bool]| -> Vec<String> {
        tokens
            .iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| t.text.clone())
            .collect()
    };
    NameComparison {
        score: tally.score,
        pairs,
        unmatched_query: unmatched(&q.tokens, &scratch.q_used),
        unmatched_candidate: unmatched(&c.tokens, &scratch.c_used),
        swapped_roles: tally.swapped_roles,
        number_conflict: tally.number_conflict,
        uninformative: false,
        legal_form_conflict: false,
    }
}
