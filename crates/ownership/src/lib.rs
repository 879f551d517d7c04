//! The ownership-and-control graph and the sanctions rules that run over
//! it: OFAC's 50% rule and the EU's ownership and control rules, as of an
//! evaluation date, with paths and explanations for every exposure, plus
//! effective (look-through) ownership.
//!
//! Input: FtM relations ([`OwnershipGraphBuilder::add_entity`]) and
//! shareholding CSVs ([`OwnershipGraphBuilder::read_shareholdings`]).
//! Percentages count at their lower bound ([`Percentage`]); relations count
//! when they may be in force on the evaluation date ([`in_force`]).

mod effective_ownership;
mod error;
mod eu;
mod explorer;
mod exposure;
mod ftm_relation;
mod graph;
pub mod layout;
mod ofac;
mod percentage;
mod propagation;
mod rules;
mod shareholding_csv;
mod view;

pub use effective_ownership::{EffectiveOwnership, WeightedPath, MAX_DEPTH, MAX_PATHS};
pub use error::OwnershipError;
pub use explorer::{EntityRef, Explorer, Neighbourhood, Reach};
pub use exposure::{Exposure, ExposureRule, Path, Step};
pub use graph::{OwnershipGraph, OwnershipGraphBuilder, RelationInput, RelationKind};
pub use percentage::{Percentage, Share};
pub use rules::{in_force, RuleKind, Rules};
pub use shareholding_csv::{parse_shareholdings, read_shareholdings, Shareholding};
pub use view::{EntityView, NodeStatus, ViewEdge, ViewNode};

use std::collections::HashSet;

impl OwnershipGraph {
    /// Every entity the rules catch through the listed persons, sorted by
    /// id. Listed persons themselves are not reported; ids not in the graph
    /// are ignored.
    pub fn exposures(&self, listed: &HashSet<String>, rules: &Rules) -> Vec<Exposure> {
        let seeds = self.seeds(listed);
        let groups: Vec<Vec<exposure::Finding>> = match rules.kind {
            RuleKind::Ofac => ofac::findings(self, &seeds, rules)
                .into_iter()
                .map(|f| vec![f])
                .collect(),
            RuleKind::Eu => eu::findings(self, &seeds, rules),
        };
        let mut exposures: Vec<Exposure> = groups
            .into_iter()
            .filter_map(|g| exposure::exposure(self, g, *rules))
            .collect();
        exposures.sort_by(|a, b| a.entity.cmp(&b.entity));
        exposures
    }

    /// The ids OFAC's rule blocks, the listed ids included, without paths
    /// or explanations: the cheap form for bulk screening.
    pub fn ofac_blocked(&self, listed: &HashSet<String>, rules: &Rules) -> HashSet<String> {
        let outcome = ofac::run(self, &self.seeds(listed), rules);
        let caught = outcome
            .caught()
            .map(|(node, _, _)| self.id(node).to_string());
        listed.iter().cloned().chain(caught).collect()
    }

    fn seeds(&self, listed: &HashSet<String>) -> Vec<u32> {
        let mut seeds: Vec<u32> = listed.iter().filter_map(|id| self.index(id)).collect();
        seeds.sort_unstable();
        seeds
    }
}
