//! Issue messages follow `Accept-Language`: Dutch when the request prefers
//! it, English otherwise; codes and pointers never change, and what is
//! stored (the acknowledgement on record) stays English. Both backends.

use crate::desk_app;

use axum::http::{Method, StatusCode};
use desk_app::{fixture, DeskApp};
use meldpunt_reports::messages::{localise, message_in, Language};
use serde_json::{json, Value};

on_both_backends!(
    validation_answers_in_the_preferred_language,
    rejections_are_answered_in_dutch_with_details,
    warnings_are_dutch_in_the_answer_and_english_on_record,
    the_desks_own_notices_are_translated,
);

async fn post(app: &DeskApp, uri: &str, language: Option<&str>, body: &Value) -> Value {
    let headers: Vec<(&str, &str)> = language
        .map(|l| ("accept-language", l))
        .into_iter()
        .collect();
    let reply = app
        .send(
            Method::POST,
            uri,
            Some(&app.bank_key),
            Some("application/json"),
            &headers,
            body.to_string(),
        )
        .await;
    assert!(
        matches!(
            reply.status,
            StatusCode::OK | StatusCode::CREATED | StatusCode::UNPROCESSABLE_ENTITY
        ),
        "{uri}: {} {}",
        reply.status,
        reply.text
    );
    reply.json
}

/// (pointer, code, message) of each issue in a list.
fn issues(list: &Value) -> Vec<(String, String, String)> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            let text = |k: &str| i[k].as_str().unwrap_or_default().to_string();
            (text("pointer"), text("code"), text("message"))
        })
        .collect()
}

/// The Dutch answer is the English one with every message translated.
fn assert_dutch_of(english: &Value, dutch: &Value) {
    let (en, nl) = (issues(english), issues(dutch));
    assert_eq!(en.len(), nl.len());
    assert!(!en.is_empty(), "the case must raise issues");
    for ((pointer, code, en_message), (nl_pointer, nl_code, nl_message)) in en.iter().zip(&nl) {
        assert_eq!((pointer, code), (nl_pointer, nl_code));
        assert_ne!(en_message, nl_message, "{code} was not translated");
        assert_eq!(*nl_message, localise(code, en_message, Language::Nl));
    }
}

fn bad_iban() -> Value {
    let mut report = fixture("asset_freeze");
    report["assets"][0]["iban"] = json!("NL92ABNA0417164300");
    report
}

async fn validation_answers_in_the_preferred_language(app: DeskApp) {
    let uri = "/api/v1/reports/validate";
    let report = bad_iban();
    let english = post(&app, uri, None, &report).await;
    let dutch = post(&app, uri, Some("nl-NL,nl;q=0.9,en;q=0.8"), &report).await;
    assert_eq!(english["status"], "REJECTED");
    assert_eq!(dutch["status"], "REJECTED");
    assert_eq!(
        issues(&english["errors"])[0].2,
        message_in("iban_checksum", Language::En)
    );
    assert_eq!(
        issues(&dutch["errors"])[0].2,
        message_in("iban_checksum", Language::Nl)
    );
    assert_dutch_of(&english["errors"], &dutch["errors"]);
    // English preferred, Dutch refused, or a language we do not have: English.
    for header in ["en-GB,nl;q=0.5", "nl;q=0, en", "de-DE", "*"] {
        let answer = post(&app, uri, Some(header), &report).await;
        assert_eq!(answer["errors"], english["errors"], "{header}");
    }
}

async fn rejections_are_answered_in_dutch_with_details(app: DeskApp) {
    let mut report = fixture("asset_freeze");
    if let Some(envelope) = report["envelope"].as_object_mut() {
        envelope.remove("detected_at");
    }
    let english = post(&app, "/api/v1/reports", None, &report).await;
    let dutch = post(&app, "/api/v1/reports", Some("nl"), &report).await;
    assert_eq!(dutch["status"], "REJECTED");
    assert_dutch_of(&english["errors"], &dutch["errors"]);
    let (pointer, code, message) = &issues(&dutch["errors"])[0];
    assert_eq!(
        (pointer.as_str(), code.as_str()),
        ("/envelope/detected_at", "missing_field")
    );
    assert_eq!(
        message,
        "Dit verplichte veld ontbreekt. (veld `detected_at` ontbreekt)"
    );
}

/// A freeze that raises a rule warning and both screening notices.
fn warned_freeze() -> Value {
    let mut report = fixture("asset_freeze");
    report["assets"][0]["frozen_at"] = json!("2026-11-03");
    report["subjects"][0]["list_match"]["entry_id"] = json!("EU.99.9");
    if let Some(subjects) = report["subjects"].as_array_mut() {
        subjects.push(json!({"kind": "person", "names": ["Ivan Petrovich Sidorov"]}));
    }
    report
}

fn codes(list: &Value) -> Vec<String> {
    issues(list).into_iter().map(|(_, code, _)| code).collect()
}

async fn warnings_are_dutch_in_the_answer_and_english_on_record(app: DeskApp) {
    let dutch = post(&app, "/api/v1/reports", Some("nl"), &warned_freeze()).await;
    assert_eq!(dutch["status"], "ACCEPTED_WITH_WARNINGS", "{dutch}");
    let filed = codes(&dutch["warnings"]);
    for code in [
        "frozen_before_detection",
        "list_match_not_screened",
        "undeclared_hit",
    ] {
        assert!(filed.iter().any(|c| c == code), "{code} not in {filed:?}");
    }
    let id = dutch["report_id"].as_str().unwrap_or_default();
    let uri = format!("/api/v1/reports/{id}/acknowledgement");
    let on_record = app.get(&uri, &app.bank_reporter).await;
    assert_eq!(on_record.status, StatusCode::OK);
    assert_dutch_of(&on_record.json["warnings"], &dutch["warnings"]);
    let hit = issues(&on_record.json["warnings"])
        .into_iter()
        .find(|(_, code, _)| code == "undeclared_hit")
        .map(|(_, _, message)| message)
        .unwrap_or_default();
    assert!(
        hit.starts_with("Screening matched this subject to 'Ivan Petrovich Sidorov'"),
        "{hit}"
    );
    let read_in_dutch = app
        .send(
            Method::GET,
            &uri,
            Some(&app.bank_reporter),
            None,
            &[("accept-language", "nl")],
            "",
        )
        .await;
    assert_eq!(read_in_dutch.json["warnings"], dutch["warnings"]);
}

async fn the_desks_own_notices_are_translated(app: DeskApp) {
    let mut late = fixture("asset_freeze");
    late["envelope"]["detected_at"] = json!("2026-06-01T08:00:00Z");
    late["assets"][0]["valuation_date"] = json!("2026-06-01");
    late["assets"][0]["frozen_at"] = json!("2026-06-01");
    let english = post(&app, "/api/v1/reports/validate", None, &late).await;
    assert!(codes(&english["warnings"]).is_empty(), "{english}");
    let dutch = post(&app, "/api/v1/reports", Some("nl"), &late).await;
    let late_notice = issues(&dutch["warnings"])
        .into_iter()
        .find(|(_, code, _)| code == "deadline_missed")
        .map(|(_, _, message)| message)
        .unwrap_or_default();
    assert!(
        late_notice.starts_with("Deze melding komt na de termijn binnen ("),
        "{dutch}"
    );

    let whistle = fixture("whistleblower");
    let english = post(&app, "/api/v1/reports", None, &whistle).await;
    let dutch = post(&app, "/api/v1/reports", Some("nl"), &whistle).await;
    assert!(codes(&dutch["errors"]).contains(&"whistleblower_channel".to_string()));
    assert_dutch_of(&english["errors"], &dutch["errors"]);
}
