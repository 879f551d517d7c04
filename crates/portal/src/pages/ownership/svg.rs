//! The neighbourhood as inline SVG, laid out by
//! `meldpunt_ownership::layout`. Status is shown by shape and by text, never
//! by colour alone: a listed entity is an octagon marked "listed", a caught
//! one a hatched box naming the rule, a clean one a plain rounded box.
//! Each box links to that entity's own view. Only presentation attributes
//! are used (the CSP forbids `style`). SVG elements are closed explicitly
//! (`<path …></path>`): in HTML, foreign elements are not void, so an
//! unclosed `<path>` would swallow what follows.

use maud::{html, Markup};
use meldpunt_ownership::layout::{layout, LayoutOptions, Point, Rect, Route};
use meldpunt_ownership::{EntityView, NodeStatus, RelationKind, ViewEdge, ViewNode};

use super::settings::Settings;
use super::{entity_href, Page};

/// Characters of a name that fit on one line of a box.
const NAME_CHARS: usize = 26;

pub fn graph(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    let options = LayoutOptions::default();
    let layers: Vec<i32> = view.nodes.iter().map(|n| n.layer).collect();
    let pairs: Vec<(usize, usize)> = view.edges.iter().map(|e| (e.owner, e.owned)).collect();
    let drawn = layout(&layers, &pairs, &options);
    let (w, h) = (drawn.width.ceil(), drawn.height.ceil());
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="ownership-graph" role="img"
            viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h)
            aria-labelledby="og-title og-desc" {
            title id="og-title" { (page.tf("ownership.graph_title", &[("name", &view.nodes[0].entity.caption)])) }
            desc id="og-desc" {
                (page.tf("ownership.graph_desc", &[
                    ("nodes", &view.nodes.len().to_string()),
                    ("edges", &view.edges.len().to_string()),
                ]))
            }
            (defs())
            g class="og-edges" {
                @for (edge, route) in view.edges.iter().zip(&drawn.edges) {
                    (edge_markup(page, edge, route))
                }
            }
            g class="og-nodes" {
                @for (i, (node, rect)) in view.nodes.iter().zip(&drawn.nodes).enumerate() {
                    (node_markup(page, node, *rect, i == 0, settings))
                }
            }
        }
    }
}

fn defs() -> Markup {
    html! {
        defs {
            marker id="og-arrow" viewBox="0 0 10 10" refX="10" refY="5"
                markerWidth="8" markerHeight="8" orient="auto" {
                path d="M0,0 L10,5 L0,10 z" fill="#1b1f24" {}
            }
            pattern id="og-hatch" patternUnits="userSpaceOnUse" width="10" height="10"
                patternTransform="rotate(45)" {
                rect width="10" height="10" fill="#fde8d7" {}
                line x1="0" y1="0" x2="0" y2="10" stroke="#a4161a" stroke-width="3" stroke-opacity="0.35" {}
            }
        }
    }
}

fn edge_markup(page: &Page, edge: &ViewEdge, route: &Route) -> Markup {
    if route.points.len() < 2 {
        return html! {};
    }
    let dash = (edge.kind == RelationKind::Directorship).then_some("6 4");
    html! {
        g class="og-edge" {
            path d=(path_data(&route.points)) fill="none" stroke="#4a5560" stroke-width="1.5"
                stroke-dasharray=[dash] marker-end="url(#og-arrow)" {}
            text x=(num(route.label.x)) y=(num(route.label.y + 4.0)) text-anchor="middle"
                font-size="12" fill="#1b1f24" stroke="#ffffff" stroke-width="4" paint-order="stroke" {
                (edge_label(page, edge))
            }
        }
    }
}

/// What an edge says: the stake, the role, control.
pub fn edge_label(page: &Page, edge: &ViewEdge) -> String {
    let mut parts: Vec<String> = Vec::new();
    match edge.kind {
        RelationKind::Directorship => parts.push(
            edge.role
                .clone()
                .unwrap_or_else(|| page.t("ownership.edge_director").to_string()),
        ),
        _ => match &edge.percent {
            Some(p) => parts.push(format!("{p}%")),
            None if !edge.control => parts.push(page.t("ownership.edge_unknown").to_string()),
            None => {}
        },
    }
    if edge.control {
        parts.push(page.t("ownership.edge_control").to_string());
    }
    parts.join(", ")
}

fn node_markup(page: &Page, node: &ViewNode, r: Rect, centre: bool, settings: &Settings) -> Markup {
    let name = short(&node.entity.caption);
    let status = status_text(page, node.status);
    let tooltip = format!("{} ({}) – {status}", node.entity.caption, node.entity.id);
    html! {
        a href=(entity_href(&node.entity.id, settings)) class="og-node" {
            title { (tooltip) }
            @if centre {
                rect x=(num(r.x - 5.0)) y=(num(r.y - 5.0)) width=(num(r.width + 10.0)) height=(num(r.height + 10.0))
                    rx="16" fill="none" stroke="#0b4f8a" stroke-width="3" {}
            }
            (shape(node.status, r))
            text x=(num(r.centre_x())) y=(num(r.y + 27.0)) text-anchor="middle" font-size="13"
                font-weight="600" fill="#1b1f24" { (name) }
            text x=(num(r.centre_x())) y=(num(r.y + 47.0)) text-anchor="middle" font-size="12"
                fill="#1b1f24" { (status) }
        }
    }
}

fn shape(status: NodeStatus, r: Rect) -> Markup {
    match status {
        NodeStatus::Listed => {
            // An octagon: corners cut by a quarter of the height.
            let c = r.height / 4.0;
            let points = [
                (r.x + c, r.y),
                (r.right() - c, r.y),
                (r.right(), r.y + c),
                (r.right(), r.bottom() - c),
                (r.right() - c, r.bottom()),
                (r.x + c, r.bottom()),
                (r.x, r.bottom() - c),
                (r.x, r.y + c),
            ];
            let text: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                .collect();
            html! { polygon points=(text.join(" ")) fill="#fde8d7" stroke="#a4161a" stroke-width="3" {} }
        }
        NodeStatus::Caught(_) => html! {
            rect x=(num(r.x)) y=(num(r.y)) width=(num(r.width)) height=(num(r.height))
                fill="url(#og-hatch)" stroke="#a4161a" stroke-width="2" stroke-dasharray="8 3" {}
        },
        NodeStatus::Clean => html! {
            rect x=(num(r.x)) y=(num(r.y)) width=(num(r.width)) height=(num(r.height))
                rx="12" fill="#ffffff" stroke="#6b7580" stroke-width="1.5" {}
        },
    }
}

/// The status in words, as the box and the tables say it.
pub fn status_text(page: &Page, status: NodeStatus) -> String {
    match status {
        NodeStatus::Listed => page.t("ownership.status_listed").to_string(),
        NodeStatus::Caught(rule) => page.tf("ownership.status_caught", &[("rule", rule.as_str())]),
        NodeStatus::Clean => page.t("ownership.status_clean").to_string(),
    }
}

fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_string();
    }
    let mut cut: String = name.chars().take(NAME_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn path_data(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        d.push_str(&format!("{},{}", num(p.x), num(p.y)));
    }
    d
}

/// Coordinates with at most one decimal, for stable and short output.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}
