//! Meldpunt's native API: `/api/v1/screen`, `/api/v1/datasets`, `/healthz`.

use crate::common;

use axum::http::StatusCode;
use common::{redacted, TestApp};
use serde_json::json;

#[tokio::test]
async fn simple_form_vessel_by_imo() {
    let body = json!({"entity": {
        "name": "OCEAN PIONEER",
        "schema": "Vessel",
        "identifiers": {"imo": "9321483"}
    }});
    let response = TestApp::new().post_json("/api/v1/screen", &body).await;
    assert_eq!(response.status, StatusCode::OK);
    let hit = &response.json["hits"][0];
    assert_eq!(hit["entity_id"], "ofac-3001");
    assert_eq!(hit["version_id"], "17");
    assert!(hit["features"].as_array().is_some_and(|f| !f.is_empty()));
    insta::assert_json_snapshot!(redacted(response.json));
}

#[tokio::test]
async fn ftm_form_with_schema_filter() {
    let app = TestApp::new();
    let body = json!({
        "entity": {"schema": "Person", "properties": {"name": ["Иван Сидоров"], "birthDate": ["1961"]}},
        "limit": 5,
        "schemas": ["Person"]
    });
    let response = app.post_json("/api/v1/screen", &body).await;
    assert_eq!(response.status, StatusCode::OK);
    let ids: Vec<&str> = response.json["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["entity_id"].as_str())
        .collect();
    assert!(
        ids.contains(&"ofac-1001") && ids.contains(&"eu-fsf-502"),
        "{ids:?}"
    );
    assert_eq!(
        response.json["list_versions"],
        json!({"eu-fsf": "42", "ofac-sdn": "17"})
    );
    assert!(response.json["threshold"].is_number());

    let companies_only = json!({"entity": {"name": "Ivan Sidorov"}, "schemas": ["Company"]});
    let response = app.post_json("/api/v1/screen", &companies_only).await;
    assert_eq!(response.json["hits"], json!([]));
}

#[tokio::test]
async fn native_request_errors_name_the_path() {
    let app = TestApp::new();
    let unknown_field = json!({"entity": {"name": "A", "birthday": "1970"}});
    let response = app.post_json("/api/v1/screen", &unknown_field).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(response.json["error"]["path"], "entity.birthday");

    let bad_kind = json!({"entity": {"name": "A", "identifiers": {"dna": "x"}}});
    let response = app.post_json("/api/v1/screen", &bad_kind).await;
    assert_eq!(response.error_message(), "unknown identifier kind 'dna'");

    let bad_type = json!({"entity": {"name": "A"}, "limit": "ten"});
    let response = app.post_json("/api/v1/screen", &bad_type).await;
    assert_eq!(response.json["error"]["path"], "limit");

    let bad_schema = json!({"entity": {"name": "A"}, "schemas": ["Spaceship"]});
    let response = app.post_json("/api/v1/screen", &bad_schema).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn datasets_and_health() {
    let app = TestApp::new();
    let datasets = app.get("/api/v1/datasets").await;
    assert_eq!(datasets.status, StatusCode::OK);
    insta::assert_json_snapshot!(redacted(datasets.json));
    let health = app.get("/healthz").await;
    assert_eq!(health.json["status"], "ok");
    assert_eq!(health.json["entities"], 6);
}
