//! OFAC's blocked set against a naive reference fixpoint, its monotonicity
//! and its threshold invariant, on random small graphs.

use crate::common;

use common::*;
use meldpunt_ownership::{OwnershipGraph, Rules};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

const NODES: usize = 8;

fn name(i: usize) -> String {
    format!("n{i}")
}

fn build(edges: &BTreeMap<(usize, usize), u32>) -> OwnershipGraph {
    let relations: Vec<_> = edges
        .iter()
        .map(|(&(a, b), &p)| stake(&name(a), &name(b), f64::from(p)))
        .collect();
    graph(&relations)
}

/// Iterate "owned ≥ 50% by blocked persons" until nothing changes.
fn reference(edges: &BTreeMap<(usize, usize), u32>, listed: &HashSet<usize>) -> HashSet<usize> {
    let mut blocked = listed.clone();
    loop {
        let mut grew = false;
        for target in 0..NODES {
            if !blocked.contains(&target) && held_by(edges, &blocked, target) >= 50 {
                blocked.insert(target);
                grew = true;
            }
        }
        if !grew {
            return blocked;
        }
    }
}

fn held_by(edges: &BTreeMap<(usize, usize), u32>, blocked: &HashSet<usize>, target: usize) -> u32 {
    edges
        .iter()
        .filter(|((a, b), _)| *b == target && blocked.contains(a))
        .map(|(_, p)| *p)
        .sum()
}

fn blocked(graph: &OwnershipGraph, listed: &HashSet<usize>, rules: &Rules) -> HashSet<usize> {
    let ids: HashSet<String> = listed.iter().map(|&i| name(i)).collect();
    let found = graph.ofac_blocked(&ids, rules);
    (0..NODES).filter(|&i| found.contains(&name(i))).collect()
}

fn edges() -> impl Strategy<Value = BTreeMap<(usize, usize), u32>> {
    prop::collection::btree_map((0..NODES, 0..NODES), 0u32..=100, 0..24)
        .prop_map(|m| m.into_iter().filter(|((a, b), _)| a != b).collect())
}

proptest! {
    #[test]
    fn ofac_matches_reference_and_is_monotone(
        edges in edges(),
        listed in prop::collection::hash_set(0..NODES, 0..3),
        extra in 0..NODES,
    ) {
        let graph = build(&edges);
        let rules = ofac();
        let before = blocked(&graph, &listed, &rules);
        prop_assert_eq!(&before, &reference(&edges, &listed));
        for &node in &before {
            prop_assert!(listed.contains(&node) || held_by(&edges, &before, node) >= 50);
        }
        let mut more = listed.clone();
        more.insert(extra);
        let after = blocked(&graph, &more, &rules);
        prop_assert!(before.is_subset(&after));
    }

    #[test]
    fn exposures_agree_with_blocked_set(
        edges in edges(),
        listed in prop::collection::hash_set(0..NODES, 0..3),
    ) {
        let graph = build(&edges);
        let ids: HashSet<String> = listed.iter().map(|&i| name(i)).collect();
        let exposed: HashSet<String> = graph
            .exposures(&ids, &ofac())
            .into_iter()
            .map(|e| {
                assert!(e.aggregate_percentage >= 50.0);
                e.entity.to_string()
            })
            .collect();
        let blocked: HashSet<String> = graph.ofac_blocked(&ids, &ofac()).difference(&ids).cloned().collect();
        prop_assert_eq!(exposed, blocked);
    }
}
