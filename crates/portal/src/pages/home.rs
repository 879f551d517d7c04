//! `/`: what Meldpunt is and which list versions are loaded.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;
use maud::html;

use super::{to_html, Page};
use crate::state::PortalState;

pub async fn show(State(state): State<Arc<PortalState>>, page: Page) -> Html<String> {
    let lang = page.lang;
    let t = |key| lang.t(key);
    let entities = state.screener.len().to_string();
    let main = html! {
        h1 { (t("home.title")) }
        p class="lead" { (t("home.intro")) }
        ul class="actions" {
            li { a class="button" href="/screen" { (t("home.screen_name")) } }
            li { a class="button secondary" href="/screen/upload" { (t("home.screen_file")) } }
        }
        section aria-labelledby="lists-heading" {
            h2 id="lists-heading" { (t("home.lists_title")) }
            p { (lang.tf("home.lists_summary", &[("count", &entities)])) }
            @if state.datasets.is_empty() {
                p { (t("home.no_lists")) }
            } @else {
                div class="table-wrap" {
                    table {
                        caption class="visually-hidden" { (t("home.lists_title")) }
                        thead { tr {
                            th scope="col" { (t("home.list")) }
                            th scope="col" { (t("home.version")) }
                            th scope="col" { (t("home.published")) }
                            th scope="col" class="num" { (t("home.entities")) }
                            th scope="col" { (t("home.imported")) }
                        } }
                        tbody {
                            @for d in &state.datasets {
                                tr {
                                    th scope="row" { code { (d.name) } }
                                    td { code { (d.version_id) } }
                                    td { (d.published.as_deref().unwrap_or("–")) }
                                    td class="num" { (d.entity_count) }
                                    td { (d.imported_at.as_deref().unwrap_or("–")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    to_html(page.render(t("home.title"), main))
}
