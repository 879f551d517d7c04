//! Case management over HTTP: every endpoint's role matrix (401 without a
//! credential, 403 for roles that do not work cases, 404 where the report
//! is outside the caller's scope, exactly like a missing one), answers
//! shaped as the OpenAPI description says, and the flow triage → assign →
//! decide → note → case view.

use crate::desk_app;

use axum::http::{Method, StatusCode};
use desk_app::{fixture, DeskApp, Reply};
use serde_json::{json, Value};

on_both_backends!(
    triage_is_for_analysts,
    assignment_role_matrix,
    case_view_role_matrix_and_isolation,
    decisions_and_notes_role_matrix,
    analyst_flow_end_to_end,
);

const MISSING: &str = "00000000-0000-4000-8000-000000000000";

struct Filed {
    freeze: String,
    vessel_event: String,
}

async fn file(app: &DeskApp) -> Filed {
    let mut freeze = fixture("asset_freeze");
    freeze["envelope"]["regimes"] = json!(["RUS"]);
    Filed {
        freeze: app.file(&app.bank_reporter, &freeze).await,
        vessel_event: app
            .file(&app.other_reporter, &fixture("vessel_event"))
            .await,
    }
}

/// Every caller but the reporting point's, with a name for messages.
fn outsiders(app: &DeskApp) -> Vec<(&'static str, &str)> {
    vec![
        ("bank key", &app.bank_key),
        ("bank reporter", &app.bank_reporter),
        ("bank admin", &app.bank_admin),
        ("other reporter", &app.other_reporter),
        ("other key", &app.other_key),
        ("DNB viewer", &app.dnb_viewer),
        ("FIOD viewer", &app.fiod_viewer),
    ]
}

async fn post(app: &DeskApp, uri: &str, token: Option<&str>, body: Value) -> Reply {
    app.json(Method::POST, uri, token, &body).await
}

/// The answer's keys are exactly the properties of the named schema.
fn assert_shape(json: &Value, schema: &str) {
    let spec = serde_json::to_value(meldpunt_web::openapi::spec()).expect("spec");
    let properties = spec["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema {schema} described"));
    let mut described: Vec<&String> = properties.keys().collect();
    let object = json
        .as_object()
        .unwrap_or_else(|| panic!("{schema}: {json}"));
    let mut answered: Vec<&String> = object.keys().collect();
    described.sort();
    answered.sort();
    assert_eq!(answered, described, "{schema}");
}

async fn triage_is_for_analysts(app: DeskApp) {
    let filed = file(&app).await;
    let uri = "/api/v1/triage?include_closed=true";
    for token in [&app.analyst, &app.admin] {
        let reply = app.get(uri, token).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.json["total"], 2);
        assert_shape(&reply.json, "TriagePage");
        assert_shape(&reply.json["items"][0], "TriageItem");
    }
    for (who, token) in outsiders(&app) {
        let reply = app.get(uri, token).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who}: {}", reply.text);
    }
    let anonymous = app
        .send(Method::GET, uri, None, None, &[], axum::body::Body::empty())
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let by_regime = app
        .get(
            "/api/v1/triage?regime=rus&include_closed=true",
            &app.analyst,
        )
        .await;
    let ids: Vec<&str> = by_regime.json["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, vec![filed.freeze.as_str()]);
    let by_type = app
        .get(
            "/api/v1/triage?report_type=VESSEL_EVENT&include_closed=true",
            &app.analyst,
        )
        .await;
    assert_eq!(by_type.json["items"][0]["id"], filed.vessel_event.as_str());
    for bad in ["min_score=2", "due_by=tomorrow"] {
        let reply = app
            .get(&format!("/api/v1/triage?{bad}"), &app.analyst)
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            reply.text
        );
    }
    for bad in ["colour=red", "page=-1", "overdue=maybe"] {
        let reply = app
            .get(&format!("/api/v1/triage?{bad}"), &app.analyst)
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            reply.text
        );
    }
}

async fn assignment_role_matrix(app: DeskApp) {
    let filed = file(&app).await;
    let uri = format!("/api/v1/reports/{}/assignment", filed.freeze);
    let me = json!({"assignee": "me"});
    for token in [&app.analyst, &app.admin] {
        let reply = post(&app, &uri, Some(token), me.clone()).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_shape(&reply.json, "Assignee");
    }
    let missing = format!("/api/v1/reports/{MISSING}/assignment");
    for (who, token) in outsiders(&app) {
        let foreign = post(&app, &uri, Some(token), me.clone()).await;
        assert_eq!(
            foreign.status,
            StatusCode::FORBIDDEN,
            "{who}: {}",
            foreign.text
        );
        let absent = post(&app, &missing, Some(token), me.clone()).await;
        assert_eq!(
            (absent.status, &absent.json),
            (foreign.status, &foreign.json),
            "{who}"
        );
    }
    assert_eq!(
        post(&app, &uri, None, me.clone()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let absent = post(&app, &missing, Some(&app.analyst), me.clone()).await;
    assert_eq!(absent.status, StatusCode::NOT_FOUND);
    let not_an_analyst = post(
        &app,
        &uri,
        Some(&app.analyst),
        json!({"assignee": "nobody"}),
    )
    .await;
    assert_eq!(
        not_an_analyst.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        not_an_analyst.text
    );
    let unknown_field = post(&app, &uri, Some(&app.analyst), json!({"user": "me"})).await;
    assert_eq!(unknown_field.status, StatusCode::BAD_REQUEST);
}

async fn case_view_role_matrix_and_isolation(app: DeskApp) {
    let filed = file(&app).await;
    let uri = format!("/api/v1/cases/{}", filed.freeze);
    for token in [&app.analyst, &app.admin] {
        let reply = app.get(&uri, token).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(reply.json["editable"], true);
        assert_shape(&reply.json, "CaseView");
    }
    // Routed to DNB: its viewer reads the case, read-only.
    let dnb = app.get(&uri, &app.dnb_viewer).await;
    assert_eq!(dnb.status, StatusCode::OK, "{}", dnb.text);
    assert_eq!(dnb.json["editable"], false);

    let missing = format!("/api/v1/cases/{MISSING}");
    let outside = [
        ("bank key", &app.bank_key),
        ("bank reporter", &app.bank_reporter),
        ("bank admin", &app.bank_admin),
        ("other reporter", &app.other_reporter),
        ("other key", &app.other_key),
        ("FIOD viewer", &app.fiod_viewer),
    ];
    for (who, token) in outside {
        let foreign = app.get(&uri, token).await;
        assert_eq!(
            foreign.status,
            StatusCode::NOT_FOUND,
            "{who}: {}",
            foreign.text
        );
        let absent = app.get(&missing, token).await;
        assert_eq!(
            (absent.status, &absent.json),
            (foreign.status, &foreign.json),
            "{who}"
        );
    }
    // The vessel event was not routed to DNB.
    let elsewhere = app
        .get(
            &format!("/api/v1/cases/{}", filed.vessel_event),
            &app.dnb_viewer,
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let anonymous = app
        .send(
            Method::GET,
            &uri,
            None,
            None,
            &[],
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

async fn decisions_and_notes_role_matrix(app: DeskApp) {
    let filed = file(&app).await;
    let decisions = format!("/api/v1/cases/{}/decisions", filed.freeze);
    let notes = format!("/api/v1/cases/{}/notes", filed.freeze);
    let decision = json!({"source": "eu_fsf", "entity_id": "EU.77.1", "decision": "CONFIRMED",
        "reason": "INN matches the listing."});
    let note = json!({"text": "Asked the bank for the account statement."});
    for (who, token) in outsiders(&app) {
        for (uri, body) in [(&decisions, &decision), (&notes, &note)] {
            let foreign = post(&app, uri, Some(token), body.clone()).await;
            assert_eq!(
                foreign.status,
                StatusCode::FORBIDDEN,
                "{who} {uri}: {}",
                foreign.text
            );
            let absent_uri = uri.replace(&filed.freeze, MISSING);
            let absent = post(&app, &absent_uri, Some(token), body.clone()).await;
            assert_eq!(
                (absent.status, &absent.json),
                (foreign.status, &foreign.json),
                "{who}"
            );
        }
    }
    for (uri, body) in [(&decisions, &decision), (&notes, &note)] {
        assert_eq!(
            post(&app, uri, None, body.clone()).await.status,
            StatusCode::UNAUTHORIZED
        );
        let absent = post(
            &app,
            &uri.replace(&filed.freeze, MISSING),
            Some(&app.analyst),
            body.clone(),
        )
        .await;
        assert_eq!(absent.status, StatusCode::NOT_FOUND, "{uri}");
        let plain = app
            .send(
                Method::POST,
                uri,
                Some(&app.analyst),
                Some("text/plain"),
                &[],
                body.to_string(),
            )
            .await;
        assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    let decided = post(&app, &decisions, Some(&app.analyst), decision.clone()).await;
    assert_eq!(decided.status, StatusCode::CREATED, "{}", decided.text);
    assert_shape(&decided.json, "MatchDecision");
    let noted = post(&app, &notes, Some(&app.admin), note.clone()).await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.text);
    assert_shape(&noted.json, "CaseEvent");

    let mut no_reason = decision.clone();
    no_reason["reason"] = json!(" ");
    let reply = post(&app, &decisions, Some(&app.analyst), no_reason).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text
    );
    let mut maybe = decision.clone();
    maybe["decision"] = json!("MAYBE");
    assert_eq!(
        post(&app, &decisions, Some(&app.analyst), maybe)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let mut not_hit = decision.clone();
    not_hit["entity_id"] = json!("EU.12.3");
    assert_eq!(
        post(&app, &decisions, Some(&app.analyst), not_hit)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let empty = post(&app, &notes, Some(&app.analyst), json!({"text": ""})).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn analyst_flow_end_to_end(app: DeskApp) {
    let filed = file(&app).await;
    let queue = app
        .get("/api/v1/triage?assignee=unassigned", &app.analyst)
        .await;
    assert!(queue.json["items"]
        .as_array()
        .is_some_and(|items| items.iter().any(|i| i["id"] == filed.freeze.as_str())));
    let assigned = post(
        &app,
        &format!("/api/v1/reports/{}/assignment", filed.freeze),
        Some(&app.analyst),
        json!({"assignee": "me"}),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.text);
    let mine = app.get("/api/v1/triage?assignee=me", &app.analyst).await;
    assert_eq!(mine.json["total"], 1);
    assert_eq!(mine.json["items"][0]["id"], filed.freeze.as_str());
    assert_eq!(
        mine.json["items"][0]["assignee"]["name"],
        "analyst@meldpunt.example"
    );

    let uri = format!("/api/v1/cases/{}", filed.freeze);
    for (decision, reason) in [
        ("CONFIRMED", "INN matches."),
        ("DISMISSED", "Different INN on file."),
    ] {
        let body = json!({"source": "eu_fsf", "entity_id": "EU.77.1", "decision": decision,
            "reason": reason, "notes": "second look"});
        let reply = post(&app, &format!("{uri}/decisions"), Some(&app.analyst), body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    }
    post(
        &app,
        &format!("{uri}/notes"),
        Some(&app.analyst),
        json!({"text": "Closed with DNB."}),
    )
    .await;
    let case = app.get(&uri, &app.analyst).await;
    let hit = case.json["hits"]
        .as_array()
        .and_then(|hits| hits.iter().find(|h| h["entity_id"] == "EU.77.1"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(hit["decision"]["decision"], "DISMISSED");
    assert_eq!(hit["history"][0]["decision"], "CONFIRMED");
    assert_shape(&hit, "CaseHit");
    let kinds: Vec<&str> = case.json["events"]
        .as_array()
        .map(|events| events.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    for kind in ["received", "routed", "assigned", "match_decided", "note"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert_shape(&case.json["events"][0], "CaseEvent");
    assert_shape(&case.json["deadlines"][0], "CaseDeadline");
    // The DNB viewer sees the same decisions, read-only.
    let dnb = app.get(&uri, &app.dnb_viewer).await;
    assert_eq!(dnb.json["hits"], case.json["hits"]);
}
