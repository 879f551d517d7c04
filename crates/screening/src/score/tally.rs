//! What an alignment of two renderings is worth: matched pairs count
//! their effective similarity at their weight, unmatched words cost by
//! side and role (omitted, substituted, repeated, a country), dissimilar
//! pairs subtract, and the ratio is the name score.

use crate::normalize::{is_country_word, PartRole, Token};
use crate::prepare::Rendering;

use super::name::Pair;
use super::token::same;
use super::ScoringConfig;

/// The numbers of a rendering alignment, without its texts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tally {
    pub score: f32,
    pub number_conflict: bool,
    pub swapped_roles: usize,
}

pub(super) fn token_weight(token: &Token, cfg: &ScoringConfig) -> f32 {
    if token.role == PartRole::Family {
        token.weight * cfg.family_weight
    } else {
        token.weight
    }
}

pub(super) fn span_weight(tokens: &[Token], range: (usize, usize), cfg: &ScoringConfig) -> f32 {
    tokens
        .iter()
        .skip(range.0)
        .take(range.1)
        .map(|t| token_weight(t, cfg))
        .sum()
}

/// Weight of a rendering's unmatched words.
#[derive(Default)]
struct Missing {
    /// Middle names and patronymics: either side may leave them out.
    optional: f32,
    /// Every other part.
    other: f32,
    /// Words repeated from a matched word ("Shoigu Shoigu Sergey"): a
    /// duplication, not a further part, unless it stands where the other
    /// side has a different word.
    repeated: f32,
    /// Country names in a company's name ("Banco Santander México").
    place: f32,
}

impl Missing {
    fn of(tokens: &[Token], used: &[bool], cfg: &ScoringConfig) -> Missing {
        let mut missing = Missing::default();
        // An unmatched numeral is a series or hull number, not a name
        // word: it caps the score (`number_conflict`) instead.
        let unmatched = tokens
            .iter()
            .zip(used)
            .filter(|(t, u)| !**u && t.role != PartRole::Number);
        for (token, _) in unmatched {
            let w = token_weight(token, cfg);
            let repeated = tokens
                .iter()
                .zip(used)
                .any(|(t, u)| *u && same(&t.text, &token.text));
            if repeated {
                missing.repeated += w;
            } else if token.role == PartRole::Core && is_country_word(&token.text) {
                missing.place += w;
            } else if matches!(token.role, PartRole::Middle | PartRole::Patronymic) {
                missing.optional += w;
            } else {
                missing.other += w;
            }
        }
        missing
    }

    fn total(&self) -> f32 {
        self.optional + self.other + self.repeated + self.place
    }
}

pub(super) fn tally(
    q: &Rendering,
    c: &Rendering,
    chosen: &[Pair],
    q_used: &[bool],
    c_used: &[bool],
    cfg: &ScoringConfig,
) -> Tally {
    let (mut num, mut den) = (0.0f32, 0.0f32);
    // Weight of aligned pairs below the knee: two different names more
    // often than one name misspelt.
    let mut dissimilar = 0.0f32;
    for pair in chosen {
        let weight =
            (span_weight(&q.tokens, pair.q, cfg) + span_weight(&c.tokens, pair.c, cfg)) / 2.0;
        num += effective(pair.sim, cfg) * weight;
        den += weight;
        if pair.sim < cfg.similarity_knee {
            dissimilar += weight;
        }
    }
    let mq = Missing::of(&q.tokens, q_used, cfg);
    let mc = Missing::of(&c.tokens, c_used, cfg);
    // A candidate word facing an unmatched query word is not a part the
    // customer left out but a different part ("Habib ben Mohamed" against
    // "Habib ben Ahmed"): it costs like a query miss, whatever its role.
    let substituted = (mc.place + mc.other + mc.optional).min(mq.total());
    // A country the list entry names and the query does not is a national
    // company of the group, not the customer (the listing of a subsidiary
    // does not reach its parent or its sister companies): it costs like a
    // query word the list lacks. A query naming a country the list entry
    // lacks may be a subsidiary of the listed company and keeps the cost of
    // any query word.
    let candidate_place = (mc.place - substituted).max(0.0);
    // Left-out candidate middle names and patronymics cost nothing:
    // lists spell out what customers omit.
    let candidate_other = (mc.other - (substituted - mc.place).max(0.0)).max(0.0);
    den += (mq.other + mq.place) * cfg.query_miss_weight
        + mq.optional * cfg.optional_miss_weight
        + substituted * cfg.substitution_weight
        + candidate_other * cfg.candidate_miss_weight
        + candidate_place * cfg.query_miss_weight;
    let unmatched_number = |tokens: &[Token], used: &[bool]| {
        tokens
            .iter()
            .zip(used)
            .any(|(t, u)| !*u && t.role == PartRole::Number)
    };
    let number_conflict =
        unmatched_number(&q.tokens, q_used) || unmatched_number(&c.tokens, c_used);
    let score = if den > 0.0 {
        (num / den - cfg.dissimilar_pair_penalty * dissimilar).clamp(0.0, 1.0)
    } else {
        0.0
    };
    Tally {
        score,
        number_conflict,
        swapped_roles: chosen.iter().filter(|p| p.swapped).count(),
    }
}

/// Word similarity as evidence: typos (≥ the knee) keep their value,
/// while a middling similarity between two different names ("Ahmed" and
/// "Mohamed", 0.57) says little, so below the knee it falls steeply.
pub(crate) fn effective(sim: f32, cfg: &ScoringConfig) -> f32 {
    if sim >= cfg.similarity_knee {
        sim
    } else {
        (cfg.similarity_knee - (cfg.similarity_knee - sim) * cfg.similarity_slope).max(0.0)
    }
}
