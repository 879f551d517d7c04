//! The scorer as it was before the performance work (commit 853139b),
//! kept verbatim as the reference that the optimised scorer must equal.

#![allow(dead_code, unused_imports)]

mod facts;
mod name;
mod token;

use meldpunt_screening::explain::{replay, round, Feature};
use meldpunt_screening::normalize::NORMALIZER_VERSION;
use meldpunt_screening::prepare::{PreparedEntity, PreparedName};

pub use facts::is_unique_kind;
pub use name::{compare_names, NameComparison};

use meldpunt_screening::{MatchScore, ScoringConfig};

/// Scores `candidate` (a list entry) for `query` (the record screened).
pub fn score(
    query: &PreparedEntity,
    candidate: &PreparedEntity,
    cfg: &ScoringConfig,
) -> MatchScore {
    if !query.schema.is_compatible(candidate.schema) {
        let detail = format!("{} cannot be {}", query.schema, candidate.schema);
        return finish(
            vec![Feature::new("schema_mismatch", 1.0, 0.0, detail)],
            None,
            cfg,
        );
    }
    let mut features = Vec::new();
    let best = best_names(query, candidate, cfg);
    let names = best
        .as_ref()
        .map(|(q, c, _)| (q.original.clone(), c.original.clone()));
    match &best {
        Some((q, c, comparison)) => name_features(q, c, comparison, cfg, &mut features),
        None => features.push(Feature::new("name", 0.0, 1.0, "no comparable names")),
    }
    fact_features(query, candidate, cfg, &mut features);
    finish(features, names, cfg)
}

fn finish(
    features: Vec<Feature>,
    names: Option<(String, String)>,
    cfg: &ScoringConfig,
) -> MatchScore {
    let score = round(replay(&features));
    let (query_name, matched_name) = names.unzip();
    MatchScore {
        score,
        is_match: score >= cfg.threshold,
        features,
        query_name,
        matched_name,
    }
}

/// Name score after the weak-alias and cross-script rules, which decide
/// which pair of names is best.
fn adjusted(q: &PreparedName, c: &PreparedName, raw: f32, cfg: &ScoringConfig) -> f32 {
    let mut s = raw;
    if q.latin && !c.latin {
        s *= cfg.cross_script_factor;
    }
    if c.is_weak() || q.is_weak() {
        s = s.min(cfg.weak_alias_cap);
    }
    s
}

type BestNames<'a> = (&'a PreparedName, &'a PreparedName, NameComparison);

fn best_names<'a>(
    query: &'a PreparedEntity,
    candidate: &'a PreparedEntity,
    cfg: &ScoringConfig,
) -> Option<BestNames<'a>> {
    let mut best: Option<(f32, BestNames<'a>)> = None;
    for q in &query.names {
        for c in &candidate.names {
            let comparison = compare_names(q, c, cfg);
            let s = adjusted(q, c, comparison.score, cfg);
            if best.as_ref().is_none_or(|(b, _)| s > *b) {
                best = Some((s, (q, c, comparison)));
            }
        }
    }
    best.map(|(_, b)| b)
}

fn name_features(
    q: &PreparedName,
    c: &PreparedName,
    comparison: &NameComparison,
    cfg: &ScoringConfig,
    out: &mut Vec<Feature>,
) {
    out.push(Feature::new(
        "name",
        comparison.score,
        1.0,
        describe(comparison),
    ));
    let mut running = comparison.score;
    if q.latin && !c.latin {
        let next = running * cfg.cross_script_factor;
        out.push(Feature::new(
            "cross_script",
            1.0,
            next - running,
            format!("Latin query matched {} name", script_word(c)),
        ));
        running = next;
    }
    if (c.is_weak() || q.is_weak()) && running > cfg.weak_alias_cap {
        out.push(Feature::new(
            "weak_alias",
            1.0,
            cfg.weak_alias_cap - running,
            "matched only a weak alias",
        ));
    }
    if comparison.uninformative {
        out.push(Feature::new(
            "uninformative_name",
            1.0,
            0.0,
            format!(
                "only legal forms or generic words; capped at {}",
                cfg.uninformative_cap
            ),
        ));
    }
    if comparison.number_conflict {
        out.push(Feature::new(
            "number_conflict",
            1.0,
            0.0,
            format!("numerals differ; capped at {}", cfg.number_conflict_cap),
        ));
    }
    if comparison.legal_form_conflict {
        out.push(Feature::new(
            "legal_form_conflict",
            1.0,
            0.0,
            format!("{:?} vs {:?}; included in name", q.legal_form, c.legal_form),
        ));
    }
    if comparison.swapped_roles > 0 {
        out.push(Feature::new(
            "role_swap",
            comparison.swapped_roles as f32,
            0.0,
            format!(
                "given and family names crossed; scaled by {}; included in name",
                cfg.role_swap_factor
            ),
        ));
    }
}

fn script_word(name: &PreparedName) -> String {
    meldpunt_model::dominant_script(&name.original)
}

fn describe(c: &NameComparison) -> String {
    let mut parts: Vec<String> = c
        .pairs
        .iter()
        .map(|(a, b, s)| format!("{a}={b} {:.2}", round(*s)))
        .collect();
    if !c.unmatched_query.is_empty() {
        parts.push(format!("query only: {}", c.unmatched_query.join(" ")));
    }
    if !c.unmatched_candidate.is_empty() {
        parts.push(format!(
            "candidate only: {}",
            c.unmatched_candidate.join(" ")
        ));
    }
    parts.join("; ")
}

fn fact_features(
    q: &PreparedEntity,
    c: &PreparedEntity,
    cfg: &ScoringConfig,
    out: &mut Vec<Feature>,
) {
    let name_score: f32 = replay(out);
    let (shared, conflicts) = facts::identifiers(q, c);
    if let Some((kind, value)) = shared {
        let decisive = is_unique_kind(kind) || name_score >= cfg.identifier_min_name;
        let lift = if decisive {
            (cfg.identifier_floor - name_score).max(0.0)
        } else {
            0.0
        };
        out.push(Feature::new(
            "identifier_match",
            1.0,
            lift,
            format!("{} {value}", kind.as_str()),
        ));
    }
    for kind in conflicts {
        out.push(Feature::new(
            "identifier_conflict",
            1.0,
            -cfg.identifier_conflict,
            format!("different {}", kind.as_str()),
        ));
    }
    if let Some((relation, detail)) = facts::birth_dates(&q.birth_dates, &c.birth_dates) {
        out.push(facts::date_feature(relation, detail, cfg));
    }
    out.extend(facts::countries(q, c, cfg));
    out.extend(facts::gender(q, c, cfg));
}
