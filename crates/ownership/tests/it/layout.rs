//! The layered layout: boxes never overlap, every edge gets a route from
//! its source box to its target box, and no route crosses a box.

use meldpunt_ownership::layout::{layout, Layout, LayoutOptions, Point, Rect};
use proptest::prelude::*;

const EPS: f64 = 1e-6;

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - EPS
        && b.x < a.right() - EPS
        && a.y < b.bottom() - EPS
        && b.y < a.bottom() - EPS
}

fn on_boundary(p: Point, r: &Rect) -> bool {
    let within_x = p.x >= r.x - EPS && p.x <= r.right() + EPS;
    let within_y = p.y >= r.y - EPS && p.y <= r.bottom() + EPS;
    let on_x = (p.x - r.x).abs() < EPS || (p.x - r.right()).abs() < EPS;
    let on_y = (p.y - r.y).abs() < EPS || (p.y - r.bottom()).abs() < EPS;
    within_x && within_y && (on_x || on_y)
}

/// Whether the segment a-b passes through the open interior of `r`
/// (Liang-Barsky clipping against the box shrunk by a hair).
fn crosses(a: Point, b: Point, r: &Rect) -> bool {
    let (x0, x1, y0, y1) = (r.x + EPS, r.right() - EPS, r.y + EPS, r.bottom() - EPS);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

fn check(layers: &[i32], edges: &[(usize, usize)], drawn: &Layout) -> Result<(), TestCaseError> {
    prop_assert_eq!(drawn.nodes.len(), layers.len());
    prop_assert_eq!(drawn.edges.len(), edges.len());
    for (i, a) in drawn.nodes.iter().enumerate() {
        prop_assert!(a.x >= 0.0 && a.right() <= drawn.width && a.bottom() <= drawn.height);
        for b in &drawn.nodes[i + 1..] {
            prop_assert!(!overlap(a, b), "boxes overlap: {a:?} {b:?}");
        }
    }
    for (route, &(from, to)) in drawn.edges.iter().zip(edges) {
        let points = &route.points;
        prop_assert!(points.len() >= 2, "edge {from}->{to} not drawn");
        prop_assert!(
            on_boundary(points[0], &drawn.nodes[from]),
            "{from}->{to} starts off its source"
        );
        prop_assert!(
            on_boundary(points[points.len() - 1], &drawn.nodes[to]),
            "{from}->{to} ends off its target"
        );
        for p in points.iter().chain([&route.label]) {
            prop_assert!(p.x >= 0.0 && p.x <= drawn.width && p.y >= 0.0 && p.y <= drawn.height);
        }
        for pair in points.windows(2) {
            for (k, r) in drawn.nodes.iter().enumerate() {
                prop_assert!(
                    !crosses(pair[0], pair[1], r),
                    "{from}->{to} crosses box {k}: {:?}",
                    pair
                );
            }
        }
    }
    Ok(())
}

fn graphs() -> impl Strategy<Value = (Vec<i32>, Vec<(usize, usize)>)> {
    (1usize..14).prop_flat_map(|n| {
        (
            prop::collection::vec(-3i32..=3, n),
            prop::collection::vec((0..n, 0..n), 0..30),
        )
    })
}

proptest! {
    #[test]
    fn boxes_apart_and_every_edge_routed((layers, edges) in graphs()) {
        let drawn = layout(&layers, &edges, &LayoutOptions::default());
        check(&layers, &edges, &drawn)?;
    }
}

#[test]
fn owners_above_holdings_below() {
    // X owns A and B, A owns B: three layers, edges point down.
    let drawn = layout(
        &[-1, 0, 1],
        &[(0, 1), (0, 2), (1, 2)],
        &LayoutOptions::default(),
    );
    assert!(drawn.nodes[0].bottom() < drawn.nodes[1].y);
    assert!(drawn.nodes[1].bottom() < drawn.nodes[2].y);
    // The X -> B edge skips a layer: it runs down a slot of its own.
    assert_eq!(drawn.edges[1].points.len(), 4);
    assert!(drawn
        .edges
        .iter()
        .all(|e| e.points[0].y < e.points[e.points.len() - 1].y));
}

#[test]
fn cycles_and_self_holdings_are_drawn() {
    let edges = [(0, 1), (1, 0), (1, 1), (0, 0), (2, 0)];
    let layers = [0, 1, 0];
    let drawn = layout(&layers, &edges, &LayoutOptions::default());
    check(&layers, &edges, &drawn).expect("valid layout");
    // The upward edge ends at the bottom of its target.
    let up = &drawn.edges[1].points;
    assert!((up[up.len() - 1].y - drawn.nodes[0].bottom()).abs() < EPS);
}

#[test]
fn barycentre_untangles_a_crossing() {
    // Owners 0 and 1 hold 3 and 2 respectively: the sweep swaps 2 and 3.
    let drawn = layout(&[0, 0, 1, 1], &[(0, 3), (1, 2)], &LayoutOptions::default());
    assert!(drawn.nodes[3].x < drawn.nodes[2].x);
}

#[test]
fn edges_to_missing_nodes_are_skipped() {
    let drawn = layout(&[0], &[(0, 5)], &LayoutOptions::default());
    assert!(drawn.edges[0].points.is_empty());
}

#[test]
fn the_checks_can_fail() {
    let r = Rect {
        x: 10.0,
        y: 10.0,
        width: 10.0,
        height: 10.0,
    };
    let (a, b) = (Point { x: 0.0, y: 15.0 }, Point { x: 30.0, y: 15.0 });
    assert!(crosses(a, b, &r));
    assert!(!crosses(
        Point { x: 0.0, y: 10.0 },
        Point { x: 30.0, y: 10.0 },
        &r
    ));
    assert!(on_boundary(Point { x: 15.0, y: 20.0 }, &r));
    assert!(!on_boundary(Point { x: 15.0, y: 15.0 }, &r));
    assert!(overlap(&r, &Rect { x: 19.0, ..r }));
    assert!(!overlap(&r, &Rect { x: 20.0, ..r }));
}
