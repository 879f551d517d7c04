//! Every business rule through the API: the cases of the reports crate's
//! `rule_cases.json`, each sent to `POST /api/v1/reports` (whistleblower
//! cases to `/api/v1/whistleblower`), must come back with exactly the
//! issues the validator raises — same pointers, same codes — and nothing
//! rejected is filed. Runs on SQLite and PostgreSQL.

use crate::desk_app;

#[path = "../../../reports/tests/it/common/rule_cases.rs"]
mod rule_cases;

use axum::http::{Method, StatusCode};
use desk_app::DeskApp;

on_both_backends!(every_rule_answers_with_its_pointer_and_code);

fn issues(json: &serde_json::Value, key: &str) -> Vec<(String, String)> {
    json[key]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    let text = |k: &str| i[k].as_str().unwrap_or_default().to_string();
                    (text("pointer"), text("code"))
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn every_rule_answers_with_its_pointer_and_code(app: DeskApp) {
    let mut filed = 0;
    for case in rule_cases::rule_cases() {
        if let Some(reason) = &case.api {
            eprintln!("{}: not reachable through the API: {reason}", case.rule);
            continue;
        }
        let body = case.report();
        let (path, token) = if case.fixture == "whistleblower" {
            ("/api/v1/whistleblower", None)
        } else {
            ("/api/v1/reports", Some(app.bank_key.as_str()))
        };
        let reply = app.json(Method::POST, path, token, &body).await;
        if case.errors.is_empty() {
            assert_eq!(
                reply.status,
                StatusCode::CREATED,
                "{}: {}",
                case.rule,
                reply.text
            );
            let warnings = issues(&reply.json, "warnings");
            for expected in &case.warnings {
                assert!(warnings.contains(expected), "{}: {warnings:?}", case.rule);
            }
            filed += 1;
        } else {
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{}: {}",
                case.rule,
                reply.text
            );
            assert_eq!(issues(&reply.json, "errors"), case.errors, "{}", case.rule);
            let messages = reply.json["errors"].as_array().cloned().unwrap_or_default();
            assert!(
                messages
                    .iter()
                    .all(|m| m["message"].as_str().is_some_and(|t| t.len() > 15)),
                "{}: every issue has a sentence",
                case.rule
            );
        }
    }
    assert_eq!(app.total_reports().await, filed);
}
