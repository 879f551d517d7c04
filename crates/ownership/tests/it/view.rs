//! The entity view: search, neighbourhoods with their limits, statuses and
//! exposures under both rule sets, and the cut graph agreeing with the
//! full graph.

use crate::common;

use common::*;
use meldpunt_ownership::{
    Explorer, ExposureRule, NodeStatus, OwnershipGraphBuilder, Reach, RelationInput, Rules,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};

const WIDE: Reach = Reach {
    up: 3,
    down: 3,
    max_nodes: 40,
};

fn explorer(edges: &[(&str, &str, f64)], listed_ids: &[&str]) -> Explorer {
    Explorer::new(stakes(edges), &listed(listed_ids))
}

/// Issue #7's first example: X owns 50% of A and 10% of B, A owns 40% of B.
fn first_example() -> Explorer {
    explorer(
        &[("X", "A", 50.0), ("X", "B", 10.0), ("A", "B", 40.0)],
        &["X"],
    )
}

fn status(view: &meldpunt_ownership::EntityView, id: &str) -> NodeStatus {
    view.nodes
        .iter()
        .find(|n| &*n.entity.id == id)
        .map(|n| n.status)
        .expect("node shown")
}

#[test]
fn first_ofac_example_blocks_a_and_b() {
    let view = first_example().view("B", ofac(), WIDE).expect("B known");
    assert_eq!(&*view.nodes[0].entity.id, "B");
    assert_eq!(status(&view, "X"), NodeStatus::Listed);
    assert_eq!(status(&view, "A"), NodeStatus::Caught(ExposureRule::Ofac50));
    assert_eq!(status(&view, "B"), NodeStatus::Caught(ExposureRule::Ofac50));
    let exposure = view.exposure.expect("B exposed");
    assert_eq!(
        exposure.explanation,
        "blocked under the OFAC 50% rule: owned 50% by listed X via A (40%) and directly (10%)"
    );
    assert_eq!(exposure.paths.len(), 2);
    // X above A above B, and all three relations drawn.
    let layer = |id: &str| {
        view.nodes
            .iter()
            .find(|n| &*n.entity.id == id)
            .map(|n| n.layer)
    };
    assert_eq!((layer("X"), layer("A")), (Some(-1), Some(-1)));
    assert_eq!(view.edges.len(), 3);
    // X: 50% x 40% through A, plus 10% directly.
    let owners: Vec<String> = view
        .effective_owners
        .iter()
        .map(|e| format!("{} {:.4}", e.owner, e.percentage))
        .collect();
    assert_eq!(owners, ["A 40.0000", "X 30.0000"]);
}

#[test]
fn first_example_under_eu_rules_catches_nothing() {
    // 50% is not "more than 50%".
    for rules in [eu(), eu_aggregate()] {
        let view = first_example().view("B", rules, WIDE).expect("B known");
        assert_eq!(status(&view, "A"), NodeStatus::Clean);
        assert_eq!(status(&view, "B"), NodeStatus::Clean);
        assert!(view.exposure.is_none());
        assert_eq!(view.rules, rules);
    }
}

#[test]
fn second_ofac_example_blocks_nothing() {
    // X owns 40% of A, A owns 100% of B.
    let explorer = explorer(&[("X", "A", 40.0), ("A", "B", 100.0)], &["X"]);
    for rules in [ofac(), eu()] {
        let view = explorer.view("A", rules, WIDE).expect("A known");
        assert_eq!(status(&view, "A"), NodeStatus::Clean);
        assert_eq!(status(&view, "B"), NodeStatus::Clean);
        assert!(view.exposure.is_none());
        let holding = &view.effective_holdings[0];
        assert_eq!((&*holding.owned, holding.percentage), ("B", 100.0));
    }
}

#[test]
fn listed_centre_has_no_exposure_of_its_own() {
    let view = first_example().view("X", ofac(), WIDE).expect("X known");
    assert_eq!(view.nodes[0].status, NodeStatus::Listed);
    assert!(view.exposure.is_none());
    assert!(first_example().view("nobody", ofac(), WIDE).is_none());
}

#[test]
fn hop_and_node_limits_are_counted() {
    // A chain O3 -> O2 -> O1 -> C -> H1 -> H2, and C holds five more.
    let mut edges = vec![
        ("O3", "O2", 60.0),
        ("O2", "O1", 60.0),
        ("O1", "C", 60.0),
        ("C", "H1", 60.0),
        ("H1", "H2", 60.0),
    ];
    let extra = ["S1", "S2", "S3", "S4", "S5"];
    for s in extra {
        edges.push(("C", s, 10.0));
    }
    let explorer = explorer(&edges, &[]);
    let centre = explorer.graph().index("C").expect("C");
    let reach = Reach {
        up: 2,
        down: 1,
        max_nodes: 5,
    };
    let hood = explorer.neighbourhood(centre, as_of(), reach);
    let ids: Vec<&str> = hood
        .nodes
        .iter()
        .map(|&(n, _)| explorer.graph().caption(n))
        .collect();
    // Two owners, then the largest holding first.
    assert_eq!(ids, ["C", "O1", "O2", "H1", "S1"]);
    // O3 is past two hops up; H2 past one hop down; S2..S5 over the limit.
    assert_eq!(hood.beyond_hops, 2);
    assert_eq!(hood.beyond_limit, 4);
}

#[test]
fn ended_relations_are_not_drawn() {
    let relations = [
        dated(stake("X", "A", 60.0), None, Some("2020-01-01")),
        stake("Y", "A", 20.0),
    ];
    let explorer = Explorer::new(graph(&relations), &listed(&["X"]));
    let view = explorer.view("A", ofac(), WIDE).expect("A known");
    let ids: Vec<&str> = view.nodes.iter().map(|n| &*n.entity.id).collect();
    assert_eq!(ids, ["A", "Y"]);
    let earlier = Rules::ofac(date("2019-06-01"));
    let view = explorer.view("A", earlier, WIDE).expect("A known");
    assert_eq!(
        view.nodes[0].status,
        NodeStatus::Caught(ExposureRule::Ofac50)
    );
}

#[test]
fn search_by_id_then_name() {
    let mut builder = OwnershipGraphBuilder::new();
    builder.add_relation(&RelationInput::new(
        "co-1",
        "co-2",
        meldpunt_ownership::RelationKind::Ownership,
    ));
    builder.set_caption("co-1", "Northwind Holding");
    builder.set_caption("co-2", "Co Trading");
    let explorer = Explorer::new(builder.build(), &listed(&["co-1"]));
    let found: Vec<String> = explorer
        .search("CO-", 10)
        .iter()
        .map(|e| e.caption.clone())
        .collect();
    assert_eq!(found, ["Co Trading", "Northwind Holding"]);
    let exact = explorer.search("co-2", 10);
    assert_eq!(&*exact[0].id, "co-2");
    assert!(!exact[0].listed);
    assert!(explorer.search("northWIND", 10)[0].listed);
    assert!(explorer.search("  ", 10).is_empty());
    assert_eq!(explorer.search("co", 1).len(), 1);
}

const NODES: usize = 7;

fn name(i: usize) -> String {
    format!("n{i}")
}

/// (holder, held) -> (percentage or director seat, is a directorship).
type Edges = BTreeMap<(usize, usize), (u32, bool)>;

fn random_graph() -> impl Strategy<Value = (Edges, HashSet<usize>)> {
    (
        prop::collection::btree_map((0..NODES, 0..NODES), (0u32..=100, any::<bool>()), 0..18),
        prop::collection::hash_set(0..NODES, 0..3),
    )
}

proptest! {
    /// On the cut graph, every shown entity has exactly the status, and the
    /// centre exactly the exposure, that the full graph gives.
    #[test]
    fn view_agrees_with_the_full_graph(
        (edges, listed_nodes) in random_graph(),
        centre in 0..NODES,
        eu_rules in any::<bool>(),
        aggregate in any::<bool>(),
    ) {
        let relations: Vec<RelationInput> = edges
            .iter()
            .filter(|((a, b), _)| a != b)
            .map(|(&(a, b), &(p, directs))| match directs {
                true => director(&name(a), &name(b), if p > 50 { "general director" } else { "member" }),
                false => stake(&name(a), &name(b), f64::from(p)),
            })
            .collect();
        let ids: Vec<String> = listed_nodes.iter().map(|&i| name(i)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let full = graph(&relations);
        let rules = match eu_rules {
            true => eu().with_eu_aggregate(aggregate),
            false => ofac(),
        };
        let expected = run(&full, &ids, rules);
        let explorer = Explorer::new(graph(&relations), &listed(&ids));
        let Some(view) = explorer.view(&name(centre), rules, Reach { up: 2, down: 2, max_nodes: 5 }) else {
            return Ok(());
        };
        for node in &view.nodes {
            let want = match expected.iter().find(|e| e.entity == node.entity.id) {
                _ if ids.contains(&&*node.entity.id) => NodeStatus::Listed,
                Some(e) => NodeStatus::Caught(e.rule),
                None => NodeStatus::Clean,
            };
            prop_assert_eq!(node.status, want, "{}", node.entity.id);
        }
        let want = expected.iter().find(|e| *e.entity == *name(centre));
        prop_assert_eq!(view.exposure.as_ref(), want);
        for effective in view.effective_owners.iter().chain(&view.effective_holdings) {
            let direct = full
                .effective_ownership(&effective.owner, &effective.owned, as_of())
                .expect("both known");
            prop_assert!((direct.percentage - effective.percentage).abs() < 1e-9);
        }
    }
}
