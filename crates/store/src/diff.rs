//! What changed between two versions of one source: entities added,
//! removed, and changed field by field.

use meldpunt_model::diff::{diff_entity, EntityChange};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::{EntityRepository, EntitySummary, StoreError, VersionInfo};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListDiff {
    pub from: VersionInfo,
    pub to: VersionInfo,
    /// Sorted by id, as are `removed` and `changed`.
    pub added: Vec<EntitySummary>,
    pub removed: Vec<EntitySummary>,
    pub changed: Vec<EntityChange>,
}

/// Compares the two versions' hash maps, then loads only the entities
/// whose hashes differ. An entity whose hash changed but whose field view
/// did not (e.g. only name parts moved) is not reported as changed.
pub async fn diff_versions<R: EntityRepository + ?Sized>(
    repo: &R,
    from: VersionInfo,
    to: VersionInfo,
) -> Result<ListDiff, StoreError> {
    if from.source != to.source {
        return Err(StoreError::SourceMismatch {
            version: to.id,
            actual: to.source,
            expected: from.source,
        });
    }
    let old = repo.entity_hashes(from.id).await?;
    let new = repo.entity_hashes(to.id).await?;
    let added = only_in(&new, &old);
    let removed = only_in(&old, &new);
    let mut differing: Vec<&String> = new
        .iter()
        .filter(|(id, hash)| old.get(*id).is_some_and(|was| was != *hash))
        .map(|(id, _)| id)
        .collect();
    differing.sort();

    let added = summaries(repo, &added, &new).await?;
    let removed = summaries(repo, &removed, &old).await?;
    let changed = changes(repo, &differing, &old, &new).await?;
    Ok(ListDiff {
        from,
        to,
        added,
        removed,
        changed,
    })
}

/// Ids in `these` but not in `others`, sorted.
fn only_in(these: &HashMap<String, String>, others: &HashMap<String, String>) -> Vec<String> {
    let mut ids: Vec<String> = these
        .keys()
        .filter(|id| !others.contains_key(*id))
        .cloned()
        .collect();
    ids.sort();
    ids
}

async fn summaries<R: EntityRepository + ?Sized>(
    repo: &R,
    ids: &[String],
    hashes: &HashMap<String, String>,
) -> Result<Vec<EntitySummary>, StoreError> {
    let wanted: Vec<String> = ids
        .iter()
        .filter_map(|id| hashes.get(id).cloned())
        .collect();
    let labels = repo.labels_by_hash(&wanted).await?;
    ids.iter()
        .map(|id| {
            let (schema, caption) = hashes
                .get(id)
                .and_then(|hash| labels.get(hash))
                .ok_or_else(|| missing_blob(id))?;
            Ok(EntitySummary {
                id: id.clone(),
                schema: schema.clone(),
                caption: caption.clone(),
            })
        })
        .collect()
}

async fn changes<R: EntityRepository + ?Sized>(
    repo: &R,
    ids: &[&String],
    old: &HashMap<String, String>,
    new: &HashMap<String, String>,
) -> Result<Vec<EntityChange>, StoreError> {
    let mut changes = Vec::new();
    // Chunks bound memory when most of a large list changed.
    for chunk in ids.chunks(crate::sql::BATCH_ROWS) {
        let wanted: Vec<String> = chunk
            .iter()
            .flat_map(|id| [old.get(*id), new.get(*id)])
            .flatten()
            .cloned()
            .collect();
        let entities = repo.entities_by_hash(&wanted).await?;
        for id in chunk {
            let lookup = |hashes: &HashMap<String, String>| {
                hashes
                    .get(*id)
                    .and_then(|hash| entities.get(hash))
                    .ok_or_else(|| missing_blob(id))
            };
            if let Some(change) = diff_entity(lookup(old)?, lookup(new)?) {
                changes.push(change);
            }
        }
    }
    Ok(changes)
}

fn missing_blob(id: &str) -> StoreError {
    StoreError::Corrupt(format!("no stored content for entity {id}"))
}
