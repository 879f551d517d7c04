//! Intake: every report type is filed, screened, routed and clocked;
//! retries are idempotent; bad input is answered and nothing is stored.

use crate::common;

use common::{fixture, json_submission, World};
use meldpunt_desk::{Channel, DeskError, Payload, ReportQuery, Submission};

const FILED_BY_ORGANISATIONS: [&str; 11] = [
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
    every_report_type_is_filed_routed_and_acknowledged,
    whistleblowers_file_anonymously_only,
    retries_with_an_idempotency_key_file_once,
    rejected_reports_are_kept_as_drafts_not_filed,
    malformed_input_stores_nothing,
    subjects_are_screened_with_versions,
    freeze_deadlines_run,
    audit_chain_verifies_after_intake,
);

async fn every_report_type_is_filed_routed_and_acknowledged(w: World) {
    for name in FILED_BY_ORGANISATIONS {
        let ack = w.file(&w.bank_reporter, &fixture(name)).await;
        assert!(ack.report_id.is_some(), "{name}: {ack:?}");
        assert!(ack.status.starts_with("ACCEPTED"), "{name}: {ack:?}");
        assert!(!ack.routes.is_empty(), "{name}: no route");
        assert!(ack.errors.is_empty(), "{name}: {ack:?}");
        let id = ack.report_id.clone().unwrap_or_default();
        let again = w
            .desk
            .acknowledgement_of(&w.bank_reporter, &id)
            .await
            .expect("ack again");
        assert_eq!(again.routes, ack.routes, "{name}");
        assert_eq!(again.status, ack.status, "{name}");
    }
    let (reports, total) = w
        .desk
        .reports(&w.bank_reporter, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, FILED_BY_ORGANISATIONS.len() as u64);
    assert_eq!(reports.len(), FILED_BY_ORGANISATIONS.len());
}

async fn whistleblowers_file_anonymously_only(w: World) {
    let body = fixture("whistleblower");
    let ack = w.file(&w.desk.anonymous(), &body).await;
    assert!(ack.report_id.is_some(), "{ack:?}");
    assert!(ack.draft_id.is_none());
    let by_bank = w.file(&w.bank_reporter, &body).await;
    assert_eq!(by_bank.status, "REJECTED", "{by_bank:?}");
    assert_eq!(by_bank.errors[0].code, "whistleblower_channel");
    let freeze_anonymously = w.file(&w.desk.anonymous(), &fixture("asset_freeze")).await;
    assert_eq!(freeze_anonymously.status, "REJECTED");
    let read = w
        .desk
        .reports(&w.desk.anonymous(), &ReportQuery::default())
        .await;
    assert!(
        matches!(read, Err(DeskError::Unauthenticated(_))),
        "{read:?}"
    );
}

async fn retries_with_an_idempotency_key_file_once(w: World) {
    let body = fixture("asset_freeze");
    let first = w
        .desk
        .submit(
            &w.bank_reporter,
            json_submission(&body, Some("freeze-2026-0001")),
        )
        .await
        .expect("first");
    let retry = w
        .desk
        .submit(
            &w.bank_reporter,
            json_submission(&body, Some("freeze-2026-0001")),
        )
        .await
        .expect("retry");
    assert_eq!(first.report_id, retry.report_id);
    assert!(!first.replayed);
    assert!(retry.replayed);
    let mut changed = body.clone();
    changed["envelope"]["narrative"]["reason"] = "Something else".into();
    let conflict = w
        .desk
        .submit(
            &w.bank_reporter,
            json_submission(&changed, Some("freeze-2026-0001")),
        )
        .await;
    assert!(
        matches!(conflict, Err(DeskError::Conflict(_))),
        "{conflict:?}"
    );
    let other_org = w
        .desk
        .submit(
            &w.other_reporter,
            json_submission(&body, Some("freeze-2026-0001")),
        )
        .await
        .expect("same key, other organisation");
    assert_ne!(other_org.report_id, first.report_id);
    let bad_key = w
        .desk
        .submit(&w.bank_reporter, json_submission(&body, Some("has spaces")))
        .await;
    assert!(matches!(bad_key, Err(DeskError::Invalid { .. })));
    let (_, total) = w
        .desk
        .reports(&w.analyst, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 2);
}

async fn rejected_reports_are_kept_as_drafts_not_filed(w: World) {
    let mut body = fixture("asset_freeze");
    body["assets"] = serde_json::json!([]);
    let ack = w.file(&w.bank_reporter, &body).await;
    assert_eq!(ack.status, "REJECTED");
    assert!(ack.report_id.is_none());
    assert!(
        ack.errors.iter().all(|e| e.pointer.starts_with('/')),
        "{ack:?}"
    );
    let draft_id = ack.draft_id.clone().expect("kept as a draft");
    let draft = w
        .desk
        .draft(&w.bank_reporter, &draft_id)
        .await
        .expect("draft");
    assert_eq!(draft.body, body);
    assert!(!draft.errors.is_empty());
    let (_, total) = w
        .desk
        .reports(&w.analyst, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 0);
}

async fn malformed_input_stores_nothing(w: World) {
    let cases = [
        Payload::Json(b"{\"envelope\": ".to_vec()),
        Payload::Xml(b"<report><envelope>".to_vec()),
        Payload::Csv {
            bytes: b"no_such_column\nx\n".to_vec(),
            envelope: serde_json::json!({"detected_at": "2026-11-01T00:00:00Z"}),
        },
        Payload::Json(vec![b' '; meldpunt_desk::MAX_REPORT_BYTES + 1]),
        Payload::Json(br#"{"envelope": {"narrative": {"reason": "a\u0000b"}}}"#.to_vec()),
    ];
    for payload in cases {
        let outcome = w
            .desk
            .submit(
                &w.bank_reporter,
                Submission {
                    channel: Channel::Api,
                    payload,
                    idempotency_key: None,
                    origin: "upload.dat".to_string(),
                },
            )
            .await;
        match outcome {
            Err(DeskError::Malformed(message)) => {
                assert!(message.contains("upload.dat"), "{message}")
            }
            other => panic!("expected a malformed-input error, got {other:?}"),
        }
    }
    let (_, total) = w
        .desk
        .reports(&w.analyst, &ReportQuery::default())
        .await
        .expect("list");
    assert_eq!(total, 0);
    assert!(w
        .desk
        .drafts(&w.bank_reporter)
        .await
        .expect("drafts")
        .is_empty());
}

async fn subjects_are_screened_with_versions(w: World) {
    let ack = w.file(&w.bank_reporter, &fixture("asset_freeze")).await;
    let screening = ack.screening.clone().unwrap_or_default();
    assert_eq!(screening["status"], "screened", "{screening}");
    assert_eq!(screening["list_versions"]["eu_fsf"], "42");
    assert!(screening["algorithm_version"].is_string());
    let hits = &screening["subjects"][0]["hits"];
    assert_eq!(hits[0]["entity_id"], "EU.77.1", "{screening}");
    assert!(hits[0]["features"]
        .as_array()
        .is_some_and(|f| !f.is_empty()));

    let mut undeclared = fixture("potential_hit");
    undeclared["subjects"][0]["names"] = serde_json::json!(["Ivan Petrovich Sidorov"]);
    undeclared["subjects"][0]
        .as_object_mut()
        .map(|s| s.remove("list_match"));
    let ack = w.file(&w.bank_reporter, &undeclared).await;
    if ack.status != "REJECTED" {
        assert!(
            ack.warnings.iter().any(|i| i.code == "undeclared_hit"),
            "{ack:?}"
        );
    }
}

async fn freeze_deadlines_run(w: World) {
    let ack = w.file(&w.bank_reporter, &fixture("asset_freeze")).await;
    let kinds: Vec<&str> = ack.deadlines.iter().map(|d| d.kind.as_str()).collect();
    assert!(!kinds.is_empty(), "{ack:?}");
    assert!(
        ack.deadlines
            .iter()
            .any(|d| d.authority.as_deref() == Some("EUROPEAN_COMMISSION") && d.met_at.is_none()),
        "{ack:?}"
    );
    assert!(ack.routes.iter().any(|r| r.authority == "DNB"), "{ack:?}");
}

async fn audit_chain_verifies_after_intake(w: World) {
    let ack = w.file(&w.bank_reporter, &fixture("confirmed_hit")).await;
    let id = ack.report_id.unwrap_or_default();
    w.desk.report(&w.bank_reporter, &id).await.expect("read");
    let _ = w.desk.report(&w.other_reporter, &id).await;
    let verification = w.desk.store().verify_audit().await.expect("verify");
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    let entries = w
        .desk
        .store()
        .audit_entries(0, 10_000)
        .await
        .expect("entries");
    let target = format!("report:{id}");
    let actions: Vec<&str> = entries
        .iter()
        .filter(|e| e.target == target)
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        ["report.create", "report.read", "report.read_denied"]
    );
}
