//! Pairwise scoring of a query entity against a list entity, with the
//! features that explain the score.

mod affix;
mod ceiling;
mod facts;
mod name;
pub(crate) mod prefilter;
mod tally;
mod token;

use serde::{Deserialize, Serialize};

use crate::explain::{replay, round, Feature};
use crate::normalize::NORMALIZER_VERSION;
use crate::prepare::{PreparedEntity, PreparedName};

pub use facts::{is_unique_kind, DateRelation};
pub use name::{compare_names, compare_renderings, NameComparison, Scratch};
pub(crate) use token::byte_mask;
pub use token::{edit_sim, osa_distance, token_sim, word_sim};

pub(crate) use ceiling::name_bar;
pub use ceiling::{intern, may_reach, CeilingScratch, CeilingWords};
use name::{compare_names_value, explain_names, NameScore};
use tally::effective;

/// Version of the scoring algorithm; results carry it (with the
/// normaliser's) so that a decision can be replayed under the same rules.
pub const ALGORITHM_VERSION: &str = "meldpunt-match-3";

/// The scoring and normalisation versions together, e.g.
/// "meldpunt-match-3+norm-3".
pub fn algorithm_version() -> String {
    format!("{ALGORITHM_VERSION}+{NORMALIZER_VERSION}")
}

/// The default match threshold. At 0.75 a two-part name with one typo
/// in the family name still matches (≈0.85), a name with one of its two
/// parts different does not (≈0.55), and given and family names swapped
/// stay below it (0.70); measured on the public name benchmark it sits
/// on the flat top of the F1 curve rather than at a single sharp peak.
pub const DEFAULT_THRESHOLD: f32 = 0.75;

/// Weights and penalties of the scorer. Every field is documented with
/// the reasoning behind its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScoringConfig {
    /// Score at or above which a pair is a match; see [`DEFAULT_THRESHOLD`].
    pub threshold: f32,
    /// Word pairs below this similarity are not aligned at all: each word
    /// is then unmatched (a substitution when both sides have one). At
    /// 0.5, compounds sharing an article and a letter or two ("almasri" and
    /// "alsebai", 0.52) were aligned as one word misspelt.
    pub min_token_sim: f32,
    /// Unmatched query words count this much of their weight against the
    /// score: the query names someone the candidate does not.
    pub query_miss_weight: f32,
    /// Unmatched candidate words cost little: lists spell out middle
    /// names and patronymics that customers leave out.
    pub candidate_miss_weight: f32,
    /// An unmatched candidate word that faces an unmatched query word is a
    /// substituted part, not an omitted one, and costs this much: more
    /// than its weight, since a part both sides name differently
    /// ("Habib ben Ahmed" / "Habib ben Mohamed", "Saudi Arabian Gas" /
    /// "Saudi Arabian Oil") is evidence of another bearer, where an
    /// omitted part is only the absence of evidence.
    pub substitution_weight: f32,
    /// Unmatched query middle names and patronymics cost this much: lists
    /// omit them as often as customers do.
    pub optional_miss_weight: f32,
    /// Word similarities at or above the knee count as they are; below it
    /// they fall `similarity_slope` times faster.
    pub similarity_knee: f32,
    pub similarity_slope: f32,
    /// Subtracted from the name score per unit weight of aligned word pairs
    /// below the knee. Those are mostly two different names ("Ahmed" and
    /// "Mohamed"), and that evidence does not shrink because the rest of a
    /// long name agrees: the ratio alone would let four shared common
    /// words outvote one differing father's name.
    pub dissimilar_pair_penalty: f32,
    /// Family names weigh more than other parts.
    pub family_weight: f32,
    /// A given name matched against a family name keeps this share of its
    /// similarity (yente #247).
    pub role_swap_factor: f32,
    /// A name matched only through a candidate's weak alias is capped here.
    pub weak_alias_cap: f32,
    /// A Latin query matched through a non-Latin list name is scaled by
    /// this: romanising unvowelled script is ambiguous (yente #257).
    pub cross_script_factor: f32,
    /// A name made only of legal forms, titles and generic words.
    pub uninformative_cap: f32,
    /// A numeral on one side that the other lacks or writes differently
    /// (vessel "NORD 1" vs "NORD 2", fund "VII" vs "VIII"). Numerals are
    /// series and hull numbers, not name words: the rest of the name is
    /// scored without them and the pair is capped here, just above the
    /// threshold, so a renamed vessel or a sibling fund of a listed sponsor
    /// is surfaced for review (with `number_conflict` in the explanation)
    /// but ranks below a clean match; identifiers (IMO) then decide.
    pub number_conflict_cap: f32,
    /// Two names written in Hangul whose syllables differ; see
    /// `name::compare_names_value`.
    pub native_script_conflict_cap: f32,
    /// Different legal-form classes (LLC vs JSC).
    pub legal_form_conflict: f32,
    /// The score a shared identifier of one kind lifts a pair to.
    pub identifier_floor: f32,
    /// A weakly unique identifier (passport, national id…) is decisive
    /// only when the names agree at least this much.
    pub identifier_min_name: f32,
    /// Different values of a unique identifier kind (IMO, LEI, INN…).
    pub identifier_conflict: f32,
    pub dob_match_bonus: f32,
    pub dob_near_miss_penalty: f32,
    pub dob_day_penalty: f32,
    pub dob_year_penalty: f32,
    pub country_penalty: f32,
    pub gender_penalty: f32,
}

impl Default for ScoringConfig {
    fn default() -> Self {
        ScoringConfig {
            threshold: DEFAULT_THRESHOLD,
            min_token_sim: 0.55,
            query_miss_weight: 0.8,
            candidate_miss_weight: 0.2,
            substitution_weight: 2.0,
            optional_miss_weight: 0.4,
            similarity_knee: 0.8,
            similarity_slope: 2.5,
            dissimilar_pair_penalty: 0.05,
            family_weight: 1.3,
            role_swap_factor: 0.7,
            weak_alias_cap: 0.7,
            cross_script_factor: 0.95,
            uninformative_cap: 0.3,
            number_conflict_cap: 0.8,
            native_script_conflict_cap: 0.7,
            legal_form_conflict: 0.05,
            identifier_floor: 0.95,
            identifier_min_name: 0.4,
            identifier_conflict: 0.3,
            dob_match_bonus: 0.05,
            dob_near_miss_penalty: 0.03,
            dob_day_penalty: 0.1,
            dob_year_penalty: 0.15,
            country_penalty: 0.1,
            gender_penalty: 0.1,
        }
    }
}

/// The score of one candidate for one query, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchScore {
    /// In [0, 1]: the clamped sum of the features' `value × weight`.
    pub score: f32,
    pub is_match: bool,
    pub features: Vec<Feature>,
    /// The query's name that matched best, as written.
    pub query_name: Option<String>,
    /// The candidate's name it matched, as written.
    pub matched_name: Option<String>,
}

/// Where features go: full [`Feature`]s with their explanation, or only
/// the numbers that make the score. Details are built lazily, so that
/// the numeric path formats no text.
trait FeatureSink {
    /// Whether the sink keeps texts (details, names as written).
    const TEXT: bool;
    fn push(
        &mut self,
        name: &'static str,
        value: f32,
        weight: f32,
        detail: impl FnOnce() -> String,
    );
    /// The score of the features so far, as [`replay`] computes it.
    fn replay(&self) -> f32;
}

impl FeatureSink for Vec<Feature> {
    const TEXT: bool = true;
    fn push(
        &mut self,
        name: &'static str,
        value: f32,
        weight: f32,
        detail: impl FnOnce() -> String,
    ) {
        Vec::push(self, Feature::new(name, value, weight, detail()));
    }

    fn replay(&self) -> f32 {
        replay(self)
    }
}

/// Contributions (`value × weight`, both rounded as [`Feature::new`]
/// rounds them) in feature order.
#[derive(Debug, Default)]
struct Contributions {
    values: [f32; 16],
    len: usize,
    /// Features beyond the fixed capacity (never seen in practice).
    overflow: Vec<f32>,
}

impl FeatureSink for Contributions {
    const TEXT: bool = false;
    fn push(&mut self, _: &'static str, value: f32, weight: f32, _: impl FnOnce() -> String) {
        let contribution = round(value) * round(weight);
        match self.values.get_mut(self.len) {
            Some(slot) => {
                *slot = contribution;
                self.len += 1;
            }
            None => self.overflow.push(contribution),
        }
    }

    fn replay(&self) -> f32 {
        self.values[..self.len]
            .iter()
            .chain(&self.overflow)
            .copied()
            .sum::<f32>()
            .clamp(0.0, 1.0)
    }
}

/// Reusable buffers for scoring many candidates against one query
/// without allocating; [`ScoreBuffer::score_value`] gives exactly the
/// score [`score`] gives.
#[derive(Debug, Default)]
pub struct ScoreBuffer {
    scratch: Scratch,
}

impl ScoreBuffer {
    /// The score of `candidate` for `query`, as [`score`] computes it,
    /// without building the explanation.
    pub fn score_value(
        &mut self,
        query: &PreparedEntity,
        candidate: &PreparedEntity,
        cfg: &ScoringConfig,
    ) -> f32 {
        let mut sink = Contributions::default();
        score_into(query, candidate, cfg, &mut self.scratch, &mut sink);
        round(sink.replay())
    }

    /// [`ScoreBuffer::score_value`] comparing only the name pairs whose
    /// ceiling (from [`may_reach`], in `scratch`) reaches both the best
    /// pair so far and the name score the threshold needs. Exact when
    /// the score reaches the threshold; otherwise some value below it.
    pub fn score_value_pruned(
        &mut self,
        query: &PreparedEntity,
        candidate: &PreparedEntity,
        cfg: &ScoringConfig,
        ceilings: &CeilingScratch,
    ) -> f32 {
        let pruning = ceilings
            .pruning()
            .filter(|(p, _)| p.len() == query.names.len() * candidate.names.len());
        self.score_value_within(query, candidate, cfg, pruning)
    }

    /// [`ScoreBuffer::score_value`] comparing only the name pairs whose
    /// ceiling in `pruning` (a `query names × candidate names` matrix by
    /// query name, and the name score the threshold needs) reaches both
    /// the best pair so far and that name score: exact when the score
    /// reaches the threshold, some value below it otherwise. Sound only
    /// when the ceilings are upper bounds of the adjusted pair scores
    /// and no identifier is shared (an identifier lifts a weak name).
    pub fn score_value_within(
        &mut self,
        query: &PreparedEntity,
        candidate: &PreparedEntity,
        cfg: &ScoringConfig,
        pruning: Option<(&[f32], f32)>,
    ) -> f32 {
        let mut sink = Contributions::default();
        score_pruned(query, candidate, cfg, &mut self.scratch, &mut sink, pruning);
        round(sink.replay())
    }

    /// The full result, as [`score`].
    pub fn score(
        &mut self,
        query: &PreparedEntity,
        candidate: &PreparedEntity,
        cfg: &ScoringConfig,
    ) -> MatchScore {
        let mut features = Vec::new();
        let names = score_into(query, candidate, cfg, &mut self.scratch, &mut features);
        finish(features, names, cfg)
    }
}

thread_local! {
    static BUFFER: std::cell::RefCell<ScoreBuffer> = std::cell::RefCell::default();
}

/// Scores `candidate` (a list entry) for `query` (the record screened).
pub fn score(
    query: &PreparedEntity,
    candidate: &PreparedEntity,
    cfg: &ScoringConfig,
) -> MatchScore {
    BUFFER.with(|b| match b.try_borrow_mut() {
        Ok(mut buffer) => buffer.score(query, candidate, cfg),
        Err(_) => ScoreBuffer::default().score(query, candidate, cfg),
    })
}

/// Pushes the features of a pair into `sink`; returns the best names
/// as written.
fn score_into<S: FeatureSink>(
    query: &PreparedEntity,
    candidate: &PreparedEntity,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
    sink: &mut S,
) -> Option<(String, String)> {
    score_pruned(query, candidate, cfg, scratch, sink, None)
}

/// [`score_into`], skipping the name pairs `pruning` rules out.
fn score_pruned<S: FeatureSink>(
    query: &PreparedEntity,
    candidate: &PreparedEntity,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
    sink: &mut S,
    pruning: Option<(&[f32], f32)>,
) -> Option<(String, String)> {
    if !query.schema.is_compatible(candidate.schema) {
        sink.push("schema_mismatch", 1.0, 0.0, || {
            format!("{} cannot be {}", query.schema, candidate.schema)
        });
        return None;
    }
    let best = best_names(query, candidate, cfg, scratch, pruning);
    match &best {
        Some((q, c, value)) => name_features(q, c, value, cfg, scratch, sink),
        None => sink.push("name", 0.0, 1.0, || "no comparable names".to_string()),
    }
    fact_features(query, candidate, cfg, sink);
    // The names are texts: only the full result needs them.
    if S::TEXT {
        best.map(|(q, c, _)| (q.original.clone(), c.original.clone()))
    } else {
        None
    }
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

type BestNames<'a> = (&'a PreparedName, &'a PreparedName, NameScore);

fn best_names<'a>(
    query: &'a PreparedEntity,
    candidate: &'a PreparedEntity,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
    pruning: Option<(&[f32], f32)>,
) -> Option<BestNames<'a>> {
    let mut best: Option<(f32, BestNames<'a>)> = None;
    let width = candidate.names.len();
    for (i, q) in query.names.iter().enumerate() {
        for (j, c) in candidate.names.iter().enumerate() {
            // A pair whose ceiling is below the best so far (adjusted
            // scores never exceed raw ones) or below what the threshold
            // needs cannot change a score that reaches the threshold.
            if let Some((ceilings, needed)) = pruning {
                let cap = ceilings
                    .get(i * width + j)
                    .copied()
                    .unwrap_or(f32::INFINITY);
                if cap < needed || best.as_ref().is_some_and(|(b, _)| cap < *b) {
                    continue;
                }
            }
            let value = compare_names_value(q, c, cfg, scratch);
            let s = adjusted(q, c, value.score, cfg);
            if best.as_ref().is_none_or(|(b, _)| s > *b) {
                best = Some((s, (q, c, value)));
            }
        }
    }
    best.map(|(_, b)| b)
}

fn name_features<S: FeatureSink>(
    q: &PreparedName,
    c: &PreparedName,
    value: &NameScore,
    cfg: &ScoringConfig,
    scratch: &mut Scratch,
    out: &mut S,
) {
    out.push("name", value.score, 1.0, || {
        describe(&explain_names(q, c, value, cfg, scratch))
    });
    let mut running = value.score;
    if q.latin && !c.latin {
        let next = running * cfg.cross_script_factor;
        out.push("cross_script", 1.0, next - running, || {
            format!("Latin query matched {} name", script_word(c))
        });
        running = next;
    }
    if (c.is_weak() || q.is_weak()) && running > cfg.weak_alias_cap {
        out.push("weak_alias", 1.0, cfg.weak_alias_cap - running, || {
            "matched only a weak alias".to_string()
        });
    }
    if value.uninformative {
        out.push("uninformative_name", 1.0, 0.0, || {
            format!(
                "only legal forms or generic words; capped at {}",
                cfg.uninformative_cap
            )
        });
    }
    if value.number_conflict {
        out.push("number_conflict", 1.0, 0.0, || {
            format!("numerals differ; capped at {}", cfg.number_conflict_cap)
        });
    }
    if value.legal_form_conflict {
        out.push("legal_form_conflict", 1.0, 0.0, || {
            format!("{:?} vs {:?}; included in name", q.legal_form, c.legal_form)
        });
    }
    if value.swapped_roles > 0 {
        out.push("role_swap", value.swapped_roles as f32, 0.0, || {
            format!(
                "given and family names crossed; scaled by {}; included in name",
                cfg.role_swap_factor
            )
        });
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

fn fact_features<S: FeatureSink>(
    q: &PreparedEntity,
    c: &PreparedEntity,
    cfg: &ScoringConfig,
    out: &mut S,
) {
    let name_score: f32 = out.replay();
    let (shared, conflicts) = facts::identifiers(q, c);
    if let Some((kind, value)) = shared {
        let decisive = is_unique_kind(kind) || name_score >= cfg.identifier_min_name;
        let lift = if decisive {
            (cfg.identifier_floor - name_score).max(0.0)
        } else {
            0.0
        };
        out.push("identifier_match", 1.0, lift, || {
            format!("{} {value}", kind.as_str())
        });
    }
    for kind in conflicts {
        out.push("identifier_conflict", 1.0, -cfg.identifier_conflict, || {
            format!("different {}", kind.as_str())
        });
    }
    if let Some((relation, a, b)) = facts::birth_dates(&q.birth_dates, &c.birth_dates) {
        let (name, weight) = facts::date_feature(relation, cfg);
        out.push(name, 1.0, weight, || format!("{} ~ {}", a.spec, b.spec));
    }
    if let Some((name, weight)) = facts::countries(q, c, cfg) {
        out.push(name, 1.0, weight, || {
            format!("{} ~ {}", q.countries.join(","), c.countries.join(","))
        });
    }
    if let (Some(a), Some(b)) = (q.gender, c.gender) {
        if a != b {
            out.push("gender_conflict", 1.0, -cfg.gender_penalty, || {
                format!("{} ~ {}", a.as_str(), b.as_str())
            });
        }
    }
}
