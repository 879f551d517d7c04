//! Tenant isolation and roles, endpoint by endpoint: organisation B cannot
//! read, list, modify or infer organisation A's reports, drafts, users or
//! keys; a foreign id is answered exactly like a missing one. Every case
//! runs on SQLite and PostgreSQL.

use crate::desk_app;

use axum::http::{Method, StatusCode};
use desk_app::{fixture, DeskApp, Reply};
use serde_json::json;

const MISSING: &str = "00000000-0000-4000-8000-000000000000";

on_both_backends!(
    reports_of_another_organisation_are_not_found,
    drafts_of_another_organisation_are_not_found,
    users_and_keys_of_another_organisation_are_out_of_reach,
    authority_viewers_see_only_what_was_routed_to_them,
    every_role_gets_exactly_its_rights,
);

/// The foreign answer must equal the missing answer, byte for byte, apart
/// from the id echoed in neither.
fn same_answer(foreign: &Reply, missing: &Reply) {
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.text);
    assert_eq!(foreign.status, missing.status);
    assert_eq!(
        foreign.json, missing.json,
        "a foreign id must not be distinguishable"
    );
}

async fn reports_of_another_organisation_are_not_found(app: DeskApp) {
    let id = app.file(&app.bank_key, &fixture("asset_freeze")).await;
    for token in [&app.other_key, &app.other_reporter, &app.other_admin] {
        for path in ["/api/v1/reports/{}", "/api/v1/reports/{}/acknowledgement"] {
            let foreign = app.get(&path.replace("{}", &id), token).await;
            let missing = app.get(&path.replace("{}", MISSING), token).await;
            same_answer(&foreign, &missing);
        }
        let list = app.get("/api/v1/reports", token).await;
        assert_eq!(list.json["total"], 0, "{}", list.text);
        let filtered = app
            .get("/api/v1/reports?report_type=ASSET_FREEZE", token)
            .await;
        assert_eq!(filtered.json["reports"], json!([]));
    }
    let mine = app
        .get(&format!("/api/v1/reports/{id}"), &app.bank_reporter)
        .await;
    assert_eq!(mine.status, StatusCode::OK);
    // Claiming to be the bank in the reporter block changes nothing.
    let mut spoof = fixture("asset_freeze");
    spoof["envelope"]["reporter"]["name"] = "Voorbeeldbank N.V.".into();
    let spoofed = app.file(&app.other_key, &spoof).await;
    let seen = app
        .get(&format!("/api/v1/reports/{spoofed}"), &app.bank_reporter)
        .await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/reports", &app.bank_key).await.json["total"],
        1
    );
}

async fn drafts_of_another_organisation_are_not_found(app: DeskApp) {
    let created = app
        .json(
            Method::POST,
            "/api/v1/drafts",
            Some(&app.bank_reporter),
            &json!({"envelope": {}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json["id"].as_str().unwrap_or_default().to_string();
    let token = &app.other_reporter;
    let calls: [(Method, &str); 4] = [
        (Method::GET, "/api/v1/drafts/{}"),
        (Method::PUT, "/api/v1/drafts/{}"),
        (Method::DELETE, "/api/v1/drafts/{}"),
        (Method::POST, "/api/v1/drafts/{}/submit"),
    ];
    for (method, path) in calls {
        let foreign = app
            .json(
                method.clone(),
                &path.replace("{}", &id),
                Some(token),
                &json!({}),
            )
            .await;
        let missing = app
            .json(
                method,
                &path.replace("{}", MISSING),
                Some(token),
                &json!({}),
            )
            .await;
        same_answer(&foreign, &missing);
    }
    assert_eq!(app.get("/api/v1/drafts", token).await.json, json!([]));
    let still = app
        .get(&format!("/api/v1/drafts/{id}"), &app.bank_reporter)
        .await;
    assert_eq!(still.json["body"], json!({"envelope": {}}), "untouched");
}

async fn users_and_keys_of_another_organisation_are_out_of_reach(app: DeskApp) {
    let users = app
        .get(
            &format!("/api/v1/orgs/{}/users", app.bank_org),
            &app.bank_admin,
        )
        .await;
    assert_eq!(users.status, StatusCode::OK);
    let bank_user = users.json[0]["id"].as_str().unwrap_or_default().to_string();
    let foreign_users = app
        .get(
            &format!("/api/v1/orgs/{}/users", app.bank_org),
            &app.other_admin,
        )
        .await;
    assert_eq!(foreign_users.status, StatusCode::FORBIDDEN);
    let foreign_org = app
        .get(&format!("/api/v1/orgs/{}", app.bank_org), &app.other_admin)
        .await;
    let missing_org = app
        .get(&format!("/api/v1/orgs/{MISSING}"), &app.other_admin)
        .await;
    same_answer(&foreign_org, &missing_org);
    for action in ["approve", "disable"] {
        let foreign = app
            .json(
                Method::POST,
                &format!("/api/v1/users/{bank_user}/{action}"),
                Some(&app.other_admin),
                &json!({}),
            )
            .await;
        let missing = app
            .json(
                Method::POST,
                &format!("/api/v1/users/{MISSING}/{action}"),
                Some(&app.other_admin),
                &json!({}),
            )
            .await;
        same_answer(&foreign, &missing);
    }
    let into_bank = app
        .json(
            Method::POST,
            "/api/v1/users",
            Some(&app.other_admin),
            &json!({
            "org_id": app.bank_org, "email": "mole@trust.example", "display_name": "Mole",
            "password": desk_app::PASSWORD, "role": "reporter"}),
        )
        .await;
    assert_eq!(
        into_bank.status,
        StatusCode::FORBIDDEN,
        "{}",
        into_bank.text
    );

    let bank_keys = app.get("/api/v1/api-keys", &app.bank_admin).await;
    let key_id = bank_keys.json[0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let other_keys = app.get("/api/v1/api-keys", &app.other_admin).await;
    assert!(other_keys
        .json
        .as_array()
        .is_some_and(|keys| keys.iter().all(|k| k["id"] != key_id.as_str())));
    let foreign = app
        .send(
            Method::DELETE,
            &format!("/api/v1/api-keys/{key_id}"),
            Some(&app.other_admin),
            None,
            &[],
            "",
        )
        .await;
    let missing = app
        .send(
            Method::DELETE,
            &format!("/api/v1/api-keys/{MISSING}"),
            Some(&app.other_admin),
            None,
            &[],
            "",
        )
        .await;
    same_answer(&foreign, &missing);
    let still_works = app.get("/api/v1/reports", &app.bank_key).await;
    assert_eq!(still_works.status, StatusCode::OK);
}

async fn authority_viewers_see_only_what_was_routed_to_them(app: DeskApp) {
    let freeze = app.file(&app.bank_key, &fixture("asset_freeze")).await;
    let licence = app.file(&app.bank_key, &fixture("licence_request")).await;
    let freeze_routes = routes_of(&app, &freeze).await;
    let licence_routes = routes_of(&app, &licence).await;
    for (token, code) in [(&app.dnb_viewer, "DNB"), (&app.fiod_viewer, "FIOD")] {
        let list = app.get("/api/v1/reports", token).await;
        for (id, routes) in [(&freeze, &freeze_routes), (&licence, &licence_routes)] {
            let expected = routes.iter().any(|r| r == code);
            let listed = list.json["reports"]
                .as_array()
                .is_some_and(|l| l.iter().any(|r| r["id"] == id.as_str()));
            assert_eq!(listed, expected, "{code} lists {id}: routes {routes:?}");
            let read = app.get(&format!("/api/v1/reports/{id}"), token).await;
            let status = if expected {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            };
            assert_eq!(read.status, status, "{code} reads {id}: routes {routes:?}");
        }
    }
    assert!(
        freeze_routes.iter().any(|r| r == "DNB"),
        "{freeze_routes:?}"
    );
}

async fn routes_of(app: &DeskApp, id: &str) -> Vec<String> {
    let view = app
        .get(&format!("/api/v1/reports/{id}"), &app.analyst)
        .await;
    view.json["routes"]
        .as_array()
        .map(|routes| {
            routes
                .iter()
                .filter_map(|r| r["authority"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn every_role_gets_exactly_its_rights(app: DeskApp) {
    let report = app.file(&app.bank_key, &fixture("potential_hit")).await;
    let body = fixture("potential_hit");
    let roles = [
        ("reporter", &app.bank_reporter),
        ("reporter_admin", &app.bank_admin),
        ("api_key", &app.bank_key),
        ("analyst", &app.analyst),
        ("authority_viewer", &app.fiod_viewer),
        ("admin", &app.admin),
    ];
    // (method, path, body, expected status per role in the order above)
    let report_path = format!("/api/v1/reports/{report}");
    let table: Vec<(Method, &str, serde_json::Value, [u16; 6])> = vec![
        (
            Method::POST,
            "/api/v1/reports",
            body.clone(),
            [201, 201, 201, 403, 403, 403],
        ),
        (
            Method::GET,
            "/api/v1/reports",
            json!(null),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Method::GET,
            &report_path,
            json!(null),
            [200, 200, 200, 200, 404, 200],
        ),
        (
            Method::GET,
            "/api/v1/drafts",
            json!(null),
            [200, 200, 200, 403, 403, 403],
        ),
        (
            Method::GET,
            "/api/v1/api-keys",
            json!(null),
            [403, 200, 403, 403, 403, 403],
        ),
        (
            Method::GET,
            "/api/v1/audit",
            json!(null),
            [403, 403, 403, 403, 403, 200],
        ),
        (
            Method::GET,
            "/api/v1/audit/verify",
            json!(null),
            [403, 403, 403, 403, 403, 200],
        ),
        (
            Method::POST,
            "/api/v1/orgs",
            json!({"name": "New B.V.", "sector": "bank"}),
            [403, 403, 403, 403, 403, 201],
        ),
        (
            Method::GET,
            "/api/v1/me",
            json!(null),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Method::GET,
            "/api/v1/deadlines/overdue",
            json!(null),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Method::POST,
            "/api/v1/reports/00000000-0000-4000-8000-000000000000/deadlines/commission_onward/met",
            json!({}),
            [403, 403, 403, 404, 403, 404],
        ),
    ];
    for (method, path, body, expected) in table {
        for ((role, token), status) in roles.iter().zip(expected) {
            let reply = if body.is_null() {
                app.send(method.clone(), path, Some(token), None, &[], "")
                    .await
            } else {
                app.json(method.clone(), path, Some(token), &body).await
            };
            assert_eq!(
                reply.status.as_u16(),
                status,
                "{role} {method} {path}: {}",
                reply.text
            );
        }
    }
    let verify = app.get("/api/v1/audit/verify", &app.admin).await;
    assert_eq!(verify.json["problems"], json!([]), "{}", verify.text);
}
