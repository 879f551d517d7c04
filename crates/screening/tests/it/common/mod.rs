//! Shared test support: real list entities and query perturbations.

#![allow(dead_code)]

use meldpunt_model::{Entity, Name, NameKind, Schema};
use meldpunt_screening::{score, ListEntry, PreparedEntity, ScoringConfig};
use meldpunt_sources::{plan_inputs, read_input, ReadOptions, Record, SourceError};
pub use meldpunt_testkit::sample::{typo, Rng};

/// Entities of a shared list folder, or `None` when the data is absent.
pub fn list_entities(relative: &str) -> Option<Vec<Entity>> {
    let path = meldpunt_testkit::shared_file(relative)?;
    let inputs = match plan_inputs(&[path], None) {
        Ok(inputs) => inputs,
        Err(e) => panic!("{relative}: {e}"),
    };
    let options = ReadOptions::default();
    let mut entities = Vec::new();
    for input in &inputs {
        let mut push = |record: Record| -> Result<(), SourceError> {
            if !record.deleted {
                entities.push(record.entity);
            }
            Ok(())
        };
        if let Err(e) = read_input(input, &options, &mut push) {
            panic!("{relative}: {e}");
        }
    }
    Some(entities)
}

pub fn entries(entities: Vec<Entity>, source: &str) -> Vec<ListEntry> {
    entities
        .into_iter()
        .map(|entity| ListEntry {
            entity,
            source: source.to_string(),
            version_id: format!("{source}-test"),
        })
        .collect()
}

/// Kinds of perturbation applied to a list name to make a query.
pub const PERTURBATIONS: [&str; 6] = [
    "typo",
    "two_typos",
    "reorder",
    "drop_middle",
    "cyrillic",
    "merge",
];

pub fn perturb(name: &str, kind: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match kind {
        "typo" => typo(name, rng),
        "two_typos" => typo(&typo(name, rng), rng),
        "reorder" => {
            let mut w = words.clone();
            w.rotate_left(1);
            w.join(" ")
        }
        "drop_middle" if words.len() >= 3 => {
            let keep: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i == 0 || *i == words.len() - 1)
                .map(|(_, w)| *w)
                .collect();
            keep.join(" ")
        }
        "cyrillic" => name.chars().map(to_cyrillic).collect(),
        "merge" if words.len() >= 2 => {
            let i = rng.below(words.len() - 1);
            let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            let next = out.remove(i + 1);
            out[i].push_str(&next);
            out.join(" ")
        }
        _ => typo(name, rng),
    }
}

fn to_cyrillic(c: char) -> char {
    const MAP: [(char, char); 26] = [
        ('a', 'а'),
        ('b', 'б'),
        ('c', 'к'),
        ('d', 'д'),
        ('e', 'е'),
        ('f', 'ф'),
        ('g', 'г'),
        ('h', 'х'),
        ('i', 'и'),
        ('j', 'й'),
        ('k', 'к'),
        ('l', 'л'),
        ('m', 'м'),
        ('n', 'н'),
        ('o', 'о'),
        ('p', 'п'),
        ('q', 'к'),
        ('r', 'р'),
        ('s', 'с'),
        ('t', 'т'),
        ('u', 'у'),
        ('v', 'в'),
        ('w', 'в'),
        ('x', 'к'),
        ('y', 'ы'),
        ('z', 'з'),
    ];
    let lower = c.to_ascii_lowercase();
    MAP.iter()
        .find(|(l, _)| *l == lower)
        .map(|(_, cyr)| *cyr)
        .unwrap_or(c)
}

/// A query entity of the list entity's schema carrying one name.
pub fn query_for(entity: &Entity, name: &str) -> Entity {
    let mut query = Entity::new("query", entity.schema);
    query.add_name(Name::new(name, NameKind::Primary));
    query
}

/// `count` queries from random list entities' primary names, perturbed in
/// turn by each of [`PERTURBATIONS`]: every other one a bare name of the
/// entity's schema, the rest the list entity's own facts under the
/// perturbed name. Each comes with its perturbed name.
pub fn perturbed_queries(entities: &[Entity], seed: u64, count: usize) -> Vec<(String, Entity)> {
    let mut rng = Rng::new(seed);
    let mut queries = Vec::new();
    while queries.len() < count && !entities.is_empty() {
        let entity = &entities[rng.below(entities.len())];
        let Some(name) = entity.names.iter().find(|n| n.kind == NameKind::Primary) else {
            continue;
        };
        let kind = PERTURBATIONS[queries.len() % PERTURBATIONS.len()];
        let text = perturb(&name.value, kind, &mut rng);
        let query = if queries.len() % 2 == 0 {
            query_for(entity, &text)
        } else {
            let mut q = entity.clone();
            q.id = "query".into();
            q.names.clear();
            q.add_name(Name::new(&text, NameKind::Primary));
            q
        };
        queries.push((text, query));
    }
    queries
}

/// An entity of `schema` with `names`, the first primary, the rest aliases.
pub fn named(schema: Schema, names: &[&str]) -> Entity {
    let mut e = Entity::new(names.first().copied().unwrap_or("x"), schema);
    for (i, n) in names.iter().enumerate() {
        let kind = if i == 0 {
            NameKind::Primary
        } else {
            NameKind::Alias
        };
        e.add_name(Name::new(*n, kind));
    }
    e
}

/// The score of one name against another under the default config.
pub fn pair_score(schema: Schema, a: &str, b: &str) -> f32 {
    let cfg = ScoringConfig::default();
    let q = PreparedEntity::new(&named(schema, &[a]));
    let c = PreparedEntity::new(&named(schema, &[b]));
    score(&q, &c, &cfg).score
}
