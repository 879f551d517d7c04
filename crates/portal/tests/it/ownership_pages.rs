//! `/ownership`: search, the entity view on issue #7's two OFAC examples
//! under both rule sets, the SVG's well-formedness, 404s, escaping of odd
//! ids, form errors, and a server without ownership data.

use crate::common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use meldpunt_model::PartialDate;
use meldpunt_ownership::{
    Explorer, OwnershipGraphBuilder, Percentage, RelationInput, RelationKind, Share,
};
use meldpunt_portal::{app, PortalState};
use meldpunt_screening::{ScoringConfig, Screener};
use quick_xml::events::Event;
use quick_xml::Reader;
use tower::ServiceExt;

const AS_OF: &str = "as_of=2024-06-01";

fn stake(owner: &str, owned: &str, percent: f64) -> RelationInput {
    let mut input = RelationInput::new(owner, owned, RelationKind::Ownership);
    input.percentage = Share::from_percent(percent).map(Percentage::exact);
    input.start = PartialDate::parse("2019-03-01").ok();
    input
}

/// Both OFAC examples of issue #7 in one graph, with names:
/// X owns 50% of A and 10% of B, A owns 40% of B;
/// Y owns 40% of C, C owns 100% of D.
fn explorer() -> Explorer {
    let mut builder = OwnershipGraphBuilder::new();
    for (a, b, p) in [
        ("X", "A", 50.0),
        ("X", "B", 10.0),
        ("A", "B", 40.0),
        ("Y", "C", 40.0),
        ("C", "D", 100.0),
    ] {
        builder.add_relation(&stake(a, b, p));
    }
    let mut director = RelationInput::new("P", "B", RelationKind::Directorship);
    director.role = Some("Chair".to_string());
    builder.add_relation(&director);
    // An id with characters that must be escaped in HTML and in URLs.
    builder.add_relation(&stake("Y", "odd\"<b>&/id", 5.0));
    for (id, name) in [
        ("X", "Xavier Listed"),
        ("A", "Alpha Holding"),
        ("B", "Beta Trading"),
        ("Y", "Yuri Listed"),
        ("C", "Gamma Invest"),
        ("D", "Delta Shipping"),
        ("P", "Paula Director"),
    ] {
        builder.set_caption(id, name);
    }
    let listed = ["X", "Y"].iter().map(|s| s.to_string()).collect();
    Explorer::new(builder.build(), &listed)
}

fn portal(with_graph: bool) -> Router {
    let screener = Arc::new(Screener::new(Vec::new(), ScoringConfig::default()));
    let mut state = PortalState::new(screener, Vec::new());
    if with_graph {
        state = state.with_ownership(Arc::new(explorer()));
    }
    app(state, Router::new())
}

async fn get(router: &Router, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8(bytes.to_vec()).expect("utf-8"))
}

/// The inline SVG, checked to be well-formed XML; returns its element names.
fn svg_elements(html: &str) -> Vec<String> {
    let start = html.find("<svg").expect("page has an SVG");
    let end = html.find("</svg>").expect("SVG closes") + "</svg>".len();
    let mut reader = Reader::from_str(&html[start..end]);
    let mut names = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                names.push(String::from_utf8_lossy(e.name().as_ref()).to_string());
            }
            Ok(Event::Empty(e)) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).to_string())
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("SVG is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "every SVG element closes");
    names
}

fn count(names: &[String], name: &str) -> usize {
    names.iter().filter(|n| *n == name).count()
}

#[tokio::test]
async fn first_example_is_blocked_under_ofac_with_its_paths() {
    let router = portal(true);
    let (status, body) = get(&router, &format!("/ownership/B?rules=ofac&{AS_OF}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(
        "Blocked under the OFAC 50% rule: listed persons own 50% of it in aggregate (as of 2024-06-01)."
    ));
    assert!(body.contains(
        "blocked under the OFAC 50% rule: owned 50% by listed Xavier Listed via Alpha Holding (40%) and directly (10%)"
    ));
    assert!(body.contains("The exposure began on 2019-03-01"));
    // Two proving paths, each a chain of links.
    let paths = &body[body.find("ownership-paths").expect("paths")..];
    let paths = &paths[..paths.find("</ol>").expect("end of paths")];
    assert_eq!(paths.matches("<li>").count(), 2);
    assert!(paths.contains("href=\"/ownership/A?rules=ofac&amp;as_of=2024-06-01\""));
    // A is caught too; X listed; the director clean.
    assert!(body.contains("caught: OFAC 50%"));
    assert!(body.contains("Paula Director"));
    let names = svg_elements(&body);
    assert_eq!(count(&names, "a"), 4, "one link per entity: B, X, A, P");
    assert_eq!(
        count(&names, "polygon"),
        1,
        "X is the only listed entity drawn"
    );
    assert_eq!(
        count(&names, "path"),
        4 + 1,
        "four relations and the arrowhead"
    );
    assert!(body.contains("Octagon marked “listed”"));
    // Effective ownership: X holds 50% x 40% + 10% = 30% of B.
    assert!(body.contains("<td>30%</td>") || body.contains("<td>30%"));
    assert!(body.contains("Rule settings used"));
}

#[tokio::test]
async fn first_example_is_not_caught_under_eu_rules() {
    let router = portal(true);
    for aggregate in ["", "&aggregate=on"] {
        let uri = format!("/ownership/B?rules=eu{aggregate}&{AS_OF}");
        let (status, body) = get(&router, &uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Not caught under the EU ownership and control rules as of 2024-06-01.")
        );
        assert!(!body.contains("caught: EU"));
        assert!(body.contains("The chosen rules do not catch this entity"));
        let setting = match aggregate {
            "" => "assessed separately per listed person (EU default)",
            _ => "added up (EU aggregation switched on)",
        };
        assert!(body.contains(setting), "{uri}");
        svg_elements(&body);
    }
}

#[tokio::test]
async fn second_example_is_not_blocked_under_either_rules() {
    let router = portal(true);
    for rules in ["ofac", "eu"] {
        for id in ["C", "D"] {
            let (status, body) =
                get(&router, &format!("/ownership/{id}?rules={rules}&{AS_OF}")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("Not caught under the"), "{id} {rules}");
            assert!(!body.contains("caught: "), "{id} {rules}");
            let names = svg_elements(&body);
            assert_eq!(count(&names, "polygon"), 1, "Yuri is listed");
        }
    }
}

#[tokio::test]
async fn ofac_page_snapshot() {
    let (_, body) = get(&portal(true), &format!("/ownership/B?rules=ofac&{AS_OF}")).await;
    insta::assert_snapshot!("ownership_b_ofac", common::snapshot_html(&body));
}

#[tokio::test]
async fn dutch_page_marks_the_english_explanation() {
    let (status, body) = get(
        &portal(true),
        &format!("/ownership/B?rules=ofac&{AS_OF}&lang=nl"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"nl\">"));
    assert!(body.contains("Geblokkeerd onder de OFAC 50%-regel"));
    assert!(body.contains("blockquote class=\"ownership-explanation\" lang=\"en\""));
}

#[tokio::test]
async fn unknown_entity_is_404() {
    let (status, body) = get(&portal(true), "/ownership/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.starts_with("<!DOCTYPE html>"));
}

#[tokio::test]
async fn odd_ids_are_escaped_in_html_and_urls() {
    let router = portal(true);
    let (status, body) = get(
        &router,
        &format!("/ownership/odd%22%3Cb%3E%26%2Fid?{AS_OF}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<b>"), "the id is not markup");
    assert!(body.contains("odd&quot;&lt;b&gt;&amp;/id"));
    assert!(body.contains("/ownership/odd%22%3Cb%3E%26%2Fid?rules=ofac"));
    svg_elements(&body);
    // And from Yuri's page, the link to it is encoded the same way.
    let (_, body) = get(&router, &format!("/ownership/Y?{AS_OF}")).await;
    assert!(body.contains("href=\"/ownership/odd%22%3Cb%3E%26%2Fid?rules=ofac"));
}

#[tokio::test]
async fn search_finds_by_name_and_keeps_the_settings() {
    let router = portal(true);
    let (status, body) = get(&router, &format!("/ownership?q=listed&rules=eu&{AS_OF}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/ownership/X?rules=eu&amp;as_of=2024-06-01\""));
    assert!(body.contains("href=\"/ownership/Y?rules=eu&amp;as_of=2024-06-01\""));
    assert!(!body.contains("/ownership/A?"));
    let (_, body) = get(&router, "/ownership?q=zzz").await;
    assert!(body.contains("No entity in the ownership data matches."));
    let (_, body) = get(&router, "/ownership?lang=nl").await;
    assert!(body.contains("Eigendom en zeggenschap"));
    assert!(body.contains("<label for=\"as_of\">"));
}

#[tokio::test]
async fn bad_settings_are_explained_at_the_fields() {
    let router = portal(true);
    let (status, body) = get(&router, "/ownership/B?rules=uk&as_of=June").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("class=\"error-summary\""));
    assert!(body.contains("href=\"#as_of\""));
    assert!(body.contains("href=\"#rules-ofac\""));
    assert!(body.contains("aria-describedby=\"as_of-hint as_of-error\""));
    let (status, _) = get(&router, "/ownership?q=x&as_of=2024").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn without_ownership_data_the_pages_say_so() {
    let router = portal(false);
    let (status, body) = get(&router, "/ownership").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No ownership data is loaded on this server."));
    let (status, _) = get(&router, "/ownership/B").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn pages_carry_no_inline_style_or_script() {
    let router = portal(true);
    for uri in ["/ownership?q=a", "/ownership/B?rules=eu", "/ownership/Y"] {
        let (_, body) = get(&router, uri).await;
        assert!(!body.contains("style="), "{uri}");
        assert!(!body.contains("<style"), "{uri}");
        assert!(
            !has_event_handler(&body),
            "{uri}: no event handler attributes"
        );
    }
}

/// Whether any attribute is an event handler (` onclick=`, ` onload=`…).
fn has_event_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_lowercase()).count();
        name_len > 0 && rest[name_len..].starts_with('=')
    })
}
