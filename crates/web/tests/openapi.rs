//! The OpenAPI description: served, and pinned by a snapshot so API
//! changes show up in review.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[test]
fn openapi_spec_snapshot() {
    let spec = serde_json::to_value(meldpunt_web::openapi::spec()).expect("spec serialises");
    insta::assert_json_snapshot!(spec);
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
