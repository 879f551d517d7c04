//! Name similarity: aligns the words of two renderings regardless of
//! order, merging adjacent words where one side writes them together,
//! and weighs matched and unmatched words by their role.

use meldpunt_screening::normalize::{PartRole, Token};
use meldpunt_screening::prepare::{PreparedName, Rendering};

use super::token::{token_sim, word_sim};
use super::ScoringConfig;

/// Merged words must agree closely: a loose merge would let any two
/// short words stand in for a long one.
const MIN_MERGE_SIM: f32 = 0.85;

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
struct Pair {
    q: (usize, usize),
    c: (usize, usize),
    sim: f32,
    swapped: bool,
}

/// Best comparison over every rendering pair of two names.
pub fn compare_names(q: &PreparedName, c: &PreparedName, cfg: &ScoringConfig) -> NameComparison {
    // Word order conventions vary across scripts ("Ротенберг Аркадий"); a
    // crossed given and family name is suspicious only between two
    // Latin-script names.
    let strict = q.latin && c.latin;
    let mut best: Option<NameComparison> = None;
    for qr in &q.renderings {
        for cr in &c.renderings {
            let result = compare_renderings(qr, cr, strict, cfg);
            if best.as_ref().is_none_or(|b| result.score > b.score) {
                best = Some(result);
            }
        }
    }
    let mut result = best.unwrap_or_else(empty_comparison);
    let uninformative = q.informative_weight <= 0.0 || c.informative_weight <= 0.0;
    if uninformative {
        result.uninformative = true;
        result.score = result.score.min(cfg.uninformative_cap);
    }
    if let (Some(a), Some(b)) = (q.legal_form, c.legal_form) {
        if a != b {
            result.legal_form_conflict = true;
            result.score = (result.score - cfg.legal_form_conflict).max(0.0);
        }
    }
    if result.number_conflict {
        result.score = result.score.min(cfg.number_conflict_cap);
    }
    result
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
    let mut pairs = candidate_pairs(q, c, strict_roles, cfg);
    pairs.sort_by(|a, b| {
        b.sim
            .total_cmp(&a.sim)
            .then((b.q.1 + b.c.1).cmp(&(a.q.1 + a.c.1)))
    });
    let mut q_used = vec![false; q.tokens.len()];
    let mut c_used = vec![false; c.tokens.len()];
    let mut chosen: Vec<Pair> = Vec::new();
    for pair in pairs {
        let (qs, cs) = (pair.q.0..pair.q.0 + pair.q.1, pair.c.0..pair.c.0 + pair.c.1);
        if qs.clone().any(|i| q_used[i]) || cs.clone().any(|j| c_used[j]) {
            continue;
        }
        qs.for_each(|i| q_used[i] = true);
        cs.for_each(|j| c_used[j] = true);
        chosen.push(pair);
    }
    tally(q, c, &chosen, &q_used, &c_used, cfg)
}

fn candidate_pairs(
    q: &Rendering,
    c: &Rendering,
    strict_roles: bool,
    cfg: &ScoringConfig,
) -> Vec<Pair> {
    let mut pairs = Vec::with_capacity(q.tokens.len() * c.tokens.len() + 8);
    for (i, qt) in q.tokens.iter().enumerate() {
        for (j, ct) in c.tokens.iter().enumerate() {
            let swapped = strict_roles && is_swap(qt.role, ct.role);
            let mut sim = token_sim(qt, ct);
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
        for (j, ct) in c.tokens.iter().enumerate() {
            let sim = merge_sim(&span.text, &span.skeleton, &ct.text, &ct.skeleton);
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
        for (i, qt) in q.tokens.iter().enumerate() {
            let sim = merge_sim(&qt.text, &qt.skeleton, &span.text, &span.skeleton);
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
    pairs
}

/// Similarity of a merged run of words and one word: by spelling, or
/// by skeleton only when it is long enough to be specific.
fn merge_sim(a: &str, a_skel: &str, b: &str, b_skel: &str) -> f32 {
    let role = PartRole::Unknown;
    if a_skel.len() >= 4 {
        word_sim(a, a_skel, b, b_skel, role, role)
    } else {
        word_sim(a, "", b, "", role, role)
    }
}

/// Given and family names trade places only in error (yente #247):
/// "Friedrich Hans" is not "Hans Friedrich".
fn is_swap(a: PartRole, b: PartRole) -> bool {
    matches!(
        (a, b),
        (PartRole::Given, PartRole::Family) | (PartRole::Family, PartRole::Given)
    )
}

fn token_weight(token: &Token, cfg: &ScoringConfig) -> f32 {
    if token.role == PartRole::Family {
        token.weight * cfg.family_weight
    } else {
        token.weight
    }
}

fn span_weight(tokens: &[Token], range: (usize, usize), cfg: &ScoringConfig) -> f32 {
    tokens
        .iter()
        .skip(range.0)
        .take(range.1)
        .map(|t| token_weight(t, cfg))
        .sum()
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

/// Weight of unmatched words: (middle names and patronymics, the rest).
/// A word repeated from a matched word ("Shoigu Shoigu Sergey") is a
/// duplication, not a further part, and costs nothing.
fn query_missing(
    tokens: &[Token],
    idx: &[usize],
    used: &[bool],
    cfg: &ScoringConfig,
) -> (f32, f32) {
    let (mut optional, mut other) = (0.0, 0.0);
    for &i in idx {
        let token = &tokens[i];
        let repeated = tokens
            .iter()
            .zip(used)
            .any(|(t, u)| *u && t.text == token.text);
        if repeated {
            continue;
        }
        let w = token_weight(token, cfg);
        if matches!(token.role, PartRole::Middle | PartRole::Patronymic) {
            optional += w;
        } else {
            other += w;
        }
    }
    (optional, other)
}

fn tally(
    q: &Rendering,
    c: &Rendering,
    chosen: &[Pair],
    q_used: &[bool],
    c_used: &[bool],
    cfg: &ScoringConfig,
) -> NameComparison {
    let (mut num, mut den) = (0.0f32, 0.0f32);
    let mut pairs = Vec::with_capacity(chosen.len());
    for pair in chosen {
        let weight =
            (span_weight(&q.tokens, pair.q, cfg) + span_weight(&c.tokens, pair.c, cfg)) / 2.0;
        num += effective(pair.sim, cfg) * weight;
        den += weight;
        pairs.push((
            span_text(&q.tokens, pair.q),
            span_text(&c.tokens, pair.c),
            pair.sim,
        ));
    }
    let unmatched = |tokens: &[Token], used: &[bool]| -> Vec<usize> {
        (0..tokens.len()).filter(|i| !used[*i]).collect()
    };
    let (uq, uc) = (unmatched(&q.tokens, q_used), unmatched(&c.tokens, c_used));
    let (wq_optional, wq) = query_missing(&q.tokens, &uq, q_used, cfg);
    let (_, wc) = query_missing(&c.tokens, &uc, c_used, cfg);
    // A candidate word facing an unmatched query word is not a part the
    // customer left out but a different part: it costs like a query miss.
    let substituted = wc.min(wq + wq_optional);
    den += wq * cfg.query_miss_weight
        + wq_optional * cfg.optional_miss_weight
        + substituted * cfg.substitution_weight
        + (wc - substituted) * cfg.candidate_miss_weight;
    let is_number = |t: &Token| t.role == PartRole::Number;
    let number_conflict =
        uq.iter().any(|&i| is_number(&q.tokens[i])) || uc.iter().any(|&j| is_number(&c.tokens[j]));
    let score = if den > 0.0 {
        (num / den).clamp(0.0, 1.0)
    } else {
        0.0
    };
    NameComparison {
        score,
        pairs,
        unmatched_query: uq.iter().map(|&i| q.tokens[i].text.clone()).collect(),
        unmatched_candidate: uc.iter().map(|&j| c.tokens[j].text.clone()).collect(),
        swapped_roles: chosen.iter().filter(|p| p.swapped).count(),
        number_conflict,
        uninformative: false,
        legal_form_conflict: false,
    }
}

/// Word similarity as evidence: typos (≥ the knee) keep their value,
/// while a middling similarity between two different names ("Ahmed" and
/// "Mohamed", 0.57) says little, so below the knee it falls steeply.
fn effective(sim: f32, cfg: &ScoringConfig) -> f32 {
    if sim >= cfg.similarity_knee {
        sim
    } else {
        (cfg.similarity_knee - (cfg.similarity_knee - sim) * cfg.similarity_slope).max(0.0)
    }
}
