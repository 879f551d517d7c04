//! Report intake over HTTP: every report type on every channel, the status
//! codes of the acknowledgement, idempotency, and bad input answered with a
//! clear 4xx and nothing stored. Every case runs on SQLite and PostgreSQL.

use crate::desk_app;

use axum::http::{header, Method, StatusCode};
use desk_app::{fixture, DeskApp};
use serde_json::json;

const TYPES: [&str; 11] = [
    "confirmed_hit",
    "potential_hit",
    "asset_freeze",
    "frozen_assets_periodic",
    "attempted_transaction",
    "pre_listing_movement",
    "suspected_circumvention",
    "no_russia_clause_breach",
    "listed_person_self_report",
    "licence_request",
    "vessel_event",
];

on_both_backends!(
    every_report_type_is_filed_as_json_and_as_xml,
    whistleblower_reports_need_no_account,
    frozen_asset_returns_are_filed_from_csv,
    retried_submissions_are_filed_once,
    rejected_reports_answer_422_with_pointers,
    bad_input_is_a_clear_4xx_and_stores_nothing,
    sign_in_is_rate_limited,
    published_contracts,
);

async fn every_report_type_is_filed_as_json_and_as_xml(app: DeskApp) {
    for name in TYPES {
        let body = fixture(name);
        let reply = app
            .json(Method::POST, "/api/v1/reports", Some(&app.bank_key), &body)
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{name}: {}", reply.text);
        let location = reply.headers[header::LOCATION]
            .to_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            reply.json["status"]
                .as_str()
                .is_some_and(|s| s.starts_with("ACCEPTED")),
            "{name}"
        );
        assert!(
            !reply.json["routes"].as_array().is_some_and(Vec::is_empty),
            "{name}"
        );
        let stored = app.get(&location, &app.bank_reporter).await;
        assert_eq!(stored.status, StatusCode::OK, "{name}");
        assert_eq!(stored.json["report_type"], reply.json["report_type"]);

        let report: meldpunt_reports::Report =
            serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let xml = meldpunt_reports::xml::to_xml(&report);
        let reply = app
            .send(
                Method::POST,
                "/api/v1/reports",
                Some(&app.bank_key),
                Some("application/xml"),
                &[],
                xml,
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "{name} as XML: {}",
            reply.text
        );
        let stored = app
            .get(
                &format!(
                    "/api/v1/reports/{}",
                    reply.json["report_id"].as_str().unwrap_or_default()
                ),
                &app.bank_reporter,
            )
            .await;
        assert_eq!(
            stored.json["report"],
            serde_json::to_value(&report).unwrap_or_default(),
            "{name}"
        );
        assert_eq!(stored.json["channel"], "xml");
    }
    assert_eq!(app.total_reports().await, 2 * TYPES.len() as u64);
}

async fn whistleblower_reports_need_no_account(app: DeskApp) {
    let reply = app
        .json(
            Method::POST,
            "/api/v1/whistleblower",
            None,
            &fixture("whistleblower"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    assert!(reply.json["report_id"].is_string());
    assert_eq!(
        reply.json["routes"],
        json!([]),
        "nothing of the routing is disclosed"
    );
    let as_org = app
        .json(
            Method::POST,
            "/api/v1/reports",
            Some(&app.bank_key),
            &fixture("whistleblower"),
        )
        .await;
    assert_eq!(as_org.status, StatusCode::UNPROCESSABLE_ENTITY);
    let anonymous_freeze = app
        .json(
            Method::POST,
            "/api/v1/whistleblower",
            None,
            &fixture("asset_freeze"),
        )
        .await;
    assert_eq!(anonymous_freeze.status, StatusCode::UNPROCESSABLE_ENTITY);
    let listing = app
        .send(Method::GET, "/api/v1/reports", None, None, &[], "")
        .await;
    assert_eq!(listing.status, StatusCode::UNAUTHORIZED);
    assert!(listing.headers.contains_key(header::WWW_AUTHENTICATE));
}

async fn frozen_asset_returns_are_filed_from_csv(app: DeskApp) {
    let path = format!(
        "{}/../reports/tests/fixtures/csv/bank_return.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let csv = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reply = app
        .send(
            Method::POST,
            "/api/v1/reports?detected_at=2026-11-01T00:00:00Z&regimes=RUS",
            Some(&app.bank_key),
            Some("text/csv"),
            &[],
            csv,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    assert_eq!(reply.json["report_type"], "FROZEN_ASSETS_PERIODIC");
    let id = reply.json["report_id"].as_str().unwrap_or_default();
    let stored = app
        .get(&format!("/api/v1/reports/{id}"), &app.bank_reporter)
        .await;
    assert!(stored.json["report"]["assets"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    assert_eq!(stored.json["channel"], "csv");
}

async fn retried_submissions_are_filed_once(app: DeskApp) {
    let body = fixture("asset_freeze").to_string();
    let send = |body: String| {
        app.send(
            Method::POST,
            "/api/v1/reports",
            Some(&app.bank_key),
            Some("application/json"),
            &[("Idempotency-Key", "batch-7-line-1")],
            body,
        )
    };
    let first = send(body.clone()).await;
    let retry = send(body.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(retry.status, StatusCode::OK, "{}", retry.text);
    assert_eq!(first.json["report_id"], retry.json["report_id"]);
    assert_eq!(retry.json["replayed"], true);
    let changed = body.replace("Blocked all orders.", "Blocked some orders.");
    assert_eq!(send(changed).await.status, StatusCode::CONFLICT);
    assert_eq!(app.total_reports().await, 1);
}

async fn rejected_reports_answer_422_with_pointers(app: DeskApp) {
    let mut body = fixture("asset_freeze");
    body["assets"] = json!([]);
    body["subjects"][0]["identifiers"] = json!([{"kind": "lei", "value": "5493001KJTIIGC8Y1R13"}]);
    let reply = app
        .json(
            Method::POST,
            "/api/v1/reports",
            Some(&app.bank_reporter),
            &body,
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    assert_eq!(reply.json["status"], "REJECTED");
    let codes: Vec<(&str, &str)> = reply.json["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["pointer"].as_str().unwrap_or(""),
                        e["code"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        codes.contains(&("/subjects/0/identifiers/0/value", "lei_checksum")),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|(p, _)| p.starts_with("/assets")),
        "{codes:?}"
    );
    assert!(reply.json["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.len() > 10));
    let draft = reply.json["draft_id"].as_str().unwrap_or_default();
    let kept = app
        .get(&format!("/api/v1/drafts/{draft}"), &app.bank_reporter)
        .await;
    assert_eq!(kept.status, StatusCode::OK, "kept as a draft");
    assert_eq!(app.total_reports().await, 0);

    let checked = app
        .json(
            Method::POST,
            "/api/v1/reports/validate",
            Some(&app.bank_key),
            &body,
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK);
    assert_eq!(checked.json["status"], "REJECTED");
    assert_eq!(app.total_reports().await, 0, "validation files nothing");
}

async fn bad_input_is_a_clear_4xx_and_stores_nothing(app: DeskApp) {
    let big = vec![b'x'; meldpunt_desk::MAX_REPORT_BYTES + 10];
    let cases: Vec<(Option<&str>, Vec<u8>, StatusCode, &str)> = vec![
        (
            Some("application/json"),
            b"{\"envelope\": {".to_vec(),
            StatusCode::BAD_REQUEST,
            "line 1",
        ),
        (
            Some("application/xml"),
            b"<report xmlns=\"urn:meldpunt:report:1\"><envelope>".to_vec(),
            StatusCode::BAD_REQUEST,
            "request body:1:",
        ),
        (
            Some("application/xml"),
            b"<!DOCTYPE x [<!ENTITY a \"b\">]><report/>".to_vec(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        (
            Some("text/csv"),
            b"owner,nonsense\nx,y\n".to_vec(),
            StatusCode::BAD_REQUEST,
            "column",
        ),
        (
            Some("text/csv"),
            vec![0xff, 0xfe, 0x00, 0x41],
            StatusCode::BAD_REQUEST,
            "",
        ),
        (
            Some("text/plain"),
            b"hello".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "",
        ),
        (None, b"{}".to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE, ""),
        (
            Some("application/json"),
            big,
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
    ];
    for (content_type, body, expected, mentions) in cases {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/reports",
                Some(&app.bank_key),
                content_type,
                &[],
                body,
            )
            .await;
        assert_eq!(reply.status, expected, "{content_type:?}: {}", reply.text);
        let message = reply.json["error"]["message"].as_str().unwrap_or_default();
        assert!(
            !message.is_empty(),
            "{content_type:?}: no message in {}",
            reply.text
        );
        assert!(message.contains(mentions), "{content_type:?}: {message}");
    }
    assert_eq!(app.total_reports().await, 0);
    let drafts = app.get("/api/v1/drafts", &app.bank_reporter).await;
    assert_eq!(
        drafts.json,
        json!([]),
        "malformed input is not kept as a draft"
    );
}

async fn sign_in_is_rate_limited(app: DeskApp) {
    let wrong = json!({"email": "reporter@bank.example", "password": "wrong password!!"});
    for _ in 0..meldpunt_desk::limiter::ACCOUNT_FAILURES {
        let reply = app
            .json(Method::POST, "/api/v1/session", None, &wrong)
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    }
    let right = json!({"email": "reporter@bank.example", "password": desk_app::PASSWORD});
    let reply = app
        .json(Method::POST, "/api/v1/session", None, &right)
        .await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.text
    );
    assert!(reply.headers.contains_key(header::RETRY_AFTER));
}

async fn published_contracts(app: DeskApp) {
    let schema = app.get("/api/v1/schema/report.json", &app.bank_key).await;
    assert_eq!(schema.status, StatusCode::OK);
    assert!(schema.json["definitions"].is_object() || schema.json["$defs"].is_object());
    let xsd = app.get("/api/v1/schema/report.xsd", &app.bank_key).await;
    assert!(xsd.text.contains("urn:meldpunt:report:1"));
    let routing = app.get("/api/v1/routing", &app.bank_key).await;
    assert!(routing.json["version"].is_string(), "{}", routing.text);
}
