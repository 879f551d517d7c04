//! Entity blobs: the canonical JSON of an entity, addressed by
//! [`Entity::content_hash`], so an entity unchanged across versions is
//! stored once.

use meldpunt_model::Entity;
use serde::{Deserialize, Serialize};

/// An entity ready to be written: its canonical form and the columns the
/// store indexes it by.
#[derive(Debug, Clone)]
pub(crate) struct Blob {
    pub hash: String,
    pub schema: &'static str,
    pub caption: String,
    /// Canonicalized, so that the stored data is a function of the hash
    /// whichever equal-content variant was imported first.
    pub entity: Entity,
}

impl Blob {
    pub fn new(entity: &Entity) -> Self {
        let mut canonical = entity.clone();
        canonical.canonicalize();
        Blob {
            hash: canonical.content_hash(),
            schema: canonical.schema.as_str(),
            caption: canonical.caption().to_string(),
            entity: canonical,
        }
    }

    pub fn id(&self) -> &str {
        &self.entity.id
    }
}

/// Enough of an entity to name it in a list of additions or removals.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntitySummary {
    pub id: String,
    pub schema: String,
    pub caption: String,
}

impl EntitySummary {
    pub fn of(entity: &Entity) -> Self {
        EntitySummary {
            id: entity.id.clone(),
            schema: entity.schema.as_str().to_string(),
            caption: entity.caption().to_string(),
        }
    }
}
