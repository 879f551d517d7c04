//! Effective (look-through) ownership: stakes multiplied along each chain
//! and added over parallel chains. This is supporting evidence and the
//! measure for beneficial-ownership thresholds (25%, 10%…); the sanctions
//! rules themselves do not multiply down (see `ofac`, `eu`).
//!
//! Only simple paths are followed (no entity twice on one path), at most
//! [`MAX_DEPTH`] relations long, and at most [`MAX_PATHS`] paths are
//! summed: cross-holdings make the number of paths grow exponentially, and
//! beyond a few levels the products are negligible. Summing simple paths
//! can pass 100% when cross-holdings are large; the total is capped at 100.

use meldpunt_model::PartialDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::exposure::step;
use crate::{OwnershipError, OwnershipGraph, Path, RelationKind};

pub const MAX_DEPTH: usize = 10;
pub const MAX_PATHS: usize = 100_000;
/// Paths returned as evidence, largest first.
pub const KEPT_PATHS: usize = 32;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightedPath {
    pub path: Path,
    /// The product of the stakes along the path, in percent.
    pub percentage: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectiveOwnership {
    pub owner: Arc<str>,
    pub owned: Arc<str>,
    pub percentage: f64,
    pub paths: Vec<WeightedPath>,
    /// True when the path limit stopped the search: the percentage is then
    /// a lower bound.
    pub truncated: bool,
}

struct Search<'a> {
    graph: &'a OwnershipGraph,
    as_of: PartialDate,
    target: u32,
    stack: Vec<u32>,
    on_path: Vec<u32>,
    found: Vec<(Vec<u32>, f64)>,
    explored: usize,
}

impl OwnershipGraph {
    /// How much of `owned` `owner` holds through all ownership chains in
    /// force on `as_of`, counting the proven (lower-bound) stakes.
    pub fn effective_ownership(
        &self,
        owner: &str,
        owned: &str,
        as_of: PartialDate,
    ) -> Result<EffectiveOwnership, OwnershipError> {
        let from = self
            .index(owner)
            .ok_or_else(|| OwnershipError::UnknownEntity(owner.to_string()))?;
        let to = self
            .index(owned)
            .ok_or_else(|| OwnershipError::UnknownEntity(owned.to_string()))?;
        let mut search = Search {
            graph: self,
            as_of,
            target: to,
            stack: Vec::new(),
            on_path: vec![from],
            found: Vec::new(),
            explored: 0,
        };
        search.walk(from, 1.0);
        let truncated = search.explored >= MAX_PATHS;
        let total: f64 = search.found.iter().map(|(_, f)| f).sum();
        let mut found = search.found;
        found.sort_by(|a, b| b.1.total_cmp(&a.1));
        found.truncate(KEPT_PATHS);
        let paths = found
            .into_iter()
            .map(|(relations, fraction)| WeightedPath {
                path: Path {
                    steps: relations
                        .iter()
                        .map(|&r| step(self, self.relation(r)))
                        .collect(),
                },
                percentage: fraction * 100.0,
            })
            .collect();
        Ok(EffectiveOwnership {
            owner: self.id(from).clone(),
            owned: self.id(to).clone(),
            percentage: (total * 100.0).min(100.0),
            paths,
            truncated,
        })
    }
}

impl Search<'_> {
    fn walk(&mut self, node: u32, fraction: f64) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        for (relation, share) in self.stakes(node) {
            if self.explored >= MAX_PATHS {
                return;
            }
            let held = self.graph.relation(relation).held;
            if self.on_path.contains(&held) {
                continue;
            }
            let through = fraction * share;
            self.stack.push(relation);
            if held == self.target {
                self.explored += 1;
                self.found.push((self.stack.clone(), through));
            } else {
                self.on_path.push(held);
                self.walk(held, through);
                self.on_path.pop();
            }
            self.stack.pop();
        }
    }

    /// The node's stakes in force, one per held entity (the largest record).
    fn stakes(&self, node: u32) -> Vec<(u32, f64)> {
        let graph = self.graph;
        let mut stakes: Vec<(u32, f64)> = Vec::new();
        for i in graph.holdings_in_force(node, RelationKind::Ownership, self.as_of) {
            let r = graph.relation(i);
            let share = r.percentage.map_or(0.0, |p| p.low.fraction());
            if share <= 0.0 {
                continue;
            }
            match stakes.last_mut() {
                Some(last) if graph.relation(last.0).held == r.held => {
                    if share > last.1 {
                        *last = (i, share);
                    }
                }
                _ => stakes.push((i, share)),
            }
        }
        stakes
    }
}
