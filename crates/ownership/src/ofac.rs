//! OFAC's 50% rule: an entity is blocked if blocked persons own, directly or
//! indirectly, 50% or more of it in aggregate. A blocked entity is itself a
//! blocked person, so its whole stake counts (stakes are not multiplied down
//! a chain). Control, directorships and family ties do not block.

use rustc_hash::FxHashMap;

use crate::exposure::{finding, Finding};
use crate::propagation::{Outcome, Propagation, Regime};
use crate::{OwnershipGraph, Rules, Share};

pub(crate) const REGIME: Regime = Regime {
    threshold: Share::HALF,
    strict: false,
    control: false,
};

pub(crate) fn run(graph: &OwnershipGraph, listed: &[u32], rules: &Rules) -> Outcome {
    let board = FxHashMap::default();
    Propagation {
        graph,
        as_of: rules.as_of,
        regime: REGIME,
        board: &board,
    }
    .run(listed)
}

pub(crate) fn findings(graph: &OwnershipGraph, listed: &[u32], rules: &Rules) -> Vec<Finding> {
    let outcome = run(graph, listed, rules);
    let board = FxHashMap::default();
    outcome
        .caught()
        .filter_map(|(node, state, _)| finding(graph, &outcome, &board, node, state, true))
        .collect()
}
