//! Looking at one entity at a time, as the portal's graph view does: find
//! entities by name or id, collect an entity's neighbourhood (owners above,
//! holdings below, a bounded number of hops and nodes), and cut out the
//! part of the graph that decides the neighbourhood's status.
//!
//! The graph is stored by holder; [`Explorer`] adds the reverse index
//! (relations by held entity) once, so walking up to owners costs as much
//! as walking down. Only Ownership and Directorship relations are followed:
//! they are the ones the rules read.

use meldpunt_model::PartialDate;
use rustc_hash::FxHashSet;
use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use crate::graph::Relation;
use crate::{in_force, OwnershipGraph, OwnershipGraphBuilder, RelationInput, RelationKind};

/// The graph, the listed persons and the owners index.
#[derive(Debug)]
pub struct Explorer {
    graph: OwnershipGraph,
    listed: FxHashSet<u32>,
    /// Relation indices sorted by held node; node `n`'s owners are
    /// `owners[owner_offsets[n]..owner_offsets[n + 1]]`.
    owners: Vec<u32>,
    owner_offsets: Vec<u32>,
}

/// An entity found by [`Explorer::search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    pub id: Arc<str>,
    pub caption: String,
    pub listed: bool,
}

/// How far a neighbourhood reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Hops up through owners and directors.
    pub up: usize,
    /// Hops down through holdings.
    pub down: usize,
    /// Entities at most, the centre included.
    pub max_nodes: usize,
}

/// The entities around a centre: `nodes[0]` is the centre; each entity's
/// layer is minus its distance up (owners) or plus its distance down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood {
    pub nodes: Vec<(u32, i32)>,
    /// Entities one hop past the hop limit that are not shown.
    pub beyond_hops: usize,
    /// Entities within the hop limit left out by the node limit.
    pub beyond_limit: usize,
}

impl Explorer {
    /// `listed`: the ids of listed persons (ids not in the graph are ignored).
    pub fn new(graph: OwnershipGraph, listed: &HashSet<String>) -> Explorer {
        let listed = listed.iter().filter_map(|id| graph.index(id)).collect();
        let mut owner_offsets = vec![0u32; graph.node_count() + 1];
        for r in graph.relations() {
            owner_offsets[r.held as usize + 1] += 1;
        }
        for i in 1..owner_offsets.len() {
            owner_offsets[i] += owner_offsets[i - 1];
        }
        let mut next = owner_offsets.clone();
        let mut owners = vec![0u32; graph.relation_count()];
        for (i, r) in graph.relations().iter().enumerate() {
            owners[next[r.held as usize] as usize] = i as u32;
            next[r.held as usize] += 1;
        }
        Explorer {
            graph,
            listed,
            owners,
            owner_offsets,
        }
    }

    pub fn graph(&self) -> &OwnershipGraph {
        &self.graph
    }

    pub fn is_listed(&self, node: u32) -> bool {
        self.listed.contains(&node)
    }

    /// The entity with this id, if the graph has it.
    pub fn entity(&self, id: &str) -> Option<EntityRef> {
        self.graph.index(id).map(|node| self.entity_ref(node))
    }

    pub(crate) fn entity_ref(&self, node: u32) -> EntityRef {
        EntityRef {
            id: self.graph.id(node).clone(),
            caption: self.graph.caption(node).to_string(),
            listed: self.is_listed(node),
        }
    }

    /// Entities whose id equals `query`, then those whose name or id
    /// contains it (ignoring case), at most `limit`, sorted by name.
    pub fn search(&self, query: &str, limit: usize) -> Vec<EntityRef> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let exact = self.graph.index(query);
        let needle = query.to_lowercase();
        let mut found: Vec<u32> = (0..self.graph.node_count() as u32)
            .filter(|&n| Some(n) != exact)
            .filter(|&n| {
                self.graph.caption(n).to_lowercase().contains(&needle)
                    || self.graph.id(n).to_lowercase().contains(&needle)
            })
            .collect();
        found.sort_by(|&a, &b| {
            (self.graph.caption(a), self.graph.id(a))
                .cmp(&(self.graph.caption(b), self.graph.id(b)))
        });
        exact
            .into_iter()
            .chain(found)
            .take(limit)
            .map(|n| self.entity_ref(n))
            .collect()
    }

    /// Relations in force that `node` holds (`down`) or is held by (up),
    /// of the kinds the rules read.
    pub(crate) fn adjacent(
        &self,
        node: u32,
        down: bool,
        as_of: PartialDate,
    ) -> impl Iterator<Item = &Relation> + '_ {
        let range = if down {
            self.graph.holdings(node)
        } else {
            self.owner_offsets[node as usize]..self.owner_offsets[node as usize + 1]
        };
        range
            .map(move |i| match down {
                true => self.graph.relation(i),
                false => self.graph.relation(self.owners[i as usize]),
            })
            .filter(move |r| {
                matches!(r.kind, RelationKind::Ownership | RelationKind::Directorship)
                    && in_force(r.start, r.end, as_of)
            })
    }

    /// The centre's neighbourhood: breadth first, owners before holdings,
    /// and within one hop the largest stakes first, so that the node limit
    /// drops the least telling entities. Owners may take half the places;
    /// holdings get the rest.
    pub fn neighbourhood(&self, centre: u32, as_of: PartialDate, reach: Reach) -> Neighbourhood {
        let max_nodes = reach.max_nodes.max(1);
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        seen.insert(centre);
        let mut nodes = vec![(centre, 0)];
        let mut left_out: FxHashSet<u32> = FxHashSet::default();
        let mut beyond: FxHashSet<u32> = FxHashSet::default();
        let passes = [
            (false, reach.up, -1, 1 + max_nodes / 2),
            (true, reach.down, 1, max_nodes),
        ];
        for (down, hops, sign, cap) in passes {
            let mut queue = VecDeque::from([(centre, 0usize)]);
            while let Some((node, distance)) = queue.pop_front() {
                for next in self.ranked_neighbours(node, down, as_of) {
                    if seen.contains(&next) {
                        continue;
                    }
                    if distance == hops {
                        beyond.insert(next);
                    } else if nodes.len() >= cap.min(max_nodes) {
                        left_out.insert(next);
                    } else {
                        seen.insert(next);
                        nodes.push((next, sign * (distance as i32 + 1)));
                        queue.push_back((next, distance + 1));
                    }
                }
            }
        }
        let beyond_hops = beyond.iter().filter(|n| !seen.contains(n)).count();
        let beyond_limit = left_out.iter().filter(|n| !seen.contains(n)).count();
        Neighbourhood {
            nodes,
            beyond_hops,
            beyond_limit,
        }
    }

    /// Distinct neighbours, largest stake first (then by id, for a stable
    /// picture).
    fn ranked_neighbours(&self, node: u32, down: bool, as_of: PartialDate) -> Vec<u32> {
        let mut ranked: Vec<(u32, u32)> = self
            .adjacent(node, down, as_of)
            .map(|r| (if down { r.held } else { r.holder }, r.share()))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.graph.id(a.0).cmp(self.graph.id(b.0)))
        });
        let mut out: Vec<u32> = Vec::with_capacity(ranked.len());
        for (n, _) in ranked {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// `nodes` and everything above them: whatever owns or directs them,
    /// directly or through others. An entity's status under either rule
    /// depends only on this part of the graph.
    pub fn ancestors(&self, nodes: &[u32], as_of: PartialDate) -> Vec<u32> {
        let mut seen: FxHashSet<u32> = nodes.iter().copied().collect();
        let mut stack: Vec<u32> = nodes.to_vec();
        while let Some(node) = stack.pop() {
            for r in self.adjacent(node, false, as_of) {
                if seen.insert(r.holder) {
                    stack.push(r.holder);
                }
            }
        }
        let mut out: Vec<u32> = seen.into_iter().collect();
        out.sort_unstable();
        out
    }

    /// The graph restricted to `nodes` (sorted) and the relations in force
    /// between them, with the listed ids among them. Nodes keep their
    /// relative order, so the rules break ties exactly as on the full graph.
    pub fn subgraph(&self, nodes: &[u32], as_of: PartialDate) -> (OwnershipGraph, HashSet<String>) {
        let graph = &self.graph;
        let mut builder = OwnershipGraphBuilder::new();
        for &n in nodes {
            let id = graph.id(n);
            builder.node(id);
            if graph.caption(n) != &**id {
                builder.set_caption(id, graph.caption(n));
            }
        }
        for &n in nodes {
            for r in self.adjacent(n, true, as_of) {
                if nodes.binary_search(&r.held).is_ok() {
                    builder.add_relation(&self.input(r));
                }
            }
        }
        let listed = nodes
            .iter()
            .filter(|n| self.is_listed(**n))
            .map(|&n| graph.id(n).to_string())
            .collect();
        (builder.build(), listed)
    }

    fn input(&self, r: &Relation) -> RelationInput {
        let graph = &self.graph;
        RelationInput {
            holder: graph.id(r.holder).to_string(),
            held: graph.id(r.held).to_string(),
            kind: r.kind,
            control: r.control,
            percentage: r.percentage,
            start: r.start,
            end: r.end,
            role: graph.label(r.role).map(str::to_string),
            source: graph.label(r.source).map(str::to_string),
        }
    }
}
