//! The OpenAPI description: served, pinned by a snapshot so API changes
//! show up in review, and complete: every operation the router answers
//! under `/api/v1/` is described, and nothing else is.

use crate::common;
use crate::desk_app;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::TestApp;
use desk_app::DeskApp;
use meldpunt_screening::ScoringConfig;
use meldpunt_web::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

type Operation = (String, String);

const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
];

fn spec() -> Value {
    serde_json::to_value(meldpunt_web::openapi::spec()).expect("spec serialises")
}

#[test]
fn openapi_spec_snapshot() {
    insta::assert_json_snapshot!(spec());
}

#[tokio::test]
async fn openapi_is_served() {
    let response = TestApp::new().get("/openapi.json").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.json["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.")));
    assert!(response.json["paths"]["/match/{dataset}"]["post"].is_object());
}

/// Every path given to `.route("…")` in the API's sources. Axum cannot
/// list its routes, so they are read where they are written.
fn routed_paths() -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    let mut folders = vec![format!("{}/src/api", env!("CARGO_MANIFEST_DIR"))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read src/api") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                folders.push(path.display().to_string());
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("read source");
                paths.extend(route_literals(&source));
            }
        }
    }
    paths
}

fn route_literals(source: &str) -> Vec<String> {
    source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// A concrete URI for a route pattern: `{id}` becomes `x`.
fn concrete(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|s| if s.starts_with('{') { "x" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The router answers a method on a path unless it says 405 (a route
/// with other methods; matchit never falls through to a sibling pattern)
/// or 404 from the fallback.
async fn answers(app: &Router, method: &Method, uri: &str) -> bool {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    match response.status() {
        StatusCode::METHOD_NOT_ALLOWED => false,
        StatusCode::NOT_FOUND => {
            let body = axum::body::to_bytes(response.into_body(), 1 << 16)
                .await
                .unwrap_or_default();
            !String::from_utf8_lossy(&body).contains("no route for")
        }
        _ => true,
    }
}

fn described_operations(spec: &Value) -> BTreeSet<Operation> {
    let mut described = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            described.insert((method.to_uppercase(), path.clone()));
        }
    }
    described
}

#[tokio::test]
async fn every_api_v1_route_is_described() {
    // Without a desk the reporting point's routes answer 503, which is
    // enough to tell a route from no route.
    let app = router(AppState::new(vec![], ScoringConfig::default(), vec![]));
    let mut routed = BTreeSet::new();
    for path in routed_paths() {
        for method in METHODS {
            if answers(&app, &method, &concrete(&path)).await {
                routed.insert((method.to_string(), path.clone()));
            }
        }
    }
    assert!(routed.len() >= 30, "too few routes found: {routed:?}");
    let api_v1 = |ops: BTreeSet<Operation>| -> BTreeSet<Operation> {
        ops.into_iter()
            .filter(|(_, p)| p.starts_with("/api/v1/"))
            .collect()
    };
    let routed = api_v1(routed);
    let described = api_v1(described_operations(&spec()));
    let undescribed: Vec<_> = routed.difference(&described).collect();
    let unrouted: Vec<_> = described.difference(&routed).collect();
    assert!(
        undescribed.is_empty(),
        "routed, not in the spec: {undescribed:?}"
    );
    assert!(unrouted.is_empty(), "in the spec, not routed: {unrouted:?}");
}

#[test]
fn route_literals_are_read_across_lines() {
    let source = r#"Router::new().route("/a", get(a)).route(
            "/b/{id}",
            post(b),
        )"#;
    assert_eq!(route_literals(source), ["/a", "/b/{id}"]);
}

/// An operation with a `security` requirement turns away a request without
/// a credential with 401; one without it does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_requirements_match_the_handlers() {
    desk_app::harness::on_sqlite(|store| async move {
        let app = DeskApp::new(store).await;
        let spec = spec();
        assert_eq!(
            spec["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        for (method, path) in described_operations(&spec) {
            if !path.starts_with("/api/v1/") {
                continue;
            }
            let operation = &spec["paths"][&path][method.to_lowercase()];
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            let method = Method::from_bytes(method.as_bytes()).expect("method");
            let reply = app
                .send(
                    method.clone(),
                    &concrete(&path),
                    None,
                    Some("application/json"),
                    &[],
                    "{}",
                )
                .await;
            let refused = reply.status == StatusCode::UNAUTHORIZED
                && reply.headers.contains_key(header::WWW_AUTHENTICATE);
            assert_eq!(
                refused, secured,
                "{method} {path}: {} {}",
                reply.status, reply.text
            );
        }
    })
    .await;
}

/// Report intake refers to the published JSON Schema, and that path
/// serves it.
#[tokio::test]
async fn intake_bodies_refer_to_the_served_report_schema() {
    let spec = spec();
    let reference = meldpunt_web::openapi::REPORT_SCHEMA;
    for path in [
        "/api/v1/reports",
        "/api/v1/reports/validate",
        "/api/v1/whistleblower",
    ] {
        let schema =
            &spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(schema["$ref"], reference, "{path}");
    }
    let served = TestApp::new().get(reference).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.json, meldpunt_reports::json_schema());
}

#[test]
fn operation_ids_are_unique() {
    let spec = spec();
    let mut seen = BTreeSet::new();
    for (method, path) in described_operations(&spec) {
        let id = spec["paths"][&path][method.to_lowercase()]["operationId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(seen.insert(id.clone()), "{method} {path}: {id} used twice");
    }
}
