//! FtM relations (Ownership, Directorship, Family, Associate) into the graph.

use meldpunt_model::{Entity, PartialDate, Schema};

use crate::{OwnershipError, OwnershipGraphBuilder, Percentage, RelationInput, RelationKind};

/// Directorship roles that carry the power to direct the company on their
/// own: the sole executive body in most registers (a Russian "генеральный
/// директор", a managing director, a CEO). Other board seats only count
/// towards a board majority.
const DIRECTING_ROLES: [&str; 12] = [
    "general director",
    "director general",
    "director-general",
    "managing director",
    "chief executive",
    "ceo",
    "sole director",
    "sole executive",
    "генеральный директор",
    "управляющий",
    "директор-распорядитель",
    "geschäftsführer",
];

pub(crate) fn directs(role: &str) -> bool {
    let role = role.to_lowercase();
    DIRECTING_ROLES.iter().any(|r| {
        role.match_indices(r).any(|(at, _)| {
            // "ceo" must be a word, not part of "officer".
            let before = role[..at].chars().next_back();
            let after = role[at + r.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

fn truthy(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "true" | "yes" | "1" | "y"
    )
}

impl OwnershipGraphBuilder {
    /// Adds what an entity says about ownership and control: relations
    /// become edges, other entities give captions. Returns whether the
    /// entity added any relation. Unreadable percentages and dates are
    /// treated as unknown and noted in [`OwnershipGraphBuilder::warnings`].
    pub fn add_entity(&mut self, entity: &Entity) -> Result<bool, OwnershipError> {
        let (kind, holder_prop, held_prop) = match entity.schema {
            Schema::Ownership => (RelationKind::Ownership, "owner", "asset"),
            Schema::Directorship => (RelationKind::Directorship, "director", "organization"),
            Schema::Family => (RelationKind::Family, "person", "relative"),
            Schema::Associate => (RelationKind::Associate, "person", "associate"),
            schema if schema.is_relation() => return Ok(false),
            _ => {
                if !entity.names.is_empty() {
                    self.set_caption(&entity.id, entity.caption());
                }
                return Ok(false);
            }
        };
        let holders = endpoint(entity, holder_prop)?;
        let helds = endpoint(entity, held_prop)?;
        let template = self.relation_template(entity, kind);
        for holder in holders {
            for held in helds {
                let mut input = template.clone();
                input.holder = holder.clone();
                input.held = held.clone();
                self.add_relation(&input);
            }
        }
        Ok(true)
    }

    fn relation_template(&mut self, entity: &Entity, kind: RelationKind) -> RelationInput {
        let role = values(entity, "role")
            .first()
            .or_else(|| values(entity, "relationship").first())
            .cloned();
        let mut input = RelationInput::new("", "", kind);
        input.percentage = self.lowest_percentage(entity);
        input.start = self.dates(entity, "startDate").into_iter().min();
        input.end = self.dates(entity, "endDate").into_iter().max();
        input.control = match kind {
            RelationKind::Ownership => values(entity, "control").iter().any(|v| truthy(v)),
            RelationKind::Directorship => role.as_deref().is_some_and(directs),
            _ => false,
        };
        input.role = role;
        input.source = Some(entity.id.clone());
        input
    }

    /// Several stated percentages: trust the smallest.
    fn lowest_percentage(&mut self, entity: &Entity) -> Option<Percentage> {
        let mut lowest: Option<Percentage> = None;
        for value in values(entity, "percentage") {
            match Percentage::parse(value) {
                Ok(p) if lowest.is_none_or(|l| p.low < l.low) => lowest = Some(p),
                Ok(_) => {}
                Err(e) => self
                    .warnings
                    .push(format!("{}: {e}; treated as unknown", entity.id)),
            }
        }
        lowest
    }

    fn dates(&mut self, entity: &Entity, property: &str) -> Vec<PartialDate> {
        let mut dates = Vec::new();
        for value in values(entity, property) {
            match PartialDate::parse(value) {
                Ok(date) => dates.push(date),
                Err(e) => self.warnings.push(format!(
                    "{}: {property}: {e}; treated as unknown",
                    entity.id
                )),
            }
        }
        dates
    }
}

fn values<'a>(entity: &'a Entity, property: &str) -> &'a [String] {
    entity
        .properties
        .get(property)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn endpoint<'a>(
    entity: &'a Entity,
    property: &'static str,
) -> Result<&'a [String], OwnershipError> {
    let found = values(entity, property);
    if found.is_empty() {
        return Err(OwnershipError::MissingEndpoint {
            id: entity.id.clone(),
            schema: entity.schema.as_str(),
            property,
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directing_roles() {
        assert!(directs("ГЕНЕРАЛЬНЫЙ ДИРЕКТОР"));
        assert!(directs("Managing Director"));
        assert!(directs("CEO"));
        assert!(!directs("Chief Financial Officer"));
        assert!(!directs("Исполнительный директор"));
        assert!(!directs("Leader or official of"));
    }
}
