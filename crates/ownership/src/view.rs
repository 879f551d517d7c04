//! Everything the graph view shows about one entity: its neighbourhood
//! with each entity's status under the chosen rules, the relations between
//! them, the entity's own exposure and its effective (look-through)
//! owners and holdings.
//!
//! The rules run over the entities above the neighbourhood only
//! ([`Explorer::ancestors`]): an entity is caught through its owners and
//! directors, never through what it holds, so that cut gives exactly the
//! full graph's answer at a fraction of the cost (a property test checks).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::explorer::{EntityRef, Explorer, Reach};
use crate::percentage::format_percent;
use crate::{EffectiveOwnership, Exposure, ExposureRule, OwnershipGraph, RelationKind, Rules};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStatus {
    /// On a list (has a sanction record).
    Listed,
    /// Not listed, but caught by the rules through ownership or control.
    Caught(ExposureRule),
    Clean,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewNode {
    pub entity: EntityRef,
    /// Minus the hops up from the centre (owners), plus the hops down.
    pub layer: i32,
    pub status: NodeStatus,
}

/// The relations of one kind from one entity to another, merged: the
/// largest stake in force counts, as the rules count it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewEdge {
    /// Indices into [`EntityView::nodes`].
    pub owner: usize,
    pub owned: usize,
    pub kind: RelationKind,
    /// The stake in percent, "40" or a range "25-50"; `None` if unknown.
    pub percent: Option<String>,
    pub control: bool,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityView {
    /// `nodes[0]` is the centre.
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<ViewEdge>,
    pub reach: Reach,
    pub beyond_hops: usize,
    pub beyond_limit: usize,
    /// The centre's exposure; `None` when it is listed itself or clean.
    pub exposure: Option<Exposure>,
    /// Shown owners' effective stakes in the centre, largest first.
    pub effective_owners: Vec<EffectiveOwnership>,
    /// The centre's effective stakes in shown holdings, largest first.
    pub effective_holdings: Vec<EffectiveOwnership>,
    pub rules: Rules,
}

impl Explorer {
    /// The view of entity `id` under `rules`; `None` if the graph does not
    /// know the id.
    pub fn view(&self, id: &str, rules: Rules, reach: Reach) -> Option<EntityView> {
        let centre = self.graph().index(id)?;
        let hood = self.neighbourhood(centre, rules.as_of, reach);
        let shown: Vec<u32> = hood.nodes.iter().map(|&(n, _)| n).collect();
        let (sub, listed) = self.subgraph(&self.ancestors(&shown, rules.as_of), rules.as_of);
        let exposures = sub.exposures(&listed, &rules);
        let exposure_of = |id: &str| exposures.iter().find(|e| &*e.entity == id);
        let nodes: Vec<ViewNode> = hood
            .nodes
            .iter()
            .map(|&(n, layer)| {
                let entity = self.entity_ref(n);
                let status = match exposure_of(&entity.id) {
                    _ if entity.listed => NodeStatus::Listed,
                    Some(e) => NodeStatus::Caught(e.rule),
                    None => NodeStatus::Clean,
                };
                ViewNode {
                    entity,
                    layer,
                    status,
                }
            })
            .collect();
        let exposure = exposure_of(id).filter(|_| !nodes[0].entity.listed).cloned();
        let (effective_owners, effective_holdings) = effective(&sub, &nodes, rules);
        Some(EntityView {
            edges: self.edges(&shown, rules),
            nodes,
            reach,
            beyond_hops: hood.beyond_hops,
            beyond_limit: hood.beyond_limit,
            exposure,
            effective_owners,
            effective_holdings,
            rules,
        })
    }

    fn edges(&self, shown: &[u32], rules: Rules) -> Vec<ViewEdge> {
        let mut merged: BTreeMap<(usize, usize, RelationKind), (ViewEdge, u32)> = BTreeMap::new();
        for (from, &node) in shown.iter().enumerate() {
            for r in self.adjacent(node, true, rules.as_of) {
                let Some(to) = shown.iter().position(|&n| n == r.held) else {
                    continue;
                };
                let role = self.graph().label(r.role).map(str::to_string);
                let (edge, best) = merged.entry((from, to, r.kind)).or_insert_with(|| {
                    let edge = ViewEdge {
                        owner: from,
                        owned: to,
                        kind: r.kind,
                        percent: None,
                        control: false,
                        role: None,
                    };
                    (edge, 0)
                });
                edge.control |= r.control;
                edge.role = edge.role.take().or(role);
                if edge.percent.is_none() || r.share() > *best {
                    *best = r.share();
                    edge.percent = r.percentage.map(percent_text);
                }
            }
        }
        merged.into_values().map(|(edge, _)| edge).collect()
    }
}

fn percent_text(p: crate::Percentage) -> String {
    if p.low == p.high {
        format_percent(p.low.percent())
    } else {
        format!(
            "{}-{}",
            format_percent(p.low.percent()),
            format_percent(p.high.percent())
        )
    }
}

/// Look-through stakes between the centre and the shown entities, on the
/// cut graph (every chain from an owner to the centre, or from the centre
/// to one of its holdings, runs through entities above the view).
fn effective(
    sub: &OwnershipGraph,
    nodes: &[ViewNode],
    rules: Rules,
) -> (Vec<EffectiveOwnership>, Vec<EffectiveOwnership>) {
    let centre: &Arc<str> = &nodes[0].entity.id;
    let mut owners = Vec::new();
    let mut holdings = Vec::new();
    for node in &nodes[1..] {
        let id = &node.entity.id;
        let (list, found) = if node.layer < 0 {
            (
                &mut owners,
                sub.effective_ownership(id, centre, rules.as_of),
            )
        } else {
            (
                &mut holdings,
                sub.effective_ownership(centre, id, rules.as_of),
            )
        };
        if let Some(found) = found.ok().filter(|f| f.percentage > 0.0) {
            list.push(found);
        }
    }
    for list in [&mut owners, &mut holdings] {
        list.sort_by(|a, b| b.percentage.total_cmp(&a.percentage));
    }
    (owners, holdings)
}
