//! Soundness of the prefilter: neighbourhoods hold every list word at
//! or above their bar (checked against a scan of the whole vocabulary),
//! and the per-name bound never falls below a real score, on every pair
//! of the name benchmark and on perturbed OFAC queries; screening with
//! it returns exactly the hits of scoring every list entity.

use meldpunt_model::{Entity, Name, NameKind, Schema};
use meldpunt_sources::{plan_inputs, read_input, ReadOptions, Record, SourceError};
use meldpunt_testkit::sample::Rng;

use super::vocab::Entry;
use super::*;
use crate::score::ScoreBuffer;
use crate::{ListEntry, ScreenOptions, Screener};

fn ofac() -> Option<Vec<Entity>> {
    let path = meldpunt_testkit::shared_file("lists/ofac/sdn-2021-07")?;
    let inputs = plan_inputs(&[path], None).ok()?;
    let mut out = Vec::new();
    for input in &inputs {
        let mut push = |record: Record| -> Result<(), SourceError> {
            if !record.deleted {
                out.push(record.entity);
            }
            Ok(())
        };
        read_input(input, &ReadOptions::default(), &mut push).ok()?;
    }
    Some(out)
}

/// A list name with typos, a transposition, merged or dropped words.
fn perturb(name: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    for _ in 0..=rng.below(2) {
        if chars.len() < 3 {
            break;
        }
        let i = rng.below(chars.len() - 1);
        match rng.below(5) {
            0 => {
                chars.remove(i);
            }
            1 => chars[i] = 'e',
            2 => chars.swap(i, i + 1),
            3 => {
                if let Some(p) = chars.iter().position(|c| *c == ' ') {
                    chars.remove(p);
                }
            }
            _ => {
                let words: String = chars.iter().collect();
                let mut w: Vec<&str> = words.split_whitespace().collect();
                w.rotate_left(1);
                chars = w.join(" ").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

/// Entities the prefilter keeps at `threshold`, or every one when it
/// cannot decide.
fn kept(p: &Prefilter, q: &PreparedEntity, threshold: f32, n: usize) -> Vec<bool> {
    match p.entities(q, threshold) {
        None => vec![true; n],
        Some(list) => {
            let mut keep = vec![false; n];
            for (e, _) in list.entities {
                keep[e as usize] = true;
            }
            keep
        }
    }
}

#[test]
fn neighbourhoods_are_complete() {
    let Some(entities) = ofac() else {
        return;
    };
    let cfg = ScoringConfig::default();
    let prepared: Vec<PreparedEntity> = entities.iter().map(PreparedEntity::new).collect();
    let p = Prefilter::build(prepared.iter(), &cfg);
    let mut rng = Rng::new(77);
    let step = if cfg!(debug_assertions) { 997 } else { 97 };
    let queries: Vec<Entry> = p
        .tokens
        .entries
        .iter()
        .step_by(step)
        .map(|e| {
            let text = perturb(&e.text, &mut rng).replace(' ', "");
            let skeleton = crate::normalize::skeleton(&text);
            Entry::new(&text, &skeleton)
        })
        .filter(|e| e.chars > 1)
        .collect();
    for q in &queries {
        for (vocab, bar, merge) in [(&p.tokens, p.tau, false), (&p.spans, MIN_MERGE_SIM, true)] {
            let mut got = Vec::new();
            vocab.neighbours(q, bar, false, merge, &mut got);
            let ids: rustc_hash::FxHashSet<u32> = got.iter().map(|h| h.0).collect();
            let base = if std::ptr::eq(vocab, &p.spans) {
                p.tokens.entries.len() as u32
            } else {
                0
            };
            for (i, e) in vocab.entries.iter().enumerate() {
                let sim = vocab::similarity(q, e, f32::NEG_INFINITY, merge);
                assert!(
                    sim < bar || ids.contains(&(base + i as u32)),
                    "{} ~ {} at {sim} missing (bar {bar})",
                    q.text,
                    e.text
                );
            }
        }
    }
}

#[test]
fn bound_allows_every_name_bench_score() {
    let Some(path) = meldpunt_testkit::shared_file("names/name_bench_cases.csv") else {
        return;
    };
    let Ok(mut reader) = csv::Reader::from_path(&path) else {
        panic!("{}", path.display());
    };
    let cfg = ScoringConfig::default();
    let mut pairs = Vec::new();
    for row in reader.records().flatten() {
        let schema: Schema = row[1].parse().unwrap_or(Schema::LegalEntity);
        for (x, y) in [(&row[2], &row[3]), (&row[3], &row[2])] {
            pairs.push((
                PreparedEntity::from_name("q", schema, x),
                PreparedEntity::from_name("c", schema, y),
            ));
        }
    }
    let candidates: Vec<&PreparedEntity> = pairs.iter().map(|(_, c)| c).collect();
    let p = Prefilter::build(candidates.iter().copied(), &cfg);
    let mut buffer = ScoreBuffer::default();
    let mut decided = 0;
    for (i, (q, c)) in pairs.iter().enumerate() {
        let value = buffer.score_value(q, c, &cfg);
        if value <= 0.0 {
            continue;
        }
        let keep = kept(&p, q, value, pairs.len());
        decided += usize::from(keep.iter().any(|k| !k));
        assert!(
            keep[i],
            "bound below score {value}: {:?} | {:?}",
            q.names.first().map(|n| &n.original),
            c.names.first().map(|n| &n.original)
        );
    }
    assert!(
        decided > pairs.len() / 4,
        "the bound decided {decided} pairs"
    );
}

fn ofac_queries(entities: &[Entity], samples: usize) -> Vec<PreparedEntity> {
    let mut rng = Rng::new(424242);
    let mut queries = Vec::new();
    while queries.len() < samples {
        let entity = &entities[rng.below(entities.len())];
        let Some(name) = entity.names.iter().find(|n| n.kind == NameKind::Primary) else {
            continue;
        };
        let text = perturb(&name.value, &mut rng);
        let mut q = if queries.len() % 2 == 0 {
            entity.clone()
        } else {
            Entity::new("query", entity.schema)
        };
        q.id = "query".into();
        q.names.clear();
        q.add_name(Name::new(&text, NameKind::Primary));
        queries.push(PreparedEntity::new(&q));
    }
    queries
}

#[test]
fn bound_allows_ofac_scores_and_screening_is_exhaustive() {
    let Some(entities) = ofac() else {
        return;
    };
    let cfg = ScoringConfig::default();
    let samples = if cfg!(debug_assertions) { 6 } else { 60 };
    let queries = ofac_queries(&entities, samples);
    let screener = Screener::new(
        entities
            .into_iter()
            .map(|entity| ListEntry {
                entity,
                source: "ofac-sdn".into(),
                version_id: "test".into(),
            })
            .collect(),
        cfg.clone(),
    );
    let n = screener.len();
    for q in &queries {
        let scores: Vec<f32> = screener
            .score_exhaustive(q)
            .into_iter()
            .map(|(_, s)| s.score)
            .collect();
        for threshold in [0.45, 0.6, 0.75, 0.9] {
            let keep = kept(screener.prefilter(), q, threshold, n);
            for (e, s) in scores.iter().enumerate() {
                // Identifier matches are the caller's to add.
                let shared = screener
                    .prepared(e)
                    .is_some_and(|c| c.identifiers.iter().any(|i| q.identifiers.contains(i)));
                assert!(
                    *s < threshold || keep[e] || shared,
                    "entity {e} scores {s} ≥ {threshold} but is rejected for {:?}",
                    q.names.first().map(|n| &n.original)
                );
            }
        }
        let options = ScreenOptions {
            limit: 20,
            ..ScreenOptions::default()
        };
        let mut expected: Vec<(String, f32)> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s >= cfg.threshold)
            .filter_map(|(e, s)| Some((screener.prepared(e)?.id.clone(), *s)))
            .collect();
        expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        expected.truncate(options.limit);
        let got: Vec<(String, f32)> = screener
            .screen_prepared(q, &options)
            .into_iter()
            .map(|h| (h.entity_id, h.score))
            .collect();
        assert_eq!(got, expected);
    }
}

/// Every list entity whose score reaches a threshold is kept at it.
fn assert_keeps_every_score(
    p: &Prefilter,
    list: &[PreparedEntity],
    queries: &[PreparedEntity],
    thresholds: &[f32],
) {
    let cfg = ScoringConfig::default();
    let mut buffer = ScoreBuffer::default();
    for q in queries {
        for &threshold in thresholds {
            let keep = kept(p, q, threshold, list.len());
            for (e, c) in list.iter().enumerate() {
                let s = buffer.score_value(q, c, &cfg);
                assert!(
                    s < threshold || keep[e],
                    "{} scores {s} ≥ {threshold} but is rejected for {:?}",
                    c.id,
                    q.names.first().map(|n| &n.original)
                );
            }
        }
    }
}

/// A one-letter word reaches longer words only as an initial, and a
/// name of initials only is capped: the bound knows both, so a company
/// named "M-Invest" and an alias "A. B." are not kept for "Maria
/// Meijer" and "Anna Berg" (they were, through the list's initials
/// "M." and the uncapped bound), while every entity that does score is.
#[test]
fn one_letter_words_and_uninformative_names_are_bounded_by_their_rules() {
    let entity = |id: &str, schema: Schema, names: &[&str]| {
        let mut e = Entity::new(id, schema);
        for (k, n) in names.iter().enumerate() {
            let kind = if k == 0 {
                NameKind::Primary
            } else {
                NameKind::Alias
            };
            e.names.push(Name::new(*n, kind));
        }
        PreparedEntity::new(&e)
    };
    let list = [
        entity("invest", Schema::Company, &["M-Invest", "Korund-M"]),
        entity("smith", Schema::Person, &["John M. SMITH"]),
        entity("initials", Schema::Person, &["Zygmunt KOWALCZYK", "A. B."]),
        entity("meijer", Schema::Person, &["Maria MEIJER"]),
        entity("berg", Schema::Person, &["Anna BERG"]),
    ];
    let cfg = ScoringConfig::default();
    let p = Prefilter::build(list.iter(), &cfg);
    let queries = [
        PreparedEntity::from_name("q1", Schema::Person, "Maria Meijer"),
        PreparedEntity::from_name("q2", Schema::Person, "Anna Berg"),
        PreparedEntity::from_name("q3", Schema::Person, "M. Smith"),
        PreparedEntity::from_name("q4", Schema::Person, "J. M. Smith"),
        PreparedEntity::from_name("q5", Schema::LegalEntity, "M Invest"),
        PreparedEntity::from_name("q6", Schema::Person, "A. B."),
    ];
    assert_keeps_every_score(&p, &list, &queries, &[0.2, 0.45, 0.75]);
    let at_threshold = |q: &PreparedEntity| kept(&p, q, cfg.threshold, list.len());
    assert_eq!(
        at_threshold(&queries[0]),
        [false, false, false, true, false]
    );
    assert!(!at_threshold(&queries[1])[2], "A. B. is capped");
}

/// A merge pair compares skeletons only when the query side's skeleton
/// has four bytes or more (as scoring's `merge_sim`): "Mary Liu" merged
/// ("mrl") no longer reaches "Murillo" ("mrl"), while merges that do
/// score are kept.
#[test]
fn short_merge_skeletons_do_not_reach() {
    let person = |id: &str, name: &str| {
        let mut e = Entity::new(id, Schema::Person);
        e.names.push(Name::new(name, NameKind::Primary));
        PreparedEntity::new(&e)
    };
    let list = [
        person("murillo", "Jose Tolentino MURILLO"),
        person("abdulrahman", "Abdulrahman AL-SAYED"),
        person("liu", "Mary LIU"),
    ];
    let cfg = ScoringConfig::default();
    let p = Prefilter::build(list.iter(), &cfg);
    let queries = [
        PreparedEntity::from_name("q1", Schema::Person, "Mary Liu"),
        PreparedEntity::from_name("q2", Schema::Person, "Abdul Rahman Al Sayed"),
        PreparedEntity::from_name("q3", Schema::Person, "Murillo"),
    ];
    assert_keeps_every_score(&p, &list, &queries, &[0.3, 0.6, 0.75]);
    assert_eq!(
        kept(&p, &queries[0], cfg.threshold, list.len()),
        [false, false, true]
    );
    assert!(kept(&p, &queries[1], cfg.threshold, list.len())[1]);
}

/// Only given names (and a person's words of unknown part) pair as
/// prefix and whole (`token::word_sim_floor`): the neighbourhood of
/// "alex" reaches the given name "Alexander" at the prefix similarity,
/// and "nova" the company word "Novatek" only by its spelling.
#[test]
fn only_given_names_pair_by_prefix() {
    let entity = |id: &str, schema: Schema, name: &str| {
        let mut e = Entity::new(id, schema);
        e.names.push(Name::new(name, NameKind::Primary));
        PreparedEntity::new(&e)
    };
    let list = [
        entity("novatek", Schema::Company, "Novatek Holding"),
        entity("alexander", Schema::Person, "Alexander IVANOV"),
    ];
    let cfg = ScoringConfig::default();
    let p = Prefilter::build(list.iter(), &cfg);
    let best = |text: &str, name: u32| {
        let mut query = Entry::new(text, &crate::normalize::skeleton(text));
        query.prefix = true;
        let touches = p.touches(false, &query);
        touches
            .iter()
            .flat_map(|t| t.items.iter())
            .filter(|i| i.0 == name)
            .map(|i| i.1)
            .fold(-1.0f32, f32::max)
    };
    let prefix = crate::score::word_sim(
        "alex",
        "alks",
        "alexander",
        "alksntr",
        PartRole::Given,
        PartRole::Given,
    );
    assert!(
        (best("alex", 1) - prefix).abs() < 1e-6,
        "{}",
        best("alex", 1)
    );
    let spelling = crate::score::edit_sim("nova", "novatek");
    assert!(spelling < prefix);
    assert!(
        (best("nova", 0) - spelling).abs() < 1e-6,
        "{}",
        best("nova", 0)
    );
}
