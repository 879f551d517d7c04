//! `/ownership`: who owns or controls whom, and who the sanctions rules
//! catch through it. `/ownership` finds an entity by name or id and picks
//! the rules; `/ownership/{entity}` draws the entity's neighbourhood as a
//! server-rendered SVG beside the same facts as text and tables.
//!
//! The graph is list data (relations of the loaded sources and imported
//! shareholding registers), public like `/screen`; no report is read here.

mod entity;
mod settings;
mod svg;

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use meldpunt_ownership::{EntityRef, Explorer};

use super::{errors, to_html, Page};
use crate::state::{PortalLimits, PortalState};
use settings::{Settings, SettingsForm};

/// Entities listed for one search at most.
const SEARCH_LIMIT: usize = 50;

pub fn routes(_limits: PortalLimits) -> Router<Arc<PortalState>> {
    Router::new()
        .route("/ownership", get(search))
        .route("/ownership/{entity}", get(entity::show))
}

async fn search(
    State(state): State<Arc<PortalState>>,
    page: Page,
    query: Result<Query<SettingsForm>, QueryRejection>,
) -> Response {
    let Ok(Query(form)) = query else {
        return errors::bad_request(page.lang, page.t("error.bad_form"));
    };
    let title = page.t("ownership.title");
    let settings = Settings::read(&form, page.lang);
    let query = form.q.as_deref().unwrap_or("").trim().to_string();
    let found = match (&state.ownership, &settings, query.is_empty()) {
        (Some(explorer), Ok(_), false) => Some(find(explorer.clone(), query.clone()).await),
        _ => None,
    };
    let main = html! {
        h1 { (title) }
        p class="lead" { (page.t("ownership.intro")) }
        @if state.ownership.is_none() {
            p class="notice" { (page.t("ownership.no_data")) }
        }
        @match &settings {
            Ok(s) => (settings::form(&page, "/ownership", &s.as_form(form.q.clone()), None, true)),
            Err(problems) => (settings::form(&page, "/ownership", &form, Some(problems), true)),
        }
        @if let (Some(found), Ok(settings)) = (&found, &settings) {
            (results(&page, &query, found, settings))
        }
    };
    let status = match settings {
        Ok(_) => axum::http::StatusCode::OK,
        Err(_) => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, to_html(page.render(title, main))).into_response()
}

/// Searching scans every entity's name: off the async threads.
async fn find(explorer: Arc<Explorer>, query: String) -> Vec<EntityRef> {
    tokio::task::spawn_blocking(move || explorer.search(&query, SEARCH_LIMIT + 1))
        .await
        .unwrap_or_default()
}

fn results(page: &Page, query: &str, found: &[EntityRef], settings: &Settings) -> Markup {
    let shown = &found[..found.len().min(SEARCH_LIMIT)];
    html! {
        section aria-labelledby="ownership-results" {
            h2 id="ownership-results" { (page.tf("ownership.results_for", &[("query", query)])) }
            @if shown.is_empty() {
                p { (page.t("ownership.no_results")) }
            } @else {
                @if found.len() > SEARCH_LIMIT {
                    p { (page.tf("ownership.results_capped", &[("limit", &SEARCH_LIMIT.to_string())])) }
                }
                ul class="ownership-results" {
                    @for e in shown {
                        li {
                            a href=(entity_href(&e.id, settings)) { (e.caption) }
                            " " code { (e.id) }
                            @if e.listed {
                                " " span class="badge match" { (page.t("ownership.status_listed")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The link to an entity's view with the same settings. The id is one
/// path segment: everything outside the unreserved characters is
/// percent-encoded, so ids with `/`, `?`, `#` or spaces stay one segment.
pub(crate) fn entity_href(id: &str, settings: &Settings) -> String {
    format!(
        "/ownership/{}?{}",
        encode_segment(id),
        settings.query_string()
    )
}

fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_segment;

    #[test]
    fn ids_become_one_path_segment() {
        assert_eq!(encode_segment("ofac-123"), "ofac-123");
        assert_eq!(encode_segment("a/b c?d#e"), "a%2Fb%20c%3Fd%23e");
        assert_eq!(encode_segment("ü"), "%C3%BC");
    }
}
