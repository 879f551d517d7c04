//! Failures are JSON with the right status, and responses carry security
//! headers.

use crate::common;

use axum::http::StatusCode;
use common::TestApp;
use meldpunt_web::Limits;
use serde_json::json;

#[tokio::test]
async fn oversized_body_is_413() {
    let app = TestApp::with_limits(Limits {
        body_bytes: 1024,
        ..Limits::default()
    });
    let body =
        json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["x".repeat(4096)]}}}});
    let response = app.post_json("/match/default", &body).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    insta::assert_json_snapshot!(response.json, @r#"
    {
      "error": {
        "message": "request body is larger than the limit of 1024 bytes",
        "status": 413
      }
    }
    "#);
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = TestApp::new();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let response = app.post_raw("/match/default", content_type, "{}").await;
        assert_eq!(response.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(response.json["error"]["status"], 415);
    }
    let charset = app
        .post_raw(
            "/api/v1/screen",
            Some("application/json; charset=utf-8"),
            r#"{"entity":{"name":"A"}}"#,
        )
        .await;
    assert_eq!(charset.status, StatusCode::OK);
}

#[tokio::test]
async fn malformed_json_is_400_with_path() {
    let app = TestApp::new();
    let syntax = app
        .post_raw(
            "/match/default",
            Some("application/json"),
            r#"{"queries": "#,
        )
        .await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert!(
        syntax.error_message().starts_with("invalid JSON: EOF"),
        "{}",
        syntax.error_message()
    );

    let shape = app
        .post_raw(
            "/match/default",
            Some("application/json"),
            r#"{"queries": []}"#,
        )
        .await;
    assert_eq!(shape.status, StatusCode::BAD_REQUEST);
    insta::assert_json_snapshot!(shape.json, @r#"
    {
      "error": {
        "message": "invalid JSON: invalid type: sequence, expected a map at line 1 column 12",
        "path": "queries",
        "status": 400
      }
    }
    "#);

    let trailing = app
        .post_raw(
            "/api/v1/screen",
            Some("application/json"),
            r#"{"entity":{"name":"A"}} x"#,
        )
        .await;
    assert_eq!(trailing.status, StatusCode::BAD_REQUEST);

    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep = app
        .post_raw("/api/v1/screen", Some("application/json"), deep)
        .await;
    assert_eq!(deep.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json() {
    let app = TestApp::new();
    let missing = app.get("/nope").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_message(), "no route for GET /nope");
    let method = app.get("/match/default").await;
    assert_eq!(method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(method.json["error"]["status"], 405);
}

#[tokio::test]
async fn security_headers_are_set() {
    let response = TestApp::new().get("/healthz").await;
    assert_eq!(response.headers["x-content-type-options"], "nosniff");
    assert_eq!(response.headers["x-frame-options"], "DENY");
    assert_eq!(response.headers["cache-control"], "no-store");
    assert!(response.headers.contains_key("content-security-policy"));
}
