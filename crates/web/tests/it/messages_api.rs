//! Message threads over the API: who may read and write a report's thread,
//! and that another organisation's thread answers exactly like a missing
//! one. Every case runs on SQLite and PostgreSQL.

use crate::desk_app;

use axum::http::{Method, StatusCode};
use desk_app::{fixture, DeskApp, Reply};
use serde_json::{json, Value};

const MISSING: &str = "00000000-0000-4000-8000-000000000000";

on_both_backends!(
    the_two_parties_write_and_read_a_thread,
    outsiders_neither_read_nor_write,
    bad_messages_are_refused,
);

fn thread_uri(id: &str) -> String {
    format!("/api/v1/reports/{id}/messages")
}

async fn post(app: &DeskApp, token: &str, id: &str, body: &str) -> Reply {
    app.json(
        Method::POST,
        &thread_uri(id),
        Some(token),
        &json!({ "body": body }),
    )
    .await
}

fn bodies(reply: &Reply) -> Vec<String> {
    reply.json["messages"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|m| m["body"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn the_two_parties_write_and_read_a_thread(app: DeskApp) {
    let id = app.file(&app.bank_key, &fixture("asset_freeze")).await;
    let asked = post(&app, &app.analyst, &id, "Which account holds the shares?").await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text);
    assert_eq!(asked.json["side"], "reporting_point");
    assert_eq!(asked.json["mine"], true);

    let read = app.get(&thread_uri(&id), &app.bank_reporter).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert_eq!(bodies(&read), ["Which account holds the shares?"]);
    assert_eq!(read.json["messages"][0]["author_name"], Value::Null);
    assert_eq!(read.json["messages"][0]["mine"], false);

    let by_key = post(&app, &app.bank_key, &id, "Custody account 12.").await;
    assert_eq!(by_key.status, StatusCode::CREATED, "{}", by_key.text);
    assert_eq!(by_key.json["side"], "reporter");
    assert_eq!(by_key.json["author_name"], "API key core banking");
    let by_admin = post(&app, &app.bank_admin, &id, "Notice attached.").await;
    assert_eq!(by_admin.status, StatusCode::CREATED, "{}", by_admin.text);

    for token in [&app.analyst, &app.admin, &app.bank_key, &app.bank_reporter] {
        let thread = app.get(&thread_uri(&id), token).await;
        assert_eq!(thread.status, StatusCode::OK, "{}", thread.text);
        assert_eq!(
            bodies(&thread),
            [
                "Which account holds the shares?",
                "Custody account 12.",
                "Notice attached."
            ]
        );
    }
    let seen_by_analyst = app.get(&thread_uri(&id), &app.analyst).await;
    assert_eq!(
        seen_by_analyst.json["messages"][0]["author_name"],
        "analyst@meldpunt.example"
    );
}

/// The foreign answer must equal the missing answer exactly.
fn same_answer(foreign: &Reply, missing: &Reply) {
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.text);
    assert_eq!(foreign.status, missing.status);
    assert_eq!(
        foreign.json, missing.json,
        "a foreign id must not be distinguishable"
    );
}

async fn outsiders_neither_read_nor_write(app: DeskApp) {
    let id = app.file(&app.bank_key, &fixture("asset_freeze")).await;
    let first = post(&app, &app.analyst, &id, "Please send the notice.").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);

    for token in [&app.other_key, &app.other_reporter, &app.other_admin] {
        let foreign = app.get(&thread_uri(&id), token).await;
        let missing = app.get(&thread_uri(MISSING), token).await;
        same_answer(&foreign, &missing);
        let foreign = post(&app, token, &id, "hello").await;
        let missing = post(&app, token, MISSING, "hello").await;
        same_answer(&foreign, &missing);
    }
    // Routed to DNB, yet its viewers take no part in the thread.
    let report = app
        .get(&format!("/api/v1/reports/{id}"), &app.dnb_viewer)
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text);
    for reply in [
        app.get(&thread_uri(&id), &app.dnb_viewer).await,
        post(&app, &app.dnb_viewer, &id, "hello").await,
    ] {
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text);
    }
    let anonymous = app
        .send(Method::GET, &thread_uri(&id), None, None, &[], "")
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let thread = app.get(&thread_uri(&id), &app.bank_reporter).await;
    assert_eq!(bodies(&thread), ["Please send the notice."]);
}

async fn bad_messages_are_refused(app: DeskApp) {
    let id = app.file(&app.bank_key, &fixture("asset_freeze")).await;
    let empty = post(&app, &app.bank_reporter, &id, "  \n ").await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    let control = post(&app, &app.bank_reporter, &id, "ring\u{7}").await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = app
        .json(
            Method::POST,
            &thread_uri(&id),
            Some(&app.bank_reporter),
            &json!({"body": "hi", "side": "reporting_point"}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "{}", unknown.text);
    let huge = post(&app, &app.bank_reporter, &id, &"x".repeat(200 * 1024)).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", huge.text);
    let thread = app.get(&thread_uri(&id), &app.bank_reporter).await;
    assert_eq!(thread.json["messages"], json!([]));
}
