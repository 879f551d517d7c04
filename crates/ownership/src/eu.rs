//! The EU rules (Council Regulations 269/2014 and 833/2014, with the
//! Commission's best-practice guidance).
//!
//! Ownership: holding more than 50% (strictly). An entity owned or
//! controlled by a listed person is caught, and its own holdings are
//! attributed to that person, so majority chains carry through: each link
//! more than 50% and each holder caught.
//!
//! Control: an entity is caught when a listed or caught person
//! - holds a relation with the power to direct it: an ownership record
//!   flagged `control` (shareholder agreements, voting rights, the right to
//!   appoint the board) or a directorship whose role is the sole executive
//!   (general director, managing director, CEO…), or
//! - holds a board majority: more than half of the distinct directors the
//!   data knows for the entity on the evaluation date.
//!
//! Aggregation: off by default, each listed person is assessed separately
//! with what it owns or controls (one run per listed person), so 30% + 25%
//! from two listed persons catches nothing. With `eu_aggregate` every
//! listed person and every caught entity are pooled in one run.

use std::collections::BTreeMap;

use crate::exposure::{finding, Finding};
use crate::propagation::{board_sizes, Propagation, Regime};
use crate::{OwnershipGraph, Rules, Share};

pub(crate) const REGIME: Regime = Regime {
    threshold: Share::HALF,
    strict: true,
    control: true,
};

pub(crate) fn findings(graph: &OwnershipGraph, listed: &[u32], rules: &Rules) -> Vec<Vec<Finding>> {
    let board = board_sizes(graph, rules.as_of);
    let propagation = Propagation {
        graph,
        as_of: rules.as_of,
        regime: REGIME,
        board: &board,
    };
    let groups: Vec<&[u32]> = if rules.eu_aggregate {
        vec![listed]
    } else {
        listed.chunks(1).collect()
    };
    let mut by_node: BTreeMap<u32, Vec<Finding>> = BTreeMap::new();
    for group in groups {
        let outcome = propagation.run(group);
        // A listed person is not reported as exposed, even where another
        // listed person's separate run catches it.
        let exposed = outcome
            .caught()
            .filter(|(node, _, _)| listed.binary_search(node).is_err());
        for (node, state, _) in exposed {
            if let Some(f) = finding(graph, &outcome, &board, node, state, false) {
                by_node.entry(node).or_default().push(f);
            }
        }
    }
    by_node.into_values().collect()
}
