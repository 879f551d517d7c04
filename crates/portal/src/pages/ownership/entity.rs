//! `/ownership/{entity}`: the graph and, beside it, the same facts for
//! every reader: the exposure and why, the proving paths, the entities and
//! relations drawn, effective ownership, when the exposure began and the
//! rule settings used.

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use meldpunt_ownership::{
    EffectiveOwnership, EntityView, Exposure, ExposureRule, NodeStatus, Reach, RelationKind,
};

use super::settings::{self, Settings, SettingsForm};
use super::svg::{edge_label, graph, status_text};
use super::{entity_href, errors, to_html, Page};
use crate::state::PortalState;

/// How much of the neighbourhood is drawn.
pub const REACH: Reach = Reach {
    up: 3,
    down: 2,
    max_nodes: 24,
};

pub async fn show(
    State(state): State<Arc<PortalState>>,
    page: Page,
    entity: Result<Path<String>, PathRejection>,
    query: Result<Query<SettingsForm>, QueryRejection>,
) -> Response {
    let (Ok(Path(id)), Ok(Query(form))) = (entity, query) else {
        return errors::not_found(page.lang);
    };
    let Some(explorer) = state.ownership.clone() else {
        return errors::unavailable(page.lang);
    };
    let settings = match Settings::read(&form, page.lang) {
        Ok(settings) => settings,
        Err(problems) => {
            let title = page.t("ownership.title");
            let main = html! {
                h1 { (title) }
                (settings::form(&page, &page.path, &form, Some(&problems), false))
            };
            let markup = page.render(title, main);
            return (StatusCode::UNPROCESSABLE_ENTITY, to_html(markup)).into_response();
        }
    };
    let rules = settings.rules;
    let view = tokio::task::spawn_blocking(move || explorer.view(&id, rules, REACH)).await;
    match view {
        Ok(Some(view)) => to_html(render(&page, &view, &settings)).into_response(),
        Ok(None) => errors::not_found(page.lang),
        Err(_) => errors::internal(page.lang),
    }
}

fn render(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    let centre = &view.nodes[0];
    let title = page.tf(
        "ownership.entity_title",
        &[("name", &centre.entity.caption)],
    );
    let main = html! {
        p { a href=(format!("/ownership?{}", settings.query_string())) { (page.t("ownership.back")) } }
        h1 { (centre.entity.caption) }
        p { (page.t("ownership.entity_id")) " " code { (centre.entity.id) } }
        (verdict(page, view, settings))
        details class="ownership-change" {
            summary { (page.t("ownership.change_settings")) }
            (settings::form(page, &page.path, &settings.as_form(None), None, false))
        }
        section aria-labelledby="og-graph-heading" {
            h2 id="og-graph-heading" { (page.t("ownership.graph_heading")) }
            p { (limits_text(page, view)) }
            figure class="ownership-figure" {
                div class="ownership-canvas" { (graph(page, view, settings)) }
                figcaption { (legend(page)) }
            }
        }
        (exposure_section(page, view, settings))
        (entities_table(page, view, settings))
        (relations_table(page, view, settings))
        (effective_section(page, view, settings))
        section aria-labelledby="og-settings-heading" {
            h2 id="og-settings-heading" { (page.t("ownership.settings_heading")) }
            (settings.describe(page))
        }
    };
    page.render(&title, main)
}

/// One sentence on the entity's status under the chosen rules.
fn verdict(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    let centre = &view.nodes[0];
    let date = settings.rules.as_of.to_string();
    let args = [("rules", settings.rules_name(page.lang)), ("date", &date)];
    let text = match (&centre.status, &view.exposure) {
        (NodeStatus::Listed, _) => page.tf("ownership.verdict_listed", &args),
        (NodeStatus::Caught(rule), Some(e)) => {
            let percent = format_percent(e.aggregate_percentage);
            let key = match rule {
                ExposureRule::Ofac50 => "ownership.verdict_ofac",
                ExposureRule::EuOwnership => "ownership.verdict_eu_ownership",
                ExposureRule::EuControl => "ownership.verdict_eu_control",
            };
            page.tf(key, &[("percent", &percent), ("date", &date)])
        }
        _ => page.tf("ownership.verdict_clean", &args),
    };
    html! { p class="ownership-verdict" role="status" { (text) } }
}

fn limits_text(page: &Page, view: &EntityView) -> String {
    let mut text = page.tf(
        "ownership.shown",
        &[
            ("nodes", &view.nodes.len().to_string()),
            ("up", &view.reach.up.to_string()),
            ("down", &view.reach.down.to_string()),
        ],
    );
    if view.beyond_hops > 0 {
        text.push(' ');
        text.push_str(&page.tf(
            "ownership.beyond_hops",
            &[("count", &view.beyond_hops.to_string())],
        ));
    }
    if view.beyond_limit > 0 {
        text.push(' ');
        text.push_str(&page.tf(
            "ownership.beyond_limit",
            &[
                ("count", &view.beyond_limit.to_string()),
                ("limit", &view.reach.max_nodes.to_string()),
            ],
        ));
    }
    if view.beyond_hops == 0 && view.beyond_limit == 0 {
        text.push(' ');
        text.push_str(page.t("ownership.complete"));
    }
    text
}

fn legend(page: &Page) -> Markup {
    html! {
        ul class="ownership-legend" {
            li { (page.t("ownership.legend_listed")) }
            li { (page.t("ownership.legend_caught")) }
            li { (page.t("ownership.legend_clean")) }
            li { (page.t("ownership.legend_edges")) }
            li { (page.t("ownership.legend_centre")) }
        }
    }
}

fn exposure_section(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    html! {
        section aria-labelledby="og-exposure-heading" {
            h2 id="og-exposure-heading" { (page.t("ownership.exposure_heading")) }
            @match &view.exposure {
                None => p { (page.t("ownership.no_exposure")) },
                Some(e) => (exposure(page, view, e, settings)),
            }
        }
    }
}

fn exposure(page: &Page, view: &EntityView, e: &Exposure, settings: &Settings) -> Markup {
    let since = match e.since {
        Some(date) => page.tf("ownership.since", &[("date", &date.to_string())]),
        None => page.t("ownership.since_unknown").to_string(),
    };
    // The explanation is the sentence screening results and reports cite,
    // in English; it is marked as such on Dutch pages.
    html! {
        p { (page.t("ownership.explanation_label")) }
        blockquote class="ownership-explanation" lang="en" { p { (e.explanation) } }
        p { (since) }
        h3 { (page.t("ownership.paths_heading")) }
        ol class="ownership-paths" {
            @for path in &e.paths {
                li {
                    @for (i, step) in path.steps.iter().enumerate() {
                        @if i == 0 { (entity_link(view, &step.owner, settings)) }
                        " → "
                        @let label = step_label(page, step.relation, step.percentage, step.role.as_deref());
                        "(" (label) ") "
                        (entity_link(view, &step.owned, settings))
                    }
                }
            }
        }
    }
}

fn step_label(page: &Page, kind: RelationKind, percent: Option<f64>, role: Option<&str>) -> String {
    match (kind, percent, role) {
        (RelationKind::Directorship, _, Some(role)) => role.to_string(),
        (RelationKind::Directorship, _, None) => page.t("ownership.edge_director").to_string(),
        (_, Some(p), _) if p > 0.0 => format!("{}%", format_percent(p)),
        (_, _, _) => page.t("ownership.edge_control_or_unknown").to_string(),
    }
}

/// A link to an entity's view, named by its caption where the view knows it.
fn entity_link(view: &EntityView, id: &str, settings: &Settings) -> Markup {
    let caption = view
        .nodes
        .iter()
        .find(|n| &*n.entity.id == id)
        .map_or(id, |n| n.entity.caption.as_str());
    html! { a href=(entity_href(id, settings)) { (caption) } }
}

fn entities_table(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    html! {
        div class="table-wrap" {
            table {
                caption { (page.t("ownership.entities_caption")) }
                thead { tr {
                    th scope="col" { (page.t("ownership.col_entity")) }
                    th scope="col" { (page.t("ownership.col_id")) }
                    th scope="col" { (page.t("ownership.col_position")) }
                    th scope="col" { (page.t("ownership.col_status")) }
                } }
                tbody {
                    @for node in &view.nodes {
                        tr {
                            th scope="row" { a href=(entity_href(&node.entity.id, settings)) { (node.entity.caption) } }
                            td { code { (node.entity.id) } }
                            td { (position(page, node.layer)) }
                            td { (status_text(page, node.status)) }
                        }
                    }
                }
            }
        }
    }
}

fn position(page: &Page, layer: i32) -> String {
    let steps = layer.unsigned_abs().to_string();
    match layer {
        0 => page.t("ownership.position_centre").to_string(),
        l if l < 0 => page.tf("ownership.position_up", &[("steps", &steps)]),
        _ => page.tf("ownership.position_down", &[("steps", &steps)]),
    }
}

fn relations_table(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    html! {
        div class="table-wrap" {
            table {
                caption { (page.t("ownership.relations_caption")) }
                thead { tr {
                    th scope="col" { (page.t("ownership.col_holder")) }
                    th scope="col" { (page.t("ownership.col_relation")) }
                    th scope="col" { (page.t("ownership.col_held")) }
                } }
                tbody {
                    @for edge in &view.edges {
                        @let (owner, owned) = (&view.nodes[edge.owner].entity, &view.nodes[edge.owned].entity);
                        tr {
                            td { a href=(entity_href(&owner.id, settings)) { (owner.caption) } }
                            td { (kind_name(page, edge.kind)) ": " (edge_label(page, edge)) }
                            td { a href=(entity_href(&owned.id, settings)) { (owned.caption) } }
                        }
                    }
                }
            }
        }
    }
}

fn kind_name(page: &Page, kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Directorship => page.t("ownership.kind_directorship"),
        _ => page.t("ownership.kind_ownership"),
    }
}

fn effective_section(page: &Page, view: &EntityView, settings: &Settings) -> Markup {
    html! {
        section aria-labelledby="og-effective-heading" {
            h2 id="og-effective-heading" { (page.t("ownership.effective_heading")) }
            p { (page.t("ownership.effective_intro")) }
            (effective_table(page, view, settings, "ownership.effective_owners", &view.effective_owners, true))
            (effective_table(page, view, settings, "ownership.effective_holdings", &view.effective_holdings, false))
        }
    }
}

fn effective_table(
    page: &Page,
    view: &EntityView,
    settings: &Settings,
    caption: &'static str,
    rows: &[EffectiveOwnership],
    owners: bool,
) -> Markup {
    html! {
        @if rows.is_empty() {
            p { (page.tf("ownership.effective_none", &[("what", page.t(caption))])) }
        } @else {
            div class="table-wrap" {
                table {
                    caption { (page.t(caption)) }
                    thead { tr {
                        th scope="col" { (page.t("ownership.col_entity")) }
                        th scope="col" { (page.t("ownership.col_effective")) }
                        th scope="col" { (page.t("ownership.col_largest_path")) }
                    } }
                    tbody {
                        @for row in rows {
                            @let other = if owners { &row.owner } else { &row.owned };
                            tr {
                                th scope="row" { (entity_link(view, other, settings)) }
                                td { (format_percent(row.percentage)) "%"
                                    @if row.truncated { " " (page.t("ownership.lower_bound")) } }
                                td { (largest_path(view, row)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The largest chain behind an effective stake, as names.
fn largest_path(view: &EntityView, row: &EffectiveOwnership) -> String {
    let Some(path) = row.paths.first() else {
        return String::new();
    };
    let caption = |id: &str| {
        view.nodes
            .iter()
            .find(|n| &*n.entity.id == id)
            .map_or(id.to_string(), |n| n.entity.caption.clone())
    };
    let mut names: Vec<String> = path.path.steps.iter().map(|s| caption(&s.owner)).collect();
    if let Some(last) = path.path.steps.last() {
        names.push(caption(&last.owned));
    }
    format!(
        "{} ({}%)",
        names.join(" → "),
        format_percent(path.percentage)
    )
}

/// "30", "33.3333": at most four decimals, no trailing zeros.
fn format_percent(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
